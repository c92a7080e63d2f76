"""Calibration: recovers the paces and starts that produced (noisy) actuals from the simulation itself, per
territory and per phase; says why instead of answering when the figures cannot decide; interval, backtest,
restriction to communes/phases, projection and the productivity distribution made from the interval."""
import numpy as np
import pytest

from conftest import ARCEP_CSV
from planner.core.decisions.actuals import parse_actuals
from planner.core.decisions.calibration import CalibrationError, calibrate
from planner.core.decisions.calibration_problem import FitProblem
from planner.core.decisions.calibration_report import triangular_from_interval
from planner.core.decisions.uncertainty import draw_parameters
from planner.core.errors import ParameterError
from planner.core.months import parse_month, quarter_label
from planner.core.operations.calibrate import Calibrate
from planner.core.project.model import Dependency
from planner.core.simulation.coverage import inputs_from, simulate
from planner.core.simulation.whatif import shifted_start, with_phase_value
from sim_fixtures import gers_assignment, gers_project


@pytest.fixture(scope="module")
def gers():
    project = gers_project()
    return project, gers_assignment(project)


@pytest.fixture(scope="module")
def demo(shared_data):
    """The bundled sample with the demo plan and the real Arcep figures (T3 2017 – T1 2018)."""
    from planner.core.phases.assignment import assign
    from planner.io.actuals.reader import read_actuals
    from planner.io.layers.sample import load_sample_project

    project = load_sample_project(demo_plan=True)
    return project, assign(project), read_actuals(ARCEP_CSV, project.communes)


def _noisy_actuals(project, a, scenario, first: str, quarters: int, noise: float, seed: int):
    r = simulate(project, a, scenario)
    rng = np.random.default_rng(seed)
    rows = []
    for k in range(quarters):
        q = parse_month(first) + 3 * k
        v = r.commune_eligible[:, q - parse_month(r.start)]
        v = np.rint(v * (1 + rng.normal(0, noise, len(v))))
        rows += [[c, quarter_label(q), int(x)] for c, x in zip(project.communes.codes, v)]
    return parse_actuals(["code_insee", "quarter", "eligible"], rows, project.communes)


def test_recovers_productivity(gers):
    project, a = gers
    truth = with_phase_value(project.scenario, project, "units_per_crew_month", 110.0)
    act = _noisy_actuals(project, a, truth, "2018-06", 8, 0.03, seed=11)
    c = calibrate(project, act, a)
    assert c.start_shift == 0 and not c.degenerate and not c.warnings
    assert all(abs(v - 110) / 110 < 0.03 for v in c.units_per_crew_month.values())
    assert len(c.labels) == 8 and np.allclose(c.error, c.fitted - c.actual)
    assert c.rmse == pytest.approx(np.sqrt(np.mean(c.error ** 2))) and c.rmse < 0.02 * c.actual[-1]
    # a 90 % interval around the fitted value that holds the truth
    t = c.territory
    assert t.factor_lo < c.factor < t.factor_hi and t.factor_lo * 150 < 110 < t.factor_hi * 150
    assert t.factor_hi / t.factor_lo < 1.1
    # the projection is a new scenario whose run follows the fitted curve
    i = c.result.month_index("2020-03")
    assert abs(c.result.eligible[i] - c.fitted[-1]) < 0.01 * c.fitted[-1] + 200
    assert c.scenario.name.endswith("calibrated") and c.scenario is not project.scenario


def test_recovers_productivity_and_start(gers):
    project, a = gers
    truth = shifted_start(with_phase_value(project.scenario, project, "units_per_crew_month", 180.0),
                          project, "2018-05")
    act = _noisy_actuals(project, a, truth, "2018-09", 7, 0.02, seed=3)
    c = calibrate(project, act, a, fit_start=True, start_span=12)
    assert c.start == "2018-05" and c.start_shift == 4
    assert all(abs(v - 180) / 180 < 0.03 for v in c.units_per_crew_month.values())
    assert all(o["earliest_start"] == "2018-05" for o in c.scenario.phase_overrides.values())
    assert c.result.as_built.as_of == "2020-03"  # the projection goes on from the last figures
    assert c.territory.shift_lo <= 4 <= c.territory.shift_hi


