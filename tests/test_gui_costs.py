"""Money in the main window: spend plot, Gantt hatch for phases waiting for money, the cost model editor
(undoable edits, refused values naming the field) and the comparison's cost rows."""
from __future__ import annotations

import numpy as np
import pytest

from planner.core.simulation.coverage import simulate
from planner.core.printing.layout import euros
from planner.core.simulation.spend import yearly
from planner.core.simulation.whatif import with_budget
from project_samples import sample_premises
from sim_fixtures import gers_project


@pytest.fixture
def window(qtbot):
    from planner.ui.shell.main_window import MainWindow

    project = gers_project()
    project.premises = sample_premises(project.communes, per_commune_cap=60)
    tight = with_budget(project.scenarios[0], 15e6, new_name="Tight")
    tight.costs.phase_fixed_eur = 500_000
    project.scenarios.append(tight)
    mw = MainWindow()
    qtbot.addWidget(mw)
    mw.show()
    mw.document.set_project(project)
    assert mw.coverage_ui.runner.wait() and mw.coverage_ui.runner.result is not None
    yield mw
    mw.document.set_clean()


def tight_budget(project):
    return project.scenarios[1].costs.budget


def _activate(window, index):
    from planner.core.simulation.scenario_commands import SetActiveScenario

    window.document.push(SetActiveScenario(window.document.project, index))
    assert window.coverage_ui.runner.wait()
    return window.coverage_ui.runner.result


def test_spend_plot_and_gantt_follow_the_money(window):
    ui = window.coverage_ui
    free = ui.runner.result
    x, y = ui.spend.spend_curve.getData()
    assert np.allclose(y * 1e6, free.costs.spend) and len(x) == len(free.months)  # M€ axis
    assert ui.spend.budget_curve.getData()[1] is None or len(ui.spend.budget_curve.getData()[1]) == 0
    assert ui.gantt.money_runs == [] and not ui.spend.budget_short and not ui.spend.legend.toolTip()
    tight = _activate(window, 1)
    expected = simulate(window.document.project, ui.runner.cache.assignment, "Tight")
    assert np.allclose(ui.spend.budget_curve.getData()[1] * 1e6, expected.costs.budget)
    years, amounts = yearly(tight, tight.costs.spend)
    assert np.allclose(ui.spend.bars.opts["height"], amounts / 1e6) and years[0] == 2018
    assert euros(tight.costs.cost_total, "en") in ui.spend.legend.text()
    runs = ui.gantt.money_runs
    assert runs and all(tight.costs.money_wait[r, a:a + n].all() for r, a, n in runs)
    assert sum(n for _, _, n in runs) == int(tight.costs.money_wait.sum())
    assert "cross-hatch: waits for money" in ui.gantt.note.text()
    assert "budget available" in ui.spend.values_at(30)
    short = tight.eligible[-1] < tight.units - tight.unplanned_units
    assert ui.spend.budget_short == short and ("budget too small" in ui.spend.legend.text()) == short
    from planner.core.simulation.scenario_commands import SetScenarioParam

    project = window.document.project
    window.document.push(SetScenarioParam(project, 1, "costs.budget", [(y, 2e6) for y, _ in tight_budget(project)]))
    assert ui.runner.wait()
    poor = ui.runner.result
    assert ui.spend.budget_short and f"budget too small: {poor.coverage_pct[-1]:.0f} % by 2027-12" in \
        ui.spend.legend.text()
    assert f"coverage reaches {poor.coverage_pct[-1]:.1f} %" in ui.spend.legend.toolTip()


