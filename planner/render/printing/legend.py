"""A legend block: a title and entries (fill swatch, dot, ring or dashed line) — only what the page shows."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter

from planner.render.map.styles import MUTED, TEXT, font, pen, qcolor


@dataclass(frozen=True)
class LegendEntry:
    """kind: 'fill' (swatch with outline), 'dot', 'ring' (hollow dot) or 'line' (dashed zone edge)."""

    kind: str
    colour: str
    label: str
    outline: str = TEXT
    note: str = ""  # right-aligned small figure, e.g. a unit count


def draw_legend(painter: QPainter, rect: QRectF, title: str, entries: list[LegendEntry], u: float,
                k: float = 1.0) -> list[QRectF]:
    """Draw the legend into `rect` (device units); returns each entry's row rectangle (those that fit)."""
    painter.save()
    painter.setFont(font(8.5 * k, bold=True))
    painter.setPen(qcolor(TEXT))
    fm = painter.fontMetrics()
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), fm.height()), Qt.AlignLeft | Qt.AlignVCenter, title)
    y = rect.top() + fm.height() + 1.5 * u * k
    row_h = 5.0 * u * k
    sw = 5.0 * u * k
    rows = []
    label_font = font(7.2 * k)
    note_font = font(6.5 * k)
    for e in entries:
        painter.setFont(label_font)
        tx = rect.left() + sw + 2.0 * u * k
        note_w = 0.0
        if e.note:
            painter.setFont(note_font)
            note_w = painter.fontMetrics().horizontalAdvance(e.note) + 1.5 * u * k
            painter.setFont(label_font)
        text_w = rect.right() - tx - note_w
        flags = Qt.AlignLeft | Qt.AlignVCenter | Qt.TextWordWrap
        need = painter.fontMetrics().boundingRect(QRectF(0, 0, text_w, 1000).toRect(), flags, e.label).height()
        h = max(row_h, need + 1.2 * u * k)
        if y + h > rect.bottom() + 0.01:
            break
        row = QRectF(rect.left(), y, rect.width(), h)
        cy = y + h / 2
        sx = rect.left() + sw / 2
        if e.kind == "fill":
            painter.setBrush(QBrush(qcolor(e.colour)))
            painter.setPen(pen(e.outline, 0.3 * u * k, join=Qt.MiterJoin))
            painter.drawRect(QRectF(rect.left(), cy - sw * 0.35, sw, sw * 0.7))
        elif e.kind in ("dot", "ring"):
            d = 2.2 * u * k
            painter.setPen(pen(e.colour, d))
            painter.drawPoint(QPointF(sx, cy))
            if e.kind == "ring":
                painter.setPen(pen("#ffffff", d * 0.45))
                painter.drawPoint(QPointF(sx, cy))
        elif e.kind == "line":
            painter.setBrush(Qt.NoBrush)
            painter.setPen(pen(e.colour, 0.45 * u * k, Qt.DashLine))
            painter.drawLine(QPointF(rect.left(), cy), QPointF(rect.left() + sw, cy))
        if e.note:
            painter.setFont(note_font)
            painter.setPen(qcolor(MUTED))
            painter.drawText(QRectF(tx, y, rect.right() - tx, h), Qt.AlignRight | Qt.AlignVCenter, e.note)
        painter.setFont(label_font)
        painter.setPen(qcolor(TEXT))
        painter.drawText(QRectF(tx, y, text_w, h), flags, e.label)
        rows.append(row)
        y += h
    painter.restore()
    return rows
