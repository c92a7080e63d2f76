"""The window observes the core Session: one undo stack, Edit menu, saved state, and Quit → Discard (issue 15)."""
from __future__ import annotations

import weakref

import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from test_gui_project import edit, make_project_window, open_sample_project
from planner.core.project.session import Session
from planner.core.simulation.scenario_commands import SetScenarioParam


def test_edit_menu_and_title_follow_the_session(qtbot, tmp_path, monkeypatch):
    w = make_project_window(qtbot, tmp_path, monkeypatch)
    open_sample_project(qtbot, w, with_phases=False)
    session = w.document.session
    assert isinstance(session, Session) and session.project is w.document.project
    assert not w.act_undo.isEnabled() and w.act_undo.text() == "&Undo"
    assert not w.act_redo.isEnabled() and w.act_redo.text() == "&Redo"
    assert not w.isWindowModified() and not w.project_ui.actions.act_revert.isEnabled()

    # two parameter edits of one field merge into one step, as Qt's stack merged them
    project = session.project
    session.push(SetScenarioParam(project, 0, "marketing_delay_months", 4))
    session.push(SetScenarioParam(project, 0, "marketing_delay_months", 5))
    assert session.count() == 1 and w.isWindowModified()
    assert w.act_undo.isEnabled() and w.act_undo.text() == f"&Undo {session.undo_label()}"
    assert w.act_undo.toolTip().startswith(f"Undo {session.undo_label()} (")

    w.act_undo.trigger()  # the Edit menu undoes on the session itself
    assert project.scenario.marketing_delay_months != 5 and not session.can_undo()
    assert not w.isWindowModified() and w.act_redo.isEnabled() and not w.act_undo.isEnabled()
    w.act_redo.trigger()
    assert project.scenario.marketing_delay_months == 5 and w.isWindowModified()

    # a save marks the session clean; an edit during the save keeps it unsaved
    w.document.set_clean()
    assert not w.isWindowModified() and not w.document.is_modified()
    w.document.reset_clean()
    assert w.isWindowModified()


def test_quit_discard_closes_and_frees_the_window_without_a_traceback(qtbot, tmp_path, monkeypatch):
    """Quit → Discard on a modified project: the window closes; destroying it then touches no deleted Qt object
    (it used to raise 'QUndoStack already deleted' from the clean-state slot) and the session forgets it."""
    from planner.ui.project.project_ui import install_project_ui
    from planner.ui.shell.main_window import MainWindow
    from planner.ui.shell.settings import Settings

    monkeypatch.setenv("ROLLOUT_PLANNER_RECOVERY_DIR", str(tmp_path / "recovery"))
    w = MainWindow(settings=Settings(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)), plugins=False)
    install_project_ui(w)
    w.show()
    open_sample_project(qtbot, w, with_phases=False)
    edit(w)
    session = w.document.session
    assert w.isWindowModified() and session.is_modified()
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Discard))
    w.act_quit.trigger()
    assert not w.isVisible()
    document = weakref.ref(w.document)
    shiboken6.delete(w)  # what the end of the application does to the closed window
    QApplication.processEvents()
    # the session outlives the window: its events reach no deleted object
    session.undo()
    session.set_clean()
    assert document() is None or not shiboken6.isValid(document())