def test_per_phase_recovers_each_pace_and_start_with_noise(gers):
    project, a = gers
    rng = np.random.default_rng(5)
    truth = project.scenario.copy("truth")
    paces, starts = {}, {}
    for ph in project.phases:
        paces[ph.name], starts[ph.name] = 150 * float(np.round(rng.uniform(0.6, 1.6), 2)), int(rng.integers(0, 7))
        truth.phase_overrides[ph.id] = {"units_per_crew_month": paces[ph.name],
                                        "earliest_start": f"2018-{1 + starts[ph.name]:02d}"}
    act = _noisy_actuals(project, a, truth, "2018-06", 8, 0.03, seed=7)
    c = calibrate(project, act, a, fit_start=True, per_phase=True)
    own = [r for r in c.phases if r.source == "phase"]
    assert len(own) >= 15  # a phase whose communes are complete at every quarter cannot be told apart
    for r in own:
        assert abs(r.units_per_crew_month - paces[r.name]) / paces[r.name] < 0.04, r
        assert r.shift == starts[r.name], r
        assert r.upcm_lo <= r.units_per_crew_month <= r.upcm_hi and r.shift_lo <= r.shift <= r.shift_hi
    inside = [r.upcm_lo <= paces[r.name] <= r.upcm_hi for r in own]
    assert np.mean(inside) >= 0.8  # 90 % intervals (quarters are correlated: not a coverage test)
    for r in c.phases:
        if r.source == "territory":
            assert r.reason and r.factor == pytest.approx(c.factor)
    # the calibrated scenario carries every phase's own pace and start
    sc = c.scenario
    for r in own:
        o = sc.phase_overrides[r.phase_id]
        assert o["units_per_crew_month"] == pytest.approx(r.units_per_crew_month)
        assert parse_month(o["earliest_start"]) == parse_month("2018-01") + r.shift
    assert c.rmse < 0.01 * c.actual[-1]


def test_per_phase_fits_dependent_phases_after_the_ones_they_wait_for(gers):
    project, a = gers
    project = project.snapshot()
    first = project.phases[0]
    for ph in project.phases[10:]:
        ph.depends_on = [Dependency(first.id, 50.0)]
    truth = project.scenario.copy("truth")
    for i, ph in enumerate(project.phases):
        truth.phase_overrides[ph.id] = {"units_per_crew_month": 100.0 + 10 * i}
    act = _noisy_actuals(project, a, truth, "2018-06", 10, 0.01, seed=2)
    c = calibrate(project, act, a, per_phase=True)
    own = {r.name: r for r in c.phases if r.source == "phase"}
    assert len(own) == 17
    for i, ph in enumerate(project.phases):
        r = own[ph.name]
        if not r.open_ends:
            assert r.units_per_crew_month == pytest.approx(100.0 + 10 * i, rel=0.03)
        else:  # a one-commune phase built in two months has no upper bound on its pace: said so
            assert r.upcm_lo <= 100.0 + 10 * i <= r.upcm_hi and "pace high" in r.open_ends
    assert sum(bool(r.open_ends) for r in own.values()) <= 1


def test_flat_objective_is_a_diagnostic_not_a_pace(demo):
    project, a, act = demo
    with pytest.raises(CalibrationError) as err:
        calibrate(project, act, a)
    e = err.value
    assert e.diagnostic == "flat"
    text = str(e)
    assert "builds nothing" in text and "2018-04" in text and "T1 2018" in text and "fit the start" in text
    with pytest.raises(CalibrationError) as err:
        calibrate(project, act, a, per_phase=True)
    assert err.value.diagnostic == "flat"


def test_search_widens_past_the_first_start_span_on_the_real_figures(demo):
    project, a, act = demo
    c = calibrate(project, act, a, fit_start=True, start_span=24)
    assert c.start_shift < -24 and not c.territory.bound and c.degenerate is None  # the issue's −24 was an edge
    assert c.territory.shift_lo <= c.start_shift <= c.territory.shift_hi
    # three quarters for two values: the start is not bounded on the early side, and the report says so
    assert "start early" in c.territory.open_ends
    assert any("no earliest bound on the start" in w for w in c.warnings)
    assert c.ahead[0]["code"] == "32013" and c.ahead[0]["difference"] > 0
    assert all(b["difference"] < 0 for b in c.behind)


