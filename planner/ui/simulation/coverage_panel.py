"""The coverage plot: territory % eligible / marketable / connected over time, phases, selected commune, targets.

Also shows a vertical line at the document's current month (drag it to move the time slider), P10/P50/P90
bands when an uncertainty run is available, actual figures as points, and the exact values under the mouse.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from planner.core.months import format_month, parse_month, quarter_label
from planner.core.simulation.palette import STATE_COLOURS
from planner.ui.common.figures import number
from planner.ui.common.plots import plot_widget
from planner.ui.simulation.as_built_view import HISTORY_COLOUR, TODAY_COLOUR, HistoryCurve, TodayLine
from planner.ui.simulation.plot_labels import TARGET_CANDIDATES, VERTICAL_CANDIDATES, LabelPlacer

DEFAULT_TARGETS = (50.0, 66.0, 100.0)
#: at most this many per-phase curves are drawn (the phases with the most units); more would clutter and slow
MAX_PHASE_CURVES = 24
#: the territory's eligible, marketable and connected curves, in the premise states' colours (one palette)
SERIES_COLORS = {k: STATE_COLOURS[k] for k in ("eligible", "marketable", "connected")}
_PCT = {"eligible": "coverage_pct", "marketable": "marketable_pct", "connected": "connected_pct"}


def territory_pct(result, key: str) -> np.ndarray:
    """Territory % of units eligible / marketable / connected per month."""
    return np.asarray(getattr(result, _PCT[key]), dtype=float)


def communes_pct(result, rows) -> np.ndarray:
    """% of the units of communes `rows` (taken together) eligible per month (zeros when they have no units)."""
    units = float(np.asarray(result.commune_units)[rows].sum())
    eligible = np.asarray(result.commune_eligible)[rows].sum(axis=0)
    return eligible * (100.0 / units) if units > 0 else np.zeros(len(result.months))


def phase_pct_series(result, project) -> list[tuple[str, str, np.ndarray]]:
    """(name, colour, % of the territory's units) of each phase's eligible units per month."""
    scale = 100.0 / result.units if result.units > 0 else 0.0
    colors = {p.id: p.color for p in project.phases}
    return [(name, colors.get(pid, "#777777"), np.asarray(result.phase_eligible[i], dtype=float) * scale)
            for i, (name, pid) in enumerate(zip(result.phase_names, result.phase_ids))]


class MonthAxis(pg.AxisItem):
    """Bottom axis whose values are month indices from `start` (absolute month number) shown as dates."""

    def __init__(self, start: int = 0, **kw):
        super().__init__("bottom", **kw)
        self.start = start

    def tickValues(self, minVal, maxVal, size):
        span = max(1.0, maxVal - minVal)
        step = next((s for s in (1, 3, 6, 12, 24, 60, 120) if span / s <= max(2.0, size / 70.0)), 240)
        first = int(np.ceil((minVal + self.start) / step) * step) - self.start
        major = list(range(first, int(maxVal) + 1, step))
        minor_step = 3 if step >= 12 else 1
        first_minor = int(np.ceil((minVal + self.start) / minor_step) * minor_step) - self.start
        minor = [v for v in range(first_minor, int(maxVal) + 1, minor_step) if v not in major]
        return [(step, major), (minor_step, minor)]

    def tickStrings(self, values, scale, spacing):
        out = []
        for v in values:
            n = int(round(v)) + self.start
            out.append(str(n // 12) if spacing >= 12 and n % 12 == 0 else format_month(n))
        return out


class CoveragePanel(QWidget):
    """Coverage curves of the active scenario; call `set_result(result)` after each simulation run."""

    #: the targets were edited (argument: list of %)
    targetsChanged = Signal(list)

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("coveragePanel")
        self.document = document
        self.result = None
        self.targets: list[float] = list(DEFAULT_TARGETS)
        self.bands = None  # (p10, p50, p90) coverage % arrays
        self.actuals = None  # (month indices, territory %, commune matrix % or None)

        self._build_plot()
        top = self._build_controls()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.status_label)
        layout.addWidget(self.legend_label)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.hover_label)

        # straight to the slot (mouse moves are already compressed by Qt): a pg.SignalProxy has no Qt parent and
        # kept the closed window's panel alive through a reference cycle
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)
        document.monthChanged.connect(self._document_month)
        document.selectionChanged.connect(self.refresh_commune)

    def _build_plot(self) -> None:
        """The plot: P10–P90 bands, the three territory curves, the selected communes, actual points, the month
        line (drag it to move the slider) and the hover line."""
        self.axis = MonthAxis()
        self.plot = plot_widget(axisItems={"bottom": self.axis}, background="w")
        self.plot.setObjectName("coveragePlot")
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.setLabel("left", self.tr("premises (%)"))
        self.plot.setYRange(0, 104, padding=0)
        self.plot.setMouseEnabled(x=True, y=False)
        self.plot.setMinimumHeight(120)  # the curves keep room for themselves and their labels in a short dock
        item = self.plot.getPlotItem()

        def pen(color, width=2, style=Qt.PenStyle.SolidLine):
            return pg.mkPen(QColor(color), width=width, style=style)

        eligible = QColor(SERIES_COLORS["eligible"])  # the P10–P90 band of the eligible curve, in its colour
        self.band_low = pg.PlotDataItem(pen=pg.mkPen(QColor(eligible.red(), eligible.green(), eligible.blue(), 120)))
        self.band_high = pg.PlotDataItem(pen=pg.mkPen(QColor(eligible.red(), eligible.green(), eligible.blue(), 120)))
        self.band_fill = pg.FillBetweenItem(self.band_low, self.band_high,
                                            brush=pg.mkBrush(eligible.red(), eligible.green(), eligible.blue(), 70))
        self.band_median = pg.PlotDataItem(pen=pen(SERIES_COLORS["eligible"], 1, Qt.PenStyle.DashLine))
        for it in (self.band_fill, self.band_low, self.band_high, self.band_median):
            it.setVisible(False)
            item.addItem(it)
        self.curves: dict[str, pg.PlotDataItem] = {}
        for key, color in SERIES_COLORS.items():
            self.curves[key] = self.plot.plot([], [], pen=pen(color, 2.5 if key == "eligible" else 1.6))
        self.commune_curve = self.plot.plot([], [], pen=pen("#c51b8a", 2, Qt.PenStyle.DashLine))
        self.phase_curves: list[pg.PlotDataItem] = []
        self.actual_points = pg.ScatterPlotItem(size=9, brush=pg.mkBrush("#000000"), symbol="o")
        self.commune_actual_points = pg.ScatterPlotItem(size=8, brush=pg.mkBrush("#c51b8a"), symbol="t")
        item.addItem(self.actual_points)
        item.addItem(self.commune_actual_points)
        self.target_lines: list[pg.InfiniteLine] = []
        self.month_line = pg.InfiniteLine(angle=90, movable=True, pen=pen("#444444", 1.5))
        self.month_line.setZValue(50)
        self.month_line.sigPositionChanged.connect(self._month_line_dragged)
        item.addItem(self.month_line)
        self.today = TodayLine(item, place_label=False)  # placed with the target labels (self.labels)
        self.labels = LabelPlacer(item)  # target and 'today' labels never overlap
        self.history = HistoryCurve(item)
        self.hover_line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(150, 150, 150, 120, width=1))
        self.hover_line.setVisible(False)
        item.addItem(self.hover_line, ignoreBounds=True)

    def _build_controls(self) -> QHBoxLayout:
        """The legend row, hover and error labels, and the targets / phases controls (returned as a row)."""
        self.legend_label = QLabel(self)
        self.legend_label.setObjectName("coverageLegendRow")
        self.legend_label.setWordWrap(True)
        self._update_legend_row()
        self.hover_label = QLabel(self)
        self.hover_label.setObjectName("coverageHover")
        self.hover_label.setWordWrap(True)
        self.hover_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.PlainText)  # names from data, as typed
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet("color: #b00020;")
        self.status_label.hide()
        self.targets_edit = QLineEdit(self)
        self.targets_edit.setToolTip(self.tr("Target coverage lines in %, separated by commas"))
        self.targets_edit.setText(", ".join(f"{t:g}" for t in self.targets))
        self.targets_edit.setMaximumWidth(130)
        self.targets_edit.editingFinished.connect(self._targets_edited)
        self.show_phases = QCheckBox(self.tr("Phases"), self)
        self.show_phases.setToolTip(self.tr("Show each phase's contribution to territory coverage"))
        self.show_phases.setChecked(True)
        self.show_phases.toggled.connect(lambda on: [c.setVisible(on) for c in self.phase_curves])

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(QLabel(self.tr("Targets (%):"), self))
        top.addWidget(self.targets_edit)
        top.addWidget(self.show_phases)
        top.addStretch(1)
        return top

    def _update_legend_row(self) -> None:
        """A one-line HTML legend above the plot (keeps the plot area free for curves and target labels)."""
        entries = [(SERIES_COLORS["eligible"], "━", self.tr("eligible")),
                   (SERIES_COLORS["marketable"], "━", self.tr("marketable")),
                   (SERIES_COLORS["connected"], "━", self.tr("connected")),
                   ("#777777", "┈", self.tr("phases")),
                   ("#c51b8a", "╍", self._selection_name())]
        if self.bands is not None:
            entries.append((SERIES_COLORS["eligible"], "▇", self.tr("P10–P90")))
        if self.actuals is not None:
            entries.append(("#000000", "●", self.tr("actual")))
        if self.result is not None and getattr(self.result, "as_built", None) is not None:
            entries.append((HISTORY_COLOUR, "▬", self.tr("built (actual)")))
        if self.today.value is not None:
            entries.append((TODAY_COLOUR, "┆", self.tr("today")))
        self.legend_label.setText("&nbsp; ".join(  # entries wrap between one another, never inside
            f"<span style='color:{c}'>{sym}</span>&nbsp;{text}" for c, sym, text in entries))

    def _selection_name(self) -> str:
        rows = sorted(self.document.selected_communes)
        communes = self.document.project.communes
        if not rows or communes is None or rows[-1] >= len(communes):
            return self.tr("selected commune")
        if len(rows) == 1:
            return self.tr("selected commune ({0})").format(communes.names[rows[0]])
        return self.tr("{0} selected communes").format(len(rows))

    # --- data ----------------------------------------------------------------------------------
    def set_result(self, result) -> None:
        """Plot a SimulationResult (None clears the plot)."""
        self.result = result
        self.today.set_result(result)
        self.history.set_result(result)
        if result is None:
            for c in self.curves.values():
                c.setData([], [])
            self._set_phase_curves([])
            self.refresh_commune()
            self._refresh_targets()
            return
        self.status_label.hide()
        x = np.arange(len(result.months), dtype=float)
        self.axis.start = parse_month(result.start)
        self.axis.picture = None
        self.axis.update()
        for key in self.curves:
            self.curves[key].setData(x, territory_pct(result, key))
        series = phase_pct_series(result, self.document.project)
        if len(series) > MAX_PHASE_CURVES:
            keep = sorted(np.argsort(-np.asarray(result.phase_units))[:MAX_PHASE_CURVES])
            series = [series[i] for i in keep]
            self.show_phases.setToolTip(self.tr("Showing the {0} largest of {1} phases").format(
                MAX_PHASE_CURVES, len(result.phase_names)))
        self._set_phase_curves(series)
        self._fit_x_range()
        self.refresh_commune()
        self._refresh_targets()
        self._refresh_bands()
        self._refresh_actuals()
        self._document_month(self.document.month)

    def show_error(self, message: str) -> None:
        self.status_label.setText(self.tr("Simulation failed: {0}").format(message))
        self.status_label.show()

    def _set_phase_curves(self, series: list[tuple[str, str, np.ndarray]]) -> None:
        item = self.plot.getPlotItem()
        while len(self.phase_curves) > len(series):
            c = self.phase_curves.pop()
            item.removeItem(c)
        while len(self.phase_curves) < len(series):
            c = pg.PlotDataItem()
            c.setZValue(-5)
            item.addItem(c)
            self.phase_curves.append(c)
        for curve, (name, color, pct) in zip(self.phase_curves, series):
            curve.setPen(pg.mkPen(QColor(color), width=1, style=Qt.PenStyle.DotLine))
            curve.setData(np.arange(len(pct), dtype=float), pct)
            curve.opts["name"] = name
            curve.setVisible(self.show_phases.isChecked())

    def refresh_commune(self) -> None:
        """Draw the coverage of the selected communes (together) or hide the commune curve."""
        rows = sorted(self.document.selected_communes)
        self._update_legend_row()
        if self.result is None or not rows:
            self.commune_curve.setData([], [])
            self.commune_actual_points.setData([], [])
            return
        pct = communes_pct(self.result, rows)
        self.commune_curve.setData(np.arange(len(pct), dtype=float), pct)
        self._refresh_actuals()

    # --- targets -------------------------------------------------------------------------------
    def set_targets(self, targets) -> None:
        self.targets = sorted({float(t) for t in targets if 0 < float(t) <= 100})
        self.targets_edit.setText(", ".join(f"{t:g}" for t in self.targets))
        self._refresh_targets()
        self.targetsChanged.emit(list(self.targets))

    def _targets_edited(self) -> None:
        values = []
        for part in self.targets_edit.text().replace(";", ",").split(","):
            try:
                values.append(float(part.strip().rstrip("%")))
            except ValueError:
                continue
        self.set_targets(values)

    def target_months(self) -> dict[float, str | None]:
        """The month ('YYYY-MM') each target is reached by the eligible curve, None when never."""
        if self.result is None:
            return {t: None for t in self.targets}
        pct = territory_pct(self.result, "eligible")
        start = parse_month(self.result.start)
        out = {}
        for t in self.targets:
            real = self._reached_in_actuals(t)
            if real is not None:  # passed by the real figures: their month (possibly before the run's start)
                out[t] = format_month(real)
                continue
            hit = np.flatnonzero(pct >= t - 1e-9)
            out[t] = format_month(start + int(hit[0])) if len(hit) else None
        return out

    def _reached_in_actuals(self, pct: float) -> int | None:
        """Absolute month the real figures first reached `pct` %, None when they did not (or no as-built start)."""
        ab = getattr(self.result, "as_built", None) if self.result is not None else None
        if ab is None or ab.state is None:
            return None
        m = ab.state.milestone_reached(pct)
        return m if m >= 0 else None

    def target_text(self, t: float, month: str | None) -> str:
        """'66 % — T3 2022, actual' for a target the real figures passed, '66 % — 2024-03' for a planned one."""
        if month is None:
            return f"{t:g} % — " + self.tr("not reached")
        if self._reached_in_actuals(t) is not None:
            from planner.ui.shell.i18n import current_language

            return f"{t:g} % — {quarter_label(parse_month(month), current_language())}, " + self.tr("actual")
        return f"{t:g} % — {month}"

    def _refresh_targets(self) -> None:
        item = self.plot.getPlotItem()
        months = self.target_months()
        if len(self.target_lines) != len(months):
            for line in self.target_lines:
                item.removeItem(line)
            self.target_lines = []
            for _ in months:
                line = pg.InfiniteLine(pos=0, angle=0, movable=False,
                                       pen=pg.mkPen("#888888", width=1, style=Qt.PenStyle.DashLine),
                                       label="", labelOpts={"position": 0.98, "color": "#333333",
                                                            "anchors": [(1, 0), (1, 0)]})
                line.label.setFont(QFont(self.font().family(), 8))
                item.addItem(line)
                self.target_lines.append(line)
        for line, (t, month) in zip(self.target_lines, months.items()):
            text = self.target_text(t, month)
            line.setValue(t)
            if line.label.toPlainText() != text:
                line.label.setText(text)
        self._place_labels()

    def _place_labels(self) -> None:
        """Targets from the top down, then 'today' where it overlaps none of them."""
        targets = sorted(self.target_lines, key=lambda line: -line.value())
        self.labels.set_labels([(line.label, TARGET_CANDIDATES, False) for line in targets]
                               + [(self.today.line.label, VERTICAL_CANDIDATES, True)])

    # --- uncertainty and actuals ---------------------------------------------------------------
    def set_bands(self, bands) -> None:
        """Show P10/P50/P90 coverage % bands: a (p10, p50, p90) triple of arrays, or None to hide."""
        self.bands = bands
        self._refresh_bands()
        self._update_legend_row()

    def _refresh_bands(self) -> None:
        on = self.bands is not None
        for it in (self.band_fill, self.band_low, self.band_high, self.band_median):
            it.setVisible(on)
        if on:
            p10, p50, p90 = (np.asarray(b, dtype=float) for b in self.bands)
            x = np.arange(len(p10), dtype=float)
            self.band_low.setData(x, p10)
            self.band_high.setData(x, p90)
            self.band_median.setData(x, p50)

    def _fit_x_range(self) -> None:
        """Show the simulated months, and earlier actual figures too when there are some."""
        if self.result is None:
            return
        first = 0.0
        if self.actuals is not None and len(self.actuals[0]):
            first = min(0.0, float(np.min(self.actuals[0])) - 1)
        self.plot.setXRange(first, max(1, len(self.result.months) - 1), padding=0.01)

    def set_actuals(self, actuals) -> None:
        """Show actual figures: (month indices, territory %, per-commune % matrix C×Q or None), or None."""
        self.actuals = actuals
        self._refresh_actuals()
        self._update_legend_row()
        self._fit_x_range()

    def _refresh_actuals(self) -> None:
        if self.actuals is None:
            self.actual_points.setData([], [])
            self.commune_actual_points.setData([], [])
            return
        x, territory, communes = self.actuals
        self.actual_points.setData(np.asarray(x, float), np.asarray(territory, float))
        rows = sorted(self.document.selected_communes)
        if communes is not None and rows:
            self.commune_actual_points.setData(np.asarray(x, float), np.nanmean(communes[rows], axis=0))
        else:
            self.commune_actual_points.setData([], [])

    # --- month and hover -----------------------------------------------------------------------
    def _document_month(self, month: int) -> None:
        self.month_line.blockSignals(True)
        self.month_line.setValue(month)
        self.month_line.blockSignals(False)

    def _month_line_dragged(self) -> None:
        if self.result is None:
            return
        month = int(round(self.month_line.value()))
        month = max(0, min(len(self.result.months) - 1, month))
        self.document.set_month(month)

    def _mouse_moved(self, pos) -> None:
        if self.result is None or not self.plot.sceneBoundingRect().contains(pos):
            return
        x = self.plot.getPlotItem().vb.mapSceneToView(pos).x()
        self.show_values_at(int(round(x)))

    def show_values_at(self, month: int) -> str:
        """Show (and return) the exact values of the curves at month index `month`."""
        if self.result is None:
            return ""
        n = len(self.result.months)
        if not 0 <= month < n:
            self.hover_line.setVisible(False)
            return ""
        self.hover_line.setValue(month)
        self.hover_line.setVisible(True)
        start = parse_month(self.result.start)
        parts = [f"<b>{format_month(start + month)}</b>"]
        names = {"eligible": self.tr("eligible"), "marketable": self.tr("marketable"),
                 "connected": self.tr("connected")}
        for key in self.curves:
            units = getattr(self.result, key)[month]
            pct = territory_pct(self.result, key)[month]
            parts.append(f"<span style='color:{SERIES_COLORS[key]}'>{names[key]} {pct:.1f} % "
                         f"({number(int(units))} {self.tr('units')})</span>")
        rows = sorted(self.document.selected_communes)
        if rows:
            pct = communes_pct(self.result, rows)[month]
            parts.append(f"<span style='color:#c51b8a'>{self.tr('commune')} {pct:.1f} %</span>")
        if self.bands is not None:
            p10, p50, p90 = (np.asarray(b)[month] for b in self.bands)
            parts.append(f"P10–P90 {p10:.1f}–{p90:.1f} %")
        text = " · ".join(parts)
        self.hover_label.setText(text)
        return text
