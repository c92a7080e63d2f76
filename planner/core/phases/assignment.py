"""Premise assignment to communes and phases (first phase by order wins), vectorised and incremental.

Contract (docs/architecture.md):

    assign(project, previous=None, first_changed_phase=0, progress=None, cancel=None) -> Assignment

Every premise falls in the commune that contains it (a point on a border shared by two communes goes to
the lower commune row only) and in the first phase, by order, whose zone contains it. A phase's zone is
its drawn `zone` geometry plus its picked `communes`; a commune-based phase follows commune outlines
exactly: a premise belongs to it when its commune (`premise_commune`) is listed, whatever the geometry.

Method: points are sorted by x once; each polygon takes the x-slab of its bounding box by binary search,
filters it on y, keeps the points not yet assigned and tests them with a prepared polygon
(`shapely.intersects_xy`, boundary included). No Python loop runs over premises.

Incremental: `assign(project, previous, first_changed_phase=k)` keeps the commune assignment and the
results of phases before k from `previous` and recomputes phase k and later only.

Without a premise layer the units come from the commune units field: a commune belongs to the first phase
that lists it or whose zone contains its representative point (`shapely.point_on_surface`); the
`premise_*` arrays are then empty.
"""
from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import shapely

from planner.core.phases.assignment_delta import counts_from_dense, delta_assign, dense_counts, phase_keys
from planner.core.phases.cell_counts import remember
from planner.core.project.model import Phase, Project
from planner.core.sorting import stable_argsort
from planner.core.progress import check_cancel

_EMPTY_I32 = np.zeros(0, dtype=np.int32)
#: the name under which the premise -> commune rows are remembered on the premise layer (derived.py)
PREMISE_COMMUNE = "premise_commune"


@dataclass
class Assignment:
    """Result of `assign`: premise -> commune/phase, and units per (phase, commune) cell.

    premise_commune: int32[N]  commune row of each premise (-1 outside every commune)
    premise_phase:   int32[N]  index in project.phases of the first phase containing it (-1 unplanned)
    cell_phase, cell_commune: int32[K]; cell_units: int64[K]  units per (phase index, commune row),
                     non-zero cells only, sorted by phase then commune (premises outside every commune
                     are not in any cell)
    commune_units:   int64[C]  all units per commune (planned or not)
    commune_phase:   int32[C]  phase index of each commune in commune-level mode (no premise layer);
                     in premise mode, the phase holding most of the commune's units (-1 none)
    phase_units:     int64[P]  units of each phase (all its premises, in a commune or not)
    phase_commune_count: int32[P]  communes with units in the phase
    unplanned_units, total_units: int
    phase_ids:       ids of project.phases at assignment time (index -> id)
    commune_level:   True when there was no premise layer
    """

    premise_commune: np.ndarray
    premise_phase: np.ndarray
    cell_phase: np.ndarray
    cell_commune: np.ndarray
    cell_units: np.ndarray
    commune_units: np.ndarray
    commune_phase: np.ndarray
    phase_units: np.ndarray
    phase_commune_count: np.ndarray
    unplanned_units: int
    total_units: int
    phase_ids: list[int] = field(default_factory=list)
    commune_level: bool = False
    #: project.revision the assignment was computed from (the window tags its views' results with it)
    revision: int = -1
    # caches for incremental runs (not part of the contract)
    premise_units: np.ndarray | None = field(default=None, repr=False)
    _index: "_PointIndex | None" = field(default=None, repr=False)
    _source: tuple = field(default=(), repr=False)  # the arrays the caches were built from (identity checked)
    _dense: "np.ndarray | None" = field(default=None, repr=False)  # units per (phase, commune), see assignment_delta
    _phase_keys: "list | None" = field(default=None, repr=False)  # what each phase was assigned from

    def phase_index_of_id(self, phase_id: int) -> int:
        """Index of a phase id in this assignment's phase order (ValueError if absent)."""
        return self.phase_ids.index(phase_id)

    def units_in_phase_commune(self, phase_index: int, commune_row: int) -> int:
        """Units of one (phase, commune) cell (0 when the cell is empty)."""
        m = (self.cell_phase == phase_index) & (self.cell_commune == commune_row)
        return int(self.cell_units[m].sum())


