"""Uncertainty ensembles on the Gers communes: ordered bands, seeded reproducibility, spread, probability."""
import numpy as np
import pytest

from planner.core.errors import ParameterError
from planner.core.project.model import CrewPool
from planner.core.simulation.coverage import inputs_from, run
from planner.core.decisions.uncertainty import ensemble, run_ensemble
from sim_fixtures import gers_assignment, gers_project


@pytest.fixture(scope="module")
def gers():
    project = gers_project()
    a = gers_assignment(project)
    return project, a, inputs_from(project, a)


def test_bands_are_ordered_every_month(gers):
    _, _, inp = gers
    e = run_ensemble(inp, runs=300, seed=1)
    assert np.all(e.p10 <= e.p50) and np.all(e.p50 <= e.p90)
    assert np.all(np.diff(e.p50) >= 0)
    assert np.max(e.p90 - e.p10) > 1.0  # ±20 % productivity gives a real spread
    for lo, mid, hi in e.milestone_ranges.values():
        assert lo <= mid <= hi


def test_seeded_runs_are_reproducible_and_seeds_differ(gers):
    _, _, inp = gers
    a = run_ensemble(inp, runs=200, seed=42, target=(66, "2019-11"))
    b = run_ensemble(inp, runs=200, seed=42, target=(66, "2019-11"))
    c = run_ensemble(inp, runs=200, seed=43, target=(66, "2019-11"))
    assert np.array_equal(a.p10, b.p10) and np.array_equal(a.p90, b.p90) and a.probability == b.probability
    assert not np.array_equal(a.p50, c.p50)


def test_zero_spread_equals_the_deterministic_run(gers):
    _, _, inp = gers
    e = run_ensemble(inp, {"productivity": ["uniform", 0, 0]}, runs=20, seed=1)
    r = run(inp)
    assert np.allclose(e.p10, r.coverage_pct) and np.allclose(e.p90, r.coverage_pct)
    assert e.milestone_ranges[66] == (r.milestones[66],) * 3


def test_probability_of_target_follows_the_deterministic_median(gers):
    _, _, inp = gers
    r = run(inp)
    t = r.months.index(r.milestones[66])
    before, at_end = r.months[t - 2], r.months[-1]
    assert run_ensemble(inp, runs=300, seed=2, target=(66, before)).probability < 0.5
    assert run_ensemble(inp, runs=300, seed=2, target=(66, at_end)).probability == 1.0


def test_study_and_start_delays_only_delay(gers):
    _, _, inp = gers
    base = run_ensemble(inp, {"productivity": ["uniform", 0, 0]}, runs=100, seed=3)
    late = run_ensemble(inp, {"start_delay": ["uniform", 0, 6], "study_months": ["triangular", 0, 3]},
                        runs=100, seed=3)
    assert np.all(late.p90 <= base.p90 + 1e-9) and np.any(late.p50 < base.p50)


def test_ensemble_on_project_with_pool_and_progress(gers):
    project, a, _ = gers
    sc = project.scenario.copy("pool")
    sc.crew_pool = CrewPool(plan=[("2018-01", 20)])
    sc.phase_overrides = {p.id: {"use_pool": True} for p in project.phases}
    seen = []
    e = ensemble(project, a, sc, runs=50, seed=1, progress=lambda f, m="": seen.append(f))
    assert seen[-1] == 1.0 and np.all(e.p10 <= e.p90)


def test_bad_distribution_is_a_parameter_error(gers):
    _, _, inp = gers
    with pytest.raises(ParameterError, match="uncertainty.productivity"):
        run_ensemble(inp, {"productivity": ["lognormal", 1]}, runs=5)
    with pytest.raises(ParameterError, match="unknown uncertain"):
        run_ensemble(inp, {"crews": ["uniform", 0, 1]}, runs=5)
