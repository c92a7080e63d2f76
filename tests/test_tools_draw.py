"""DrawPolygonTool driven by synthetic map events: finish, Backspace, Esc twice, right-click, holes, snapping."""
import pytest
import shapely

from planner.core.project.session import Session
from planner.core.project.model import Phase, Project
from planner.core.phases.phase_commands import phases_snapshot
from planner.core.phases.snapping import Snapper
from planner.core.tools.draw_polygon import DrawPolygonTool
from planner.core.tools.events import (DOUBLE_CLICK, KEY, KEY_BACKSPACE, KEY_ENTER, KEY_ESCAPE, LEFT, MOVE, PRESS,
                                       RELEASE, RIGHT, MapEvent)


def click(tool, x, y, **kw):
    tool.handle(MapEvent(PRESS, x, y, button=LEFT, **kw))
    tool.handle(MapEvent(RELEASE, x, y, button=LEFT, **kw))


def double_click(tool, x, y, **kw):
    click(tool, x, y, **kw)
    tool.handle(MapEvent(DOUBLE_CLICK, x, y, button=LEFT, **kw))
    tool.handle(MapEvent(RELEASE, x, y, button=LEFT, **kw))


def key(tool, name, **kw):
    return tool.handle(MapEvent(KEY, key=name, **kw))


@pytest.fixture
def setup():
    project = Project(phases=[Phase(1, "Phase 1"), Phase(2, "Phase 2")])
    stack = Session(project)
    tool = DrawPolygonTool(project, 1, stack.push)
    return project, stack, tool


def test_double_click_finishes_one_undo_step(setup):
    project, stack, tool = setup
    before = phases_snapshot(project)
    for x, y in [(0, 0), (100, 0), (100, 100)]:
        click(tool, x, y)
        tool.handle(MapEvent(MOVE, x + 5, y + 5))
    assert tool.preview == [(0, 0), (100, 0), (100, 100), (105, 105)]
    double_click(tool, 0, 100)
    zone = project.phase_by_id(1).zone
    assert zone.equals(shapely.box(0, 0, 100, 100))
    assert stack.undo_label() == "Draw zone of Phase 1" and stack.index == 1
    assert tool.vertices == [] and tool.preview == []
    stack.undo()
    assert phases_snapshot(project) == before


def test_enter_finishes_and_too_few_vertices_are_refused(setup):
    project, stack, tool = setup
    click(tool, 0, 0)
    click(tool, 50, 0)
    click(tool, 50, 0)  # a repeated vertex does not count
    key(tool, KEY_ENTER)
    assert project.phase_by_id(1).zone is None and not stack.can_undo()
    assert "at least 3" in tool.message and tool.vertices == [(0, 0), (50, 0)]
    click(tool, 50, 50)
    key(tool, KEY_ENTER)
    assert project.phase_by_id(1).zone.area == pytest.approx(1250)


def test_right_click_does_nothing(setup):
    project, stack, tool = setup
    for x, y in [(0, 0), (10, 0), (10, 10)]:
        click(tool, x, y)
    for kind in (PRESS, RELEASE, DOUBLE_CLICK):
        assert tool.handle(MapEvent(kind, 99, 99, button=RIGHT)) is True
    assert tool.vertices == [(0, 0), (10, 0), (10, 10)]
    assert project.phase_by_id(1).zone is None and not stack.can_undo()


def test_backspace_removes_last_vertex(setup):
    project, stack, tool = setup
    for x, y in [(0, 0), (10, 0), (10, 10), (50, 50)]:
        click(tool, x, y)
    key(tool, KEY_BACKSPACE)
    assert tool.vertices == [(0, 0), (10, 0), (10, 10)]
    key(tool, KEY_ENTER)
    assert project.phase_by_id(1).zone.area == pytest.approx(50)


