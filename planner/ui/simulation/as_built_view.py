"""What the time charts show of the as-built start: a "today" line and the real history.

    today_index(result) -> int | None        the as-of month (month index of the run) when the run starts from
                                             actual figures, else the current calendar month when it is simulated
    TodayLine(plot_item, absolute=False, label_position=0.97)
                                             a labelled vertical line; `set_result(result)` places it (x in month
                                             indices of the run, or absolute month numbers when `absolute`)
    HistoryCurve(plot_item)                  the territory's real history up to the as-of month, drawn over the
                                             eligible curve (thick, dark), hidden without an as-built start
"""
from __future__ import annotations

import datetime as _dt

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont

from planner.core.months import parse_month
from planner.ui.simulation.plot_labels import LabelPlacer

TODAY_COLOUR = "#d62728"
HISTORY_COLOUR = "#252525"


def today_index(result) -> int | None:
    """Month index of 'today' in `result`: its as-of month, else this calendar month if simulated, else None."""
    if result is None:
        return None
    ab = getattr(result, "as_built", None)
    if ab is not None:
        return int(ab.as_of_index)
    now = _dt.date.today()
    t = now.year * 12 + now.month - 1 - parse_month(result.start)
    return t if 0 <= t < len(result.months) else None


def today_label(result) -> str:
    ab = getattr(result, "as_built", None)
    if ab is not None:
        return QCoreApplication.translate("AsBuiltView", "today (as of {0})").format(ab.as_of)
    return QCoreApplication.translate("AsBuiltView", "today")


class TodayLine:
    """A red dashed vertical line labelled 'today', added to a pyqtgraph PlotItem."""

    def __init__(self, plot_item, absolute: bool = False, label_position: float = 0.97, place_label: bool = True):
        self.absolute = absolute
        self.line = pg.InfiniteLine(angle=90, movable=False,
                                    pen=pg.mkPen(QColor(TODAY_COLOUR), width=1.5, style=Qt.PenStyle.DashLine),
                                    label="", labelOpts={"position": label_position, "color": TODAY_COLOUR,
                                                         "anchors": [(0, 0), (0, 0)]})
        self.line.label.setFont(QFont(QFont().family(), 8))
        self.line.setZValue(40)
        self.line.setVisible(False)
        plot_item.addItem(self.line, ignoreBounds=True)
        # the label goes right of the line, or left of it where it would pass the plot's right edge (a plot with
        # other labels places it with them instead: place_label=False)
        self.placer = LabelPlacer(plot_item) if place_label else None
        self._candidates = [(label_position, (0, 0)), (label_position, (1, 0))]

    def set_result(self, result) -> None:
        t = today_index(result)
        self.line.setVisible(t is not None)
        if t is None:
            return
        self.line.setValue(t + (parse_month(result.start) if self.absolute else 0))
        self.line.label.setText(today_label(result))
        if self.placer is not None:
            self.placer.set_labels([(self.line.label, self._candidates, False)])

    @property
    def value(self) -> float | None:
        return self.line.value() if self.line.isVisible() else None


class HistoryCurve:
    """The real history of the territory's eligible units (%), months 0..as_of, over the eligible curve."""

    def __init__(self, plot_item):
        self.curve = pg.PlotDataItem(pen=pg.mkPen(QColor(HISTORY_COLOUR), width=4))
        self.curve.setZValue(30)
        plot_item.addItem(self.curve)

    def set_result(self, result) -> None:
        ab = getattr(result, "as_built", None) if result is not None else None
        if ab is None:
            self.curve.setData([], [])
            return
        t = int(ab.as_of_index)
        x = np.arange(t + 1, dtype=float)
        known = np.array([v is not None for v in ab.actual], dtype=bool)
        self.curve.setData(x[known], np.asarray(result.coverage_pct[: t + 1], dtype=float)[known])