class _PointIndex:
    """Points sorted by x for bounding-box slabs: x-sorted order, sorted x, y in that order.

    One per coordinate arrays (`point_index`): the map's premise item shares it, so the layer's coordinates
    exist once as loaded and once sorted, whoever asks first."""

    def __init__(self, x: np.ndarray, y: np.ndarray):
        self.x = np.ascontiguousarray(x, dtype=np.float64)
        self.y = np.ascontiguousarray(y, dtype=np.float64)
        dtype = np.int32 if len(self.x) < 2 ** 31 else np.int64
        if len(self.x) < 2 or bool(np.all(self.x[1:] >= self.x[:-1])):  # already sorted: no second copy
            self.order = np.arange(len(self.x), dtype=dtype)
            self.xs, self.ys = self.x, self.y
        else:
            self.order = stable_argsort(self.x).astype(dtype)
            self.xs = self.x[self.order]
            self.ys = self.y[self.order]

    def candidates(self, bounds) -> np.ndarray:
        """Indices of points inside the box (xmin, ymin, xmax, ymax), boundary included."""
        xmin, ymin, xmax, ymax = bounds
        a = int(np.searchsorted(self.xs, xmin, side="left"))
        b = int(np.searchsorted(self.xs, xmax, side="right"))
        if b <= a:
            return np.zeros(0, dtype=np.int64)
        ys = self.ys[a:b]
        m = (ys >= ymin) & (ys <= ymax)
        return self.order[a:b][m]


_INDEXES: dict[int, tuple] = {}  # id(x) -> (weakref(x), weakref(y), weakref(_PointIndex)): holders keep it alive
_INDEX_LOCK = threading.Lock()


def point_index(x: np.ndarray, y: np.ndarray) -> _PointIndex:
    """The x-sorted index of these coordinate arrays, built once while they live (arrays are never edited in
    place: a moved premise layer is a new array, hence a new index)."""
    with _INDEX_LOCK:
        entry = _INDEXES.get(id(x))
        index = entry[2]() if entry is not None and entry[0]() is x and entry[1]() is y else None
        if index is not None:
            return index
    index = _PointIndex(x, y)
    with _INDEX_LOCK:
        for key in [k for k, e in _INDEXES.items() if e[2]() is None]:
            _INDEXES.pop(key, None)
        try:
            _INDEXES[id(x)] = (weakref.ref(x), weakref.ref(y), weakref.ref(index))
        except TypeError:  # not an ndarray: no caching
            pass
    return index


def sort_points_by_x(layer) -> None:
    """Reorder a point layer's features by x (coordinates and every field, replaced, not edited in place), so
    that its sorted index needs no second copy of the coordinates (`new` does it before the first save)."""
    if layer.x is None or len(layer.x) < 2 or bool(np.all(layer.x[1:] >= layer.x[:-1])):
        return
    order = stable_argsort(layer.x)
    layer.x, layer.y = layer.x[order], layer.y[order]
    layer.fields = {name: np.asarray(values)[order] for name, values in layer.fields.items()}
    if layer.geometries is not None:
        layer.geometries = None  # point geometries are built on demand from x/y


def _fill_first_hit(index: _PointIndex, geoms, target: np.ndarray, values, free_value: int = -1,
                    cancel=None, progress=None, p0=0.0, p1=1.0, message="") -> None:
    """For each geometry in order, set target[i] = value for the free points it covers (first one wins)."""
    n = len(geoms)
    for k, (geom, value) in enumerate(zip(geoms, values)):
        if geom is None or shapely.is_empty(geom):
            continue
        check_cancel(cancel)
        cand = index.candidates(shapely.bounds(geom))
        if len(cand) == 0:
            continue
        cand = cand[target[cand] == free_value]
        if len(cand) == 0:
            continue
        shapely.prepare(geom)
        hit = shapely.intersects_xy(geom, index.x[cand], index.y[cand])
        target[cand[hit]] = value
        if progress is not None and n:
            progress(p0 + (p1 - p0) * (k + 1) / n, message)


def phase_commune_rows(project: Project, phase: Phase) -> np.ndarray:
    """Commune rows listed in a phase (unknown INSEE codes are ignored), int64."""
    if project.communes is None or not phase.communes:
        return np.zeros(0, dtype=np.int64)
    codes = project.communes.codes
    return np.flatnonzero(np.isin(codes, np.asarray([str(c) for c in phase.communes])))


