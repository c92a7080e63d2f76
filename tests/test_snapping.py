"""Snapping to real Gers commune vertices and edges and to phase-zone vertices (rtree index kept up to date)."""
import numpy as np
import pytest
import shapely

from planner.core.project.model import Phase, Project
from planner.core.phases.phase_commands import MoveVertex, SetPhaseZone
from planner.core.phases.snapping import EDGE, VERTEX, Snapper


@pytest.fixture(scope="module")
def project(gers_communes_model):
    return Project(communes=gers_communes_model())


@pytest.fixture(scope="module")
def snapper(project):
    return Snapper(project, tolerance_px=10)


def _auch_ring(project):
    auch = project.communes.geometries[project.communes.index_of("32013")]
    return shapely.get_coordinates(shapely.boundary(auch))


def test_snaps_to_a_real_auch_vertex(project, snapper):
    vx, vy = _auch_ring(project)[10]
    x, y, kind = snapper.snap(vx + 3.0, vy - 2.0, pixel_size=1.0)
    assert kind == VERTEX and (x, y) == (vx, vy)
    # at a coarser zoom the same 10 px reach further
    x, y, kind = snapper.snap(vx + 30.0, vy - 20.0, pixel_size=5.0)
    assert kind == VERTEX and (x, y) == (vx, vy)
    # too far at fine zoom: not snapped (or to something else)
    x, y, kind = snapper.snap(vx + 30.0, vy - 20.0, pixel_size=1.0)
    assert (x, y) != (vx, vy)


def test_snaps_to_an_edge_between_vertices(project, snapper):
    ring = _auch_ring(project)
    seg = np.hypot(*(ring[1:] - ring[:-1]).T)
    k = int(np.argmax(seg))  # the longest edge of Auch's outline
    a, b = ring[k], ring[k + 1]
    mid = (a + b) / 2
    normal = np.array([-(b - a)[1], (b - a)[0]]) / seg[k]
    x, y, kind = snapper.snap(*(mid + 4 * normal), pixel_size=1.0)
    assert kind == EDGE
    assert shapely.distance(shapely.LineString([a, b]), shapely.Point(x, y)) < 1e-6
    assert np.hypot(x - mid[0], y - mid[1]) < 1e-6


def test_matches_brute_force_near_auch(project, snapper):
    rng = np.random.default_rng(5)
    ring = _auch_ring(project)
    allv = shapely.get_coordinates(project.communes.geometries)
    edges = shapely.get_parts(shapely.boundary(project.communes.geometries))
    probes = ring[rng.integers(0, len(ring), 150)] + rng.normal(0, 12, (150, 2))
    tol = 10 * 2.0
    for px, py in probes:
        x, y, kind = snapper.snap(px, py, pixel_size=2.0)
        dv = np.hypot(allv[:, 0] - px, allv[:, 1] - py)
        if dv.min() <= tol:
            assert kind == VERTEX and np.hypot(x - px, y - py) == pytest.approx(dv.min())
        else:
            de = shapely.distance(edges, shapely.Point(px, py)).min()
            if de <= tol:
                assert kind == EDGE and np.hypot(x - px, y - py) == pytest.approx(de, abs=1e-6)
            else:
                assert kind is None and (x, y) == (px, py)


def test_zone_vertices_follow_edits_and_toggle(gers_communes_model):
    p = Project(communes=gers_communes_model(), phases=[Phase(1, "Phase 1")])
    s = Snapper(p)
    SetPhaseZone(p, 1, shapely.Polygon([(1000, 1000), (2000, 1000), (2000, 2000), (1000, 2000)])).do(p)  # far from every commune
    assert s.snap(1003, 1004)[2] is None  # not indexed yet
    s.sync_phases(p)
    assert s.zone_vertex_count() == 4
    assert s.snap(1003, 1004) == (1000.0, 1000.0, VERTEX)
    MoveVertex(p, 1, 0, 0, 0, 1500, 500).do(p)
    s.sync_phases(p)
    assert s.snap(1003, 1004)[2] is None
    assert s.snap(1502, 498) == (1500.0, 500.0, VERTEX)
    # the dragged vertex itself can be excluded
    assert s.snap(1502, 498, exclude=(1, 0, 0, 0))[2] is None
    assert s.toggle() is False
    assert s.snap(1502, 498) == (1502, 498, None)
    p.phases = []
    s.sync_phases(p)
    assert s.zone_vertex_count() == 0
