"""A density pyramid of point layers: premises counted per grid cell at a few resolutions, built once.

A zoomed-out map of 5 million premises must not cost a pass over 5 million points per frame. The pyramid holds,
for cells of 16, 32, 64 … 8,192 metres (powers of two, aligned on multiples of the cell size), the occupied cells
only, column by column: their row, how many premises they hold (up to 255: the map shades up to a dozen per
pixel) and `last`, the highest index (in the layer's x-sorted order) of a premise in the cell. A raster of the
view at a pixel size of `cell` metres takes the coarsest level whose cells are not larger than a pixel, the
occupied cells of the columns in view (a slice), and adds them up in the pixel holding each cell's centre: a
frame costs the occupied cells on screen, not the points in the file. Views closer than the finest level
raster the points themselves (`point_raster`; they are few there).

The category drawn for a pixel is that of its premise with the highest x-sorted index (what the per-point raster
does by drawing in order); `last` keeps it exact when the pixel size equals a level's cell size, the zooms where
both rasters apply (tests/test_density_pyramid.py compares them). Built by the loading worker (Occitanie's
5 million premises: 4.2 million cells at 16 m, 10.7 million in all, 9 bytes each: ~100 MB, ~1.2 s), or read
from the project file, which stores it with the premise layer's content token (`pyramid_for`; `new` builds it).
A frame takes the occupied cells in view only (`raster_cells`): never a pass over every pixel of the screen.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.core.sorting import stable_argsort

#: the finest level's cell (metres); each level doubles it (16 m … 8 km). Closer views raster the points.
BASE_CELL = 16.0
LEVELS = 10
#: layers of more points than this get a pyramid (fewer are rastered from the points at every zoom)
MIN_POINTS = 250_000
#: counts are kept up to this (the map shades up to a dozen premises per pixel; sums stay >= it when any is)
COUNT_CAP = 255


@dataclass
class Level:
    """Occupied cells of one level, column by column: cells of column `col0 + j` are rows
    `col_start[j]:col_start[j + 1]` of `row` (sorted), `count` and `last`."""

    cell: float
    col0: int
    col_start: np.ndarray  # int64[columns + 1]
    row: np.ndarray  # int32 row of each cell (floor((y - origin) / cell))
    count: np.ndarray  # uint8 premises in the cell, capped at COUNT_CAP
    last: np.ndarray  # int32 highest x-sorted index of a premise in the cell

    def nbytes(self) -> int:
        return self.col_start.nbytes + self.row.nbytes + self.count.nbytes + self.last.nbytes


def _level(cell: float, col: np.ndarray, row: np.ndarray, count: np.ndarray | None, last: np.ndarray | None) -> Level:
    """A level from cells given by (col, row) (repeated cells merged: counts added, `last` kept highest).
    `count`/`last` None: the cells are the points themselves (one each; `last` = the point's index)."""
    r0 = int(row.min())
    span = int(row.max()) - r0 + 1
    key = col.astype(np.int64)  # a compact key (column-major cell number): sorted at SIMD speed (core/sorting.py)
    key *= span
    key += row
    key -= r0
    # points: SIMD quicksort made stable; a finer level's cells arrive in runs already sorted: timsort's case
    order = stable_argsort(key) if count is None else np.argsort(key, kind="stable")
    key = key[order]
    starts = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1])))
    cols, rows = np.divmod(key[starts], span)
    if count is None:  # a stable sort leaves each cell's highest point index last in its run
        counts = np.minimum(np.diff(np.append(starts, len(key))), COUNT_CAP).astype(np.uint8)
        lasts = order[np.append(starts[1:], len(key)) - 1].astype(np.int32)
    else:
        counts = np.minimum(np.add.reduceat(count[order], starts, dtype=np.int64), COUNT_CAP).astype(np.uint8)
        lasts = np.maximum.reduceat(last[order], starts)
    col0 = int(cols[0])
    col_start = np.searchsorted(cols, np.arange(col0, int(cols[-1]) + 2))
    rows += r0
    return Level(cell, col0, col_start.astype(np.int64), rows.astype(np.int32), counts, lasts)


