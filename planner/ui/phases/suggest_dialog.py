"""Phases ▸ Suggest…: ask for a phasing, compute it in the background, show it beside the current plan, apply it as
one undoable edit. The dialog only builds a `SuggestPhases` operation (planner/core/operations/suggest.py), as the
`suggest` subcommand does."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout)

from planner.core.errors import Cancelled
from planner.core.months import parse_month
from planner.core.operations.suggest import SuggestPhases
from planner.ui.common.plain_text import as_plain
from planner.ui.common.task_dialog import TaskDialog
from planner.ui.common.workers import run_task
from planner.ui.simulation.coverage_panel import MonthAxis
from planner.ui.common.plots import plot_widget


def _spin(parent, lo, hi, value, step=1, suffix="", special=None):
    box = QSpinBox(parent)
    box.setRange(lo, hi)
    box.setSingleStep(step)
    box.setValue(value)
    if suffix:
        box.setSuffix(suffix)
    if special:
        box.setSpecialValueText(special)
    return box


class SuggestDialog(TaskDialog):
    """The question (phase count, balance, constraints, crew pool, target), the answer and its comparison."""

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.setObjectName("suggestDialog")
        self.setWindowTitle(self.tr("Suggest phases"))
        self.document = document
        self.result = None
        self._build_form()
        self._build_answer()
        self.resize(640, 760)

    # --- the question ---------------------------------------------------------------------------
    def _build_form(self) -> None:
        project = self.document.project
        self.n_phases = _spin(self, 1, 500, max(2, min(14, len(project.phases) or 8)))
        self.group = QComboBox(self)
        self.group.addItem(self.tr("communes of the plan"), "communes")
        self.group.addItem(self.tr("current phases (e.g. PM zones), grouped"), "phases")
        self.scope_selected = QCheckBox(self)
        self.balance = QComboBox(self)
        self.balance.addItem(self.tr("build time (units × effort)"), "time")
        self.balance.addItem(self.tr("units"), "units")
        self.keep = QComboBox(self)
        self.keep.addItem(self.tr("(none)"), None)
        for name in (project.communes.layer.fields if project.communes is not None else []):
            self.keep.addItem(name, name)
        self.start = QLineEdit(self)
        self.start.setPlaceholderText(self.tr("INSEE code, e.g. the NRO's commune"))
        self.min_units = _spin(self, 0, 10_000_000, 0, 500, special=self.tr("no minimum"))
        self.max_units = _spin(self, 0, 10_000_000, 0, 500, special=self.tr("no maximum"))
        self.pool = QDoubleSpinBox(self)
        self.pool.setRange(0, 1000)
        self.pool.setDecimals(1)
        self.pool.setSpecialValueText(self.tr("each phase's own crews"))
        self.pool.setValue(14)
        self.crews = QDoubleSpinBox(self)
        self.crews.setRange(0.5, 100)
        self.crews.setDecimals(1)
        self.crews.setValue(2.0)
        self.crews.setToolTip(self.tr("Crews of each suggested phase; with a pool, the most it takes from the pool"))
        self.target_on = QCheckBox(self.tr("search phase counts to reach"), self)
        self.target = QDoubleSpinBox(self)
        self.target.setRange(1, 100)
        self.target.setValue(66)
        self.target.setSuffix(" %")
        self.by = QLineEdit(self)
        start = parse_month(project.scenario.start)
        self.by.setText(f"{(start + 35) // 12:04d}-12")
        self.by.setToolTip(self.tr("Month by which the target should be reached (YYYY-MM)"))
        self.seed = _spin(self, 0, 10_000, 0)
        target_row = QHBoxLayout()
        for w in (self.target_on, self.target, QLabel(self.tr("by"), self), self.by):
            target_row.addWidget(w)
        form = QFormLayout()
        form.addRow(self.tr("Phases"), self.n_phases)
        form.addRow(self.tr("Cut"), self.group)
        form.addRow("", self.scope_selected)
        form.addRow(self.tr("Balance"), self.balance)
        form.addRow(self.tr("Keep whole"), self.keep)
        form.addRow(self.tr("Start from"), self.start)
        form.addRow(self.tr("Smallest phase (units)"), self.min_units)
        form.addRow(self.tr("Largest phase (units)"), self.max_units)
        form.addRow(self.tr("Crew pool"), self.pool)
        form.addRow(self.tr("Crews per phase"), self.crews)
        form.addRow(self.tr("Target"), target_row)
        form.addRow(self.tr("Seed"), self.seed)
        self.form = form
        n = len(self.document.selected_communes)
        self.scope_selected.setText(self.tr("only the selected communes ({0})").format(n))
        self.scope_selected.setEnabled(n > 0)

    def operation(self) -> SuggestPhases:
        """The SuggestPhases operation the dialog currently describes."""
        project = self.document.project
        communes = None
        if self.scope_selected.isChecked() and self.document.selected_communes:
            codes = project.communes.codes
            communes = [str(codes[r]) for r in sorted(self.document.selected_communes)]
        target = self.target_on.isChecked()
        return SuggestPhases(n_phases=self.n_phases.value(), communes=communes, balance=self.balance.currentData(),
                             keep_field=self.keep.currentData(), start=self.start.text().strip() or None,
                             min_units=self.min_units.value() or None, max_units=self.max_units.value() or None,
                             seed=self.seed.value(), pool=self.pool.value() or None, crews=self.crews.value(),
                             target_pct=self.target.value() if target else None,
                             by=self.by.text().strip() if target else None, group=self.group.currentData())

    # --- the answer -----------------------------------------------------------------------------
    def _build_answer(self) -> None:
        self.suggest_button = QPushButton(self.tr("&Suggest"), self)
        self.suggest_button.setDefault(True)
        self.apply_button = QPushButton(self.tr("&Apply (replaces the phases; undoable)"), self)
        self.apply_button.setEnabled(False)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.close)
        self.summary = QLabel(self)
        self.summary.setObjectName("suggestSummary")
        self.summary.setTextFormat(Qt.PlainText)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Phase"), self.tr("Units"), self.tr("Communes")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.axis = MonthAxis(0)
        self.plot = plot_widget(axisItems={"bottom": self.axis}, background="w")
        self.plot.setMinimumHeight(180)
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.setLabel("left", self.tr("eligible (%)"))
        self.plot.setYRange(0, 104, padding=0)
        self.current_curve = self.plot.plot([], [], pen=pg.mkPen("#9e9e9e", width=1.5, style=Qt.PenStyle.DashLine))
        self.suggested_curve = self.plot.plot([], [], pen=pg.mkPen("#08519c", width=2.5))
        self.plot_note = QLabel(self.tr("grey dashes: the current plan · blue: the suggestion (same crews)"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.suggest_button)
        buttons.addWidget(self.apply_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.plot_note)
        self.suggest_button.clicked.connect(self.suggest)
        self.apply_button.clicked.connect(self.apply)

    def suggest(self) -> None:
        """Compute the suggestion off the UI thread, on a snapshot of the project."""
        if self.task is not None:
            return
        op = self.operation()
        snapshot = self.document.project.snapshot()
        self.result = None
        self.apply_button.setEnabled(False)
        self.suggest_button.setEnabled(False)
        self.summary.setText(self.tr("Suggesting…"))
        self.task = run_task(self, lambda progress, cancel: op.run(snapshot, progress, cancel),
                             self.tr("Suggest phases"), self._done, self._failed)

    def _done(self, result) -> None:
        self.task = None
        self.suggest_button.setEnabled(True)
        self.result = result
        self.summary.setText(self._summary(result))
        self.table.setRowCount(len(result.plan.phases))
        for i, (ph, units) in enumerate(zip(result.plan.phases, result.plan.units)):
            for j, text in enumerate((ph.name, f"{units:,}".replace(",", " "), str(len(ph.communes) or "—"))):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if j:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, item)
        for curve, score in ((self.current_curve, result.current), (self.suggested_curve, result.score)):
            if score is None:
                curve.setData([], [])
            else:
                x = parse_month(score.months[0]) + np.arange(len(score.months), dtype=float)
                curve.setData(x, np.asarray(score.coverage_pct))
        self.apply_button.setEnabled(True)

    def _summary(self, result) -> str:
        never = self.tr("not reached")
        lines = [self.tr("{n} phases; the heaviest holds {x:.2f} × the mean work.").format(
            n=len(result.plan.phases), x=result.plan.imbalance)]
        for what, score in ((self.tr("Suggested plan"), result.score), (self.tr("Current plan"), result.current)):
            if score is not None:
                m = score.milestones
                lines.append(self.tr("{what}: 50 % {a} · 66 % {b} · 100 % {c}; last phase ends {d}").format(
                    what=what, a=m.get(50) or never, b=m.get(66) or never, c=m.get(100) or never,
                    d=score.end or self.tr("after the horizon")))
        if result.target_pct is not None and result.score is not None:
            lines.append(self.tr("{t:g} % reached in {m} (wanted by {by}).").format(
                t=result.target_pct, m=result.score.target_month or never, by=result.by))
        return "\n".join(lines + result.plan.warnings)

    def _failed(self, exc) -> None:
        self.task = None
        self.suggest_button.setEnabled(True)
        self.summary.setText(self.tr("Cancelled.") if isinstance(exc, Cancelled) else as_plain(str(exc)))

    def apply(self) -> None:
        """Put the suggested phases in place of the current ones (one undo step); the scenario is unchanged."""
        if self.result is None:
            return
        self.document.push(self.result.command)
        self.apply_button.setEnabled(False)
        self.summary.setText(self.summary.text() + "\n" + self.tr("Applied: Edit ▸ Undo brings the previous phases back."))
