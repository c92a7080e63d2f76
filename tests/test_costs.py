"""Costs, build effort and budget (issue 13): the worked example of docs/simulation.md, invariants on the Gers
communes, goal seek on the budget and the errors a planner can cause."""
import dataclasses

import numpy as np
import pytest
import shapely

from planner.core.errors import ParameterError
from planner.core.phases.assignment import assign
from planner.core.project.cost_model import CostModel, DensityClass, legacy_cost_model
from planner.core.project.model import Communes, CrewPool, Dependency, Layer, Phase, Project, Scenario
from planner.core.simulation.coverage import inputs_from, run, simulate, to_json_dict
from planner.core.simulation.spend import budget_note, commune_spend, milestone_costs, yearly
from planner.core.simulation.whatif import with_budget
from sim_fixtures import gers_assignment, gers_project


def example_project(budget=((2019, 120_000.0), (2020, 600_000.0))) -> Project:
    """docs/simulation.md, 'Costs and budget': V (1 km², 300 units, dense) and H (10 km², 200 units, rural)."""
    geoms = np.array([shapely.box(0, 0, 1000, 1000), shapely.box(1000, 0, 11000, 1000)], dtype=object)
    layer = Layer("communes", "polygon", fields={
        "code_insee": np.array(["32001", "32002"], dtype=object), "nom": np.array(["V", "H"], dtype=object),
        "units": np.array([300, 200])}, geometries=geoms)
    project = Project(communes=Communes(layer, units_field="units"))
    project.phases = [Phase(id=1, name="A", communes=["32001", "32002"], crews=1, units_per_crew_month=100,
                            study_months=1, ramp_months=0, fixed_cost_eur=20_000)]
    costs = CostModel(classes=[DensityClass("dense", 200, 500, 0.5), DensityClass("rural", 0, 1000, 1.0)],
                      budget=list(budget))
    project.scenarios = [Scenario(name="Costs", start="2019-12", horizon_months=6, calendar=[1.0] * 12,
                                  costs=costs)]
    return project


def test_worked_example_with_a_budget_binding_in_the_second_year():
    project = example_project()
    r = simulate(project, assign(project))
    c = r.costs
    assert r.months == ["2019-12", "2020-01", "2020-02", "2020-03", "2020-04", "2020-05"]
    assert r.commune_eligible.tolist() == [[0, 200, 300, 300, 300, 300], [0, 0, 50, 100, 150, 200]]
    assert c.spend.tolist() == [20_000, 120_000, 220_000, 270_000, 320_000, 370_000]
    assert c.budget.tolist() == [120_000, 170_000, 220_000, 270_000, 320_000, 370_000]
    assert c.money_wait[0].tolist() == [False, False, False, True, True, False]
    assert r.phase_start == ["2019-12"] and r.phase_end == ["2020-05"]
    assert c.cost_total == 370_000 and c.phase_cost.tolist() == [370_000]
    assert c.commune_cost.tolist() == [150_000, 200_000]
    assert commune_spend(r)[:, 3].tolist() == [150_000, 100_000]
    assert yearly(r, c.spend) == ([2019, 2020], pytest.approx([20_000, 350_000]))
    assert r.coverage_pct.tolist() == [0, 40, 70, 80, 90, 100]
    assert milestone_costs(r) == {50: 220_000, 66: 220_000, 100: 370_000}
    assert budget_note(r) is None
    data = to_json_dict(r, project)
    assert data["territory"]["spend_eur"] == [20000.0, 120000.0, 220000.0, 270000.0, 320000.0, 370000.0]
    assert data["territory"]["cost_eur"] == 370000.0 and data["phases"]["A"]["money_wait_months"] == 2


def test_worked_example_without_budget_and_with_too_small_a_budget():
    project = example_project(budget=())
    r = simulate(project, assign(project))
    assert r.commune_eligible.tolist() == [[0, 200, 300, 300, 300, 300], [0, 0, 50, 150, 200, 200]]
    assert r.costs.spend.tolist() == [20_000, 120_000, 220_000, 320_000, 370_000, 370_000]
    assert r.costs.budget is None and r.costs.money_wait is None and budget_note(r) is None
    assert r.phase_end == ["2020-04"]
    small = example_project(budget=((2019, 120_000.0), (2020, 240_000.0)))  # 20,000 € a month in 2020
    r = simulate(small, assign(small))
    assert r.costs.spend.tolist() == [20_000, 120_000, 160_000, 180_000, 200_000, 220_000]
    assert r.commune_eligible.tolist() == [[0, 200, 280, 300, 300, 300], [0, 0, 0, 10, 30, 50]]
    assert r.phase_end == [None] and r.coverage_pct[-1] == 70.0
    assert "too small to finish by 2020-05: coverage reaches 70.0 %" in budget_note(r)


