"""What the calibration dialog shows of a result: the fit per quarter as a plot and a table, the per-phase table,
and the communes furthest ahead of and behind the fitted plan."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from planner.core.months import quarter_label
from planner.ui.simulation.coverage_panel import MonthAxis
from planner.ui.common.figures import number
from planner.ui.common.plots import plot_widget

FITTED = "#08519c"
HELD_OUT = "#e6550d"
HELD_BRUSH = QBrush(QColor("#fdd0a2"))


def fmt_units(v) -> str:
    """Whole units with a narrow no-break space between thousands; empty when unknown."""
    return "" if v is None or not np.isfinite(v) else number(v)


def fmt_signed(v) -> str:
    return number(v, sign=True)


def _table(parent, headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers), parent)
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().hide()
    t.verticalHeader().setDefaultSectionSize(20)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    return t


def _fill(table: QTableWidget, rows: list[list[str]], numeric_from: int = 1) -> None:
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c >= numeric_from:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()


class FitView(QWidget):
    """Plot (actual points, fitted curve month by month, held-out quarters in orange on a shaded band) and the
    per-quarter table (fitted, actual, error, held out)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.axis = MonthAxis(0)
        self.plot = plot_widget(axisItems={"bottom": self.axis}, background="w")
        self.plot.setObjectName("calibrationPlot")
        self.plot.setLabel("left", self.tr("eligible units"))
        self.plot.setToolTip(self.tr("Eligible units summed over the communes whose figures count"))
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.setMinimumHeight(200)
        self.fitted_curve = pg.PlotDataItem(pen=pg.mkPen(FITTED, width=2))
        self.fitted_points = pg.ScatterPlotItem(size=7, symbol="s", brush=pg.mkBrush(FITTED), pen=pg.mkPen(FITTED))
        self.actual_points = pg.ScatterPlotItem(size=10, symbol="o", brush=pg.mkBrush("#000000"))
        self.held_out_points = pg.ScatterPlotItem(size=11, symbol="o", brush=pg.mkBrush(HELD_OUT),
                                                  pen=pg.mkPen("#7f2704"))
        self.held_out_region = pg.LinearRegionItem(movable=False, brush=pg.mkBrush(253, 208, 162, 90),
                                                   pen=pg.mkPen(None))
        for item in (self.held_out_region, self.fitted_curve, self.fitted_points, self.actual_points,
                     self.held_out_points):
            self.plot.addItem(item)
        self.held_out_region.hide()
        self.legend = QLabel(self.tr("<span style='color:#08519c'>━ ■</span> fitted plan   ● actual   "
                                     "<span style='color:#e6550d'>●</span> held out (not used by the fit)"), self)
        self.table = _table(self, [self.tr("quarter"), self.tr("fitted"), self.tr("actual"), self.tr("error"),
                                   self.tr("used")])
        self.table.setObjectName("calibrationQuarters")
        self.table.setMaximumHeight(170)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.table)

    def show_result(self, cal, lang: str) -> None:
        x = np.asarray(cal.quarters, dtype=float)
        held = np.asarray(cal.held_out, dtype=bool)
        self.fitted_curve.setData(np.asarray(cal.curve_months, float), cal.curve)
        self.fitted_points.setData(x, cal.fitted)
        self.actual_points.setData(x[~held], cal.actual[~held])
        self.held_out_points.setData(x[held], cal.actual[held])
        if held.any():
            first = x[held][0]
            self.held_out_region.setRegion((first - 2.5, x[-1] + 0.5))
            self.held_out_region.show()
        else:
            self.held_out_region.hide()
        rows = []
        for q, f, a, e, h in zip(cal.quarters, cal.fitted, cal.actual, cal.error, held):
            rows.append([quarter_label(q, lang), fmt_units(f), fmt_units(a), fmt_signed(e),
                         self.tr("held out") if h else self.tr("fitted")])
        _fill(self.table, rows)
        for r, h in enumerate(held):
            if h:
                for c in range(self.table.columnCount()):
                    self.table.item(r, c).setBackground(HELD_BRUSH)
        self.plot.enableAutoRange()

    def clear(self) -> None:
        for item in (self.fitted_curve, self.fitted_points, self.actual_points, self.held_out_points):
            item.setData([], [])
        self.held_out_region.hide()
        self.table.setRowCount(0)

    def show_actuals(self, quarters, actual, lang: str) -> None:
        """No fit: the figures alone, as the file gives them (what the diagnostic above speaks of)."""
        self.clear()
        self.actual_points.setData(np.asarray(quarters, dtype=float), np.asarray(actual, dtype=float))
        _fill(self.table, [[quarter_label(q, lang), "—", fmt_units(a), "—", self.tr("no fit")]
                           for q, a in zip(quarters, actual)])
        self.plot.enableAutoRange()


