"""Phase tools in the main window on the Gers sample: draw through the canvas, Esc twice, edit, select, undo."""
from __future__ import annotations

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from planner.core.phases.assignment import assign
from planner.ui.map import tool_adapters
from planner.ui.phases.phase_table_model import COL_UNITS

from gui_helpers import drawing_window, sample_copy


pytestmark = pytest.mark.usefixtures("no_modal_dialogs")


@pytest.fixture
def window(qtbot, sample):
    return drawing_window(qtbot, sample_copy(sample))


def _pos(mw, x, y) -> QPoint:
    return mw.canvas.map_to_widget(x, y).toPoint()


def _send(canvas, kind, pos: QPoint, button=Qt.LeftButton, modifiers=Qt.NoModifier):
    """A mouse event straight to the canvas (press/move/release/double-click) at a widget position."""
    buttons = Qt.NoButton if kind in ("release",) else button
    qt_kind = {"press": QMouseEvent.MouseButtonPress, "release": QMouseEvent.MouseButtonRelease,
               "move": QMouseEvent.MouseMove, "double": QMouseEvent.MouseButtonDblClick}[kind]
    if kind == "move":
        button = Qt.NoButton
    ev = QMouseEvent(qt_kind, QPointF(pos), canvas.mapToGlobal(QPointF(pos)), button, buttons, modifiers)
    QApplication.sendEvent(canvas.viewport(), ev)


def _click(canvas, pos, button=Qt.LeftButton, modifiers=Qt.NoModifier):
    _send(canvas, "move", pos)
    _send(canvas, "press", pos, button, modifiers)
    _send(canvas, "release", pos, button, modifiers)


def _square_around_auch(mw, half=2500.0):
    c = mw.document.project.communes.geometries[mw.document.project.communes.index_of("32013")].centroid
    return [(c.x - half, c.y - half), (c.x + half, c.y - half), (c.x + half, c.y + half), (c.x - half, c.y + half)]


def _draw(mw, qtbot, pts, finish="enter"):
    canvas = mw.canvas
    mw.phase_ui.act_draw.trigger()
    assert canvas.tool() is mw.phase_ui.draw
    for x, y in pts:
        _click(canvas, _pos(mw, x, y))
    if finish == "enter":
        qtbot.keyClick(canvas, Qt.Key_Return)
    else:
        _send(canvas, "double", _pos(mw, *pts[-1]))


def test_draw_polygon_through_the_canvas_creates_a_phase_and_counts(window, qtbot):
    mw, ui = window, window.phase_ui
    pts = _square_around_auch(mw)
    _draw(mw, qtbot, pts)
    project = mw.document.project
    assert len(project.phases) == 1
    phase = project.phases[0]
    assert mw.document.current_phase_id == phase.id
    zone = phase.zone
    assert zone is not None and zone.geom_type == "Polygon"
    # the vertices went through widget pixels: equal to the clicked map points within a pixel
    px = mw.canvas.pixel_size()
    assert abs(zone.area - 5000.0 ** 2) < 4 * 5000.0 * px * 2
    assert ui.cache.wait()
    expected = assign(project)
    units = ui.cache.units_by_phase_id()[phase.id]
    assert units == int(expected.phase_units[0]) > 500  # Auch centre holds thousands of premise units
    assert ui.panel.model.rowCount() == 1
    assert ui.panel.model.index(0, COL_UNITS).data().replace("\u202f", "") == str(units)
    # premises are coloured by phase: the palette has the phase colour and the unplanned grey
    assert ui.colours.apply()
    assert mw.isWindowModified()
    # undo removes the phase and the counts follow
    mw.document.undo()
    assert project.phases == []
    assert ui.panel.model.rowCount() == 0
    assert ui.cache.wait()
    assert ui.cache.assignment.unplanned_units == ui.cache.assignment.total_units


