"""The map canvas: a pyqtgraph view in Lambert-93 metres (aspect locked), pan/zoom, rectangle zoom and a tool hook.

Public API (used by tools, phase and coverage docks):
    canvas.view                      the pyqtgraph ViewBox: add overlay GraphicsItems here
    canvas.set_tool(adapter | None)  adapter.handle(MapEvent) -> bool; True = consumed (no pan);
                                     optional adapter.wants_key(qt_key) -> bool claims Esc/Enter/Backspace/
                                     Delete from the window's shortcuts (without it the tool gets them all)
    canvas.pixel_size() -> float     metres per screen pixel
    canvas.set_extent(xmin, ymin, xmax, ymax); canvas.extent() -> (xmin, ymin, xmax, ymax)
    canvas.zoom_to(bounds, margin=0.05); canvas.set_rect_zoom(on)
    signals mouseMoved(x, y), mouseLeft(), clicked(x, y, modifiers), extentChanged(), toolChanged(object)
"""
from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent

from planner.core.tools.events import (DOUBLE_CLICK, KEY, KEY_BACKSPACE, KEY_DELETE, KEY_ENTER, KEY_ESCAPE, LEFT,
                                       MIDDLE, MOVE, PRESS, RELEASE, RIGHT, MapEvent)

_BUTTONS = {Qt.LeftButton: LEFT, Qt.RightButton: RIGHT, Qt.MiddleButton: MIDDLE}
_KEYS = {Qt.Key_Return: KEY_ENTER, Qt.Key_Enter: KEY_ENTER, Qt.Key_Escape: KEY_ESCAPE,
         Qt.Key_Backspace: KEY_BACKSPACE, Qt.Key_Delete: KEY_DELETE}
#: a press and release closer than this (pixels) is a click, not a drag
CLICK_TOLERANCE_PX = 4


class MapViewBox(pg.ViewBox):
    """A ViewBox for maps: aspect locked, y up, no context menu, no auto-range."""

    def __init__(self):
        super().__init__(lockAspect=True, enableMenu=False, invertY=False, defaultPadding=0.0)
        self.setMouseMode(pg.ViewBox.PanMode)
        self.disableAutoRange()
        self.setBackgroundColor(None)


