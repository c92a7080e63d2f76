"""Invariants of the simulation on the real Gers communes (one phase per EPCI), crew pool, orders and errors."""
import dataclasses

import numpy as np
import pytest

from planner.core.errors import ParameterError
from planner.core.project.model import CrewPool, Dependency
from planner.core.simulation.coverage import inputs_from, run, simulate
from sim_fixtures import gers_assignment, gers_project


@pytest.fixture(scope="module")
def gers():
    project = gers_project()
    return project, gers_assignment(project)


def _months_ge(a, b):
    return a is None or (b is not None and a <= b)


def test_eligible_monotone_bounded_and_summing(gers):
    project, a = gers
    r = simulate(project, a)
    assert r.units == 114042 and r.unplanned_units == 0
    for series in (r.eligible, r.marketable, r.connected):
        assert np.all(np.diff(series) >= 0)
    assert np.all(np.diff(r.commune_eligible, axis=1) >= 0)
    assert np.all(np.diff(r.phase_eligible, axis=1) >= 0)
    assert np.all(r.commune_eligible <= r.commune_units[:, None])
    assert np.all(r.phase_eligible <= r.phase_units[:, None])
    assert np.array_equal(r.commune_eligible.sum(axis=0), r.eligible)
    assert np.array_equal(r.phase_eligible.sum(axis=0), r.eligible)
    assert np.all(r.connected <= r.marketable) and np.all(r.marketable <= r.eligible)
    assert r.eligible[-1] == r.units and r.milestones[100] is not None
    assert r.milestones[50] <= r.milestones[66] <= r.milestones[100]


def test_doubling_crews_never_delays(gers):
    project, a = gers
    base = simulate(project, a)
    sc = project.scenario.copy("double")
    sc.phase_overrides = {p.id: {"crews": p.crews * 2} for p in project.phases}
    fast = simulate(project, a, sc)
    for m in (50, 66, 100):
        assert fast.milestones[m] <= base.milestones[m]
    assert all(f <= b for f, b in zip(fast.phase_end, base.phase_end))
    assert np.all(fast.eligible >= base.eligible)
    assert fast.milestones[100] < base.milestones[100]


def test_dependency_on_end_and_on_percentage(gers):
    project, a = gers
    sc = project.scenario.copy("deps")
    first, second, third = project.phases[0], project.phases[1], project.phases[2]
    sc.phase_overrides = {second.id: {"depends_on": [Dependency(first.id, 100)]},
                          third.id: {"depends_on": [Dependency(first.id, 30)]}}
    r = simulate(project, a, sc)
    assert r.phase_start[1] > r.phase_end[0]
    e0 = r.phase_eligible[0]
    reach30 = int(np.argmax(e0 >= np.ceil(0.3 * r.phase_units[0])))
    assert r.months.index(r.phase_start[2]) == reach30 + 1
    # nothing of the dependent phases is built before they start
    assert r.phase_eligible[1, : r.months.index(r.phase_start[1])].sum() == 0


def test_unplanned_units_never_become_eligible(gers):
    project, _ = gers
    partial = dataclasses.replace(project, phases=project.phases[:5])
    a = gers_assignment(partial)
    r = simulate(partial, a)
    planned = int(a.phase_units.sum())
    assert r.unplanned_units == r.units - planned > 0
    outside = np.ones(len(r.commune_units), dtype=bool)
    outside[a.cell_commune] = False
    assert outside.sum() > 0 and r.commune_eligible[outside].max() == 0
    assert r.eligible.max() == planned
    assert r.coverage_pct.max() < 100 and r.milestones[100] is None


def test_deterministic(gers):
    project, a = gers
    r1, r2 = simulate(project, a), simulate(project, a)
    assert np.array_equal(r1.commune_eligible, r2.commune_eligible) and r1.milestones == r2.milestones


def test_pool_with_enough_crews_matches_own_crews(gers):
    project, a = gers
    own = inputs_from(project, a)
    pooled = dataclasses.replace(own, use_pool=np.ones(own.n_phases, dtype=bool),
                                 pool=np.full(own.horizon, own.crews.sum()))
    r_own, r_pool = run(own), run(pooled)
    assert np.array_equal(r_own.phase_eligible, r_pool.phase_eligible)
    assert r_own.phase_end == r_pool.phase_end


