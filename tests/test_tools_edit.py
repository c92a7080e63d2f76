"""EditZoneTool driven by synthetic map events: vertex drag (one undo step), insert, delete, move the zone."""
import numpy as np
import pytest
import shapely
from shapely.geometry import MultiPolygon, Polygon

from planner.core.project.session import Session
from planner.core.project.model import Phase, Project
from planner.core.phases.phase_commands import phases_snapshot
from planner.core.phases.zones import zone_rings
from planner.core.phases.snapping import Snapper
from planner.core.tools.edit_zone import EditZoneTool
from planner.core.tools.events import DOUBLE_CLICK, KEY, KEY_DELETE, KEY_ESCAPE, LEFT, MOVE, PRESS, RELEASE, MapEvent

SQUARE = Polygon([(0, 0), (100, 0), (100, 100), (0, 100)], [[(40, 40), (60, 40), (60, 60)]])
ZONE = MultiPolygon([SQUARE, Polygon([(200, 0), (300, 0), (300, 100), (200, 100)])])


@pytest.fixture
def setup():
    project = Project(phases=[Phase(1, "Phase 1"), Phase(3, "Phase 3", zone=ZONE)])
    stack = Session(project)
    tool = EditZoneTool(project, 3, stack.push, tolerance_px=5)
    return project, stack, tool


def drag(tool, path, **kw):
    (x0, y0), rest = path[0], path[1:]
    assert tool.handle(MapEvent(PRESS, x0, y0, button=LEFT, **kw))
    for x, y in rest:
        tool.handle(MapEvent(MOVE, x, y, **kw))
    x1, y1 = path[-1]
    tool.handle(MapEvent(RELEASE, x1, y1, button=LEFT, **kw))


def test_vertex_drag_previews_live_and_pushes_one_command(setup):
    project, stack, tool = setup
    before = phases_snapshot(project)
    tool.handle(MapEvent(PRESS, 101, 99, button=LEFT))
    for step in range(1, 11):
        tool.handle(MapEvent(MOVE, 100 + 5 * step, 100 + 2 * step))
        assert tool.preview_rings[0][0][2].tolist() == [100 + 5 * step, 100 + 2 * step]
        assert project.phase_by_id(3).zone is ZONE  # nothing pushed while dragging
    tool.handle(MapEvent(RELEASE, 150, 120, button=LEFT))
    assert stack.index == 1 and stack.undo_label() == "Move vertex of Phase 3"
    assert zone_rings(project.phase_by_id(3).zone)[0][0][2].tolist() == [150, 120]
    assert tool.dragging is None and tool.preview_zone is project.phase_by_id(3).zone
    stack.undo()
    assert phases_snapshot(project) == before


def test_escape_cancels_a_drag(setup):
    project, stack, tool = setup
    tool.handle(MapEvent(PRESS, 0, 0, button=LEFT))
    tool.handle(MapEvent(MOVE, -50, -50))
    assert tool.handle(MapEvent(KEY, key=KEY_ESCAPE))
    tool.handle(MapEvent(RELEASE, -50, -50, button=LEFT))
    assert not stack.can_undo() and project.phase_by_id(3).zone is ZONE


def test_hole_vertex_drag(setup):
    project, stack, tool = setup
    drag(tool, [(60, 60), (55, 70), (50, 70)])
    assert zone_rings(project.phase_by_id(3).zone)[0][1][2].tolist() == [50, 70]


def test_double_click_on_edge_inserts_vertex(setup):
    project, stack, tool = setup
    x, y = 50, 2  # near the bottom edge (0,0)-(100,0)
    tool.handle(MapEvent(PRESS, x, y, button=LEFT))
    tool.handle(MapEvent(RELEASE, x, y, button=LEFT))
    tool.handle(MapEvent(DOUBLE_CLICK, x, y, button=LEFT))
    tool.handle(MapEvent(RELEASE, x, y, button=LEFT))
    assert stack.index == 1 and stack.undo_label() == "Insert vertex in Phase 3"
    ring = zone_rings(project.phase_by_id(3).zone)[0][0]
    assert ring.tolist() == [[0, 0], [50, 0], [100, 0], [100, 100], [0, 100]]
    assert project.phase_by_id(3).zone.area == pytest.approx(ZONE.area)
    # the closing edge (0,100)-(0,0) inserts at the end of the ring
    tool.handle(MapEvent(DOUBLE_CLICK, 1, 30, button=LEFT))
    assert zone_rings(project.phase_by_id(3).zone)[0][0][-1].tolist() == [0, 30]


def test_delete_hovered_vertex_keeps_three(setup):
    project, stack, tool = setup
    tool.handle(MapEvent(MOVE, 299, 101))
    assert tool.hovered == (1, 0, 2)
    assert tool.handle(MapEvent(KEY, key=KEY_DELETE))
    assert stack.undo_label() == "Delete vertex of Phase 3"
    assert len(zone_rings(project.phase_by_id(3).zone)[1][0]) == 3
    tool.handle(MapEvent(MOVE, 300, 0))
    tool.handle(MapEvent(KEY, key=KEY_DELETE))
    assert stack.index == 1 and "at least 3" in tool.message
    # hovering an edge is reported for the canvas, not as a vertex
    tool.handle(MapEvent(MOVE, 50, 1))
    assert tool.hovered is None and tool.hovered_edge == (0, 0, 1)


def test_drag_inside_moves_the_zone(setup):
    project, stack, tool = setup
    drag(tool, [(20, 70), (30, 75), (45, 90)])
    assert stack.index == 1 and stack.undo_label() == "Move zone of Phase 3"
    assert project.phase_by_id(3).zone.bounds == (25, 20, 325, 120)
    # a click inside (no movement) pushes nothing; a press outside is not consumed
    drag(tool, [(30, 80), (30, 80)])
    assert stack.index == 1
    assert tool.handle(MapEvent(PRESS, 1000, 1000, button=LEFT)) is False


def test_vertex_drag_snaps_to_real_commune_vertex(gers_communes_model):
    project = Project(communes=gers_communes_model())
    auch = project.communes.geometries[project.communes.index_of("32013")]
    ring = shapely.get_coordinates(shapely.boundary(auch))
    vx, vy = ring[5]
    square = Polygon([(vx - 300, vy - 300), (vx - 100, vy - 300), (vx - 100, vy - 100), (vx - 300, vy - 100)])
    project.phases = [Phase(1, "P", zone=square)]
    stack = Session(project)
    tool = EditZoneTool(project, 1, stack.push, snapper=Snapper(project, tolerance_px=10))
    drag(tool, [(vx - 100, vy - 100), (vx - 50, vy - 50), (vx + 4, vy - 3)], pixel_size=1.0)
    moved = zone_rings(project.phase_by_id(1).zone)[0][0][2]
    assert np.array_equal(moved, [vx, vy])


def test_phase_without_zone_is_not_edited(setup):
    project, stack, tool = setup
    project.phases = [p for p in project.phases if p.id != 3]
    assert tool.handle(MapEvent(PRESS, 0, 0, button=LEFT)) is False
    assert "no drawn zone" in tool.message and tool.preview_rings == []