class MapCanvas(pg.GraphicsView):
    """The map: layers are GraphicsItems in `view` (map metres); input goes to the active tool first."""

    mouseMoved = Signal(float, float)
    #: the cursor left the map
    mouseLeft = Signal()
    clicked = Signal(float, float, object)
    extentChanged = Signal()
    toolChanged = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent, background=QColor("#ffffff"))
        self.view = MapViewBox()
        self.setCentralItem(self.view)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setAcceptDrops(False)  # drops go to the main window
        self._tool = None
        self._press_pos: QPointF | None = None
        self._press_consumed = False
        self.view.sigRangeChanged.connect(self._on_range_changed)
        self.scale_bar = ScaleBarItem(self.view)

    def _on_range_changed(self, *_args) -> None:
        self.extentChanged.emit()

    # --- extent ---------------------------------------------------------------------------
    def extent(self) -> tuple[float, float, float, float]:
        (xmin, xmax), (ymin, ymax) = self.view.viewRange()
        return (float(xmin), float(ymin), float(xmax), float(ymax))

    def set_extent(self, xmin: float, ymin: float, xmax: float, ymax: float) -> None:
        """Show at least this rectangle (the aspect lock may widen one side)."""
        if not all(math.isfinite(v) for v in (xmin, ymin, xmax, ymax)):
            return
        if xmax - xmin <= 0:
            xmin, xmax = xmin - 50.0, xmax + 50.0
        if ymax - ymin <= 0:
            ymin, ymax = ymin - 50.0, ymax + 50.0
        self.view.setRange(xRange=(xmin, xmax), yRange=(ymin, ymax), padding=0.0)

    def zoom_to(self, bounds, margin: float = 0.05) -> None:
        """Zoom to (xmin, ymin, xmax, ymax) with a relative margin; ignores empty/NaN bounds."""
        xmin, ymin, xmax, ymax = (float(v) for v in bounds)
        if not all(math.isfinite(v) for v in (xmin, ymin, xmax, ymax)):
            return
        dx = max(xmax - xmin, 100.0) * margin
        dy = max(ymax - ymin, 100.0) * margin
        self.set_extent(xmin - dx, ymin - dy, xmax + dx, ymax + dy)

    def pixel_size(self) -> float:
        """Metres per screen pixel at the current zoom."""
        px = self.view.viewPixelSize()
        return float(max(px[0], px[1])) if px[0] > 0 else 1.0

    def map_pos(self, pos) -> tuple[float, float]:
        """Map coordinates (metres) of a widget position."""
        inverse, _ = self.viewportTransform().inverted()
        p = self.view.mapSceneToView(inverse.map(QPointF(pos)))
        return float(p.x()), float(p.y())

    def map_to_widget(self, x: float, y: float) -> QPointF:
        """Widget position of a map point (for tests and overlays)."""
        scene = self.view.mapViewToScene(QPointF(x, y))
        return self.viewportTransform().map(scene)

    # --- modes and tools -------------------------------------------------------------------
    def set_rect_zoom(self, on: bool) -> None:
        """Left drag draws a zoom rectangle (True) or pans (False)."""
        self.view.setMouseMode(pg.ViewBox.RectMode if on else pg.ViewBox.PanMode)

    def rect_zoom(self) -> bool:
        return self.view.state["mouseMode"] == pg.ViewBox.RectMode

    def set_tool(self, adapter) -> None:
        """Route input to `adapter.handle(MapEvent) -> bool` (None: back to identify/pan)."""
        old = self._tool
        if old is not None and hasattr(old, "deactivate"):
            old.deactivate()
        self._tool = adapter
        self.setCursor(Qt.CrossCursor if adapter is not None else Qt.ArrowCursor)
        self.toolChanged.emit(adapter)

    def tool(self):
        return self._tool

    def _event(self, kind: str, ev, button: str | None = None, key: str | None = None) -> MapEvent:
        mods = ev.modifiers()
        if kind == KEY:
            x = y = 0.0
            local = self.mapFromGlobal(self.cursor().pos())
            if self.rect().contains(local):
                x, y = self.map_pos(local)
        else:
            x, y = self.map_pos(ev.position())
        return MapEvent(kind=kind, x=x, y=y, button=button, key=key,
                        shift=bool(mods & Qt.ShiftModifier), ctrl=bool(mods & Qt.ControlModifier),
                        alt=bool(mods & Qt.AltModifier), pixel_size=self.pixel_size())

    def _to_tool(self, event: MapEvent) -> bool:
        if self._tool is None:
            return False
        return bool(self._tool.handle(event))

    # --- Qt input --------------------------------------------------------------------------
    def event(self, ev) -> bool:
        # while a tool is active, its keys (Esc, Enter, Backspace, Delete) beat the window's shortcuts
        if ev.type() == QEvent.ShortcutOverride and self._tool is not None and ev.key() in _KEYS:
            wants = getattr(self._tool, "wants_key", None)
            if wants is None or wants(ev.key()):
                ev.accept()
                return True
        return super().event(ev)

    def mousePressEvent(self, ev: QMouseEvent) -> None:
        self._press_pos = ev.position()
        self._press_consumed = self._to_tool(self._event(PRESS, ev, _BUTTONS.get(ev.button())))
        if self._press_consumed:
            ev.accept()
            return
        super().mousePressEvent(ev)

    def mouseMoveEvent(self, ev: QMouseEvent) -> None:
        x, y = self.map_pos(ev.position())
        self.mouseMoved.emit(x, y)
        if self._to_tool(self._event(MOVE, ev)) or self._press_consumed:
            ev.accept()
            return
        super().mouseMoveEvent(ev)

    def mouseReleaseEvent(self, ev: QMouseEvent) -> None:
        consumed = self._to_tool(self._event(RELEASE, ev, _BUTTONS.get(ev.button())))
        was_press_consumed = self._press_consumed
        press = self._press_pos
        self._press_pos = None
        self._press_consumed = False
        if consumed or was_press_consumed:
            ev.accept()
            return
        super().mouseReleaseEvent(ev)
        if press is not None and ev.button() == Qt.LeftButton and not self.rect_zoom():
            d = ev.position() - press
            if abs(d.x()) + abs(d.y()) <= CLICK_TOLERANCE_PX:
                x, y = self.map_pos(ev.position())
                self.clicked.emit(x, y, ev.modifiers())

    def mouseDoubleClickEvent(self, ev: QMouseEvent) -> None:
        if self._to_tool(self._event(DOUBLE_CLICK, ev, _BUTTONS.get(ev.button()))):
            ev.accept()
            return
        super().mouseDoubleClickEvent(ev)

    def keyPressEvent(self, ev: QKeyEvent) -> None:
        key = _KEYS.get(ev.key()) or (ev.text() or None)
        if key is not None and self._to_tool(self._event(KEY, ev, key=key)):
            ev.accept()
            return
        if self._navigate(ev.key()):
            ev.accept()
            return
        super().keyPressEvent(ev)

    def _navigate(self, key) -> bool:
        """Arrow keys pan by a quarter of the view, +/- zoom by 1.5 around the centre (when no tool took them)."""
        xmin, ymin, xmax, ymax = self.extent()
        w, h = xmax - xmin, ymax - ymin
        moves = {Qt.Key_Left: (-w / 4, 0.0), Qt.Key_Right: (w / 4, 0.0), Qt.Key_Up: (0.0, h / 4),
                 Qt.Key_Down: (0.0, -h / 4)}
        if key in moves:
            dx, dy = moves[key]
            self.view.translateBy(x=dx, y=dy)
            return True
        if key in (Qt.Key_Plus, Qt.Key_Equal, Qt.Key_Minus):
            f = 1 / 1.5 if key != Qt.Key_Minus else 1.5
            self.view.scaleBy((f, f))
            return True
        return False

    def leaveEvent(self, ev) -> None:
        self.mouseLeft.emit()
        super().leaveEvent(ev)


