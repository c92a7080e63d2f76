"""What the active map tool draws over the map: its preview (rubber band, zone outline), vertex handles, snap marker.

The item paints in device pixels above the phase zones; the adapters (planner/ui/map/tool_adapters.py) give it a
`paint(painter, to_device)` function and the map rectangle it covers.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen

from planner.core.phases.snapping import EDGE, VERTEX

#: handle half-size in screen pixels
HANDLE_PX = 4.0
#: do not draw handles on rings with more vertices than this (large imported zones)
MAX_HANDLES = 3000


class ToolOverlayItem(pg.GraphicsObject):
    """Draws the active tool's preview (rubber band, handles, snap marker) above the phase zones."""

    def __init__(self):
        super().__init__()
        self.setZValue(1000)
        self._bounds = QRectF()
        self._paint = None

    def set_content(self, paint, bounds: QRectF) -> None:
        """`paint(painter, to_device)` draws in device pixels; `bounds` in map metres covers it."""
        if bounds != self._bounds:
            self.prepareGeometryChange()
            self._bounds = QRectF(bounds)
        self._paint = paint
        self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(self._bounds)

    def paint(self, p, *args) -> None:
        if self._paint is None:
            return
        t = p.transform()

        def to_device(xy: np.ndarray) -> np.ndarray:
            xy = np.asarray(xy, dtype=float).reshape(-1, 2)
            return np.column_stack((t.m11() * xy[:, 0] + t.m21() * xy[:, 1] + t.dx(),
                                    t.m12() * xy[:, 0] + t.m22() * xy[:, 1] + t.dy()))

        p.save()
        p.resetTransform()
        p.setRenderHint(p.RenderHint.Antialiasing, True)
        self._paint(p, to_device)
        p.restore()


def pen(color, width: float, style=Qt.SolidLine) -> QPen:
    pen = QPen(QColor(color), width, style)
    pen.setCosmetic(True)
    return pen


def handles(p, dev: np.ndarray, color="#ffffff", outline="#202020", size: float = HANDLE_PX) -> None:
    p.setPen(pen(outline, 1.0))
    p.setBrush(QBrush(QColor(color)))
    for x, y in dev:
        p.drawRect(QRectF(x - size, y - size, 2 * size, 2 * size))


def snap_marker(p, dev_xy, kind: str | None) -> None:
    if kind is None:
        return
    x, y = dev_xy
    p.setPen(pen("#d0008f", 2.0))
    p.setBrush(Qt.NoBrush)
    if kind == VERTEX:
        p.drawRect(QRectF(x - 6, y - 6, 12, 12))
    elif kind == EDGE:
        p.drawLine(QPointF(x - 6, y - 6), QPointF(x + 6, y + 6))
        p.drawLine(QPointF(x - 6, y + 6), QPointF(x + 6, y - 6))
