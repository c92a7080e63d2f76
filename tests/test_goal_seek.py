"""Goal seek on the Gers communes: each answer meets the target and one step worse misses it; impossible targets say why."""
import pytest

from planner.core.errors import ParameterError
from planner.core.decisions.goal_seek import goal_seek
from planner.core.months import format_month, parse_month
from planner.core.project.model import CrewPool
from planner.core.simulation.whatif import shifted_start, with_phase_value, with_pool_crews
from planner.core.simulation.coverage import simulate
from sim_fixtures import gers_assignment, gers_project


@pytest.fixture(scope="module")
def gers():
    project = gers_project()
    return project, gers_assignment(project)


def _coverage_at(project, a, sc, month):
    sc = sc.copy()
    sc.horizon_months = max(sc.horizon_months, parse_month(month) - parse_month(sc.start) + 1)
    r = simulate(project, a, sc)
    return r.coverage_pct[r.month_index(month)]


def test_fewest_crews(gers):
    project, a = gers
    g = goal_seek(project, 90, "2020-06", "crews", a)
    assert g.feasible and isinstance(g.value, int) and g.value > 1
    base = project.scenario
    assert _coverage_at(project, a, with_phase_value(base, project, "crews", g.value), "2020-06") >= 90
    assert _coverage_at(project, a, with_phase_value(base, project, "crews", g.value - 1), "2020-06") < 90
    assert g.result.coverage_pct[g.result.month_index("2020-06")] >= 90


def test_fewest_pool_crews(gers):
    project, a = gers
    sc = project.scenario.copy("pool")
    sc.crew_pool = CrewPool(plan=[("2018-01", 1)])
    sc.phase_overrides = {p.id: {"use_pool": True, "crews": 4} for p in project.phases}
    g = goal_seek(project, 66, "2021-12", "crews", a, scenario=sc)
    assert g.feasible
    assert _coverage_at(project, a, with_pool_crews(sc, g.value), "2021-12") >= 66
    assert _coverage_at(project, a, with_pool_crews(sc, g.value - 1), "2021-12") < 66


def test_latest_start(gers):
    project, a = gers
    g = goal_seek(project, 66, "2020-12", "start", a)
    assert g.feasible and g.value > project.scenario.start
    assert _coverage_at(project, a, shifted_start(project.scenario, project, g.value), "2020-12") >= 66
    one_later = format_month(parse_month(g.value) + 1)
    assert g.below_value == one_later
    assert _coverage_at(project, a, shifted_start(project.scenario, project, one_later), "2020-12") < 66


def test_lowest_productivity_for_chosen_communes(gers):
    project, a = gers
    communes = ["32013", "32160", "32107"]  # Auch, L'Isle-Jourdain, Fleurance
    g = goal_seek(project, 50, "2019-06", "productivity", a, communes=communes)
    assert g.feasible and g.below_value == g.value - 1

    def cov(v):
        r = simulate(project, a, with_phase_value(project.scenario, project, "units_per_crew_month", v))
        rows = [project.communes.index_of(c) for c in communes]
        t = r.month_index("2019-06")
        return 100 * r.commune_eligible[rows, t].sum() / r.commune_units[rows].sum()

    assert cov(g.value) >= 50 > cov(g.value - 1)


def test_impossible_targets_say_why(gers):
    project, a = gers
    g = goal_seek(project, 50, "2018-02", "crews", a)
    assert not g.feasible and g.value is None
    assert "studies alone end in 2018-03" in g.reason and "after 2018-02" in g.reason
    partial = gers_project()
    partial.phases = partial.phases[:3]
    g = goal_seek(partial, 66, "2025-12", "crews", gers_assignment(partial))
    assert not g.feasible and "unplanned" in g.reason


def test_invalid_requests(gers):
    project, a = gers
    with pytest.raises(ParameterError, match="target"):
        goal_seek(project, 0, "2020-12", "crews", a)
    with pytest.raises(ParameterError, match="vary"):
        goal_seek(project, 50, "2020-12", "money", a)
    with pytest.raises(ParameterError, match="before the start"):
        goal_seek(project, 50, "2017-12", "crews", a)
