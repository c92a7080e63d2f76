"""Planned versus actual: import actual figures (kept in the project: its as-built state), the as-built start of
the active scenario, plan − actual table, behind-plan communes on the map; opens the calibration dialog
(planner/ui/decisions/calibration_dialog.py).

The plan compared with the actual figures is the scenario planned from nothing (without its as-built start):
from the as-of month on, the as-built plan equals the figures by construction."""
from __future__ import annotations

import datetime as _dt
import os
import weakref

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QFileDialog, QInputDialog, QLabel, QMessageBox,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from planner.core.decisions.actuals import plan_vs_actual
from planner.core.months import parse_month
from planner.ui.common.figures import number_or_blank
from planner.ui.common.plain_text import as_plain
from planner.ui.shell.i18n import current_language
from planner.ui.common.window_part import WindowPart

BEHIND_BRUSH = QBrush(QColor("#f4a6a6"))
AHEAD_BRUSH = QBrush(QColor("#c7e9c0"))


def _fmt(v) -> str:
    return number_or_blank(v)


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


class ActualsUI(WindowPart):
    """Imported actuals for a main window: the 'Plan vs actual' dock, points on the curves, map highlight."""

    @property
    def coverage_ui(self):
        return self._coverage_ui()

    def __init__(self, mw, coverage_ui):
        super().__init__(mw)
        self._coverage_ui = weakref.ref(coverage_ui)  # the coverage UI holds us: no cycle back
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
        path, _ = QFileDialog.getOpenFileName(
            self.mw, self.tr("Import actual eligible premises"), "",
            self.tr("Tables and commune layers (*.csv *.txt *.xlsx *.zip *.dbf *.shp);;All files (*)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str, date: int | None = None):
        """Read `path` in the background (the window's progress bar, with Cancel); on success keep and show the
        figures and the import summary. A snapshot with no date anywhere asks for its month, then reads again
        with it (`date`, an absolute month). Returns the Task."""
        from planner.core.errors import PlannerError
        from planner.io.actuals.reader import SnapshotDateNeeded, read_actuals
        from planner.ui.common.errors import show_error

        communes = self.document.project.communes
        if communes is None:
            show_error(self.mw, PlannerError(self.tr("open a project with communes first")))
            return None

        def failed(exc) -> None:
            if isinstance(exc, SnapshotDateNeeded):
                month = self.ask_snapshot_month(path)
                if month is not None:
                    self.import_file(path, date=month)
                return
            show_error(self.mw, exc, self.tr("The actual figures were not imported."))

        def work(progress, cancel):
            return read_actuals(path, communes, date=date, progress=progress, cancel=cancel)

        return self.mw.run_task(work, self.tr("Importing actuals from {0}").format(os.path.basename(path)),
                                self._imported, failed)

    def ask_snapshot_month(self, path: str) -> int | None:
        """The month a snapshot's figures are from, asked (the file has no date column and its name holds none);
        None when the user cancels."""
        from planner.ui.common.month_text import expected_format, parse_month_text

        question = self.tr("{file} holds one snapshot of figures, without a date column, and its name gives no "
                           "date.\n\nWhich month are these figures from? ({format})").format(
            file=os.path.basename(path), format=expected_format())
        text = _dt.date.today().strftime("%Y-%m")
        while True:
            text, ok = QInputDialog.getText(self.mw, self.tr("Date of the snapshot"), question, text=text)
            if not ok:
                self.mw.statusBar().showMessage(self.tr("Actual figures not imported: no date given."), 8000)
                return None
            try:
                return parse_month_text(text)
            except ValueError as exc:
                question = f"{exc}\n\n" + question.split("\n\n", 1)[-1]

    def _imported(self, actuals) -> None:
        """Keep the figures, then say what was read (quarters, totals, skipped rows, unmatched codes)."""
        self.set_actuals(actuals)
        lines = actuals.summary_lines(current_language())
        self.mw.statusBar().showMessage(lines[0] if lines else "", 15000)
        QMessageBox.information(self.mw, self.tr("Actual figures imported"),
                                as_plain("\n".join([str(actuals.source)] + lines)))

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
        from planner.ui.decisions.calibration_dialog import CalibrationDialog

        self.calibration_dialog = CalibrationDialog(self.document, self.coverage_ui.runner.cache,
                                                    self._stored_actuals, self.mw)
        self.calibration_dialog.show()
        return self.calibration_dialog