@pytest.fixture(scope="module")
def gers():
    project = gers_project()
    return project, gers_assignment(project)


def _scenario(project, **changes):
    sc = project.scenario.copy("t")
    for k, v in changes.items():
        setattr(sc, k, v)
    return sc


def test_efforts_of_one_give_todays_model(gers):
    project, a = gers
    sc = _scenario(project, costs=legacy_cost_model())
    sc.phase_overrides = {project.phases[2].id: {"order": "pro_rata"},
                          project.phases[4].id: {"depends_on": [Dependency(project.phases[0].id, 60)]}}
    inp = inputs_from(project, a, sc)
    assert np.all(inp.cell_effort == 1)
    today = run(dataclasses.replace(inp, cell_effort=None))  # the engine as it was before efforts existed
    ones = run(inp)
    assert np.array_equal(ones.commune_eligible, today.commune_eligible)
    assert np.array_equal(ones.phase_eligible, today.phase_eligible) and ones.phase_end == today.phase_end
    # effort 2 everywhere with twice the productivity goes through the conversion and gives the same units
    twice = run(dataclasses.replace(inp, cell_effort=np.full(len(inp.cell_effort), 2.0), upcm=inp.upcm * 2))
    assert np.array_equal(twice.commune_eligible, today.commune_eligible)


def test_denser_communes_build_faster_and_paths_agree(gers):
    project, a = gers
    sc = project.scenario.copy("deps")
    sc.phase_overrides = {project.phases[3].id: {"depends_on": [Dependency(project.phases[0].id, 40)],
                                                 "order": "pro_rata"}}
    inp = inputs_from(project, a, sc)
    assert set(np.unique(inp.cell_effort)) == {0.42, 1.0}  # Auch and Nogaro are intermediate
    r = run(inp)
    flat = run(dataclasses.replace(inp, cell_effort=np.ones(len(inp.cell_effort))))
    assert np.all(r.eligible >= flat.eligible) and r.milestones[100] < flat.milestones[100]
    pooled = dataclasses.replace(inp, use_pool=np.ones(inp.n_phases, dtype=bool),
                                 pool=np.full(inp.horizon, inp.crews.sum()))
    rp = run(pooled)
    assert np.array_equal(r.phase_eligible, rp.phase_eligible) and r.phase_end == rp.phase_end
    assert np.array_equal(r.commune_eligible, rp.commune_eligible)


@pytest.mark.parametrize("eur", [3e6, 8e6, 2e7])
def test_spend_never_exceeds_the_money_made_available(gers, eur):
    project, a = gers
    sc = with_budget(project.scenario, eur)
    sc.costs.phase_fixed_eur = 250_000
    sc.crew_pool = CrewPool(plan=[("2018-01", 10), ("2020-01", 30)])
    sc.phase_overrides = {project.phases[1].id: {"use_pool": True}, project.phases[2].id: {"order": "pro_rata"},
                          project.phases[5].id: {"depends_on": [Dependency(project.phases[1].id, 50)]}}
    r = simulate(project, a, sc)
    c = r.costs
    assert np.all(c.spend <= c.budget + 1e-6)
    assert np.all(np.diff(c.spend) >= -1e-9) and np.all(np.diff(r.eligible) >= 0)
    assert c.money_wait.any()
    unlimited = simulate(project, a, with_budget(sc, None))
    assert np.all(r.eligible <= unlimited.eligible)
    spent_units = c.phase_spend[:, -1] - c.phase_fixed * np.array([s is not None for s in r.phase_start])
    assert spent_units.sum() <= c.spend[-1] + 1e-6


def test_a_run_axis_gives_the_single_run_budget_step(gers):
    from planner.core.simulation.engine import run_phases

    project, a = gers
    sc = with_budget(project.scenario, 9e6)
    sc.costs.phase_fixed_eur = 400_000
    sc.phase_overrides = {project.phases[2].id: {"order": "pro_rata"}}
    inp = inputs_from(project, a, sc)
    one, three = run_phases(inp, 1), run_phases(inp, 3)
    assert one.money_wait[0].any()
    for k in range(3):
        assert np.array_equal(three.built[k], one.built[0]) and np.array_equal(three.end[k], one.end[0])
        assert np.array_equal(three.money_wait[k], one.money_wait[0])


