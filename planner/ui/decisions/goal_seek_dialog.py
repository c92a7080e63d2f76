"""Goal seek dialog: target % by a date, vary crews/start/productivity/budget, territory or chosen communes."""
from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPushButton, QRadioButton, QVBoxLayout)

from planner.core.errors import Cancelled, PlannerError
from planner.core.decisions.targets import DEFAULT_TARGET_PCT, default_target_by
from planner.core.operations.goal_seek import GoalSeek
from planner.core.months import parse_month
from planner.core.simulation.scenario_commands import AddScenario
from planner.ui.decisions.goal_seek_reasons import reason_for
from planner.ui.common.plain_text import as_plain
from planner.ui.simulation.coverage_panel import MonthAxis
from planner.ui.common.errors import show_error
from planner.ui.common.workers import run_task
from planner.ui.common.task_dialog import TaskDialog
from planner.ui.common.plots import plot_widget
from planner.ui.common.figures import money


class GoalSeekDialog(TaskDialog):
    """Asks the question, runs `planner.core.decisions.goal_seek.goal_seek` in the background, shows the answer and curve."""

    def __init__(self, document, cache, parent=None):
        super().__init__(parent)
        self.setObjectName("goalSeekDialog")
        self.setWindowTitle(self.tr("Goal seek"))
        self.document = document
        self.cache = cache
        self.answer = None
        self.task = None
        project = document.project
        form = self._build_question(project)
        self.find_button = QPushButton(self.tr("&Find"), self)
        self.find_button.setDefault(True)
        self.apply_button = QPushButton(self.tr("&Apply as new scenario"), self)
        self.apply_button.setEnabled(False)
        self.apply_button.setToolTip(self.tr("Add the answer as a new scenario (undoable)"))
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.close)
        self.answer_label = QLabel(self)
        self.answer_label.setObjectName("goalSeekAnswer")
        self.answer_label.setWordWrap(True)
        self.answer_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._build_plot()
        buttons = QHBoxLayout()
        buttons.addWidget(self.find_button)
        buttons.addWidget(self.apply_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.answer_label)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.plot_note)
        self.find_button.clicked.connect(self.find)
        self.apply_button.clicked.connect(self.apply)
        self.vary.currentIndexChanged.connect(self._vary_changed)
        document.selectionChanged.connect(self._update_scope)
        self._update_scope()
        self._vary_changed()
        self.resize(520, 620)

    def _build_question(self, project) -> QFormLayout:
        """Target, month, what to vary, the coverage it is about and the phases that may change."""
        self.target = QDoubleSpinBox(self)
        self.target.setRange(0.1, 100.0)
        self.target.setValue(DEFAULT_TARGET_PCT)
        self.target.setSuffix(" %")
        self.by = QLineEdit(self)
        self.by.setToolTip(self.tr("Month by which the target must be met (YYYY-MM)"))
        self.by.setText(default_target_by(project.scenario.start))
        self.vary = QComboBox(self)
        self.vary.addItem(self.tr("fewest crews"), "crews")
        self.vary.addItem(self.tr("latest start"), "start")
        self.vary.addItem(self.tr("lowest productivity (units per crew per month)"), "productivity")
        self.vary.addItem(self.tr("lowest budget (€ per year)"), "budget")
        self.scope_territory = QRadioButton(self.tr("whole territory"), self)
        self.scope_communes = QRadioButton(self)
        self.scope_territory.setChecked(True)
        scope = QButtonGroup(self)
        scope.addButton(self.scope_territory)
        scope.addButton(self.scope_communes)
        self.phases = QListWidget(self)
        self.phases.setMaximumHeight(110)
        self.phases.setToolTip(self.tr("Phases whose crews or productivity may change (pool crews: the pool)"))
        for p in project.phases:
            item = QListWidgetItem(p.name)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.phases.addItem(item)
        form = QFormLayout()
        form.addRow(self.tr("Target coverage"), self.target)
        form.addRow(self.tr("By (end of month)"), self.by)
        form.addRow(self.tr("Find the"), self.vary)
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.scope_territory)
        scope_row.addWidget(self.scope_communes)
        form.addRow(self.tr("Coverage of"), scope_row)
        form.addRow(self.tr("Phases"), self.phases)
        return form

    def _build_plot(self) -> None:
        """The current scenario's curve, the answer's, and the target point."""
        self.axis = MonthAxis(0)
        self.plot = plot_widget(axisItems={"bottom": self.axis}, background="w")
        self.plot.setMinimumHeight(200)
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.setLabel("left", self.tr("eligible (%)"))
        self.plot.setYRange(0, 104, padding=0)
        self.base_curve = self.plot.plot([], [], pen=pg.mkPen("#9e9e9e", width=1.5, style=Qt.PenStyle.DashLine))
        self.answer_curve = self.plot.plot([], [], pen=pg.mkPen("#08519c", width=2.5))
        from planner.ui.simulation.as_built_view import TodayLine

        self.today = TodayLine(self.plot.getPlotItem(), absolute=True)
        self.target_point = pg.ScatterPlotItem(size=12, symbol="+", pen=pg.mkPen("#d62728", width=2))
        self.plot.addItem(self.target_point)
        self.plot_note = QLabel(self.tr("<span style='color:#9e9e9e'>╍</span> current scenario   "
                                        "<span style='color:#08519c'>━</span> with the answer   "
                                        "<span style='color:#d62728'>+</span> target"), self)

    def _vary_changed(self) -> None:
        self.phases.setEnabled(self.vary.currentData() not in ("start", "budget"))

    def _update_scope(self) -> None:
        n = len(self.document.selected_communes)
        self.scope_communes.setText(self.tr("selected communes ({0})").format(n))
        self.scope_communes.setEnabled(n > 0)
        if n == 0:
            self.scope_territory.setChecked(True)

    def operation(self) -> GoalSeek:
        """The GoalSeek the dialog asks (planner/core/operations/goal_seek.py, as `goal-seek` builds it)."""
        project = self.document.project
        communes = None
        if self.scope_communes.isChecked() and self.document.selected_communes:
            codes = project.communes.codes
            communes = [str(codes[r]) for r in sorted(self.document.selected_communes)]
        items = [self.phases.item(i) for i in range(self.phases.count())]
        ticked = [it.text() for it in items if it.checkState() == Qt.CheckState.Checked]
        vary = self.vary.currentData()
        phases = None if len(ticked) == len(items) or vary in ("start", "budget") else ticked
        return GoalSeek(target_pct=self.target.value(), by=self.by.text().strip(), vary=vary,
                        communes=communes, phases=phases)

    def find(self) -> None:
        """Run goal seek off the UI thread."""
        if self.task is not None or self.cache.assignment is None:
            return
        op = self.operation()
        if op.phases == []:
            show_error(self, PlannerError(self.tr("tick at least one phase")))
            return
        project = self.document.project
        assignment = self.cache.assignment
        self.answer = None
        self.apply_button.setEnabled(False)
        self.find_button.setEnabled(False)
        self.answer_label.setText(self.tr("Searching…"))

        def work(progress, cancel):
            return op.run(project, progress, cancel, assignment=assignment)

        self.task = run_task(self, work, self.tr("Goal seek"), self._done, self._failed)

    def _done(self, answer) -> None:
        self.task = None
        self.find_button.setEnabled(True)
        self.answer = answer
        what = self._what(answer.vary)
        show = money if answer.vary == "budget" else (lambda v: v)  # noqa: E731
        if not answer.feasible:
            self.answer_label.setStyleSheet("color: #b00020;")
            self.answer_label.setText(self.tr("<b>Impossible:</b> no value of {what} reaches {t:g} % by {by}. "
                                              "Why: {reason}").format(what=what, t=answer.target_pct, by=answer.by,
                                                                      reason=html.escape(reason_for(answer))))
            self._plot(None)
            return
        self.answer_label.setStyleSheet("")
        text = self.tr("<b>{what}: {value}</b> gives {cov:.1f} % by {by} (target {t:g} %).").format(
            what=what, value=show(answer.value), cov=answer.coverage, by=answer.by, t=answer.target_pct)
        if answer.below_value is not None:
            text += " " + self.tr("With {below}: {bcov:.1f} %.").format(below=show(answer.below_value),
                                                                       bcov=answer.below_coverage)
        if answer.crews is not None and not answer.crews.pool:
            text += " " + self.tr("That is {total:g} crews in all, at most {peak:g} at work in one month ({month}).") \
                .format(total=answer.crews.total, peak=answer.crews.peak, month=answer.crews.peak_month)
        self.answer_label.setText(text)
        self.apply_button.setEnabled(answer.scenario is not None)
        self._plot(answer)

    def _plot(self, answer) -> None:
        """The current scenario's curve and the answer's, both over what the target measures (the whole territory
        or the selected communes), and the target."""
        base = getattr(self.parent(), "coverage_ui", None)
        base_result = base.runner.result if base is not None else None
        if base_result is not None:
            self.base_curve.setData(parse_month(base_result.start) + np.arange(len(base_result.months)),
                                    self._scope_pct(base_result))
        self.today.set_result(answer.result if answer is not None and answer.result is not None else base_result)
        if self.operation().communes:
            self.plot.setLabel("left", self.tr("selected communes (%)"))
        else:
            self.plot.setLabel("left", self.tr("eligible (%)"))
        if answer is None or answer.result is None:
            self.answer_curve.setData([], [])
        else:
            r = answer.result
            self.answer_curve.setData(parse_month(r.start) + np.arange(len(r.months), dtype=float),
                                      self._scope_pct(r))
        if self.answer is not None:
            self.target_point.setData([parse_month(self.answer.by)], [self.answer.target_pct])

    def _scope_pct(self, r) -> np.ndarray:
        communes = self.operation().communes
        if not communes:
            return r.coverage_pct
        rows = [self.document.project.communes.index_of(c) for c in communes]
        units = r.commune_units[rows].sum()
        return r.commune_eligible[rows].sum(axis=0) * 100.0 / max(units, 1)

    def _failed(self, exc) -> None:
        self.task = None
        self.find_button.setEnabled(True)
        if isinstance(exc, Cancelled):
            self.answer_label.setText(self.tr("Cancelled."))
            return
        self.answer_label.setStyleSheet("color: #b00020;")
        self.answer_label.setText(as_plain(str(exc)))

    def _what(self, vary: str) -> str:
        return {"crews": self.tr("crews"), "start": self.tr("latest start"),
                "productivity": self.tr("units per crew per month"), "budget": self.tr("budget per year")}[vary]

    def scenario_name(self) -> str:
        """The new scenario's name in the interface language: '<base> – crews for 66 % by 2020-12'."""
        a = self.answer
        return self.tr("{base} – {what} for {pct:g} % by {by}").format(
            base=self.document.project.scenario.name, what=self._what(a.vary), pct=a.target_pct, by=a.by)

    def apply(self) -> None:
        """Add the answer's scenario to the project (one undo step) and make it active."""
        if self.answer is None or self.answer.scenario is None:
            return
        self.document.push(AddScenario(self.answer.scenario.copy(self.scenario_name())))
        self.apply_button.setEnabled(False)
        self.answer_label.setText(self.answer_label.text() + " " + self.tr("Added as scenario '{0}'.").format(
            html.escape(self.document.project.scenario.name)))
