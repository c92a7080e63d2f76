"""Snapping to commune vertices and edges and to phase-zone vertices, through rtree spatial indexes.

    snapper = Snapper(project)                 # indexes built once (commune vertices and segments)
    sx, sy, kind = snapper.snap(x, y, pixel_size)   # kind: 'vertex', 'edge' or None (not snapped)
    snapper.sync_phases(project)               # after zone edits: re-index the zones that changed

The tolerance is in screen pixels (`tolerance_px`) times the event's `pixel_size` (metres per pixel).
A vertex within tolerance wins over an edge; `enabled` toggles snapping (toolbar button / key).
"""
from __future__ import annotations

import numpy as np
import shapely
from rtree import index

from planner.core.project.model import Project

VERTEX = "vertex"
EDGE = "edge"


def _ring_segments(geoms) -> tuple[np.ndarray, np.ndarray]:
    """Start and end points (n, 2) of every ring segment of polygonal geometries."""
    geoms = np.asarray([g for g in geoms if g is not None and not shapely.is_empty(g)], dtype=object)
    if len(geoms) == 0:
        return np.zeros((0, 2)), np.zeros((0, 2))
    rings = shapely.get_rings(shapely.get_parts(geoms))
    xy, ring_id = shapely.get_coordinates(rings, return_index=True)
    same = ring_id[:-1] == ring_id[1:]
    return xy[:-1][same], xy[1:][same]


def _ring_vertices(zone) -> tuple[np.ndarray, list[tuple[int, int, int]]]:
    """Vertices (n, 2) of a zone without closing repeats, with their (part, ring, index) addresses."""
    xy, keys = [], []
    parts = [] if zone is None or shapely.is_empty(zone) else list(shapely.get_parts(zone))
    for p, poly in enumerate(parts):
        for r, ring in enumerate([poly.exterior] + list(poly.interiors)):
            c = np.asarray(ring.coords)[:-1, :2]
            xy.append(c)
            keys.extend((p, r, i) for i in range(len(c)))
    return (np.vstack(xy) if xy else np.zeros((0, 2))), keys


