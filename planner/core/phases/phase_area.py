"""A phase's whole area (drawn zone ∪ picked communes), remembered between checks.

The validation panel re-checks the whole plan after every edit, and the union of a phase's commune outlines is
its costliest step (about half a second for the Gers' phases together). Shapely geometries are immutable, so a
union is remembered under the identities of the geometries it was made from (the cache holds them, so an
identity cannot be reused while its entry lives): an edit recomputes only the phases it changed, and a project
reopened from its file (new geometry objects) starts afresh.
"""
from __future__ import annotations

import threading
from collections import OrderedDict

import shapely

from planner.core.phases.assignment import phase_commune_rows
from planner.core.project.model import Phase, Project

#: unions kept (least recently used dropped first); a region plan has a few dozen phases
CACHE_SIZE = 256

_cache: OrderedDict = OrderedDict()
_lock = threading.Lock()


def phase_area_geometry(project: Project, phase: Phase):
    """A phase's whole zone: its drawn zone united with the outlines of its picked communes (None if nothing)."""
    parts = []
    if phase.zone is not None and not shapely.is_empty(phase.zone):
        parts.append(phase.zone if shapely.is_valid(phase.zone) else shapely.make_valid(phase.zone))
    rows = phase_commune_rows(project, phase)
    if len(rows):
        parts.extend(project.communes.geometries[rows])
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    key = tuple(id(p) for p in parts)
    with _lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit[1]
    union = shapely.union_all(parts)
    with _lock:
        _cache[key] = (tuple(parts), union)  # the parts keep their identities unique while the entry lives
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return union
