"""Phase plan checks for the validation panel: overlaps, empty phases, dependency cycles, bad zones and codes.

    validate(project, assignment=None, min_overlap_area=100.0) -> list[Issue]

Each Issue has a kind, a severity ('error' | 'warning'), a message naming the phases, the phase ids involved
and `bounds` (xmin, ymin, xmax, ymax in EPSG:2154, or None) so that the UI can zoom to it. Overlaps carry
the overlap geometry, its area (m²) and the units inside both zones (these go to the earlier phase). A phase (or
one drawn part of its zone) that takes no unit because earlier phases hold them all names those phases in
`holder_ids`, with the units it would have taken in `units` (the phase table flags it from these fields).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely

from planner.core.phases.assignment import (Assignment, assign, commune_representative_points, phase_commune_rows,
                                            premise_value_mask)
from planner.core.phases.phase_area import phase_area_geometry
from planner.core.project.model import Phase, Project

OVERLAP = "overlap"
EMPTY = "empty"
#: one drawn part of a phase's zone takes no unit: earlier phases hold everything inside it
PART_TAKEN = "part_taken"
CYCLE = "dependency_cycle"
UNKNOWN_DEPENDENCY = "unknown_dependency"
INVALID_ZONE = "invalid_zone"
UNKNOWN_COMMUNE = "unknown_commune"


@dataclass
class Issue:
    """One problem of the phase plan, with where it is (bounds) for 'zoom to'."""

    kind: str
    severity: str
    message: str
    phase_ids: list[int] = field(default_factory=list)
    bounds: tuple[float, float, float, float] | None = None
    geometry: object = None  # the overlap (or the faulty zone)
    area: float = 0.0  # m², overlaps
    units: int = 0  # units concerned (in the overlap; of an empty phase or part, those earlier phases hold)
    #: phases (ids, in phase order) holding the units an empty phase or part would take
    holder_ids: list[int] = field(default_factory=list)
    part: int = 0  # PART_TAKEN: which polygon of the drawn zone (1-based)
    #: what the window needs to word the issue in its own language (the message is English, for logs and the CLI):
    #: EMPTY {'why': 'no_zone' | 'held' | 'no_units'}; UNKNOWN_DEPENDENCY {'dependency': id};
    #: INVALID_ZONE {'reason': GEOS's text}; UNKNOWN_COMMUNE {'codes': the first five, 'count': all}
    facts: dict = field(default_factory=dict)


def _bounds(geom) -> tuple[float, float, float, float] | None:
    if geom is None or shapely.is_empty(geom):
        return None
    return tuple(float(v) for v in shapely.bounds(geom))


def _union_bounds(boxes) -> tuple[float, float, float, float] | None:
    boxes = [b for b in boxes if b is not None]
    if not boxes:
        return None
    a = np.asarray(boxes)
    return (float(a[:, 0].min()), float(a[:, 1].min()), float(a[:, 2].max()), float(a[:, 3].max()))


def _membership(project: Project, assignment: Assignment, phase: Phase) -> np.ndarray:
    """Boolean mask of the units (premises, or communes without a premise layer) inside a phase's zone."""
    n_c = 0 if project.communes is None else len(project.communes)
    rows = phase_commune_rows(project, phase)
    if assignment.commune_level:
        mask = np.zeros(n_c, dtype=bool)
        mask[rows] = True
        if phase.zone is not None and not shapely.is_empty(phase.zone):
            pts = commune_representative_points(project)
            mask |= shapely.intersects_xy(phase.zone, shapely.get_x(pts), shapely.get_y(pts))
        return mask
    listed = np.zeros(n_c + 1, dtype=bool)
    listed[rows] = True
    mask = listed[assignment.premise_commune]
    by_value = premise_value_mask(project.premises, phase)
    if by_value is not None:
        mask |= by_value
    if phase.zone is not None and not shapely.is_empty(phase.zone):
        x, y = project.premises.x, project.premises.y
        xmin, ymin, xmax, ymax = shapely.bounds(phase.zone)
        cand = np.flatnonzero((x >= xmin) & (x <= xmax) & (y >= ymin) & (y <= ymax) & ~mask)
        mask[cand[shapely.intersects_xy(phase.zone, x[cand], y[cand])]] = True
    return mask


