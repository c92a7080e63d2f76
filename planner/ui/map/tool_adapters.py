"""Canvas ↔ core tool state machines: adapters that feed MapEvents to the tools and draw their overlays.

    ctx = ToolContext(document, canvas, status=statusbar_message)   # shared snapper + overlay item
    draw = DrawZoneAdapter(ctx); canvas.set_tool(draw)               # edit: EditZoneAdapter, select: SelectCommunesAdapter

An adapter keeps its tool between activations, so an unfinished polygon survives a tool switch; the tool
follows the document's current phase. Keys the tools need (Esc, Enter, Backspace, Delete) are claimed
from window shortcuts while a tool is active, so Esc never switches tools in the middle of a polygon.
"""
from __future__ import annotations

import re

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath
from PySide6.QtWidgets import QMessageBox

from planner.core.phases.snapping import Snapper
from planner.core.tools.draw_polygon import DrawPolygonTool
from planner.core.tools.edit_zone import EditZoneTool
from planner.render.map.qpaths import polygonf_from_xy
from planner.ui.map.tool_overlay import HANDLE_PX, MAX_HANDLES, ToolOverlayItem, handles, pen, snap_marker

_TOOL_KEYS = {Qt.Key_Escape, Qt.Key_Return, Qt.Key_Enter, Qt.Key_Backspace, Qt.Key_Delete}


translate = QCoreApplication.translate


def _tr(text: str) -> str:
    """A core tool's status message in the current language (the count of a selection is kept)."""
    m = re.fullmatch(r"(\d+) commune\(s\) selected", text)
    if m:
        return translate("PhaseTools", "{0} commune(s) selected").format(m.group(1))
    return translate("PhaseTools", text)


#: the messages of the core tools (planner/core/tools), for lupdate
_TOOL_MESSAGES = (
    QT_TRANSLATE_NOOP("PhaseTools", "Press Esc again to drop the unfinished polygon"),
    QT_TRANSLATE_NOOP("PhaseTools", "Unfinished polygon dropped"),
    QT_TRANSLATE_NOOP("PhaseTools", "Polygon kept"),
    QT_TRANSLATE_NOOP("PhaseTools", "A zone needs at least 3 distinct vertices"),
    QT_TRANSLATE_NOOP("PhaseTools", "The polygon has no area"),
    QT_TRANSLATE_NOOP("PhaseTools", "Ctrl cuts a hole in the phase's zone, which has none yet: zone drawn instead"),
    QT_TRANSLATE_NOOP("PhaseTools", "This phase has no drawn zone to edit"),
)


