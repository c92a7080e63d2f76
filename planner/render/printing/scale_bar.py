"""A metric scale bar with a round length (1-2-5 series) whose drawn length is exact at the map's scale."""
from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter

from planner.render.map.styles import TEXT, font, pen, qcolor


@dataclass
class ScaleBar:
    """What was drawn: the length in metres, its drawn length and bar rectangle in device units, the label."""

    length_m: float
    drawn: float
    bar: QRectF
    label: str


def nice_length(max_m: float) -> float:
    """The largest 1, 2 or 5 × 10^n metres not above `max_m`."""
    if max_m <= 0:
        return 0.0
    e = math.floor(math.log10(max_m))
    for f in (5, 2, 1):
        v = f * 10 ** e
        if v <= max_m * (1 + 1e-9):
            return float(v)
    return float(10 ** (e - 1) * 5)


def length_label(m: float, lang: str = "fr") -> str:
    if m >= 1000:
        km = m / 1000
        txt = f"{km:g}"
        return (txt.replace(".", ",") if lang == "fr" else txt) + " km"
    return f"{m:g} m"


def draw_scale_bar(painter: QPainter, left: float, bottom: float, scale: float, max_width: float, u: float,
                   k: float = 1.0, lang: str = "fr") -> ScaleBar:
    """Draw at (left, bottom) device units a bar of a round length no wider than `max_width`.

    scale: device units per metre of the map; u: device units per millimetre (for sizes); k: paper factor.
    """
    length = nice_length(max_width / scale)
    drawn = length * scale
    segs = 4 if str(int(length))[0] in "24" else 5 if str(int(length))[0] == "5" else 4
    bar_h = 1.3 * u * k
    label = length_label(length, lang)
    painter.save()
    painter.setFont(font(6.5 * k))
    fm = painter.fontMetrics()
    pad = 1.6 * u * k
    text_h = fm.height()
    label_w = fm.horizontalAdvance(label)
    half = length_label(length / 2, lang) if length >= 2 else ""
    box = QRectF(left, bottom - (bar_h + text_h + 3 * pad), drawn + 2 * pad + label_w / 2 + 2 * pad, bar_h + text_h + 3 * pad)
    painter.setPen(Qt.NoPen)
    painter.setBrush(QBrush(qcolor("#ffffff", 0.85)))
    painter.drawRoundedRect(box, 0.8 * u * k, 0.8 * u * k)
    x0 = left + pad
    y0 = bottom - pad - bar_h
    bar = QRectF(x0, y0, drawn, bar_h)
    seg = drawn / segs
    for i in range(segs):
        painter.setBrush(QBrush(qcolor(TEXT if i % 2 == 0 else "#ffffff")))
        painter.setPen(Qt.NoPen)
        painter.drawRect(QRectF(x0 + i * seg, y0, seg, bar_h))
    painter.setBrush(Qt.NoBrush)
    painter.setPen(pen(TEXT, 0.18 * u * k, cap=Qt.FlatCap, join=Qt.MiterJoin))
    painter.drawRect(bar)
    painter.setPen(qcolor(TEXT))
    ty = y0 - 0.8 * u * k
    painter.drawText(QPointF(x0 - fm.horizontalAdvance("0") / 2, ty), "0")
    if half and segs % 2 == 0:
        hw = fm.horizontalAdvance(half)
        painter.drawText(QPointF(x0 + drawn / 2 - hw / 2, ty), half)
    painter.drawText(QPointF(x0 + drawn - label_w / 2, ty), label)
    painter.restore()
    return ScaleBar(length, drawn, bar, label)
