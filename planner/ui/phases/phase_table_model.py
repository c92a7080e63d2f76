"""Table model of the phases in order: colour, name, start, crews, productivity, studies, ramp-up, dependencies
live counts and cost.

The build parameters are those the ACTIVE scenario simulates: a value the scenario overrides is shown (shaded,
its tooltip names the scenario and the phase's own value) and editing it changes that scenario's override;
any other edit changes the phase itself (shared by every scenario that does not override it). Each edit says
which in `edited`. Every edit goes through `document.push(core command)` (undoable); counts come from the
AssignmentCache, the cost (and whether the phase waits for money) from the latest simulation run. Rows can be
reordered by drag and drop (a MovePhase command).
"""
from __future__ import annotations

import re

from PySide6.QtCore import QAbstractTableModel, QByteArray, QCoreApplication, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from planner.core.phases import phase_commands as pc
from planner.core.errors import PlannerError
from planner.core.project.model import Dependency
from planner.core.months import format_month
from planner.core.simulation.scenario_commands import SetScenarioParam

from planner.ui.common.month_text import parse_month_text

from planner.ui.phases.assignment_cache import assignment_cache_for
from planner.ui.common.figures import money, number

# Roles and flags as module constants: PySide6 resolves the short spelling (Qt.DisplayRole) through a slow
# fallback (~8 µs a lookup), and data() is asked thousands of times whenever the table fits its columns.
DISPLAY, EDIT, DECORATION = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.DecorationRole
TOOLTIP, BACKGROUND, USER = Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.UserRole
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

PHASE_MIME = "application/x-rollout-planner-phase-id"

(COL_COLOR, COL_NAME, COL_START, COL_CREWS, COL_RATE, COL_STUDY, COL_RAMP, COL_DEPENDS, COL_COMMUNES, COL_UNITS,
 COL_SHARE, COL_COST) = range(12)
MONEY_WAIT_COLOR = "#fdd0a2"  # a phase that waits for money (the Gantt hatches the same months)
#: the phase field each editable column shows
FIELDS = {COL_NAME: "name", COL_START: "earliest_start", COL_CREWS: "crews", COL_RATE: "units_per_crew_month",
          COL_STUDY: "study_months", COL_RAMP: "ramp_months", COL_DEPENDS: "depends_on"}
EDITABLE_COLUMNS = set(FIELDS)
#: fields a scenario may override (Scenario.phase_overrides); the table shows the active scenario's value
SCENARIO_FIELDS = ("earliest_start", "crews", "units_per_crew_month", "study_months", "ramp_months")
NUMBER_COLUMNS = (COL_CREWS, COL_RATE, COL_STUDY, COL_RAMP)
COUNT_COLUMNS = (COL_COMMUNES, COL_UNITS, COL_SHARE)
RIGHT_COLUMNS = frozenset(NUMBER_COLUMNS + COUNT_COLUMNS + (COL_COST,))
#: background of a value the active scenario overrides (the Scenarios panel shades its overrides alike)
OVERRIDE_COLOR = "#fff3c4"

_DEP_RE = re.compile(r"^\s*(.+?)\s*(?:\(\s*(\d+(?:[.,]\d+)?)\s*%\s*\))?\s*$")


def format_dependencies(project, phase) -> str:
    """'Phase 1, Phase 2 (50%)' for a phase's dependencies (names; a percentage when not 100)."""
    parts = []
    for dep in phase.depends_on:
        try:
            name = project.phase_by_id(dep.phase_id).name
        except KeyError:
            name = f"#{dep.phase_id}"
        parts.append(name if dep.pct >= 100 else f"{name} ({dep.pct:g}%)")
    return ", ".join(parts)


def parse_dependencies(project, phase, text: str) -> list[Dependency]:
    """The inverse of format_dependencies; ValueError naming the unknown phase or bad percentage."""
    deps = []
    for chunk in filter(None, (c.strip() for c in str(text).split(","))):
        m = _DEP_RE.match(chunk)
        name, pct = m.group(1), m.group(2)
        try:
            other = project.phase_by_name(name)
        except KeyError:
            raise ValueError(QCoreApplication.translate("PhaseTableModel", "no phase named '{0}'")
                             .format(name)) from None
        if other.id == phase.id:
            raise ValueError(QCoreApplication.translate("PhaseTableModel", "a phase cannot depend on itself"))
        value = 100.0 if pct is None else float(pct.replace(",", "."))
        if not 0 < value <= 100:
            raise ValueError(QCoreApplication.translate("PhaseTableModel", "percentage out of range for '{0}': {1:g}")
                             .format(name, value))
        deps.append(Dependency(other.id, value))
    return deps


