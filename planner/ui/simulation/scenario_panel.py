"""Scenarios dock: list (add, duplicate, rename, delete, activate), parameter editor, and the comparison view."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QDoubleSpinBox, QFormLayout, QFrame, QScrollArea, QHBoxLayout, QHeaderView,
                               QInputDialog, QLineEdit, QListWidget, QListWidgetItem, QMessageBox, QSpinBox,
                               QSplitter, QTableWidget, QTableWidgetItem, QTabWidget, QToolButton, QVBoxLayout,
                               QWidget)

from planner.core.errors import PlannerError
from planner.core.months import format_month, parse_month
from planner.core.simulation.scenario_commands import (AddScenario, DeleteScenario, DuplicateScenario, RenameScenario,
                                            SetActiveScenario, SetScenarioParam)
from planner.core.project.model import Scenario
from planner.ui.common.errors import show_error
from planner.ui.common.month_text import parse_month_text
from planner.ui.simulation.cost_editor import CostModelEditor
from planner.ui.simulation.scenario_comparison import ScenarioComparison
from planner.ui.simulation.scenario_page import ScenarioPage

#: phase fields a scenario may override, with their kind
PHASE_PARAMS = [("crews", "float"), ("units_per_crew_month", "float"), ("earliest_start", "month"),
                ("study_months", "int"), ("ramp_months", "int")]
OVERRIDE_BRUSH = QBrush(QColor("#fff3c4"))


class ScenarioList(QWidget):
    """The project's scenarios with buttons; double-click (or Activate) makes one active."""

    currentScenarioChanged = Signal(int)

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.list = QListWidget(self)
        self.list.setObjectName("scenarioList")
        self.list.itemDoubleClicked.connect(lambda _it: self.activate())
        self.list.currentRowChanged.connect(self.currentScenarioChanged)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        self.buttons = {}
        for key, text, tip, slot in [
            ("add", self.tr("Add"), self.tr("Add a scenario with default parameters"), self.add),
            ("duplicate", self.tr("Duplicate"), self.tr("Copy the selected scenario"), self.duplicate),
            ("rename", self.tr("Rename"), self.tr("Rename the selected scenario"), self.rename),
            ("delete", self.tr("Delete"), self.tr("Delete the selected scenario"), self.delete),
            ("activate", self.tr("Activate"), self.tr("Show the selected scenario on the map and curves"),
             self.activate),
        ]:
            b = QToolButton(self)
            b.setText(text)
            b.setToolTip(tip)
            b.clicked.connect(slot)
            buttons.addWidget(b)
            self.buttons[key] = b
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        document.changed.connect(self._changed)
        # a newly opened project shows its active scenario in the list and in Parameters alike
        document.projectReplaced.connect(lambda: self.refresh(select_active=True))
        self.refresh(select_active=True)

    def _changed(self, command) -> None:
        if "scenario" in getattr(command, "touches", ()) or "layers" in getattr(command, "touches", ()):
            self.refresh()

    def refresh(self, select_active: bool = False) -> None:
        project = self.document.project
        row = -1 if select_active else self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        for i, s in enumerate(project.scenarios):
            item = QListWidgetItem(s.name)
            if i == project.active_scenario:
                f = QFont(item.font())
                f.setBold(True)
                item.setFont(f)
                item.setText(self.tr("{0} (active)").format(s.name))
            self.list.addItem(item)
        self.list.blockSignals(False)
        if not 0 <= row < len(project.scenarios):
            row = project.active_scenario
        self.list.blockSignals(True)
        self.list.setCurrentRow(row)
        self.list.blockSignals(False)
        self.buttons["delete"].setEnabled(len(project.scenarios) > 1)
        self.currentScenarioChanged.emit(row)

    def current(self) -> int:
        row = self.list.currentRow()
        return row if row >= 0 else self.document.project.active_scenario

    def _push(self, make) -> bool:
        try:
            self.document.push(make())
        except PlannerError as exc:
            show_error(self, exc)
            return False
        return True

    def add(self) -> None:
        self._push(lambda: AddScenario(Scenario(name=self.tr("Scenario"), start=self.document.project.scenario.start)))
        self.list.setCurrentRow(len(self.document.project.scenarios) - 1)

    def duplicate(self) -> None:
        i = self.current()
        name = self.tr("{0} (copy)").format(self.document.project.scenarios[i].name)
        if self._push(lambda: DuplicateScenario(self.document.project, i, name)):
            self.list.setCurrentRow(len(self.document.project.scenarios) - 1)

    def rename(self, name: str | None = None) -> None:
        i = self.current()
        if not isinstance(name, str):
            name, ok = QInputDialog.getText(self, self.tr("Rename scenario"), self.tr("Name:"),
                                            text=self.document.project.scenarios[i].name)
            if not ok:
                return
        self._push(lambda: RenameScenario(self.document.project, i, name))

    def delete(self, confirm: bool = True) -> None:
        i = self.current()
        name = self.document.project.scenarios[i].name
        if confirm and QMessageBox.question(self, self.tr("Delete scenario"),
                                            self.tr("Delete scenario '{0}'? (Undo restores it.)").format(name)
                                            ) != QMessageBox.StandardButton.Yes:
            return
        self._push(lambda: DeleteScenario(self.document.project, i))

    def activate(self) -> None:
        i = self.current()
        if i != self.document.project.active_scenario:
            self._push(lambda: SetActiveScenario(self.document.project, i))