def test_cost_editor_edits_are_undoable_and_bad_values_are_refused(window, monkeypatch):
    from planner.ui.simulation import cost_editor

    shown = []
    monkeypatch.setattr(cost_editor, "show_error", lambda parent, exc, context=None: shown.append(str(exc)))
    ui = window.coverage_ui
    ui.scenario_dock.show()
    panel = ui.scenario_panel
    panel.tabs.setCurrentWidget(panel.costs_page)
    editor = panel.costs
    doc = window.document
    before = ui.runner.result.costs.cost_total
    editor.classes.item(2, 2).setText("2 500")  # rural: 1,900 -> 2,500 € a unit
    assert doc.project.scenario.costs.classes[2].eur_per_unit == 2500
    assert ui.runner.wait() and ui.runner.result.costs.cost_total > before
    editor.classes.item(0, 3).setText("-1")
    assert shown and "costs.classes[0].effort" in shown[-1]
    assert doc.project.scenario.costs.classes[0].effort == 0.16 and editor.classes.item(0, 3).text() == "0.16"
    editor.classes.item(2, 1).setText("5")  # the lowest class must start at 0
    assert "cover every density" in shown[-1] and doc.project.scenario.costs.classes[2].min_density == 0
    editor.constant_budget(2_000_000)
    assert doc.project.scenario.costs.budget[0] == (2018, 2_000_000.0) and editor.budget.rowCount() == 10
    editor.budget.item(0, 0).setText("2040")
    assert "costs.budget[0]" in shown[-1] and "outside the simulated months" in shown[-1]
    doc.undo()  # the budget
    doc.undo()  # the rural cost
    assert doc.project.scenario.costs.budget == [] and doc.project.scenario.costs.classes[2].eur_per_unit == 1900
    assert editor.classes.item(2, 2).text() == "1900"


def test_comparison_shows_total_cost_and_spend_per_year(window):
    ui = window.coverage_ui
    ui.open_comparison()
    assert ui.scenario_panel.comparison.wait()  # the scenarios are simulated off the UI thread
    table = ui.scenario_panel.comparison.table
    labels = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
    row = labels.index("Total cost")
    results = ui.scenario_panel.comparison.results
    assert table.item(row, 0).text() == euros(results[0].costs.cost_total, "en")
    assert "Spend 2018" in labels and table.item(labels.index("Spend 2019"), 1).text().startswith("15.00")


def test_goal_seek_dialog_finds_the_lowest_budget(window):
    from planner.core.decisions.goal_seek import goal_seek

    ui = window.coverage_ui
    dlg = ui.open_goal_seek()
    dlg.target.setValue(66.0)
    dlg.by.setText("2020-12")
    dlg.vary.setCurrentIndex(dlg.vary.findData("budget"))
    assert not dlg.phases.isEnabled()
    dlg.find()
    assert dlg.wait()
    core = goal_seek(window.document.project, 66.0, "2020-12", vary="budget", assignment=ui.runner.cache.assignment)
    assert dlg.answer.feasible and dlg.answer.value == core.value and core.value % 1000 == 0
    assert f"budget per year: {euros(core.value, 'en')}" in dlg.answer_label.text()
    dlg.apply()
    assert ui.runner.wait()
    r = ui.runner.result
    assert r.costs.budget is not None and r.coverage_pct[r.month_index("2020-12")] >= 66.0


def test_uncertainty_dialog_draws_the_cost_per_unit(window):
    from planner.core.decisions.uncertainty import run_ensemble
    from planner.core.simulation.coverage import inputs_from

    ui = window.coverage_ui
    dlg = ui.open_uncertainty()
    dlg.runs.setValue(100)
    dlg.cost.kind.setCurrentIndex(dlg.cost.kind.findData("triangular"))
    dlg.cost.low.setValue(-10.0)
    dlg.cost.high.setValue(30.0)
    dlg.start()
    assert dlg.wait()
    project = window.document.project
    assert project.scenario.uncertainty["cost"] == pytest.approx(["triangular", -0.1, 0.3])
    core = run_ensemble(inputs_from(project, ui.runner.cache.assignment), project.scenario.uncertainty, runs=100,
                        seed=1, target=dlg.ensemble.target)
    assert dlg.ensemble.cost_bands == pytest.approx(core.cost_bands)
    assert f"P50 {euros(core.cost_bands[1], 'en')}" in dlg.summary.text()
