"""GUI recovery: autosave writes a recovery file off the UI thread; check_recoveries() offers it; Recover/Discard/Later."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox
from test_gui_project import (answers, edit, error_boxes, open_sample_project, phase_signature,  # noqa: F401
                              sample_project, save_dialog, wait_idle, window)


def _write_crash_leftover(tmp_path, monkeypatch, name="Crashed plan", path=None):
    """A recovery file as a crashed session leaves it, written with the headless API."""
    from planner.io.project.autosave import write_recovery

    monkeypatch.setenv("ROLLOUT_PLANNER_RECOVERY_DIR", str(tmp_path / "recovery"))
    project = sample_project(name)
    project.path = path
    recovery = write_recovery(project)
    return project, recovery


def _choose(monkeypatch, action, select_all=False):
    """Make RecoveryDialog.exec press a button instead of waiting for the user; records what it listed."""
    from planner.ui.project.recovery_dialog import RecoveryDialog

    seen = {}

    def run(self):
        tree = self.tree
        seen["rows"] = [[tree.topLevelItem(i).text(c) for c in range(4)] for i in range(tree.topLevelItemCount())]
        self.grab().save(str(Path(seen.setdefault("dir", "/tmp")) / "rp_recovery_dialog.png"))
        if select_all:
            tree.selectAll()
        {"recover": self.recover, "discard": self.discard_selected, "later": self.reject}[action]()
        return self.result()
    monkeypatch.setattr(RecoveryDialog, "exec", run)
    return seen


def test_recover_loads_the_crashed_project_as_unsaved(window, qtbot, tmp_path, monkeypatch, error_boxes,
                                                      save_dialog):
    crashed, recovery = _write_crash_leftover(tmp_path, monkeypatch, path=str(tmp_path / "original.gpkg"))
    seen = _choose(monkeypatch, "recover")
    assert window.check_recoveries() is True
    wait_idle(qtbot, window)
    row = seen["rows"][0]
    assert row[0] == "Crashed plan" and int(row[2]) == len(crashed.phases) > 3
    assert row[3] == str(tmp_path / "original.gpkg") and row[1][:2] == "20"
    project = window.document.project
    assert project.name == "Crashed plan"
    assert phase_signature(project) == phase_signature(crashed)
    assert project.path == str(tmp_path / "original.gpkg")  # saving goes back to the original file
    assert window.isWindowModified()
    assert recovery.exists()  # kept until the recovered work is saved
    window.project_ui.actions.save()
    wait_idle(qtbot, window)
    assert (tmp_path / "original.gpkg").exists() and not window.isWindowModified()
    assert not recovery.exists()
    assert error_boxes == []


def test_discard_deletes_the_recovery_and_later_keeps_it(window, qtbot, tmp_path, monkeypatch, answers):
    from planner.io.project.autosave import find_recoveries

    _, recovery = _write_crash_leftover(tmp_path, monkeypatch)
    _choose(monkeypatch, "later")
    assert window.check_recoveries() is False
    assert recovery.exists() and window.document.project.communes is None

    _choose(monkeypatch, "discard")
    answers["next"].append(QMessageBox.Yes)
    assert window.check_recoveries() is False
    assert not recovery.exists() and find_recoveries() == []
    assert window.check_recoveries() is False  # nothing left: no dialog at all


def test_autosave_writes_a_recovery_off_the_ui_thread_and_save_clears_it(window, qtbot, tmp_path, save_dialog,
                                                                         error_boxes):
    from planner.io.project.autosave import find_recoveries, load_recovery

    autosave = window.project_ui.autosave
    open_sample_project(qtbot, window, with_phases=False)
    assert autosave.autosave_now() is False  # nothing to recover while unmodified
    autosave.debounce.setInterval(50)
    edit(window)
    assert autosave.debounce.isActive()
    with qtbot.waitSignal(autosave.written, timeout=60000) as blocker:
        pass
    path = blocker.args[0]
    assert path.exists() and autosave.last_seconds is not None
    found = find_recoveries()
    assert [r.path for r in found] == [path]
    assert found[0].project_name == "Gers test" and found[0].phases == len(window.document.project.phases)
    assert phase_signature(load_recovery(found[0])) == phase_signature(window.document.project)

    save_dialog["paths"].append(tmp_path / "saved.gpkg")
    window.project_ui.actions.save()
    wait_idle(qtbot, window)
    assert not path.exists() and find_recoveries() == []
    assert error_boxes == []


def test_editing_goes_on_while_the_recovery_is_written(window, qtbot):
    """The worker writes a snapshot: edits made meanwhile change the project, not the file being written."""
    autosave = window.project_ui.autosave
    open_sample_project(qtbot, window, with_phases=False)
    edit(window)
    started_with = len(window.document.project.phases)
    assert autosave.autosave_now() is True
    window.document.undo()  # back to no phases while the file is written
    with qtbot.waitSignal(autosave.written, timeout=60000) as blocker:
        pass
    from planner.io.project.project_file import load_project
    assert len(load_project(blocker.args[0]).phases) == started_with > 0
    assert window.document.project.phases == []


def test_quitting_and_discarding_removes_the_recovery(window, qtbot, answers):
    from planner.io.project.autosave import find_recoveries

    autosave = window.project_ui.autosave
    open_sample_project(qtbot, window, with_phases=False)
    edit(window)
    assert autosave.autosave_now()
    qtbot.waitUntil(lambda: not autosave.busy, timeout=60000)
    QApplication.processEvents()
    assert len(find_recoveries()) == 1
    answers["next"].append(QMessageBox.Discard)
    window.act_quit.trigger()
    assert not window.isVisible()
    assert find_recoveries() == []


def test_periodic_timer_follows_the_settings(window):
    autosave = window.project_ui.autosave
    assert not autosave.timer.isActive()  # the fixture sets autosave/minutes = 0
    window.settings.set_value("autosave/minutes", 3)  # as Edit → Preferences does
    autosave.apply_settings()
    assert autosave.timer.isActive() and autosave.timer.interval() == 3 * 60 * 1000
    window.settings.set_value("autosave/minutes", 7)
    window.set_project(sample_project(with_phases=False))
    edit(window)  # the next edit picks up the new interval
    assert autosave.timer.interval() == 7 * 60 * 1000
    window.settings.set_value("autosave/minutes", 0)
    edit(window)
    assert not autosave.timer.isActive()


def test_writer_process_returns_results_errors_and_falls_back(tmp_path, monkeypatch):
    monkeypatch.setenv("ROLLOUT_PLANNER_WRITER_PROCESS", "1")  # conftest turns it off for the other tests
    import pytest

    from planner.core.errors import PlannerError
    from planner.io.project.project_file import save_project
    from planner.ui.project.autosave_timer import call_in_writer_process

    project = sample_project(with_phases=False)
    out = call_in_writer_process(save_project, project, tmp_path / "w.gpkg")
    assert out == tmp_path / "w.gpkg" and out.exists()
    with pytest.raises(PlannerError, match="x.txt: a project file must end in .gpkg"):
        call_in_writer_process(save_project, project, tmp_path / "x.txt")
    with pytest.raises(OSError):
        call_in_writer_process(open, str(tmp_path / "missing" / "f"))
    local = []
    assert call_in_writer_process(lambda v: local.append(v) or 7, 3) == 7  # cannot pickle: ran here
    assert local == [3]


CRASHING_SESSION = r'''
import os, sys, time
sys.path.insert(0, sys.argv[1])
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from planner.ui.shell.main_window import MainWindow
from planner.ui.project.project_ui import install_project_ui
from planner.ui.shell.settings import Settings
from test_gui_project import edit, sample_project
w = MainWindow(settings=Settings(QSettings(sys.argv[2], QSettings.IniFormat)), plugins=False)
ui = install_project_ui(w)
w.set_project(sample_project("Lost at sea", with_phases=False))
edit(w)
ui.autosave.debounce.setInterval(10)
deadline = time.time() + 60
while ui.autosave.last_path is None and time.time() < deadline:
    app.processEvents()
    time.sleep(0.01)
print(len(w.document.project.phases), flush=True)
os._exit(3)  # a crash: no clean exit, no clean-up
'''


def test_recovery_after_a_crashed_session(window, qtbot, tmp_path, monkeypatch, error_boxes):
    import subprocess
    import sys

    from planner.io.project.autosave import find_recoveries

    env = dict(__import__("os").environ, ROLLOUT_PLANNER_RECOVERY_DIR=str(tmp_path / "recovery"))
    tests_dir = str(Path(__file__).resolve().parent)
    run = subprocess.run([sys.executable, "-c", CRASHING_SESSION, tests_dir, str(tmp_path / "crash.ini")],
                         env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 3, run.stderr[-2000:]
    phases = int(run.stdout.split()[-1])
    found = find_recoveries()
    assert len(found) == 1 and found[0].project_name == "Lost at sea" and found[0].phases == phases > 3
    _choose(monkeypatch, "recover")
    assert window.check_recoveries()
    wait_idle(qtbot, window)
    assert window.document.project.name == "Lost at sea" and len(window.document.project.phases) == phases
    assert window.isWindowModified() and error_boxes == []