def test_pool_per_month_path_matches_per_phase_path_with_dependencies(gers):
    project, a = gers
    sc = project.scenario.copy("deps")
    sc.phase_overrides = {project.phases[3].id: {"depends_on": [Dependency(project.phases[0].id, 40)],
                                                 "order": "pro_rata"}}
    own = inputs_from(project, a, sc)
    pooled = dataclasses.replace(own, use_pool=np.ones(own.n_phases, dtype=bool),
                                 pool=np.full(own.horizon, own.crews.sum()))
    r_own, r_pool = run(own), run(pooled)
    assert np.array_equal(r_own.commune_eligible, r_pool.commune_eligible)
    assert np.array_equal(r_own.phase_eligible, r_pool.phase_eligible)
    assert r_own.phase_start == r_pool.phase_start and r_own.phase_end == r_pool.phase_end
    assert np.array_equal(r_own.phase_eligible.sum(axis=0), r_own.commune_eligible.sum(axis=0))


def test_scarce_pool_serves_phases_in_priority_order(gers):
    project, a = gers
    sc = project.scenario.copy("pool")
    sc.crew_pool = CrewPool(plan=[("2018-01", 2)])
    sc.phase_overrides = {p.id: {"use_pool": True} for p in project.phases[:3]}
    r = simulate(project, a, sc)
    end0 = r.months.index(r.phase_end[0])
    # phase 2 (lower priority) gets no crews until phase 1 is done, then builds
    assert r.phase_eligible[1, end0] == 0 and r.phase_eligible[1, end0 + 1] > 0
    assert r.phase_end[1] < r.phase_end[2]
    # doubling the pool brings every pool phase's end forward or keeps it
    sc2 = sc.copy("pool2")
    sc2.crew_pool = CrewPool(plan=[("2018-01", 2), ("2019-01", 4)])
    sc2.phase_overrides = {p.id: {"use_pool": True, "crews": 2} for p in project.phases[:3]}
    r2 = simulate(project, a, sc2)
    assert all(_months_ge(e2, e) for e2, e in zip(r2.phase_end[:3], r.phase_end[:3]))