class ScenarioEditor(ScenarioPage):
    """Edits one scenario's parameters; every change is an undoable SetScenarioParam."""

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(document, parent)
        form = QFormLayout()
        self.start = QLineEdit(self)
        self.start.setToolTip(self.tr("First month of the simulation (YYYY-MM)"))
        self.start.editingFinished.connect(self._start_edited)
        self.horizon = QSpinBox(self)
        self.horizon.setRange(1, 600)
        self.horizon.setSuffix(self.tr(" months"))
        self.marketing = QSpinBox(self)
        self.marketing.setRange(0, 60)
        self.marketing.setSuffix(self.tr(" months"))
        self.take_up_max = QDoubleSpinBox(self)
        self.take_up_max.setRange(0.0, 1.0)
        self.take_up_max.setSingleStep(0.05)
        self.take_up_mid = QDoubleSpinBox(self)
        self.take_up_mid.setRange(0.0, 240.0)
        self.take_up_mid.setSuffix(self.tr(" months"))
        self.take_up_k = QDoubleSpinBox(self)
        self.take_up_k.setRange(0.001, 10.0)
        self.take_up_k.setDecimals(3)
        self.take_up_k.setSingleStep(0.05)
        self.calendar = QLineEdit(self)
        self.calendar.setToolTip(self.tr("Twelve monthly pace factors, January to December (e.g. August 0.5)"))
        self.calendar.editingFinished.connect(self._calendar_edited)
        for widget, name in [(self.horizon, "horizon_months"), (self.marketing, "marketing_delay_months"),
                             (self.take_up_max, "take_up.max_share"), (self.take_up_mid, "take_up.midpoint_months"),
                             (self.take_up_k, "take_up.steepness")]:
            widget.valueChanged.connect(lambda v, n=name: self._set(n, v))
        form.addRow(self.tr("Start"), self.start)
        form.addRow(self.tr("Horizon"), self.horizon)
        form.addRow(self.tr("Marketable after"), self.marketing)
        form.addRow(self.tr("Take-up: final share"), self.take_up_max)
        form.addRow(self.tr("Take-up: midpoint"), self.take_up_mid)
        form.addRow(self.tr("Take-up: steepness"), self.take_up_k)
        form.addRow(self.tr("Calendar"), self.calendar)
        self.phase_table = QTableWidget(self)
        self.phase_table.setObjectName("scenarioPhaseTable")
        self.phase_table.setToolTip(self.tr("Per-phase values in this scenario; shaded cells override the phase"))
        self.phase_table.setColumnCount(len(PHASE_PARAMS))
        self.phase_table.setHorizontalHeaderLabels([self.tr("crews"), self.tr("units/crew/month"),
                                                    self.tr("earliest start"), self.tr("study months"),
                                                    self.tr("ramp months")])
        self.phase_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.phase_table.verticalHeader().setDefaultSectionSize(22)
        self.phase_table.itemChanged.connect(self._phase_item_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.phase_table, 1)
        document.changed.connect(lambda _c: self.load_when_visible())
        document.projectReplaced.connect(lambda: self.set_index(document.project.active_scenario))
        self.load()

    def scenario(self) -> Scenario:
        scenarios = self.document.project.scenarios
        self.index = min(self.index, len(scenarios) - 1)
        return scenarios[self.index]

    def load(self) -> None:
        self._stale = False
        s = self.scenario()
        self._loading = True
        try:
            self.start.setText(s.start)
            self.horizon.setValue(int(s.horizon_months))
            self.marketing.setValue(int(s.marketing_delay_months))
            self.take_up_max.setValue(float(s.take_up.max_share))
            self.take_up_mid.setValue(float(s.take_up.midpoint_months))
            self.take_up_k.setValue(float(s.take_up.steepness))
            self.calendar.setText(", ".join(f"{v:g}" for v in s.calendar))
            phases = self.document.project.phases
            if self.phase_table.rowCount() != len(phases):
                self.phase_table.setRowCount(len(phases))
            names = [p.name for p in phases]
            if names != [self.phase_table.verticalHeaderItem(r).text() if self.phase_table.verticalHeaderItem(r)
                         else "" for r in range(len(phases))]:
                self.phase_table.setVerticalHeaderLabels(names)
            for r, phase in enumerate(phases):
                overrides = s.phase_overrides.get(phase.id, {})
                for c, (name, _kind) in enumerate(PHASE_PARAMS):
                    value = s.phase_value(phase, name)
                    text = "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)
                    item = self.phase_table.item(r, c)
                    if item is None:  # items are reused: creating 5 × phases items per edit is slow
                        item = QTableWidgetItem()
                        self.phase_table.setItem(r, c, item)
                    if item.text() != text:
                        item.setText(text)
                    key = (phase.id, name)
                    if item.data(Qt.ItemDataRole.UserRole) != key:
                        item.setData(Qt.ItemDataRole.UserRole, key)
                    brush = OVERRIDE_BRUSH if name in overrides else QBrush()
                    if item.background() != brush:
                        item.setBackground(brush)
        finally:
            self._loading = False

    def _set(self, name: str, value) -> None:
        if self._loading:
            return
        try:
            self.document.push(SetScenarioParam(self.document.project, self.index, name, value))
        except PlannerError as exc:
            show_error(self, exc)

    def _start_edited(self) -> None:
        text = self.start.text().strip()
        if text == self.scenario().start:
            return
        try:
            text = format_month(parse_month_text(text))  # '2019-06' or 'June 2019'
        except ValueError as exc:
            show_error(self, PlannerError(str(exc)))
            self.start.setText(self.scenario().start)
            return
        self.start.setText(text)
        if text != self.scenario().start:
            self._set("start", text)

    def _calendar_edited(self) -> None:
        try:
            values = [float(v) for v in self.calendar.text().replace(";", ",").split(",")]
            if len(values) != 12 or min(values) < 0:
                raise ValueError
        except ValueError:
            show_error(self, PlannerError(self.tr("the calendar needs twelve factors ≥ 0, January to December")))
            self.load()
            return
        if values != list(self.scenario().calendar):
            self._set("calendar", values)

    def _phase_item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        phase_id, name = item.data(Qt.ItemDataRole.UserRole)
        kind = dict(PHASE_PARAMS)[name]
        text = item.text().strip()
        try:
            if text == "":
                value = None  # back to the phase's own value
            elif kind == "month":
                parse_month(text)
                value = text
            elif kind == "int":
                value = int(text)
            else:
                value = float(text)
        except ValueError:
            show_error(self, PlannerError(self.tr("'{0}' is not a valid {1}").format(text, name)))
            self.load()
            return
        try:
            self.document.push(SetScenarioParam(self.document.project, self.index, name, value, phase_id=phase_id))
        except PlannerError as exc:
            show_error(self, exc)
            self.load()