class DensityPyramid:
    """Occupied cells per level for points given sorted by x (float64)."""

    def __init__(self, xs: np.ndarray, ys: np.ndarray):
        self.n = len(xs)
        self.levels: list[Level] = []
        self.codes: np.ndarray | None = None
        if self.n == 0:
            return
        # origins on a multiple of the coarsest cell, so every level's grid is aligned on multiples of its cell
        top = BASE_CELL * 2 ** (LEVELS - 1)
        self.ox = float(np.floor(xs[0] / top) * top)
        self.oy = float(np.floor(ys.min() / top) * top)
        col = np.floor((xs - self.ox) / BASE_CELL).astype(np.int64)
        row = np.floor((ys - self.oy) / BASE_CELL).astype(np.int64)
        level = _level(BASE_CELL, col, row, None, None)
        self.levels.append(level)
        for _ in range(1, LEVELS):
            cols = np.repeat(np.arange(level.col0, level.col0 + len(level.col_start) - 1), np.diff(level.col_start))
            level = _level(level.cell * 2, cols >> 1, level.row >> 1, level.count, level.last)
            self.levels.append(level)

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The pyramid as named arrays (what a project file stores, see `pyramid_for`)."""
        head = [float(self.n), self.ox, self.oy, BASE_CELL, float(LEVELS)]
        out = {"head": np.array(head + [float(level.col0) for level in self.levels], dtype=np.float64)}
        for i, level in enumerate(self.levels):
            out.update({f"{i}.col_start": level.col_start, f"{i}.row": level.row, f"{i}.count": level.count,
                        f"{i}.last": level.last})
        return out

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], n: int) -> "DensityPyramid | None":
        """The pyramid stored by `to_arrays` for `n` points, or None when the arrays do not make a consistent one
        (another version's levels, a damaged file): every index a frame will use is checked to be in range."""
        head = arrays.get("head")
        if head is None or head.dtype != np.float64 or head.shape != (5 + LEVELS,) or not np.all(np.isfinite(head)):
            return None
        if int(head[0]) != n or n == 0 or head[3] != BASE_CELL or int(head[4]) != LEVELS:
            return None
        self = cls.__new__(cls)
        self.n, self.ox, self.oy, self.codes, self.levels = n, float(head[1]), float(head[2]), None, []
        for i in range(LEVELS):
            parts = [arrays.get(f"{i}.{k}") for k in ("col_start", "row", "count", "last")]
            if any(p is None for p in parts):
                return None
            level = Level(BASE_CELL * 2 ** i, int(head[5 + i]), *parts)
            if not _consistent(level, n):
                return None
            self.levels.append(level)
        return self

    def set_codes(self, codes_sorted: np.ndarray | None) -> None:
        """Category of each premise in x-sorted order (None: one colour); a cell shows its `last` premise's."""
        self.codes = codes_sorted

    def level_for(self, cell: float) -> Level | None:
        """The coarsest level whose cells are not larger than `cell` metres (None if finer than the base)."""
        best = None
        for level in self.levels:
            if level.cell <= cell * (1 + 1e-9):
                best = level
        return best

    def nbytes(self) -> int:
        return sum(level.nbytes() for level in self.levels)

    def raster(self, level: Level, x0: float, y0: float, nx: int, ny: int, cell: float):
        """(counts float64[ny*nx], codes or None) of the pixels of cell `cell` from (x0, y0) (`raster_cells`,
        spread over the whole grid)."""
        occ, counts, codes = self.raster_cells(level, x0, y0, nx, ny, cell)
        dense = np.zeros(nx * ny)
        dense[occ] = counts
        if codes is not None:
            full = np.zeros(nx * ny, dtype=codes.dtype)
            full[occ] = codes
            codes = full
        return dense, codes

    def raster_cells(self, level: Level, x0: float, y0: float, nx: int, ny: int, cell: float):
        """The occupied pixels only: (pixel index in the row-major ny×nx grid, premises per pixel (float64),
        category per pixel or None). A frame costs the cells in view, not the pixels on screen: the cells are
        grouped by pixel with a stable sort of column-major pixel keys (each column of cells is already a
        sorted run), so a pixel's category is its last cell's, in x-sorted order, as the point raster draws."""
        c = level.cell
        ncols = len(level.col_start) - 1
        # columns whose centre is in the view
        j0 = min(max(int(np.ceil((x0 - self.ox) / c - 0.5)) - level.col0, 0), ncols)
        j1 = min(max(int(np.ceil((x0 + nx * cell - self.ox) / c - 0.5)) - level.col0, j0), ncols)
        a, b = int(level.col_start[j0]), int(level.col_start[j1])
        per_col = np.diff(level.col_start[j0:j1 + 1])
        # the pixel holding each cell's centre, in float32 (rows and pixels stay far below 2^24, so this is exact
        # where cell == c: power-of-two cells and origins)
        ratio = np.float32(c / cell)
        sy = level.row[a:b].astype(np.float32)
        sy *= ratio
        sy += np.float32((self.oy + 0.5 * c - y0) / cell)
        np.floor(sy, out=sy)
        sx = np.floor((self.ox + (level.col0 + np.arange(j0, j1) + 0.5) * c - x0) / cell).astype(np.int64)
        sy = sy.astype(np.int32)
        keep = np.flatnonzero(sy.view(np.uint32) < ny)  # negative rows wrap to huge unsigned values
        key = np.repeat(sx * ny, per_col)[keep]
        key += sy[keep]
        order = stable_argsort(key)
        key = key[order]
        src = keep[order]
        src += a
        n = len(key)
        if n == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0), None if self.codes is None else self.codes[:0]
        first = np.ones(n, dtype=bool)
        np.not_equal(key[1:], key[:-1], out=first[1:])
        starts = np.flatnonzero(first)
        ends = np.append(starts[1:], n) - 1  # each pixel's last cell
        per_cell = level.count[src]
        running = np.cumsum(per_cell, dtype=np.int32)  # sums by differences: faster than reduceat here
        counts = (running[ends] - running[starts] + per_cell[starts]).astype(np.float64)
        codes = None if self.codes is None else self.codes[level.last[src[ends]]]
        pcol, prow = np.divmod(key[starts], ny)
        if c != cell:
            counts = self._even_out(counts, pcol, prow, sx, x0, y0, nx, ny, cell, c)
        prow *= nx
        prow += pcol
        return prow, counts, codes

    def _even_out(self, counts, pcol, prow, sx, x0, y0, nx, ny, cell, c):
        """Premises per pixel area: where cells are smaller than pixels, a pixel holds one or two cells in each
        direction by a regular pattern that would show as stripes; scale by how many cells each pixel takes."""
        per_x = np.bincount(np.clip(sx, 0, nx - 1), minlength=nx).astype(np.float64)
        r0 = int(np.floor((y0 - self.oy) / c)) - 1
        r1 = int(np.ceil((y0 + ny * cell - self.oy) / c)) + 1
        ry = np.floor((self.oy + (np.arange(r0, r1) + 0.5) * c - y0) / cell).astype(np.int64)
        per_y = np.bincount(ry[(ry >= 0) & (ry < ny)], minlength=ny).astype(np.float64)
        scaled = counts * ((cell / c) ** 2 / np.maximum(per_y[prow] * per_x[pcol], 1.0))
        return np.maximum(np.rint(scaled), 1.0)  # a lone premise stays visible


