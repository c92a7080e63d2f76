"""Coverage over time in the main window: curves equal the simulation, slider recolours the map, tables, re-runs."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from planner.ui.shell.i18n import current_language

from planner.core.phases.phase_commands import SetPhaseAttribute
from planner.core.simulation.scenario_commands import SetScenarioParam
from planner.core.simulation.coverage import simulate
from planner.ui.simulation.coverage_legend import coverage_classes
from sim_fixtures import gers_project
from project_samples import sample_premises


@pytest.fixture
def window(qtbot):
    from planner.ui.shell.main_window import MainWindow

    project = gers_project()
    project.premises = sample_premises(project.communes, per_commune_cap=60)
    mw = MainWindow()
    qtbot.addWidget(mw)
    mw.show()
    mw.document.set_project(project)
    ui = mw.coverage_ui
    assert ui.runner.wait()
    assert ui.runner.result is not None, ui.runner.error
    yield mw
    mw.document.set_clean()  # closing must not ask to save the test's edits


def test_curves_equal_the_simulation(window):
    ui = window.coverage_ui
    expected = simulate(window.document.project, ui.runner.cache.assignment)
    x, y = ui.panel.curves["eligible"].getData()
    assert np.array_equal(y, expected.coverage_pct)
    assert np.array_equal(x, np.arange(len(expected.months)))
    assert np.array_equal(ui.panel.curves["connected"].getData()[1], expected.connected_pct)
    # one dotted curve per phase, summing to the territory curve
    phase_sum = sum(c.getData()[1] for c in ui.panel.phase_curves)
    assert np.allclose(phase_sum, expected.coverage_pct)
    # target lines are labelled with the month the eligible curve reaches them
    months = ui.panel.target_months()
    assert months[50.0] == expected.milestones[50]
    assert months[66.0] == expected.milestones[66]
    assert any(expected.milestones[50] in line.label.toPlainText() for line in ui.panel.target_lines)


def test_hover_and_selected_commune(window):
    ui = window.coverage_ui
    result = ui.runner.result
    auch = window.document.project.communes.index_of("32013")
    window.document.set_selected_communes([auch])
    y = ui.panel.commune_curve.getData()[1]
    assert np.allclose(y, result.commune_eligible[auch] * 100.0 / result.commune_units[auch])
    text = ui.panel.show_values_at(24)
    assert result.months[24] in text
    assert f"{result.coverage_pct[24]:.1f} %" in text
    assert ui.panel.hover_label.text() == text


def test_slider_moves_the_map_colouring(window, qtbot):
    ui = window.coverage_ui
    item = window.commune_item
    ui.slider.slider.setValue(6)
    assert window.document.month == 6 and ui.map_colours.wait()
    ui.map_colours.apply()
    early = item._fill_rgba.copy()
    early_states = ui.map_colours.last_states.copy()
    ui.slider.slider.setValue(40)
    late = item._fill_rgba.copy()
    assert not np.array_equal(early, late)
    result = ui.runner.result
    pct40 = result.commune_eligible[:, 40] / np.maximum(result.commune_units, 1) * 100
    assert (coverage_classes(pct40) == 5).sum() > (coverage_classes(result.commune_eligible[:, 6] /
                                                                  np.maximum(result.commune_units, 1) * 100) == 5).sum()
    # premises: more eligible-or-later premises later, and counts follow the commune series
    late_states = ui.map_colours.last_states
    assert (late_states >= 2).sum() > (early_states >= 2).sum()
    units = window.document.project.premises.units
    assert units[late_states >= 2].sum() == result.eligible[40] - _outside_units(window, result, 40)
    # the plot's month line follows the slider
    assert ui.panel.month_line.value() == 40
    assert ui.slider.label.text() == result.months[40]


def _outside_units(window, result, month):
    """Eligible units of planned premises outside every commune (coloured 'planned', not by commune)."""
    return int(result.eligible[month] - result.commune_eligible[:, month].sum())


def test_play_advances_the_month(window, qtbot):
    ui = window.coverage_ui
    ui.slider.timer.setInterval(5)
    ui.act_play.setChecked(True)
    assert ui.slider.is_playing()
    qtbot.waitUntil(lambda: window.document.month >= 3, timeout=2000)
    ui.act_play.setChecked(False)
    assert not ui.slider.is_playing()


def test_quarter_table_has_every_commune_and_regulator_headers(window):
    table = window.coverage_ui.quarter_table
    window.coverage_ui.table_dock.raise_()  # a hidden table fills when it is shown
    assert table.isVisible()
    model = table.model
    assert table.proxy.rowCount() == 458
    headers = [model.headerData(c, Qt.Horizontal) for c in
               range(model.columnCount())]
    q = "T" if current_language() == "fr" else "Q"  # the regulator's "T1 2019" in French, "Q1 2019" in English
    assert f"{q}1 2018" in headers and f"{q}1 2019" in headers and f"{q}4 2027" in headers
    result = window.coverage_ui.runner.result
    auch = window.document.project.communes.index_of("32013")
    col = headers.index(f"{q}4 2019")
    assert model.data(model.index(auch, col)) == result.commune_eligible[auch, result.month_index("2019-12")]
    assert model.data(model.index(auch, len(headers) - 2)) == (
        result.commune_quarter(auch, 50, current_language()) or "—")
    table.filter.setText("auch")
    names = {table.proxy.data(table.proxy.index(r, 1)) for r in range(table.proxy.rowCount())}
    assert "Auch" in names and all("auch" in n.lower() for n in names)
    table.filter.setText("")
    # numeric sort on units, largest first
    table.view.sortByColumn(2, Qt.DescendingOrder)
    first = [table.proxy.data(table.proxy.index(r, 2)) for r in range(5)]
    assert first == sorted(first, reverse=True) and first[0] == result.commune_units.max()


def test_phase_edit_reruns_the_simulation(window):
    ui = window.coverage_ui
    doc = window.document
    before = ui.panel.curves["eligible"].getData()[1].copy()
    runs = ui.runner.runs
    phase = doc.project.phases[0]
    doc.push(SetPhaseAttribute(doc.project, phase.id, "crews", phase.crews * 4))
    assert ui.runner.wait()
    after = ui.panel.curves["eligible"].getData()[1]
    assert ui.runner.runs > runs
    assert not np.array_equal(before, after)
    assert np.array_equal(after, simulate(doc.project, ui.runner.cache.assignment).coverage_pct)
    doc.undo()
    assert ui.runner.wait()
    assert np.array_equal(ui.panel.curves["eligible"].getData()[1], before)


def test_invalid_parameter_is_shown_not_plotted_silently(window):
    ui = window.coverage_ui
    doc = window.document
    doc.push(SetScenarioParam(doc.project, 0, "crews", -1.0, phase_id=doc.project.phases[0].id))
    assert ui.runner.wait()
    assert ui.runner.error
    assert not ui.panel.status_label.isHidden()
    assert doc.project.phases[0].name in ui.panel.status_label.text()
    assert "crews" in ui.panel.status_label.text()
    doc.undo()
    assert ui.runner.wait()
    assert ui.panel.status_label.isHidden()


def test_gantt_bars_follow_phase_dates(window):
    ui = window.coverage_ui
    result = ui.runner.result
    bars = ui.gantt.bars
    assert [b["name"] for b in bars] == result.phase_names
    first = bars[0]
    assert result.months[first["study_start"]] == result.phase_start[0]
    assert result.months[first["build_start"]] == result.phase_build_start[0]
    if result.phase_end[0] is not None:
        assert result.months[first["end"] - 1] == result.phase_end[0]


def test_a_burst_of_edits_costs_at_most_two_runs(window):
    ui = window.coverage_ui
    doc = window.document
    runs = ui.runner.runs
    for k, phase in enumerate(doc.project.phases[:6]):  # six edits in one event-loop turn
        doc.push(SetPhaseAttribute(doc.project, phase.id, "crews", 3.0 + k))
    assert ui.runner.wait()
    assert ui.runner.runs - runs <= 2
    assert np.array_equal(ui.panel.curves["eligible"].getData()[1],
                          simulate(doc.project, ui.runner.cache.assignment).coverage_pct)


def test_coverage_on_map_can_be_switched_off(window):
    ui = window.coverage_ui
    item = window.commune_item
    ui.slider.slider.setValue(30)
    assert item._fill_rgba is not None
    ui.act_coverage_map.setChecked(False)
    assert item._fill_rgba is None
    ui.slider.slider.setValue(50)
    assert item._fill_rgba is None
    ui.act_coverage_map.setChecked(True)
    assert item._fill_rgba is not None


def test_a_slow_simulation_runs_off_the_ui_thread(window, monkeypatch):
    import threading

    import planner.ui.simulation.simulation_runner as sr

    ui = window.coverage_ui
    doc = window.document
    threads = []
    real = sr.simulate_active

    def recording(project, assignment):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(project, assignment)

    monkeypatch.setattr(sr, "simulate_active", recording)
    ui.runner.last_duration_ms = 10 * sr.SYNC_LIMIT_MS  # as if the last run had been slow
    phase = doc.project.phases[2]
    doc.push(SetPhaseAttribute(doc.project, phase.id, "crews", 7.0))
    assert ui.runner.wait()
    assert threads and threads[0] is False
    assert np.array_equal(ui.panel.curves["eligible"].getData()[1],
                          simulate(doc.project, ui.runner.cache.assignment).coverage_pct)


def test_simulation_shortcuts_are_unique_in_the_window(window):
    from collections import Counter

    from PySide6.QtGui import QAction

    keys = Counter(k.toString() for a in window.findChildren(QAction) for k in a.shortcuts() if not k.isEmpty())
    ui = window.coverage_ui
    for act in [ui.act_coverage_map, ui.act_play, *ui.decision_actions.values()]:
        assert act.toolTip()
        assert keys[act.shortcut().toString()] == 1, act.text()


def test_many_phases_draw_only_the_largest_phase_curves(qtbot):
    from planner.core.project.model import Phase
    from planner.ui.simulation.coverage_panel import MAX_PHASE_CURVES
    from planner.ui.shell.main_window import MainWindow

    project = gers_project(phases_per_epci=False)
    codes = project.communes.codes
    project.phases = [Phase(id=i + 1, name=f"P{i + 1}", communes=codes[i::40].tolist()) for i in range(40)]
    mw = MainWindow()
    qtbot.addWidget(mw)
    mw.document.set_project(project)
    ui = mw.coverage_ui
    assert ui.runner.wait()
    result = ui.runner.result
    assert len(ui.panel.phase_curves) == MAX_PHASE_CURVES
    largest = np.sort(result.phase_units)[::-1][:MAX_PHASE_CURVES]
    finals = sorted((c.getData()[1][-1] for c in ui.panel.phase_curves), reverse=True)
    expected = sorted((result.phase_eligible[i, -1] * 100.0 / result.units
                       for i in np.argsort(-result.phase_units)[:MAX_PHASE_CURVES]), reverse=True)
    assert np.allclose(finals, expected) and len(largest) == MAX_PHASE_CURVES
    assert "40" in ui.panel.show_phases.toolTip()


def test_planned_premises_are_rings_on_screen_as_on_paper(window):
    """The palette draws 'planned' as a ring (told apart without colour); the screen did dots, print rings."""
    from PySide6.QtGui import QColor

    from planner.core.simulation.palette import STATE_COLOURS
    from planner.core.simulation.premise_state import STATES

    ui = window.coverage_ui
    assert ui.map_colours.wait()
    ui.map_colours.apply()
    item = window.premises_item
    assert item._hollow == tuple(k == "planned" for k in STATES)
    _, pixmap, side = item._atlas(9.0, 1.0, False)
    image = pixmap.toImage()

    def sprite(state, dx=0):
        k = STATES.index(state)
        return image.pixelColor(int(k * side + side / 2) + dx, int(side / 2))

    assert sprite("planned").alpha() == 0  # hollow at its centre
    edge = sprite("planned", dx=3)  # on the ring
    assert edge.alpha() > 200 and edge.name() == QColor(STATE_COLOURS["planned"]).name()
    assert sprite("eligible").name() == QColor(STATE_COLOURS["eligible"]).name() and sprite("eligible").alpha() == 255
    # and the legend shows the same shapes
    legend = ui.legend
    marks = [lab.parentWidget().findChildren(type(lab))[0].pixmap().toImage() for lab in legend.state_labels]
    centre = [m.pixelColor(m.width() // 2, m.height() // 2) for m in marks]
    assert centre[STATES.index("planned")].alpha() == 0
    assert centre[STATES.index("eligible")].name() == QColor(STATE_COLOURS["eligible"]).name()