def _scrolled(page: QWidget) -> QScrollArea:
    """`page` in a frameless scroll area that fits it in width when it can (a tab page the dock may cut)."""
    area = QScrollArea()
    area.setObjectName(page.objectName() + "Scroll" if page.objectName() else "")
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


class ScenarioPanel(QWidget):
    """The Scenarios dock: list and buttons, then tabs 'Parameters' and 'Comparison'."""

    def __init__(self, document, cache, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("scenarioPanel")
        self.document = document
        self.scenarios = ScenarioList(document, self)
        self.editor = ScenarioEditor(document, self)
        self.comparison = ScenarioComparison(document, cache, self)
        self.tabs = QTabWidget(self)
        # the forms scroll rather than make the dock tall (the right dock can be shorter than the forms)
        self.editor_page = _scrolled(self.editor)
        self.tabs.addTab(self.editor_page, self.tr("Parameters"))
        self.tabs.addTab(self.comparison, self.tr("Comparison"))
        self.costs = CostModelEditor(document, self)
        self.costs_page = _scrolled(self.costs)
        self.tabs.addTab(self.costs_page, self.tr("Costs"))
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.scenarios)
        splitter.addWidget(self.tabs)
        splitter.setSizes([120, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(splitter)
        self.scenarios.currentScenarioChanged.connect(self.editor.set_index)
        self.scenarios.currentScenarioChanged.connect(self.costs.set_index)
        self.tabs.currentChanged.connect(lambda _i: self.refresh_comparison())

    def refresh_comparison(self) -> None:
        """Recompute the comparison when it is on screen (each scenario is one run of a few ms)."""
        if self.tabs.currentWidget() is self.comparison and self.isVisible():
            self.comparison.refresh()

    def show_comparison(self) -> None:
        self.tabs.setCurrentWidget(self.comparison)
        self.comparison.refresh()