def test_second_polygon_is_a_part_and_ctrl_cuts_a_hole(window, qtbot):
    mw = window
    pts = _square_around_auch(mw, 3000.0)
    _draw(mw, qtbot, pts)
    phase = mw.document.project.phases[0]
    outer_area = phase.zone.area
    cx = sum(p[0] for p in pts) / 4
    cy = sum(p[1] for p in pts) / 4
    hole = [(cx - 500, cy - 500), (cx + 500, cy - 500), (cx + 500, cy + 500), (cx - 500, cy + 500)]
    for x, y in hole:
        _click(mw.canvas, _pos(mw, x, y))
    qtbot.keyClick(mw.canvas, Qt.Key_Return, Qt.ControlModifier)
    phase = mw.document.project.phases[0]
    assert len(phase.zone.interiors) == 1
    assert phase.zone.area == pytest.approx(outer_area - 1000.0 ** 2, rel=0.02)
    assert mw.document.undo_text().startswith("Cut hole in")
    # a second polygon elsewhere becomes a second part (finished by double-click)
    far = [(x + 9000, y) for x, y in hole]
    _draw(mw, qtbot, far, finish="double")
    assert mw.document.project.phases[0].zone.geom_type == "MultiPolygon"
    assert len(mw.document.project.phases) == 1


def test_esc_twice_asks_and_right_click_never_finishes(window, qtbot, monkeypatch):
    mw, ui = window, window.phase_ui
    asked = []
    answer = {"value": False}
    monkeypatch.setattr(tool_adapters, "ask_discard", lambda parent: asked.append(1) or answer["value"])
    pts = _square_around_auch(mw)
    ui.act_draw.trigger()
    for x, y in pts[:3]:
        _click(mw.canvas, _pos(mw, x, y))
    tool = ui.draw.tool
    _send(mw.canvas, "move", _pos(mw, *pts[3]))
    assert len(tool.preview) == 4  # three placed + the vertex in progress
    # right-click: nothing finished, nothing dropped
    _click(mw.canvas, _pos(mw, *pts[3]), Qt.RightButton)
    _send(mw.canvas, "double", _pos(mw, *pts[3]), Qt.RightButton)
    assert len(tool.vertices) == 3 and mw.document.project.phases == []
    # first Esc: only the vertex in progress goes; the window's Esc shortcut does not switch tools
    qtbot.keyClick(mw.canvas, Qt.Key_Escape)
    assert tool.cursor is None and len(tool.vertices) == 3
    assert mw.canvas.tool() is ui.draw and not asked
    # second Esc asks; "No" keeps the polygon
    qtbot.keyClick(mw.canvas, Qt.Key_Escape)
    assert asked == [1] and len(tool.vertices) == 3
    # asked again, "Yes" drops it
    answer["value"] = True
    qtbot.keyClick(mw.canvas, Qt.Key_Escape)
    qtbot.keyClick(mw.canvas, Qt.Key_Escape)
    assert len(asked) >= 2 and tool.vertices == []
    assert mw.document.project.phases == []
    # with nothing in progress, Esc goes back to pan as everywhere else in the window
    qtbot.keyClick(mw.canvas, Qt.Key_Escape)
    assert mw.canvas.tool() is None


def test_unfinished_polygon_survives_a_tool_switch(window, qtbot):
    mw, ui = window, window.phase_ui
    pts = _square_around_auch(mw)
    ui.act_draw.trigger()
    for x, y in pts[:2]:
        _click(mw.canvas, _pos(mw, x, y))
    ui.act_select.trigger()
    assert mw.canvas.tool() is ui.select
    ui.act_draw.trigger()
    for x, y in pts[2:]:
        _click(mw.canvas, _pos(mw, x, y))
    qtbot.keyClick(mw.canvas, Qt.Key_Return)
    assert len(mw.document.project.phases) == 1
    assert len(shapely.get_coordinates(mw.document.project.phases[0].zone)) == 5