def premise_value_mask(premises, phase: Phase, cache: dict | None = None) -> np.ndarray | None:
    """Premises whose `phase.premise_field` value is one of `phase.premise_values` (None: the phase has none).
    Values compare as text; `cache` keeps each field's text column across phases."""
    name = phase.premise_field
    if not name or not phase.premise_values or premises is None:
        return None
    fields = premises.layer.fields
    if name not in fields:
        return np.zeros(len(premises), dtype=bool)
    cache = {} if cache is None else cache
    if name not in cache:
        cache[name] = np.asarray(fields[name]).astype(str)
    return np.isin(cache[name], np.asarray([str(v) for v in phase.premise_values]))


def _zone_geometry(phase: Phase):
    z = phase.zone
    if z is None or shapely.is_empty(z):
        return None
    return z


def assign(project: Project, previous: Assignment | None = None, first_changed_phase: int | None = 0,
           progress: Callable | None = None, cancel: Callable | None = None) -> Assignment:
    """Assign premises (or communes, without a premise layer) to communes and phases; see the module doc.

    `previous` with `first_changed_phase=k` reuses the commune assignment and phases before k
    (pass the assignment computed on the same premises and communes). `first_changed_phase=None`
    means no phase changed: only the counts are rebuilt.
    """
    if project.premises is None or len(project.premises) == 0:
        result = _assign_communes(project)
        remember(project, result)
        return result
    prem = project.premises
    n_c = 0 if project.communes is None else len(project.communes)
    source = (prem.x, prem.y, None if project.communes is None else project.communes.geometries)
    reuse = (previous is not None and not previous.commune_level and previous._index is not None
             and len(previous.premise_commune) == len(prem)
             and all(a is b for a, b in zip(previous._source, source)))
    if progress is not None:
        progress(0.0, "Assigning premises")
    if reuse:
        index = previous._index
        premise_commune = previous.premise_commune
        units = previous.premise_units
    else:
        index = point_index(prem.x, prem.y)
        units = prem.units
        premise_commune = _premise_communes(project, index, cancel, progress)
    n_p = len(project.phases)
    delta = delta_assign(project, previous, index, premise_commune, units) if reuse else None
    if delta is not None:  # only the premises where a zone or a commune list changed were assigned again
        return _finish(project, premise_commune, delta[0], units, index, source, delta[1], progress)
    k = 0
    if reuse:
        k = len(previous.phase_ids) if first_changed_phase is None else int(first_changed_phase)
        k = max(0, min(k, len(previous.phase_ids), n_p))
    if k > 0:
        premise_phase = previous.premise_phase.copy()
        premise_phase[premise_phase >= k] = -1
    else:
        k = 0
        premise_phase = np.full(len(prem), -1, dtype=np.int32)
    _assign_phases(project, index, premise_commune, premise_phase, k, cancel, progress)
    dense = dense_counts(premise_commune, premise_phase, np.asarray(units, dtype=np.int64), n_c, n_p)
    return _finish(project, premise_commune, premise_phase, units, index, source, dense, progress)


def _premise_communes(project: Project, index: "_PointIndex", cancel=None, progress=None) -> np.ndarray:
    """The commune row of every premise (-1 outside every commune): remembered with the layers' content tokens
    (planner/core/project/derived.py; a project file keeps it), else computed by testing the premises in each
    commune's box, and remembered."""
    from planner.core.project import derived
    from planner.core.project.content_tokens import content_token

    prem = project.premises
    n_c = 0 if project.communes is None else len(project.communes)
    tokens = (content_token(prem.layer), content_token(None if project.communes is None else project.communes.layer))
    stored = derived.lookup(prem.layer, PREMISE_COMMUNE, tokens)
    rows = None if stored is None else stored.get("rows")
    if rows is not None and rows.dtype == np.int32 and rows.shape == (len(prem),) and \
            (len(rows) == 0 or (int(rows.min()) >= -1 and int(rows.max()) < n_c)):
        return rows
    premise_commune = np.full(len(prem), -1, dtype=np.int32)
    if n_c:
        _fill_first_hit(index, project.communes.geometries, premise_commune, np.arange(n_c, dtype=np.int32),
                        cancel=cancel, progress=progress, p0=0.0, p1=0.6, message="Premises to communes")
    derived.remember(prem.layer, PREMISE_COMMUNE, tokens, {"rows": premise_commune})
    return premise_commune