def test_still_on_a_bound_after_widening_is_reported(demo):
    project, a, act = demo
    short = project.scenario.copy("short")
    short.horizon_months = 12  # the start may move back one horizon: not far enough for these figures
    c = calibrate(project, act, a, scenario=short, fit_start=True)
    assert c.territory.bound == ["start early"] and c.start_shift == -12
    assert c.degenerate and "limit" in c.degenerate and c.warnings[0] == c.degenerate
    with pytest.raises(CalibrationError) as err:
        Calibrate.require_answer(c)
    assert err.value.diagnostic == "bound"


def test_other_cases_the_figures_cannot_decide(gers):
    project, a = gers
    codes = list(project.communes.codes)
    # figures only in communes no phase plans
    plan = project.snapshot()
    auch_phase = next(p for p in plan.phases if "32013" in p.communes)
    plan.phases.remove(auch_phase)
    rows = [[c, "T4 2018", 500 if c == "32013" else 0] for c in codes]
    act = parse_actuals(["code_insee", "quarter", "eligible"], rows, plan.communes)
    with pytest.raises(CalibrationError) as err:
        calibrate(plan, act)
    assert err.value.diagnostic == "unplanned" and "32013" in str(err.value) and "Add these communes" in str(err.value)
    # one quarter for two values
    rows = [[c, "T4 2018", 50] for c in codes]
    act = parse_actuals(["code_insee", "quarter", "eligible"], rows, project.communes)
    with pytest.raises(CalibrationError) as err:
        calibrate(project, act, a, fit_start=True)
    assert err.value.diagnostic == "single_quarter" and "Fit the pace alone" in str(err.value)
    c = calibrate(project, act, a)  # one quarter, one value: a fit, but no interval
    assert c.territory.factor_lo is None and any("no interval" in w for w in c.warnings)
    # nothing but zeros
    act = parse_actuals(["code_insee", "quarter", "eligible"], [[c, "T4 2018", 0] for c in codes], project.communes)
    with pytest.raises(CalibrationError) as err:
        calibrate(project, act, a)
    assert err.value.diagnostic == "all_zero"


def test_backtest_holds_out_the_last_quarters(gers):
    project, a = gers
    truth = with_phase_value(project.scenario, project, "units_per_crew_month", 130.0)
    act = _noisy_actuals(project, a, truth, "2018-06", 8, 0.02, seed=4)
    c = calibrate(project, act, a, holdout=2)
    assert list(c.held_out) == [False] * 6 + [True] * 2
    err = c.fitted - c.actual
    assert c.rmse == pytest.approx(np.sqrt(np.mean(err[:6] ** 2)))
    assert c.holdout_rmse == pytest.approx(np.sqrt(np.mean(err[6:] ** 2)))
    assert c.holdout_rmse < 0.03 * c.actual[-1]  # the model predicts the quarters it did not see
    data = c.to_json_dict()
    assert data["holdout"]["labels"] == c.labels[6:] and data["holdout"]["rmse"] == pytest.approx(c.holdout_rmse, 0.01)
    with pytest.raises(ParameterError, match="holdout"):
        calibrate(project, act, a, holdout=8)


def test_restricting_to_communes_or_phases(demo):
    project, a, act = demo
    c = calibrate(project, act, a, fit_start=True, communes=["32013"])
    assert list(c.actual) == [4842, 5364, 5808]
    auch = project.phases[0].name
    c = calibrate(project, act, a, fit_start=True, phases=[auch])
    assert list(c.actual) == [4842 + 34 + 211, 5364 + 50 + 211, 5808 + 50 + 245]  # Auch, Castin, Duran
    with pytest.raises(ParameterError, match="99999"):
        calibrate(project, act, a, communes=["99999"])
    with pytest.raises(ParameterError, match="no such phase"):
        calibrate(project, act, a, phases=["no such phase"])


