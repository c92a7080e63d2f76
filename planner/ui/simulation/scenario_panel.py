"""Scenarios dock: list (add, duplicate, rename, delete, activate), parameter editor, and the comparison view."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QDoubleSpinBox, QFormLayout, QHBoxLayout, QHeaderView,
                               QInputDialog, QLineEdit, QListWidget, QListWidgetItem, QMessageBox, QSpinBox,
                               QSplitter, QTableWidget, QTableWidgetItem, QTabWidget, QToolButton, QVBoxLayout,
                               QWidget)

from planner.core.errors import PlannerError
from planner.core.months import parse_month
from planner.core.simulation.scenario_commands import (AddScenario, DeleteScenario, DuplicateScenario, RenameScenario,
                                            SetActiveScenario, SetScenarioParam)
from planner.core.project.model import Scenario
from planner.ui.common.errors import show_error
from planner.ui.simulation.comparison_costs import cost_rows_for_table
from planner.ui.simulation.cost_editor import CostModelEditor
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
        document.projectReplaced.connect(self.refresh)
        self.refresh()

    def _changed(self, command) -> None:
        if "scenario" in getattr(command, "touches", ()) or "layers" in getattr(command, "touches", ()):
            self.refresh()

    def refresh(self) -> None:
        project = self.document.project
        row = self.list.currentRow()
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
        if self._push(lambda: DuplicateScenario(self.document.project, i)):
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
            parse_month(text)
        except ValueError as exc:
            show_error(self, PlannerError(str(exc)))
            self.start.setText(self.scenario().start)
            return
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


SCENARIO_COLORS = ["#08519c", "#e6550d", "#31a354", "#756bb1", "#d62728", "#8c564b", "#e377c2", "#17becf"]
DIFF_BRUSH = QBrush(QColor("#ffd966"))


def comparison_rows(project, results: list, reference: int):
    """Row labels and the core's ComparisonRows (planner.core.decisions.scenario_compare) over the results that exist.

    `results` holds one SimulationResult or None (failed) per scenario; values and differences of failed
    scenarios are None. The reference is the active scenario (or the first one that ran).
    """
    from planner.core.decisions.scenario_compare import compare_results
    from planner.core.simulation.coverage import MILESTONES

    ok = [i for i, r in enumerate(results) if r is not None]
    if not ok:
        return [], []
    ref = reference if reference in ok else ok[0]
    comparison = compare_results([results[i] for i in ok], ok.index(ref))
    t = QCoreApplication.translate
    labels, rows = [], []
    milestones = iter(MILESTONES)
    phases = iter(results[ref].phase_names)
    for row in comparison.rows:
        if row.kind == "milestone":
            labels.append(t("ScenarioComparison", "{0} % eligible").format(next(milestones)))
        else:
            labels.append(t("ScenarioComparison", "{0}: end").format(next(phases)))
        values = [None] * len(results)
        diffs = [None] * len(results)
        for j, i in enumerate(ok):
            values[i] = row.values[j]
            diffs[i] = row.diffs[j]
        rows.append((values, diffs))
    money = cost_rows_for_table(comparison, ok, len(results))
    return labels + money[0], rows + money[1]


class ScenarioComparison(QWidget):
    """All scenarios' coverage curves on one plot, and their milestones and phase dates side by side.

    Cells that differ from the active scenario's are highlighted.
    """

    def __init__(self, document, cache, parent: QWidget | None = None):
        super().__init__(parent)
        import pyqtgraph as pg

        from planner.ui.simulation.coverage_panel import MonthAxis

        self.document = document
        self.cache = cache
        self.results: list = []
        self.errors: list[str] = []
        self.axis = MonthAxis(0)
        self.plot = pg.PlotWidget(axisItems={"bottom": self.axis}, background="w")
        self.plot.setObjectName("comparisonPlot")
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.setLabel("left", self.tr("eligible premises (%)"))
        self.plot.setYRange(0, 105, padding=0)
        self.plot.addLegend(offset=(-8, -30), labelTextSize="8pt")
        self.curves: list = []
        self.table = QTableWidget(self)
        self.table.setObjectName("comparisonTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(22)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.plot)
        splitter.addWidget(self.table)
        splitter.setSizes([240, 260])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def refresh(self) -> None:
        """Simulate every scenario on the current assignment and redraw plot and table."""
        from planner.core.simulation.coverage import simulate

        project = self.document.project
        a = self.cache.assignment
        self.results, self.errors = [], []
        for s in project.scenarios:
            try:
                self.results.append(simulate(project, a, scenario=s) if a is not None else None)
                self.errors.append("")
            except PlannerError as exc:
                self.results.append(None)
                self.errors.append(str(exc))
        self._draw_curves()
        self._fill_table()

    def _draw_curves(self) -> None:
        import numpy as np
        import pyqtgraph as pg

        project = self.document.project
        for c in self.curves:
            self.plot.removeItem(c)
        self.curves = []
        self.plot.getPlotItem().legend.clear()
        for i, (s, r) in enumerate(zip(project.scenarios, self.results)):
            if r is None:
                continue
            x = parse_month(r.start) + np.arange(len(r.months), dtype=float)
            width = 3 if i == project.active_scenario else 1.5
            curve = self.plot.plot(x, r.coverage_pct, name=s.name,
                                   pen=pg.mkPen(SCENARIO_COLORS[i % len(SCENARIO_COLORS)], width=width))
            self.curves.append(curve)

    def _fill_table(self) -> None:
        project = self.document.project
        ref = project.active_scenario
        labels, rows = comparison_rows(project, self.results, ref)
        self.table.clear()
        self.table.setColumnCount(len(project.scenarios))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels([s.name for s in project.scenarios])
        self.table.setVerticalHeaderLabels(labels)
        never = self.tr("not reached")
        for r, (values, diffs) in enumerate(rows):
            for c, (v, d) in enumerate(zip(values, diffs)):
                if self.errors[c]:
                    item = QTableWidgetItem(self.tr("error"))
                    item.setToolTip(self.errors[c])
                    self.table.setItem(r, c, item)
                    continue
                text = v or never
                if c != ref and d:
                    text += (self.tr(" ({0:+d} month)") if abs(d) == 1 else self.tr(" ({0:+d} months)")).format(d)
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, v)
                if c != ref and v != values[ref]:
                    item.setBackground(DIFF_BRUSH)
                    f = QFont(item.font())
                    f.setBold(True)
                    item.setFont(f)
                    item.setToolTip(self.tr("differs from the active scenario ({0})").format(values[ref] or never))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def highlighted_cells(self) -> list[tuple[str, str]]:
        """(row label, scenario name) of every highlighted cell."""
        out = []
        for r in range(self.table.rowCount()):
            for c in range(self.table.columnCount()):
                item = self.table.item(r, c)
                if item is not None and item.background().color() == DIFF_BRUSH.color():
                    out.append((self.table.verticalHeaderItem(r).text(), self.table.horizontalHeaderItem(c).text()))
        return out


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
        self.tabs.addTab(self.editor, self.tr("Parameters"))
        self.tabs.addTab(self.comparison, self.tr("Comparison"))
        self.costs = CostModelEditor(document, self)
        self.tabs.addTab(self.costs, self.tr("Costs"))
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
