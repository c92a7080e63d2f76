"""Planned versus actual: import actual figures (kept in the project: its as-built state), the as-built start of
the active scenario, plan − actual table, behind-plan communes on the map, calibration.

The plan compared with the actual figures is the scenario planned from nothing (without its as-built start):
from the as-of month on, the as-built plan equals the figures by construction."""
from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from planner.core.decisions.actuals import plan_vs_actual
from planner.core.decisions.calibration import calibrate
from planner.core.errors import Cancelled
from planner.core.months import parse_month
from planner.core.simulation.scenario_commands import AddScenario
from planner.ui.common.plain_text import as_plain
from planner.ui.simulation.coverage_panel import MonthAxis
from planner.ui.shell.i18n import current_language
from planner.ui.common.workers import run_task
from planner.ui.common.task_dialog import TaskDialog

BEHIND_BRUSH = QBrush(QColor("#f4a6a6"))
AHEAD_BRUSH = QBrush(QColor("#c7e9c0"))


def _fmt(v) -> str:
    return "" if v is None or (isinstance(v, float) and np.isnan(v)) else f"{v:,.0f}".replace(",", "\u202f")


class PlanVsActualPanel(QWidget):
    """Summary of the imported figures, and the plan − actual table per commune and quarter (territory first)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("planVsActualPanel")
        self.summary = QLabel(self.tr("No actual figures imported (Simulation ▸ Import actuals…)."), self)
        self.summary.setWordWrap(True)
        self.highlight = QCheckBox(self.tr("Highlight communes behind plan on the map"), self)
        self.highlight.setChecked(True)
        self.table = QTableWidget(self)
        self.table.setObjectName("planVsActualTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(20)
        self.table.setSortingEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.summary)
        layout.addWidget(self.highlight)
        layout.addWidget(self.table, 1)

    def fill(self, project, actuals, pva) -> None:
        """Territory row then communes with figures (most behind first): plan, actual and plan − actual."""
        labels = pva.labels
        headers = [self.tr("INSEE code"), self.tr("commune")]
        for lab in labels:
            headers += [self.tr("{0} plan").format(lab), self.tr("{0} actual").format(lab),
                        self.tr("{0} plan − actual").format(lab)]
        rows = [r for r in pva.behind] + [r for r in np.flatnonzero(actuals.has_commune()) if r not in pva.behind]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setRowCount(1 + len(rows))
        self.table.setHorizontalHeaderLabels(headers)
        bold = QFont(self.font())
        bold.setBold(True)
        total = [self.tr("total"), self.tr("territory (communes with figures)")]
        for j in range(len(labels)):
            p, a = pva.territory_plan[j], pva.territory_actual[j]
            total += [_fmt(p), _fmt(a), _fmt(p - a)]
        self._set_row(0, total, bold)
        codes, names = project.communes.codes, project.communes.names
        for i, r in enumerate(rows, start=1):
            cells = [str(codes[r]), str(names[r])]
            for j in range(len(labels)):
                cells += [_fmt(pva.plan[r, j]), _fmt(pva.actual[r, j]), _fmt(pva.diff[r, j])]
            self._set_row(i, cells)
            for j in range(len(labels)):
                d = pva.diff[r, j]
                if not np.isnan(d) and d != 0:
                    self.table.item(i, 4 + 3 * j).setBackground(BEHIND_BRUSH if d > 0 else AHEAD_BRUSH)
        self.table.resizeColumnsToContents()
        self.rows = rows

    def _set_row(self, r: int, cells: list[str], font: QFont | None = None) -> None:
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c >= 2:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if font is not None:
                item.setFont(font)
            self.table.setItem(r, c, item)


class CalibrationDialog(TaskDialog):
    """Fits the active scenario's pace (and optionally start) to the actuals; offers the projection as a scenario."""

    def __init__(self, document, cache, actuals, parent=None):
        super().__init__(parent)
        self.setObjectName("calibrationDialog")
        self.setWindowTitle(self.tr("Calibrate on actuals"))
        self.document = document
        self.cache = cache
        self.actuals = actuals
        self.calibration = None
        self.task = None
        self.fit_start = QCheckBox(self.tr("also fit the start month"), self)
        self.span = QSpinBox(self)
        self.span.setRange(1, 120)
        self.span.setValue(24)
        self.span.setSuffix(self.tr(" months either way"))
        self.span.setEnabled(False)
        self.fit_start.toggled.connect(self.span.setEnabled)
        form = QFormLayout()
        form.addRow(self.tr("Fit"), QLabel(self.tr("units per crew per month (one factor for every phase)"), self))
        form.addRow("", self.fit_start)
        form.addRow(self.tr("Start may move"), self.span)
        self.run_button = QPushButton(self.tr("&Fit"), self)
        self.run_button.setDefault(True)
        self.apply_button = QPushButton(self.tr("&Add projection as new scenario"), self)
        self.apply_button.setEnabled(False)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("calibrationResult")
        self.result_label.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("quarter"), self.tr("fitted"), self.tr("actual"),
                                              self.tr("error")])
        self.table.verticalHeader().hide()
        self.table.setMaximumHeight(150)
        self.axis = MonthAxis(0)
        self.plot = pg.PlotWidget(axisItems={"bottom": self.axis}, background="w")
        self.plot.setLabel("left", self.tr("eligible units"))
        self.plot.setToolTip(self.tr("Eligible units summed over the communes that have actual figures"))
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.setMinimumHeight(180)
        self.fitted_points = pg.ScatterPlotItem(size=10, symbol="s", brush=pg.mkBrush("#08519c"))
        self.actual_points = pg.ScatterPlotItem(size=10, symbol="o", brush=pg.mkBrush("#000000"))
        self.plot.addItem(self.fitted_points)
        self.plot.addItem(self.actual_points)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.apply_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.result_label)
        layout.addWidget(self.table)
        layout.addWidget(self.plot, 1)
        layout.addWidget(QLabel(self.tr("<span style='color:#08519c'>■</span> fitted   ● actual"), self))
        self.run_button.clicked.connect(self.fit)
        self.apply_button.clicked.connect(self.apply)
        self.resize(520, 560)

    def fit(self) -> None:
        if self.task is not None or self.cache.assignment is None:
            return
        project, assignment, actuals = self.document.project, self.cache.assignment, self.actuals
        fit_start, span = self.fit_start.isChecked(), self.span.value()
        self.run_button.setEnabled(False)
        self.apply_button.setEnabled(False)
        self.result_label.setText(self.tr("Fitting…"))

        def work(progress, cancel):
            return calibrate(project, actuals, assignment=assignment, fit_start=fit_start, start_span=span,
                             progress=progress, cancel=cancel)

        self.task = run_task(self, work, self.tr("Calibration"), self._done, self._failed)

    def _done(self, cal) -> None:
        self.task = None
        self.run_button.setEnabled(True)
        self.calibration = cal
        paces = sorted(set(round(v, 1) for v in cal.units_per_crew_month.values()))
        pace = f"{paces[0]:g}" if len(paces) == 1 else f"{paces[0]:g}–{paces[-1]:g}"
        self.result_label.setText(self.tr(
            "<b>Fitted pace: {pace} units per crew per month</b> (× {factor:.3f} the scenario's); start {start} "
            "({shift:+d} months); RMSE {rmse} units.").format(pace=pace, factor=cal.factor, start=cal.start,
                                                               shift=cal.start_shift, rmse=_fmt(cal.rmse)))
        warnings = []
        if len(cal.labels) < 2:
            warnings.append(self.tr("Only {0} quarter of figures falls within the simulated months: the fit is not "
                                    "meaningful (start the scenario earlier, or fit the start too).").format(
                len(cal.labels)))
        if not 0.05 <= cal.factor <= 20:
            warnings.append(self.tr("The fitted pace is implausible: the plan's phases, order or start probably do "
                                    "not match the actuals."))
        if warnings:
            self.result_label.setText(self.result_label.text() + "<br><span style='color:#b00020'>"
                                      + " ".join(warnings) + "</span>")
        self.table.setRowCount(len(cal.labels))
        for r, (lab, f, a, e) in enumerate(zip(cal.labels, cal.fitted, cal.actual, cal.error)):
            for c, text in enumerate([lab, _fmt(f), _fmt(a), f"{e:+,.0f}".replace(",", "\u202f")]):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        x = [parse_month(_quarter_month(lab)) for lab in cal.labels]
        self.fitted_points.setData(x, cal.fitted)
        self.actual_points.setData(x, cal.actual)
        self.apply_button.setEnabled(True)

    def _failed(self, exc) -> None:
        self.task = None
        self.run_button.setEnabled(True)
        self.result_label.setText(self.tr("Cancelled.") if isinstance(exc, Cancelled) else as_plain(str(exc)))

    def apply(self) -> None:
        if self.calibration is None:
            return
        self.document.push(AddScenario(self.calibration.scenario.copy()))
        self.apply_button.setEnabled(False)
        self.result_label.setText(self.result_label.text() + " " + self.tr("Added as scenario '{0}'.").format(
            html.escape(self.document.project.scenario.name)))


