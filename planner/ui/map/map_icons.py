"""Toolbar icons for map navigation and undo/redo, drawn with QPainter (crisp at any size, no image files)."""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from planner.core.simulation.palette import SELECTION_COLOUR

INK = QColor("#37474f")
ACCENT = QColor("#1e88e5")
HIGHLIGHT = QColor(SELECTION_COLOUR)  # the selected communes' outline on the map
SIZE = 64  # drawn on a 64×64 canvas, scaled by QIcon


def _pen(color: QColor = INK, width: float = 5.0, style=Qt.SolidLine) -> QPen:
    pen = QPen(color, width, style)
    pen.setCapStyle(Qt.RoundCap)
    pen.setJoinStyle(Qt.RoundJoin)
    return pen


def _magnifier(p: QPainter, cx: float = 26, cy: float = 26, r: float = 16) -> None:
    p.setPen(_pen(INK, 5))
    p.setBrush(QColor(255, 255, 255, 200))
    p.drawEllipse(QPointF(cx, cy), r, r)
    d = r / math.sqrt(2)
    p.setPen(_pen(INK, 8))
    p.drawLine(QPointF(cx + d + 2, cy + d + 2), QPointF(58, 58))


def _arrow_head(p: QPainter, tip: QPointF, angle: float, size: float = 12) -> None:
    path = QPainterPath(tip)
    for a in (angle + 2.6, angle - 2.6):
        path.lineTo(tip + QPointF(size * math.cos(a), size * math.sin(a)))
    path.closeSubpath()
    p.setPen(Qt.NoPen)
    p.setBrush(INK)
    p.drawPath(path)


def _draw(name: str, p: QPainter) -> None:
    if name == "pan":
        p.setPen(_pen(INK, 5))
        p.drawLine(QPointF(32, 8), QPointF(32, 56))
        p.drawLine(QPointF(8, 32), QPointF(56, 32))
        for tip, ang in ((QPointF(32, 4), -math.pi / 2), (QPointF(32, 60), math.pi / 2),
                         (QPointF(4, 32), math.pi), (QPointF(60, 32), 0.0)):
            _arrow_head(p, tip, ang, 13)
    elif name == "zoom_rect":
        p.setPen(_pen(ACCENT, 4, Qt.DashLine))
        p.setBrush(Qt.NoBrush)
        p.drawRect(QRectF(4, 4, 44, 34))
        _magnifier(p, 34, 34, 13)
    elif name == "zoom_full":
        p.setPen(_pen(ACCENT, 5))
        for x, y, dx, dy in ((4, 4, 1, 1), (60, 4, -1, 1), (4, 60, 1, -1), (60, 60, -1, -1)):
            p.drawLine(QPointF(x, y), QPointF(x + 14 * dx, y))
            p.drawLine(QPointF(x, y), QPointF(x, y + 14 * dy))
        p.setPen(_pen(INK, 4))
        p.setBrush(QColor("#e3e0d6"))
        p.drawPolygon([QPointF(18, 40), QPointF(22, 20), QPointF(36, 16), QPointF(46, 26), QPointF(42, 44),
                       QPointF(28, 48)])
    elif name == "zoom_layer":
        for k, color in enumerate(("#90caf9", "#64b5f6", ACCENT.name())):
            y = 36 - 11 * k
            p.setPen(_pen(INK, 3))
            p.setBrush(QColor(color))
            p.drawPolygon([QPointF(4, y), QPointF(22, y - 9), QPointF(40, y), QPointF(22, y + 9)])
        _magnifier(p, 40, 40, 11)
    elif name == "zoom_selection":
        p.setPen(_pen(HIGHLIGHT.darker(160), 5))
        p.setBrush(QColor(HIGHLIGHT.red(), HIGHLIGHT.green(), HIGHLIGHT.blue(), 110))
        p.drawPolygon([QPointF(8, 30), QPointF(14, 10), QPointF(34, 6), QPointF(42, 20), QPointF(30, 36)])
        _magnifier(p, 36, 36, 13)
    elif name in ("undo", "redo"):
        p.save()
        if name == "redo":
            p.translate(SIZE, 0)
            p.scale(-1, 1)
        path = QPainterPath(QPointF(50, 50))
        path.cubicTo(QPointF(56, 26), QPointF(36, 14), QPointF(16, 22))
        p.setPen(_pen(INK, 6))
        p.setBrush(Qt.NoBrush)
        p.drawPath(path)
        _arrow_head(p, QPointF(6, 26), math.atan2(22 - 26, 16 - 6) + math.pi, 16)
        p.restore()
    else:
        raise KeyError(name)


def map_icon(name: str) -> QIcon:
    """One of: pan, zoom_rect, zoom_full, zoom_layer, zoom_selection, undo, redo."""
    icon = QIcon()
    for size in (16, 20, 24, 32, 48):
        pm = QPixmap(SIZE, SIZE)
        pm.fill(Qt.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.Antialiasing)
        _draw(name, p)
        p.end()
        icon.addPixmap(pm.scaled(size, size, Qt.KeepAspectRatio, Qt.SmoothTransformation))
    return icon

