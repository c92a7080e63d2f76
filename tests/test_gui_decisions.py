"""Planning decisions in the GUI: goal seek, scenario comparison, uncertainty bands, actuals (calibration:
tests/test_gui_calibration.py)."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from conftest import ARCEP_CSV
from planner.core.decisions.goal_seek import goal_seek
from planner.core.simulation.scenario_commands import SetScenarioParam
from planner.core.simulation.coverage import inputs_from
from planner.core.decisions.uncertainty import run_ensemble
from planner.ui.shell.i18n import current_language
from gui_helpers import gers_window


@pytest.fixture
def window(qtbot):
    mw = gers_window(qtbot)
    assert mw.coverage_ui.runner.result is not None
    yield mw
    mw.document.set_clean()  # closing must not ask to save the test's edits


def test_simulation_menu_has_the_decisions_with_shortcuts(window):
    titles = [a.text() for a in window.menu("Simulation").actions()]
    for text in ("&Goal seek…", "&Compare scenarios", "&Uncertainty…", "Import &actuals…",
                 "Ca&librate on actuals…", "Coverage on &map", "&Play rollout"):
        assert text in titles
    for act in window.coverage_ui.decision_actions.values():
        assert not act.shortcut().isEmpty() and act.toolTip()


def test_goal_seek_answer_equals_the_core_and_applies_as_a_scenario(window):
    ui = window.coverage_ui
    doc = window.document
    dlg = ui.open_goal_seek()
    dlg.target.setValue(66.0)
    dlg.by.setText("2019-06")
    dlg.find()
    assert dlg.wait()
    core = goal_seek(doc.project, 66.0, "2019-06", vary="crews", assignment=ui.runner.cache.assignment)
    assert dlg.answer.feasible and dlg.answer.value == core.value
    assert f"crews: {core.value}" in dlg.answer_label.text()
    assert np.allclose(dlg.answer_curve.getData()[1], core.result.coverage_pct)
    assert dlg.apply_button.isEnabled()
    n = len(doc.project.scenarios)
    dlg.apply()
    assert len(doc.project.scenarios) == n + 1
    assert doc.project.active_scenario == n
    ui.runner.wait()
    # the applied scenario reaches the target by the date on the main curve
    r = ui.runner.result
    assert r.coverage_pct[r.month_index("2019-06")] >= 66.0
    doc.undo()
    assert len(doc.project.scenarios) == n


def test_goal_seek_says_when_impossible_and_why(window):
    dlg = window.coverage_ui.open_goal_seek()
    dlg.target.setValue(50.0)
    dlg.by.setText("2018-02")  # three months of studies come first
    dlg.find()
    assert dlg.wait()
    assert not dlg.answer.feasible
    assert "Impossible" in dlg.answer_label.text()
    assert "studies" in dlg.answer_label.text()
    assert not dlg.apply_button.isEnabled()


def test_duplicate_and_change_crews_highlights_differences(window):
    ui = window.coverage_ui
    doc = window.document
    panel = ui.scenario_panel
    ui.scenario_dock.raise_()
    panel.scenarios.list.setCurrentRow(0)
    panel.scenarios.duplicate()
    assert [s.name for s in doc.project.scenarios] == ["Base", "Base (copy)"]
    assert doc.project.active_scenario == 1
    # edit the copy's crews of the first phase through the parameter table
    editor = panel.editor
    assert editor.index == 1
    item = editor.phase_table.item(0, 0)
    item.setText("8")
    assert doc.project.scenarios[1].phase_overrides == {doc.project.phases[0].id: {"crews": 8.0}}
    assert editor.phase_table.item(0, 0).background().color().name() == "#fff3c4"
    ui.open_comparison()
    cmp = panel.comparison
    assert cmp.wait()  # the scenarios are simulated off the UI thread
    assert cmp.revision == doc.project.revision
    assert len(cmp.curves) == 2
    assert not np.array_equal(cmp.curves[0].getData()[1], cmp.curves[1].getData()[1])
    marked = cmp.highlighted_cells()
    first_end = f"{doc.project.phases[0].name}: end"
    assert (first_end, "Base") in marked
    assert all(sc == "Base" for _, sc in marked)  # the active copy is the reference
    labels = [cmp.table.verticalHeaderItem(r).text() for r in range(cmp.table.rowCount())]
    r = labels.index(first_end)
    assert cmp.table.item(r, 0).data(Qt.UserRole) == cmp.results[0].phase_end[0]
    assert cmp.table.item(r, 1).text() == cmp.results[1].phase_end[0]
    from planner.core.months import parse_month
    shift = parse_month(cmp.results[0].phase_end[0]) - parse_month(cmp.results[1].phase_end[0])
    unit = "month" if shift == 1 else "months"
    assert cmp.table.item(r, 0).text() == f"{cmp.results[0].phase_end[0]} ({shift:+d} {unit})" and shift > 0
    # a phase whose crews did not change is not highlighted
    assert (f"{doc.project.phases[1].name}: end", "Base") not in marked


def test_scenario_rename_activate_delete_through_the_list(window, monkeypatch):
    doc = window.document
    panel = window.coverage_ui.scenario_panel
    panel.scenarios.duplicate()
    panel.scenarios.rename("Late start")
    assert doc.project.scenarios[1].name == "Late start"
    panel.scenarios.list.setCurrentRow(0)
    panel.scenarios.activate()
    assert doc.project.active_scenario == 0
    assert "(active)" in panel.scenarios.list.item(0).text()
    panel.scenarios.list.setCurrentRow(1)
    panel.scenarios.delete(confirm=False)
    assert [s.name for s in doc.project.scenarios] == ["Base"]
    assert not panel.scenarios.buttons["delete"].isEnabled()
    doc.undo()
    assert [s.name for s in doc.project.scenarios] == ["Base", "Late start"]


def test_scenario_parameter_edit_reruns_the_curves(window):
    ui = window.coverage_ui
    ui.scenario_dock.raise_()
    before = ui.panel.curves["marketable"].getData()[1].copy()
    ui.scenario_panel.editor.marketing.setValue(9)
    assert window.document.project.scenario.marketing_delay_months == 9
    assert ui.runner.wait()
    after = ui.panel.curves["marketable"].getData()[1]
    assert np.array_equal(after, ui.runner.result.marketable_pct)
    assert not np.array_equal(before, after)


def test_uncertainty_bands_match_the_core_and_are_ordered(window):
    ui = window.coverage_ui
    dlg = ui.open_uncertainty()
    dlg.runs.setValue(200)
    dlg.seed.setValue(7)
    dlg.target_pct.setValue(66.0)
    dlg.target_by.setText("2019-12")
    dlg.start()
    assert dlg.wait()
    project = window.document.project
    assert project.scenario.uncertainty == {"productivity": ["triangular", -0.2, 0.2]}
    core = run_ensemble(inputs_from(project, ui.runner.cache.assignment), project.scenario.uncertainty, runs=200,
                        seed=7, target=(66.0, "2019-12"))
    low = ui.panel.band_low.getData()[1]
    high = ui.panel.band_high.getData()[1]
    mid = ui.panel.band_median.getData()[1]
    assert np.allclose(low, core.p10) and np.allclose(high, core.p90) and np.allclose(mid, core.p50)
    assert np.all(low <= mid + 1e-9) and np.all(mid <= high + 1e-9)
    assert ui.panel.band_fill.isVisible()
    assert f"{core.probability:.0%}" in dlg.summary.text()
    assert dlg.table.item(1, 1).text() == (core.milestone_ranges[66][1] or "not reached")
    # an edit makes the bands stale: they are hidden
    window.document.push(SetScenarioParam(project, 0, "marketing_delay_months", 4))
    assert not ui.panel.band_fill.isVisible()


def test_arcep_import_shows_gers_totals_points_and_behind_plan(window, qtbot, shared_data):
    ui = window.coverage_ui
    doc = window.document
    doc.push(SetScenarioParam(doc.project, 0, "start", "2017-01"))
    assert ui.runner.wait()
    actuals_ui = ui._actuals()
    actuals_ui.import_file(str(ARCEP_CSV))
    qtbot.waitUntil(lambda: actuals_ui.actuals is not None and not window.is_busy(), timeout=10000)
    text = actuals_ui.panel.summary.text()
    for total in ("5\u202f189", "7\u202f030", "7\u202f834"):
        assert total in text
    table = actuals_ui.panel.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    q = "T3 2017" if current_language() == "fr" else "Q3 2017"  # quarter labels follow the language
    assert headers[2:5] == [f"{q} plan", f"{q} actual", f"{q} plan − actual"]
    assert [table.item(0, c).text() for c in (3, 6, 9)] == ["5\u202f189", "7\u202f030", "7\u202f834"]
    # actual points on the territory curve, at the quarters' last months
    x, y = ui.panel.actual_points.getData()
    assert list(x) == [8, 11, 14]
    assert np.allclose(y, np.array([5189, 7030, 7834]) * 100.0 / ui.runner.result.units)
    # communes behind plan are painted on the map and listed first
    pva = actuals_ui.pva
    assert pva.behind
    assert table.item(1, 0).text() == doc.project.communes.codes[pva.behind[0]]
    assert list(ui.map_colours.marked_rows) == sorted(pva.behind)
    actuals_ui.panel.highlight.setChecked(False)
    assert len(ui.map_colours.marked_rows) == 0
    # selecting Auch shows its actual points too
    auch = doc.project.communes.index_of("32013")
    doc.set_selected_communes([auch])
    cx, cy = ui.panel.commune_actual_points.getData()
    assert np.allclose(cy, actuals_ui.actuals.values[auch] * 100.0 / ui.runner.result.commune_units[auch])


def test_goal_seek_latest_start_for_chosen_communes_equals_the_core(window):
    ui = window.coverage_ui
    doc = window.document
    rows = [doc.project.communes.index_of(c) for c in ("32013", "32107")]
    doc.set_selected_communes(rows)
    dlg = ui.open_goal_seek()
    assert dlg.scope_communes.isEnabled()
    dlg.scope_communes.setChecked(True)
    dlg.vary.setCurrentIndex(dlg.vary.findData("start"))
    assert not dlg.phases.isEnabled()
    dlg.target.setValue(50.0)
    dlg.by.setText("2020-06")
    dlg.find()
    assert dlg.wait()
    core = goal_seek(doc.project, 50.0, "2020-06", vary="start", assignment=ui.runner.cache.assignment,
                     communes=["32013", "32107"])
    assert dlg.answer.value == core.value and dlg.answer.feasible
    # the plotted curve is the chosen communes' coverage with the answer
    r = core.result
    expected = r.commune_eligible[rows].sum(axis=0) * 100.0 / r.commune_units[rows].sum()
    assert np.allclose(dlg.answer_curve.getData()[1], expected)


def test_uncertainty_can_be_cancelled(window, qtbot):
    dlg = window.coverage_ui.open_uncertainty()
    dlg.runs.setValue(100000)
    dlg.start()
    assert dlg.cancel_button.isEnabled() and not dlg.run_button.isEnabled()
    dlg.cancel()
    assert dlg.wait()
    assert dlg.summary.text() == "Cancelled."
    assert dlg.ensemble is None and dlg.run_button.isEnabled()
    assert not window.coverage_ui.panel.band_fill.isVisible()
