"""Phase zones as geometry, Qt-free: normalised (Multi)Polygons, their parts and rings as coordinate arrays, and
the zone with one vertex moved, inserted or deleted — what the phase commands and the zone editing tool share.

Vertices are addressed by (part, ring, index): part = polygon of a MultiPolygon (0 for a Polygon), ring 0 =
exterior, ring r >= 1 = hole r-1, index = vertex in the ring without the closing repeat.
"""
from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon

from planner.core.errors import ParameterError
from planner.core.project.model import Phase


def normalize_zone(geom) -> Polygon | MultiPolygon | None:
    """A drawn zone as a valid Polygon/MultiPolygon (None when empty); other geometry kinds are dropped."""
    if geom is None or shapely.is_empty(geom):
        return None
    if not shapely.is_valid(geom):
        geom = shapely.make_valid(geom)
    polys = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    parts = []
    for g in polys:
        parts.extend(shapely.get_parts(g))
    parts = [p for p in parts if not p.is_empty and p.area > 0]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def zone_parts(zone) -> list[Polygon]:
    """The polygons of a zone (empty list for None)."""
    if zone is None or shapely.is_empty(zone):
        return []
    if zone.geom_type == "Polygon":
        return [zone]
    return list(zone.geoms)


def zone_rings(zone) -> list[list[np.ndarray]]:
    """Vertices per part and ring, as float arrays (n, 2) without the closing repeat."""
    out = []
    for poly in zone_parts(zone):
        rings = [poly.exterior] + list(poly.interiors)
        out.append([np.asarray(r.coords, dtype=float)[:-1, :2].copy() for r in rings])
    return out


def zone_from_rings(parts: list[list[np.ndarray]]) -> Polygon | MultiPolygon | None:
    """Rebuild a zone from `zone_rings` output (rings are closed here); None when there is no part."""
    polys = [Polygon(rings[0], [r for r in rings[1:]]) for rings in parts]
    if not polys:
        return None
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def _ring(parts, phase: Phase, part: int, ring: int) -> np.ndarray:
    try:
        if part < 0 or ring < 0:
            raise IndexError
        return parts[part][ring]
    except IndexError:
        raise ParameterError(f"no ring {ring} in part {part} of the zone", phase.name, "zone") from None


def _check_index(ring_xy: np.ndarray, index: int, phase: Phase, allow_end: bool = False) -> None:
    n = len(ring_xy)
    if not (0 <= index < n or (allow_end and index == n)):
        raise ParameterError(f"no vertex {index} in a ring of {n} vertices", phase.name, "zone")


def zone_with_moved_vertex(zone, phase: Phase, part: int, ring: int, index: int, x: float, y: float):
    parts = zone_rings(zone)
    r = _ring(parts, phase, part, ring)
    _check_index(r, index, phase)
    r[index] = (x, y)
    return zone_from_rings(parts)


def zone_with_inserted_vertex(zone, phase: Phase, part: int, ring: int, index: int, x: float, y: float):
    """The zone with a new vertex at position `index` of the ring (0..n; n appends before the closing point)."""
    parts = zone_rings(zone)
    r = _ring(parts, phase, part, ring)
    _check_index(r, index, phase, allow_end=True)
    parts[part][ring] = np.insert(r, index, (x, y), axis=0)
    return zone_from_rings(parts)


def zone_with_deleted_vertex(zone, phase: Phase, part: int, ring: int, index: int):
    parts = zone_rings(zone)
    r = _ring(parts, phase, part, ring)
    _check_index(r, index, phase)
    if len(r) <= 3:
        raise ParameterError("a ring keeps at least 3 vertices", phase.name, "zone")
    parts[part][ring] = np.delete(r, index, axis=0)
    return zone_from_rings(parts)
