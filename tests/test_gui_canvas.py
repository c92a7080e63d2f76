"""Map canvas: extent and pixel size, pan/zoom, rectangle zoom, the tool hook, LOD of premises, commune colours."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from gui_helpers import drag_map, inner_point, make_window, pixel_rgb, send_mouse, visible_premises
from planner.core.project.layer_commands import SetLayerStyle
from planner.core.tools.events import LEFT, MOVE, PRESS, RELEASE


class RecordingTool:
    """A tool adapter that consumes presses/releases (so the map must not pan) and records every event."""

    def __init__(self):
        self.events = []

    def handle(self, event):
        self.events.append(event)
        return event.kind != MOVE


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path)


def test_extent_and_pixel_size(window):
    c = window.canvas
    c.set_extent(490_000, 6_275_000, 510_000, 6_290_000)
    xmin, ymin, xmax, ymax = c.extent()
    # the aspect lock widens one side only: the asked rectangle is inside, and one side fits exactly
    assert xmin <= 490_000 + 1 and xmax >= 510_000 - 1 and ymin <= 6_275_000 + 1 and ymax >= 6_290_000 - 1
    assert min(abs(xmax - xmin - 20_000), abs(ymax - ymin - 15_000)) < 1
    w, h = c.view.width(), c.view.height()
    assert c.pixel_size() == pytest.approx(max((xmax - xmin) / w, (ymax - ymin) / h), rel=1e-6)
    # map <-> widget round trip
    pos = c.map_to_widget(500_000, 6_282_000)
    assert c.map_pos(pos) == pytest.approx((500_000, 6_282_000), abs=1e-6)


def test_drag_pans_and_wheel_zooms(window, qtbot):
    c = window.canvas
    c.set_extent(490_000, 6_275_000, 510_000, 6_290_000)
    before = c.extent()
    px = c.pixel_size()
    drag_map(c, QPointF(400, 300), QPointF(500, 300))
    after = c.extent()
    # dragging 100 px to the right moves the view 100 px worth of metres to the west
    assert after[0] == pytest.approx(before[0] - 100 * px, rel=1e-4)
    assert after[1] == pytest.approx(before[1], abs=px)
    width = after[2] - after[0]
    pos = QPointF(c.viewport().width() / 2, c.viewport().height() / 2)
    ev = QWheelEvent(pos, c.viewport().mapToGlobal(pos), QPointF(0, 0).toPoint(), QPointF(0, 120).toPoint(),
                     Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False)
    QApplication.sendEvent(c.viewport(), ev)
    assert c.extent()[2] - c.extent()[0] < width * 0.95


def test_click_emits_map_coordinates(window, qtbot):
    c = window.canvas
    c.set_extent(490_000, 6_275_000, 510_000, 6_290_000)
    pos = c.map_to_widget(500_000, 6_282_000)
    with qtbot.waitSignal(c.clicked, timeout=2000) as blocker:
        send_mouse(c.viewport(), QEvent.MouseButtonPress, pos, Qt.LeftButton, Qt.LeftButton)
        send_mouse(c.viewport(), QEvent.MouseButtonRelease, pos, Qt.LeftButton, Qt.NoButton)
    x, y, _mods = blocker.args
    assert (x, y) == pytest.approx((500_000, 6_282_000), abs=1e-3)


def test_tool_receives_map_events_and_blocks_panning(window):
    c = window.canvas
    c.set_extent(490_000, 6_275_000, 510_000, 6_290_000)
    before = c.extent()
    tool = RecordingTool()
    c.set_tool(tool)
    start, end = c.map_to_widget(495_000, 6_280_000), c.map_to_widget(500_000, 6_280_000)
    drag_map(c, start, end, steps=3)
    assert c.extent() == pytest.approx(before)  # no pan: the tool took the press
    kinds = [e.kind for e in tool.events]
    assert kinds[0] == PRESS and kinds[-1] == RELEASE and kinds.count(MOVE) == 3
    press = tool.events[0]
    assert press.button == LEFT and (press.x, press.y) == pytest.approx((495_000, 6_280_000), abs=1e-3)
    assert press.pixel_size == pytest.approx(c.pixel_size())
    assert (tool.events[-1].x, tool.events[-1].y) == pytest.approx((500_000, 6_280_000), abs=1e-3)
    # shift is reported
    send_mouse(c.viewport(), QEvent.MouseButtonPress, start, Qt.LeftButton, Qt.LeftButton, Qt.ShiftModifier)
    assert tool.events[-1].shift and not tool.events[-1].ctrl
    send_mouse(c.viewport(), QEvent.MouseButtonRelease, start, Qt.LeftButton, Qt.NoButton)
    # back to no tool: dragging pans again
    c.set_tool(None)
    drag_map(c, start, end, steps=3)
    assert c.extent()[0] < before[0] - 1000


def test_rectangle_zoom(window):
    c = window.canvas
    window.act_zoom_rect.trigger()
    assert c.rect_zoom()
    c.set_extent(450_000, 6_250_000, 550_000, 6_320_000)
    a, b = c.map_to_widget(490_000, 6_290_000), c.map_to_widget(500_000, 6_280_000)
    drag_map(c, a, b)
    xmin, ymin, xmax, ymax = c.extent()
    # a 10 km square in a wide view: the height fits it exactly, the width grows around its centre
    px = 100_000 / c.view.width()  # pixel size before the zoom (bounds the mouse rounding)
    assert ymin == pytest.approx(6_280_000, abs=2 * px) and ymax == pytest.approx(6_290_000, abs=2 * px)
    assert (xmin + xmax) / 2 == pytest.approx(495_000, abs=2 * px) and xmin < 490_000 and xmax > 500_000
    # Esc (no tool active) goes back to pan/identify
    from PySide6.QtTest import QTest
    QTest.keyClick(c, Qt.Key_Escape)
    assert not c.rect_zoom() and window.act_pan.isChecked()


def test_zoom_full_layer_and_selection(window):
    project = window.document.project
    assert not window.act_zoom_selection.isEnabled()  # nothing selected yet
    window.document.set_selected_communes([project.communes.index_of("32013")])
    assert window.act_zoom_selection.isEnabled()
    window.act_zoom_selection.trigger()
    xmin, ymin, xmax, ymax = window.canvas.extent()
    x, y = inner_point(window, "32013")
    assert xmin < x < xmax and ymin < y < ymax and xmax - xmin < 30_000
    window.zoom_full()
    xmin, ymin, xmax, ymax = window.canvas.extent()
    assert xmax - xmin > 130_000
    window.layers_panel.select_layer(project.premises.layer)
    window.zoom_to_current_layer()
    b = project.premises.layer.bounds
    e = window.canvas.extent()
    assert e[0] <= b[0] and e[2] >= b[2] and e[1] <= b[1] and e[3] >= b[3]


def test_premises_level_of_detail(window):
    c, item = window.canvas, window.premises_item
    layer = window.document.project.premises.layer
    window.zoom_full()
    c.grab()
    assert item.last_mode == "raster"
    x, y = inner_point(window, "32013")
    c.set_extent(x - 600, y - 400, x + 600, y + 400)
    c.grab()
    assert item.last_mode == "points"
    assert item.last_visible == visible_premises(layer, c.extent()) > 50
    assert item.visible_count(c.view.viewRect()) == item.last_visible


def test_premise_colours_by_category_are_drawn(window):
    c, item = window.canvas, window.premises_item
    project = window.document.project
    window.document.push(SetLayerStyle(project.communes.layer, visible=False))  # (and so its names)
    x, y = inner_point(window, "32013")
    c.set_extent(x - 300, y - 200, x + 300, y + 200)
    # colour premises of Auch orange, the others -1 (grey, the last palette colour)
    codes = np.where(project.premises.layer.fields[project.premises.insee_field] == "32013", 0, -1)
    item.set_categories(codes, [(255, 120, 0, 255), (150, 150, 150, 255)])
    image = c.grab().toImage()
    k = item.nearest(x, y, 1e9)
    assert codes[k] == 0
    pos = c.map_to_widget(project.premises.x[k], project.premises.y[k])
    assert pixel_rgb(image, pos) == (255, 120, 0)


def test_commune_fill_colours_and_highlight(window):
    c = window.canvas
    project = window.document.project
    window.document.push(SetLayerStyle(project.premises.layer, visible=False))
    window.zoom_full()
    auch = project.communes.index_of("32013")
    rgba = np.zeros((458, 4), dtype=np.uint8)
    rgba[:] = (200, 200, 200, 255)
    rgba[auch] = (10, 130, 60, 255)
    window.commune_item.set_fill_colors(rgba)
    image = c.grab().toImage()
    x, y = inner_point(window, "32013")
    assert pixel_rgb(image, c.map_to_widget(x, y)) == (10, 130, 60)
    x2, y2 = inner_point(window, "32107")
    assert pixel_rgb(image, c.map_to_widget(x2, y2)) == (200, 200, 200)
    window.commune_item.set_fill_colors(None)
    image = c.grab().toImage()
    assert pixel_rgb(image, c.map_to_widget(x, y)) == (0xf2, 0xef, 0xe6)
    with pytest.raises(ValueError):
        window.commune_item.set_fill_colors(np.zeros((3, 4), dtype=np.uint8))


def test_point_index_is_prepared_by_the_loader(window):
    from planner.ui.map.premises_item import PointIndex, prepare_points

    layer = window.document.project.premises.layer
    index = prepare_points(layer)
    assert isinstance(index, PointIndex)
    assert window.premises_item._order is index.order  # the item reused what the loading worker built
    assert np.all(np.diff(index.x) >= 0) and np.array_equal(index.x, layer.x[index.order])
    assert index.grid_cum[-1, -1] == len(layer)
    # new coordinates: a new index
    layer.x = layer.x + 10.0
    assert prepare_points(layer) is not index


def test_commune_names_drawn_when_zoomed_in(window):
    c, item = window.canvas, window.commune_item
    auch = window.document.project.communes.index_of("32013")
    window.zoom_full()
    assert len(item.visible_labels(c.view.viewRect(), c.pixel_size())) == 0
    x, y = inner_point(window, "32013")
    c.set_extent(x - 8000, y - 5000, x + 8000, y + 5000)
    rows = item.visible_labels(c.view.viewRect(), c.pixel_size())
    assert auch in rows and len(rows) < 60
    # the label sits above the premises: dark text pixels appear around Auch's inner point
    window.document.push(SetLayerStyle(window.document.project.premises.layer, visible=False))
    image = c.grab().toImage()
    pos = c.map_to_widget(*item._label_xy[auch])
    dark = [pixel_rgb(image, pos + QPointF(dx, dy)) for dx in range(-12, 13) for dy in range(-5, 6)]
    assert min(sum(rgb) for rgb in dark) < 300
    item.set_labels(None)
    image = c.grab().toImage()
    assert min(sum(pixel_rgb(image, pos + QPointF(dx, dy))) for dx in range(-12, 13) for dy in range(-5, 6)) > 500


def test_region_outlines_use_tiles_and_coarser_levels(qtbot, shared_data):
    """4,485 Occitanie communes: a zoomed-in frame draws only the tiles in view, a zoomed-out one a coarse level."""
    from conftest import OCCITANIE_GPKG
    from planner.io.layers.readers import read_layer
    from planner.ui.map.commune_item import CommuneItem
    from planner.ui.map.polygon_levels import LEVEL_TOLERANCES, prepare_polygons
    from planner.ui.map.map_canvas import MapCanvas

    layer = read_layer(OCCITANIE_GPKG)
    data = prepare_polygons(layer)
    assert data.count == 4485 and len(data.levels) == len(LEVEL_TOLERANCES)
    # every commune sits in exactly one tile, and each tile's box holds its communes
    assert (data.tile >= 0).all()
    coords = [len(lv.x) for lv in data.levels]
    assert coords == sorted(coords, reverse=True) and coords[-1] < coords[0] / 3
    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(1000, 700)
    canvas.show()
    item = CommuneItem(layer)
    canvas.view.addItem(item)
    assert item._data is data  # prepared once, reused
    canvas.zoom_to(layer.bounds)
    canvas.grab()
    ntiles = len(data.outlines[0])
    assert item.last_level >= 2 and item.last_tiles == len(data.tile_bounds)
    auch = int(np.flatnonzero(layer.fields["code_insee_2026"].astype(str) == "32013")[0])
    rgba = np.full((4485, 4), 255, dtype=np.uint8)
    rgba[auch] = (200, 30, 30, 255)
    item.set_fill_colors(rgba)
    import shapely
    p = shapely.point_on_surface(layer.geometries[auch])
    canvas.set_extent(p.x - 5000, p.y - 3500, p.x + 5000, p.y + 3500)
    image = canvas.grab().toImage()
    assert item.last_level == 0 and 0 < item.last_tiles < ntiles / 4
    assert pixel_rgb(image, canvas.map_to_widget(p.x, p.y)) == (200, 30, 30)


def test_keyboard_pans_and_zooms(window, qtbot):
    from PySide6.QtTest import QTest

    c = window.canvas
    c.set_extent(490_000, 6_275_000, 510_000, 6_290_000)
    x0, y0, x1, y1 = c.extent()
    QTest.keyClick(c, Qt.Key_Right)
    e = c.extent()
    assert e[0] == pytest.approx(x0 + (x1 - x0) / 4) and e[1] == pytest.approx(y0)
    QTest.keyClick(c, Qt.Key_Plus)
    e2 = c.extent()
    assert (e2[2] - e2[0]) == pytest.approx((e[2] - e[0]) / 1.5, rel=1e-6)
    assert (e2[0] + e2[2]) / 2 == pytest.approx((e[0] + e[2]) / 2, abs=1)
    # a tool that takes keys gets them first: no navigation
    tool = RecordingTool()
    c.set_tool(tool)
    QTest.keyClick(c, Qt.Key_Escape)
    assert tool.events[-1].kind == "key" and tool.events[-1].key == "escape"


def test_commune_names_can_be_switched_off(window):
    c = window.canvas
    x, y = inner_point(window, "32013")
    c.set_extent(x - 8000, y - 5000, x + 8000, y + 5000)
    assert len(window.commune_item.visible_labels(c.view.viewRect(), c.pixel_size())) > 0
    window.act_labels.trigger()
    assert len(window.commune_item.visible_labels(c.view.viewRect(), c.pixel_size())) == 0
    window.act_labels.trigger()
    assert len(window.commune_item.visible_labels(c.view.viewRect(), c.pixel_size())) > 0
