"""GUI export: File → Export writes GeoJSON / xlsx / a map off the UI thread, reports it, and asks before overwriting."""
from __future__ import annotations

import json

from PySide6.QtWidgets import QDialog, QMessageBox
from test_gui_project import answers, error_boxes, open_sample_project, wait_idle, window  # noqa: F401


def _dialog_does(monkeypatch, fmt, path, layer=None, seen=None):
    """Make ExportDialog.exec fill the form like a user and press Export."""
    from planner.ui.project.export_dialog import ExportDialog

    def run(self):
        self.set_format(fmt)
        if layer is not None:
            self.set_layer(layer)
        if seen is not None:
            seen["layer_enabled"] = self.layer_combo.isEnabled()
            seen["layers"] = [self.layer_combo.itemData(i) for i in range(self.layer_combo.count())]
            seen["suggested"] = self.path_edit.text()
        self.set_path(path)
        return QDialog.Accepted
    monkeypatch.setattr(ExportDialog, "exec", run)


def test_export_geojson_layer_writes_and_reports(window, qtbot, tmp_path, monkeypatch, answers, error_boxes):
    project = open_sample_project(qtbot, window)
    out = tmp_path / "phases.geojson"
    seen = {}
    _dialog_does(monkeypatch, "geojson", out, layer="phases", seen=seen)
    window.project_ui.actions.act_export.trigger()
    wait_idle(qtbot, window)
    assert seen["layer_enabled"] and seen["layers"] == ["", "phases", "communes"]
    assert seen["suggested"].endswith("Gers_test.geojson")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["features"]) == len(project.phases) > 3
    lon, lat = data["features"][0]["geometry"]["coordinates"][0][0][0]
    assert -1 < lon < 2 and 43 < lat < 45  # WGS84 longitude/latitude
    report = answers["asked"][-1]
    assert str(out) in report and f"phases: {len(project.phases)} features" in report
    assert error_boxes == []


def test_export_xlsx_reads_back(window, qtbot, tmp_path, monkeypatch, answers, error_boxes):
    import openpyxl

    project = open_sample_project(qtbot, window)
    out = tmp_path / "plan.xlsx"
    seen = {}
    _dialog_does(monkeypatch, "xlsx", out, seen=seen)
    window.project_ui.actions.export()
    wait_idle(qtbot, window)
    assert not seen["layer_enabled"]
    wb = openpyxl.load_workbook(out)
    assert len(wb.sheetnames) >= 3
    phase_sheet = next(wb[n] for n in wb.sheetnames if "phase" in n.lower())
    names = [row[1] for row in phase_sheet.iter_rows(min_row=2, values_only=True) if row[1]]
    assert sorted(names) == sorted(p.name for p in project.phases)
    assert str(out) in answers["asked"][-1]
    assert error_boxes == []


def test_export_refuses_to_overwrite_when_the_user_says_no(window, qtbot, tmp_path, answers, error_boxes):
    from planner.core.operations.export import Export

    project = open_sample_project(qtbot, window)
    out = tmp_path / "plan.xlsx"
    out.write_bytes(b"precious")
    actions = window.project_ui.actions
    answers["next"].append(QMessageBox.No)
    assert actions.run_export(Export("xlsx", str(out), project.scenario.name)) is None
    assert "plan.xlsx" in answers["asked"][-1] and out.read_bytes() == b"precious"
    assert not window.is_busy()

    answers["next"].append(QMessageBox.Yes)
    assert actions.run_export(Export("xlsx", str(out), project.scenario.name)) is not None
    wait_idle(qtbot, window)
    assert out.read_bytes()[:2] == b"PK"  # a real workbook replaced it
    assert error_boxes == []


def test_export_to_a_folder_asks_about_the_files_it_would_replace(window, qtbot, tmp_path, answers, error_boxes):
    from planner.core.operations.export import Export

    open_sample_project(qtbot, window)
    folder = tmp_path / "geojson"
    folder.mkdir()
    (folder / "communes.geojson").write_text("old")
    (folder / "unrelated.txt").write_text("keep")
    answers["next"].append(QMessageBox.No)
    assert window.project_ui.actions.run_export(Export("geojson", str(folder))) is None
    assert "communes.geojson" in answers["asked"][-1] and "phases.geojson" not in answers["asked"][-1]
    assert (folder / "communes.geojson").read_text() == "old"
    answers["next"].append(QMessageBox.Yes)
    window.project_ui.actions.run_export(Export("geojson", str(folder)))
    wait_idle(qtbot, window)
    assert json.loads((folder / "communes.geojson").read_text())["features"]
    assert (folder / "phases.geojson").exists() and (folder / "unrelated.txt").read_text() == "keep"
    assert error_boxes == []


def test_export_map_png_of_the_current_view(window, qtbot, tmp_path, answers, error_boxes):
    from PySide6.QtGui import QImage

    from planner.core.operations.export import Export

    open_sample_project(qtbot, window)
    out = tmp_path / "map.png"
    xmin, ymin, xmax, ymax = window.canvas.extent()
    window.project_ui.actions.run_export(Export("png", str(out)))
    wait_idle(qtbot, window)
    img = QImage(str(out))
    img.save("/tmp/rp_export_map.png")
    assert img.width() == 1600
    assert abs(img.height() / img.width() - (ymax - ymin) / (xmax - xmin)) < 0.01
    assert str(out) in answers["asked"][-1]
    assert error_boxes == []


def test_dialog_paths_follow_the_format_and_browse_uses_its_filter(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

    from planner.ui.project.export_dialog import ExportDialog

    project = open_sample_project(qtbot, window)
    dlg = ExportDialog(project, window.settings, window)
    qtbot.addWidget(dlg)
    dlg.set_path(tmp_path / "plan.gpkg")
    dlg.set_format("geojson")  # all layers: one file each, named after the output, beside it
    assert dlg.operation().output == str(tmp_path / "plan.geojson") and dlg.operation().layer is None
    assert "plan_phases.geojson, plan_communes.geojson " in dlg.hint.text()  # (no premise layer here)
    dlg.set_layer("communes")
    assert dlg.operation().output == str(tmp_path / "plan.geojson") and dlg.operation().layer == "communes"
    dlg.set_format("xlsx")
    assert not dlg.layer_combo.isEnabled() and dlg.operation().layer is None
    assert dlg.operation().output == str(tmp_path / "plan.xlsx")
    assert [dlg.scenario_combo.itemText(i) for i in range(dlg.scenario_combo.count())] == \
        [s.name for s in project.scenarios]

    calls = []

    def fake(parent, caption, directory="", filter="", *args, **kwargs):
        calls.append(filter)
        return str(tmp_path / "chosen"), filter
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    dlg.set_format("shp")
    dlg.set_layer("phases")
    dlg.browse.click()
    assert calls == ["Shapefile (*.shp)"]
    assert dlg.operation().output == str(tmp_path / "chosen.shp")
    dlg.set_path("")
    assert not dlg.buttons.button(QDialogButtonBox.Ok).isEnabled()
