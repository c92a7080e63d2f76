"""Colours, pens, fonts and marker styles shared by every map, page and legend (print-safe in black and white)."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPen

from planner.core.simulation import palette
from planner.core.simulation.premise_state import STATES

FONT_FAMILY = "DejaVu Sans"

# page map styles: the highlighted commune stands out, neighbours stay quiet
HIGHLIGHT_FILL = "#fdf3d0"
HIGHLIGHT_OUTLINE = "#1a1a1a"
NEIGHBOUR_FILL = "#e4e4e4"
NEIGHBOUR_OUTLINE = "#b4b4b4"
NEIGHBOUR_LABEL = "#8c8c8c"
NEIGHBOUR_PREMISE = "#c2c2c2"
MAP_BACKGROUND = "#f7f7f5"
FRAME = "#333333"
TEXT = "#1a1a1a"
MUTED = "#666666"
RULE = "#9a9a9a"
ACCENT = "#1f4e79"

# premise states: the one palette of planner/core/simulation/palette.py (screen, print and web alike)
STATE_KEYS = STATES
STATE_COLOURS = palette.STATE_COLOURS
STATE_HOLLOW = palette.STATE_HOLLOW  # a ring: told apart from 'eligible' without colour


@dataclass(frozen=True)
class ClassStyle:
    """One premise class as drawn and listed in a legend: key, label, colour, hollow ring or full dot."""

    key: str
    label: str
    colour: str
    hollow: bool = False


def qcolor(text: str, alpha: float = 1.0) -> QColor:
    c = QColor(text)
    c.setAlphaF(max(0.0, min(1.0, alpha)))
    return c


def pen(colour: str, width: float, style=Qt.SolidLine, cap=Qt.RoundCap, join=Qt.RoundJoin) -> QPen:
    """A pen of `width` device pixels."""
    p = QPen(qcolor(colour))
    p.setWidthF(width)
    p.setStyle(style)
    p.setCapStyle(cap)
    p.setJoinStyle(join)
    return p


def font(point_size: float, bold: bool = False, italic: bool = False) -> QFont:
    f = QFont(FONT_FAMILY)
    f.setPointSizeF(point_size)
    f.setBold(bold)
    f.setItalic(italic)
    f.setStyleStrategy(QFont.PreferAntialias)
    return f


def lighter(colour: str, amount: float) -> str:
    """Blend a colour towards white by `amount` (0..1)."""
    c = QColor(colour)
    r, g, b = c.red(), c.green(), c.blue()
    mix = lambda v: int(round(v + (255 - v) * amount))  # noqa: E731
    return QColor(mix(r), mix(g), mix(b)).name()