def _unit_weights(project: Project, assignment: Assignment) -> np.ndarray:
    if assignment.commune_level:
        return assignment.commune_units
    if assignment.premise_units is not None:
        return assignment.premise_units
    return project.premises.units


def overlap_issues(project: Project, assignment: Assignment, min_area: float = 100.0) -> list[Issue]:
    """Pairs of phases whose zones overlap by more than `min_area` m² (tiny slivers between commune outlines
    are ignored), with the overlap geometry and the units inside both (counted in the earlier phase)."""
    phases = project.phases
    geoms = [phase_area_geometry(project, p) for p in phases]
    boxes = [_bounds(g) for g in geoms]
    masks: dict[int, np.ndarray] = {}
    weights = None
    issues = []
    for i in range(len(phases)):
        for j in range(i + 1, len(phases)):
            a, b = boxes[i], boxes[j]
            if a is None or b is None or a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1]:
                continue
            inter = shapely.intersection(geoms[i], geoms[j])
            area = float(shapely.area(inter))
            if area <= min_area:
                continue
            if weights is None:
                weights = _unit_weights(project, assignment)
            for k in (i, j):
                if k not in masks:
                    masks[k] = _membership(project, assignment, phases[k])
            units = int(weights[masks[i] & masks[j]].sum())
            issues.append(Issue(
                OVERLAP, "warning",
                f"{phases[i].name} and {phases[j].name} overlap ({area / 1e6:.2f} km², {units} units): "
                f"these go to {phases[i].name}",
                [phases[i].id, phases[j].id], _bounds(inter), inter, area, units))
    return issues


def _unit_phase(assignment: Assignment) -> np.ndarray:
    """Phase index holding each unit (premise, or commune without a premise layer), -1 unplanned."""
    return assignment.commune_phase if assignment.commune_level else assignment.premise_phase


def _holders(project: Project, assignment: Assignment, mask: np.ndarray) -> tuple[list[int], int]:
    """(ids of the phases holding the units in `mask`, in phase order; those units)."""
    held = _unit_phase(assignment)[mask]
    weights = _unit_weights(project, assignment)[mask]
    found = np.unique(held[held >= 0])
    return [project.phases[int(k)].id for k in found], int(weights[held >= 0].sum())


def empty_phase_issues(project: Project, assignment: Assignment) -> list[Issue]:
    """Phases with no units: no zone at all, no premise inside, or everything taken by earlier phases (named)."""
    issues = []
    names = {p.id: p.name for p in project.phases}
    for i, phase in enumerate(project.phases):
        if i < len(assignment.phase_units) and assignment.phase_units[i] > 0:
            continue
        geom = phase_area_geometry(project, phase)
        mask = _membership(project, assignment, phase) if assignment.total_units else None
        holders, units = _holders(project, assignment, mask) if mask is not None and mask.any() else ([], 0)
        if geom is None and not phase.premise_values:
            code, why = "no_zone", "has no zone and no communes"
        elif holders:
            code, why = "held", (f"has no units of its own: its {units} units fall in earlier phases "
                                 f"({', '.join(names[h] for h in holders)})")
        else:
            code, why = "no_units", "contains no units"
        issues.append(Issue(EMPTY, "warning", f"{phase.name} {why}", [phase.id], _bounds(geom), geom, units=units,
                            holder_ids=holders, facts={"why": code}))
    return issues


