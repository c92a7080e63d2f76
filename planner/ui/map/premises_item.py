"""One graphics item for all premises, with level of detail: a numpy raster when zoomed out, real points when in.

Points are kept sorted by x so the visible ones are a `searchsorted` slice; a coarse count grid tells
quickly how many are visible. Above `POINTS_MAX` visible points the item draws a raster of 2×2-pixel cells
(np.bincount over the cells of a padded view extent, cached while panning inside it); below, it draws the
real points as antialiased dots: one QPainter.drawPixmapFragments call over a sprite atlas (one dot per
colour), the fragment array filled straight from numpy in device coordinates.
"""
from __future__ import annotations

import functools
import time
import weakref

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
import pyqtgraph.functions as fn
from pyqtgraph.Qt.internals import PrimitiveArray

from planner.core.project.model import Layer
from planner.ui.map import background_render
from planner.render.map.density_pyramid import MIN_POINTS, DensityPyramid, point_raster, pyramid_for

#: above this many visible points, draw the raster instead of points
POINTS_MAX = 60_000
#: layers above this many points get a density pyramid; views above this many points raster from it
PYRAMID_MIN_POINTS = MIN_POINTS
#: raster cell size in screen pixels
CELL_PX = 1
#: the raster covers the view plus this fraction on each side, so small pans reuse it
RASTER_PAD = 0.15
#: cells with this many premises or more are drawn fully opaque
DENSITY_LEVELS = 12
#: coarse count grid used to estimate the visible count
GRID = 128
DEFAULT_POINT_COLOR = (48, 63, 159, 255)
HALO_COLOR = QColor(255, 255, 255, 220)
#: dots get a white halo only when fewer than this many are visible (dense views stay saturated)
HALO_MAX = 5_000


class PointIndex:
    """Premises sorted by x (with the permutation), a coarse count grid and a density pyramid — pure numpy.

    The sorted coordinates are the assignment's (planner/core/phases/assignment.point_index): one sorted copy
    per layer. Built once per layer, in a worker thread when the layer is loaded (`prepare_points`), so that
    creating the map item on the UI thread is instant.
    """

    def __init__(self, x: np.ndarray, y: np.ndarray, layer: Layer | None = None):
        from planner.core.phases.assignment import point_index

        core = point_index(np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64))
        self.n = len(core.xs)
        self.order, self.x, self.y = core.order, core.xs, core.ys
        if self.n:
            self.bounds = (float(self.x[0]), float(self.y.min()), float(self.x[-1]), float(self.y.max()))
        else:
            self.bounds = (0.0, 0.0, 0.0, 0.0)
        xmin, ymin, xmax, ymax = self.bounds
        w, h = max(xmax - xmin, 1.0), max(ymax - ymin, 1.0)
        self.gcell = (w / GRID * 1.0001, h / GRID * 1.0001)
        if self.n:
            gx = ((self.x - xmin) / self.gcell[0]).astype(np.int64)
            gy = ((self.y - ymin) / self.gcell[1]).astype(np.int64)
            grid = np.bincount(gy * GRID + gx, minlength=GRID * GRID).reshape(GRID, GRID)
        else:
            grid = np.zeros((GRID, GRID), dtype=np.int64)
        self.grid_cum = grid.cumsum(0).cumsum(1)
        self.pyramid = None
        if self.n > PYRAMID_MIN_POINTS:  # the layer's own (stored in its project file), else built here
            self.pyramid = pyramid_for(layer, self.x, self.y) if layer is not None else DensityPyramid(self.x, self.y)


#: layer -> (its x array, PointIndex); an entry goes with its layer
_PREPARED: "weakref.WeakKeyDictionary[Layer, tuple]" = weakref.WeakKeyDictionary()


def prepare_points(layer: Layer) -> PointIndex:
    """The PointIndex of a point layer, built on first call and cached while the layer (and its x) live.

    Thread-safe enough to call from a worker right after loading: the UI thread then finds it ready.
    """
    entry = _PREPARED.get(layer)
    if entry is not None and entry[0] is layer.x:
        return entry[1]
    index = PointIndex(layer.x, layer.y, layer)
    _PREPARED[layer] = (layer.x, index)
    return index


