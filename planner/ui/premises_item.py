"""One graphics item for all premises, with level of detail: a numpy raster when zoomed out, real points when in.

Points are kept sorted by x so the visible ones are a `searchsorted` slice; a coarse count grid tells
quickly how many are visible. Above `POINTS_MAX` visible points the item draws a raster of 2×2-pixel cells
(np.bincount over the cells of a padded view extent, cached while panning inside it); below, it draws the
real points with QPainter.drawPoints on QPolygonF filled straight from numpy memory, one call per colour.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pyqtgraph.functions as fn
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPen

from planner.core.model import Layer

#: above this many visible points, draw the raster instead of points
POINTS_MAX = 60_000
#: raster cell size in screen pixels
CELL_PX = 2
#: the raster covers the view plus this fraction on each side, so small pans reuse it
RASTER_PAD = 0.5
#: coarse count grid used to estimate the visible count
GRID = 128
DEFAULT_POINT_COLOR = (48, 63, 159, 255)
HALO_COLOR = QColor(255, 255, 255, 220)


class PremisesItem(pg.GraphicsObject):
    """Every premise of a point layer drawn as one item.

    `set_categories(codes, palette)` colours premises: codes[i] indexes `palette` (list of (r, g, b, a));
    code -1 (or out of range) takes the LAST palette colour ('unplanned' grey). `nearest(x, y, tol)` finds
    the closest premise (original row) within a distance, vectorised.
    """

    def __init__(self, layer: Layer):
        super().__init__()
        self.layer = layer
        x = np.asarray(layer.x, dtype=np.float64)
        y = np.asarray(layer.y, dtype=np.float64)
        self._order = np.argsort(x, kind="stable")
        self._x = np.ascontiguousarray(x[self._order])
        self._y = np.ascontiguousarray(y[self._order])
        self._n = len(x)
        if self._n:
            self._xmin, self._xmax = float(self._x[0]), float(self._x[-1])
            self._ymin, self._ymax = float(self._y.min()), float(self._y.max())
        else:
            self._xmin = self._xmax = self._ymin = self._ymax = 0.0
        self._build_grid()
        self._code = np.zeros(self._n, dtype=np.int16)
        self._palette = np.array([self._style_color()], dtype=np.uint8)
        self._custom_palette = False
        self._raster = None  # (key, rect, QImage, buffer)
        self.last_mode = ""
        self.last_visible = 0
        self.apply_style()

    # --- public ---------------------------------------------------------------------------
    def point_count(self) -> int:
        return self._n

    def set_categories(self, codes: np.ndarray | None, palette: list[tuple[int, int, int, int]] | None = None) -> None:
        """Colour per premise: palette[codes[i]]; -1 or out of range -> palette[-1]. None: the layer colour."""
        if codes is None:
            self._code = np.zeros(self._n, dtype=np.int16)
            self._palette = np.array([self._style_color()], dtype=np.uint8)
            self._custom_palette = False
        else:
            codes = np.asarray(codes)
            if len(codes) != self._n:
                raise ValueError(f"categories: expected {self._n} codes, got {len(codes)}")
            pal = np.array([tuple(c) + (255,) * (4 - len(c)) for c in palette], dtype=np.uint8).reshape(-1, 4)
            if len(pal) == 0:
                pal = np.array([self._style_color()], dtype=np.uint8)
            last = len(pal) - 1
            c = codes[self._order].astype(np.int64)
            c = np.where((c < 0) | (c > last), last, c)
            self._code = c.astype(np.int16)
            self._palette = pal
            self._custom_palette = True
        self._raster = None
        self.update()

    def apply_style(self) -> None:
        st = self.layer.style
        self.setVisible(bool(st.visible))
        self.setOpacity(float(st.opacity))
        if not self._custom_palette:
            self._palette = np.array([self._style_color()], dtype=np.uint8)
        self._raster = None
        self.update()

    def nearest(self, x: float, y: float, tolerance: float) -> int:
        """Original row of the premise nearest to (x, y) within `tolerance` metres, or -1."""
        i0, i1 = np.searchsorted(self._x, [x - tolerance, x + tolerance])
        if i1 <= i0:
            return -1
        d2 = (self._x[i0:i1] - x) ** 2 + (self._y[i0:i1] - y) ** 2
        k = int(np.argmin(d2))
        if d2[k] > tolerance * tolerance:
            return -1
        return int(self._order[i0 + k])

    def visible_count(self, rect: QRectF) -> int:
        """Exact number of premises inside a view rectangle."""
        return len(self._visible(rect.left(), rect.top(), rect.right(), rect.bottom()))

    # --- internals ------------------------------------------------------------------------
    def _style_color(self) -> tuple[int, int, int, int]:
        c = QColor(self.layer.style.fill)
        if self.layer.style.fill.lower() == "#f2efe6":  # the polygon default: use a point colour instead
            return DEFAULT_POINT_COLOR
        return (c.red(), c.green(), c.blue(), 255)

    def _build_grid(self) -> None:
        w = max(self._xmax - self._xmin, 1.0)
        h = max(self._ymax - self._ymin, 1.0)
        self._gcell = (w / GRID * 1.0001, h / GRID * 1.0001)
        if self._n:
            gx = ((self._x - self._xmin) / self._gcell[0]).astype(np.int64)
            gy = ((self._y - self._ymin) / self._gcell[1]).astype(np.int64)
            self._grid = np.bincount(gy * GRID + gx, minlength=GRID * GRID).reshape(GRID, GRID)
        else:
            self._grid = np.zeros((GRID, GRID), dtype=np.int64)
        self._grid_cum = self._grid.cumsum(0).cumsum(1)

    def _estimate(self, xmin: float, ymin: float, xmax: float, ymax: float) -> int:
        """Upper bound of the visible count from the coarse grid (summed-area table)."""
        if not self._n:
            return 0
        gx0 = int(np.clip((xmin - self._xmin) // self._gcell[0], 0, GRID - 1))
        gx1 = int(np.clip((xmax - self._xmin) // self._gcell[0], 0, GRID - 1))
        gy0 = int(np.clip((ymin - self._ymin) // self._gcell[1], 0, GRID - 1))
        gy1 = int(np.clip((ymax - self._ymin) // self._gcell[1], 0, GRID - 1))
        if xmax < self._xmin or xmin > self._xmax or ymax < self._ymin or ymin > self._ymax:
            return 0
        s = self._grid_cum
        total = s[gy1, gx1]
        if gx0 > 0:
            total -= s[gy1, gx0 - 1]
        if gy0 > 0:
            total -= s[gy0 - 1, gx1]
        if gx0 > 0 and gy0 > 0:
            total += s[gy0 - 1, gx0 - 1]
        return int(total)

    def _visible(self, xmin, ymin, xmax, ymax) -> np.ndarray:
        """Sorted-order indices of the premises inside the rectangle."""
        i0, i1 = np.searchsorted(self._x, [xmin, xmax])
        ys = self._y[i0:i1]
        return i0 + np.flatnonzero((ys >= ymin) & (ys <= ymax))

    def boundingRect(self) -> QRectF:
        pad = 50.0
        return QRectF(self._xmin - pad, self._ymin - pad, self._xmax - self._xmin + 2 * pad,
                      self._ymax - self._ymin + 2 * pad)

    def paint(self, p, *args) -> None:
        vb = self.getViewBox()
        if vb is None or not self._n:
            return
        r = vb.viewRect()
        px = vb.viewPixelSize()[0]
        if not (px > 0):
            return
        xmin, ymin, xmax, ymax = r.left(), r.top(), r.right(), r.bottom()
        estimate = self._estimate(xmin, ymin, xmax, ymax)
        if estimate > POINTS_MAX:
            idx = None
        else:
            idx = self._visible(xmin, ymin, xmax, ymax)
        if idx is None or len(idx) > POINTS_MAX:
            self._paint_raster(p, xmin, ymin, xmax, ymax, px)
        else:
            self._paint_points(p, idx, px)

    def _paint_raster(self, p, xmin, ymin, xmax, ymax, px) -> None:
        cell = px * CELL_PX
        key = (round(cell, 9), id(self._palette))
        cached = self._raster
        if not (cached is not None and cached[0] == key and cached[1].contains(QRectF(xmin, ymin, xmax - xmin, ymax - ymin))):
            cached = self._build_raster(key, xmin, ymin, xmax, ymax, cell)
            self._raster = cached
        _, rect, image, _buf = cached
        p.setRenderHint(p.RenderHint.SmoothPixmapTransform, False)
        p.drawImage(rect, image)
        self.last_mode = "raster"

    def _build_raster(self, key, xmin, ymin, xmax, ymax, cell):
        w, h = xmax - xmin, ymax - ymin
        x0 = max(xmin - RASTER_PAD * w, self._xmin - cell)
        y0 = max(ymin - RASTER_PAD * h, self._ymin - cell)
        x1 = min(xmax + RASTER_PAD * w, self._xmax + cell)
        y1 = min(ymax + RASTER_PAD * h, self._ymax + cell)
        # snap the origin to the cell grid so successive rasters line up
        x0 = np.floor(x0 / cell) * cell
        y0 = np.floor(y0 / cell) * cell
        nx = max(1, int(np.ceil((x1 - x0) / cell)))
        ny = max(1, int(np.ceil((y1 - y0) / cell)))
        idx = self._visible(x0, y0, x0 + nx * cell, y0 + ny * cell)
        ix = ((self._x[idx] - x0) * (1.0 / cell)).astype(np.int64)
        iy = ((self._y[idx] - y0) * (1.0 / cell)).astype(np.int64)
        np.clip(ix, 0, nx - 1, out=ix)
        np.clip(iy, 0, ny - 1, out=iy)
        flat = iy * nx + ix
        counts = np.bincount(flat, minlength=nx * ny)
        rgba = np.zeros((ny * nx, 4), dtype=np.uint8)
        occupied = counts > 0
        if len(self._palette) == 1:
            rgba[occupied] = self._palette[0]
        else:
            cat = np.zeros(nx * ny, dtype=np.int16)
            cat[flat] = self._code[idx]  # later points win, like drawing in order
            rgba[occupied] = self._palette[cat[occupied]]
        # single premises a little lighter, clusters full strength
        alpha = np.minimum(1.0, 0.6 + 0.2 * counts[occupied])
        rgba[occupied, 3] = (rgba[occupied, 3] * alpha).astype(np.uint8)
        buf = np.ascontiguousarray(rgba.reshape(ny, nx, 4))
        image = QImage(buf.data, nx, ny, nx * 4, QImage.Format_RGBA8888)
        rect = QRectF(x0, y0, nx * cell, ny * cell)
        return (key, rect, image, buf)

    def _paint_points(self, p, idx: np.ndarray, px: float) -> None:
        self.last_mode = "points"
        self.last_visible = len(idx)
        if not len(idx):
            return
        size = float(self.layer.style.point_size)
        if px < 2:
            size *= 2.2
        elif px < 10:
            size *= 1.5
        codes = self._code[idx]
        p.setRenderHint(p.RenderHint.Antialiasing, len(idx) < 20_000)
        if len(self._palette) == 1:
            groups = [(self._palette[0], idx)]
        else:
            order = np.argsort(codes, kind="stable")
            sorted_codes = codes[order]
            cuts = np.flatnonzero(np.diff(sorted_codes)) + 1
            groups = [(self._palette[int(sorted_codes[s[0]])], idx[order][s[0]:s[-1] + 1])
                      for s in np.split(np.arange(len(order)), cuts)]
        polys = [(color, self._polygon(sel)) for color, sel in groups]
        if len(idx) < 5000:
            halo = QPen(HALO_COLOR, size + 2.0)
            halo.setCosmetic(True)
            halo.setCapStyle(Qt.RoundCap)
            p.setPen(halo)
            for _, poly in polys:
                p.drawPoints(poly)
        for color, poly in polys:
            pen = QPen(QColor(*(int(v) for v in color)), size)
            pen.setCosmetic(True)
            pen.setCapStyle(Qt.RoundCap if len(idx) < 20_000 else Qt.SquareCap)
            p.setPen(pen)
            p.drawPoints(poly)

    def _polygon(self, sel: np.ndarray):
        poly = fn.create_qpolygonf(len(sel))
        arr = fn.ndarray_from_qpolygonf(poly)
        arr[:, 0] = self._x[sel]
        arr[:, 1] = self._y[sel]
        return poly