def taken_part_issues(project: Project, assignment: Assignment) -> list[Issue]:
    """Drawn parts of a phase's zone that take no unit while the phase has some: earlier phases hold all the units
    inside the part (e.g. a polygon drawn over another phase while this one was selected)."""
    issues = []
    names = {p.id: p.name for p in project.phases}
    unit_phase = _unit_phase(assignment)
    if assignment.commune_level:
        pts = commune_representative_points(project)
        x, y = shapely.get_x(pts), shapely.get_y(pts)
    else:
        x, y = project.premises.x, project.premises.y
    for i, phase in enumerate(project.phases):
        zone = phase.zone
        if (zone is None or shapely.is_empty(zone) or i >= len(assignment.phase_units)
                or assignment.phase_units[i] <= 0):
            continue
        parts = shapely.get_parts(zone if shapely.is_valid(zone) else shapely.make_valid(zone))
        for k, part in enumerate(parts, start=1):
            if shapely.get_type_id(part) not in (3, 6):  # polygons only (make_valid may leave lines)
                continue
            xmin, ymin, xmax, ymax = shapely.bounds(part)
            cand = np.flatnonzero((x >= xmin) & (x <= xmax) & (y >= ymin) & (y <= ymax))
            inside = cand[shapely.intersects_xy(part, x[cand], y[cand])]
            if not len(inside) or (unit_phase[inside] == i).any():
                continue
            mask = np.zeros(len(x), dtype=bool)
            mask[inside] = True
            holders, units = _holders(project, assignment, mask)
            if holders:
                issues.append(Issue(
                    PART_TAKEN, "warning",
                    f"Part {k} of {phase.name}'s zone takes no units: its {units} units fall in earlier phases "
                    f"({', '.join(names[h] for h in holders)})",
                    [phase.id], _bounds(part), part, units=units, holder_ids=holders, part=k))
    return issues


def dependency_issues(project: Project) -> list[Issue]:
    """Dependencies on unknown phases, and dependency cycles (each cycle reported once)."""
    ids = {p.id: p for p in project.phases}
    issues = []
    graph = {}
    for p in project.phases:
        graph[p.id] = []
        for d in p.depends_on:
            if d.phase_id not in ids:
                issues.append(Issue(UNKNOWN_DEPENDENCY, "error",
                                    f"{p.name} depends on an unknown phase (id {d.phase_id})", [p.id],
                                    _bounds(phase_area_geometry(project, p)), facts={"dependency": d.phase_id}))
            else:
                graph[p.id].append(d.phase_id)
    # cycles: iterative depth-first search, colouring 0 = new, 1 = on the path, 2 = done
    colour = {pid: 0 for pid in graph}
    seen_cycles = set()
    for start in graph:
        if colour[start]:
            continue
        path, stack = [], [(start, iter(graph[start]))]
        colour[start] = 1
        path.append(start)
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                colour[node] = 2
                stack.pop()
                path.pop()
            elif colour[nxt] == 1:
                cycle = path[path.index(nxt):]
                key = frozenset(cycle)
                if key not in seen_cycles:
                    seen_cycles.add(key)
                    names = " → ".join(ids[c].name for c in cycle + [nxt])
                    issues.append(Issue(CYCLE, "error", f"Dependency cycle: {names}", list(cycle),
                                        _union_bounds(_bounds(phase_area_geometry(project, ids[c])) for c in cycle)))
            elif colour[nxt] == 0:
                colour[nxt] = 1
                path.append(nxt)
                stack.append((nxt, iter(graph[nxt])))
    return issues


def zone_issues(project: Project) -> list[Issue]:
    """Self-intersecting drawn zones and picked INSEE codes absent from the commune layer."""
    issues = []
    known = set(project.communes.codes.tolist()) if project.communes is not None else None
    for p in project.phases:
        if p.zone is not None and not shapely.is_empty(p.zone) and not shapely.is_valid(p.zone):
            reason = shapely.is_valid_reason(p.zone)
            issues.append(Issue(INVALID_ZONE, "error", f"The zone of {p.name} is invalid: {reason}", [p.id],
                                _bounds(p.zone), p.zone, facts={"reason": reason}))
        if known is not None:
            unknown = [c for c in p.communes if c not in known]
            if unknown:
                issues.append(Issue(UNKNOWN_COMMUNE, "warning",
                                    f"{p.name} lists INSEE codes absent from the communes: {', '.join(unknown[:5])}",
                                    [p.id], _bounds(p.zone), facts={"codes": unknown[:5], "count": len(unknown)}))
    return issues


def validate(project: Project, assignment: Assignment | None = None, min_overlap_area: float = 100.0) -> list[Issue]:
    """All issues of the phase plan: errors first (cycles, unknown dependencies, invalid zones), then warnings."""
    if assignment is None:
        assignment = assign(project)
    issues = dependency_issues(project) + zone_issues(project)
    issues += overlap_issues(project, assignment, min_overlap_area) + empty_phase_issues(project, assignment)
    issues += taken_part_issues(project, assignment)
    return sorted(issues, key=lambda s: s.severity != "error")