def test_interval_becomes_the_productivity_distribution(gers):
    project, a = gers
    spec = triangular_from_interval(-0.2, 0.35)
    assert spec[0] == "triangular" and spec[1] < -0.2 and spec[2] == 0.0 and spec[3] > 0.35
    draws = np.random.default_rng(0).triangular(spec[1], 0.0, spec[3], 400_000)
    assert np.percentile(draws, [5, 95]) == pytest.approx([-0.2, 0.35], abs=0.003)
    truth = with_phase_value(project.scenario, project, "units_per_crew_month", 110.0)
    c = calibrate(project, _noisy_actuals(project, a, truth, "2018-06", 6, 0.05, seed=9), a)
    u = c.uncertainty_spec()
    assert set(u) == {"productivity_shared"}
    inp = inputs_from(project, a, c.scenario)
    factor = draw_parameters(inp, u, 20000, np.random.default_rng(1))["upcm"] / inp.upcm[None, :]
    assert np.allclose(factor, factor[:, :1])  # one draw per run for the whole territory
    pace = factor[:, 0] * c.factor
    t = c.territory
    assert np.percentile(pace, [5, 95]) == pytest.approx([t.factor_lo, t.factor_hi], rel=0.01)


def test_projection_starts_from_what_is_built(demo):
    project, a, act = demo
    c = calibrate(project, act, a, fit_start=True)
    r = c.result
    t = r.month_index("2018-03")
    assert r.as_built is not None and r.as_built.as_of == "2018-03"
    assert r.eligible[t] == 7834  # the real figure at the as-of month: no restart from zero, no jump
    assert np.all(np.diff(r.eligible) >= 0) and r.eligible[t + 12] > r.eligible[t]
    assert r.months[0] == c.start and c.as_built is not None  # the figures calibrated on, as the start
    # a project that holds actual figures starts from its own
    from planner.core.project.as_built import AsBuilt, snapshot_from_actuals

    own = project.snapshot()
    half = act.values.copy()
    half[:, -1] = half[:, -2]
    from planner.core.decisions.actuals import Actuals

    own.as_built = AsBuilt([snapshot_from_actuals(Actuals(act.quarters, half), own.communes)])
    c2 = calibrate(own, act, a, fit_start=True)
    assert c2.as_built is None and c2.factor == pytest.approx(c.factor)
    assert c2.result.eligible[c2.result.month_index("2018-03")] == 7030


def test_per_phase_on_the_real_figures_says_where_each_value_comes_from(demo):
    project, a, act = demo
    c = calibrate(project, act, a, fit_start=True, per_phase=True)
    rows = {r.name: r for r in c.phases}
    auch = rows["CA Grand Auch Coeur de Gascogne"]
    assert auch.source == "phase" and auch.reason is None and auch.shift < -24
    assert auch.upcm_lo < auch.units_per_crew_month < auch.upcm_hi and not auch.open_ends
    # three quarters cannot bound the pace of the phases with a few hundred units: territory pace, own start
    for name in ("CC de la Gascogne Toulousaine", "CC du Saves", "CC Coeur d'Astarac en Gascogne"):
        r = rows[name]
        assert r.source == "start" and r.shift < 0 and r.factor == pytest.approx(c.factor)
        assert r.shift_lo <= r.shift <= r.shift_hi and "do not bound its pace" in r.reason
    others = [r for r in c.phases if r.source == "territory"]
    assert len(others) == 13 and all(r.shift == 0 and "no eligible premises" in r.reason for r in others)
    assert c.scenario.phase_overrides[auch.phase_id]["units_per_crew_month"] == pytest.approx(
        auch.units_per_crew_month)