def _quarter_month(label: str) -> str:
    from planner.core.months import format_month, parse_quarter

    return format_month(parse_quarter(label))


class ActualsUI(QObject):
    """Imported actuals for a main window: the 'Plan vs actual' dock, points on the curves, map highlight."""

    def __init__(self, mw, coverage_ui):
        super().__init__(mw)
        self.mw = mw
        self.coverage_ui = coverage_ui
        self.document = mw.document
        self.actuals = None
        self.pva = None
        self.panel = PlanVsActualPanel()
        from planner.ui.decisions.as_built_box import AsBuiltBox

        self.box = AsBuiltBox(self.document, self.panel)
        self.panel.layout().insertWidget(0, self.box)
        self.dock = mw.add_dock(self.panel, self.tr("Plan vs actual"), Qt.BottomDockWidgetArea)
        mw.tabifyDockWidget(coverage_ui.table_dock, self.dock)
        self.panel.highlight.toggled.connect(lambda _on: self._apply_highlight())
        coverage_ui.runner.updated.connect(lambda _r: self.refresh())
        self.document.projectReplaced.connect(self.clear)
        self.calibration_dialog = None

    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.mw, self.tr("Import actual eligible premises"), "",
                                              self.tr("Tables (*.csv *.txt *.xlsx);;All files (*)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str):
        """Read `path` in the background; on success show the figures everywhere. Returns the Task."""
        from planner.io.actuals.reader import read_actuals

        communes = self.document.project.communes
        if communes is None:
            from planner.core.errors import PlannerError
            from planner.ui.common.errors import show_error

            show_error(self.mw, PlannerError(self.tr("open a project with communes first")))
            return None
        return self.mw.run_task(lambda progress, cancel: read_actuals(path, communes),
                                self.tr("Importing actuals"), self.set_actuals)

    def set_actuals(self, actuals) -> None:
        """Keep the figures in the project (an undoable edit: the plan then starts from them) and show them."""
        from planner.core.project.as_built import SetAsBuilt, snapshot_from_actuals, with_snapshot

        project = self.document.project
        snap = snapshot_from_actuals(actuals, project.communes)
        self.document.push(SetAsBuilt(with_snapshot(project.as_built, snap),
                                      self.tr("Import actual figures {0}").format(snap.source)))
        self.actuals = actuals
        self.dock.show()
        self.dock.raise_()
        self.refresh()

    def clear(self) -> None:
        self.actuals = None
        self.pva = None
        self.coverage_ui.panel.set_actuals(None)
        self.coverage_ui.map_colours.set_marked([])
        self.box.load()

    def _stored_actuals(self):
        """The project's commune figures (every snapshot merged) as an Actuals table, or None."""
        from planner.core.decisions.actuals import Actuals

        project = self.document.project
        ab = project.as_built
        table = ab.commune_table(project.communes) if ab is not None and project.communes is not None else None
        if table is None:
            return None
        return Actuals([int(q) for q in table.quarters], table.values, source=", ".join(table.sources))

    def _planned_from_nothing(self, result):
        """The active scenario simulated without its as-built start (what was planned), or `result` itself."""
        if getattr(result, "as_built", None) is None or self.coverage_ui.runner.cache.assignment is None:
            return result
        from planner.core.simulation.coverage import simulate

        sc = self.document.project.scenario.copy()
        sc.use_as_built = False
        return simulate(self.document.project, self.coverage_ui.runner.cache.assignment, scenario=sc)

    def refresh(self) -> None:
        """Recompute plan − actual against the latest simulation and redraw table, points and map."""
        result = self.coverage_ui.runner.result
        self.box.set_result(result)
        self.actuals = self._stored_actuals()
        if self.actuals is None or result is None:
            if self.actuals is None:
                self.clear()
            return
        project = self.document.project
        self.pva = plan_vs_actual(self._planned_from_nothing(result), self.actuals, current_language())
        totals = self.actuals.totals()
        parts = [f"{lab}: {_fmt(v)}" for lab, v in zip(self.actuals.quarter_labels(current_language()), totals)]
        text = self.tr("Actual eligible premises, {n} communes with figures — {totals}.").format(
            n=int(self.actuals.has_commune().sum()), totals=" → ".join(parts))
        if self.actuals.unmatched:
            text += " " + self.tr("{n} codes match no commune of the project: {codes}").format(
                n=len(self.actuals.unmatched), codes=", ".join(self.actuals.unmatched[:8]))
        text += " " + self.tr("{n} communes behind plan at their latest figure.").format(n=len(self.pva.behind))
        self.panel.summary.setText(text)
        self.panel.fill(project, self.actuals, self.pva)
        start = parse_month(result.start)
        x = np.asarray(self.actuals.quarters) - start
        units = max(int(result.units), 1)
        territory_pct = totals * 100.0 / units
        with np.errstate(invalid="ignore", divide="ignore"):
            commune_pct = self.actuals.values * 100.0 / np.where(result.commune_units > 0,
                                                                 result.commune_units, np.nan)[:, None]
        self.coverage_ui.panel.set_actuals((x, territory_pct, commune_pct))
        self._apply_highlight()

    def _apply_highlight(self) -> None:
        rows = self.pva.behind if (self.pva is not None and self.panel.highlight.isChecked()) else []
        self.coverage_ui.map_colours.set_marked(rows)

    def open_calibration(self):
        from planner.core.errors import PlannerError
        from planner.ui.common.errors import show_error

        if self.actuals is None:
            show_error(self.mw, PlannerError(self.tr("import actual figures first (Simulation ▸ Import actuals…)")))
            return None
        self.calibration_dialog = CalibrationDialog(self.document, self.coverage_ui.runner.cache, self.actuals,
                                                    self.mw)
        self.calibration_dialog.show()
        return self.calibration_dialog
