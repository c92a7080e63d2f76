"""Quit → Discard closes at once (issue 15: "Ctrl+Q closes the window, but the process lives on 2–5 s"): what it
waited for was the recovery file being written in the writer process, which the discarded work no longer needs;
the write is stopped, and nothing it began is left in the recovery folder."""
from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication, QMessageBox

from planner.core.phases.phase_commands import AddPhase

from gui_helpers import make_window


def test_quit_discard_stops_the_recovery_being_written_instead_of_waiting(qtbot, tmp_path, monkeypatch):
    from planner.ui.project import autosave_timer

    recovery = tmp_path / "recovery"
    monkeypatch.setenv("ROLLOUT_PLANNER_RECOVERY_DIR", str(recovery))
    monkeypatch.setenv(autosave_timer.WRITER_PROCESS_ENV, "1")  # as the app writes (tests default to a thread)
    w = make_window(qtbot, tmp_path, plugins=True)  # the 114k-premise Gers sample: a recovery takes a while
    autosave = w.project_ui.autosave
    w.document.push(AddPhase(w.document.project, name="Unsaved work"))
    written = []
    autosave.written.connect(written.append)
    assert autosave.autosave_now() and autosave.busy
    qtbot.wait(300)  # the snapshot is in the writer process now, being written
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Discard))
    t0 = time.perf_counter()
    w.act_quit.trigger()
    closed_after = time.perf_counter() - t0
    assert not w.isVisible()
    qtbot.waitUntil(lambda: not autosave.busy, timeout=10000)
    QApplication.processEvents()
    assert written == []  # the recovery was stopped, not finished then deleted
    assert closed_after < 0.5, closed_after
    assert not [p.name for p in recovery.iterdir()] if recovery.exists() else True  # no file, no temporary
    assert autosave_timer._WRITER.proc is None  # nothing left for the process to wait for at exit
