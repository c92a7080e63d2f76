"""Undoable phase edits (add, delete, rename, attributes, reorder, zones, vertices, communes, import, batches).

Every command is built against the current project (`Cmd(project, ...)`): the constructor validates the
input (raising ParameterError naming the phase and field, before anything is pushed), computes the new
state and the label ("Move vertex of Phase 3"); `do`/`undo` then only swap stored values, so do → undo
leaves the project identical and redo equals do. Phases are addressed by id.

`first_changed_phase` is the index of the first phase whose assignment may change (None: none), for
`assign(project, previous, first_changed_phase=k)`. `touches` says what observers must refresh.

Zone vertices are addressed by (part, ring, index): part = polygon of a MultiPolygon (0 for a Polygon),
ring 0 = exterior, ring r >= 1 = hole r-1, index = vertex in the ring without the closing repeat.
"""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np
import shapely

from planner.core.project.commands import Command
from planner.core.errors import ParameterError
from planner.core.project.model import Phase, Project
from planner.core.project.names import unique_name
from planner.core.phases.phase_attributes import FIELD_LABELS, checked_codes, checked_value
from planner.core.phases.zones import (normalize_zone, zone_with_deleted_vertex, zone_with_inserted_vertex,
                                       zone_with_moved_vertex)

PHASES = frozenset({"phases"})
PHASES_GEOMETRY = frozenset({"phases", "geometry"})
PHASES_ORDER = frozenset({"phases", "order"})


# --- snapshot for tests and change detection ----------------------------------------------------------------

def phase_snapshot(phase: Phase) -> tuple:
    """A canonical, comparable picture of one phase: every field, the zone as WKB."""
    return (
        phase.id, phase.name, phase.color,
        None if phase.zone is None else shapely.to_wkb(phase.zone),
        tuple(phase.communes), phase.earliest_start, phase.crews, phase.units_per_crew_month,
        phase.study_months, phase.ramp_months,
        tuple((d.phase_id, d.pct) for d in phase.depends_on),
        phase.order, phase.commune_order, None if phase.origin is None else tuple(phase.origin), phase.use_pool,
    )


def phases_snapshot(project: Project) -> tuple:
    """Canonical picture of all phases in order (compare before/after do/undo)."""
    return tuple(phase_snapshot(p) for p in project.phases)


# --- base classes -----------------------------------------------------------------------------------------

def _phase(project: Project, phase_id: int) -> Phase:
    try:
        return project.phase_by_id(phase_id)
    except KeyError:
        raise ParameterError(f"no phase with id {phase_id}") from None


def _index(project: Project, phase_id: int) -> int:
    for i, p in enumerate(project.phases):
        if p.id == phase_id:
            return i
    raise ParameterError(f"no phase with id {phase_id}")


class _SetFields(Command):
    """Sets stored field values on phases (by id); undo restores the old values."""

    def __init__(self, label: str, changes: dict[int, dict[str, tuple[Any, Any]]], touches, first_changed):
        self.label = label
        self._changes = changes  # phase id -> field -> (old, new)
        self.touches = frozenset(touches)
        self.first_changed_phase = first_changed

    def _apply(self, project: Project, which: int) -> None:
        for pid, fields in self._changes.items():
            phase = project.phase_by_id(pid)
            for name, values in fields.items():
                setattr(phase, name, values[which])

    def do(self, project: Project) -> None:
        self._apply(project, 1)

    def undo(self, project: Project) -> None:
        self._apply(project, 0)


# --- phases: add, delete, rename, reorder, import -----------------------------------------------------------

def _unique_name(project: Project, base: str = "Phase") -> str:
    return unique_name(base, (p.name for p in project.phases), numbered=True, first=len(project.phases) + 1)


