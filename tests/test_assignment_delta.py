"""Re-assigning only what an edit can move gives exactly what a full assignment gives."""
import numpy as np
import pytest
import shapely

from planner.core.phases.assignment import assign
from planner.core.phases.phase_commands import (AddCommunesToPhase, MoveVertex, RemoveCommunesFromPhase,
                                                SetPhaseZone)
from planner.core.project.session import Session

from project_samples import sample_project

ARRAYS = ("premise_commune", "premise_phase", "cell_phase", "cell_commune", "cell_units", "commune_units",
          "commune_phase", "phase_units", "phase_commune_count")


def _same(a, b):
    for name in ARRAYS:
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)
    assert (a.total_units, a.unplanned_units, a.phase_ids) == (b.total_units, b.unplanned_units, b.phase_ids)


def _fresh(project):
    """A full assignment from scratch (no previous result to start from)."""
    return assign(project)


def test_full_assignment_counts_match_the_per_premise_arrays():
    p = sample_project()
    a = assign(p)
    units = p.premises.units
    planned = a.premise_phase >= 0
    assert a.phase_units.sum() == units[planned].sum()
    for i in range(len(p.phases)):
        m = (a.premise_phase == i) & (a.premise_commune >= 0)
        cells = a.cell_commune[a.cell_phase == i]
        assert set(cells.tolist()) == set(np.unique(a.premise_commune[m]).tolist())


def test_vertex_moves_and_commune_edits_match_a_full_assignment():
    p = sample_project()
    session = Session(p)
    a = assign(p)
    rng = np.random.default_rng(7)
    edits = 0
    for step in range(24):
        kind = step % 4
        phase = p.phases[step % len(p.phases)]
        if kind in (0, 1) and phase.zone is not None:
            ring = np.asarray(shapely.get_parts(phase.zone)[0].exterior.coords)
            i = int(rng.integers(0, len(ring) - 1))
            x, y = ring[i] + rng.normal(0, 2500, 2)
            cmd = MoveVertex(p, phase.id, 0, 0, i, float(x), float(y))
        elif kind == 2:
            codes = rng.choice(p.communes.codes, 6, replace=False).tolist()
            cmd = AddCommunesToPhase(p, phase.id, codes)
        elif phase.communes:
            cmd = RemoveCommunesFromPhase(p, phase.id, phase.communes[:2])
        else:
            cmd = SetPhaseZone(p, phase.id, shapely.box(480000 + 1000 * step, 6260000, 500000, 6280000))
        try:
            session.push(cmd)
        except Exception:  # an invalid random vertex move (self-intersection) is refused: nothing changed
            continue
        before = a
        a = assign(p, previous=a, first_changed_phase=getattr(cmd, "first_changed_phase", 0))
        assert a._index is before._index  # the sorted index was reused, not rebuilt
        _same(a, _fresh(p))
        edits += 1
    assert edits >= 18


def test_only_the_premises_near_the_edit_are_assigned_again(monkeypatch):
    from planner.core.phases import assignment_delta

    p = sample_project()
    session = Session(p)
    a = assign(p)
    seen = []
    real = assignment_delta._reassign

    def spy(project, cand, premise_commune, index):
        seen.append(len(cand))
        return real(project, cand, premise_commune, index)

    monkeypatch.setattr(assignment_delta, "_reassign", spy)
    zone = p.phases[1].zone  # a 30 km box with a hole: its corner moves 4 km inwards
    ring = np.asarray(zone.exterior.coords)
    session.push(MoveVertex(p, p.phases[1].id, 0, 0, 0, float(ring[0][0] + 4000), float(ring[0][1] + 4000)))
    a = assign(p, previous=a, first_changed_phase=0)
    assert len(seen) == 1 and 0 < seen[0] < len(p.premises) / 20
    _same(a, _fresh(p))


@pytest.mark.parametrize("edit", ["add_phase", "move_phase"])
def test_other_edits_take_the_full_pass(edit):
    from planner.core.phases.phase_commands import AddPhase, MovePhase

    p = sample_project()
    session = Session(p)
    a = assign(p)
    if edit == "add_phase":
        session.push(AddPhase(p, name="new", index=0, zone=shapely.box(470000, 6250000, 500000, 6290000)))
    else:
        session.push(MovePhase(p, p.phases[-1].id, 0))
    a = assign(p, previous=a, first_changed_phase=0)
    _same(a, _fresh(p))


def test_a_layer_sorted_by_x_keeps_one_copy_of_its_coordinates():
    from planner.core.phases.assignment import point_index, sort_points_by_x

    p = sample_project()
    before = assign(p)
    layer = p.premises.layer
    x0, codes0 = layer.x.copy(), np.asarray(layer.fields["code_insee"]).copy()
    sort_points_by_x(layer)
    order = np.argsort(x0, kind="stable")
    np.testing.assert_array_equal(layer.x, x0[order])
    np.testing.assert_array_equal(layer.fields["code_insee"], codes0[order])  # fields follow their points
    index = point_index(layer.x, layer.y)
    assert index.xs is index.x and np.shares_memory(index.xs, layer.x)  # no sorted copy
    after = assign(p)
    np.testing.assert_array_equal(after.premise_phase, before.premise_phase[order])
    for name in ("cell_phase", "cell_commune", "cell_units", "phase_units", "commune_units"):
        np.testing.assert_array_equal(getattr(after, name), getattr(before, name))
