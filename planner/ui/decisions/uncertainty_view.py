"""Uncertainty dialog: distribution settings per scenario, N seeded runs in the background, bands and odds."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QProgressBar, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from planner.core.errors import Cancelled, PlannerError
from planner.core.months import parse_month
from planner.core.simulation.scenario_commands import SetScenarioParam
from planner.core.simulation.coverage import inputs_from
from planner.core.decisions.targets import DEFAULT_TARGET_PCT, default_target_by
from planner.core.decisions.uncertainty import DEFAULT_SPEC, run_ensemble
from planner.ui.common.errors import show_error
from planner.ui.common.workers import run_task
from planner.ui.common.task_dialog import TaskDialog
from planner.ui.common.figures import money

KINDS = [QT_TRANSLATE_NOOP("DistributionEditor", "none"), QT_TRANSLATE_NOOP("DistributionEditor", "triangular"),
         QT_TRANSLATE_NOOP("DistributionEditor", "uniform"), QT_TRANSLATE_NOOP("DistributionEditor", "normal")]


class DistributionEditor(QWidget):
    """One uncertain parameter: distribution kind and its low/high (or standard deviation)."""

    def __init__(self, unit: str, low: float, high: float, scale: float = 1.0, parent=None):
        super().__init__(parent)
        self.scale = scale
        self.kind = QComboBox(self)
        for k in KINDS:
            self.kind.addItem(self.tr(k), k)
        self.low = QDoubleSpinBox(self)
        self.high = QDoubleSpinBox(self)
        for box, v in ((self.low, low), (self.high, high)):
            box.setRange(-99.0, 600.0)
            box.setSuffix(unit)
            box.setValue(v)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.kind)
        lay.addWidget(self.low)
        lay.addWidget(self.high)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.low.setEnabled(kind in ("triangular", "uniform", "normal"))
        self.high.setEnabled(kind in ("triangular", "uniform"))
        self.low.setToolTip(self.tr("standard deviation") if kind == "normal" else self.tr("lowest value"))

    def set_spec(self, dist) -> None:
        if not dist:
            self.kind.setCurrentIndex(0)
            return
        kind = str(dist[0]).lower()
        self.kind.setCurrentIndex(max(0, KINDS.index(kind) if kind in KINDS else 0))
        args = [float(a) / self.scale for a in dist[1:]]
        if kind == "normal" and args:
            self.low.setValue(args[0])
        elif len(args) >= 2:
            self.low.setValue(args[0])
            self.high.setValue(args[-1])

    def spec(self):
        kind = self.kind.currentData()
        if kind == "none":
            return None
        if kind == "normal":
            return ["normal", self.low.value() * self.scale]
        return [kind, self.low.value() * self.scale, self.high.value() * self.scale]


class UncertaintyDialog(TaskDialog):
    """Runs an ensemble of the active scenario and shows P10/P50/P90 bands on the coverage panel."""

    def __init__(self, document, cache, coverage_panel, parent=None):
        super().__init__(parent)
        self.setObjectName("uncertaintyDialog")
        self.setWindowTitle(self.tr("Uncertainty"))
        self.document = document
        self.cache = cache
        self.panel = coverage_panel
        self.ensemble = None
        self.task = None
        dist_box = self._build_distributions()
        form = self._build_run_form()
        self.run_button = QPushButton(self.tr("&Run"), self)
        self.run_button.setDefault(True)
        self.run_button.setToolTip(self.tr("Run the ensemble in the background"))
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setEnabled(False)
        self.hide_button = QPushButton(self.tr("Hide bands"), self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.summary = QLabel(self)
        self.summary.setObjectName("uncertaintySummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(3, 3, self)
        self.table.setHorizontalHeaderLabels(["P10", "P50", "P90"])
        self.table.setVerticalHeaderLabels(["50 %", "66 %", "100 %"])
        self.table.setMaximumHeight(120)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.hide_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(dist_box)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self.run_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.hide_button.clicked.connect(lambda: self.panel.set_bands(None))
        document.changed.connect(self._project_changed)
        self.load()

    def _build_distributions(self) -> QGroupBox:
        """Productivity, study duration and start delay distributions (saved in the scenario)."""
        self.productivity = DistributionEditor(" %", -20.0, 20.0, scale=0.01, parent=self)
        self.study = DistributionEditor(self.tr(" months"), -1.0, 2.0, parent=self)
        self.delay = DistributionEditor(self.tr(" months"), 0.0, 6.0, parent=self)
        self.cost = DistributionEditor(" %", -10.0, 30.0, scale=0.01, parent=self)
        self.cost.setToolTip(self.tr("Cost per unit, relative: P10/P50/P90 of the plan's total cost (with a budget, "
                                     "dearer units also slow the build)"))
        dist_box = QGroupBox(self.tr("Distributions (saved in the scenario)"), self)
        dform = QFormLayout(dist_box)
        dform.addRow(self.tr("Productivity"), self.productivity)
        dform.addRow(self.tr("Study duration"), self.study)
        dform.addRow(self.tr("Start delay"), self.delay)
        dform.addRow(self.tr("Cost per unit"), self.cost)
        self.calibrated = QLabel(self)
        self.calibrated.setObjectName("calibratedProductivity")
        self.calibrated.setWordWrap(True)
        self.calibrated.hide()
        dform.addRow(self.calibrated)
        return dist_box

    def _build_run_form(self) -> QFormLayout:
        """Runs, seed and the target (% by a month)."""
        self.runs = QSpinBox(self)
        self.runs.setRange(1, 100000)
        self.runs.setValue(1000)
        self.seed = QSpinBox(self)
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(1)
        self.target_pct = QDoubleSpinBox(self)
        self.target_pct.setRange(0.1, 100.0)
        self.target_pct.setValue(DEFAULT_TARGET_PCT)
        self.target_pct.setSuffix(" %")
        self.target_by = QLineEdit(self)
        self.target_by.setToolTip(self.tr("Month of the target (YYYY-MM)"))
        form = QFormLayout()
        form.addRow(self.tr("Runs"), self.runs)
        form.addRow(self.tr("Seed"), self.seed)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_pct)
        target_row.addWidget(QLabel(self.tr("by"), self))
        target_row.addWidget(self.target_by)
        form.addRow(self.tr("Target"), target_row)
        return form

    def load(self) -> None:
        """Show the active scenario's distributions (the default is productivity ±20 %)."""
        s = self.document.project.scenario
        spec = dict(s.uncertainty or DEFAULT_SPEC)
        self.productivity.set_spec(spec.get("productivity"))
        self.study.set_spec(spec.get("study_months"))
        self.delay.set_spec(spec.get("start_delay"))
        self.cost.set_spec(spec.get("cost"))
        calibrated = [k for k in ("productivity_shared", "productivity_phases") if k in spec]
        self.calibrated.setVisible(bool(calibrated))
        if calibrated:
            shared = spec.get("productivity_shared")
            text = self.tr("Productivity also drawn from the calibration's interval (kept):")
            if shared:
                text += " " + self.tr("territory triangular {lo:+.0%} … {hi:+.0%}").format(lo=shared[1], hi=shared[-1])
            if spec.get("productivity_phases"):
                text += " " + self.tr("and {n} phases with their own fit").format(n=len(spec["productivity_phases"]))
            self.calibrated.setText(text)
        if not self.target_by.text():
            self.target_by.setText(default_target_by(s.start))
            self._offered = (self.target_pct.value(), self.target_by.text())

    def follow_target(self, pct: float, by: str) -> None:
        """Ask about goal seek's target (pct, 'YYYY-MM') unless the user typed another one here."""
        if (self.target_pct.value(), self.target_by.text()) == getattr(self, "_offered", None):
            self.target_pct.setValue(float(pct))
            self.target_by.setText(str(by))
            self._offered = (self.target_pct.value(), self.target_by.text())

    def spec(self) -> dict:
        """The edited distributions, plus those the dialog does not edit (a calibration's productivity draws)."""
        saved = self.document.project.scenario.uncertainty or {}
        out = {k: v for k, v in saved.items() if k not in ("productivity", "study_months", "start_delay", "cost")}
        for key, editor in (("productivity", self.productivity), ("study_months", self.study),
                            ("start_delay", self.delay), ("cost", self.cost)):
            d = editor.spec()
            if d is not None:
                out[key] = d
        return out

    def start(self) -> None:
        """Save the distributions in the scenario (undoable) and run the ensemble in a worker thread."""
        if self.task is not None:
            return
        project = self.document.project
        spec = self.spec()
        if not spec:
            show_error(self, PlannerError(self.tr("choose at least one uncertain parameter")))
            return
        try:
            target = (self.target_pct.value(), self.target_by.text().strip())
            parse_month(target[1])
        except ValueError as exc:
            show_error(self, PlannerError(str(exc)))
            return
        if spec != (project.scenario.uncertainty or {}):
            self.document.push(SetScenarioParam(project, project.active_scenario, "uncertainty", spec))
        if self.cache.assignment is None:
            return
        try:
            inp = inputs_from(project, self.cache.assignment, project.scenario)
        except PlannerError as exc:
            show_error(self, exc)
            return
        runs, seed = self.runs.value(), self.seed.value()
        self.progress.setValue(0)
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.summary.setText(self.tr("Running {0} runs…").format(runs))

        def work(progress, cancel):
            return run_ensemble(inp, spec, runs=runs, seed=seed, target=target, progress=progress, cancel=cancel)

        self.task = run_task(self, work, self.tr("Uncertainty"), self._done, self._failed)
        self.task.thread.progressed.connect(lambda f, _m: self.progress.setValue(int(f * 1000)))

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _finish(self) -> None:
        self.task = None
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _done(self, ens) -> None:
        self._finish()
        self.ensemble = ens
        self.progress.setValue(1000)
        self.panel.set_bands((ens.p10, ens.p50, ens.p90))
        never = self.tr("not reached")
        for r, m in enumerate((50, 66, 100)):
            for c, v in enumerate(ens.milestone_ranges.get(m, (None, None, None))):
                self.table.setItem(r, c, QTableWidgetItem(v or never))
        self.summary.setText(self.summary_text(ens))

    def summary_text(self, ens) -> str:
        """Runs, seed and the probability of the target, saying why when no run (or every run) meets it."""
        pct, by = ens.target
        text = self.tr("{runs} runs, seed {seed}. Probability of {pct:g} % eligible by {by}: <b>{p:.0%}</b>").format(
            runs=ens.runs, seed=ens.seed, pct=pct, by=by, p=ens.probability)
        if ens.target_range is not None:
            worst, best = ens.target_range
            if ens.probability == 0:
                text += "<br>" + self.tr("No run reaches {pct:g} % by {by}: the best of the {runs} runs is at "
                                         "{best:.1f} % then.").format(pct=pct, by=by, runs=ens.runs, best=best)
            elif ens.probability == 1:
                text += "<br>" + self.tr("Every run reaches {pct:g} % by {by}: the worst is at {worst:.1f} % then."
                                         ).format(pct=pct, by=by, worst=worst)
        if ens.cost_bands:
            text += "<br>" + self.tr("Total cost: P10 {0}, P50 {1}, P90 {2}").format(
                *(money(v) for v in ens.cost_bands))
        return text

    def _failed(self, exc) -> None:
        self._finish()
        if isinstance(exc, Cancelled):
            self.summary.setText(self.tr("Cancelled."))
            return
        self.summary.setText(str(exc))
        show_error(self, exc)

    def _project_changed(self, command) -> None:
        if self.ensemble is not None:
            self.panel.set_bands(None)
            self.ensemble = None
            self.summary.setText(self.tr("The project changed: run again to update the bands."))
        self.load()