class Snapper:
    """Snap a map position to the nearest commune vertex/edge or phase-zone vertex within a pixel tolerance."""

    def __init__(self, project: Project | None = None, tolerance_px: float = 10.0, enabled: bool = True):
        self.tolerance_px = float(tolerance_px)
        self.enabled = enabled
        self._commune_vertices = np.zeros((0, 2))
        self._seg_a = np.zeros((0, 2))
        self._seg_b = np.zeros((0, 2))
        self._vertex_index = None
        self._segment_index = None
        self._zone_index = index.Index()
        self._zone_entries: dict[int, tuple[int, int]] = {}  # rtree id -> (phase id, position in keys)
        self._zones: dict[int, tuple[object, np.ndarray, list, list[int]]] = {}  # phase id -> (zone, xy, keys, ids)
        self._next_id = 0
        if project is not None:
            self.set_communes(project)
            self.sync_phases(project)

    # --- indexes ----------------------------------------------------------------------------------------
    def set_communes(self, project: Project) -> None:
        """(Re)build the commune vertex and segment indexes (bulk-loaded)."""
        geoms = [] if project.communes is None else project.communes.geometries
        if len(geoms) == 0:
            self._vertex_index = self._segment_index = None
            return
        self._commune_vertices = shapely.get_coordinates(np.asarray(geoms))
        self._seg_a, self._seg_b = _ring_segments(geoms)
        v = self._commune_vertices
        self._vertex_index = index.Index((np.arange(len(v), dtype=np.int64), v, v), interleaved=True)
        lo = np.minimum(self._seg_a, self._seg_b)
        hi = np.maximum(self._seg_a, self._seg_b)
        self._segment_index = index.Index((np.arange(len(lo), dtype=np.int64), lo, hi), interleaved=True)

    def update_phase_zone(self, phase_id: int, zone) -> None:
        """Re-index one phase's zone vertices (remove the old entries, insert the new)."""
        old = self._zones.pop(phase_id, None)
        if old is not None:
            _, xy, _, ids = old
            for rid, (x, y) in zip(ids, xy):
                self._zone_index.delete(rid, (x, y, x, y))
                self._zone_entries.pop(rid, None)
        xy, keys = _ring_vertices(zone)
        ids = list(range(self._next_id, self._next_id + len(xy)))
        self._next_id += len(xy)
        for pos, (rid, (x, y)) in enumerate(zip(ids, xy)):
            self._zone_index.insert(rid, (x, y, x, y))
            self._zone_entries[rid] = (phase_id, pos)
        self._zones[phase_id] = (zone, xy, keys, ids)

    def sync_phases(self, project: Project) -> None:
        """Bring the zone index up to date with the project's phases (only changed zones are re-indexed)."""
        current = {p.id: p.zone for p in project.phases}
        for pid in list(self._zones):
            if pid not in current:
                self.update_phase_zone(pid, None)
                del self._zones[pid]
        for pid, zone in current.items():
            known = self._zones.get(pid)
            if known is None or known[0] is not zone:
                self.update_phase_zone(pid, zone)

    def zone_vertex_count(self) -> int:
        return len(self._zone_entries)

    # --- queries ----------------------------------------------------------------------------------------
    def tolerance(self, pixel_size: float) -> float:
        return self.tolerance_px * float(pixel_size)

    def nearest_vertex(self, x: float, y: float, tol: float, exclude=None):
        """(distance, x, y, source) of the nearest vertex within `tol`, or None.

        `exclude` = (phase id, part, ring, index): a zone vertex to ignore (the one being dragged)."""
        best = None
        box = (x - tol, y - tol, x + tol, y + tol)
        if self._vertex_index is not None:
            ids = np.fromiter(self._vertex_index.intersection(box), dtype=np.int64)
            if len(ids):
                d = np.hypot(self._commune_vertices[ids, 0] - x, self._commune_vertices[ids, 1] - y)
                k = int(np.argmin(d))
                if d[k] <= tol:
                    best = (float(d[k]), *self._commune_vertices[ids[k]], "commune")
        for rid in self._zone_index.intersection(box):
            pid, pos = self._zone_entries[rid]
            _, xy, keys, _ = self._zones[pid]
            if exclude is not None and (pid, *keys[pos]) == tuple(exclude):
                continue
            d = float(np.hypot(xy[pos, 0] - x, xy[pos, 1] - y))
            if d <= tol and (best is None or d < best[0]):
                best = (d, float(xy[pos, 0]), float(xy[pos, 1]), "phase")
        return best

    def nearest_edge_point(self, x: float, y: float, tol: float):
        """(distance, x, y) of the nearest point on a commune edge within `tol`, or None."""
        if self._segment_index is None:
            return None
        ids = np.fromiter(self._segment_index.intersection((x - tol, y - tol, x + tol, y + tol)), dtype=np.int64)
        if len(ids) == 0:
            return None
        a, b = self._seg_a[ids], self._seg_b[ids]
        ab = b - a
        len2 = np.einsum("ij,ij->i", ab, ab)
        t = np.where(len2 > 0, np.einsum("ij,ij->i", np.array([x, y]) - a, ab) / np.where(len2 > 0, len2, 1), 0)
        proj = a + np.clip(t, 0, 1)[:, None] * ab
        d = np.hypot(proj[:, 0] - x, proj[:, 1] - y)
        k = int(np.argmin(d))
        if d[k] > tol:
            return None
        return float(d[k]), float(proj[k, 0]), float(proj[k, 1])

    def snap(self, x: float, y: float, pixel_size: float = 1.0, exclude=None) -> tuple[float, float, str | None]:
        """The snapped position and what it snapped to ('vertex', 'edge'), or (x, y, None)."""
        if not self.enabled:
            return x, y, None
        tol = self.tolerance(pixel_size)
        v = self.nearest_vertex(x, y, tol, exclude)
        if v is not None:
            return v[1], v[2], VERTEX
        e = self.nearest_edge_point(x, y, tol)
        if e is not None:
            return e[1], e[2], EDGE
        return x, y, None

    def toggle(self) -> bool:
        """Switch snapping on/off; returns the new state."""
        self.enabled = not self.enabled
        return self.enabled
