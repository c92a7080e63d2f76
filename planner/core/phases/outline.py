"""The area a phase covers, for drawing and exporting: its drawn zone, its listed communes, and the outline of the
premises it takes by attribute (phases below the commune, e.g. one per PM zone).

The outline of premises is their concave hull (shapely, ratio 0.3): it follows the built-up shape closer than a
convex hull without the cost of a buffer union. It is for display and adjacency only; premises are assigned to
such a phase by their attribute, never by this outline.
"""
from __future__ import annotations

import numpy as np
import shapely

from planner.core.phases.assignment import phase_commune_rows, premise_value_mask
from planner.core.project.model import Phase, Project

HULL_RATIO = 0.3


def premises_outline(x: np.ndarray, y: np.ndarray):
    """Concave hull of points (None for none; a small square around one point)."""
    if len(x) == 0:
        return None
    pts = shapely.multipoints(np.column_stack([x, y]))
    if len(x) < 3:
        return shapely.buffer(pts, 25.0)
    hull = shapely.concave_hull(pts, ratio=HULL_RATIO)
    return hull if hull.geom_type in ("Polygon", "MultiPolygon") else shapely.buffer(hull, 25.0)


def phase_outline(project: Project, phase: Phase, cache: dict | None = None):
    """Zone ∪ listed communes ∪ outline of the premises taken by attribute (None when the phase covers nothing)."""
    parts = []
    if phase.zone is not None and not shapely.is_empty(phase.zone):
        parts.append(phase.zone)
    rows = phase_commune_rows(project, phase)
    if len(rows):
        parts.extend(project.communes.geometries[rows])
    mask = premise_value_mask(project.premises, phase, cache)
    if mask is not None and mask.any():
        hull = premises_outline(project.premises.x[mask], project.premises.y[mask])
        if hull is not None:
            parts.append(hull)
    if not parts:
        return None
    zone = shapely.union_all(parts) if len(parts) > 1 else parts[0]
    return zone if zone.geom_type in ("Polygon", "MultiPolygon") else shapely.make_valid(zone)


def phase_outlines(project: Project, phases: list[Phase] | None = None) -> np.ndarray:
    """`phase_outline` of many phases at once: the premises of each premise-field value are found by one sort of
    the field, not one scan per phase (thousands of PM zones over millions of premises)."""
    phases = project.phases if phases is None else phases
    groups: dict[str, dict[str, np.ndarray]] = {}
    for ph in phases:
        name = ph.premise_field
        if name and name not in groups and project.premises is not None and name in project.premises.layer.fields:
            text = np.asarray(project.premises.layer.fields[name]).astype(str)
            values, inverse = np.unique(text, return_inverse=True)
            order = np.argsort(inverse, kind="stable")
            bounds = np.searchsorted(inverse[order], np.arange(len(values) + 1))
            groups[name] = {v: order[bounds[i]:bounds[i + 1]] for i, v in enumerate(values)}
    out = np.empty(len(phases), dtype=object)
    for i, ph in enumerate(phases):
        bare = Phase(id=ph.id, name=ph.name, zone=ph.zone, communes=ph.communes)
        parts = [g for g in [phase_outline(project, bare)] if g is not None]
        if ph.premise_field in groups:
            idx = [groups[ph.premise_field].get(str(v), np.zeros(0, np.int64)) for v in ph.premise_values]
            idx = np.concatenate(idx) if idx else np.zeros(0, np.int64)
            hull = premises_outline(project.premises.x[idx], project.premises.y[idx])
            if hull is not None:
                parts.append(hull)
        out[i] = (shapely.union_all(parts) if len(parts) > 1 else parts[0]) if parts else None
    return out
