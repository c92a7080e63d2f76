"""Identify as the user met it (issue 15): communes reachable under premises, layer visibility is no edit, a premise
shows its phase, state and planned eligibility month at the slider's month, a commune its phase, units, coverage
and the share of its units in no phase."""
from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import Qt

from planner.core.phases import phase_commands as pc
from planner.core.simulation.premise_state import ELIGIBLE
from planner.ui.simulation.coverage_legend import state_labels

from gui_helpers import click_map, inner_point, make_window, wait_idle


def _demo_window(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path, plugins=True, sample=False)
    w.open_sample(demo_plan=True)
    wait_idle(qtbot, w)
    assert w.phase_ui.cache.wait() and w.coverage_ui.runner.wait() and w.coverage_ui.map_colours.wait()
    return w


def _state_in(panel):
    return next((k, v) for k, v in _rows(panel) if k.startswith("State in "))


def _rows(panel):
    return [(panel.table.item(i, 0).text(), panel.table.item(i, 1).text()) for i in range(panel.table.rowCount())]


def test_premise_identify_shows_phase_state_and_planned_month_at_the_slider(qtbot, tmp_path):
    w = _demo_window(qtbot, tmp_path)
    project, panel = w.document.project, w.identify_panel
    x, y = inner_point(w, "32013")
    click_map(w.canvas, x, y)
    assert panel.layer is project.premises.layer
    row = panel.row
    a = w.phase_ui.cache.assignment
    phase = project.phase_by_id(a.phase_ids[a.premise_phase[row]])
    assert panel.value("Phase") == phase.name
    result = w.coverage_ui.runner.result
    planned = panel.value("Planned eligible")
    t = result.month_index(planned)
    assert t > 0
    # at the slider's month the state shown is the map's colour of that premise
    key, state = _state_in(panel)
    assert key == f"State in {result.months[w.document.month]}"
    assert state == state_labels()[w.coverage_ui.map_colours.last_states[row]]
    # moving the slider to the planned month: the premise turns eligible then, not a month before
    w.document.set_month(t - 1)
    assert _state_in(panel) == (f"State in {result.months[t - 1]}", state_labels()[w.coverage_ui.map_colours
                                                                                    .last_states[row]])
    assert w.coverage_ui.map_colours.last_states[row] < ELIGIBLE
    w.document.set_month(t)
    assert w.coverage_ui.map_colours.last_states[row] >= ELIGIBLE
    assert _state_in(panel)[1] == state_labels()[w.coverage_ui.map_colours.last_states[row]]
    w.document.set_clean()


def test_communes_are_reachable_under_premises_and_show_phase_units_coverage(qtbot, tmp_path):
    w = _demo_window(qtbot, tmp_path)
    project, panel = w.document.project, w.identify_panel
    x, y = inner_point(w, "32013")
    assert w.premises_item.isVisible()
    # the user chooses Communes in the Layers panel: a click now identifies the commune, premises still drawn
    w.layers_panel.select_layer(project.communes.layer)
    click_map(w.canvas, x, y)
    assert panel.layer is project.communes.layer and panel.value("code_insee") == "32013"
    assert w.premises_item.isVisible()
    auch = project.communes.index_of("32013")
    a = w.phase_ui.cache.assignment
    phase = project.phase_by_id(a.phase_ids[a.commune_phase[auch]])
    assert panel.value("Phase") == phase.name
    assert panel.value("Units") == f"{int(a.commune_units[auch]):,}".replace(",", "\u202f")
    result = w.coverage_ui.runner.result
    w.document.set_month(24)
    pct = 100.0 * result.commune_eligible[auch, 24] / a.commune_units[auch]
    assert panel.value(f"Eligible in {result.months[24]}") == f"{pct:.1f} %"
    assert panel.value("Not planned") is None  # Auch is wholly in its phase
    # with Premises current again, the premise is identified
    w.layers_panel.select_layer(project.premises.layer)
    click_map(w.canvas, x, y)
    assert panel.layer is project.premises.layer
    # hiding the premise layer reaches communes too, and is no edit
    row = next(i for i, layer in enumerate(w.layers_panel.layers()) if layer is project.premises.layer)
    w.layers_panel.list.item(row).setCheckState(Qt.Unchecked)
    assert not w.premises_item.isVisible()
    assert not w.isWindowModified() and not w.document.is_modified()
    click_map(w.canvas, x, y)
    assert panel.layer is project.communes.layer
    assert "Communes is the current layer" in panel.hint.text()


def test_a_commune_partly_inside_a_drawn_zone_says_how_much_is_in_no_phase(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path, plugins=True)
    doc, panel = w.document, w.identify_panel
    project = doc.project
    auch = project.communes.index_of("32013")
    xmin, ymin, xmax, ymax = shapely.bounds(project.communes.geometries[auch])
    west = shapely.box(xmin - 10, ymin - 10, (xmin + xmax) / 2, ymax + 10)
    cmd = pc.AddPhase(project)
    doc.push(cmd)
    doc.push(pc.SetPhaseZone(project, cmd.phase.id, west))
    assert w.phase_ui.cache.wait() and w.coverage_ui.runner.wait() and w.coverage_ui.map_colours.wait()
    a = w.phase_ui.cache.assignment
    inside = (a.premise_commune == auch)
    units = project.premises.units
    phased = int(units[inside & (a.premise_phase >= 0)].sum())
    total = int(units[inside].sum())
    assert 0 < phased < total
    share = 100.0 * (total - phased) / total
    w.layers_panel.select_layer(project.communes.layer)
    x, y = inner_point(w, "32013")
    click_map(w.canvas, x, y)
    assert panel.value("Phase") == cmd.phase.name
    assert panel.value("Not planned") == (f"{share:.0f} % of its units are in no phase: the commune cannot reach "
                                          "100 % until a phase takes them")
    # the commune never gets past what its phase holds
    result = w.coverage_ui.runner.result
    assert result.commune_eligible[auch, -1] <= phased
    doc.set_clean()
