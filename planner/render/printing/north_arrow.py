"""A north arrow (the map is drawn north up in Lambert-93): a split arrowhead and the letter N."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPolygonF

from planner.render.map.styles import TEXT, font, pen, qcolor


def draw_north_arrow(painter: QPainter, centre_x: float, top: float, u: float, k: float = 1.0) -> QRectF:
    """Draw a north arrow about 12 mm tall hanging from (centre_x, top); returns its bounding rect."""
    h = 9.0 * u * k
    w = 4.4 * u * k
    painter.save()
    painter.setFont(font(8.0 * k, bold=True))
    fm = painter.fontMetrics()
    th = fm.height()
    box = QRectF(centre_x - w, top, 2 * w, h + th + 2.0 * u * k)
    painter.setPen(Qt.NoPen)
    painter.setBrush(QBrush(qcolor("#ffffff", 0.85)))
    painter.drawRoundedRect(box, 0.8 * u * k, 0.8 * u * k)
    painter.setPen(qcolor(TEXT))
    painter.drawText(QRectF(box.left(), top + 0.4 * u * k, box.width(), th), Qt.AlignHCenter | Qt.AlignTop, "N")
    y0 = top + th + 0.6 * u * k
    tip = QPointF(centre_x, y0)
    base_y = y0 + h
    notch = QPointF(centre_x, base_y - h * 0.28)
    left = QPolygonF([tip, QPointF(centre_x - w * 0.62, base_y), notch])
    right = QPolygonF([tip, QPointF(centre_x + w * 0.62, base_y), notch])
    painter.setPen(pen(TEXT, 0.2 * u * k))
    painter.setBrush(QBrush(qcolor(TEXT)))
    painter.drawPolygon(left)
    painter.setBrush(QBrush(qcolor("#ffffff")))
    painter.drawPolygon(right)
    painter.restore()
    return box