def test_edit_zone_drag_is_one_undo_step(window, qtbot):
    mw, ui = window, window.phase_ui
    pts = _square_around_auch(mw)
    _draw(mw, qtbot, pts)
    phase = mw.document.project.phases[0]
    assert ui.cache.wait()
    before_units = ui.cache.units_by_phase_id()[phase.id]
    corner = np.asarray(phase.zone.exterior.coords)[0]
    ui.act_edit.trigger()
    assert mw.canvas.tool() is ui.edit
    steps = mw.document.session.count()
    start = _pos(mw, *corner)
    _send(mw.canvas, "move", start)
    _send(mw.canvas, "press", start)
    target = (corner[0] - 3000.0, corner[1] - 3000.0)
    for k in range(1, 6):  # several moves, live preview, no command yet
        x = corner[0] + (target[0] - corner[0]) * k / 5
        y = corner[1] + (target[1] - corner[1]) * k / 5
        _send(mw.canvas, "move", _pos(mw, x, y), Qt.LeftButton)
        assert mw.document.session.count() == steps
    assert ui.edit.tool.dragging == "vertex"
    _send(mw.canvas, "release", _pos(mw, *target))
    assert mw.document.session.count() == steps + 1
    assert mw.document.undo_text() == f"Move vertex of {phase.name}"
    moved = np.asarray(mw.document.project.phases[0].zone.exterior.coords)
    px = mw.canvas.pixel_size()
    assert np.min(np.hypot(moved[:, 0] - target[0], moved[:, 1] - target[1])) < 2 * px
    assert ui.cache.wait()
    assert ui.cache.units_by_phase_id()[phase.id] >= before_units
    mw.document.undo()
    assert np.allclose(np.asarray(mw.document.project.phases[0].zone.exterior.coords)[0], corner)


def test_select_click_shift_rectangle_then_phase_from_selection(window, qtbot):
    mw, ui = window, window.phase_ui
    project = mw.document.project
    communes = project.communes
    auch = communes.index_of("32013")
    ui.act_select.trigger()
    p = communes.geometries[auch].point_on_surface()
    _click(mw.canvas, _pos(mw, p.x, p.y))
    assert mw.document.selected_communes == {auch}
    # shift-click a neighbour adds it
    neighbours = [int(r) for r in np.flatnonzero(shapely.touches(communes.geometries, communes.geometries[auch]))]
    q = communes.geometries[neighbours[0]].point_on_surface()
    _click(mw.canvas, _pos(mw, q.x, q.y), modifiers=Qt.ShiftModifier)
    assert mw.document.selected_communes == {auch, neighbours[0]}
    # a rectangle drag selects every commune touching it
    b = shapely.bounds(communes.geometries[auch])
    a0, a1 = _pos(mw, b[0] + 200, b[1] + 200), _pos(mw, b[2] - 200, b[3] - 200)
    _send(mw.canvas, "move", a0)
    _send(mw.canvas, "press", a0)
    _send(mw.canvas, "move", a1, Qt.LeftButton)
    _send(mw.canvas, "release", a1)
    rect = shapely.box(*mw.canvas.map_pos(QPointF(a0)), *mw.canvas.map_pos(QPointF(a1)))
    rect = shapely.box(*shapely.bounds(rect))
    expected = set(np.flatnonzero(shapely.intersects(communes.geometries, rect)).tolist())
    assert mw.document.selected_communes == expected and auch in expected
    pid = ui.phase_from_selection()
    assert pid is not None
    phase = project.phase_by_id(pid)
    assert set(phase.communes) == {str(communes.codes[r]) for r in expected}
    assert ui.cache.wait()
    a = assign(project)
    assert ui.cache.units_by_phase_id()[pid] == int(a.phase_units[0])
    assert ui.cache.units_by_phase_id()[pid] == int(a.commune_units[sorted(expected)].sum())


