"""The scenario's cost model editor (Scenarios dock, "Costs" tab): density classes, area and override fields,
fixed cost per phase, and the yearly budget.

Every change is one undoable SetScenarioParam on `costs.<field>` (no merging: each table edit is its own step);
the core checks the values (planner/core/simulation/costs.py) and a refused edit shows the message naming the
field, and the editor reloads what the scenario holds.
"""
from __future__ import annotations

import copy

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QHeaderView, QInputDialog,
                               QLabel, QTableWidget, QTableWidgetItem, QToolButton, QVBoxLayout, QWidget)

from planner.core.errors import PlannerError
from planner.core.project.cost_model import DensityClass, default_classes
from planner.core.simulation.costs import check_classes, constant_budget
from planner.core.simulation.scenario_commands import SetScenarioParam
from planner.core.months import parse_month
from planner.ui.common.errors import show_error
from planner.ui.simulation.scenario_page import ScenarioPage

CLASS_FIELDS = ("name", "min_density", "eur_per_unit", "effort")


def _number(text: str) -> float:
    return float(str(text).strip().replace("\u202f", "").replace(" ", "").replace(",", "."))


class CostModelEditor(ScenarioPage):
    """Edits the cost model of scenario `index` of the document's project."""

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(document, parent)
        self.setObjectName("costModelEditor")
        self.classes = self._table([self.tr("class"), self.tr("from (units/km²)"), self.tr("€ per unit"),
                                    self.tr("effort")], "costClassesTable")
        self.classes.setToolTip(self.tr("A commune's class is the one with the highest threshold not above its "
                                        "density (units per km²); the lowest class must start at 0. Effort: how "
                                        "much longer a crew takes for one unit (1 = the phase's own pace)"))
        self.classes.itemChanged.connect(self._classes_edited)
        self.area_field = QComboBox(self)
        self.area_field.setToolTip(self.tr("Commune area in km² for the density (default: the polygon's area)"))
        self.override_field = QComboBox(self)
        self.override_field.setToolTip(self.tr("A commune field whose number replaces the class's € per unit"))
        self.fixed = QDoubleSpinBox(self)
        self.fixed.setRange(0.0, 1e10)
        self.fixed.setDecimals(0)
        self.fixed.setSingleStep(10000)
        self.fixed.setSuffix(" €")
        self.fixed.setToolTip(self.tr("Fixed cost of each phase (studies, NRO/PM equipment), paid when its studies "
                                      "start; a phase's own fixed cost replaces it"))
        self.budget = self._table([self.tr("year"), self.tr("€")], "budgetTable")
        self.budget.setToolTip(self.tr("Money for each year, spent in twelfths month by month; unspent money "
                                       "carries over. No row: no budget limit"))
        self.budget.itemChanged.connect(self._budget_edited)
        self.area_field.activated.connect(lambda _i: self._set("costs.area_field", self.area_field.currentData()))
        self.override_field.activated.connect(
            lambda _i: self._set("costs.override_field", self.override_field.currentData()))
        self.fixed.editingFinished.connect(self._fixed_edited)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Density classes"), self))
        layout.addWidget(self.classes, 1)
        layout.addLayout(self._buttons([(self.tr("Add class"), self.add_class),
                                        (self.tr("Remove class"), self.remove_class),
                                        (self.tr("Effort from cost"), self.effort_from_cost),
                                        (self.tr("Defaults"), self.default_classes)]))
        form = QFormLayout()
        form.addRow(self.tr("Area field"), self.area_field)
        form.addRow(self.tr("Cost override field"), self.override_field)
        form.addRow(self.tr("Fixed cost per phase"), self.fixed)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Budget per year"), self))
        layout.addWidget(self.budget, 1)
        layout.addLayout(self._buttons([(self.tr("Add year"), self.add_year),
                                        (self.tr("Remove year"), self.remove_year),
                                        (self.tr("Same every year…"), self.constant_budget)]))
        document.changed.connect(lambda _c: self.load_when_visible())
        document.projectReplaced.connect(lambda: self.set_index(document.project.active_scenario))
        self.load()

    def _table(self, headers: list[str], name: str) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setDefaultSectionSize(22)
        return table

    def _buttons(self, specs) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for text, slot in specs:
            b = QToolButton(self)
            b.setText(text)
            b.clicked.connect(slot)
            row.addWidget(b)
        row.addStretch(1)
        return row

    # --- scenario --------------------------------------------------------------------------------
    def model(self):
        scenarios = self.document.project.scenarios
        self.index = min(self.index, len(scenarios) - 1)
        return scenarios[self.index].costs

    def load(self) -> None:
        self._stale = False
        cm = self.model()
        self._loading = True
        try:
            self._fill(self.classes, [[c.name, f"{c.min_density:g}", f"{c.eur_per_unit:g}", f"{c.effort:g}"]
                                      for c in cm.classes])
            self._fill(self.budget, [[str(y), f"{eur:,.0f}".replace(",", " ")] for y, eur in cm.budget])
            self._fill_fields(self.area_field, cm.area_field, self.tr("(area of the polygon)"))
            self._fill_fields(self.override_field, cm.override_field, self.tr("(none)"))
            self.fixed.setValue(float(cm.phase_fixed_eur))
        finally:
            self._loading = False

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = table.item(r, c)
                if item is None:
                    item = QTableWidgetItem()
                    table.setItem(r, c, item)
                if c > 0:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                item.setText(text)

    def _fill_fields(self, combo: QComboBox, current: str | None, none_text: str) -> None:
        communes = self.document.project.communes
        names = [] if communes is None else [n for n, v in communes.layer.fields.items() if v.dtype.kind in "iuf"]
        if current and current not in names:
            names.append(current)
        combo.clear()
        combo.addItem(none_text, None)
        for n in names:
            combo.addItem(n, n)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)

    def _set(self, name: str, value) -> bool:
        if self._loading:
            return False
        try:
            cmd = SetScenarioParam(self.document.project, self.index, name, value)
            cmd.merge_id = -1  # every table edit is its own undo step
            self.document.push(cmd)
        except PlannerError as exc:
            show_error(self, exc)
            self.load()
            return False
        return True

    # --- classes ---------------------------------------------------------------------------------
    def _read_classes(self) -> list[DensityClass]:
        out = []
        for r in range(self.classes.rowCount()):
            cells = [self.classes.item(r, c).text() if self.classes.item(r, c) else "" for c in range(4)]
            try:
                out.append(DensityClass(cells[0].strip(), _number(cells[1]), _number(cells[2]), _number(cells[3])))
            except ValueError:
                raise PlannerError(self.tr("class {0}: '{1}' is not a number").format(
                    r + 1, next(t for t in cells[1:] if not _is_number(t)))) from None
        return out

    def _push_classes(self, classes: list[DensityClass]) -> None:
        cm = copy.deepcopy(self.model())
        cm.classes = classes
        try:
            check_classes(cm)
        except PlannerError as exc:
            show_error(self, exc)
            self.load()
            return
        self._set("costs.classes", classes)

    def _classes_edited(self, _item) -> None:
        if self._loading:
            return
        try:
            classes = self._read_classes()
        except PlannerError as exc:
            show_error(self, exc)
            self.load()
            return
        self._push_classes(classes)

    def add_class(self) -> None:
        classes = copy.deepcopy(self.model().classes)
        top = max((c.min_density for c in classes), default=0.0)
        classes.append(DensityClass(self.tr("class {0}").format(len(classes) + 1), top * 2 if top else 100.0,
                                    500.0, 1.0))
        self._push_classes(classes)

    def remove_class(self) -> None:
        row = self.classes.currentRow()
        classes = copy.deepcopy(self.model().classes)
        if 0 <= row < len(classes) and len(classes) > 1:
            del classes[row]
            self._push_classes(classes)

    def effort_from_cost(self) -> None:
        """Effort of each class = its cost / the lowest-density class's cost (two decimals)."""
        classes = copy.deepcopy(self.model().classes)
        base = min(classes, key=lambda c: c.min_density).eur_per_unit
        if base <= 0:
            show_error(self, PlannerError(self.tr("the lowest-density class costs nothing: no effort to scale")))
            return
        for c in classes:
            c.effort = max(0.01, round(c.eur_per_unit / base, 2))
        self._push_classes(classes)

    def default_classes(self) -> None:
        self._push_classes(default_classes())

    # --- fixed cost and budget -------------------------------------------------------------------
    def _fixed_edited(self) -> None:
        if float(self.fixed.value()) != float(self.model().phase_fixed_eur):
            self._set("costs.phase_fixed_eur", float(self.fixed.value()))

    def _budget_edited(self, _item) -> None:
        if self._loading:
            return
        rows = []
        for r in range(self.budget.rowCount()):
            cells = [self.budget.item(r, c).text() if self.budget.item(r, c) else "" for c in range(2)]
            try:
                rows.append((int(_number(cells[0])), _number(cells[1])))
            except ValueError:
                show_error(self, PlannerError(self.tr("budget row {0}: expected a year and an amount in €")
                                              .format(r + 1)))
                self.load()
                return
        self._push_budget(rows)

    def _push_budget(self, rows: list[tuple[int, float]]) -> None:
        from planner.core.simulation.costs import budget_series

        scenario = self.document.project.scenarios[self.index]
        try:
            start = parse_month(scenario.start)
            budget_series(rows, start, int(scenario.horizon_months))
        except (PlannerError, ValueError) as exc:
            show_error(self, exc if isinstance(exc, PlannerError) else PlannerError(str(exc)))
            self.load()
            return
        self._set("costs.budget", sorted(rows))

    def add_year(self) -> None:
        scenario = self.document.project.scenarios[self.index]
        rows = list(self.model().budget)
        year = max((y for y, _ in rows), default=parse_month(scenario.start) // 12 - 1) + 1
        self._push_budget(rows + [(year, rows[-1][1] if rows else 0.0)])

    def remove_year(self) -> None:
        row = self.budget.currentRow()
        rows = list(self.model().budget)
        if 0 <= row < len(rows):
            del rows[row]
            self._push_budget(rows)

    def constant_budget(self, amount: float | None = None) -> None:
        """The same amount for every simulated year (asks for it when not given)."""
        if amount is None or isinstance(amount, bool):
            amount, ok = QInputDialog.getDouble(self, self.tr("Budget per year"), self.tr("€ every year:"),
                                                10_000_000.0, 0.0, 1e12, 0)
            if not ok:
                return
        scenario = self.document.project.scenarios[self.index]
        self._push_budget(constant_budget(amount, parse_month(scenario.start), int(scenario.horizon_months)))


def _is_number(text: str) -> bool:
    try:
        _number(text)
        return True
    except ValueError:
        return False