def test_pro_rata_advances_communes_together(gers):
    project, a = gers
    p = project.phases[6]  # the largest EPCI
    sc = project.scenario.copy("pr")
    sc.phase_overrides = {p.id: {"order": "pro_rata"}}
    r = simulate(project, a, sc)
    base = simulate(project, a)
    rows = np.unique(a.cell_commune[a.cell_phase == 6])
    mid = int(np.argmax(r.phase_eligible[6] >= r.phase_units[6] // 2))
    phase_share = r.phase_eligible[6, mid] / r.phase_units[6]
    assert 0.45 < phase_share < 0.55
    # every commune at its proportional share, give or take the rounding (< 1 unit per commune of the phase)
    u = r.commune_units[rows]
    slack = 1 + len(rows) * u / r.phase_units[6]
    assert np.all(np.abs(r.commune_eligible[rows, mid] - u * phase_share) < slack)
    base_share = base.commune_eligible[rows, mid] / base.commune_units[rows]
    # by_commune: one commune at a time, so at most one partly built and most untouched
    assert ((base_share > 0) & (base_share < 1)).sum() <= 1 and (base_share == 0).sum() > len(rows) // 2
    assert r.phase_end[6] == base.phase_end[6]


def test_manual_and_nearest_orders(gers):
    project, a = gers
    p = project.phases[6]
    rows = np.unique(a.cell_commune[a.cell_phase == 6])
    smallest = rows[np.argmin(a.commune_units[rows])]
    code = project.communes.codes[smallest]
    sc = project.scenario.copy("manual")
    sc.phase_overrides = {p.id: {"commune_order": "manual", "communes": [code] + p.communes}}
    r = simulate(project, a, sc)
    assert r.commune_month_100[smallest] == min(r.commune_month_100[rows])
    import shapely
    pt = shapely.point_on_surface(project.communes.geometries[smallest])
    sc.phase_overrides = {p.id: {"commune_order": "nearest", "origin": (pt.x, pt.y)}}
    r = simulate(project, a, sc)
    assert r.commune_month_100[smallest] == min(r.commune_month_100[rows])


@pytest.mark.parametrize("override, fld", [
    ({"crews": -1}, "crews"),
    ({"units_per_crew_month": 0}, "units_per_crew_month"),
    ({"earliest_start": "2017-06"}, "earliest_start"),
    ({"depends_on": [Dependency(999)]}, "depends_on"),
    ({"study_months": -2}, "study_months"),
    ({"use_pool": True}, "use_pool"),
])
def test_invalid_parameters_name_phase_and_field(gers, override, fld):
    project, a = gers
    sc = project.scenario.copy("bad")
    sc.phase_overrides = {project.phases[2].id: override}
    with pytest.raises(ParameterError) as err:
        simulate(project, a, sc)
    assert err.value.field == fld and err.value.phase == project.phases[2].name
    assert project.phases[2].name in str(err.value)


def test_dependency_cycle_is_an_error(gers):
    project, a = gers
    sc = project.scenario.copy("cycle")
    p0, p1 = project.phases[0], project.phases[1]
    sc.phase_overrides = {p0.id: {"depends_on": [Dependency(p1.id)]}, p1.id: {"depends_on": [Dependency(p0.id)]}}
    with pytest.raises(ParameterError, match="cycle") as err:
        simulate(project, a, sc)
    assert err.value.field == "depends_on" and err.value.phase in (p0.name, p1.name)


def test_unknown_scenario_name(gers):
    project, a = gers
    with pytest.raises(ParameterError, match="no scenario named 'Nope'"):
        simulate(project, a, "Nope")


def test_paths_agree_on_chains_and_an_empty_phase():
    from planner.core.project.model import Phase

    project = gers_project()
    ids = [p.id for p in project.phases]
    project.phases.append(Phase(id=99, name="Empty", study_months=2))  # no communes: no units
    sc = project.scenario
    sc.phase_overrides = {ids[1]: {"depends_on": [Dependency(ids[0], 100)]},
                          ids[2]: {"depends_on": [Dependency(ids[1], 50)], "order": "pro_rata"},
                          ids[3]: {"depends_on": [Dependency(99)], "earliest_start": "2018-06"},
                          ids[4]: {"depends_on": [Dependency(ids[2], 20), Dependency(ids[0], 60)]}}
    own = inputs_from(project, gers_assignment(project))
    pooled = dataclasses.replace(own, use_pool=np.ones(own.n_phases, dtype=bool),
                                 pool=np.full(own.horizon, own.crews.sum()))
    r_own, r_pool = run(own), run(pooled)
    assert np.array_equal(r_own.phase_eligible, r_pool.phase_eligible)
    assert r_own.phase_start == r_pool.phase_start and r_own.phase_end == r_pool.phase_end
    assert r_own.phase_end[-1] == r_own.phase_start[-1] == "2018-01"  # an empty phase ends as it starts
    assert r_own.phase_start[3] == "2018-06"
    assert r_own.phase_start[2] > r_own.phase_start[1] > r_own.phase_end[0]


def test_scarce_pool_goes_to_a_lower_priority_phase_while_the_first_waits(gers):
    project, a = gers
    p0, p1 = project.phases[0], project.phases[1]
    sc = project.scenario.copy("wait")
    sc.crew_pool = CrewPool(plan=[("2018-01", 2)])
    sc.phase_overrides = {p0.id: {"use_pool": True, "depends_on": [Dependency(p1.id, 100)]},
                          p1.id: {"use_pool": True}}
    r = simulate(project, a, sc)
    alone = simulate(project, a)  # phase 2 with its own 2 crews from the start
    assert r.phase_end[1] == alone.phase_end[1]
    assert r.phase_start[0] > r.phase_end[1] and r.phase_end[0] is not None
    assert r.phase_eligible[0, : r.months.index(r.phase_start[0])].sum() == 0