class PremisesItem(pg.GraphicsObject):
    """Every premise of a point layer drawn as one item.

    `set_categories(codes, palette)` colours premises: codes[i] indexes `palette` (list of (r, g, b, a));
    code -1 (or out of range) takes the LAST palette colour ('unplanned' grey). `nearest(x, y, tol)` finds
    the closest premise (original row) within a distance, vectorised.
    """

    def __init__(self, layer: Layer):
        super().__init__()
        self.layer = layer
        index = prepare_points(layer)
        self._order, self._x, self._y = index.order, index.x, index.y
        self._pyramid = index.pyramid
        self._n = index.n
        self._xmin, self._ymin, self._xmax, self._ymax = index.bounds
        self._gcell, self._grid_cum = index.gcell, index.grid_cum
        self._code = np.zeros(self._n, dtype=np.int16)
        self._palette = np.array([self._style_color()], dtype=np.uint8)
        self._custom_palette = False
        self._hollow: tuple[bool, ...] = ()  # palette entries drawn as rings
        self._raster = None  # (key, rect, QImage, buffer)
        self._version = 0  # bumped by every change of colours or style: a raster drawn before is not reused
        self._cost = background_render.DrawCost()  # rasters of many premises are made aside (per premise in view)
        self._atlas_cache = None  # (key, QPixmap, sprite side)
        self._lut = None  # (palette, (colours, DENSITY_LEVELS) uint32)
        self._fragments = PrimitiveArray(QPainter.PixmapFragment, 10)
        self.last_mode = ""
        self.last_source = ""
        self.last_visible = 0
        self.apply_style()

    # --- public ---------------------------------------------------------------------------
    def point_count(self) -> int:
        return self._n

    def set_categories(self, codes: np.ndarray | None, palette: list[tuple[int, int, int, int]] | None = None,
                       hollow=()) -> None:
        """Colour per premise: palette[codes[i]]; -1 or out of range -> palette[-1]. None: the layer colour.
        `hollow`: the palette entries drawn as a ring rather than a dot (as printed pages draw them)."""
        self._hollow = tuple(bool(h) for h in hollow)
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
        if self._pyramid is not None:
            self._pyramid.set_codes(self._code if len(self._palette) > 1 else None)
        self._raster = None
        self._version += 1
        self.update()

    def apply_style(self) -> None:
        st = self.layer.style
        self.setVisible(bool(st.visible))
        self.setOpacity(float(st.opacity))
        if not self._custom_palette:
            self._palette = np.array([self._style_color()], dtype=np.uint8)
        self._raster = None
        self._version += 1
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
        idx = None
        if self._estimate(xmin, ymin, xmax, ymax) <= POINTS_MAX:
            idx = self._visible(xmin, ymin, xmax, ymax)
        if idx is None or len(idx) > POINTS_MAX:
            self._paint_raster(p, xmin, ymin, xmax, ymax, px)
        else:
            self._paint_points(p, idx, px)

    # --- raster (zoomed out) ---------------------------------------------------------------
    def _paint_raster(self, p, xmin, ymin, xmax, ymax, px) -> None:
        cell = px * CELL_PX
        key = (float(f"{cell:.7g}"), self._version)  # pans: the same cell size up to float noise
        # the part of the view that holds data: the cached raster must cover it
        need = QRectF(max(xmin, self._xmin), max(ymin, self._ymin), 0, 0)
        need.setRight(min(xmax, self._xmax))
        need.setBottom(min(ymax, self._ymax))
        cached = self._raster
        if not (cached is not None and cached[0] == key and (need.isEmpty() or cached[1].contains(need))):
            # a new zoom level gets a raster of the view only (every frame of a zoom is a new level); a pan at
            # the same level a padded one, which the next pans reuse
            pad = 0.0 if (cached is not None and cached[0] != key) else RASTER_PAD
            build = functools.partial(self._build_raster, key, xmin, ymin, xmax, ymax, cell, pad)
            work = float(self._estimate(xmin, ymin, xmax, ymax))
            if self._cost.slow(work) and cached is not None and cached[0][1] == key[1]:
                background_render.request(self, key, functools.partial(background_render.timed, build),
                                          functools.partial(self._raster_ready, work))  # meanwhile: the last raster
                self.last_mode = "raster (previous)"
            else:
                t0 = time.perf_counter()
                cached = self._raster = build()
                self._cost.learn(work, (time.perf_counter() - t0) * 1000)
                self.last_mode = "raster"
        else:
            self.last_mode = "raster"
        _, rect, image, _buf = cached
        p.setRenderHint(p.RenderHint.SmoothPixmapTransform, False)
        p.drawImage(rect, image)

    def _raster_ready(self, work, key, result) -> None:
        """A raster rendered in the background (GUI thread): kept when it is still of the current colours."""
        if isinstance(result, BaseException):
            self._cost.forget()  # draw directly next time (and raise there)
            self.update()
            return
        raster, ms = result
        self._cost.learn(work, ms)
        if key[1] == self._version:
            self._raster = raster
        self.update()

    def _build_raster(self, key, xmin, ymin, xmax, ymax, cell, pad: float = RASTER_PAD):
        """(key, world rect, QImage, None) of the view padded by `pad` of its size on each side (any thread)."""
        w, h = xmax - xmin, ymax - ymin
        x0 = max(xmin - pad * w, self._xmin - cell)
        y0 = max(ymin - pad * h, self._ymin - cell)
        x1 = min(xmax + pad * w, self._xmax + cell)
        y1 = min(ymax + pad * h, self._ymax + cell)
        # snap the origin to the cell grid so successive rasters line up
        x0 = np.floor(x0 / cell) * cell
        y0 = np.floor(y0 / cell) * cell
        nx = max(1, int(np.ceil((x1 - x0) / cell)))
        ny = max(1, int(np.ceil((y1 - y0) / cell)))
        occ, counts, cat = self.raster_cells(x0, y0, nx, ny, cell)
        lut = self._raster_lut()
        level = np.minimum(counts, lut.shape[1] - 1).astype(np.int64)
        if len(self._palette) == 1 or cat is None:
            packed = lut[0][level]
        else:
            packed = lut[cat, level]
        # the image owns its memory; numpy writes into it (no QImage-over-a-Python-buffer lifetime games)
        image = QImage(nx, ny, QImage.Format_ARGB32_Premultiplied)
        image.fill(0)
        pixels = fn.ndarray_from_qimage(image).reshape(-1).view(np.uint32)  # 32-bit rows are never padded
        pixels[occ] = packed
        rect = QRectF(x0, y0, nx * cell, ny * cell)
        return (key, rect, image, None)

    def raster_arrays(self, x0: float, y0: float, nx: int, ny: int, cell: float, use_pyramid: bool | None = None):
        """(counts, categories) of every raster cell (`raster_cells` spread over the grid)."""
        occ, counts, cats = self.raster_cells(x0, y0, nx, ny, cell, use_pyramid)
        dense = np.zeros(nx * ny)
        dense[occ] = counts
        full = None
        if cats is not None:
            full = np.zeros(nx * ny, dtype=cats.dtype)
            full[occ] = cats
        return dense, full

    def raster_cells(self, x0: float, y0: float, nx: int, ny: int, cell: float, use_pyramid: bool | None = None):
        """(occupied cells, their counts, their categories or None): from the density pyramid when a level fits
        the cell size and the view holds many premises (a frame then costs the occupied cells on screen, not the
        pixels), else from the points."""
        codes = self._code if len(self._palette) > 1 else None
        level = self._pyramid.level_for(cell) if self._pyramid is not None else None
        if use_pyramid is None:
            use_pyramid = level is not None and self._estimate(x0, y0, x0 + nx * cell, y0 + ny * cell) > \
                PYRAMID_MIN_POINTS
        if use_pyramid and level is not None:
            self.last_source = f"pyramid {level.cell:g} m"
            return self._pyramid.raster_cells(level, x0, y0, nx, ny, cell)
        self.last_source = "points"
        counts, cats = point_raster(self._x, self._y, codes, x0, y0, nx, ny, cell)
        occ = np.flatnonzero(counts)
        return occ, counts[occ], None if cats is None else cats[occ]

    def _raster_lut(self) -> np.ndarray:
        """Premultiplied 0xAARRGGBB per (palette colour, premises in the cell): the raster engine's native format.

        Density shading: a lone premise faint, a village core opaque (alpha 0.3 + 0.22·log2(count), up to 1).
        """
        if self._lut is not None and self._lut[0] is self._palette:
            return self._lut[1]
        counts = np.arange(DENSITY_LEVELS, dtype=np.float64)
        shade = np.minimum(1.0, 0.3 + 0.22 * np.log2(np.maximum(counts, 1)))
        shade[0] = 0.0
        pal = self._palette.astype(np.float64)
        alpha = shade[None, :] * pal[:, 3:4] / 255.0  # (colours, levels)
        lut = (np.round(alpha * 255).astype(np.uint32) << 24)
        for shift, channel in ((16, 0), (8, 1), (0, 2)):
            lut |= np.round(pal[:, channel:channel + 1] * alpha).astype(np.uint32) << shift
        self._lut = (self._palette, lut)
        return lut

    # --- points (zoomed in) ----------------------------------------------------------------
    def _sprite_size(self, px: float) -> float:
        size = float(self.layer.style.point_size)
        if px < 2:
            size *= 2.2
        elif px < 10:
            size *= 1.5
        return size

    def _atlas(self, size: float, dpr: float, halo: bool):
        """One antialiased dot (with a white halo when few are shown) per palette colour, side by side; a ring for
        the hollow entries (a state told apart by its shape too, as on printed pages)."""
        key = (round(size, 2), id(self._palette), dpr, halo, self._hollow)
        if self._atlas_cache is not None and self._atlas_cache[0] == key:
            return self._atlas_cache
        side = int(np.ceil(size + 3))
        pm = QPixmap(int(side * len(self._palette) * dpr), int(side * dpr))
        pm.setDevicePixelRatio(dpr)
        pm.fill(Qt.transparent)
        painter = QPainter(pm)
        painter.setRenderHint(QPainter.Antialiasing)
        ring = QPen(HALO_COLOR, 1.0) if halo else Qt.NoPen
        for k, color in enumerate(self._palette):
            centre = QPointF(k * side + side / 2.0, side / 2.0)
            painter.setPen(ring)
            if k < len(self._hollow) and self._hollow[k]:
                width = max(1.2, size * 0.3)
                painter.setBrush(Qt.NoBrush)
                painter.drawEllipse(centre, size / 2.0, size / 2.0)  # the halo, outside and inside the ring
                painter.setPen(QPen(QColor(*(int(v) for v in color)), width))
                painter.drawEllipse(centre, (size - width) / 2.0, (size - width) / 2.0)
                continue
            painter.setBrush(QColor(*(int(v) for v in color)))
            painter.drawEllipse(centre, size / 2.0, size / 2.0)
        painter.end()
        self._atlas_cache = (key, pm, side)
        return self._atlas_cache

    def _paint_points(self, p, idx: np.ndarray, px: float) -> None:
        self.last_mode = "points"
        self.last_visible = len(idx)
        if not len(idx):
            return
        dev = p.device()
        dpr = float(dev.devicePixelRatioF()) if dev is not None else 1.0
        _, pm, side = self._atlas(self._sprite_size(px), dpr, len(idx) < HALO_MAX)
        t = p.transform()
        x, y = self._x[idx], self._y[idx]
        frags = self._fragments
        frags.resize(len(idx))
        f = frags.ndarray()
        f[:, 0] = t.m11() * x + t.m21() * y + t.dx()
        f[:, 1] = t.m12() * x + t.m22() * y + t.dy()
        np.clip(f[:, 0:2], -2**30, 2**30, out=f[:, 0:2])
        f[:, 2] = self._code[idx] * (side * dpr)
        f[:, 3] = 0.0
        f[:, 4] = side * dpr
        f[:, 5] = side * dpr
        f[:, 6:10] = [1.0 / dpr, 1.0 / dpr, 0.0, 1.0]
        p.save()
        p.resetTransform()
        p.drawPixmapFragments(*frags.drawargs(), pm)
        p.restore()