def _consistent(level: Level, n: int) -> bool:
    """Whether a stored level can be drawn without an index out of range."""
    k = len(level.row)
    cs = level.col_start
    if (level.col_start.dtype != np.int64 or level.row.dtype != np.int32 or level.count.dtype != np.uint8
            or level.last.dtype != np.int32 or len(cs) < 2 or len(level.count) != k or len(level.last) != k):
        return False
    if cs[0] != 0 or cs[-1] != k or np.any(np.diff(cs) < 0) or abs(level.col0) > 2 ** 31:
        return False
    return k == 0 or (int(level.last.min()) >= 0 and int(level.last.max()) < n and int(level.row.min()) >= 0)


#: the name under which a premise layer's pyramid is remembered (planner/core/project/derived.py)
DERIVED_NAME = "density_pyramid"


def pyramid_for(layer, xs: np.ndarray, ys: np.ndarray) -> DensityPyramid:
    """The density pyramid of a point layer whose x-sorted coordinates are `xs`, `ys`: the one remembered with
    the layer's content (read from the project file when it holds it), else built and remembered, so that the
    next save stores it and the next open need not build it (~1 s for 5 million points)."""
    from planner.core.project import derived
    from planner.core.project.content_tokens import content_token

    tokens = (content_token(layer),)
    stored = derived.lookup(layer, DERIVED_NAME, tokens)
    pyramid = DensityPyramid.from_arrays(stored, len(xs)) if stored else None
    if pyramid is None:
        pyramid = DensityPyramid(xs, ys)
        if pyramid.levels:
            derived.remember(layer, DERIVED_NAME, tokens, pyramid.to_arrays())
    return pyramid


def remember_pyramid(layer) -> None:
    """Build (or find) the pyramid of a big point layer now, so that the next save stores it with the layer
    (`new` does it: the first open of a region then draws at once)."""
    if layer is None or layer.x is None or len(layer.x) <= MIN_POINTS:
        return
    from planner.core.phases.assignment import point_index

    index = point_index(layer.x, layer.y)
    pyramid_for(layer, index.xs, index.ys)


def point_raster(xs: np.ndarray, ys: np.ndarray, codes_sorted: np.ndarray | None, x0: float, y0: float, nx: int,
                 ny: int, cell: float):
    """The same (counts, codes) computed from the points themselves (x-sorted): for views too close for the
    pyramid's finest level, and as its reference. Cost: the points in the view's x-slab."""
    i0, i1 = np.searchsorted(xs, [x0, x0 + nx * cell])
    inv = 1.0 / cell  # power-of-two cells: multiplying by the inverse is exact, as dividing is
    fy = ys[i0:i1] - y0
    fy *= inv
    np.floor(fy, out=fy)
    iy = fy.astype(np.int32)
    keep = iy.view(np.uint32) < ny  # negative rows wrap to huge unsigned values
    if keep.all():
        sel = slice(i0, i1)
    else:
        sel = i0 + np.flatnonzero(keep)
        iy = iy[keep]
    fx = xs[sel] - x0
    fx *= inv
    np.floor(fx, out=fx)
    flat = fx.astype(np.int32)
    np.clip(flat, 0, nx - 1, out=flat)
    if nx * ny >= 2 ** 31:
        flat, iy = flat.astype(np.int64), iy.astype(np.int64)
    flat += iy * nx
    counts = np.bincount(flat, minlength=nx * ny).astype(np.float64)
    codes = None
    if codes_sorted is not None:
        codes = np.zeros(nx * ny, dtype=codes_sorted.dtype)
        codes[flat] = codes_sorted[sel]  # later points win, like drawing in order
    return counts, codes