def _assign_phases(project: Project, index: "_PointIndex", premise_commune: np.ndarray, premise_phase: np.ndarray,
                   k: int, cancel=None, progress=None) -> None:
    """Give each free premise the first phase (from index k on) that takes it: by premise attribute, listed
    commune, then drawn zone. A run of phases that only list communes is done in one pass over the premises
    (each commune goes to the first phase of the run listing it), not one pass per phase."""
    n_c = 0 if project.communes is None else len(project.communes)
    n_p = len(project.phases)
    field_text: dict[str, np.ndarray] = {}
    listed = np.full(n_c + 1, -1, dtype=np.int32)  # commune row -> phase of the pending run; [-1]: outside
    pending = False
    for i in range(k, n_p):
        check_cancel(cancel)
        phase = project.phases[i]
        by_value = premise_value_mask(project.premises, phase, field_text)
        rows = phase_commune_rows(project, phase)
        zone = _zone_geometry(phase)
        if by_value is None and zone is None:  # communes only (or nothing): joins the run
            if len(rows):
                rows = np.asarray(rows)
                listed[rows[listed[rows] < 0]] = i
                pending = True
            if progress is not None:
                progress(0.6 + 0.35 * (i + 1 - k) / max(1, n_p - k), "Premises to phases")
            continue
        if pending:
            _claim_listed(listed, premise_commune, premise_phase)
            pending = False
        if by_value is not None:
            premise_phase[by_value & (premise_phase < 0)] = i
        if len(rows):
            in_listed = np.zeros(n_c + 1, dtype=bool)
            in_listed[rows] = True
            m = in_listed[premise_commune] & (premise_phase < 0)  # index -1 hits the False sentinel
            premise_phase[m] = i
        if zone is not None:
            _fill_first_hit(index, [zone], premise_phase, [i])
        if progress is not None:
            progress(0.6 + 0.35 * (i + 1 - k) / max(1, n_p - k), "Premises to phases")
    if pending:
        _claim_listed(listed, premise_commune, premise_phase)


def _claim_listed(listed: np.ndarray, premise_commune: np.ndarray, premise_phase: np.ndarray) -> None:
    """Free premises take the phase `listed` gives their commune (-1: none); `listed` is then cleared."""
    claimed = listed[premise_commune]  # premise_commune -1 reads the -1 sentinel
    np.copyto(premise_phase, claimed, where=premise_phase < 0)
    listed[:] = -1


def _finish(project: Project, premise_commune, premise_phase, units, index, source, dense, progress) -> Assignment:
    """The Assignment of per-premise arrays, its counts (from the dense table when there is one), its caches."""
    n_c = 0 if project.communes is None else len(project.communes)
    if dense is not None:
        result = Assignment(premise_commune=premise_commune, premise_phase=premise_phase,
                            phase_ids=[p.id for p in project.phases], commune_level=False,
                            revision=project.revision, **counts_from_dense(dense))
    else:
        result = _counts(project, premise_commune, premise_phase, units, n_c, len(project.phases))
    result._index = index
    result._source = source
    result.premise_units = units
    result._dense = dense
    result._phase_keys = phase_keys(project)
    remember(project, result)
    if progress is not None:
        progress(1.0, "Assignment done")
    return result