def test_fit_and_interval_are_those_of_a_fine_scan(demo):
    """Auch's phase on the real figures: no candidate of a fine scan (every month within ±10 of the fit, pace
    steps of 0.3 %) beats the fit, and the interval is the scan's 90 % region. A few per cent of pace move Auch's
    planned totals by more than the whole misfit, so a coarse grid point's error says where it fell, not how
    good its start is (the search once returned −47 months with 30 × the least squared error: the region then
    reached the search limit)."""
    project, a, act = demo
    c = calibrate(project, act, a, fit_start=True, per_phase=True)
    auch = next(r for r in c.phases if r.name == "CA Grand Auch Coeur de Gascogne")
    problem = FitProblem(project, a, project.scenario, act)
    shifts = np.arange(auch.shift - 10, auch.shift + 11)
    fs = auch.factor * np.geomspace(0.5, 2.0, 470)
    fac = np.ones((len(shifts) * len(fs), problem.n_phases))
    sh = np.zeros(fac.shape, dtype=np.int64)
    fac[:, 0], sh[:, 0] = np.tile(fs, len(shifts)), np.repeat(shifts, len(fs))
    sse = problem.sse(problem.evaluate(fac, sh, [1]), [1])[:, 0].reshape(len(shifts), len(fs))
    best = auch.quarters * auch.rmse ** 2
    assert sse.min() >= 0.95 * best and best < 1000  # RMSE ≈ 15 units, a bounded region
    crit = best * (1 + 6.314 ** 2)  # one degree of freedom: t95(1) = 6.314
    region = sse <= crit
    assert (auch.shift_lo, auch.shift_hi) == (shifts[region.any(axis=1)].min(), shifts[region.any(axis=1)].max())
    assert auch.factor_lo == pytest.approx(fs[region.any(axis=0)].min(), rel=0.01)
    assert auch.factor_hi == pytest.approx(fs[region.any(axis=0)].max(), rel=0.01)


def test_the_pace_is_counted_in_effort_units_as_in_the_simulation(gers):
    """The calibration scores candidates with the simulation's engine, build effort by density class included:
    `units_per_crew_month` counts units of effort 1 (the rural pace). The same figures fitted with every class
    twice as heavy give twice the pace and the same curve; the limits of the search scale with the effort; a
    scenario without effort classes cannot reproduce figures built with them as well."""
    project, a = gers
    truth = with_phase_value(project.scenario, project, "units_per_crew_month", 110.0)
    act = _noisy_actuals(project, a, truth, "2018-06", 8, 0.02, seed=11)
    c = calibrate(project, act, a)
    heavy, flat = project.scenario.copy("heavy"), project.scenario.copy("flat")
    for k, f in zip(heavy.costs.classes, flat.costs.classes):
        k.effort, f.effort = 2 * k.effort, 1.0
    c2 = calibrate(project, act, a, scenario=heavy)
    assert c2.factor == pytest.approx(2 * c.factor, rel=2e-3)
    assert np.allclose(c2.fitted, c.fitted, rtol=2e-3) and c2.rmse == pytest.approx(c.rmse, rel=0.05)
    one, two = (FitProblem(project, a, sc, act).factor_limits(0) for sc in (project.scenario, heavy))
    assert two == pytest.approx((2 * one[0], 2 * one[1]))
    c3 = calibrate(project, act, a, scenario=flat)
    assert c3.rmse > 2 * c.rmse


def test_per_phase_with_a_shared_crew_pool(gers):
    """Pool phases take crews in phase order: they are fitted one at a time, each after those before it."""
    from planner.core.project.model import CrewPool

    project, a = gers
    project = project.snapshot()
    pool = project.scenarios[0].copy("Pool")
    pool.crew_pool = CrewPool(plan=[("2018-01", 12)])
    pool.phase_overrides = {ph.id: {"use_pool": True} for ph in project.phases}
    truth = with_phase_value(pool, project, "units_per_crew_month", 120.0)
    act = _noisy_actuals(project, a, truth, "2018-06", 8, 0.02, seed=1)
    c = calibrate(project, act, a, scenario=pool, per_phase=True)
    own = [r for r in c.phases if r.source == "phase"]
    assert len(own) >= 8 and c.factor == pytest.approx(0.8, rel=0.02)
    assert all(r.units_per_crew_month == pytest.approx(120, rel=0.03) for r in own)
    assert all("no eligible premises" in r.reason for r in c.phases if r.source == "territory")
