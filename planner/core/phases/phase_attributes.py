"""Phase attributes a planner may set, checked before any command is pushed: numbers and their bounds, months,
colours, build orders, dependencies (no cycle, no unknown phase) and commune codes, each error naming the phase
and the field (ParameterError)."""
from __future__ import annotations

import math
import re

import numpy as np

from planner.core.errors import ParameterError
from planner.core.months import format_month, parse_month
from planner.core.project.model import Dependency, Phase, Project


FIELD_LABELS = {
    "color": "colour", "earliest_start": "earliest start", "crews": "crews",
    "units_per_crew_month": "units per crew per month", "study_months": "study months",
    "ramp_months": "ramp-up months", "depends_on": "dependencies", "order": "build order",
    "commune_order": "commune order", "origin": "origin", "use_pool": "crew pool use",
    "communes": "communes",
}
_COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


def _number(value, phase: Phase, name: str, minimum: float, strict: bool = False) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ParameterError(f"not a number: {value!r}", phase.name, name) from None
    if not math.isfinite(v) or v < minimum or (strict and v == minimum):
        raise ParameterError(f"must be {'>' if strict else '>='} {minimum:g}, got {value!r}", phase.name, name)
    return v


def _integer(value, phase: Phase, name: str) -> int:
    v = _number(value, phase, name, 0)
    if v != int(v):
        raise ParameterError(f"must be a whole number of months, got {value!r}", phase.name, name)
    return int(v)


def _dependencies(project: Project, phase: Phase, value) -> list[Dependency]:
    deps = []
    for item in value or []:
        if isinstance(item, Dependency):
            d = Dependency(item.phase_id, item.pct)
        elif isinstance(item, (tuple, list)):
            d = Dependency(int(item[0]), float(item[1]) if len(item) > 1 else 100.0)
        else:
            d = Dependency(int(item))
        if d.phase_id == phase.id:
            raise ParameterError("a phase cannot depend on itself", phase.name, "depends_on")
        if not any(p.id == d.phase_id for p in project.phases):
            raise ParameterError(f"unknown phase id {d.phase_id}", phase.name, "depends_on")
        if not (0 < d.pct <= 100):
            raise ParameterError(f"percentage must be in ]0, 100], got {d.pct!r}", phase.name, "depends_on")
        deps.append(d)
    # refuse cycles: walk what the new dependencies depend on
    graph = {p.id: [d.phase_id for d in p.depends_on] for p in project.phases}
    graph[phase.id] = [d.phase_id for d in deps]
    seen, stack = set(), [d.phase_id for d in deps]
    while stack:
        pid = stack.pop()
        if pid == phase.id:
            raise ParameterError("these dependencies make a cycle", phase.name, "depends_on")
        if pid not in seen:
            seen.add(pid)
            stack.extend(graph.get(pid, []))
    return deps


def checked_value(project: Project, phase: Phase, name: str, value):
    """The value to store for field `name`, or ParameterError naming the phase and field."""
    if name == "color":
        if not isinstance(value, str) or not _COLOR_RE.match(value):
            raise ParameterError(f"expected a colour '#rrggbb', got {value!r}", phase.name, name)
        return value.lower()
    if name == "earliest_start":
        if value in (None, ""):
            return None
        try:
            return format_month(parse_month(value))
        except ValueError as exc:
            raise ParameterError(str(exc), phase.name, name) from None
    if name == "crews":
        return _number(value, phase, name, 0)
    if name == "units_per_crew_month":
        return _number(value, phase, name, 0, strict=True)
    if name in ("study_months", "ramp_months"):
        return _integer(value, phase, name)
    if name == "depends_on":
        return _dependencies(project, phase, value)
    if name == "order":
        if value not in ("by_commune", "pro_rata"):
            raise ParameterError(f"expected 'by_commune' or 'pro_rata', got {value!r}", phase.name, name)
        return value
    if name == "commune_order":
        if value not in ("manual", "largest", "nearest"):
            raise ParameterError(f"expected 'manual', 'largest' or 'nearest', got {value!r}", phase.name, name)
        return value
    if name == "origin":
        if value is None:
            return None
        try:
            x, y = (float(v) for v in value)
        except (TypeError, ValueError):
            raise ParameterError(f"expected (x, y) in metres, got {value!r}", phase.name, name) from None
        return (x, y)
    if name == "use_pool":
        if not isinstance(value, (bool, np.bool_, int)):
            raise ParameterError(f"expected true/false, got {value!r}", phase.name, name)
        return bool(value)
    if name == "communes":
        return checked_codes(project, phase, value)
    if name in ("name", "zone", "id"):
        raise ParameterError("use RenamePhase / SetPhaseZone for this field", phase.name, name)
    raise ParameterError("unknown phase field", phase.name, name)


def checked_codes(project: Project, phase: Phase, codes) -> list[str]:
    codes = [str(c) for c in codes]
    if project.communes is not None:
        known = set(project.communes.codes.tolist())
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise ParameterError(f"unknown INSEE code(s) {', '.join(unknown[:5])}", phase.name, "communes")
    return list(dict.fromkeys(codes))
