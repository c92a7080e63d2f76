"""The window on a full disk and with a project shared by two sessions.

Save onto a full disk: one plain-words dialog (no SQL), the project stays modified, the file as it was.
Autosave onto a full disk: no dialog, one status-bar line, quiet retries until it works again.
Two sessions (windows) on one project file: the second learns who has it open; saving onto a file another
session changed asks (overwrite / save as / reload) instead of replacing their work."""
from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from fault_injection import inject
from test_gui_project import edit, make_project_window, open_sample_project, wait_idle


@pytest.fixture
def boxes(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append((self.windowTitle(), self.text())) or 0)
    return shown


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, boxes):
    w = make_project_window(qtbot, tmp_path, monkeypatch)
    return w


def _saved_project(qtbot, w, path):
    from planner.io.project.project_file import save_project

    project = open_sample_project(qtbot, w)
    save_project(project, path)
    w.project_ui.actions.load(str(path))
    wait_idle(qtbot, w)
    return w.document.project


def test_save_on_a_full_disk_shows_one_plain_message_and_keeps_the_work(window, qtbot, tmp_path, monkeypatch,
                                                                      boxes):
    folder = tmp_path / "key"
    folder.mkdir()
    path = folder / "plan.gpkg"
    _saved_project(qtbot, window, path)
    before = path.read_bytes()
    edit(window)
    assert window.isWindowModified()
    with pytest.MonkeyPatch.context() as mp:
        inject(mp, "full", folder)
        window.project_ui.actions.act_save.trigger()
        wait_idle(qtbot, window)
    assert len(boxes) == 1
    title, text = boxes[0]
    assert title == "File not written"
    assert str(path) in text and "the disk is full" in text and "previous file is unchanged" in text
    assert "still open and unsaved" in text
    assert "CREATE" not in text and "sqlite" not in text.lower() and len(text) < 500
    assert window.isWindowModified() and window.document.is_modified()
    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == [".~plan.gpkg.lock", "plan.gpkg"]


def test_autosave_on_a_full_disk_retries_quietly(window, qtbot, tmp_path, monkeypatch, boxes):
    from planner.ui.project import autosave_timer

    ctl = window.project_ui.autosave
    open_sample_project(qtbot, window)
    edit(window)
    recovery = tmp_path / "recovery"
    line = window.project_ui.autosave_line
    with pytest.MonkeyPatch.context() as mp:
        inject(mp, "full", recovery)
        assert ctl.autosave_now()
        qtbot.waitUntil(lambda: not ctl.busy, timeout=30000)
        assert boxes == []  # no dialog
        assert ctl.failing and ctl.retry.isActive()
        assert line.isVisible() and "retrying" in line.text() and "disk is full" in line.toolTip()
        assert list(recovery.glob("*")) == []  # no temporary left
        assert window.isWindowModified()
        # a second failure adds no dialog and keeps one line
        assert ctl.autosave_now()
        qtbot.waitUntil(lambda: not ctl.busy, timeout=30000)
        assert boxes == [] and ctl.failing
    # room again: the retry writes the recovery and the line goes
    assert autosave_timer.RETRY_SECONDS >= 30  # in use: a quiet retry a minute, not a dialog
    ctl.retry.setInterval(50)
    ctl.retry.start()
    qtbot.waitUntil(lambda: not ctl.failing, timeout=30000)
    assert not line.isVisible() and ctl.last_path is not None and ctl.last_path.exists()


