"""Re-assigning only the premises an edit can move: a vertex drag on a region of 5 million premises in milliseconds.

`assign(project, previous)` first tries `delta_assign`: when the phases are the same ones in the same order and
only some zones or commune lists changed, a premise can change phase only if it lies where the old and the new
zone differ (their symmetric difference) or in a commune added to or removed from a phase. Those premises are
assigned again over every phase in order (first phase wins, as in the full pass); the (phase, commune) unit
counts are updated by the difference, from a dense (phases + 1) × (communes + 1) table kept on the result
(the extra row is "unplanned", the extra column "outside every commune"). Anything else (phases added, removed
or moved, attribute-based phases edited, a table too large to keep dense) returns None: the full pass runs.
"""
from __future__ import annotations

import numpy as np
import shapely

from planner.core.project.model import Project
from planner.core.sorting import stable_argsort

#: the dense count table is kept up to this many cells ((phases + 1) × (communes + 1))
MAX_DENSE_CELLS = 4_000_000


def phase_keys(project: Project) -> list[tuple]:
    """What of each phase the assignment depends on: (id, zone object, commune set, attribute field, values)."""
    return [(p.id, p.zone, frozenset(str(c) for c in p.communes), getattr(p, "premise_field", None),
             frozenset(str(v) for v in (getattr(p, "premise_values", None) or ()))) for p in project.phases]


def dense_counts(premise_commune: np.ndarray, premise_phase: np.ndarray, units: np.ndarray, n_c: int,
                 n_p: int) -> np.ndarray | None:
    """units per (phase or n_p = unplanned, commune or n_c = outside) as an int64 table; None when too large."""
    if (n_p + 1) * (n_c + 1) > MAX_DENSE_CELLS:
        return None
    key = np.where(premise_phase < 0, n_p, premise_phase).astype(np.int32)  # int32: the table is small
    key *= n_c + 1
    key += np.where(premise_commune < 0, n_c, premise_commune)
    return np.bincount(key, weights=units, minlength=(n_p + 1) * (n_c + 1)).astype(np.int64) \
        .reshape(n_p + 1, n_c + 1)


def _changed_premises(project: Project, previous, index) -> np.ndarray | None:
    """Indices of the premises whose phase may have changed, or None when the edit is not a zone/commune edit."""
    old, new = previous._phase_keys, phase_keys(project)
    if old is None or [k[0] for k in old] != [k[0] for k in new]:
        return None
    parts = []
    by_commune = None
    for (_, z0, c0, f0, v0), (_, z1, c1, f1, v1) in zip(old, new):
        if (f0, v0) != (f1, v1):
            return None
        if z0 is not z1:
            parts += _zone_candidates(z0, z1, index)
        if c0 != c1:
            rows = np.flatnonzero(np.isin(project.communes.codes, np.asarray(sorted(c0 ^ c1), dtype=object)))
            if by_commune is None:
                by_commune = _premises_by_commune(previous)
            order, starts = by_commune
            parts += [order[starts[r]:starts[r + 1]] for r in rows]
    if not parts:
        return np.zeros(0, dtype=np.int64)
    return np.unique(np.concatenate(parts))


def _zone_candidates(z0, z1, index) -> list[np.ndarray]:
    """Premises inside one zone and not the other (where the edit moved the boundary)."""
    try:
        diff = _zone_difference(z0, z1)
    except shapely.errors.GEOSException:  # an invalid zone (a self-crossing drag): every premise of both boxes
        return [index.candidates(shapely.bounds(z)) for z in (z0, z1) if z is not None and not shapely.is_empty(z)]
    if diff is None:
        return []
    out = []
    for piece in _pieces(diff):  # thin slivers along a long edge: small boxes hold far fewer premises
        cand = index.candidates(shapely.bounds(piece))
        if len(cand):
            shapely.prepare(piece)
            out.append(cand[shapely.intersects_xy(piece, index.x[cand], index.y[cand])])
    return out


def _pieces(geom, grid: int = 8) -> list:
    """The geometry cut along a grid over its box (only the non-empty pieces); itself when small."""
    xmin, ymin, xmax, ymax = shapely.bounds(geom)
    if shapely.get_num_coordinates(geom) > 2000 or max(xmax - xmin, ymax - ymin) < 2000.0:
        return [geom]
    xs, ys = np.linspace(xmin, xmax, grid + 1), np.linspace(ymin, ymax, grid + 1)
    boxes = shapely.box(*np.meshgrid(xs[:-1], ys[:-1]), *np.meshgrid(xs[1:], ys[1:]))
    pieces = shapely.intersection(geom, boxes.ravel())
    return [g for g in pieces if not shapely.is_empty(g)]