def test_escape_twice_asks_before_dropping(setup):
    project, stack, tool = setup
    answers = []
    tool.confirm_discard = lambda: answers.append("asked") or answers.count("asked") > 1
    for x, y in [(0, 0), (10, 0), (10, 10)]:
        click(tool, x, y)
    tool.handle(MapEvent(MOVE, 20, 20))
    key(tool, KEY_ESCAPE)  # 1st: only the vertex in progress goes
    assert tool.cursor is None and tool.vertices == [(0, 0), (10, 0), (10, 10)] and answers == []
    key(tool, KEY_ESCAPE)  # 2nd: asks; the answer is "no" -> kept
    assert answers == ["asked"] and tool.vertices == [(0, 0), (10, 0), (10, 10)]
    key(tool, KEY_ESCAPE)  # asks again; "yes" -> dropped
    assert answers == ["asked", "asked"] and tool.vertices == [] and tool.preview == []
    assert project.phase_by_id(1).zone is None and not stack.can_undo()


def test_escape_without_confirm_callback_never_drops(setup):
    project, stack, tool = setup
    for x, y in [(0, 0), (10, 0), (10, 10)]:
        click(tool, x, y)
    for _ in range(4):
        key(tool, KEY_ESCAPE)
    assert len(tool.vertices) == 3


def test_ctrl_cuts_a_hole_otherwise_adds_a_part(setup):
    project, stack, tool = setup
    for x, y in [(0, 0), (100, 0), (100, 100), (0, 100)]:
        click(tool, x, y)
    key(tool, KEY_ENTER)
    for x, y in [(20, 20), (40, 20), (40, 40)]:
        click(tool, x, y)
    double_click(tool, 20, 40, ctrl=True)
    zone = project.phase_by_id(1).zone
    assert stack.undo_label() == "Cut hole in Phase 1"
    assert zone.geom_type == "Polygon" and len(zone.interiors) == 1 and zone.area == pytest.approx(10000 - 400)
    for x, y in [(200, 0), (300, 0), (300, 100)]:
        click(tool, x, y)
    key(tool, KEY_ENTER)
    zone = project.phase_by_id(1).zone
    assert stack.undo_label() == "Add part to Phase 1"
    assert zone.geom_type == "MultiPolygon" and len(zone.geoms) == 2 and zone.area == pytest.approx(9600 + 5000)
    stack.undo()
    stack.undo()
    assert project.phase_by_id(1).zone.equals(shapely.box(0, 0, 100, 100))


def test_without_a_phase_a_new_phase_is_created(setup):
    project, stack, tool = setup
    tool.phase_id = None
    for x, y in [(0, 0), (10, 0), (10, 10)]:
        click(tool, x, y)
    key(tool, KEY_ENTER)
    assert [p.name for p in project.phases] == ["Phase 1", "Phase 2", "Phase 3"]
    assert project.phases[2].zone.area == pytest.approx(50) and tool.phase_id == project.phases[2].id
    assert stack.undo_label() == "Add Phase 3"


def test_snaps_to_a_real_auch_vertex(gers_communes_model):
    project = Project(communes=gers_communes_model(), phases=[Phase(1, "Auch zone")])
    stack = Session(project)
    snapper = Snapper(project, tolerance_px=10)
    tool = DrawPolygonTool(project, 1, stack.push, snapper=snapper)
    auch = project.communes.geometries[project.communes.index_of("32013")]
    ring = shapely.get_coordinates(shapely.boundary(auch))
    targets = [ring[0], ring[len(ring) // 3], ring[2 * len(ring) // 3]]
    for vx, vy in targets:
        tool.handle(MapEvent(MOVE, vx + 6, vy + 6, pixel_size=1.0))
        assert tool.snap_kind == "vertex" and tool.cursor == (vx, vy)
        click(tool, vx + 6, vy + 6, pixel_size=1.0)
    key(tool, KEY_ENTER)
    zone = project.phase_by_id(1).zone
    coords = {tuple(c) for c in shapely.get_coordinates(zone)}
    assert all(tuple(t) in coords for t in targets)
    # the zone's vertices are now snap targets too
    x, y, kind = snapper.snap(targets[1][0] + 2, targets[1][1] + 2, 1.0)
    assert kind == "vertex" and (x, y) == tuple(targets[1])


def test_deleted_target_phase_keeps_the_polygon(setup):
    project, stack, tool = setup
    for x, y in [(0, 0), (10, 0), (10, 10)]:
        click(tool, x, y)
    project.phases = [p for p in project.phases if p.id != 1]
    key(tool, KEY_ENTER)
    assert "no longer exists" in tool.message and len(tool.vertices) == 3 and not stack.can_undo()
