"""Text blocks shared by the printed pages: section headings and label/value tables (QtGui only)."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt

from planner.render.map.styles import MUTED, RULE, TEXT, font, pen, qcolor


def draw_heading(painter, r: QRectF, title: str, k: float) -> float:
    """A bold section title at the top of `r`; returns the y just below it."""
    painter.setFont(font(8.5 * k, bold=True))
    painter.setPen(qcolor(TEXT))
    height = painter.fontMetrics().height()
    painter.drawText(QRectF(r.left(), r.top(), r.width(), height), Qt.AlignLeft | Qt.AlignVCenter, title)
    return r.top() + height


def draw_label_value_rows(painter, r: QRectF, rows, y: float, row_h: float, u: float, k: float) -> float:
    """Rows of 'label ........ value' (value bold, right-aligned; both elided to fit) from `y`; returns the y after."""
    label_font, value_font = font(7.2 * k), font(7.4 * k, bold=True)
    for label, value in rows:
        painter.setPen(pen(RULE, 0.1 * u * k, Qt.DotLine))
        painter.drawLine(QPointF(r.left(), y + row_h), QPointF(r.right(), y + row_h))
        painter.setFont(value_font)
        painter.setPen(qcolor(TEXT))
        value_w = min(painter.fontMetrics().horizontalAdvance(value) + 1, r.width() * 0.62)
        shown = painter.fontMetrics().elidedText(value, Qt.ElideRight, int(value_w))
        painter.drawText(QRectF(r.right() - value_w, y, value_w, row_h), Qt.AlignRight | Qt.AlignVCenter, shown)
        painter.setFont(label_font)
        painter.setPen(qcolor(MUTED))
        label_w = r.width() - value_w - 1.5 * u * k
        painter.drawText(QRectF(r.left(), y, label_w, row_h), Qt.AlignLeft | Qt.AlignVCenter,
                         painter.fontMetrics().elidedText(label, Qt.ElideRight, int(label_w)))
        y += row_h
    return y
