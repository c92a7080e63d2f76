"""File → Publish: the web map, the per-address forecast and the QGIS project from the window, off the UI thread."""
from __future__ import annotations

import csv
import io
import zipfile

from PySide6.QtWidgets import QDialog, QMenu
from test_gui_project import answers, error_boxes, open_sample_project, wait_idle, window  # noqa: F401


def _publish(monkeypatch, fmt, path, seen):
    from planner.ui.project.export_dialog import ExportDialog

    def run(self):
        seen["format"] = self.fmt()
        seen["suggested"] = self.path_edit.text()
        seen["hint"] = self.hint.text()
        self.set_path(path)
        return QDialog.Accepted
    monkeypatch.setattr(ExportDialog, "exec", run)


def _publish_action(window, fmt):
    menu = window.findChild(QMenu, "publishMenu")
    assert menu is not None and menu.menuAction() in window.menu("File").actions()
    act = window.project_ui.actions.act_publish[fmt]
    assert act in menu.actions() and act.isEnabled()
    return act


def test_publish_web_map_from_the_menu(window, qtbot, tmp_path, monkeypatch, answers, error_boxes):
    open_sample_project(qtbot, window)
    seen = {}
    out = tmp_path / "site"
    _publish(monkeypatch, "web", out, seen)
    _publish_action(window, "web").trigger()
    wait_idle(qtbot, window)
    assert seen["format"] == "web" and "." not in seen["suggested"].rsplit("/", 1)[-1]  # a folder, not a file
    assert "index.html" in seen["hint"]
    assert (out / "index.html").exists() and (out / "data" / "plan.js").exists()
    assert (out / "vendor" / "leaflet" / "LICENSE").exists()
    assert str(out / "index.html") in answers["asked"][-1]
    assert error_boxes == []


def test_publish_forecast_and_qgis_from_the_menu(window, qtbot, tmp_path, monkeypatch, answers, error_boxes):
    from project_samples import sample_project

    open_sample_project(qtbot, window)
    assert not window.project_ui.actions.act_publish["addresses"].isEnabled()  # no premise layer: nothing to list
    window.set_project(sample_project(per_commune_cap=20))
    qtbot.wait(10)
    project = window.document.project
    seen = {}
    out = tmp_path / "forecast.csv"
    _publish(monkeypatch, "addresses", out, seen)
    _publish_action(window, "addresses").trigger()
    wait_idle(qtbot, window)
    assert seen["suggested"].endswith(".csv")
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert len(rows) == len(project.premises) + 1 and "eligible_quarter" in rows[0]
    qgz = tmp_path / "plan.qgz"
    _publish(monkeypatch, "qgis", qgz, seen)
    _publish_action(window, "qgis").trigger()
    wait_idle(qtbot, window)
    assert seen["suggested"].endswith(".qgz")
    assert zipfile.ZipFile(qgz).namelist() == ["plan.qgs"] and (tmp_path / "plan.gpkg").exists()
    assert error_boxes == []