def test_two_sessions_on_one_project_file(window, qtbot, tmp_path, monkeypatch, boxes):
    from planner.io.project import lock
    from planner.io.project.project_file import load_project

    path = tmp_path / "shared.gpkg"
    _saved_project(qtbot, window, path)
    info = lock.read_lock(path)
    assert info is not None and info.mine() and info.pid == os.getpid()

    # the second session: another window of another (simulated) process
    (tmp_path / "b").mkdir()
    other = make_project_window(qtbot, tmp_path / "b", monkeypatch)
    monkeypatch.setattr(lock.LockInfo, "mine", lambda self: False)  # seen from the other session
    monkeypatch.setattr(lock.LockInfo, "stale", lambda self: False)
    asked = []

    def question(parent, title, text, buttons=None, default=None):
        asked.append(text)
        return QMessageBox.Open

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    other.project_ui.actions.open_project(str(path))
    wait_idle(qtbot, other)
    assert len(asked) == 1 and "already open" in asked[0] and info.user in asked[0] and info.host in asked[0]
    assert other.document.project.path == str(path)
    monkeypatch.setattr(lock.LockInfo, "mine", lambda self: self.pid == os.getpid())
    monkeypatch.setattr(lock.LockInfo, "stale", lambda self: False)

    # the second session saves a change first
    other.document.project.name = "Their change"
    edit(other)
    other.project_ui.actions.save()
    wait_idle(qtbot, other)
    assert load_project(path).name == "Their change"
    theirs = path.read_bytes()

    # the first session saves: it is asked, and 'cancel' keeps their file
    edit(window)
    choices = []

    def ask(path_):
        choices.append(path_)
        return "cancel"
    monkeypatch.setattr(window.project_ui.actions.guard, "ask_changed", ask)
    window.project_ui.actions.save()
    wait_idle(qtbot, window)
    assert choices == [str(path)] and path.read_bytes() == theirs and window.isWindowModified()

    # 'save as' writes elsewhere and leaves their file alone
    copy = tmp_path / "mine.gpkg"
    monkeypatch.setattr(window.project_ui.actions.guard, "ask_changed", lambda p: "save_as")
    monkeypatch.setattr(window.project_ui.actions, "ask_save_path", lambda: str(copy))
    window.project_ui.actions.save()
    wait_idle(qtbot, window)
    assert copy.exists() and path.read_bytes() == theirs and not window.isWindowModified()

    # 'overwrite' replaces theirs (asked again: the file changed since this session last saw it)
    window.project_ui.actions.load(str(path))
    wait_idle(qtbot, window)
    edit(other)
    other.project_ui.actions.save()
    wait_idle(qtbot, other)
    edit(window)
    monkeypatch.setattr(window.project_ui.actions.guard, "ask_changed", lambda p: "save")
    window.project_ui.actions.save()
    wait_idle(qtbot, window)
    assert path.read_bytes() != theirs and not window.isWindowModified()
    other.close()
    QApplication.processEvents()


def test_a_stale_lock_is_taken_over(tmp_path):
    import json
    import socket

    from planner.io.project import lock

    project = tmp_path / "p.gpkg"
    project.write_bytes(b"x")
    dead = 2 ** 22 + 12345  # no such process
    lock.lock_path(project).write_text(json.dumps({"user": "bob", "host": socket.gethostname(), "pid": dead,
                                                   "since": "2026-01-01T10:00:00+00:00"}))
    assert lock.read_lock(project).stale() and lock.holder(project) is None
    assert lock.acquire(project)
    assert lock.read_lock(project).mine()
    lock.release(project)
    assert not lock.lock_path(project).exists()
    # a live lock of another computer is reported by name and time
    lock.lock_path(project).write_text(json.dumps({"user": "alice", "host": "laptop-3", "pid": 42,
                                                   "since": "2026-03-02T13:05:00+00:00"}))
    other = lock.holder(project)
    assert other is not None and other.describe().startswith("alice on laptop-3 since 2026-03-02")
    lock.release(project)  # not ours: kept
    assert lock.lock_path(project).exists()


@pytest.mark.parametrize("kind", ["full", "read_only"])
def test_export_to_a_full_or_read_only_disk_shows_one_message(window, qtbot, tmp_path, boxes, kind):
    from planner.core.operations.export import Export

    open_sample_project(qtbot, window)
    folder = tmp_path / "key"
    folder.mkdir()
    out = folder / "plan.xlsx"
    out.write_bytes(b"yesterday's plan")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Yes))  # replace it
        inject(mp, kind, folder)
        window.project_ui.actions.run_export(Export(fmt="xlsx", output=str(out)))
        wait_idle(qtbot, window)
    assert len(boxes) == 1 and boxes[0][0] == "File not written"
    assert str(out) in boxes[0][1] and ("disk is full" if kind == "full" else "read-only") in boxes[0][1]
    assert out.read_bytes() == b"yesterday's plan" and sorted(p.name for p in folder.iterdir()) == ["plan.xlsx"]
