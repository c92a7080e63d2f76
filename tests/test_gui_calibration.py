"""The calibration dialog: same operation as the command line, diagnostics before numbers, fit plot with held-out
quarters, per-phase table, "Add as scenario" and "Use as uncertainty" (undoable)."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from conftest import ARCEP_CSV
from planner.cli import build_parser
from planner.cli_commands.calibrate import operation_from_args
from planner.core.decisions.actuals import Actuals
from planner.ui.shell.i18n import current_language
from gui_helpers import gers_window


@pytest.fixture
def window(qtbot):
    mw = gers_window(qtbot)
    yield mw
    mw.document.set_clean()  # closing must not ask to save the test's edits


def _synthetic(window, factor: float, months=("2018-09", "2018-12", "2019-03", "2019-06", "2019-09"),
               noise: float = 0.03) -> Actuals:
    """Actuals the simulation itself produced at `factor` × the scenario's pace (with multiplicative noise)."""
    from planner.core.simulation.coverage import simulate

    ui, doc = window.coverage_ui, window.document
    slow = doc.project.scenario.copy("slow")
    for p in doc.project.phases:
        slow.phase_overrides[p.id] = {"units_per_crew_month": p.units_per_crew_month * factor}
    truth = simulate(doc.project, ui.runner.cache.assignment, scenario=slow)
    idx = [truth.month_index(m) for m in months]
    values = truth.commune_eligible[:, idx] * (1 + np.random.default_rng(2).normal(0, noise, (len(truth.commune_units),
                                                                                            len(idx))))
    return Actuals([2018 * 12 + i for i in idx], np.rint(values), source="synthetic")


def _dialog(window, actuals):
    actuals_ui = window.coverage_ui._actuals()
    actuals_ui.set_actuals(actuals)
    return window.coverage_ui.open_calibration()


def test_dialog_runs_the_operation_the_command_line_builds(window, qtbot):
    actuals = _synthetic(window, 0.8)
    dlg = _dialog(window, actuals)
    dlg.per_phase.setChecked(True)
    dlg.fit_start.setChecked(True)
    dlg.span.setValue(12)
    dlg.holdout.setValue(1)
    dlg.communes.setText("32013, 32107")
    dlg.phases.item(0).setCheckState(Qt.CheckState.Checked)
    args = build_parser().parse_args(["calibrate", "p.gpkg", "--actuals", "a.csv", "--per-phase", "--fit-start",
                                      "--start-span", "12", "--holdout", "1", "--communes", "32013,32107",
                                      "--phases", str(window.document.project.phases[0].id),
                                      "--scenario", "Base", "--lang", current_language()])
    assert dlg.operation().params() == operation_from_args(args, actuals).params()


def test_fit_projects_and_adds_a_scenario(window, qtbot):
    doc = window.document
    actuals = _synthetic(window, 0.8)
    dlg = _dialog(window, actuals)
    dlg.holdout.setValue(1)
    dlg.fit()
    assert dlg.wait()
    cal = dlg.calibration
    core = dlg.operation().run(doc.project, assignment=window.coverage_ui.runner.cache.assignment)
    assert cal.factor == pytest.approx(core.factor) and cal.factor == pytest.approx(0.8, rel=0.02)
    assert f"{150 * cal.factor:.1f} units per crew per month" in dlg.result_label.text()
    # paces count units of build effort 1 (the default classes: dense 0.16, intermediate 0.42, rural 1)
    assert "units of build effort 1" in dlg.result_label.text() and "intermediate × 2.4" in dlg.result_label.text()
    assert "held-out" in dlg.result_label.text()
    assert not dlg.diagnostics.isVisible()
    # plot: four fitted quarters as black points, the held-out one in orange on a shaded band, the monthly curve
    view = dlg.fit_view
    x, y = view.actual_points.getData()
    assert list(y) == list(actuals.values.sum(axis=0)[:4]) and list(x) == actuals.quarters[:4]
    hx, hy = view.held_out_points.getData()
    assert list(hx) == actuals.quarters[4:] and view.held_out_region.isVisible()
    cx, cy = view.fitted_curve.getData()
    assert len(cx) > 12 and np.all(np.diff(cy) >= 0)
    assert cy[list(cx).index(actuals.quarters[2])] == pytest.approx(cal.fitted[2])
    assert dlg.table.rowCount() == 5 and dlg.table.item(4, 4).text() == "held out"
    # the interval is shown, and "Add as scenario" adds the projection (undoable)
    assert "90 %" in dlg.result_label.text()
    n = len(doc.project.scenarios)
    assert dlg.add_button.isEnabled()
    dlg.apply()
    assert len(doc.project.scenarios) == n + 1 and doc.project.scenario.name.endswith("calibrated")
    assert doc.project.scenario.phase_overrides[1]["units_per_crew_month"] == pytest.approx(150 * cal.factor)
    # "Use as uncertainty" then sets the interval as that scenario's productivity distribution
    assert dlg.uncertainty_button.isEnabled()
    dlg.use_as_uncertainty()
    spec = doc.project.scenario.uncertainty
    assert set(spec) == {"productivity_shared"} and spec == cal.uncertainty_spec()
    unc = window.coverage_ui.open_uncertainty()
    assert unc.calibrated.isVisible() and unc.spec()["productivity_shared"] == spec["productivity_shared"]
    window.document.undo()
    assert doc.project.scenario.uncertainty == {}
    window.document.undo()
    assert len(doc.project.scenarios) == n