def test_an_ample_budget_gives_todays_coverage(gers):
    project, a = gers
    free = simulate(project, a)
    total = free.costs.cost_total
    rich = simulate(project, a, with_budget(project.scenario, total))
    assert np.array_equal(rich.commune_eligible, free.commune_eligible)
    assert rich.phase_start == free.phase_start and rich.phase_end == free.phase_end
    assert np.allclose(rich.costs.spend, free.costs.spend) and not rich.costs.money_wait.any()
    assert free.costs.spend[-1] == pytest.approx(total)


def test_cost_of_phases_and_communes_add_up(gers):
    project, a = gers
    r = simulate(project, a)
    c = r.costs
    auch = project.communes.index_of("32013")
    assert c.commune_eur_per_unit[auch] == 800 and c.commune_eur_per_unit[0] == 1900
    assert c.commune_cost.sum() == pytest.approx(c.cost_total)
    assert c.commune_cost[auch] == 800 * r.commune_units[auch]
    assert np.allclose(commune_spend(r)[:, -1], c.commune_cost)


def test_goal_seek_on_budget_checked_at_the_answer_and_5_percent_below(gers):
    from planner.core.decisions.goal_seek import goal_seek

    project, a = gers
    g = goal_seek(project, 66, "2022-12", "budget", a)
    assert g.feasible and g.value % 1000 == 0 and g.value > 0
    t = g.result.month_index("2022-12")
    at = simulate(project, a, with_budget(project.scenario, g.value))
    below = simulate(project, a, with_budget(project.scenario, g.value * 0.95))
    assert at.coverage_pct[t] >= 66 > below.coverage_pct[t]
    assert g.below_value == g.value - 1000 and g.below_coverage < 66
    assert g.scenario.costs.budget[0] == (2018, float(g.value))
    crews_too_few = goal_seek(project, 95, "2019-06", "budget", a)
    assert not crews_too_few.feasible and "crews alone are too few" in crews_too_few.reason


@pytest.mark.parametrize("change, fld", [
    (lambda cm: setattr(cm.classes[0], "eur_per_unit", -5), "costs.classes[0].eur_per_unit"),
    (lambda cm: setattr(cm.classes[2], "min_density", 10), "costs.classes"),
    (lambda cm: setattr(cm.classes[1], "effort", 0), "costs.classes[1].effort"),
    (lambda cm: setattr(cm, "budget", [(2031, 1e6)]), "costs.budget[0]"),
    (lambda cm: setattr(cm, "budget", [(2019, -1)]), "costs.budget[0]"),
    (lambda cm: setattr(cm, "area_field", "nope"), "costs.area_field"),
    (lambda cm: setattr(cm, "phase_fixed_eur", -1), "costs.phase_fixed_eur"),
])
def test_bad_cost_inputs_name_the_field(gers, change, fld):
    project, a = gers
    sc = project.scenario.copy("bad")
    change(sc.costs)
    with pytest.raises(ParameterError) as exc:
        inputs_from(project, a, sc)
    assert f"field '{fld}" in str(exc.value)


def test_commune_without_area_and_negative_override_name_the_commune(gers):
    project, a = gers
    fields = project.communes.layer.fields  # two extra fields on the shared project; no other test reads them
    area = np.asarray(fields["area_km2"], dtype=float).copy()
    auch = project.communes.index_of("32013")
    area[auch] = np.nan
    over = np.full(len(area), np.nan)
    over[auch] = -3
    fields["area_bad"], fields["cost_override"] = area, over
    sc = project.scenario.copy("area")
    sc.costs.area_field = "area_bad"
    with pytest.raises(ParameterError, match=r"field 'area_bad': commune 32013 \(Auch\) has no area"):
        inputs_from(project, a, sc)
    sc.costs.area_field = "area_km2"
    sc.costs.override_field = "cost_override"
    with pytest.raises(ParameterError, match=r"field 'cost_override': commune 32013 \(Auch\) has a negative cost"):
        inputs_from(project, a, sc)
    over[auch] = 2500.0
    r = simulate(project, a, sc)
    assert r.costs.commune_eur_per_unit[auch] == 2500