class PhaseTableModel(QAbstractTableModel):
    """One row per phase of `document.project`, in phase order."""

    #: an edit was refused; argument: the message to show (names the phase and the field)
    editRejected = Signal(str)
    #: an edit was made; argument: what changed and for which scenario(s)
    edited = Signal(str)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.cache = assignment_cache_for(document)
        self._ids: list[int] = [p.id for p in self._phases()]
        self._counts: dict[int, tuple[int, int]] = {}  # phase id -> (communes, units), per assignment
        self._total = 0
        self._read_counts()
        self._headers = [
            self.tr("Colour"), self.tr("Name"), self.tr("Earliest\nstart"), self.tr("Crews"),
            self.tr("Units per\ncrew·month"), self.tr("Studies\n(months)"), self.tr("Ramp-up\n(months)"),
            self.tr("Depends on"), self.tr("Communes"),
            self.tr("Units"), self.tr("% of\nunits"), self.tr("Cost"),
        ]
        self._header_tips = [
            self.tr("Phase colour on the map (double-click to change)"), self.tr("Phase name"),
            self.tr("Earliest start month, YYYY-MM or 'June 2019' (empty: the project start)"),
            self.tr("Number of crews"),
            self.tr("Premise units one crew builds per month"),
            self.tr("Months of studies before building starts"),
            self.tr("Months for the crews to reach full pace"),
            self.tr("Phases that must be done first: 'Phase 1, Phase 2 (50%)'"),
            self.tr("Communes with premise units in the phase"), self.tr("Premise units of the phase"),
            self.tr("Share of the territory's premise units"),
            self.tr("Cost of the phase: its units at their commune's cost, plus its fixed cost (shaded: waits "
                    "for money)"),
        ]
        self._money = None  # the latest SimulationResult's costs, with its phase ids
        #: phase id -> why its zone takes no premise (planner/ui/phases/phase_flags.py); a warning on its name
        self.zone_flags: dict[int, str] = {}
        self._icon = None
        document.changed.connect(self._on_changed)
        document.projectReplaced.connect(self._on_replaced)
        self.cache.updated.connect(self._on_counts)
        from planner.ui.simulation.simulation_runner import simulation_runner_for

        runner = simulation_runner_for(document)
        runner.updated.connect(self._on_result)
        if runner.result is not None:
            self._on_result(runner.result)

    # --- helpers --------------------------------------------------------------------------------
    def _phases(self):
        return self.document.project.phases

    def phase_at(self, row: int):
        return self._phases()[row]

    def row_of(self, phase_id: int) -> int:
        for i, p in enumerate(self._phases()):
            if p.id == phase_id:
                return i
        return -1

    # --- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._phases())

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section, orientation, role=DISPLAY):
        if role == TOOLTIP and orientation == Qt.Horizontal:
            return self._header_tips[section]
        if role != DISPLAY:
            return None
        if orientation == Qt.Horizontal:
            return self._headers[section]
        return str(section + 1)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemIsDropEnabled
        f = Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsDragEnabled
        if index.column() in EDITABLE_COLUMNS:
            f |= Qt.ItemIsEditable
        return f

    def scenario(self):
        """The scenario whose values the table shows and edits (the active one)."""
        return self.document.project.scenario

    def is_overridden(self, phase, field: str) -> bool:
        """True when the active scenario overrides this phase field."""
        return field in self.scenario().phase_overrides.get(phase.id, {})

    def value(self, phase, field: str):
        """A phase field as the active scenario simulates it."""
        return self.scenario().phase_value(phase, field) if field in SCENARIO_FIELDS else getattr(phase, field)

    def data(self, index, role=DISPLAY):
        if not index.isValid() or index.row() >= len(self._phases()):
            return None
        phase = self.phase_at(index.row())
        col = index.column()
        field = FIELDS.get(col)
        if role == DECORATION and col == COL_COLOR:
            return QColor(phase.color)
        if role == DECORATION and col == COL_NAME:
            return self._flag_icon() if phase.id in self.zone_flags else None
        if col == COL_COST and role in (TOOLTIP, BACKGROUND):
            return self._cost_extra(phase.id, role)
        if role == TOOLTIP:
            return self._tooltip(phase, col, field)
        if role == BACKGROUND and field in SCENARIO_FIELDS and self.is_overridden(phase, field):
            return QColor(OVERRIDE_COLOR)
        if role == ALIGNMENT and col in RIGHT_COLUMNS:
            return RIGHT_ALIGNED
        if role == USER:
            return phase.id
        if role not in (DISPLAY, EDIT):
            return None
        return self._text(phase, col, field, role)

    def _text(self, phase, col: int, field: str | None, role):
        if col in COUNT_COLUMNS:
            return self._count_text(phase.id, col)
        if col == COL_COST:
            return self._cost_text(phase.id)
        if field is None:
            return None
        if field == "depends_on":
            return format_dependencies(self.document.project, phase)
        value = self.value(phase, field)
        if field == "earliest_start":
            return value or ("" if role == EDIT else self.tr("project start"))
        if col in NUMBER_COLUMNS:
            return float(value) if role == EDIT else f"{value:g}"
        return value

    def _tooltip(self, phase, col: int, field: str | None):
        if col == COL_COLOR:
            return self.tr("Double-click to change the colour")
        if field == "name" and phase.id in self.zone_flags:
            return f"{phase.name}\n\n{self.zone_flags[phase.id]}"
        if field in ("name", "depends_on"):
            return self._text(phase, col, field, DISPLAY) or None  # the whole text when the cell cuts it
        if field not in SCENARIO_FIELDS:
            return None
        name = self.scenario().name
        if self.is_overridden(phase, field):
            own = getattr(phase, field)
            own = self.tr("project start") if own is None else f"{own:g}" if isinstance(own, float) else str(own)
            return self.tr("Scenario '{0}' sets this value (the phase's own: {1}). Editing it changes scenario "
                           "'{0}' only; an empty cell goes back to the phase's own value.").format(name, own)
        return self.tr("The phase's own value, used by scenario '{0}' (active) and every scenario that does not "
                       "override it. Editing it changes the phase.").format(name)

    # --- flags ----------------------------------------------------------------------------------
    def set_flags(self, flags: dict[int, str]) -> None:
        """Flag these phases (id -> tooltip text): a warning icon on their name, the text in its tooltip."""
        if flags == self.zone_flags:
            return
        self.zone_flags = dict(flags)
        if not self._sync_rows() and self._ids:
            self.dataChanged.emit(self.index(0, COL_NAME), self.index(len(self._ids) - 1, COL_NAME))

    def _flag_icon(self):
        if self._icon is None:
            from PySide6.QtWidgets import QApplication, QStyle

            self._icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._icon

    # --- money ----------------------------------------------------------------------------------
    def _on_result(self, result) -> None:
        costs = getattr(result, "costs", None)
        self._money = None if costs is None else (result, {pid: i for i, pid in enumerate(result.phase_ids)})
        if not self._sync_rows() and self._ids:
            self.dataChanged.emit(self.index(0, COL_COST), self.index(len(self._ids) - 1, COL_COST))

    def _phase_money(self, phase_id: int):
        if self._money is None or phase_id not in self._money[1]:
            return None
        return self._money[0], self._money[1][phase_id]

    def _cost_text(self, phase_id: int) -> str:
        found = self._phase_money(phase_id)
        if found is None:
            return "…"
        result, i = found
        return money(result.costs.phase_cost[i])

    def _cost_extra(self, phase_id: int, role):
        from planner.core.simulation.spend import first_wait_month

        found = self._phase_money(phase_id)
        if found is None:
            return None
        result, i = found
        c = result.costs
        waits = int(c.phase_waits()[i])
        if role == BACKGROUND:
            return QColor(MONEY_WAIT_COLOR) if waits else None
        tip = self.tr("{0} for its units, {1} fixed; {2} spent by {3}").format(
            money(c.phase_cost[i] - c.phase_fixed[i]), money(c.phase_fixed[i]),
            money(c.phase_spend[i, -1]), result.months[-1])
        if waits:
            tip += "\n" + self.tr("Waits for money {0} month(s), first in {1}").format(
                waits, first_wait_month(result, i))
        return tip

    def _read_counts(self) -> None:
        units = self.cache.units_by_phase_id()
        communes = self.cache.communes_by_phase_id()
        self._counts = {pid: (communes.get(pid, 0), u) for pid, u in units.items()}
        self._total = int(getattr(self.cache.assignment, "total_units", 0) or 0)

    def _count_text(self, phase_id: int, col: int) -> str:
        counts = self._counts.get(phase_id)
        if counts is None:
            return "…"  # a new phase: its counts are being computed
        communes, units = counts
        if col == COL_COMMUNES:
            return number(communes)
        if col == COL_UNITS:
            return number(units)
        return f"{100.0 * units / self._total:.1f} %" if self._total else "–"

    def setData(self, index, value, role=EDIT) -> bool:
        if role != EDIT or not index.isValid():
            return False
        phase = self.phase_at(index.row())
        col = index.column()
        field = FIELDS.get(col)
        if field is None:
            return False
        header = self._headers[col].replace("\n", " ")
        try:
            new = self._parse(phase, field, value)
            old = self.value(phase, field)
            if new == old:
                return False
            message = self._push_edit(phase, field, new, header, old)
        except (ValueError, PlannerError) as exc:
            self.editRejected.emit(self.tr("Phase '{0}', {1}: {2}").format(phase.name, header, exc))
            return False
        self.edited.emit(message)
        return True

    def _push_edit(self, phase, field: str, new, header: str, old) -> str:
        """Push the command for one edit; returns the message saying what changed, in which scenario(s)."""
        project = self.document.project
        shown = (lambda v: self.tr("project start") if v is None else f"{v:g}" if isinstance(v, float) else str(v))
        if field in SCENARIO_FIELDS and self.is_overridden(phase, field):
            self.document.push(SetScenarioParam(project, project.active_scenario, field, new, phase_id=phase.id))
            if new is None:
                return self.tr("Phase '{0}', {1}: scenario '{2}' now uses the phase's own value ({3}).").format(
                    phase.name, header, self.scenario().name, shown(getattr(phase, field)))
            return self.tr("Phase '{0}', {1}: {2} → {3} in scenario '{4}' only.").format(
                phase.name, header, shown(old), shown(new), self.scenario().name)
        cmd = pc.RenamePhase(project, phase.id, new) if field == "name" else \
            pc.SetPhaseAttribute(project, phase.id, field, new)
        self.document.push(cmd)
        if field not in SCENARIO_FIELDS:
            return ""
        others = [s.name for s in project.scenarios if field in s.phase_overrides.get(phase.id, {})]
        text = self.tr("Phase '{0}', {1}: {2} → {3}, the phase's own value, in every scenario").format(
            phase.name, header, shown(old), shown(new))
        if others:
            text += " " + self.tr("but {0} (they override it)").format(", ".join(f"'{n}'" for n in others))
        return text + "."

    def _parse(self, phase, field: str, value):
        if field == "name":
            return str(value).strip()
        if field == "earliest_start":
            text = str(value or "").strip()
            return format_month(parse_month_text(text)) if text else None
        if field in ("crews", "units_per_crew_month"):
            number = float(str(value).replace(",", "."))
            if number < 0 or (field == "units_per_crew_month" and number == 0):
                raise ValueError(self.tr("must be a positive number"))
            return number
        if field in ("study_months", "ramp_months"):
            number = float(str(value).replace(",", "."))
            if number < 0 or not number.is_integer():
                raise ValueError(self.tr("must be a whole number of months, 0 or more"))
            return int(number)
        return parse_dependencies(self.document.project, phase, value)

    # --- drag and drop reorder ------------------------------------------------------------------
    def supportedDropActions(self):
        return Qt.MoveAction

    def supportedDragActions(self):
        return Qt.MoveAction

    def mimeTypes(self):
        return [PHASE_MIME]

    def mimeData(self, indexes):
        rows = sorted({i.row() for i in indexes if i.isValid()})
        md = QMimeData()
        if rows:
            md.setData(PHASE_MIME, QByteArray(str(self.phase_at(rows[0]).id).encode()))
        return md

    def canDropMimeData(self, data, action, row, column, parent):
        return data.hasFormat(PHASE_MIME)

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if not data.hasFormat(PHASE_MIME):
            return False
        phase_id = int(bytes(data.data(PHASE_MIME)).decode())
        if row < 0:
            row = parent.row() if parent.isValid() else self.rowCount()
        self.move_phase(phase_id, row)
        # the command already moved the row: tell the view not to remove the dragged row itself
        return False

    def move_phase(self, phase_id: int, drop_row: int) -> bool:
        """Move a phase so that it lands before the row `drop_row` (as a drop does); True if it moved."""
        old = self.row_of(phase_id)
        if old < 0:
            return False
        new = drop_row - 1 if drop_row > old else drop_row
        new = max(0, min(new, self.rowCount() - 1))
        if new == old:
            return False
        self.document.push(pc.MovePhase(self.document.project, phase_id, new))
        return True

    # --- observing the document -----------------------------------------------------------------
    def _on_replaced(self) -> None:
        self.beginResetModel()
        self._ids = [p.id for p in self._phases()]
        self._read_counts()
        self.zone_flags = {}  # the checks of the new project bring its own
        self.endResetModel()

    def _sync_rows(self) -> bool:
        """Reset the model when the phases (ids or order) changed since it last looked; True if it did."""
        ids = [p.id for p in self._phases()]
        if ids == self._ids:
            return False
        self.beginResetModel()
        self._ids = ids
        self.endResetModel()
        return True

    def _on_changed(self, command) -> None:
        if self._sync_rows() or not self._ids:
            return
        # one phase's attribute changed: only its row (other rows show its name, not its attributes)
        ids = self._ids
        row = ids.index(command.phase_id) if isinstance(command, pc.SetPhaseAttribute) \
            and command.phase_id in ids else None
        first, last = (row, row) if row is not None else (0, len(ids) - 1)
        self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    def _on_counts(self, _assignment) -> None:
        # the counts may arrive before the document's change reaches this model (a phase added or deleted):
        # the rows follow the phases first, so the changed range is always one the view has
        self._read_counts()
        if not self._sync_rows() and self._ids:
            self.dataChanged.emit(self.index(0, COL_COMMUNES), self.index(len(self._ids) - 1, COL_SHARE))
