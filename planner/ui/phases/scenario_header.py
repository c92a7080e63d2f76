"""The scenario header above the phase table: which scenario the table shows, when the programme starts and ends,
and the take-up it assumes — the answer to "when does the programme start?" where the phases are.

The scenario chooser activates a scenario (undoable, as the Scenarios panel's Activate); start and horizon edit
the active scenario (undoable SetScenarioParam). The rest (marketing delay, take-up) is summarised with a
button to the Scenarios panel, where every parameter is edited.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QToolButton, QVBoxLayout, QWidget

from planner.core.errors import PlannerError
from planner.core.months import format_month, parse_month
from planner.core.simulation.scenario_commands import SetActiveScenario, SetScenarioParam
from planner.ui.common.flow_layout import FlowLayout, fixed
from planner.ui.common.month_text import expected_format, parse_month_text


class ScenarioHeader(QWidget):
    """Active scenario, start, horizon (editable) and a one-line summary of its other parameters."""

    #: the user asked for every parameter of the scenario (the Scenarios panel)
    detailsRequested = Signal()
    #: an edit was refused; argument: the message
    message = Signal(str)

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("scenarioHeader")
        self.document = document
        self._loading = False
        self.scenario_combo = QComboBox(self)
        self.scenario_combo.setObjectName("headerScenario")
        self.scenario_combo.setToolTip(self.tr("The scenario the phase table, map and curves show (choosing one "
                                               "activates it)"))
        self.start = QLineEdit(self)
        self.start.setObjectName("headerStart")
        self.start.setToolTip(self.tr("First month of the programme in this scenario ({0})").format(expected_format()))
        self.horizon = QSpinBox(self)
        self.horizon.setObjectName("headerHorizon")
        self.horizon.setRange(1, 600)
        self.horizon.setSuffix(self.tr(" months"))
        self.horizon.setToolTip(self.tr("How many months the scenario simulates"))
        self.end = QLabel(self)
        self.end.setObjectName("headerEnd")
        self.details = QToolButton(self)
        self.details.setText(self.tr("All parameters…"))
        self.details.setToolTip(self.tr("Every parameter of the scenario, and the other scenarios (Scenarios panel)"))
        self.summary = QLabel(self)
        self.summary.setObjectName("headerSummary")
        self.summary.setTextFormat(Qt.PlainText)  # scenario names as typed
        self.summary.setWordWrap(True)
        self.start.setMaximumWidth(self.start.fontMetrics().horizontalAdvance("0000-00000") + 12)
        self.start.setMinimumWidth(self.start.maximumWidth())
        self.scenario_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.scenario_combo.setMinimumContentsLength(12)
        first = QHBoxLayout()
        first.setContentsMargins(0, 0, 0, 0)
        first.addWidget(QLabel(self.tr("Scenario:"), self))
        first.addWidget(self.scenario_combo, 1)
        first.addWidget(self.details)
        second = FlowLayout(spacing=8)  # start, horizon and end wrap onto two rows in a narrow dock
        for label, field in ((self.tr("Start:"), self.start), (self.tr("Horizon:"), self.horizon), (None, self.end)):
            pair = QWidget(self)
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            if label is not None:
                row.addWidget(QLabel(label, pair))
            row.addWidget(field)
            second.addWidget(fixed(pair))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.summary)
        self.scenario_combo.activated.connect(self._activate)
        self.start.editingFinished.connect(self._start_edited)
        self.horizon.editingFinished.connect(self._horizon_edited)
        self.details.clicked.connect(self.detailsRequested)
        document.changed.connect(lambda _command: self.load())
        document.projectReplaced.connect(self.load)
        self.load()

    def load(self) -> None:
        project = self.document.project
        s = project.scenario
        self._loading = True
        try:
            names = [x.name for x in project.scenarios]
            if names != [self.scenario_combo.itemText(i) for i in range(self.scenario_combo.count())]:
                self.scenario_combo.clear()
                self.scenario_combo.addItems(names)
            self.scenario_combo.setCurrentIndex(project.active_scenario)
            if not self.start.isModified():  # not while the user is typing a start
                self.start.setText(s.start)
            self.horizon.setValue(int(s.horizon_months))
        finally:
            self._loading = False
        self.end.setText(self.tr("(to {0})").format(format_month(parse_month(s.start) + int(s.horizon_months) - 1)))
        self.summary.setText(self.summary_text())

    def summary_text(self) -> str:
        """Marketing delay, take-up and what the shaded cells of the table mean for this scenario."""
        s = self.document.project.scenario
        text = self.tr("Marketable {0} months after eligibility · take-up up to {1:.0f} %, half of it {2:g} months "
                       "after marketing.").format(int(s.marketing_delay_months), 100.0 * float(s.take_up.max_share),
                                                  float(s.take_up.midpoint_months))
        overridden = sum(len(v) for v in s.phase_overrides.values())
        if overridden:
            text += "\n" + self.tr("Shaded cells ({0}): set by this scenario for a phase; editing one changes this "
                                   "scenario only.").format(overridden)
        return text

    def _push(self, command) -> None:
        try:
            self.document.push(command)
        except PlannerError as exc:
            self.message.emit(str(exc))
            self.load()

    def _activate(self, index: int) -> None:
        project = self.document.project
        if not self._loading and 0 <= index < len(project.scenarios) and index != project.active_scenario:
            self._push(SetActiveScenario(project, index))

    def _start_edited(self) -> None:
        project = self.document.project
        text = self.start.text().strip()
        try:
            month = format_month(parse_month_text(text))
        except ValueError as exc:
            self.message.emit(self.tr("Start: {0}").format(exc))
            self.start.setText(project.scenario.start)
            return
        self.start.setText(month)
        if month != project.scenario.start:
            self._push(SetScenarioParam(project, project.active_scenario, "start", month))

    def _horizon_edited(self) -> None:
        project = self.document.project
        if not self._loading and self.horizon.value() != project.scenario.horizon_months:
            self._push(SetScenarioParam(project, project.active_scenario, "horizon_months", self.horizon.value()))
