"""Suggested phasings: contiguous, balanced, every unit in one phase, deterministic, constraints honoured, and at
least as early as one phase per intercommunality on the same crew pool."""
import numpy as np
import pytest

from planner.cli import main
from planner.core.phases.adjacency import adjacency, is_connected
from planner.core.phases.assignment import assign
from planner.core.phases.phase_builders import phases_per_field
from planner.core.phases.suggest import SuggestOptions, suggest_phases
from planner.core.phases.suggest_eval import evaluate
from planner.core.operations.suggest import SuggestPhases, suggested_copy
from planner.core.project.model import Project
from planner.io.layers.sample import load_sample_project

ROOT_SAMPLE = __import__("pathlib").Path(__file__).resolve().parents[1] / "resources" / "sample"


@pytest.fixture(scope="module")
def gers():
    p = load_sample_project()
    phases_per_field(p, "code_epci").do(p)
    for ph in p.phases:
        ph.units_per_crew_month = 140.0
    return p


@pytest.fixture(scope="module")
def graph(gers):
    return adjacency(gers.communes.geometries)


def _rows(project, phase):
    return np.array([project.communes.index_of(c) for c in phase.communes])


def test_phases_are_contiguous_balanced_and_cover_every_unit_once(gers, graph):
    a = assign(gers)
    plan = suggest_phases(gers, SuggestOptions(n_phases=10, seed=3), assignment=a)
    assert len(plan.phases) == 10
    listed = np.concatenate([_rows(gers, ph) for ph in plan.phases])
    assert len(listed) == len(set(listed.tolist()))  # each commune in exactly one phase
    planned = np.unique(a.cell_commune)
    assert sorted(listed.tolist()) == sorted(planned.tolist())
    for ph in plan.phases:
        assert is_connected(graph, _rows(gers, ph).tolist()), ph.name
    units = np.asarray(a.commune_units)
    per_phase = [int(units[_rows(gers, ph)].sum()) for ph in plan.phases]
    assert per_phase == plan.units and sum(per_phase) == int(units[planned].sum())
    heaviest_single = units.max()
    assert max(per_phase) <= max(1.15 * np.mean(per_phase), heaviest_single)


def test_same_seed_same_plan_other_seed_may_differ(gers):
    a = assign(gers)
    one = suggest_phases(gers, SuggestOptions(n_phases=8, seed=5), assignment=a)
    two = suggest_phases(gers, SuggestOptions(n_phases=8, seed=5), assignment=a)
    assert [p.communes for p in one.phases] == [p.communes for p in two.phases]


def test_keep_whole_start_and_size_constraints(gers, graph):
    a = assign(gers)
    plan = suggest_phases(gers, SuggestOptions(n_phases=6, keep_field="code_epci", start="32160", seed=1),
                          assignment=a)
    epci = np.asarray(gers.communes.layer.fields["code_epci"]).astype(str)
    owner = {}
    for i, ph in enumerate(plan.phases):
        for r in _rows(gers, ph):
            owner.setdefault(epci[r], set()).add(i)
    assert all(len(s) == 1 for s in owner.values())  # every intercommunality whole
    assert "32160" in plan.phases[0].communes  # the chosen start commune is in the first phase
    capped = suggest_phases(gers, SuggestOptions(n_phases=4, max_units=9000, seed=1), assignment=a)
    too_big = [u for ph, u in zip(capped.phases, capped.units) if u > 9000]
    assert len(capped.phases) >= 114_042 // 9000 and all(len(ph.communes) == 1 for ph, u in
                                                          zip(capped.phases, capped.units) if u > 9000)
    assert len(too_big) <= 1 and any("above the maximum" in w for w in capped.warnings) == bool(too_big)
    floored = suggest_phases(gers, SuggestOptions(n_phases=40, min_units=8000, seed=1), assignment=a)
    assert len(floored.phases) <= 114_042 // 8000


def test_suggestion_reaches_two_in_three_no_later_than_epci_phases_on_14_crews(gers):
    a = assign(gers)
    result = SuggestPhases(n_phases=14, pool=14, target_pct=66, by="2022-12", seed=0,
                           units_per_crew_month=140).run(gers)
    epci = evaluate(gers, gers.phases, a, gers.scenario, 14, 66.0, cells=a)
    assert result.score.target_month is not None and epci.target_month is not None
    assert result.score.target_month <= epci.target_month
    assert result.current.target_month == epci.target_month


def test_result_is_one_undoable_edit_and_the_cli_writes_a_project(gers, tmp_path, capsys):
    from planner.core.project.session import Session
    from planner.io.project.project_file import load_project, save_project

    project = gers.snapshot()
    before = [p.name for p in project.phases]
    result = SuggestPhases(n_phases=5, seed=2).run(project)
    session = Session(project)
    session.push(result.command)
    assert len(project.phases) == 5 and session.undo_label() == "Suggest 5 phases"
    session.undo()
    assert [p.name for p in project.phases] == before
    src = tmp_path / "gers.gpkg"
    save_project(gers, src)
    out = tmp_path / "suggested.gpkg"
    assert main(["suggest", str(src), "--phases", "6", "--pool", "10", "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "6 phases" in text and "suggested plan on the pool" in text and f"wrote {out}" in text
    copy = load_project(out)
    assert len(copy.phases) == 6 and copy.scenario.crew_pool.plan[0][1] == 10.0
    assert all(copy.scenario.phase_value(p, "use_pool") for p in copy.phases)
    assert main(["suggest", str(src), "--phases", "6", "--target", "66"]) == 2
    assert "needs both" in capsys.readouterr().err


def test_copy_keeps_the_original_untouched(gers):
    result = SuggestPhases(n_phases=4).run(gers)
    copy = suggested_copy(gers, result, pool=8)
    assert len(copy.phases) == 4 and len(gers.phases) != 4 and isinstance(copy, Project)


def test_simulate_on_one_pool_and_new_with_suggested_phases(tmp_path, capsys):
    import json

    from planner.core.operations.simulate import Simulate
    from planner.core.simulation.whatif import on_one_pool
    from planner.io.project.project_file import load_project

    sample = ROOT_SAMPLE
    out = tmp_path / "s.gpkg"
    assert main(["new", "--communes", str(sample / "communes_gers_2026.gpkg"), "--premises",
                 str(sample / "premises_gers_synthetic.gpkg"), "--suggest-phases", "7", "-o", str(out)]) == 0
    project = load_project(out)
    assert len(project.phases) == 7 and all(p.name.startswith(f"Phase {i + 1} — ") for i, p in enumerate(project.phases))
    assert assign(project).unplanned_units == 0
    js = tmp_path / "pool.json"
    assert main(["simulate", str(out), "--pool", "6", "--json", str(js)]) == 0
    pooled = json.loads(js.read_text())
    answer = Simulate(pool=6).run(project)
    assert pooled["territory"]["eligible"] == answer.result.eligible.tolist()
    sc = on_one_pool(project.scenario, project, 6)
    assert sc.crew_pool.plan == [(project.scenario.start, 6.0)]
    assert all(sc.phase_value(p, "use_pool") for p in project.phases) and not project.scenario.phase_overrides
    # six crews shared by seven phases of two crews each: at most three phases build at once, never faster
    own = Simulate().run(project).result
    assert (answer.result.eligible <= own.eligible).all() and answer.result.milestones[50] > own.milestones[50]
    assert main(["simulate", str(out), "--pool", "0"]) == 2
    assert "crew pool" in capsys.readouterr().err
