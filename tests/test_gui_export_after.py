"""After File ▸ Export (issue 15): the next export starts in the folder of the last one, the status bar no longer
says "Exporting…" behind the report, and message boxes leave room for their title."""
from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QMessageBox

from test_gui_export import _dialog_does
from test_gui_project import answers, error_boxes, open_sample_project, wait_idle, window  # noqa: F401


def test_export_remembers_its_folder_and_clears_the_status_bar(window, qtbot, tmp_path, monkeypatch, answers):
    open_sample_project(qtbot, window)
    folder = tmp_path / "exports for the council"
    folder.mkdir()
    seen = {}
    _dialog_does(monkeypatch, "geojson", folder / "phases.geojson", layer="phases", seen=seen)
    behind_the_report = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(
        lambda parent, title, text, *a, **k: behind_the_report.append(
            (title, window.task_progress.isVisible(), window.statusBar().currentMessage())) or QMessageBox.Ok))
    window.project_ui.actions.export()
    wait_idle(qtbot, window)
    assert (folder / "phases.geojson").exists()
    # while the report is up, the status bar says the export is done: no running bar, no Cancel
    assert behind_the_report == [("Export finished", False, "Exported phases.geojson.")]
    assert not window.task_progress.cancel_button.isVisible() and window.task_progress.label.text() == ""
    # the next export (another session of the dialog) starts in that folder, not in the home folder
    answers["next"] = [QMessageBox.No]  # (the same file again: not replaced)
    window.project_ui.actions.export()
    assert seen["suggested"].startswith(str(folder))
    wait_idle(qtbot, window)


def test_an_export_of_several_files_is_remembered_where_they_are(window, qtbot, tmp_path, monkeypatch, answers):
    open_sample_project(qtbot, window)
    seen = {}
    _dialog_does(monkeypatch, "csv", tmp_path / "tables", seen=seen)
    window.project_ui.actions.export()
    wait_idle(qtbot, window)
    assert (tmp_path / "tables_phases.csv").exists()  # every table beside the name given
    answers["next"] = [QMessageBox.No]
    window.project_ui.actions.export()
    wait_idle(qtbot, window)
    assert seen["suggested"].startswith(str(tmp_path / "Gers_test"))  # in that folder


def test_message_boxes_leave_room_for_their_title(qtbot):
    from planner.ui.shell.app import TITLE_ROOM, reserve_title_room

    app = QApplication.instance()
    reserve_title_room(app)
    box = QMessageBox(QMessageBox.Information, "Export finished", "Written:\n  a.csv")
    qtbot.addWidget(box)
    box.show()
    QApplication.processEvents()
    bold = QFont(app.font())
    bold.setBold(True)
    bold.setPointSizeF(bold.pointSizeF() * TITLE_ROOM)
    assert box.width() >= QFontMetrics(bold).horizontalAdvance("Export finished") + 50
    assert box.width() > QFontMetrics(app.font()).horizontalAdvance("Export finished") * 1.6
