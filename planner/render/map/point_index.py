"""A sorted-grid spatial index over point columns: the points inside a rectangle without scanning them all."""
from __future__ import annotations

import numpy as np


class PointGridIndex:
    """Points bucketed into square cells and sorted by cell, so a rectangle query reads a few contiguous slices.

    Built once per premise layer (one argsort) and shared by every page and export.
    """

    def __init__(self, x: np.ndarray, y: np.ndarray, cell: float | None = None):
        self.x = np.asarray(x, dtype=np.float64)
        self.y = np.asarray(y, dtype=np.float64)
        n = len(self.x)
        if n == 0:
            self.x0 = self.y0 = 0.0
            self.cell = 1.0
            self.ncols = self.nrows = 1
            self.order = np.zeros(0, dtype=np.int64)
            self.starts = np.zeros(2, dtype=np.int64)
            return
        self.x0, self.y0 = float(self.x.min()), float(self.y.min())
        w = max(float(self.x.max()) - self.x0, 1.0)
        h = max(float(self.y.max()) - self.y0, 1.0)
        if cell is None:  # about 16 points per cell on average, within sane bounds
            cell = float(np.clip(np.sqrt(w * h * 16.0 / n), 50.0, 20000.0))
        self.cell = cell
        self.ncols = int(w // cell) + 1
        self.nrows = int(h // cell) + 1
        cx = ((self.x - self.x0) // cell).astype(np.int64)
        cy = ((self.y - self.y0) // cell).astype(np.int64)
        ids = cy * self.ncols + cx
        self.order = np.argsort(ids, kind="stable")
        counts = np.bincount(ids, minlength=self.ncols * self.nrows)
        self.starts = np.concatenate([[0], np.cumsum(counts)])

    def query(self, xmin: float, ymin: float, xmax: float, ymax: float) -> np.ndarray:
        """Indices (ascending) of the points with xmin <= x <= xmax and ymin <= y <= ymax."""
        if len(self.order) == 0:
            return np.zeros(0, dtype=np.int64)
        c0 = int(np.clip((xmin - self.x0) // self.cell, 0, self.ncols - 1))
        c1 = int(np.clip((xmax - self.x0) // self.cell, 0, self.ncols - 1))
        r0 = int(np.clip((ymin - self.y0) // self.cell, 0, self.nrows - 1))
        r1 = int(np.clip((ymax - self.y0) // self.cell, 0, self.nrows - 1))
        if xmax < self.x0 or ymax < self.y0 or xmin > self.x0 + self.ncols * self.cell \
                or ymin > self.y0 + self.nrows * self.cell:
            return np.zeros(0, dtype=np.int64)
        rows = np.arange(r0, r1 + 1)
        lo = self.starts[rows * self.ncols + c0]
        hi = self.starts[rows * self.ncols + c1 + 1]
        lengths = hi - lo
        total = int(lengths.sum())
        if total == 0:
            return np.zeros(0, dtype=np.int64)
        # concatenate the row slices without a Python loop over points (one loop-free ranges trick)
        offsets = np.repeat(lo - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
        cand = self.order[np.arange(total) + offsets]
        px, py = self.x[cand], self.y[cand]
        keep = (px >= xmin) & (px <= xmax) & (py >= ymin) & (py <= ymax)
        return np.sort(cand[keep])


class SortedXIndex:
    """The same queries over points already sorted by x (a project written by `new`): the points of a rectangle
    are a `searchsorted` slab filtered on y, already in ascending order (no index to build, nothing to sort)."""

    def __init__(self, x: np.ndarray, y: np.ndarray):
        self.x = np.asarray(x, dtype=np.float64)
        self.y = np.asarray(y, dtype=np.float64)

    def query(self, xmin: float, ymin: float, xmax: float, ymax: float) -> np.ndarray:
        """Indices (ascending) of the points with xmin <= x <= xmax and ymin <= y <= ymax."""
        i0 = int(np.searchsorted(self.x, xmin, side="left"))
        i1 = int(np.searchsorted(self.x, xmax, side="right"))
        ys = self.y[i0:i1]
        return i0 + np.flatnonzero((ys >= ymin) & (ys <= ymax))


def points_index(x: np.ndarray, y: np.ndarray):
    """A `SortedXIndex` when the points are sorted by x, else a `PointGridIndex`."""
    x = np.asarray(x)
    if len(x) < 2 or bool(np.all(x[1:] >= x[:-1])):
        return SortedXIndex(x, y)
    return PointGridIndex(x, y)
