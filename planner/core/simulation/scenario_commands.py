"""Undoable edits of the project's scenarios: add, duplicate, rename, set a parameter, activate, delete."""
from __future__ import annotations

import copy
from typing import Any

from planner.core.project.commands import Command
from planner.core.errors import ParameterError
from planner.core.project.model import Project, Scenario
from planner.core.project.names import unique_name

_SCENARIO = frozenset({"scenario"})
_MISSING = object()


def unique_scenario_name(project: Project, wanted: str) -> str:
    """`wanted`, or `wanted (2)`, `wanted (3)`... so that no two scenarios share a name."""
    return unique_name(wanted, (s.name for s in project.scenarios))


def _check_index(project: Project, index: int) -> None:
    if not 0 <= index < len(project.scenarios):
        raise ParameterError(f"no scenario number {index}")


class _ScenarioCommand(Command):
    """Base: scenario edits never change the assignment of premises to phases."""

    touches = _SCENARIO
    first_changed_phase = None


class AddScenario(_ScenarioCommand):
    """Append `scenario` (renamed if its name is taken); optionally make it the active one."""

    def __init__(self, scenario: Scenario, activate: bool = True):
        self.scenario = scenario
        self.activate = activate
        self.label = f"Add scenario {scenario.name}"
        self._index: int | None = None
        self._previous_active = 0

    def do(self, project: Project) -> None:
        if self._index is None:
            self.scenario.name = unique_scenario_name(project, self.scenario.name)
            self.label = f"Add scenario {self.scenario.name}"
        self._previous_active = project.active_scenario
        project.scenarios.append(self.scenario)
        self._index = len(project.scenarios) - 1
        if self.activate:
            project.active_scenario = self._index

    def undo(self, project: Project) -> None:
        project.scenarios.pop(self._index)
        project.active_scenario = self._previous_active


class DuplicateScenario(AddScenario):
    """Append a deep copy of scenario `index` named `name` (default '<name> (copy)') and activate it."""

    def __init__(self, project: Project, index: int, name: str | None = None, activate: bool = True):
        _check_index(project, index)
        source = project.scenarios[index]
        super().__init__(source.copy(name or f"{source.name} (copy)"), activate)
        self.label = f"Duplicate scenario {source.name}"


class RenameScenario(_ScenarioCommand):
    """Rename scenario `index`; an empty or already used name is refused."""

    def __init__(self, project: Project, index: int, name: str):
        _check_index(project, index)
        name = str(name).strip()
        if not name:
            raise ParameterError("a scenario needs a name", field="name")
        if any(s.name == name for i, s in enumerate(project.scenarios) if i != index):
            raise ParameterError(f"a scenario is already called '{name}'", field="name")
        self.index = index
        self.name = name
        self.old = project.scenarios[index].name
        self.label = f"Rename scenario {self.old} to {name}"

    def do(self, project: Project) -> None:
        project.scenarios[self.index].name = self.name

    def undo(self, project: Project) -> None:
        project.scenarios[self.index].name = self.old


def _get_path(obj: Any, path: str) -> Any:
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def _set_path(obj: Any, path: str, value: Any) -> None:
    parts = path.split(".")
    for part in parts[:-1]:
        obj = getattr(obj, part)
    setattr(obj, parts[-1], value)


class SetScenarioParam(_ScenarioCommand):
    """Set one parameter of scenario `index`.

    Without `phase_id`, `name` is a scenario attribute, dotted for nested ones ('start',
    'marketing_delay_months', 'take_up.max_share', 'uncertainty', 'crew_pool').
    With `phase_id`, it is a phase field overridden for this scenario ('crews', 'units_per_crew_month',
    'earliest_start', 'study_months', ...); `value=None` removes the override.
    Consecutive edits of the same parameter merge into one undo step (e.g. spin box arrows).
    """

    merge_id = 7301

    def __init__(self, project: Project, index: int, name: str, value: Any, phase_id: int | None = None):
        _check_index(project, index)
        scenario = project.scenarios[index]
        if phase_id is None:
            try:
                old = _get_path(scenario, name)
            except AttributeError:
                raise ParameterError(f"unknown scenario parameter '{name}'", field=name) from None
        else:
            phase = project.phase_by_id(phase_id)
            if not hasattr(phase, name):
                raise ParameterError(f"unknown phase parameter '{name}'", phase=phase.name, field=name)
            old = scenario.phase_overrides.get(phase_id, {}).get(name, _MISSING)
        self.index = index
        self.name = name
        self.phase_id = phase_id
        self.value = copy.deepcopy(value)
        self.old = old if old is _MISSING else copy.deepcopy(old)
        where = name if phase_id is None else f"{project.phase_by_id(phase_id).name} {name}"
        self.label = f"Set {where} in scenario {scenario.name}"

    def _apply(self, project: Project, value: Any) -> None:
        scenario = project.scenarios[self.index]
        if self.phase_id is None:
            _set_path(scenario, self.name, copy.deepcopy(value))
            return
        overrides = scenario.phase_overrides.setdefault(self.phase_id, {})
        if value is _MISSING or value is None:
            overrides.pop(self.name, None)
        else:
            overrides[self.name] = copy.deepcopy(value)
        if not overrides:
            scenario.phase_overrides.pop(self.phase_id, None)

    def do(self, project: Project) -> None:
        self._apply(project, self.value)

    def undo(self, project: Project) -> None:
        self._apply(project, self.old)

    def merge_with(self, other: Command) -> bool:
        if (isinstance(other, SetScenarioParam) and other.index == self.index and other.name == self.name
                and other.phase_id == self.phase_id):
            self.value = other.value
            return True
        return False


class SetActiveScenario(_ScenarioCommand):
    """Make scenario `index` the one the map, curves and exports show."""

    def __init__(self, project: Project, index: int):
        _check_index(project, index)
        self.index = index
        self.old = project.active_scenario
        self.label = f"Activate scenario {project.scenarios[index].name}"

    def do(self, project: Project) -> None:
        project.active_scenario = self.index

    def undo(self, project: Project) -> None:
        project.active_scenario = self.old


class DeleteScenario(_ScenarioCommand):
    """Remove scenario `index`; the last remaining scenario cannot be deleted."""

    def __init__(self, project: Project, index: int):
        _check_index(project, index)
        if len(project.scenarios) <= 1:
            raise ParameterError("the last scenario cannot be deleted")
        self.index = index
        self.scenario = project.scenarios[index]
        self.old_active = project.active_scenario
        self.label = f"Delete scenario {self.scenario.name}"

    def do(self, project: Project) -> None:
        project.scenarios.pop(self.index)
        active = self.old_active
        if active > self.index or active >= len(project.scenarios):
            active -= 1
        project.active_scenario = max(0, active)

    def undo(self, project: Project) -> None:
        project.scenarios.insert(self.index, self.scenario)
        project.active_scenario = self.old_active