def _counts(project: Project, premise_commune, premise_phase, units, n_c: int, n_p: int) -> Assignment:
    """Cells, per-commune and per-phase totals from the per-premise arrays."""
    units = np.asarray(units, dtype=np.int64)
    in_c = premise_commune >= 0
    commune_units = np.bincount(premise_commune[in_c], weights=units[in_c], minlength=n_c).astype(np.int64)
    planned = premise_phase >= 0
    phase_units = np.bincount(premise_phase[planned], weights=units[planned], minlength=n_p).astype(np.int64)
    total = int(units.sum())
    m = planned & in_c
    key = premise_phase[m].astype(np.int64) * max(n_c, 1) + premise_commune[m]
    cell = np.bincount(key, weights=units[m], minlength=n_p * max(n_c, 1)).astype(np.int64)
    nz = np.flatnonzero(cell)
    cell_phase = (nz // max(n_c, 1)).astype(np.int32)
    cell_commune = (nz % max(n_c, 1)).astype(np.int32)
    cell_units = cell[nz]
    commune_phase = np.full(n_c, -1, dtype=np.int32)
    if len(nz):
        # the phase with most units in each commune (ties: first phase)
        order = np.lexsort((cell_phase, -cell_units, cell_commune))
        first = np.ones(len(order), dtype=bool)
        first[1:] = cell_commune[order][1:] != cell_commune[order][:-1]
        commune_phase[cell_commune[order][first]] = cell_phase[order][first]
    return Assignment(
        premise_commune=premise_commune, premise_phase=premise_phase,
        cell_phase=cell_phase, cell_commune=cell_commune, cell_units=cell_units,
        commune_units=commune_units, commune_phase=commune_phase, phase_units=phase_units,
        phase_commune_count=np.bincount(cell_phase, minlength=n_p).astype(np.int32),
        unplanned_units=int(total - phase_units.sum()), total_units=total,
        phase_ids=[p.id for p in project.phases], commune_level=False, revision=project.revision,
    )


def commune_representative_points(project: Project) -> np.ndarray:
    """One point inside each commune (shapely.point_on_surface), cached on the commune layer."""
    layer = project.communes.layer
    cached = getattr(layer, "_representative_points", None)
    if cached is None or len(cached) != len(layer):
        cached = shapely.point_on_surface(layer.geometries)
        layer._representative_points = cached
    return cached


def _assign_communes(project: Project) -> Assignment:
    """Commune-level units: each commune to the first phase listing it or containing its representative point."""
    n_p = len(project.phases)
    if project.communes is None or len(project.communes) == 0:
        z = np.zeros(0, dtype=np.int64)
        return Assignment(_EMPTY_I32, _EMPTY_I32, _EMPTY_I32, _EMPTY_I32, z, z, _EMPTY_I32,
                          np.zeros(n_p, dtype=np.int64), np.zeros(n_p, dtype=np.int32), 0, 0,
                          [p.id for p in project.phases], True, project.revision)
    n_c = len(project.communes)
    pts = commune_representative_points(project)
    px, py = shapely.get_x(pts), shapely.get_y(pts)
    commune_phase = np.full(n_c, -1, dtype=np.int32)
    for i, phase in enumerate(project.phases):
        rows = phase_commune_rows(project, phase)
        free = rows[commune_phase[rows] < 0]
        commune_phase[free] = i
        zone = _zone_geometry(phase)
        if zone is not None:
            free = np.flatnonzero(commune_phase < 0)
            shapely.prepare(zone)
            hit = shapely.intersects_xy(zone, px[free], py[free])
            commune_phase[free[hit]] = i
    units = project.communes.units
    planned = commune_phase >= 0
    phase_units = np.bincount(commune_phase[planned], weights=units[planned], minlength=n_p).astype(np.int64)
    m = planned & (units != 0)
    rows = np.flatnonzero(m)
    order = np.lexsort((rows, commune_phase[rows]))
    rows = rows[order]
    cell_phase = commune_phase[rows].astype(np.int32)
    total = int(units.sum())
    return Assignment(
        premise_commune=_EMPTY_I32, premise_phase=_EMPTY_I32,
        cell_phase=cell_phase, cell_commune=rows.astype(np.int32), cell_units=units[rows].astype(np.int64),
        commune_units=units.astype(np.int64), commune_phase=commune_phase, phase_units=phase_units,
        phase_commune_count=np.bincount(commune_phase[planned], minlength=n_p).astype(np.int32),
        unplanned_units=int(total - phase_units.sum()), total_units=total,
        phase_ids=[p.id for p in project.phases], commune_level=True, revision=project.revision,
    )


def phase_summary(project: Project, assignment: Assignment) -> list[dict]:
    """One row per phase for listings (`info`, phase panel): name, id, units, communes, percent of territory.

    A last row named 'Unplanned' (id None) gives the units in no phase.
    """
    total = max(assignment.total_units, 0)
    rows = []
    for i, phase in enumerate(project.phases):
        units = int(assignment.phase_units[i]) if i < len(assignment.phase_units) else 0
        rows.append({
            "id": phase.id, "name": phase.name, "color": phase.color,
            "units": units,
            "communes": int(assignment.phase_commune_count[i]) if i < len(assignment.phase_commune_count) else 0,
            "percent": 100.0 * units / total if total else 0.0,
        })
    rows.append({"id": None, "name": "Unplanned", "color": None, "units": int(assignment.unplanned_units),
                 "communes": None,
                 "percent": 100.0 * assignment.unplanned_units / total if total else 0.0})
    return rows
