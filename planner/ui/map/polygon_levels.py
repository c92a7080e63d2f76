"""Commune outlines prepared for drawing, once per layer: levels of detail, spatial tiles, one path per tile.

`prepare_polygons(layer)` (callable from a loading worker) simplifies the outlines at a few tolerances (full,
then 30 m, 150 m, 600 m, 2.5 km) and, for each level, builds one QPainterPath per tile of about 60 communes, so
a frame draws only the tiles in view at the coarsest level still finer than a screen pixel (CommuneItem).
"""
from __future__ import annotations

import weakref

import numpy as np
import pyqtgraph.functions as fn
import shapely
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainterPath

from planner.core.project.model import Layer

#: simplification tolerance (metres) of each level of detail; a level is used while its tolerance <= 1 pixel
LEVEL_TOLERANCES = (0.0, 30.0, 150.0, 600.0, 2500.0)
#: about this many communes per tile
ROWS_PER_TILE = 60
MAX_TILES_PER_SIDE = 24


class _Rings:
    """Coordinates of all rings of a polygon (or line) array, flattened, with the owner row of every vertex."""

    def __init__(self, geoms: np.ndarray):
        geoms = np.asarray(geoms, dtype=object)
        parts, part_row = shapely.get_parts(geoms, return_index=True)
        polygonal = shapely.get_type_id(parts) == 3
        if len(parts) and not polygonal.all():  # lines: their parts are the "rings"
            rings, ring_part = parts, np.arange(len(parts))
            if polygonal.any():
                r2, p2 = shapely.get_rings(parts[polygonal], return_index=True)
                keep = ~polygonal
                rings = np.concatenate([parts[keep], r2])
                ring_part = np.concatenate([np.flatnonzero(keep), np.flatnonzero(polygonal)[p2]])
                order = np.argsort(ring_part, kind="stable")
                rings, ring_part = rings[order], ring_part[order]
        else:
            rings, ring_part = shapely.get_rings(parts, return_index=True)
        coords, coord_ring = shapely.get_coordinates(rings, return_index=True)
        self.x = np.ascontiguousarray(coords[:, 0], dtype=np.float64)
        self.y = np.ascontiguousarray(coords[:, 1], dtype=np.float64)
        self.row = part_row[ring_part[coord_ring]] if len(coord_ring) else np.zeros(0, dtype=np.int64)
        connect = np.zeros(len(coord_ring), dtype=np.int32)
        if len(coord_ring) > 1:
            connect[:-1] = coord_ring[1:] == coord_ring[:-1]
        self.connect = connect
        self.count = len(geoms)
        # first vertex of each row (rows are contiguous because shapely keeps input order)
        self.starts = np.searchsorted(self.row, np.arange(self.count + 1))

    def path(self, mask: np.ndarray | None = None) -> QPainterPath:
        """One path of all rings (of the rows where `mask` is True)."""
        if mask is None:
            x, y, c = self.x, self.y, self.connect
        else:
            sel = mask[self.row]
            x, y, c = self.x[sel], self.y[sel], self.connect[sel]
        if len(x) == 0:
            return QPainterPath()
        path = fn.arrayToQPath(x, y, connect=c)
        path.setFillRule(Qt.OddEvenFill)
        return path

    def grouped_paths(self, group_of_row: np.ndarray) -> dict[int, QPainterPath]:
        """One path per group value (rows with a negative group are left out), in O(vertices)."""
        g = np.asarray(group_of_row)[self.row]
        order = np.argsort(g, kind="stable")  # rows stay whole and in order inside each group
        gs = g[order]
        x, y, c = self.x[order], self.y[order], self.connect[order]
        values = np.unique(gs)
        starts = np.searchsorted(gs, values, side="left")
        ends = np.searchsorted(gs, values, side="right")
        out = {}
        for v, a, b in zip(values, starts, ends):
            if v < 0 or b <= a:
                continue
            path = fn.arrayToQPath(x[a:b], y[a:b], connect=c[a:b])
            path.setFillRule(Qt.OddEvenFill)
            out[int(v)] = path
        return out

    def row_path(self, row: int) -> QPainterPath:
        a, b = self.starts[row], self.starts[row + 1]
        if b <= a:
            return QPainterPath()
        path = fn.arrayToQPath(self.x[a:b], self.y[a:b], connect=self.connect[a:b])
        path.setFillRule(Qt.OddEvenFill)
        return path


