"""As-built start (issue 21): the real Arcep Gers file, continuity at the as-of month, remaining work, phase
states, bad input, premise-level data and the project file."""
import numpy as np
import pytest

from conftest import ARCEP_CSV
from planner.core.decisions.actuals import parse_actuals
from planner.core.errors import InputError, ParameterError
from planner.core.months import parse_month
from planner.core.project.as_built import AsBuilt, PremiseSnapshot, snapshot_from_actuals, with_snapshot
from planner.core.project.cost_model import legacy_cost_model
from planner.core.project.model import CrewPool, Dependency
from planner.core.simulation.coverage import inputs_from, run, simulate
from planner.core.simulation.start_state import cell_series
from planner.io.actuals.reader import read_actuals
from sim_fixtures import gers_assignment, gers_project


@pytest.fixture(scope="module")
def gers(shared_data):
    project = gers_project()
    assignment = gers_assignment(project)
    actuals = read_actuals(ARCEP_CSV, project.communes)
    return project, assignment, actuals


def _with_actuals(gers, **scenario):
    project, assignment, actuals = gers
    p = project.snapshot()
    p.as_built = AsBuilt([snapshot_from_actuals(actuals, p.communes)])
    p.scenario.costs = legacy_cost_model()  # every effort 1: the pace checks below count units (efforts: test_costs)
    for k, v in scenario.items():
        setattr(p.scenario, k, v)
    return p, assignment


def test_real_arcep_file_as_of_2018_03(gers):
    p, a = _with_actuals(gers, as_of="2018-03")
    r = simulate(p, a)
    t = r.month_index("2018-03")
    auch = p.communes.index_of("32013")
    assert r.eligible[t] == 7834 and r.commune_eligible[auch, t] == 5808
    assert np.all(r.eligible[t:] >= 7834) and np.all(np.diff(r.eligible[t:]) >= 0)
    assert np.all(r.commune_eligible[:, t:] >= r.commune_eligible[:, t:t + 1])
    # before the as-of month: the real history, each month holding the last published quarter
    assert r.eligible[:t + 1].tolist() == [7030, 7030, 7834] and r.as_built.actual == [7030, 7030, 7834]
    assert r.as_built.notes == []
    # the default as-of month is the latest actual quarter
    p2, _ = _with_actuals(gers)
    assert simulate(p2, a).as_built.as_of == "2018-03"


def test_continuity_at_as_of_for_territory_phases_and_communes(gers):
    p, a = _with_actuals(gers, as_of="2018-03")
    inp = inputs_from(p, a)
    r = run(inp)
    st = inp.start_state
    t = st.as_of
    assert np.array_equal(r.commune_eligible[:, t], st.commune_built())
    assert np.array_equal(r.phase_eligible[:, t], st.phase_built())
    assert r.eligible[t] == st.commune_built().sum() == r.as_built.commune_built.sum()
    # the month after: each phase adds at most one month of its full pace (no jump), nothing goes down
    step = r.phase_eligible[:, t + 1] - r.phase_eligible[:, t]
    assert np.all(step >= 0) and np.all(step <= np.ceil(inp.crews * inp.upcm))
    assert np.all(np.diff(r.commune_eligible[:, t:], axis=1) >= 0)
    # cells of the plan: the same figures per (phase, commune) cell
    cells = cell_series(inp)
    assert np.array_equal(cells[:, t], st.cell_built)
    assert np.array_equal(np.bincount(inp.cell_phase, weights=cells[:, -1], minlength=inp.n_phases),
                          r.phase_eligible[:, -1])


