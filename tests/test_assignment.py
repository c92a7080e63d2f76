"""Assignment of real BANO premises to real Gers communes and phases, against brute-force shapely checks."""
import numpy as np
import pytest
import shapely

from planner.core.phases.assignment import assign, phase_summary
from planner.core.errors import Cancelled
from planner.core.project.model import Phase, Project
from planner.core.phases.phase_commands import AddPhase, DeletePhase, MovePhase, SetPhaseZone

AUCH = "32013"


@pytest.fixture
def project(gers_communes_model, bano_premises_model):
    communes = gers_communes_model()
    auch = communes.geometries[communes.index_of(AUCH)]
    cx, cy = shapely.get_coordinates(shapely.centroid(auch))[0]
    p = Project(communes=communes, premises=bano_premises_model())
    p.phases = [
        Phase(1, "Phase 1", communes=[AUCH, "32160"]),                       # Auch + L'Isle-Jourdain
        Phase(2, "Phase 2", zone=shapely.box(cx - 9000, cy - 6000, cx + 9000, cy + 6000)),  # overlaps Auch
        Phase(3, "Phase 3", zone=shapely.box(cx - 30000, cy - 30000, cx - 5000, cy + 30000),
              communes=["32107"]),                                         # Condom
    ]
    return p


def _brute_communes(geoms, x, y):
    """First commune row whose polygon covers each point (-1 none), one shapely test per (commune, point)."""
    pts = shapely.points(x, y)
    hit = shapely.intersects(geoms[:, None], pts[None, :])
    return np.where(hit.any(axis=0), hit.argmax(axis=0), -1)


def test_communes_match_brute_force_on_real_bano(project):
    a = assign(project)
    rng = np.random.default_rng(7)
    sample = rng.choice(len(project.premises), 2500, replace=False)
    expected = _brute_communes(project.communes.geometries, project.premises.x[sample], project.premises.y[sample])
    np.testing.assert_array_equal(a.premise_commune[sample], expected)
    # and the INSEE codes agree with the code BANO gives its addresses (outlines are simplified: ≥ 99 %)
    codes = np.where(a.premise_commune >= 0, project.communes.codes[a.premise_commune], "")
    bano = project.premises.layer.fields["code_insee_2026"].astype(str)
    assert (codes == bano).mean() > 0.99
    assert a.total_units == len(project.premises) == 34072
    assert a.commune_units.sum() == (a.premise_commune >= 0).sum()


def test_phases_match_brute_force_first_phase_wins(project):
    a = assign(project)
    rng = np.random.default_rng(11)
    sample = rng.choice(len(project.premises), 3000, replace=False)
    x, y = project.premises.x[sample], project.premises.y[sample]
    rows = a.premise_commune[sample]
    codes = np.where(rows >= 0, project.communes.codes[np.maximum(rows, 0)], "")
    expected = np.full(len(sample), -1)
    for i in reversed(range(len(project.phases))):  # earlier phases overwrite later ones
        ph = project.phases[i]
        inside = np.isin(codes, ph.communes)
        if ph.zone is not None:
            inside |= shapely.intersects(ph.zone, shapely.points(x, y))
        expected[inside] = i
    np.testing.assert_array_equal(a.premise_phase[sample], expected)
    assert (a.premise_phase == 1).sum() > 0 and (a.premise_phase == 2).sum() > 0


def test_commune_based_phase_follows_outline_exactly(project):
    a = assign(project)
    auch = project.communes.index_of(AUCH)
    in_auch = a.premise_commune == auch
    # every Auch premise is in phase 1 (listed), even those inside phase 2's box which overlaps Auch
    assert in_auch.sum() > 5000
    assert (a.premise_phase[in_auch] == 0).all()
    assert a.units_in_phase_commune(0, auch) == a.commune_units[auch]
    # a drawn zone equal to Auch's outline shrunk by 50 m misses the premises near the border
    p2 = Project(communes=project.communes, premises=project.premises,
                 phases=[Phase(1, "Drawn", zone=project.communes.geometries[auch].buffer(-50))])
    b = assign(p2)
    assert 0 < (b.premise_phase == 0).sum() < in_auch.sum()


def test_first_phase_wins_and_reorder_changes_it(project):
    zone = project.phases[1].zone
    project.phases = [Phase(1, "A", zone=zone), Phase(2, "B", zone=zone)]
    a = assign(project)
    assert a.phase_units[0] > 0 and a.phase_units[1] == 0
    MovePhase(project, 2, 0).do(project)
    b = assign(project)
    assert b.phase_units[0] == a.phase_units[0] and b.phase_units[1] == 0
    assert b.phase_ids == [2, 1]