def _zone_difference(z0, z1):
    empty0 = z0 is None or shapely.is_empty(z0)
    empty1 = z1 is None or shapely.is_empty(z1)
    if empty0 and empty1:
        return None
    if empty0 or empty1:
        return z1 if empty0 else z0
    diff = shapely.symmetric_difference(z0, z1)
    return None if shapely.is_empty(diff) else diff


def _premises_by_commune(previous):
    cached = getattr(previous, "_by_commune", None)
    if cached is None:
        pc = previous.premise_commune
        order = stable_argsort(pc).astype(np.int64)
        n_c = previous._dense.shape[1] - 1
        starts = np.searchsorted(pc[order], np.arange(n_c + 1))
        cached = (order, starts)
        previous._by_commune = cached
    return cached


def _reassign(project: Project, cand: np.ndarray, premise_commune: np.ndarray, index) -> np.ndarray:
    """Phase of each candidate premise, every phase tested in order (first phase wins)."""
    from planner.core.phases.assignment import _zone_geometry, phase_commune_rows, premise_value_mask

    n_c = 0 if project.communes is None else len(project.communes)
    ph = np.full(len(cand), -1, dtype=np.int32)
    pc = premise_commune[cand]
    x, y = index.x[cand], index.y[cand]
    fields: dict = {}
    for i, phase in enumerate(project.phases):
        by_value = premise_value_mask(project.premises, phase, fields)
        if by_value is not None:
            ph[by_value[cand] & (ph < 0)] = i
        rows = phase_commune_rows(project, phase)
        if len(rows):
            listed = np.zeros(n_c + 1, dtype=bool)
            listed[rows] = True
            ph[listed[pc] & (ph < 0)] = i
        zone = _zone_geometry(phase)
        if zone is not None:
            free = np.flatnonzero(ph < 0)
            if len(free):
                xmin, ymin, xmax, ymax = shapely.bounds(zone)
                free = free[(x[free] >= xmin) & (x[free] <= xmax) & (y[free] >= ymin) & (y[free] <= ymax)]
                shapely.prepare(zone)
                ph[free[shapely.intersects_xy(zone, x[free], y[free])]] = i
    return ph


def delta_assign(project: Project, previous, index, premise_commune: np.ndarray, units: np.ndarray):
    """(premise_phase, dense counts) after the edit, or None when the full pass is needed."""
    if getattr(previous, "_dense", None) is None or getattr(previous, "_phase_keys", None) is None:
        return None
    cand = _changed_premises(project, previous, index)
    if cand is None:
        return None
    premise_phase = previous.premise_phase.copy()
    dense = previous._dense.copy()
    if len(cand):
        old = premise_phase[cand]
        new = _reassign(project, cand, premise_commune, index)
        moved = old != new
        cand, old, new = cand[moved], old[moved], new[moved]
        premise_phase[cand] = new
        n_p, n_c = dense.shape[0] - 1, dense.shape[1] - 1
        co = np.where(premise_commune[cand] < 0, n_c, premise_commune[cand]).astype(np.int64)
        u = np.asarray(units[cand], dtype=np.int64)
        np.subtract.at(dense, (np.where(old < 0, n_p, old), co), u)
        np.add.at(dense, (np.where(new < 0, n_p, new), co), u)
    return premise_phase, dense


def counts_from_dense(dense: np.ndarray) -> dict:
    """The count arrays of an Assignment (as `assignment._counts` computes them) from the dense table."""
    n_p, n_c = dense.shape[0] - 1, dense.shape[1] - 1
    inner = dense[:n_p, :n_c]
    cell_phase, cell_commune = np.nonzero(inner)  # row-major: by phase, then commune
    phase_units = dense[:n_p].sum(axis=1)
    total = int(dense.sum())
    commune_phase = np.full(n_c, -1, dtype=np.int32)
    if n_p and n_c:
        best = inner.argmax(axis=0)  # most units, ties: the first phase
        has = inner[best, np.arange(n_c)] > 0
        commune_phase[has] = best[has]
    return dict(cell_phase=cell_phase.astype(np.int32), cell_commune=cell_commune.astype(np.int32),
                cell_units=inner[cell_phase, cell_commune].astype(np.int64),
                commune_units=dense[:, :n_c].sum(axis=0).astype(np.int64), commune_phase=commune_phase,
                phase_units=phase_units.astype(np.int64),
                phase_commune_count=(inner > 0).sum(axis=1).astype(np.int32),
                unplanned_units=int(total - phase_units.sum()), total_units=total)
