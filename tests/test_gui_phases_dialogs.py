"""Phase dialogs and validation panel in the main window: one phase per code_epci, import zones, zoom to a problem."""
from __future__ import annotations


import numpy as np
import pytest
import shapely
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog

from planner.core.phases import phase_commands as pc
from planner.core.phases.assignment import assign
from planner.ui.phases import phase_dialogs


from gui_helpers import sample_copy, window_on

pytestmark = pytest.mark.usefixtures("no_modal_dialogs")


@pytest.fixture
def window(qtbot, sample):
    return window_on(qtbot, sample_copy(sample))


def test_one_phase_per_code_epci(window, monkeypatch):
    mw, ui = window, window.phase_ui
    project = mw.document.project
    epci = project.communes.layer.fields["code_epci"].astype(str)
    n_epci = len(np.unique(epci))
    monkeypatch.setattr(phase_dialogs.PhasesByFieldDialog, "exec", lambda self: (
        self.field_combo.setCurrentText("code_epci"), self.order_combo.setCurrentIndex(0), 1)[-1])
    ui.act_by_field.trigger()
    assert len(project.phases) == n_epci
    # each phase holds exactly the communes of one EPCI and is named after it (nom_epci)
    names = project.communes.layer.fields["nom_epci"].astype(str)
    for phase in project.phases:
        rows = [project.communes.index_of(c) for c in phase.communes]
        assert len(set(epci[rows])) == 1
        assert phase.name == names[rows[0]]
        assert len(rows) == int((epci == epci[rows[0]]).sum())
    assert ui.cache.wait()
    units = ui.cache.units_by_phase_id()
    ordered = [units[p.id] for p in project.phases]
    assert ordered == sorted(ordered, reverse=True)  # most units first
    assert sum(ordered) == ui.cache.assignment.total_units - ui.cache.assignment.unplanned_units
    assert ui.panel.model.rowCount() == n_epci
    mw.document.undo()
    assert project.phases == []


def test_dialog_preview_lists_the_values(window, qtbot):
    dlg = phase_dialogs.PhasesByFieldDialog(window.document, window)
    qtbot.addWidget(dlg)
    dlg.field_combo.setCurrentText("code_epci")
    assert dlg.name_combo.currentData() == "nom_epci"
    epci = window.document.project.communes.layer.fields["code_epci"].astype(str)
    assert dlg.preview.topLevelItemCount() == len(np.unique(epci))
    counts = sum(int(dlg.preview.topLevelItem(i).text(2)) for i in range(dlg.preview.topLevelItemCount()))
    assert counts == len(epci)


def _write_zones(path, geoms, phases, labels):
    import fiona
    from shapely.geometry import mapping

    schema = {"geometry": "Polygon", "properties": {"PHASE": "int", "LABEL": "str"}}
    with fiona.open(path, "w", driver="GPKG", crs="EPSG:2154", schema=schema, layer="zones") as dst:
        for g, ph, lab in zip(geoms, phases, labels):
            dst.write({"geometry": mapping(g), "properties": {"PHASE": ph, "LABEL": lab}})


def test_import_phase_zones_from_a_file(window, qtbot, tmp_path, monkeypatch):
    from shapely.geometry import box

    mw = window
    project = mw.document.project
    xmin, ymin, xmax, ymax = project.communes.layer.bounds
    midx, midy = (xmin + xmax) / 2, (ymin + ymax) / 2
    geoms = [box(xmin, ymin, midx, midy), box(xmin, midy, midx, ymax), box(midx, ymin, xmax, ymax)]
    path = tmp_path / "zones.gpkg"
    _write_zones(str(path), geoms, [2, 2, 1], ["b", "c", "a"])
    chosen = {}

    def fake_exec(self):
        assert self.field_combo.currentText() == "PHASE"  # guessed from the name
        assert self.preview.topLevelItemCount() == 2
        chosen["dialog"] = self
        return QDialog.Accepted

    monkeypatch.setattr(phase_dialogs.ImportZonesDialog, "exec", fake_exec)
    phase_dialogs.import_phase_zones(mw, mw.document, str(path))
    qtbot.waitUntil(lambda: not mw.is_busy() and "dialog" in chosen, timeout=10000)
    assert [p.name for p in project.phases] == ["Phase 1", "Phase 2"]
    assert project.phases[0].zone.area == pytest.approx(geoms[2].area, rel=1e-6)
    assert project.phases[1].zone.area == pytest.approx(geoms[0].area + geoms[1].area, rel=1e-6)
    assert mw.phase_ui.cache.wait()
    expected = assign(project)
    units = mw.phase_ui.cache.units_by_phase_id()
    assert units == {p.id: int(u) for p, u in zip(project.phases, expected.phase_units)}
    assert expected.unplanned_units == 0  # the two halves cover the whole département
    assert mw.document.undo_text().startswith("Import 2 phases")