def ask_discard(parent) -> bool:
    """Ask before dropping an unfinished polygon (tests patch this)."""
    answer = QMessageBox.question(parent, translate("PhaseTools", "Drop the polygon?"),
                                  translate("PhaseTools", "Drop the unfinished polygon? Its vertices will be lost."),
                                  QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
    return answer == QMessageBox.Yes


class ToolContext(QObject):
    """What the phase tools share: the document, the canvas, one overlay item, the snapper and a status line."""

    def __init__(self, document, canvas, status=None, settings=None, parent=None):
        super().__init__(parent)
        self.document = document
        self.canvas = canvas
        self.status = status or (lambda text: None)
        self.settings = settings
        self.overlay = ToolOverlayItem()
        canvas.view.addItem(self.overlay)
        self._snapper: Snapper | None = None
        self.snapping_enabled = bool(self._setting("snapping/enabled", True))
        self.adapters: list = []
        canvas.installEventFilter(self)
        document.projectReplaced.connect(self._on_replaced)
        document.layersChanged.connect(self._on_layers)
        document.changed.connect(self._on_changed)
        document.selectionChanged.connect(self._on_selection)
        canvas.extentChanged.connect(self.refresh_overlay)

    # --- settings and snapping ------------------------------------------------------------------
    def _setting(self, key: str, default):
        if self.settings is not None and hasattr(self.settings, "value"):
            value = self.settings.value(key)
            return default if value is None else value
        return default

    def tolerance_px(self) -> float:
        try:
            return float(self._setting("snapping/tolerance_px", 10))
        except (TypeError, ValueError):
            return 10.0

    def apply_settings(self) -> None:
        """Re-read the snapping tolerance (the preferences may have changed it)."""
        if self._snapper is not None:
            self._snapper.tolerance_px = self.tolerance_px()

    @property
    def snapper(self) -> Snapper:
        """The project's snapper (rtree indexes of commune vertices/edges and zone vertices), built on first use."""
        if self._snapper is None:
            self._snapper = Snapper(self.document.project, tolerance_px=self.tolerance_px(),
                                    enabled=self.snapping_enabled)
            self._snapped_communes = self.document.project.communes
        return self._snapper

    def set_snapping(self, on: bool) -> None:
        self.snapping_enabled = bool(on)
        if self._snapper is not None:
            self._snapper.enabled = self.snapping_enabled
        if self.settings is not None and hasattr(self.settings, "set_value"):
            self.settings.set_value("snapping/enabled", self.snapping_enabled)
        self.status(translate("PhaseTools", "Snapping on") if on else translate("PhaseTools", "Snapping off"))

    # --- document -------------------------------------------------------------------------------
    def _on_replaced(self) -> None:
        self._snapper = None
        for a in self.adapters:
            a.reset()
        self.refresh_overlay()

    def _on_layers(self) -> None:
        # a restyle keeps the index; a new or removed commune layer rebuilds it on next use
        communes = self.document.project.communes
        if self._snapper is not None and communes is not getattr(self, "_snapped_communes", None):
            self._snapper = None

    def _on_changed(self, command) -> None:
        if self._snapper is not None and "geometry" in getattr(command, "touches", ()):
            self._snapper.sync_phases(self.document.project)  # the index follows edits, undo and redo
        self.refresh_overlay()

    def _on_selection(self) -> None:
        for a in self.adapters:
            a.on_current_phase()
        self.refresh_overlay()

    def active(self):
        tool = self.canvas.tool()
        return tool if tool in self.adapters else None

    def refresh_overlay(self) -> None:
        adapter = self.active()
        if adapter is None:
            # an unfinished polygon stays visible after a tool switch (it is never lost silently)
            drawing = next((a for a in self.adapters if isinstance(a, DrawZoneAdapter) and a.has_work()), None)
            adapter = drawing
        if adapter is None:
            self.overlay.set_content(None, QRectF())
        else:
            paint, bounds = adapter.overlay()
            self.overlay.set_content(paint, bounds)

    # --- keys: Esc/Enter/Backspace/Delete go to the active tool, not to window shortcuts ----------
    def eventFilter(self, obj, ev) -> bool:
        if ev.type() == QEvent.ShortcutOverride and ev.key() in _TOOL_KEYS:
            adapter = self.active()
            if adapter is not None and adapter.wants_key(ev.key()):
                ev.accept()
                return True
        return False

    def margin(self) -> float:
        return 14.0 * self.canvas.pixel_size()


class _Adapter:
    """Common part of the adapters: feed events, report messages, repaint the overlay."""

    def __init__(self, ctx: ToolContext):
        self.ctx = ctx
        self.tool = None
        self._last_message = ""
        ctx.adapters.append(self)

    @property
    def document(self):
        return self.ctx.document

    def make_tool(self):
        raise NotImplementedError

    def ensure_tool(self):
        if self.tool is None or self.tool.project is not self.document.project:
            self.tool = self.make_tool()
        return self.tool

    def handle(self, event) -> bool:
        tool = self.ensure_tool()
        if tool is None:
            return False
        consumed = tool.handle(event)
        self._report()
        return consumed

    def _report(self) -> None:
        msg = getattr(self.tool, "message", "") if self.tool is not None else ""
        if msg != self._last_message:
            self._last_message = msg
            if msg:
                self.ctx.status(_tr(msg))

    def _changed(self) -> None:
        if self.ctx.active() is self or (isinstance(self, DrawZoneAdapter) and self.has_work()):
            self.ctx.refresh_overlay()

    def reset(self) -> None:
        self.tool = None

    def on_current_phase(self) -> None:
        """The document's current phase changed."""

    def deactivate(self) -> None:
        if self.tool is not None:
            self.tool.deactivate()
        self.ctx.refresh_overlay()

    def wants_key(self, key) -> bool:
        return True

    def overlay(self):
        return None, QRectF()


class DrawZoneAdapter(_Adapter):
    """Draw a polygon into the current phase's zone (Ctrl = hole), or a new phase when none is current."""

    def make_tool(self):
        return DrawPolygonTool(self.document.project, self._phase_id(), self.document.push,
                               snapper=self.ctx.snapper, confirm_discard=lambda: ask_discard(self.ctx.canvas),
                               changed=self._changed)

    def _phase_id(self):
        pid = self.document.current_phase_id
        try:
            self.document.project.phase_by_id(pid)
        except KeyError:
            return None
        return pid

    def has_work(self) -> bool:
        return self.tool is not None and bool(self.tool.vertices)

    def on_current_phase(self) -> None:
        if self.tool is not None and not self.tool.drawing:
            self.tool.phase_id = self._phase_id()

    def handle(self, event) -> bool:
        tool = self.ensure_tool()
        if not tool.drawing:
            tool.phase_id = self._phase_id()
        before = tool.phase_id
        consumed = super().handle(event)
        if tool.phase_id is not None and tool.phase_id != before:  # the polygon created a new phase
            self.document.set_current_phase(tool.phase_id)
            name = self.document.project.phase_by_id(tool.phase_id).name
            self.ctx.status(translate("PhaseTools", "New phase '{0}' made of the drawn zone; the next polygon adds "
                                                    "to it (Esc in the phase table: another new phase).").format(name))
        return consumed

    def wants_key(self, key) -> bool:
        # Esc with nothing drawn is left to the window (back to pan); everything else goes to the tool
        return key != Qt.Key_Escape or self.has_work()

    def overlay(self):
        tool = self.tool
        if tool is None or not tool.preview:
            return None, QRectF()
        pts = np.asarray(tool.preview, dtype=float)
        placed = np.asarray(tool.vertices, dtype=float).reshape(-1, 2)
        cursor, kind = tool.cursor, tool.snap_kind
        phase_color = "#e6007e"
        try:
            phase_color = self.document.project.phase_by_id(tool.phase_id).color
        except KeyError:
            pass
        m = self.ctx.margin()
        bounds = QRectF(QPointF(pts[:, 0].min() - m, pts[:, 1].min() - m),
                        QPointF(pts[:, 0].max() + m, pts[:, 1].max() + m))

        def paint(p, to_device):
            dev = to_device(pts)
            fill = QColor(phase_color)
            fill.setAlpha(60)
            if len(dev) >= 3:
                p.setPen(Qt.NoPen)
                p.setBrush(QBrush(fill))
                p.drawPolygon(polygonf_from_xy(dev[:, 0], dev[:, 1]))
            p.setBrush(Qt.NoBrush)
            p.setPen(pen("#202020", 2.0))
            dplaced = to_device(placed) if len(placed) else np.zeros((0, 2))
            if len(dplaced) >= 2:
                p.drawPolyline(polygonf_from_xy(dplaced[:, 0], dplaced[:, 1]))
            if len(dev) >= 2:  # rubber band to the cursor and back to the first vertex
                p.setPen(pen("#202020", 1.5, Qt.DashLine))
                p.drawLine(QPointF(*dev[-2]), QPointF(*dev[-1]))
                if len(dev) >= 3:
                    p.drawLine(QPointF(*dev[-1]), QPointF(*dev[0]))
            handles(p, dplaced)
            if cursor is not None:
                snap_marker(p, to_device(np.asarray(cursor))[0], kind)

        return paint, bounds


class EditZoneAdapter(_Adapter):
    """Drag vertices, insert on an edge (double-click), delete (Delete key), move the zone of the current phase."""

    def make_tool(self):
        pid = self.document.current_phase_id
        if pid is None:
            return None
        try:
            self.document.project.phase_by_id(pid)
        except KeyError:
            return None
        return EditZoneTool(self.document.project, pid, self.document.push, snapper=self.ctx.snapper,
                            changed=self._changed)

    def ensure_tool(self):
        pid = self.document.current_phase_id
        if self.tool is not None and (self.tool.project is not self.document.project or self.tool.phase_id != pid):
            if self.tool.dragging is None:
                self.tool = None
        return super().ensure_tool()

    def handle(self, event) -> bool:
        tool = self.ensure_tool()
        if tool is None:
            self.ctx.status(translate("PhaseTools", "Select a phase with a drawn zone to edit it"))
            return False
        try:
            self.document.project.phase_by_id(tool.phase_id)
        except KeyError:
            self.tool = None
            return False
        return super().handle(event)

    def on_current_phase(self) -> None:
        if self.tool is not None and self.tool.dragging is None:
            self.tool = None

    def wants_key(self, key) -> bool:
        if self.tool is None:
            return False
        if key == Qt.Key_Escape:  # Esc cancels a drag; otherwise it is the window's (back to pan)
            return self.tool.dragging is not None
        return key == Qt.Key_Delete and self.tool.hovered is not None

    def overlay(self):
        tool = self.ensure_tool()
        if tool is None:
            return None, QRectF()
        try:
            phase = self.document.project.phase_by_id(tool.phase_id)
        except KeyError:
            return None, QRectF()
        if phase.zone is None:
            return None, QRectF()
        rings = tool.preview_rings
        if not rings:
            return None, QRectF()
        allxy = np.concatenate([xy for part in rings for xy in part])
        m = self.ctx.margin()
        bounds = QRectF(QPointF(allxy[:, 0].min() - m, allxy[:, 1].min() - m),
                        QPointF(allxy[:, 0].max() + m, allxy[:, 1].max() + m))
        hovered, edge, dragging = tool.hovered, tool.hovered_edge, tool.dragging
        color = QColor(phase.color)

        def paint(p, to_device):
            path = QPainterPath()
            path.setFillRule(Qt.OddEvenFill)
            dev_rings = []
            for part in rings:
                for xy in part:
                    d = to_device(xy)
                    dev_rings.append(d)
                    path.addPolygon(polygonf_from_xy(d[:, 0], d[:, 1]))
                    path.closeSubpath()
            fill = QColor(color)
            fill.setAlpha(70 if dragging else 35)
            p.setBrush(QBrush(fill))
            p.setPen(pen("#202020", 2.0))
            p.drawPath(path)
            if len(allxy) <= MAX_HANDLES:
                for d in dev_rings:
                    handles(p, d)
            if hovered is not None and dragging is None:
                pp, r, i = hovered
                handles(p, to_device(rings[pp][r][i]), color="#e6007e", size=HANDLE_PX + 2)
            if edge is not None and dragging is None:
                pp, r, i = edge
                ring = rings[pp][r]
                a, b = to_device(ring[(i - 1) % len(ring)])[0], to_device(ring[i % len(ring)])[0]
                p.setPen(pen("#e6007e", 3.0))
                p.drawLine(QPointF(*a), QPointF(*b))

        return paint, bounds


class SelectCommunesAdapter(_Adapter):
    """Select communes: click, shift-click (toggle), rectangle drag, alt-drag lasso."""

    def make_tool(self):
        from planner.core.tools.select import SelectTool

        return SelectTool(self.document.project, on_selection=self._selected, changed=self._changed,
                          selection=self.document.selected_communes)

    def _selected(self, rows) -> None:
        self.document.set_selected_communes(rows)

    def handle(self, event) -> bool:
        tool = self.ensure_tool()
        tool.set_selection(self.document.selected_communes)  # follow selections made elsewhere
        return super().handle(event)

    def wants_key(self, key) -> bool:
        return key == Qt.Key_Escape and self.tool is not None and self.tool._press is not None

    def overlay(self):
        tool = self.tool
        if tool is None:
            return None, QRectF()
        if tool.rubber_rect is not None:
            x0, y0, x1, y1 = tool.rubber_rect
            pts = np.array([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], dtype=float)
        elif len(tool.lasso) >= 2:
            pts = np.asarray(tool.lasso, dtype=float)
        else:
            return None, QRectF()
        m = self.ctx.margin()
        bounds = QRectF(QPointF(pts[:, 0].min() - m, pts[:, 1].min() - m),
                        QPointF(pts[:, 0].max() + m, pts[:, 1].max() + m))

        def paint(p, to_device):
            d = to_device(pts)
            p.setPen(pen("#1565c0", 1.5, Qt.DashLine))
            p.setBrush(QBrush(QColor(21, 101, 192, 40)))
            p.drawPolygon(polygonf_from_xy(d[:, 0], d[:, 1]))

        return paint, bounds
