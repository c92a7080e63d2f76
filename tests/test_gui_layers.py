"""Layers panel and layer commands: visibility, order, colours, opacity, removal — all undoable, redrawn."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog

from gui_helpers import inner_point, make_window, pixel_rgb
from planner.core.project.session import Session
from planner.core.errors import PlannerError
from planner.core.project.layer_commands import AddLayer, MoveLayer, RemoveLayer, SetLayerStyle, draw_order
from planner.core.project.model import Layer, Project


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path)


def _row_of(panel, layer):
    return next(i for i, l in enumerate(panel.layers()) if l is layer)


def test_list_top_is_drawn_on_top(window):
    project = window.document.project
    panel = window.layers_panel
    assert panel.layers() == [project.premises.layer, project.communes.layer]
    assert panel.list.item(0).text().startswith("Premises (synthetic)")
    assert window.premises_item.zValue() > window.commune_item.zValue()


def test_visibility_toggle_hides_and_undo_shows(window):
    panel, item = window.layers_panel, window.commune_item
    layer = window.document.project.communes.layer
    row = _row_of(panel, layer)
    panel.list.item(row).setCheckState(Qt.Unchecked)
    assert not layer.style.visible and not item.isVisible()
    assert window.isWindowModified()
    window.act_undo.trigger()
    assert layer.style.visible and item.isVisible()
    assert panel.list.item(_row_of(panel, layer)).checkState() == Qt.Checked
    window.act_redo.trigger()
    assert not item.isVisible()


def test_order_up_down_and_undo(window):
    panel = window.layers_panel
    project = window.document.project
    communes = project.communes.layer
    panel.select_layer(communes)
    panel.up_button.click()
    assert panel.layers()[0] is communes
    assert window.commune_item.zValue() > window.premises_item.zValue()
    assert project.view["layer_order"] == ["Premises (synthetic)", "Communes"]
    # the communes now cover the premises: a pixel on a premise shows the commune fill
    window.commune_item.set_labels(None)  # no name over the pixel looked at
    x, y = inner_point(window, "32013")
    window.canvas.set_extent(x - 300, y - 200, x + 300, y + 200)
    k = window.premises_item.nearest(x, y, 1e9)
    pos = window.canvas.map_to_widget(project.premises.x[k], project.premises.y[k])
    assert pixel_rgb(window.canvas.grab().toImage(), pos) == (0xf2, 0xef, 0xe6)
    window.act_undo.trigger()
    assert panel.layers()[0] is project.premises.layer
    assert window.premises_item.zValue() > window.commune_item.zValue()
    assert pixel_rgb(window.canvas.grab().toImage(), pos) != (0xf2, 0xef, 0xe6)


def test_fill_colour_and_opacity(window, monkeypatch):
    panel = window.layers_panel
    layer = window.document.project.communes.layer
    panel.select_layer(layer)
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor("#336699"))
    panel.fill_button.click()
    assert layer.style.fill == "#336699"
    window.document.push(SetLayerStyle(window.document.project.premises.layer, visible=False))
    image = window.canvas.grab().toImage()
    x, y = inner_point(window, "32013")
    assert pixel_rgb(image, window.canvas.map_to_widget(x, y)) == (0x33, 0x66, 0x99)
    # a slider drag is one undo step
    count = window.document.session.count()
    for v in (90, 70, 50):
        panel.opacity.setValue(v)
    assert layer.style.opacity == pytest.approx(0.5)
    assert window.commune_item.opacity() == pytest.approx(0.5)
    assert window.document.session.count() == count + 1
    window.act_undo.trigger()
    assert layer.style.opacity == pytest.approx(1.0) and panel.opacity.value() == 100


def test_remove_layer_and_undo(window):
    panel = window.layers_panel
    project = window.document.project
    premises = project.premises
    panel.select_layer(premises.layer)
    panel.remove_button.click()
    assert project.premises is None and window.premises_item is None
    assert len(panel.layers()) == 1
    window.act_undo.trigger()
    assert project.premises is premises
    assert window.premises_item is not None and window.premises_item.point_count() == len(premises)


def test_layer_commands_headless():
    a = Layer("a", "polygon")
    b = Layer("b", "point")
    project = Project()
    stack = Session(project)
    stack.push(AddLayer(b, "other"))
    stack.push(AddLayer(a, "other"))
    assert [l.name for l in draw_order(project)] == ["b", "a"]
    stack.push(MoveLayer(a, -1))
    assert [l.name for l in draw_order(project)] == ["a", "b"]
    stack.undo()
    assert [l.name for l in draw_order(project)] == ["b", "a"]
    dup = Layer("a", "polygon")
    stack.push(AddLayer(dup, "other"))
    assert dup.name == "a (2)"
    stack.push(RemoveLayer(b))
    assert b not in project.extra_layers
    stack.undo()
    assert project.extra_layers[0] is b
    with pytest.raises(PlannerError):
        AddLayer(b, "communes")  # points cannot be the commune layer
    with pytest.raises(PlannerError):
        SetLayerStyle(a, colour="#fff")


def test_drag_in_the_list_reorders(window, qtbot):
    from PySide6.QtCore import QModelIndex

    panel = window.layers_panel
    project = window.document.project
    communes = project.communes.layer
    row = _row_of(panel, communes)
    assert row == 1
    # what an internal drag does to the list model: the communes row moves to the top
    assert panel.list.model().moveRow(QModelIndex(), row, QModelIndex(), 0)
    qtbot.waitUntil(lambda: panel.layers()[0] is communes, timeout=3000)
    assert window.commune_item.zValue() > window.premises_item.zValue()
    assert window.document.undo_text() == "Move Communes up"


def test_double_click_zooms_to_the_layer(window):
    panel = window.layers_panel
    window.canvas.set_extent(490_000, 6_275_000, 491_000, 6_276_000)
    premises = window.document.project.premises.layer
    row = _row_of(panel, premises)
    panel.list.itemDoubleClicked.emit(panel.list.item(row))
    b = premises.bounds
    e = window.canvas.extent()
    assert e[0] <= b[0] and e[2] >= b[2] and e[1] <= b[1] and e[3] >= b[3]