def test_diagnostics_come_first_and_nothing_to_apply(window, qtbot, shared_data):
    ui = window.coverage_ui
    actuals_ui = ui._actuals()
    actuals_ui.import_file(str(ARCEP_CSV))  # T3 2017 – T1 2018; the plan builds from 2018-04
    qtbot.waitUntil(lambda: actuals_ui.actuals is not None and not window.is_busy(), timeout=10000)
    dlg = ui.open_calibration()
    dlg.fit()
    assert dlg.wait()
    assert dlg.calibration is None and dlg.diagnostics.isVisible()
    text = dlg.diagnostics.text()
    assert "cannot decide" in text and "2018-04" in text
    layout = dlg.layout()
    assert layout.indexOf(dlg.diagnostics) < layout.indexOf(dlg.result_label) < layout.indexOf(dlg.tabs)
    assert not dlg.add_button.isEnabled() and not dlg.uncertainty_button.isEnabled()
    # no fit, but the figures the diagnostic speaks of: the three quarters of the file, nothing fitted
    rows = [[dlg.table.item(r, c).text() for c in range(dlg.table.columnCount())] for r in range(dlg.table.rowCount())]
    assert [r[2] for r in rows] == ["5\u202f189", "7\u202f030", "7\u202f834"] and {r[1] for r in rows} == {"—"}
    assert list(dlg.fit_view.actual_points.getData()[1]) == [5189, 7030, 7834]
    curve_x = dlg.fit_view.fitted_curve.getData()[0]
    assert curve_x is None or len(curve_x) == 0
    # fitting the start too gives an answer, with the warning about the open start shown above it
    dlg.fit_start.setChecked(True)
    dlg.fit()
    assert dlg.wait()
    assert dlg.calibration is not None and dlg.calibration.start_shift < 0
    assert dlg.diagnostics.isVisible() and "earliest bound" in dlg.diagnostics.text()
    assert dlg.add_button.isEnabled()


def test_per_phase_table_says_where_each_pace_comes_from(window, qtbot):
    actuals = _synthetic(window, 1.2)
    keep = np.zeros(len(actuals.values), dtype=bool)
    project = window.document.project
    with_figures = set(project.phases[0].communes) | set(project.phases[3].communes)
    keep[[project.communes.index_of(c) for c in with_figures]] = True
    actuals.values[~keep] = np.nan  # only two phases' communes have figures
    dlg = _dialog(window, actuals)
    dlg.per_phase.setChecked(True)
    dlg.fit()
    assert dlg.wait()
    table = dlg.phase_view
    assert table.rowCount() == 17
    sources = [table.item(r, 1).text() for r in range(17)]
    assert sources.count("its own fit") == 2 and sources[0] == sources[3] == "its own fit"
    assert table.item(1, 7).text() == "no figures in its communes"
    assert float(table.item(0, 2).text()) == pytest.approx(180, rel=0.02)
    lo, hi = (float(v) for v in table.item(0, 3).text().split(" – "))
    assert lo <= float(table.item(0, 2).text()) <= hi


def test_a_fit_can_be_cancelled(window, qtbot):
    actuals = _synthetic(window, 0.9)
    dlg = _dialog(window, actuals)
    dlg.per_phase.setChecked(True)
    dlg.fit_start.setChecked(True)
    dlg.fit()
    assert dlg.cancel_button.isEnabled() and not dlg.run_button.isEnabled()
    dlg.cancel()
    assert dlg.wait()
    assert dlg.calibration is None and dlg.result_label.text() == "Cancelled."
    assert dlg.run_button.isEnabled() and not dlg.cancel_button.isEnabled() and not dlg.add_button.isEnabled()


def test_a_fit_shows_its_progress(window, qtbot):
    """The bar appears with the fit, follows the operation's stages (the phases a batch at a time) up to 100 %,
    and goes when the answer comes; a cancelled fit hides it too."""
    dlg = _dialog(window, _synthetic(window, 0.9))
    dlg.per_phase.setChecked(True)
    seen = []
    dlg.progress.valueChanged.connect(lambda v: seen.append((v, dlg.progress.text())))
    assert not dlg.progress.isVisible()
    dlg.fit()
    assert dlg.progress.isVisible() and dlg.progress.value() == 0 and dlg.progress.text() == "Fitting… 0 %"
    assert dlg.wait()
    values = [v for v, _ in seen]
    assert values == sorted(values) and values[-1] == 1000 and len(set(values)) >= 5
    texts = [t for _, t in seen]
    assert "fitting the territory — 5 %" in texts and "done — 100 %" in texts
    phases = [v for v, t in seen if "of the phases" in t or "fitting the phases" in t]
    assert len(phases) >= 2 and 500 <= phases[0] < phases[-1] < 850  # steps per batch of phases
    assert texts.index("done — 100 %") == len(texts) - 1
    assert dlg.calibration is not None and not dlg.progress.isVisible()
    dlg.fit()
    dlg.cancel()
    assert dlg.progress.text() == "Cancelling…"
    assert dlg.wait() and dlg.result_label.text() == "Cancelled." and not dlg.progress.isVisible()