def test_snapping_toggle_and_snapped_vertex(window, qtbot):
    mw, ui = window, window.phase_ui
    communes = mw.document.project.communes
    ring = np.asarray(communes.geometries[communes.index_of("32013")].geoms[0].exterior.coords)
    vertex = ring[len(ring) // 3]
    px = mw.canvas.pixel_size()
    assert not ui.act_snap.isChecked()
    ui.act_draw.trigger()
    qtbot.keyClick(mw.canvas, Qt.Key_S)  # the key toggles snapping, as the toolbar button does
    assert ui.act_snap.isChecked() and ui.tools.snapper.enabled
    _click(mw.canvas, _pos(mw, vertex[0] + 3 * px, vertex[1] - 2 * px))
    assert ui.draw.tool.vertices[0] == pytest.approx(tuple(vertex), abs=1e-6)  # exactly on the commune vertex
    qtbot.keyClick(mw.canvas, Qt.Key_S)
    assert not ui.act_snap.isChecked() and not ui.tools.snapper.enabled
    far = (vertex[0] + 3 * px, vertex[1] + 3000.0)
    _click(mw.canvas, _pos(mw, *far))
    assert ui.draw.tool.vertices[1] != pytest.approx(tuple(vertex), abs=1.0)


def test_premises_coloured_by_phase(window, qtbot, monkeypatch):
    mw, ui = window, window.phase_ui
    calls = []
    item = mw.premises_item
    original = item.set_categories
    monkeypatch.setattr(item, "set_categories", lambda codes, palette=None: (calls.append((codes, palette)),
                                                                            original(codes, palette))[1])
    _draw(mw, qtbot, _square_around_auch(mw))
    assert ui.cache.wait()
    assert ui.act_by_phase.isChecked()
    codes, palette = calls[-1]
    a = ui.cache.assignment
    assert np.array_equal(codes, a.premise_phase)
    phase = mw.document.project.phases[0]
    from PySide6.QtGui import QColor
    c = QColor(phase.color)
    assert palette[0] == (c.red(), c.green(), c.blue(), 255)
    assert palette[-1] == (150, 150, 150, 255)  # unplanned grey
    assert (codes == 0).sum() > 0 and (codes == -1).sum() > 0
    # coverage colouring takes the premises over, and gives them back
    cov = getattr(mw, "coverage_ui", None)
    if cov is not None:
        cov.act_coverage_map.setChecked(True)
        assert not ui.act_by_phase.isChecked()
        n = len(calls)
        ui.act_by_phase.setChecked(True)
        assert not cov.act_coverage_map.isChecked()
        assert len(calls) > n and np.array_equal(calls[-1][0], a.premise_phase)


def test_edit_zone_insert_delete_and_move(window, qtbot):
    mw, ui = window, window.phase_ui
    _draw(mw, qtbot, _square_around_auch(mw))
    phase = mw.document.project.phases[0]
    original = phase.zone
    ring = np.asarray(phase.zone.exterior.coords)[:-1]
    assert len(ring) == 4
    ui.act_edit.trigger()
    # double-click on the middle of an edge inserts a vertex there
    mid = (ring[0] + ring[1]) / 2
    _send(mw.canvas, "move", _pos(mw, *mid))
    _send(mw.canvas, "double", _pos(mw, *mid))
    ring5 = np.asarray(mw.document.project.phases[0].zone.exterior.coords)[:-1]
    assert len(ring5) == 5
    assert np.min(np.hypot(ring5[:, 0] - mid[0], ring5[:, 1] - mid[1])) < 2 * mw.canvas.pixel_size()
    assert mw.document.undo_text() == f"Insert vertex in {phase.name}"
    # Delete over a vertex removes it (the key reaches the tool, not a window shortcut)
    _send(mw.canvas, "move", _pos(mw, *ring5[2]))
    assert ui.edit.tool.hovered is not None
    qtbot.keyClick(mw.canvas, Qt.Key_Delete)
    assert len(np.asarray(mw.document.project.phases[0].zone.exterior.coords)) - 1 == 4
    # dragging inside the zone moves it as one undo step
    area = mw.document.project.phases[0].zone.area
    c = mw.document.project.phases[0].zone.centroid
    start, end = _pos(mw, c.x, c.y), _pos(mw, c.x + 1500.0, c.y)
    steps = mw.document.session.count()
    _send(mw.canvas, "move", start)
    _send(mw.canvas, "press", start)
    _send(mw.canvas, "move", _pos(mw, c.x + 700.0, c.y), Qt.LeftButton)
    _send(mw.canvas, "move", end, Qt.LeftButton)
    _send(mw.canvas, "release", end)
    moved = mw.document.project.phases[0].zone
    assert mw.document.session.count() == steps + 1
    assert moved.area == pytest.approx(area)
    assert moved.centroid.x - c.x == pytest.approx(1500.0, abs=2 * mw.canvas.pixel_size())
    assert mw.document.undo_text() == f"Move zone of {phase.name}"
    for _ in range(3):
        mw.document.undo()
    assert len(np.asarray(mw.document.project.phases[0].zone.exterior.coords)) - 1 == 4
    assert mw.document.project.phases[0].zone.equals(original)