def test_built_plus_remaining_equals_units_for_every_commune(gers):
    p, a = _with_actuals(gers, as_of="2018-03")
    p.scenario.horizon_months = 240
    inp = inputs_from(p, a)
    st = inp.start_state
    rest = inp.start_state.remaining(inp)
    remaining = np.bincount(rest.cell_commune[rest.cell_commune >= 0],
                            weights=rest.cell_units[rest.cell_commune >= 0], minlength=len(inp.commune_units))
    unplanned_left = np.zeros(len(inp.commune_units))  # every Gers commune is in a phase
    assert np.array_equal(st.commune_built() + remaining + unplanned_left, inp.commune_units)
    r = run(inp)
    assert np.array_equal(r.commune_eligible[:, -1], inp.commune_units)  # all built in the end
    assert rest.phase_units.sum() == inp.phase_units.sum() - 7834


def test_phase_all_built_is_done_at_its_real_quarter(gers):
    project, a, _ = gers
    p = project.snapshot()
    phase = p.phases[3]
    rows = np.array([p.communes.index_of(c) for c in phase.communes])
    units = np.asarray(a.commune_units)
    table = [[str(p.communes.codes[r]), "T4 2017", int(units[r])] for r in rows]
    table += [[str(p.communes.codes[r]), "T3 2017", int(units[r]) // 2] for r in rows]
    table += [["32013", "T1 2018", 100]]
    act = parse_actuals(["code_insee", "trimestre", "raccordables"], table, p.communes, source="done.csv")
    p.as_built = AsBuilt([snapshot_from_actuals(act, p.communes)])
    r = simulate(p, a)
    assert r.as_built.phase_state[3] == "done"
    assert r.phase_end[3] == "2017-12" and r.phase_start[3] == "2017-09" and r.as_built.phase_done[3] == "2017-12"
    assert np.all(r.phase_eligible[3] == a.phase_units[3])
    auch_phase = int(a.commune_phase[p.communes.index_of("32013")])
    assert r.as_built.phase_state[auch_phase] == "under_way"
    assert sum(s == "not_begun" for s in r.as_built.phase_state) == len(p.phases) - 2


def test_under_way_resumes_without_studies_and_not_begun_waits_for_as_of(gers):
    p, a = _with_actuals(gers, as_of="2018-03")
    r = simulate(p, a)
    states = r.as_built.phase_state
    inp = r.inputs
    t = r.month_index("2018-03")
    for i, s in enumerate(states):
        if s == "under_way":  # full pace from April: no studies, no ramp
            assert r.phase_eligible[i, t + 1] - r.phase_eligible[i, t] == min(
                int(inp.crews[i] * inp.upcm[i]), int(a.phase_units[i] - r.phase_eligible[i, t]))
        elif s == "not_begun":  # studies from April (3 months), nothing built before July
            assert r.phase_start[i] == "2018-04" and r.phase_eligible[i, :t + 4].sum() == 0
    p.scenario.resume_studies = p.scenario.resume_ramp = True
    r2 = simulate(p, a)
    i = states.index("under_way")
    assert r2.phase_eligible[i, t + 1] == r2.phase_eligible[i, t]  # studies again: nothing in April


def test_dependency_met_by_real_figures_and_pool_path(gers):
    p, a = _with_actuals(gers, as_of="2018-03")
    auch_phase = int(a.commune_phase[p.communes.index_of("32013")])
    other = (auch_phase + 1) % len(p.phases)
    dep_pct = 100.0 * 5808 / a.phase_units[auch_phase] - 1  # already met by the figures
    p.phases[other].depends_on = [Dependency(p.phases[auch_phase].id, dep_pct)]
    r = simulate(p, a)
    assert r.phase_start[other] == "2018-04"
    p.phases[other].depends_on = [Dependency(p.phases[auch_phase].id, 100.0)]  # waits for the end
    r = simulate(p, a)
    assert parse_month(r.phase_start[other]) == parse_month(r.phase_end[auch_phase]) + 1
    # the crew pool path (month by month) gives the same continuity
    p.scenario.crew_pool = CrewPool([("2018-01", 30.0)])
    for ph in p.phases:
        ph.use_pool = True
    r = simulate(p, a)
    t = r.month_index("2018-03")
    assert r.eligible[t] == 7834 and np.all(np.diff(r.eligible[t:]) >= 0) and r.eligible[-1] == a.total_units


def test_bad_input_messages(gers):
    p, a = _with_actuals(gers, as_of="2017-06")
    with pytest.raises(ParameterError, match="field 'as_of': the as-of month 2017-06 is before the scenario start"):
        simulate(p, a)
    p.scenario.as_of = "2029-01"
    with pytest.raises(ParameterError, match="past the horizon"):
        simulate(p, a)
    p.scenario.as_of = "2018-02"
    r = simulate(p, a)
    assert r.eligible[r.month_index("2018-02")] == 7030
    assert any("figures after the as-of month 2018-02 left out (T1 2018)" in n for n in r.as_built.notes)
    # figures above a commune's units are capped and listed; figures for communes without units left out
    project, a, _ = gers
    q = project.snapshot()
    auch = q.communes.index_of("32013")
    units = q.communes.layer.fields["locaux_insee_2018"].copy()
    empty = int(np.flatnonzero(units > 0)[-1])
    units[empty] = 0
    q.communes.layer.fields["locaux_insee_2018"] = units
    act = parse_actuals(["code_insee", "trimestre", "raccordables"],
                        [["32013", "T1 2018", 99999], [str(q.communes.codes[empty]), "T1 2018", 12]],
                        q.communes, source="odd.csv")
    q.as_built = AsBuilt([snapshot_from_actuals(act, q.communes)])
    r = simulate(q, gers_assignment(q))
    notes = " | ".join(r.as_built.notes)
    assert f"odd.csv: figures above the commune's units capped for 1 commune(s): Auch (32013) 99,999 > " \
           f"{int(units[auch]):,}" in notes
    assert f"odd.csv: figures for 1 commune(s) without premises left out: {q.communes.names[empty]}" in notes
    assert r.commune_eligible[auch, r.month_index("2018-03")] == units[auch]
    assert r.commune_eligible[empty].max() == 0


def test_several_snapshots_make_a_history(gers):
    project, a, actuals = gers
    p = project.snapshot()
    later = parse_actuals(["code_insee", "trimestre", "raccordables"],
                          [["32013", "T1 2018", 5900], ["32013", "T2 2018", 6500]], p.communes, source="later.csv")
    p.as_built = with_snapshot(AsBuilt([snapshot_from_actuals(actuals, p.communes)]),
                               snapshot_from_actuals(later, p.communes))
    table = p.as_built.commune_table(p.communes)
    auch = p.communes.index_of("32013")
    assert [int(v) for v in table.values[auch]] == [4842, 5364, 5900, 6500]  # the later file corrects T1 2018
    r = simulate(p, a)
    assert r.as_built.as_of == "2018-06" and r.commune_eligible[auch, r.month_index("2018-06")] == 6500
    assert r.eligible[r.month_index("2018-06")] == 7834 - 5808 + 6500


def test_premise_level_snapshot_decides_which_premises_are_built(bano_premises_model, gers_communes_model):
    from planner.core.phases.assignment import assign
    from planner.core.project.model import Phase, Project, Scenario

    premises = bano_premises_model()
    n = len(premises)
    dates = np.full(n, "", dtype=object)
    dates[:300] = "2018-02-15"
    dates[300:500] = "15/05/2018"
    premises.layer.fields["date_mes"] = dates
    project = Project(communes=gers_communes_model(), premises=premises,
                      scenarios=[Scenario(start="2018-01", horizon_months=60)])
    codes = project.communes.codes
    project.phases = [Phase(id=1, name="All", communes=[str(c) for c in codes])]
    a = assign(project)
    project.as_built = AsBuilt([PremiseSnapshot("bano.gpkg", date_field="date_mes")])
    r = simulate(project, a)
    assert r.as_built.as_of == "2018-05"
    assert r.eligible[:5].tolist() == [0, 300, 300, 300, 500]
    covered = np.asarray(a.premise_commune[:500])
    assert np.array_equal(r.as_built.commune_built, np.bincount(covered[covered >= 0], minlength=len(codes)))
    june = r.month_index("2018-06")  # the one phase is under way: it resumes in June at full pace (2 × 150)
    assert r.eligible[june] == 800 and r.as_built.phase_state == ["under_way"]
    project.premises.layer.fields["date_mes"][0] = "soon"
    with pytest.raises(InputError, match="bano.gpkg: field 'date_mes': not a date: 'soon'"):
        simulate(project, a)


def test_project_file_keeps_the_as_built_state(gers, tmp_path):
    from planner.io.project.project_file import load_project, save_project

    p, _ = _with_actuals(gers, as_of="2018-03", resume_ramp=True)
    p.as_built.snapshots.append(PremiseSnapshot("ipe.csv", state_field="EtatImmeuble", month=parse_month("2018-06")))
    path = save_project(p, tmp_path / "g.gpkg")
    q = load_project(path)
    assert q.scenario.as_of == "2018-03" and q.scenario.resume_ramp is True and q.scenario.use_as_built is True
    s0, s1 = q.as_built.snapshots
    assert s0.source == str(ARCEP_CSV) and s0.quarters == p.as_built.snapshots[0].quarters
    assert np.allclose(np.nan_to_num(s0.values, nan=-1), np.nan_to_num(p.as_built.snapshots[0].values, nan=-1))
    assert s1.state_field == "EtatImmeuble" and s1.month == parse_month("2018-06")
    t1 = q.as_built.commune_table(q.communes)
    assert t1.values[q.communes.index_of("32013")].tolist() == [4842, 5364, 5808]


def test_goal_seek_varies_only_what_remains(gers):
    from planner.core.decisions.goal_seek import goal_seek

    p, a = _with_actuals(gers, as_of="2018-03")
    g = goal_seek(p, 66, "2020-12", "crews", a)
    assert g.feasible and g.as_of == "2018-03" and "(from what is built as of 2018-03)" in g.message()
    r = g.result
    t = r.month_index("2018-03")
    assert r.eligible[t] == 7834 and r.eligible[:t + 1].tolist() == [7030, 7030, 7834]
    assert g.coverage >= 66 > g.below_coverage
    # checked independently: the answer and one crew fewer, simulated from the as-built start
    from planner.core.simulation.whatif import with_phase_value

    by = r.month_index("2020-12")
    at = simulate(p, a, with_phase_value(p.scenario, p, "crews", float(g.value)))
    below = simulate(p, a, with_phase_value(p.scenario, p, "crews", float(g.value - 1)))
    assert at.coverage_pct[by] >= 66 > below.coverage_pct[by]
    assert at.eligible[t] == below.eligible[t] == 7834
    # the latest restart of the remaining work, between the month after the as-of month and the target date
    s = goal_seek(p, 30, "2020-12", "start", a)
    assert s.feasible and "latest restart of the remaining work" in s.message()
    assert "2018-04" <= s.value <= "2020-12" and s.below_value > s.value
    rs = s.result
    assert rs.eligible[rs.month_index("2018-03")] == 7834 and rs.coverage_pct[rs.month_index("2020-12")] >= 30
    late = rs.month_index(s.value) - 1  # nothing new is built before the restart
    assert rs.eligible[late] == 7834
    with pytest.raises(ParameterError, match="the target date 2018-02 is not after the as-of month 2018-03: "
                                             "coverage then is the real 6.2 %"):
        goal_seek(p, 66, "2018-02", "crews", a)


def test_uncertainty_and_comparison_share_the_as_built_start(gers):
    from planner.core.decisions.scenario_compare import compare_scenarios
    from planner.core.decisions.uncertainty import ensemble

    p, a = _with_actuals(gers)
    e = ensemble(p, a, runs=200, seed=3)
    r = simulate(p, a)
    t = r.month_index("2018-03")
    assert np.allclose(e.p10[:t + 1], r.coverage_pct[:t + 1]) and np.allclose(e.p90[:t + 1], r.coverage_pct[:t + 1])
    assert np.all(e.p10[t:] >= r.coverage_pct[t] - 1e-9) and e.p90[t + 12] > e.p10[t + 12]
    fast = p.scenario.copy("Fast")
    for ph in p.phases:
        fast.phase_overrides[ph.id] = {"crews": 4.0}
    fast.as_of = None
    p.scenarios.append(fast)
    c = compare_scenarios(p, a)
    r0, r1 = c.results
    assert r0.as_built.as_of == r1.as_built.as_of == "2018-03"
    assert r0.eligible[t] == r1.eligible[t] == 7834 and r1.eligible[t + 6] > r0.eligible[t + 6]


def test_exported_plan_tells_built_from_planned(gers):
    """Premises within a commune's real figures are 'built' with their real quarter; the others planned."""
    from planner.io.exports.plan import build_plan
    from planner.io.publish.addresses import forecast_table
    from project_samples import sample_premises

    project, _, actuals = gers
    p = project.snapshot()
    p.premises = sample_premises(p.communes, per_commune_cap=4000)
    p.as_built = AsBuilt([snapshot_from_actuals(actuals, p.communes)])
    plan = build_plan(p)
    r = plan.result
    pc = plan.premises.columns
    units = p.premises.units
    code = pc["code_insee"].astype(str)
    built = pc["status"] == "built"
    assert set(np.unique(pc["status"])) == {"built", "planned", "unplanned"}  # a few points fall outside
    auch = code == "32013"
    got = int(units[auch & built].sum())
    assert 5808 - 4 < got <= 5808  # whole premises (1 to 4 units) within the real figure
    real = pc["eligible_month"][auch & built].astype(str)
    assert set(real) == {"2017-09", "2017-12", "2018-03"}  # the real quarter of each premise, some before 2018
    assert int(units[auch & built & (pc["eligible_month"] == "2017-09")].sum()) > 4842 - 4
    assert np.all(pc["eligible_month"][~built].astype(str) > "2018-03")
    com = plan.communes.columns
    row = p.communes.index_of("32013")
    assert com["status"][row] == "under way" and com["built_as_of"][row] == 5808
    assert plan.phases.columns["state"].tolist().count("under way") == 4
    fc = forecast_table(plan, "en")
    assert (fc.columns["status"] == "built").sum() == built.sum()
    assert set(fc.columns["eligible_quarter"][auch & built]) == {"Q3 2017", "Q4 2017", "Q1 2018"}


def _ipe_project():
    """Three square communes X, Y, Z (as in docs/simulation.md) with 10 buildings each, IPE fields."""
    import shapely

    from planner.core.project.model import Communes, Layer, Phase, Premises, Project, Scenario

    squares = np.array([shapely.box(i * 1000, 0, i * 1000 + 1000, 1000) for i in range(3)], dtype=object)
    communes = Communes(Layer("communes", "polygon", fields={
        "code_insee": np.array(["32001", "32002", "32003"], dtype=object),
        "nom": np.array(["X", "Y", "Z"], dtype=object)}, geometries=squares))
    x = np.repeat([500.0, 1500.0, 2500.0], 10) + np.tile(np.arange(10) * 10.0, 3)
    states = np.array(["CIBLE"] * 30, dtype=object)
    states[[0, 1, 2, 3]] = ["DEPLOYE", "Déployé", "raccordable_demande", "EN COURS DE DEPLOIEMENT"]
    states[10] = "deploye"
    dates = np.array([""] * 30, dtype=object)
    dates[1] = "15/11/2018"
    layer = Layer("ipe_2019-03.csv", "point", fields={
        "EtatImmeuble": states, "DateMiseEnServiceCommercialeImmeuble": dates,
        "NombreLogementsAdresseIPE": np.full(30, 2)}, x=x, y=np.full(30, 500.0), source="/data/ipe_2019-03.csv")
    project = Project(communes=communes, premises=Premises(layer, units_field="NombreLogementsAdresseIPE"),
                      scenarios=[Scenario(start="2018-06", horizon_months=24)])
    project.phases = [Phase(id=1, name="A", communes=["32001", "32002"], study_months=0, ramp_months=0,
                            crews=1, units_per_crew_month=4),
                      Phase(id=2, name="B", communes=["32003"], study_months=0, ramp_months=0, crews=1,
                            units_per_crew_month=4)]
    return project


def test_ipe_states_decide_which_premises_are_built():
    from planner.core.phases.assignment import assign
    from planner.io.exports.plan import build_plan

    project = _ipe_project()
    project.as_built = AsBuilt([PremiseSnapshot("ipe_2019-03.csv", state_field="EtatImmeuble",
                                                date_field="DateMiseEnServiceCommercialeImmeuble",
                                                month=parse_month("2019-03"))])
    r = simulate(project, assign(project))
    assert r.as_built.as_of == "2019-03"
    # X: 3 buildings built (one in 2018-11 by its date, two at the file's month), Y: 1; 2 units each
    assert r.as_built.commune_built.tolist() == [6, 2, 0]
    t = r.month_index("2019-03")
    assert r.eligible[r.month_index("2018-11")] == 2 and r.eligible[t] == 8
    assert r.as_built.phase_state == ["under_way", "not_begun"]
    plan = build_plan(project)
    status = plan.premises.columns["status"]
    months = plan.premises.columns["eligible_month"]
    assert status[[0, 1, 2, 10]].tolist() == ["built"] * 4 and status[3] == "planned"
    assert months[[0, 1, 2, 10]].tolist() == ["2019-03", "2018-11", "2019-03", "2019-03"]
    assert all(m > "2019-03" for m in months[status == "planned"])
    # the buildings not yet built come after the built ones in their cell, from the cell's centre outwards
    # (planner/core/simulation/premise_state.py): X's premises lie at 500..590 m, centre 545 m, so buildings 4 and
    # 5 (540 and 550 m) come first, in April 2019 (4 units a month), and building 3 (530 m) later
    assert months[[4, 5]].tolist() == ["2019-04", "2019-04"] and months[3] > "2019-04"


def test_cli_actuals_ipe_marks_built_premises(tmp_path, capsys):
    from planner.cli import main
    from planner.io.project.project_file import save_project

    path = tmp_path / "ipe.gpkg"
    save_project(_ipe_project(), path)
    assert main(["actuals", str(path), "--ipe"]) == 0
    out = capsys.readouterr().out
    assert "4 of 30 premises built" in out and "as of 2019-03" in out
    assert main(["simulate", str(path)]) == 0
    assert "As of 2019-03: 8 eligible units" in capsys.readouterr().out


def test_printed_commune_figures_tell_real_from_planned(gers):
    from planner.render.printing.page_facts import commune_facts

    p, a = _with_actuals(gers, as_of="2018-03")
    r = simulate(p, a)
    auch = p.communes.index_of("32013")
    facts = commune_facts(p, auch, a, r, month="2018-03", lang="fr")
    assert facts.first_eligible == "2017-09" and facts.built == 5808 and facts.today == "2018-03"
    rows = dict(facts.lines("fr"))
    assert any(label.startswith("Construits à fin mars 2018 (réel)") and value == "5\u202f808"
               for label, value in rows.items())
    assert facts.shares["marketable"] == pytest.approx(5364 * 100 / r.commune_units[auch])  # built by 2017-12
    # Duran (32117) had 211 of its 367 units in T3 2017: more than half, before the scenario's start
    duran = commune_facts(p, p.communes.index_of("32117"), a, r, lang="fr")
    assert duran.q50 == "T3 2017, réel" and not duran.q100.endswith("réel")