class AddPhase(Command):
    """Add a phase at `index` (default: last). `phase` may be given complete (its id is renewed on collision);
    otherwise a new one is made with a unique name ('Phase 4'), the next palette colour and `attrs`."""

    touches = PHASES_ORDER

    def __init__(self, project: Project, name: str | None = None, index: int | None = None,
                 phase: Phase | None = None, **attrs):
        if phase is None:
            phase = Phase(id=project.next_phase_id(), name=name or _unique_name(project),
                          color=project.next_phase_color())
            for key, value in attrs.items():
                setattr(phase, key, value if key == "zone" else checked_value(project, phase, key, value))
        else:
            phase = phase.copy()
            if name:
                phase.name = name
            if any(p.id == phase.id for p in project.phases):
                phase.id = project.next_phase_id()
        _check_name(project, phase.name, None)
        phase.zone = normalize_zone(phase.zone)
        self.phase = phase
        self.index = len(project.phases) if index is None else max(0, min(int(index), len(project.phases)))
        self.first_changed_phase = self.index
        self.label = f"Add {phase.name}"

    def do(self, project: Project) -> None:
        project.phases.insert(self.index, self.phase)

    def undo(self, project: Project) -> None:
        project.phases.remove(self.phase)


class DeletePhase(Command):
    """Delete a phase; dependencies of other phases on it are removed too (and restored by undo)."""

    touches = PHASES_ORDER

    def __init__(self, project: Project, phase_id: int):
        self.phase = _phase(project, phase_id)
        self.index = _index(project, phase_id)
        self.first_changed_phase = self.index
        self.label = f"Delete {self.phase.name}"
        self._deps = {}  # phase id -> (old dependencies, new dependencies)
        for p in project.phases:
            if any(d.phase_id == phase_id for d in p.depends_on):
                self._deps[p.id] = (p.depends_on, [d for d in p.depends_on if d.phase_id != phase_id])

    def do(self, project: Project) -> None:
        for pid, (_, new) in self._deps.items():
            project.phase_by_id(pid).depends_on = new
        project.phases.pop(self.index)

    def undo(self, project: Project) -> None:
        project.phases.insert(self.index, self.phase)
        for pid, (old, _) in self._deps.items():
            project.phase_by_id(pid).depends_on = old


def _check_name(project: Project, name: str, own_id: int | None) -> None:
    if not str(name).strip():
        raise ParameterError("a phase name cannot be empty", name, "name")
    if any(p.name == name and p.id != own_id for p in project.phases):
        raise ParameterError("another phase has this name", name, "name")


class RenamePhase(_SetFields):
    """Rename a phase (label 'Rename Phase 3'); names are unique and not empty."""

    def __init__(self, project: Project, phase_id: int, name: str):
        phase = _phase(project, phase_id)
        name = str(name).strip()
        _check_name(project, name, phase_id)
        super().__init__(f"Rename {phase.name}", {phase_id: {"name": (phase.name, name)}}, PHASES, None)


class MovePhase(Command):
    """Move a phase to position `new_index` in the order (the order is the priority)."""

    touches = PHASES_ORDER

    def __init__(self, project: Project, phase_id: int, new_index: int):
        phase = _phase(project, phase_id)
        self.old = _index(project, phase_id)
        self.new = max(0, min(int(new_index), len(project.phases) - 1))
        self.phase_id = phase_id
        self.first_changed_phase = min(self.old, self.new) if self.old != self.new else None
        way = "up" if self.new < self.old else "down"
        self.label = f"Move {phase.name} {way}" if abs(self.new - self.old) == 1 else f"Reorder {phase.name}"

    def _move(self, project: Project, a: int, b: int) -> None:
        p = project.phases.pop(a)
        project.phases.insert(b, p)

    def do(self, project: Project) -> None:
        self._move(project, self.old, self.new)

    def undo(self, project: Project) -> None:
        self._move(project, self.new, self.old)