def _equal_count_tiles(cx: np.ndarray, cy: np.ndarray, side: int) -> np.ndarray:
    """Tile of each point: `side` columns of equal counts by x, each cut into `side` rows of equal counts by y.

    Adapts to where the communes are (dense areas get small tiles; an overseas outlier does not stretch them).
    """
    n = len(cx)
    col = np.empty(n, dtype=np.int64)
    col[np.argsort(cx, kind="stable")] = np.arange(n) * side // n
    order = np.lexsort((cy, col))
    counts = np.bincount(col, minlength=side)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    rank = np.arange(n) - starts[col[order]]
    row = np.empty(n, dtype=np.int64)
    row[order] = rank * side // np.maximum(counts[col[order]], 1)
    return col * side + row


class PolygonLevels:
    """Everything the commune item draws from, built once per layer (pure data + QPainterPaths, no widgets).

    `tile` (per row), `tile_bounds` (T, 4), `levels` (one _Rings per LEVEL_TOLERANCES), `outlines[level][tile]`,
    `label_xy` (inner point per row), `bounds`.
    """

    def __init__(self, geoms: np.ndarray | None):
        geoms = np.asarray(geoms if geoms is not None else [], dtype=object)
        n = len(geoms)
        self.count = n
        rb = shapely.bounds(geoms) if n else np.zeros((0, 4))
        ok = np.all(np.isfinite(rb), axis=1) if n else np.zeros(0, dtype=bool)
        self.bounds = (tuple(float(v) for v in (rb[ok, 0].min(), rb[ok, 1].min(), rb[ok, 2].max(), rb[ok, 3].max()))
                       if ok.any() else (np.nan,) * 4)
        side = int(np.clip(np.sqrt(max(n, 1) / ROWS_PER_TILE), 1, MAX_TILES_PER_SIDE))
        if ok.any():
            tile = np.full(n, -1, dtype=np.int64)
            tile[ok] = _equal_count_tiles((rb[ok, 0] + rb[ok, 2]) / 2, (rb[ok, 1] + rb[ok, 3]) / 2, side)
        else:
            tile = np.full(n, -1, dtype=np.int64)
        self.tile = tile
        ntiles = side * side
        tb = np.empty((ntiles, 4))
        tb[:, 0:2] = np.inf
        tb[:, 2:4] = -np.inf
        if ok.any():
            t = tile[ok]
            np.minimum.at(tb[:, 0], t, rb[ok, 0])
            np.minimum.at(tb[:, 1], t, rb[ok, 1])
            np.maximum.at(tb[:, 2], t, rb[ok, 2])
            np.maximum.at(tb[:, 3], t, rb[ok, 3])
        self.tile_bounds = tb
        self.levels: list[_Rings] = []
        simpler = geoms
        for tol in LEVEL_TOLERANCES:
            if tol == 0 or not n:
                self.levels.append(_Rings(geoms) if tol == 0 else self.levels[0])
            else:
                # each level from the previous one; without topology preservation (5x faster): a commune
                # smaller than the tolerance may vanish, but it is under a pixel at the zoom that uses it
                simpler = shapely.simplify(simpler, tol, preserve_topology=False)
                self.levels.append(_Rings(simpler))
        self.outlines = [lv.grouped_paths(tile) for lv in self.levels]
        valid = [tile[lv.row] >= 0 for lv in self.levels]  # vertices per tile and level: what a frame draws
        self.tile_vertices = [np.bincount(tile[lv.row][v], minlength=ntiles) for lv, v in zip(self.levels, valid)]
        self.label_xy = shapely.get_coordinates(shapely.point_on_surface(geoms)) if n else np.zeros((0, 2))

    def level_for(self, pixel_size: float) -> int:
        """The coarsest level whose simplification stays under one pixel."""
        k = int(np.searchsorted(LEVEL_TOLERANCES, pixel_size, side="right")) - 1
        return max(0, min(k, len(self.levels) - 1))

    def tiles_in(self, xmin: float, ymin: float, xmax: float, ymax: float) -> np.ndarray:
        tb = self.tile_bounds
        return np.flatnonzero((tb[:, 0] <= xmax) & (tb[:, 2] >= xmin) & (tb[:, 1] <= ymax) & (tb[:, 3] >= ymin))


#: layer -> (its geometries array, PolygonLevels); an entry goes with its layer
_PREPARED: "weakref.WeakKeyDictionary[Layer, tuple]" = weakref.WeakKeyDictionary()


def prepare_polygons(layer: Layer) -> PolygonLevels:
    """The PolygonLevels of a polygon/line layer, built on first call and cached while the layer lives.

    Call it at the end of a loading worker so the UI thread does not simplify thousands of outlines.
    """
    entry = _PREPARED.get(layer)
    if entry is not None and entry[0] is layer.geometries:
        return entry[1]
    levels = PolygonLevels(layer.geometries)
    _PREPARED[layer] = (layer.geometries, levels)
    return levels