def test_counts_are_consistent(project):
    a = assign(project)
    assert a.phase_units.sum() + a.unplanned_units == a.total_units
    key = a.cell_phase.astype(np.int64) * 1000 + a.cell_commune
    assert (np.diff(key) > 0).all() and (a.cell_units > 0).all()
    in_c = a.premise_commune >= 0
    for i in range(3):
        assert a.cell_units[a.cell_phase == i].sum() == ((a.premise_phase == i) & in_c).sum()
        assert a.phase_commune_count[i] == len(np.unique(a.premise_commune[(a.premise_phase == i) & in_c]))
    summary = phase_summary(project, a)
    assert [r["name"] for r in summary] == ["Phase 1", "Phase 2", "Phase 3", "Unplanned"]
    assert sum(r["units"] for r in summary) == a.total_units
    assert summary[0]["percent"] == pytest.approx(100 * a.phase_units[0] / 34072)


def _same(a, b):
    np.testing.assert_array_equal(a.premise_commune, b.premise_commune)
    np.testing.assert_array_equal(a.premise_phase, b.premise_phase)
    for name in ("cell_phase", "cell_commune", "cell_units", "commune_units", "phase_units", "phase_commune_count"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    assert a.unplanned_units == b.unplanned_units and a.phase_ids == b.phase_ids


def test_incremental_equals_from_scratch(project):
    prev = assign(project)
    makers = [
        lambda: SetPhaseZone(project, 2, project.phases[1].zone.buffer(4000)),
        lambda: MovePhase(project, 3, 0),
        lambda: AddPhase(project, index=1, zone=project.phases[2].zone.buffer(-2000)),
        lambda: DeletePhase(project, project.phases[0].id),
    ]
    for make in makers:  # each command is built against the current state
        cmd = make()
        cmd.do(project)
        inc = assign(project, prev, first_changed_phase=cmd.first_changed_phase)
        _same(inc, assign(project))
        assert inc.premise_commune is prev.premise_commune  # the commune assignment was reused
        prev = inc


def test_point_on_shared_border_goes_to_one_commune(project):
    geoms = project.communes.geometries
    auch = project.communes.index_of(AUCH)
    ring = shapely.get_coordinates(shapely.boundary(geoms[auch]))
    # a vertex of Auch's outline that a neighbour shares
    pts = shapely.points(ring)
    for xy, pt in zip(ring, pts):
        owners = np.flatnonzero(shapely.intersects(geoms, pt))
        if len(owners) >= 2:
            break
    else:
        pytest.fail("no shared vertex found on Auch's outline")
    project.premises.layer.x = np.array([xy[0]])
    project.premises.layer.y = np.array([xy[1]])
    a = assign(project)
    assert a.premise_commune.tolist() == [owners.min()]
    assert a.commune_units.sum() == 1


def test_commune_level_without_premises(project):
    project.premises = None
    a = assign(project)
    units = project.communes.units
    assert a.total_units == units.sum() > 100000
    assert len(a.premise_phase) == 0 and a.commune_level
    auch = project.communes.index_of(AUCH)
    assert a.commune_phase[auch] == 0  # listed in phase 1 though also inside phase 2's box
    reps = shapely.point_on_surface(project.communes.geometries)
    in_box = shapely.intersects(project.phases[1].zone, reps) & (a.commune_phase != 0)
    assert (a.commune_phase[in_box] == 1).all() and in_box.sum() > 0
    assert a.phase_units[1] == units[in_box].sum()
    assert a.phase_units.sum() + a.unplanned_units == a.total_units


def test_progress_and_cancel(project):
    seen = []
    assign(project, progress=lambda f, m="": seen.append(f))
    assert seen[-1] == 1.0 and all(0 <= f <= 1 for f in seen)
    with pytest.raises(Cancelled):
        assign(project, cancel=lambda: True)


def test_previous_is_not_reused_for_other_premises(project, bano_premises_model):
    prev = assign(project)
    other = bano_premises_model()
    other.layer.x = other.layer.x[::-1].copy()  # same count, other order: caches must not be reused
    other.layer.y = other.layer.y[::-1].copy()
    project.premises = other
    inc = assign(project, prev, first_changed_phase=2)
    assert inc.premise_commune is not prev.premise_commune
    np.testing.assert_array_equal(inc.premise_commune, prev.premise_commune[::-1])
    _same(inc, assign(project))