class ImportPhases(Command):
    """Add many phases at once (after the existing ones, or replacing them all with `replace=True`)."""

    touches = PHASES_ORDER

    def __init__(self, project: Project, phases: Iterable[Phase], replace: bool = False, label: str | None = None):
        used = set() if replace else {p.id for p in project.phases}
        names = set() if replace else {p.name for p in project.phases}
        next_id = max(used, default=0) + 1
        new = []
        for ph in phases:
            ph = ph.copy()
            if ph.id in used:
                ph.id = next_id
            used.add(ph.id)
            next_id = max(used) + 1
            base, n = ph.name, 2
            while ph.name in names:
                ph.name = f"{base} ({n})"
                n += 1
            names.add(ph.name)
            ph.zone = normalize_zone(ph.zone)
            new.append(ph)
        self.new = new
        self.old = list(project.phases)
        self.replace = replace
        self.first_changed_phase = 0 if replace else len(project.phases)
        self.label = label or (f"Import {len(new)} phases" if len(new) != 1 else f"Import {new[0].name}")

    def do(self, project: Project) -> None:
        project.phases[:] = (self.new if self.replace else self.old + self.new)

    def undo(self, project: Project) -> None:
        project.phases[:] = self.old


# --- attributes -------------------------------------------------------------------------------------------

class SetPhaseAttribute(_SetFields):
    """Set one field of a phase ('Change crews of Phase 3'): color, earliest_start, crews,
    units_per_crew_month, study_months, ramp_months, depends_on, order, commune_order, origin, use_pool,
    communes (the manual order). Values are validated (ParameterError naming the phase and field)."""

    def __init__(self, project: Project, phase_id: int, name: str, value):
        phase = _phase(project, phase_id)
        new = checked_value(project, phase, name, value)
        old = getattr(phase, name)
        if name == "communes":
            touches, first = PHASES_GEOMETRY, _index(project, phase_id)
        else:
            touches, first = PHASES, None
        label = f"Change {FIELD_LABELS.get(name, name)} of {phase.name}"
        super().__init__(label, {phase_id: {name: (old, new)}}, touches, first)
        self.phase_id, self.name = phase_id, name


# --- zones ------------------------------------------------------------------------------------------------

class SetPhaseZone(_SetFields):
    """Replace a phase's drawn zone (label 'Draw zone of Phase 2' unless given); the zone is normalised."""

    def __init__(self, project: Project, phase_id: int, zone, label: str | None = None, normalize: bool = True):
        phase = _phase(project, phase_id)
        new = normalize_zone(zone) if normalize else zone
        super().__init__(label or f"Draw zone of {phase.name}", {phase_id: {"zone": (phase.zone, new)}},
                         PHASES_GEOMETRY, _index(project, phase_id))
        self.phase_id = phase_id


def _zone_of(project: Project, phase_id: int) -> tuple[Phase, Any]:
    phase = _phase(project, phase_id)
    if phase.zone is None or shapely.is_empty(phase.zone):
        raise ParameterError("the phase has no drawn zone", phase.name, "zone")
    return phase, phase.zone


class MoveVertex(SetPhaseZone):
    """Move vertex (part, ring, index) to (x, y): one drag = one command, pushed on release."""

    def __init__(self, project: Project, phase_id: int, part: int, ring: int, index: int, x: float, y: float):
        phase, zone = _zone_of(project, phase_id)
        new = zone_with_moved_vertex(zone, phase, part, ring, index, x, y)
        super().__init__(project, phase_id, new, f"Move vertex of {phase.name}", normalize=False)
        self.vertex = (part, ring, index)


class InsertVertex(SetPhaseZone):
    """Insert a vertex at position `index` of ring (part, ring), e.g. on the edge index-1 → index."""

    def __init__(self, project: Project, phase_id: int, part: int, ring: int, index: int, x: float, y: float):
        phase, zone = _zone_of(project, phase_id)
        new = zone_with_inserted_vertex(zone, phase, part, ring, index, x, y)
        super().__init__(project, phase_id, new, f"Insert vertex in {phase.name}", normalize=False)
        self.vertex = (part, ring, index)