class ScaleBarItem(pg.GraphicsObject):
    """A scale bar in the lower-left corner of the map (round length in m/km), in screen pixels.

    A child of the ViewBox (its coordinates are the box's pixels); it keeps no reference to the canvas, so
    it dies cleanly with the view.
    """

    def __init__(self, view: pg.ViewBox):
        super().__init__(view)
        self.setZValue(10_000)
        self._rect = QRectF(view.rect())
        self._pixel = 0.0
        view.sigRangeChanged.connect(self._on_view_changed)
        view.sigResized.connect(self._on_view_changed)

    def _on_view_changed(self, *_args) -> None:
        view = self.parentItem()
        if view is None:
            return
        self.prepareGeometryChange()
        self._rect = QRectF(view.rect())
        size = view.viewPixelSize()
        self._pixel = float(max(size[0], size[1]))
        self.update()

    def reposition(self) -> None:
        self._on_view_changed()

    def boundingRect(self):
        # cached: this is called while the view is being destroyed, when the view must not be touched
        return self._rect

    def paint(self, p, *args) -> None:
        from PySide6.QtGui import QFont, QPen
        px = self._pixel
        if not (px > 0 and math.isfinite(px)):
            return
        target = 120 * px
        exp = 10 ** math.floor(math.log10(target))
        length = max(m * exp for m in (1, 2, 5) if m * exp <= target)
        w = length / px
        rect = self._rect
        x0, y0 = 14.0, rect.height() - 14.0
        font = QFont()
        font.setPointSizeF(8)
        p.setFont(font)
        label = f"{length / 1000:g} km" if length >= 1000 else f"{length:g} m"
        text_w = p.fontMetrics().horizontalAdvance(label)
        p.setRenderHint(p.RenderHint.Antialiasing, True)
        p.setPen(Qt.NoPen)
        p.setBrush(QColor(255, 255, 255, 190))
        p.drawRoundedRect(QRectF(x0 - 6, y0 - 22, max(w, text_w + 4) + 12, 28), 3, 3)
        p.setRenderHint(p.RenderHint.Antialiasing, False)
        p.setPen(QPen(QColor(40, 40, 40), 2))
        p.drawLine(QPointF(x0, y0), QPointF(x0 + w, y0))
        p.drawLine(QPointF(x0, y0 - 5), QPointF(x0, y0))
        p.drawLine(QPointF(x0 + w, y0 - 5), QPointF(x0 + w, y0))
        p.drawText(QPointF(x0 + 2, y0 - 8), label)


def prepare_loaded(result):
    """Build the drawing data of a freshly loaded Project's layers (or of a command's `layer`); returns `result`.

    Meant for the end of a loading worker: premises get their sorted index, polygons their simplified, tiled
    paths, so creating the map items on the UI thread takes milliseconds.
    """
    from planner.ui.map.polygon_levels import prepare_polygons
    from planner.ui.map.premises_item import prepare_points

    layers = result.layers() if hasattr(result, "layers") else [getattr(result, "layer", None)]
    jobs = []
    for layer in layers:
        if layer is None:
            continue
        if layer.kind == "point" and layer.x is not None:
            jobs.append((prepare_points, layer))
        elif layer.kind in ("polygon", "line") and layer.geometries is not None:
            jobs.append((prepare_polygons, layer))
    if len(jobs) > 1:  # numpy sorts and shapely release the GIL: the premise index and the outlines overlap
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=2) as pool:
            for future in [pool.submit(fn, layer) for fn, layer in jobs]:
                future.result()
    else:
        for fn, layer in jobs:
            fn(layer)
    return result