class PhaseView(QTableWidget):
    """One row per phase: where its pace comes from (its own fit or the territory's), the pace and start with
    their 90 % intervals ('…': the interval reaches the search limit on that side), the RMSE of its own fit,
    and why it keeps the territory's values."""

    def __init__(self, parent=None):
        super().__init__(0, 8, parent)
        self.setObjectName("calibrationPhases")
        self.setHorizontalHeaderLabels([
            self.tr("phase"), self.tr("pace from"), self.tr("units per crew per month"), self.tr("90 % interval"),
            self.tr("start shift (months)"), self.tr("90 % interval"), self.tr("RMSE"), self.tr("note")])
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(20)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def show_result(self, cal) -> None:
        rows = []
        for r in cal.phases:
            ends = set(r.open_ends)
            pace_iv = "" if r.upcm_lo is None else (("…" if "pace low" in ends else f"{r.upcm_lo:.1f}") + " – "
                                                     + ("…" if "pace high" in ends else f"{r.upcm_hi:.1f}"))
            shift_iv = "" if r.shift_lo is None else (("…" if "start early" in ends else f"{r.shift_lo:+d}") + " – "
                                                       + ("…" if "start late" in ends else f"{r.shift_hi:+d}"))
            note = self._reason(r.reason) if r.reason else ""
            if r.open_ends:
                note = (note + " " if note else "") + self.tr("interval reaches the search limits")
            source = {"phase": self.tr("its own fit"), "start": self.tr("own start, territory pace")}
            rows.append([r.name, source.get(r.source, self.tr("territory")),
                         f"{r.units_per_crew_month:.1f}", pace_iv, f"{r.shift:+d}", shift_iv,
                         fmt_units(r.rmse) if r.rmse is not None else "", note])
        _fill(self, rows, numeric_from=2)
        for i, r in enumerate(cal.phases):
            if r.source in ("phase", "start"):
                for c in range(2):
                    f = self.item(i, c).font()
                    f.setBold(True)
                    self.item(i, c).setFont(f)
        self.resizeColumnsToContents()

    def _reason(self, reason: str) -> str:
        """The core's reason, in the interface language for the usual cases."""
        known = {
            "territory fit only": self.tr("territory fit only"),
            "no figures in its communes": self.tr("no figures in its communes"),
            "its figures do not bound its pace (its 90 % interval reaches both limits of the search)":
                self.tr("its figures do not bound its pace (its 90 % interval reaches both limits of the search)"),
            "its figures do not bound its pace: the territory's pace, its own start":
                self.tr("its figures do not bound its pace: the territory's pace, its own start"),
            "its communes are complete at every fitted quarter, so the figures cannot tell its pace":
                self.tr("its communes are complete at every fitted quarter, so the figures cannot tell its pace"),
            "its plan builds nothing in its communes up to the last fitted quarter":
                self.tr("its plan builds nothing in its communes up to the last fitted quarter"),
            "a single quarter cannot fix both its pace and its start":
                self.tr("a single quarter cannot fix both its pace and its start"),
        }
        if reason in known:
            return known[reason]
        prefix = "no eligible premises in its communes up to "
        if reason.startswith(prefix):
            return self.tr("no eligible premises in its communes up to {0}").format(reason[len(prefix):])
        return reason


class CommuneView(QWidget):
    """The communes furthest ahead of and behind the fitted plan at the last fitted quarter."""

    def __init__(self, parent=None):
        super().__init__(parent)
        headers = [self.tr("commune"), self.tr("INSEE code"), self.tr("actual"), self.tr("fitted plan"),
                   self.tr("difference")]
        self.ahead = _table(self, headers)
        self.ahead.setObjectName("calibrationAhead")
        self.behind = _table(self, headers)
        self.behind.setObjectName("calibrationBehind")
        self.title = QLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        row = QHBoxLayout()
        for label, table in ((self.tr("Furthest ahead of plan"), self.ahead),
                             (self.tr("Furthest behind plan"), self.behind)):
            col = QVBoxLayout()
            col.addWidget(QLabel(f"<b>{label}</b>", self))
            col.addWidget(table)
            row.addLayout(col)
        layout.addLayout(row)

    def show_result(self, cal) -> None:
        last = [lab for lab, h in zip(cal.labels, cal.held_out) if not h][-1]
        self.title.setText(self.tr("Actual minus fitted plan at {0}, communes whose figures count.").format(last))
        for table, rows in ((self.ahead, cal.ahead), (self.behind, cal.behind)):
            _fill(table, [[c["name"], c["code"], fmt_units(c["actual"]), fmt_units(c["plan"]),
                           fmt_signed(c["difference"])] for c in rows], numeric_from=2)