class DeleteVertex(SetPhaseZone):
    """Delete vertex (part, ring, index); a ring keeps at least 3 vertices (else ParameterError)."""

    def __init__(self, project: Project, phase_id: int, part: int, ring: int, index: int):
        phase, zone = _zone_of(project, phase_id)
        new = zone_with_deleted_vertex(zone, phase, part, ring, index)
        super().__init__(project, phase_id, new, f"Delete vertex of {phase.name}", normalize=False)
        self.vertex = (part, ring, index)


class TranslateZone(SetPhaseZone):
    """Move the whole drawn zone by (dx, dy) metres."""

    def __init__(self, project: Project, phase_id: int, dx: float, dy: float):
        phase, zone = _zone_of(project, phase_id)
        new = shapely.transform(zone, lambda xy: xy + np.array([float(dx), float(dy)]))
        super().__init__(project, phase_id, new, f"Move zone of {phase.name}", normalize=False)
        self.offset = (float(dx), float(dy))


# --- communes ---------------------------------------------------------------------------------------------

def _communes_label(project: Project, verb: str, codes: list[str], prep: str, phase: Phase) -> str:
    if len(codes) == 1:
        name = codes[0]
        if project.communes is not None:
            try:
                name = str(project.communes.names[project.communes.index_of(codes[0])])
            except KeyError:
                pass
        return f"{verb} {name} {prep} {phase.name}"
    return f"{verb} {len(codes)} communes {prep} {phase.name}"


class AddCommunesToPhase(_SetFields):
    """Pick communes (INSEE codes) into a phase; with `take_from_others` they leave the other phases."""

    def __init__(self, project: Project, phase_id: int, codes, take_from_others: bool = False):
        phase = _phase(project, phase_id)
        codes = checked_codes(project, phase, codes)
        changes = {}
        new = phase.communes + [c for c in codes if c not in set(phase.communes)]
        if new != phase.communes:
            changes[phase_id] = {"communes": (phase.communes, new)}
        if take_from_others:
            wanted = set(codes)
            for p in project.phases:
                if p.id != phase_id and wanted & set(p.communes):
                    changes[p.id] = {"communes": (p.communes, [c for c in p.communes if c not in wanted])}
        first = min((_index(project, pid) for pid in changes), default=None)
        super().__init__(_communes_label(project, "Add", codes, "to", phase), changes, PHASES_GEOMETRY, first)
        self.phase_id, self.codes = phase_id, codes


class RemoveCommunesFromPhase(_SetFields):
    """Remove communes (INSEE codes) from a phase's picked communes."""

    def __init__(self, project: Project, phase_id: int, codes):
        phase = _phase(project, phase_id)
        codes = [str(c) for c in codes]
        gone = set(codes)
        new = [c for c in phase.communes if c not in gone]
        changes = {phase_id: {"communes": (phase.communes, new)}} if new != phase.communes else {}
        first = _index(project, phase_id) if changes else None
        super().__init__(_communes_label(project, "Remove", codes, "from", phase), changes, PHASES_GEOMETRY, first)
        self.phase_id, self.codes = phase_id, codes


# --- batches ----------------------------------------------------------------------------------------------

class MacroCommand(Command):
    """Several commands as one undo step. Sub-commands are built against the state before the macro, so
    they must be independent of one another (e.g. one attribute on several phases)."""

    def __init__(self, label: str, commands: list[Command]):
        self.label = label
        self.commands = list(commands)
        self.touches = frozenset().union(*(c.touches for c in self.commands)) if self.commands else PHASES
        firsts = [c.first_changed_phase for c in self.commands if c.first_changed_phase is not None]
        self.first_changed_phase = min(firsts) if firsts else None

    def do(self, project: Project) -> None:
        for c in self.commands:
            c.do(project)

    def undo(self, project: Project) -> None:
        for c in reversed(self.commands):
            c.undo(project)
