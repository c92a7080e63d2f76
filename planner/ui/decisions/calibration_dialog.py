"""Simulation ▸ Calibrate on actuals: the options of the `Calibrate` operation, then diagnostics first, the fit per
quarter, the interval, the per-phase table, the communes ahead/behind, "Add as scenario" / "Use as uncertainty"."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QProgressBar, QPushButton, QRadioButton, QSpinBox, QTabWidget,
                               QVBoxLayout)

from planner.core.decisions.calibration import CalibrationError
from planner.core.decisions.calibration_report import effort_classes
from planner.core.errors import Cancelled
from planner.core.operations.calibrate import Calibrate
from planner.core.simulation.scenario_commands import AddScenario, SetScenarioParam
from planner.ui.common.task_dialog import TaskDialog
from planner.ui.common.workers import run_task
from planner.ui.decisions.calibration_views import CommuneView, FitView, PhaseView, fmt_units
from planner.ui.shell.i18n import current_language
from planner.ui.decisions.calibration_words import say
from planner.ui.common.figures import decimal

WARN_STYLE = "QLabel { background: #fde0dd; color: #67000d; border: 1px solid #fa9fb5; padding: 4px; }"
NOTE_STYLE = "QLabel { background: #fff7bc; color: #662506; border: 1px solid #fec44f; padding: 4px; }"


class CalibrationDialog(TaskDialog):
    """Fits the active scenario's pace (and start) to the imported actuals through the Calibrate operation."""

    def __init__(self, document, cache, actuals, parent=None):
        """`actuals`: the figures (Actuals), or a callable giving the project's current ones at each fit."""
        super().__init__(parent)
        self.setObjectName("calibrationDialog")
        self.setWindowTitle(self.tr("Calibrate on actuals"))
        self.document, self.cache = document, cache
        self._actuals_source = actuals if callable(actuals) else None
        self.actuals = actuals() if callable(actuals) else actuals
        self.calibration = None
        self.added_scenario = None
        self.task = None
        layout = QVBoxLayout(self)
        layout.addWidget(self._options_box())
        buttons = QHBoxLayout()
        self.run_button = QPushButton(self.tr("&Fit"), self)
        self.run_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.add_button = QPushButton(self.tr("&Add as scenario"), self)
        self.add_button.setToolTip(self.tr("Add the calibrated projection as a new scenario and make it active"))
        self.uncertainty_button = QPushButton(self.tr("Use as &uncertainty"), self)
        self.uncertainty_button.setToolTip(self.tr(
            "The 90 % interval becomes the calibrated scenario's productivity distribution for uncertainty runs"))
        for b in (self.run_button, self.cancel_button, self.add_button, self.uncertainty_button):
            buttons.addWidget(b)
        self.progress = QProgressBar(self)  # shown while a fit runs: the stage and how far it is
        self.progress.setObjectName("calibrationProgress")
        self.progress.setRange(0, 1000)
        self.progress.hide()
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.diagnostics = QLabel(self)
        self.diagnostics.setObjectName("calibrationDiagnostics")
        self.diagnostics.setWordWrap(True)
        self.diagnostics.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.diagnostics.hide()
        layout.addWidget(self.diagnostics)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("calibrationResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result_label)
        self.tabs = QTabWidget(self)
        self.fit_view, self.phase_view, self.commune_view = FitView(self), PhaseView(self), CommuneView(self)
        self.tabs.addTab(self.fit_view, self.tr("Fit per quarter"))
        self.tabs.addTab(self.phase_view, self.tr("Phases"))
        self.tabs.addTab(self.commune_view, self.tr("Communes ahead / behind"))
        layout.addWidget(self.tabs, 1)
        self.table = self.fit_view.table
        self.run_button.clicked.connect(self.fit)
        self.add_button.clicked.connect(self.apply)
        self.uncertainty_button.clicked.connect(self.use_as_uncertainty)
        self._set_answer_buttons(False)
        self.resize(900, 800)

    def _options_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("What to fit"), self)
        form = QFormLayout(box)
        self.territory = QRadioButton(self.tr("one pace for the territory (a factor on every phase's pace)"), box)
        self.per_phase = QRadioButton(self.tr("per phase: phases with figures get their own pace"), box)
        self.territory.setChecked(True)
        form.addRow(self.tr("Pace"), self.territory)
        form.addRow("", self.per_phase)
        self.fit_start = QCheckBox(self.tr("also fit the start month"), box)
        self.span = QSpinBox(box)
        self.span.setRange(1, 240)
        self.span.setValue(24)
        self.span.setPrefix(self.tr("first try ± "))
        self.span.setSuffix(self.tr(" months (widened if needed)"))
        self.span.setEnabled(False)
        self.fit_start.toggled.connect(self.span.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.fit_start)
        row.addWidget(self.span)
        row.addStretch(1)
        form.addRow(self.tr("Start"), row)
        self.holdout = QSpinBox(box)
        self.holdout.setRange(0, max(0, len(self.actuals.quarters) - 1))
        self.holdout.setSuffix(self.tr(" last quarters held out"))
        self.holdout.setSpecialValueText(self.tr("none (fit on every quarter)"))
        self.holdout.setToolTip(self.tr("Backtest: fit on the earlier quarters, measure the error on these"))
        form.addRow(self.tr("Backtest"), self.holdout)
        self.communes = QLineEdit(box)
        self.communes.setPlaceholderText(self.tr("all communes with figures (or INSEE codes, comma-separated)"))
        selected = QPushButton(self.tr("Selected communes"), box)
        selected.setToolTip(self.tr("Use the communes selected on the map"))
        selected.clicked.connect(self._use_selected)
        row = QHBoxLayout()
        row.addWidget(self.communes, 1)
        row.addWidget(selected)
        form.addRow(self.tr("Communes"), row)
        self.phases = QListWidget(box)
        self.phases.setMaximumHeight(90)
        self.phases.setToolTip(self.tr("Tick phases to use only their communes' figures (none ticked: all)"))
        for ph in self.document.project.phases:
            item = QListWidgetItem(ph.name, self.phases)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, ph.id)
        form.addRow(self.tr("Phases"), self.phases)
        return box

    def _use_selected(self) -> None:
        codes = self.document.project.communes.codes
        self.communes.setText(",".join(str(codes[r]) for r in sorted(self.document.selected_communes)))

    def operation(self) -> Calibrate:
        """The Calibrate operation the options describe (the command line builds the same one)."""
        phases = [str(self.phases.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.phases.count())
                  if self.phases.item(i).checkState() == Qt.CheckState.Checked]
        communes = [c.strip() for c in self.communes.text().split(",") if c.strip()]
        return Calibrate(actuals=self.actuals, scenario=self.document.project.scenario.name,
                         fit_start=self.fit_start.isChecked(), per_phase=self.per_phase.isChecked(),
                         holdout=self.holdout.value(), communes=communes, phases=phases,
                         start_span=self.span.value(), lang=current_language())

    def fit(self) -> None:
        if self.task is not None or self.cache.assignment is None:
            return
        if self._actuals_source is not None:
            self.actuals = self._actuals_source() or self.actuals
        op, project, assignment = self.operation(), self.document.project.snapshot(), self.cache.assignment
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self._set_answer_buttons(False)
        self.result_label.setText(self.tr("Fitting…"))
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Fitting…") + " %p %")
        self.progress.show()

        def work(progress, cancel):
            return op.run(project, progress, cancel, assignment=assignment)

        self.task = run_task(self, work, self.tr("Calibration"), self._done, self._failed)
        self.task.thread.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)

    def _progressed(self, fraction: float, message: str) -> None:
        """The running fit's stage and fraction (reports of an older, cancelled fit are ignored)."""
        if self.task is None or self.sender() is not self.task.thread:
            return
        stages = {"fitting the territory": self.tr("fitting the territory"),
                  "interval of the territory fit": self.tr("interval of the territory fit"),
                  "fitting the phases": self.tr("fitting the phases"),
                  "intervals of the phases": self.tr("intervals of the phases"),
                  "projecting": self.tr("projecting the calibrated scenario"), "calibrated": self.tr("done")}
        self.progress.setFormat(stages.get(message, self.tr("Fitting…")) + " — %p %")
        self.progress.setValue(max(self.progress.value(), int(max(0.0, min(1.0, fraction)) * 1000)))

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.progress.setFormat(self.tr("Cancelling…"))

    def _set_answer_buttons(self, on: bool) -> None:
        self.add_button.setEnabled(on)
        has_interval = self.calibration is not None and self.calibration.uncertainty_spec() is not None
        self.uncertainty_button.setEnabled(on and has_interval)
        if on and not has_interval:
            self.uncertainty_button.setToolTip(self.tr("No interval to use: the fit has as many values as quarters, "
                                                       "or reproduces the figures exactly"))

    def _show_diagnostics(self, lines: list[str], error: bool) -> None:
        self.diagnostics.setVisible(bool(lines))
        self.diagnostics.setStyleSheet(WARN_STYLE if error else NOTE_STYLE)
        self.diagnostics.setText("<br>".join(_escape(t) for t in lines))

    def _done(self, cal) -> None:
        self.task = None
        self.progress.hide()
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.calibration = cal
        self.added_scenario = None
        self._show_diagnostics([say(w) for w in cal.warnings], error=cal.degenerate is not None)
        self.result_label.setText(self._summary(cal))
        self.fit_view.show_result(cal, current_language())
        self.phase_view.show_result(cal)
        self.commune_view.show_result(cal)
        self._set_answer_buttons(cal.degenerate is None)

    def _summary(self, cal) -> str:
        t = cal.territory
        paces = sorted({round(r.units_per_crew_month, 1) for r in cal.phases if r.source == "territory"})
        pace = decimal(f"{paces[0]:g}" if len(paces) == 1 else (f"{paces[0]:g}–{paces[-1]:g}" if paces else ""))
        text = self.tr("<b>Territory pace: {pace} units per crew per month</b> (× {factor} the scenario's); "
                       "start {start} ({shift:+d} months).").format(pace=pace, factor=decimal(f"{t.factor:.3g}"),
                                                                   start=cal.start, shift=t.shift)
        if t.factor_lo is not None:
            text += "<br>" + self.tr("90 % interval (profile likelihood): × {lo} to × {hi}").format(
                lo=decimal(f"{t.factor_lo:.3g}"), hi=decimal(f"{t.factor_hi:.3g}"))
            if cal.fit_start and t.shift_lo is not None:
                text += self.tr("; start shift {lo:+d} to {hi:+d} months").format(lo=t.shift_lo, hi=t.shift_hi)
        else:
            text += "<br>" + self.tr("No interval: as many fitted values as quarters.")
        efforts = effort_classes(cal)
        if efforts:
            text += "<br>" + self.tr("Paces count units of build effort 1 (a crew builds 1/effort as many units of a "
                                     "density class: {classes}).").format(
                classes=", ".join(f"{_escape(name)} × {decimal(f'{1 / e:.2g}')}" for name, e in efforts))
        text += "<br>" + self.tr("RMSE {rmse} units on the fitted quarters").format(rmse=fmt_units(cal.rmse))
        if cal.holdout_rmse is not None:
            text += self.tr(", <b>{rmse} units on the held-out quarters</b>").format(rmse=fmt_units(cal.holdout_rmse))
        if cal.per_phase:
            n = sum(r.source == "phase" for r in cal.phases)
            m = sum(r.source == "start" for r in cal.phases)
            text += "<br>" + self.tr("Phases with their own pace: {n} of {total}; with their own start at the "
                                     "territory's pace: {m} (see Phases).").format(n=n, total=len(cal.phases), m=m)
        return text

    def _failed(self, exc) -> None:
        self.task = None
        self.progress.hide()
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.calibration = None
        self.fit_view.clear()
        self.phase_view.setRowCount(0)
        if isinstance(exc, Cancelled):
            self.result_label.setText(self.tr("Cancelled."))
            self._show_diagnostics([], False)
            return
        self.result_label.setText(self.tr("No answer: the figures cannot decide (see above).")
                                  if isinstance(exc, CalibrationError) else "")
        if getattr(exc, "quarters", None):
            self.fit_view.show_actuals(exc.quarters, exc.actual, current_language())
        self._show_diagnostics([say(exc)], error=True)

    def scenario_name(self) -> str:
        """The calibrated scenario's name in the interface language: '<base> – calibrated' (core names it in
        English for the command line)."""
        base = (self.calibration.options or {}).get("scenario") or self.document.project.scenario.name
        return self.tr("{0} – calibrated").format(base)

    def apply(self) -> None:
        """Add the calibrated projection as a new, active scenario (undoable)."""
        if self.calibration is None or self.calibration.degenerate:
            return
        self.added_scenario = self.calibration.scenario.copy(self.scenario_name())
        self.document.push(AddScenario(self.added_scenario))
        self.add_button.setEnabled(False)
        self.result_label.setText(self.result_label.text() + "<br>" + self.tr("Added as scenario '{0}'.").format(
            _escape(self.added_scenario.name)))

    def use_as_uncertainty(self) -> None:
        """The interval becomes the calibrated scenario's productivity distribution (added first if needed)."""
        if self.calibration is None or self.calibration.degenerate:
            return
        spec = self.calibration.uncertainty_spec()
        if spec is None:
            return
        project = self.document.project
        index = next((i for i, s in enumerate(project.scenarios) if s is self.added_scenario), None)
        if index is None:
            self.added_scenario = self.calibration.scenario.copy(self.scenario_name())
            self.added_scenario.uncertainty = spec
            self.document.push(AddScenario(self.added_scenario))
        else:
            self.document.push(SetScenarioParam(project, index, "uncertainty", spec))
        self.add_button.setEnabled(False)
        self.uncertainty_button.setEnabled(False)
        self.result_label.setText(self.result_label.text() + "<br>" + self.tr(
            "Scenario '{0}' now draws its productivity from the interval (Simulation ▸ Uncertainty).").format(
            _escape(self.added_scenario.name)))


def _escape(text: str) -> str:
    """Names and messages from data inside the dialog's rich-text labels: shown as typed, never as markup."""
    return html.escape(str(text), quote=False)