def test_validation_click_zooms_to_the_overlap(window, qtbot):
    mw, ui = window, window.phase_ui
    project = mw.document.project
    c = project.communes
    auch = c.geometries[c.index_of("32013")]
    cx, cy = auch.centroid.x, auch.centroid.y
    from shapely.geometry import box

    mw.document.push(pc.AddPhase(project, zone=box(cx - 4000, cy - 4000, cx + 2000, cy + 2000)))
    mw.document.push(pc.AddPhase(project, zone=box(cx, cy, cx + 6000, cy + 6000)))
    mw.document.push(pc.AddPhase(project))  # empty
    assert ui.cache.wait()
    panel = ui.validation
    panel.check_now()
    qtbot.waitUntil(lambda: not panel.busy and len(panel.issues) == 2, timeout=10000)
    kinds = sorted(i.kind for i in panel.issues)
    assert kinds == ["empty", "overlap"]
    row = next(k for k, i in enumerate(panel.issues) if i.kind == "overlap")
    issue = panel.issues[row]
    assert issue.bounds == pytest.approx((cx, cy, cx + 2000, cy + 2000))
    mw.canvas.zoom_to(c.layer.bounds)
    QApplication.processEvents()
    before = mw.canvas.extent()
    item = panel.tree.topLevelItem(row)
    rect = panel.tree.visualItemRect(item)
    qtbot.mouseClick(panel.tree.viewport(), Qt.LeftButton, pos=rect.center())
    after = mw.canvas.extent()
    assert after != before
    # the new extent contains the overlap and is about its size (10 % margins, aspect widened)
    assert after[0] <= cx and after[1] <= cy and after[2] >= cx + 2000 and after[3] >= cy + 2000
    assert min(after[2] - after[0], after[3] - after[1]) < 2000 * 1.5
    assert mw.document.current_phase_id == project.phases[0].id
    # the overlap itself is outlined on the map
    assert not ui.issue_item.is_empty()
    r = ui.issue_item.boundingRect()
    assert (r.left(), r.top(), r.right(), r.bottom()) == pytest.approx((cx, cy, cx + 2000, cy + 2000))


def test_zoom_to_phase_from_the_row_number(window, qtbot):
    mw, ui = window, window.phase_ui
    project = mw.document.project
    codes = project.communes.codes
    epci = project.communes.layer.fields["code_epci"].astype(str)
    ui.panel.add_phase()
    mw.document.push(pc.AddPhase(project, communes=[str(c) for c in codes[epci == epci[0]]]))
    expected = shapely.total_bounds(project.communes.geometries[epci == epci[0]])
    mw.canvas.zoom_to(project.communes.layer.bounds)
    QApplication.processEvents()
    header = ui.panel.table.verticalHeader()
    y = header.sectionViewportPosition(1) + header.sectionSize(1) // 2
    qtbot.mouseDClick(header.viewport(), Qt.LeftButton, pos=QPoint(header.width() // 2, y))
    assert mw.document.current_phase_id == project.phases[1].id
    x0, y0, x1, y1 = mw.canvas.extent()
    assert x0 <= expected[0] and y0 <= expected[1] and x1 >= expected[2] and y1 >= expected[3]
    assert min(x1 - x0, y1 - y0) < 1.5 * max(expected[2] - expected[0], expected[3] - expected[1])
    # a phase with neither zone nor communes: nothing to zoom to, the extent stays
    mw.document.set_current_phase(project.phases[0].id)
    assert not ui.zoom_to_current_phase()
    assert mw.canvas.extent() == (x0, y0, x1, y1)
