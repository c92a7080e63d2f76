"""A small coverage chart drawn with QPainter: percentage series over months, a marker month, 50/100 % guides."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter

from planner.core.months import parse_month
from planner.render.map.qpaths import polygonf_from_xy
from planner.render.map.styles import MUTED, RULE, STATE_COLOURS, TEXT, font, pen, qcolor


@dataclass(frozen=True)
class Series:
    """One line: label, percentages per month (same length as the months), colour, Qt pen style."""

    label: str
    pct: np.ndarray
    colour: str
    style: Qt.PenStyle = Qt.SolidLine
    width_mm: float = 0.5


def state_series(eligible, marketable, connected, lang: str = "fr") -> list[Series]:
    """The eligible, marketable and connected curves (percentages), in the premise states' palette colours."""
    from planner.core.printing.layout import text

    return [Series(text("eligible", lang).capitalize(), eligible, STATE_COLOURS["eligible"], Qt.SolidLine, 0.55),
            Series(text("marketable", lang).capitalize(), marketable, STATE_COLOURS["marketable"], Qt.DashLine, 0.4),
            Series(text("connected", lang).capitalize(), connected, STATE_COLOURS["connected"], Qt.DotLine, 0.45)]


def _last_index(series: list[Series], start: int, n: int) -> int:
    """Last month index shown: a year after the last change of any series, ending on a December, at least two
    years, within the n months."""
    last = 0
    for s in series:
        ch = np.flatnonzero(np.diff(np.asarray(s.pct, dtype=float)) != 0)
        if len(ch):
            last = max(last, int(ch[-1]) + 1)
    end = last + 12 if last else n - 1
    end += (11 - (start + end) % 12) % 12  # finish on a December
    return max(min(end, n - 1), min(n - 1, 23))


def _draw_axes(painter: QPainter, rect: QRectF, plot: QRectF, xs, ys, start: int, end: int, left_pad: float,
               u: float, k: float) -> None:
    """0/50/100 % guides with their labels, and a tick per January labelled with its year (thinned to fit)."""
    fm = painter.fontMetrics()
    for p in (0, 50, 100):
        y = float(ys(p))
        painter.setPen(pen(RULE if p else TEXT, (0.12 if p else 0.25) * u * k, Qt.DotLine if p else Qt.SolidLine))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(qcolor(MUTED))
        painter.drawText(QRectF(rect.left(), y - fm.height() / 2, left_pad - 1.0 * u * k, fm.height()),
                         Qt.AlignRight | Qt.AlignVCenter, f"{p} %")
    # x: years
    first_jan = (12 - start % 12) % 12
    years = list(range(first_jan, end + 1, 12))
    step = max(1, int(np.ceil(len(years) / max(plot.width() / (fm.horizontalAdvance("2020") * 1.8), 1))))
    for j, i in enumerate(years):
        x = float(xs(i))
        painter.setPen(pen(RULE, 0.12 * u * k))
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 0.8 * u * k))
        if j % step == 0:
            painter.setPen(qcolor(MUTED))
            label = str((start + i) // 12)
            painter.drawText(QRectF(x - 10 * u, plot.bottom() + 0.9 * u * k, 20 * u, fm.height()),
                             Qt.AlignHCenter | Qt.AlignTop, label)


def _draw_series_legend(painter: QPainter, rect: QRectF, plot: QRectF, series: list[Series], u: float,
                        k: float) -> None:
    """One row under the plot: a line sample and the label of each series."""
    fm = painter.fontMetrics()
    x = plot.left()
    y = rect.bottom() - fm.height()
    for s in series:
        painter.setPen(pen(s.colour, s.width_mm * u * k, s.style))
        painter.drawLine(QPointF(x, y + fm.height() / 2), QPointF(x + 4 * u * k, y + fm.height() / 2))
        painter.setPen(qcolor(TEXT))
        w = fm.horizontalAdvance(s.label)
        painter.drawText(QRectF(x + 5 * u * k, y, w + 2, fm.height()), Qt.AlignLeft | Qt.AlignVCenter, s.label)
        x += 5 * u * k + w + 3 * u * k


def draw_curve(painter: QPainter, rect: QRectF, months: list[str], series: list[Series], u: float, k: float = 1.0,
               title: str = "", marker: str | None = None, lang: str = "fr", today: str | None = None) -> QRectF:
    """Draw the chart into `rect`; returns the plot area. The x axis spans up to the last change + a year.
    `today` ('YYYY-MM', the as-of month of an as-built start) is marked by a labelled grey line."""
    painter.save()
    painter.setRenderHint(QPainter.Antialiasing, True)
    top = rect.top()
    if title:
        painter.setFont(font(8.5 * k, bold=True))
        fm = painter.fontMetrics()
        painter.setPen(qcolor(TEXT))
        painter.drawText(QRectF(rect.left(), top, rect.width(), fm.height()), Qt.AlignLeft | Qt.AlignVCenter, title)
        top += fm.height() + 1.0 * u * k
    painter.setFont(font(6.2 * k))
    fm = painter.fontMetrics()
    left_pad = fm.horizontalAdvance("100 %") + 1.5 * u * k
    legend_h = fm.height() + 1.0 * u * k if len(series) > 1 else 0.0
    plot = QRectF(rect.left() + left_pad, top + fm.height() / 2, rect.width() - left_pad - 1.0 * u * k,
                  rect.bottom() - top - fm.height() / 2 - fm.height() - 1.2 * u * k - legend_h)
    n = len(months)
    if n == 0 or plot.height() <= 0 or plot.width() <= 0:
        painter.restore()
        return plot
    start = parse_month(months[0])
    end = _last_index(series, start, n)
    xs = lambda i: plot.left() + plot.width() * (np.asarray(i, dtype=float) / max(end, 1))  # noqa: E731
    ys = lambda p: plot.bottom() - plot.height() * (np.asarray(p, dtype=float) / 100.0)  # noqa: E731
    _draw_axes(painter, rect, plot, xs, ys, start, end, left_pad, u, k)
    # marker month
    if marker:
        i = parse_month(marker) - start
        if 0 <= i <= end:
            x = float(xs(i))
            painter.setPen(pen("#c0392b", 0.3 * u * k, Qt.DashLine))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
    if today:
        _today_line(painter, plot, float(xs(parse_month(today) - start)), u, k, lang)
    # series
    idx = np.arange(end + 1)
    for s in series:
        p = np.asarray(s.pct, dtype=float)[: end + 1]
        painter.setPen(pen(s.colour, s.width_mm * u * k, s.style))
        painter.drawPolyline(polygonf_from_xy(xs(idx), ys(np.clip(p, 0, 100))))
    if len(series) > 1:
        _draw_series_legend(painter, rect, plot, series, u, k)
    painter.restore()
    return plot


def _today_line(painter: QPainter, plot: QRectF, x: float, u: float, k: float, lang: str) -> None:
    """The as-of month: a dark grey dashed line labelled 'today' at the top of the plot."""
    from planner.core.printing.layout import text

    if not plot.left() <= x <= plot.right():
        return
    painter.setPen(pen("#555555", 0.3 * u * k, Qt.DashLine))
    painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
    painter.setPen(qcolor("#555555"))
    fm = painter.fontMetrics()
    label = text("today", lang)
    painter.drawText(QRectF(x + 0.6 * u * k, plot.top(), fm.horizontalAdvance(label) + 2, fm.height()),
                     Qt.AlignLeft | Qt.AlignVCenter, label)
