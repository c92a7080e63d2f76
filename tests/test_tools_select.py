"""SelectTool on the real Gers communes: click, shift-click toggle, rectangle and lasso, against shapely."""
import numpy as np
import pytest
import shapely

from planner.core.project.model import Project
from planner.core.tools.events import KEY, KEY_ESCAPE, LEFT, MOVE, PRESS, RELEASE, MapEvent
from planner.core.tools.select import SelectTool


@pytest.fixture(scope="module")
def project(gers_communes_model):
    return Project(communes=gers_communes_model())


@pytest.fixture
def tool(project):
    calls = []
    t = SelectTool(project, calls.append)
    t.calls = calls
    return t


def _inside(project, code):
    return shapely.get_coordinates(shapely.point_on_surface(
        project.communes.geometries[project.communes.index_of(code)]))[0]


def click(tool, x, y, **kw):
    tool.handle(MapEvent(PRESS, x, y, button=LEFT, **kw))
    tool.handle(MapEvent(RELEASE, x, y, button=LEFT, **kw))


def test_click_and_shift_click(project, tool):
    auch, condom = project.communes.index_of("32013"), project.communes.index_of("32107")
    click(tool, *_inside(project, "32013"))
    assert tool.calls[-1] == [auch]
    click(tool, *_inside(project, "32107"), shift=True)
    assert tool.calls[-1] == sorted([auch, condom])
    click(tool, *_inside(project, "32013"), shift=True)
    assert tool.calls[-1] == [condom]
    click(tool, 0, 0)  # outside the Gers: clears
    assert tool.calls[-1] == []


def test_rectangle_drag_matches_shapely(project, tool):
    x, y = _inside(project, "32013")
    tool.handle(MapEvent(PRESS, x - 8000, y - 5000, button=LEFT, pixel_size=20))
    tool.handle(MapEvent(MOVE, x, y, pixel_size=20))
    assert tool.rubber_rect == (x - 8000, y - 5000, x, y)
    tool.handle(MapEvent(MOVE, x + 6000, y + 7000, pixel_size=20))
    tool.handle(MapEvent(RELEASE, x + 6000, y + 7000, button=LEFT, pixel_size=20))
    box = shapely.box(x - 8000, y - 5000, x + 6000, y + 7000)
    expected = np.flatnonzero(shapely.intersects(project.communes.geometries, box)).tolist()
    assert tool.calls[-1] == expected and len(expected) > 5
    assert tool.rubber_rect is None
    # shift-drag adds to the selection
    cx, cy = _inside(project, "32107")
    tool.handle(MapEvent(PRESS, cx, cy, button=LEFT, shift=True, pixel_size=20))
    tool.handle(MapEvent(MOVE, cx + 500, cy + 500, shift=True, pixel_size=20))
    tool.handle(MapEvent(RELEASE, cx + 500, cy + 500, button=LEFT, shift=True, pixel_size=20))
    assert project.communes.index_of("32107") in tool.calls[-1] and set(expected) <= set(tool.calls[-1])


def test_lasso_matches_shapely(project, tool):
    x, y = _inside(project, "32013")
    path = [(x, y), (x + 15000, y + 2000), (x + 12000, y + 14000), (x + 1000, y + 9000)]
    tool.handle(MapEvent(PRESS, *path[0], button=LEFT, alt=True, pixel_size=10))
    for p in path[1:]:
        tool.handle(MapEvent(MOVE, *p, alt=True, pixel_size=10))
    assert tool.lasso == path
    tool.handle(MapEvent(RELEASE, *path[-1], button=LEFT, alt=True, pixel_size=10))
    expected = np.flatnonzero(shapely.intersects(project.communes.geometries, shapely.Polygon(path))).tolist()
    assert tool.calls[-1] == expected and len(expected) >= 4
    # fewer communes than the lasso's bounding rectangle would give
    box = shapely.box(*shapely.Polygon(path).bounds)
    assert len(expected) < shapely.intersects(project.communes.geometries, box).sum()


def test_escape_cancels_a_drag(project, tool):
    tool.handle(MapEvent(PRESS, 500000, 6280000, button=LEFT))
    tool.handle(MapEvent(MOVE, 510000, 6290000))
    tool.handle(MapEvent(KEY, key=KEY_ESCAPE))
    assert tool.rubber_rect is None and tool.calls == []
    assert tool.handle(MapEvent(RELEASE, 510000, 6290000, button=LEFT)) is False