def test_cost_model_saved_and_read_back(tmp_path):
    from planner.io.project.project_file import load_project, save_project
    from planner.io.project.schema import SchemaError, scenario_from_json, scenario_to_json

    project = example_project()
    project.scenarios[0].costs.override_field = "units"
    path = tmp_path / "costs.gpkg"
    save_project(project, path)
    back = load_project(path)
    assert back.scenarios[0].costs == project.scenarios[0].costs
    assert back.phases[0].fixed_cost_eur == 20_000
    old = scenario_to_json(Scenario())
    del old["costs"]  # a file written before costs existed keeps its pace: every effort 1
    assert [c.effort for c in scenario_from_json(old, "s").costs.classes] == [1.0, 1.0, 1.0]
    bad = scenario_to_json(Scenario())
    bad["costs"]["budget"] = [[2020, -4]]
    with pytest.raises(SchemaError, match=r"scenarios\[0\].costs.budget\[0\]"):
        scenario_from_json(bad, "scenarios[0]")


def test_uncertain_cost_gives_cost_bands(gers):
    from planner.core.decisions.uncertainty import run_ensemble

    project, a = gers
    inp = inputs_from(project, a)
    total = run(inp).costs.cost_total
    e = run_ensemble(inp, {"cost": ["triangular", -0.1, 0.3]}, runs=200, seed=3)
    lo, mid, hi = e.cost_bands
    assert total * 0.9 < lo < mid < hi < total * 1.3 and mid > total
    assert np.allclose(e.p50, run(inp).coverage_pct)  # without a budget, dearer units do not slow the build
    budget = inputs_from(project, a, with_budget(project.scenario, 8e6))
    eb = run_ensemble(budget, {"cost": ["uniform", 0.2, 0.4]}, runs=20, seed=3)
    assert np.all(eb.p90 <= run(budget).coverage_pct + 1e-9) and eb.p90[-1] < run(budget).coverage_pct[-1]


def test_comparison_shows_total_cost_and_spend_per_year(gers):
    from planner.core.decisions.scenario_compare import compare_scenarios

    project, a = gers
    cheap = project.scenario.copy("Cheap")
    cheap.costs.classes[2].eur_per_unit = 1500
    cmp = compare_scenarios(project, a, [project.scenario, cheap])
    total = cmp.cost_rows[0]
    assert total.kind == "total" and total.diffs[1] < 0 and total.values[0] == cmp.results[0].costs.cost_total
    years = [r for r in cmp.cost_rows if r.kind == "year"]
    assert years[0].year == 2018 and len(years) == 10
    assert sum(r.values[0] for r in years) == pytest.approx(cmp.results[0].costs.spend[-1])
    header, rows = cmp.table()
    assert rows[-len(cmp.cost_rows)][0] == "Total cost" and rows[-len(cmp.cost_rows)][2].endswith(")")


def test_after_an_as_built_start_costs_count_what_remains(gers, shared_data):
    from conftest import ARCEP_CSV
    from planner.core.project.as_built import AsBuilt, snapshot_from_actuals
    from planner.io.actuals.reader import read_actuals

    project, a = gers
    p = project.snapshot()
    p.as_built = AsBuilt([snapshot_from_actuals(read_actuals(ARCEP_CSV, p.communes), p.communes)])
    p.scenario.as_of = "2018-03"
    p.scenario.costs.phase_fixed_eur = 100_000
    r = simulate(p, a)
    full = simulate(project, a, project.scenario)  # the same plan from nothing
    c, auch = r.costs, p.communes.index_of("32013")
    t = r.month_index("2018-03")
    assert c.spend[t] == 0 and c.spend[-1] == pytest.approx(c.cost_total)
    built = r.commune_eligible[auch, t]  # 5,808 units built in Auch before: not paid again
    assert built == 5808 and c.commune_cost[auch] == 800 * (r.commune_units[auch] - built)
    begun = np.array([s != "not_begun" for s in r.as_built.phase_state])
    assert begun.sum() == 4 and np.all(c.phase_fixed[begun] == 0) and np.all(c.phase_fixed[~begun] == 100_000)
    assert commune_spend(r)[auch, t] == 0 and commune_spend(r)[auch, -1] == c.commune_cost[auch]
    remaining_units = (r.commune_units - r.commune_eligible[:, t]) @ c.commune_eur_per_unit
    assert c.cost_total == pytest.approx(remaining_units + 13 * 100_000)
    assert c.cost_total < full.costs.cost_total + 17 * 100_000
    budget = with_budget(p.scenario, 20e6)
    rb = simulate(p, a, budget)
    assert rb.costs.budget[t] == 0 and np.all(rb.costs.spend <= rb.costs.budget + 1e-6)
    assert rb.eligible[t] == 7834 and np.all(rb.eligible[t:] >= 7834)
