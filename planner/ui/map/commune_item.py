"""One graphics item drawing every commune outline from cached QPainterPaths (fills grouped by colour, LOD, tiles).

The outlines are prepared once per layer (`prepare_polygons`, callable from a loading worker): a few levels of
detail (full, then simplified at 30 m, 150 m, 600 m, 2.5 km) and, for each level, one path per spatial tile of
communes. A frame draws only the tiles in view, at the coarsest level still finer than a screen pixel, so the
Gers (30k vertices) and all of France (2.2M vertices) both pan smoothly.
"""
from __future__ import annotations

import functools
import time
import weakref

import numpy as np
import pyqtgraph as pg
import pyqtgraph.functions as fn
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen, QPixmap, QTransform

from planner.core.project.model import Layer
from planner.core.simulation.palette import SELECTION_CASING, SELECTION_COLOUR
from planner.ui.map import background_render

#: simplification tolerance (metres) of each level of detail; a level is used while its tolerance <= 1 pixel
LEVEL_TOLERANCES = (0.0, 30.0, 150.0, 600.0, 2500.0)
#: kept for callers: above this many metres per pixel the simplified outlines are drawn
DETAIL_PIXEL_SIZE = LEVEL_TOLERANCES[1]
#: about this many communes per tile
ROWS_PER_TILE = 60
MAX_TILES_PER_SIDE = 24
#: commune names are written when zoomed in closer than this (metres per pixel)
LABEL_PIXEL_SIZE = 45.0
#: never more labels than this in one frame
MAX_LABELS = 250
HIGHLIGHT_COLOR = SELECTION_COLOUR  # not the orange of the "25–50 %" class any more


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


#: an image of the outlines covers the view plus this share of its size on each side when made for a pan
RASTER_PAD = 0.15


def _draw_outlines(p, groups, outlines, tiles, outline_pen) -> None:
    """Fills (without antialiasing: the outlines cover their edges), then antialiased outlines, of `tiles`."""
    p.setRenderHint(p.RenderHint.Antialiasing, False)
    p.setPen(Qt.NoPen)
    for tile, brush, path in groups:
        if tile in tiles:
            p.setBrush(brush)
            p.drawPath(path)
    p.setBrush(Qt.NoBrush)
    p.setRenderHint(p.RenderHint.Antialiasing, True)
    p.setPen(outline_pen)
    for tile in tiles:
        path = outlines.get(tile)
        if path is not None:
            p.drawPath(path)


def image_grid(rect: QRectF, px: float) -> QRectF:
    """`rect` grown to whole pixels of `px` metres on a grid of multiples of `px` (images of a scale line up)."""
    x0, y0 = np.floor(rect.left() / px) * px, np.floor(rect.top() / px) * px
    nx = max(1, int(np.ceil((rect.right() - x0) / px)))
    ny = max(1, int(np.ceil((rect.bottom() - y0) / px)))
    return QRectF(x0, y0, nx * px, ny * px)


def _render_image(key, grid: QRectF, px: float, groups, outlines, tiles, outline_pen):
    """(key, world rect, QImage) of the outlines over `grid` (an `image_grid`) at `px` metres a pixel (any thread:
    no QObject)."""
    image = QImage(max(1, round(grid.width() / px)), max(1, round(grid.height() / px)),
                   QImage.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    # image row r holds world y0 + r·px: the view flips the image with everything else, as the premises raster
    painter.setTransform(QTransform(1.0 / px, 0, 0, 1.0 / px, -grid.left() / px, -grid.top() / px))
    _draw_outlines(painter, groups, outlines, tiles, outline_pen)
    painter.end()
    return key, grid, image


class CommuneItem(pg.GraphicsObject):
    """All communes of a polygon layer as one item.

    `set_fill_colors(rgba)` colours communes (uint8 array (C, 4), alpha included) or restores the style fill
    (None); `set_highlight(rows)` draws a thick outline around the selected rows; `apply_style()` re-reads
    `layer.style` (fill, outline, opacity, visible); `set_labels(names)` writes names when zoomed in (drawn by
    `label_item`, a separate item above every layer: add it to the same view).
    """

    def __init__(self, layer: Layer):
        super().__init__()
        self.layer = layer
        self._data = prepare_polygons(layer)
        self._levels = self._data.levels
        self._paths: list[QPainterPath] | None = None
        self._fill_rgba: np.ndarray | None = None
        self._fill_groups: dict[int, list[tuple[int, QBrush, QPainterPath]]] = {}
        self._highlight_rows = np.zeros(0, dtype=np.int64)
        self._highlight: dict[int, QPainterPath] = {}
        self._label_xy = self._data.label_xy
        self._label_text: np.ndarray | None = None
        self._label_cache: dict[tuple[int, float], QPixmap] = {}
        self.label_item = CommuneLabels(self)
        b = self._data.bounds
        self._bounds = QRectF(b[0], b[1], b[2] - b[0], b[3] - b[1]) if np.all(np.isfinite(b)) else QRectF()
        self.last_level = -1
        self.last_tiles = 0
        self.last_mode = "direct"
        self._version = 0  # bumped by every change of fills or style: an image drawn before is not reused
        self._cost = background_render.DrawCost()  # slow views (thousands of outlines) are drawn from images
        self._image = None  # (key, world rect, QImage) of the outlines, for slow layers
        self.apply_style()

    # --- public ---------------------------------------------------------------------------
    @property
    def paths(self) -> list[QPainterPath]:
        """One full-detail QPainterPath per commune (built on first use)."""
        if self._paths is None:
            lv = self._levels[0]
            self._paths = [lv.row_path(r) for r in range(lv.count)]
        return self._paths

    def path_count(self) -> int:
        return self._data.count

    def apply_style(self) -> None:
        st = self.layer.style
        self.setVisible(bool(st.visible))
        self.label_item.setVisible(bool(st.visible))
        self.setOpacity(float(st.opacity))
        self._outline_pen = QPen(QColor(st.outline), 0.8)
        self._outline_pen.setCosmetic(True)
        if self._fill_rgba is None:
            self._fill_groups = {}
        self._version += 1
        self.update()

    def set_fill_colors(self, rgba: np.ndarray | None) -> None:
        """Per-commune fill colours, uint8 (C, 4) RGBA, or None for the layer's style fill."""
        if rgba is not None:
            rgba = np.asarray(rgba, dtype=np.uint8)
            if rgba.shape != (self.path_count(), 4):
                raise ValueError(f"fill colours: expected shape ({self.path_count()}, 4), got {rgba.shape}")
        self._fill_rgba = rgba
        self._fill_groups = {}
        self._version += 1
        self.update()

    def set_highlight(self, rows) -> None:
        """Draw a thick outline around these commune rows (empty: none)."""
        rows = np.asarray(sorted(int(r) for r in rows), dtype=np.int64)
        rows = rows[(rows >= 0) & (rows < self.path_count())]
        self._highlight_rows = rows
        self._highlight = {}
        self.update()

    def highlighted_rows(self) -> np.ndarray:
        return self._highlight_rows

    def set_labels(self, names) -> None:
        """Names written at each commune's inner point when zoomed in (None: no labels)."""
        self._label_text = None if names is None else np.asarray(names, dtype=object)
        self._label_cache = {}
        self.label_item.update()

    def visible_labels(self, rect: QRectF, pixel_size: float) -> np.ndarray:
        """Rows whose label is drawn for this view (empty when zoomed out or without names)."""
        if self._label_text is None or pixel_size > LABEL_PIXEL_SIZE or not len(self._label_xy):
            return np.zeros(0, dtype=np.int64)
        x, y = self._label_xy[:, 0], self._label_xy[:, 1]
        rows = np.flatnonzero((x >= rect.left()) & (x <= rect.right()) & (y >= rect.top()) & (y <= rect.bottom()))
        return rows[:MAX_LABELS]

    # --- drawing --------------------------------------------------------------------------
    def _groups(self, level: int) -> list[tuple[int, QBrush, QPainterPath]]:
        """(tile, brush, path) to fill at this level."""
        if level not in self._fill_groups:
            data = self._data
            if self._fill_rgba is None:
                brush = QBrush(QColor(self.layer.style.fill))
                groups = [(t, brush, path) for t, path in data.outlines[level].items()]
            else:
                packed = self._fill_rgba.astype(np.uint32) @ np.array([1 << 24, 1 << 16, 1 << 8, 1], dtype=np.uint32)
                colours, colour = np.unique(packed, return_inverse=True)
                k = len(colours)
                key = np.where((colours[colour] & 255) == 0, -1, data.tile * k + colour)  # transparent: not drawn
                brushes = {}
                groups = []
                for g, path in data.levels[level].grouped_paths(key).items():
                    c = g % k
                    if c not in brushes:
                        v = int(colours[c])
                        brushes[c] = QBrush(QColor(v >> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255))
                    groups.append((g // k, brushes[c], path))
            self._fill_groups[level] = groups
        return self._fill_groups[level]

    def _highlight_path(self, level: int) -> QPainterPath:
        if level not in self._highlight:
            mask = np.zeros(self.path_count(), dtype=bool)
            mask[self._highlight_rows] = True
            self._highlight[level] = self._levels[level].path(mask)
        return self._highlight[level]

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, p, *args) -> None:
        m = p.transform()
        scale = max(abs(m.m11()), abs(m.m12()), 1e-12)
        level = self._data.level_for(1.0 / scale)
        vb = self.getViewBox()
        view = vb.viewRect() if vb is not None else None
        tiles = self._tiles(view, level)
        work = float(sum(self._data.tile_vertices[level][t] for t in tiles))
        if view is not None and self._cost.slow(work, level):
            self._paint_image(p, level, view, 1.0 / scale)
        else:
            groups = self._groups(level)  # made once per level and colours: not the drawing's cost
            t0 = time.perf_counter()
            _draw_outlines(p, groups, self._data.outlines[level], tiles, self._outline_pen)
            self._cost.learn(work, (time.perf_counter() - t0) * 1000, level)
            self.last_mode = "direct"
        if len(self._highlight_rows):
            for colour, width in ((SELECTION_CASING, 5.0), (HIGHLIGHT_COLOR, 2.5)):  # dark casing, then cyan
                pen = QPen(QColor(colour), width)
                pen.setCosmetic(True)
                p.setPen(pen)
                p.drawPath(self._highlight_path(level))

    def _tiles(self, rect: QRectF | None, level: int) -> set[int]:
        if rect is None:
            tiles = set(self._data.outlines[level])
        else:
            tiles = set(self._data.tiles_in(rect.left(), rect.top(), rect.right(), rect.bottom()).tolist())
        self.last_level, self.last_tiles = level, len(tiles)
        return tiles

    def _paint_image(self, p, level: int, view: QRectF, px: float) -> None:
        """A slow layer (a region's thousands of outlines): drawn from an image of the view at this scale, made
        in the background when the scale changes (the previous image, scaled, stands in meanwhile)."""
        dev = p.device()
        dpr = float(dev.devicePixelRatioF()) if dev is not None else 1.0
        key = (float(f"{px / dpr:.7g}"), level, self._version)
        cached = self._image
        if cached is not None and cached[0] == key and cached[1].contains(view):
            self.last_mode = "image"
        else:
            pad = RASTER_PAD if cached is not None and cached[0] == key else 0.0  # pans: a margin for the next ones
            grid = image_grid(view.adjusted(-pad * view.width(), -pad * view.height(), pad * view.width(),
                                            pad * view.height()), px / dpr)
            pen = QPen(self._outline_pen)
            pen.setWidthF(pen.widthF() * dpr)  # the image is drawn at device pixels
            tiles = self._tiles(grid, level)
            work = (float(sum(self._data.tile_vertices[level][t] for t in tiles)), level)
            render = functools.partial(background_render.timed, functools.partial(
                _render_image, key, grid, px / dpr, self._groups(level), self._data.outlines[level], tiles, pen))
            if cached is not None and cached[0][2] == self._version:
                background_render.request(self, key, render, functools.partial(self._image_ready, work))
                self.last_mode = "image (previous)"
            else:
                cached, ms = render()
                self._image = cached
                self._cost.learn(work[0], ms, level)
                self.last_mode = "image"
        # a stand-in drawn smaller is smoothed (lines stay visible), a larger one is not (cheap: it lasts a frame)
        p.setRenderHint(p.RenderHint.SmoothPixmapTransform, cached[0] != key and cached[0][0] < key[0])
        p.drawImage(cached[1], cached[2])

    def _image_ready(self, work, key, result) -> None:
        if isinstance(result, BaseException):
            self._cost.forget()  # draw directly next time
            self.update()
            return
        image, ms = result
        self._cost.learn(work[0], ms, work[1])  # what this view really cost: views stay or leave the background
        if key[2] == self._version:
            self._image = image
        self.update()

    def _label_pixmap(self, row: int, dpr: float) -> QPixmap:
        """The name of a commune with a white halo, rendered once and cached."""
        key = (row, dpr)
        pm = self._label_cache.get(key)
        if pm is not None:
            return pm
        text = str(self._label_text[row])
        font = QFont()
        font.setPointSizeF(8.5)
        fm = QFontMetricsF(font)
        w, h = fm.horizontalAdvance(text) + 6, fm.height() + 4
        pm = QPixmap(int(np.ceil(w * dpr)), int(np.ceil(h * dpr)))
        pm.setDevicePixelRatio(dpr)
        pm.fill(Qt.transparent)
        painter = QPainter(pm)
        painter.setRenderHint(QPainter.Antialiasing, True)
        path = QPainterPath()
        path.addText(QPointF(3, 2 + fm.ascent()), font, text)
        halo = QPen(QColor(255, 255, 255, 230), 3.0)
        halo.setJoinStyle(Qt.RoundJoin)
        painter.strokePath(path, halo)
        painter.fillPath(path, QColor(50, 50, 50))
        painter.end()
        self._label_cache[key] = pm
        return pm

    def _paint_labels(self, p, transform, pixel_size: float) -> None:
        vb = self.label_item.getViewBox()
        if vb is None or self._label_text is None:
            return
        rows = self.visible_labels(vb.viewRect(), pixel_size)
        if not len(rows):
            return
        xy = self._label_xy[rows]
        dev_x = transform.m11() * xy[:, 0] + transform.m21() * xy[:, 1] + transform.dx()
        dev_y = transform.m12() * xy[:, 0] + transform.m22() * xy[:, 1] + transform.dy()
        dev = p.device()
        dpr = float(dev.devicePixelRatioF()) if dev is not None else 1.0
        p.save()
        p.resetTransform()
        for r, dx, dy in zip(rows, dev_x, dev_y):
            pm = self._label_pixmap(int(r), dpr)
            w, h = pm.width() / dpr, pm.height() / dpr
            p.drawPixmap(QPointF(dx - w / 2.0, dy - h / 2.0), pm)
        p.restore()


class CommuneLabels(pg.GraphicsObject):
    """Commune names at their inner points, drawn above every layer when zoomed in (cached pixmaps)."""

    def __init__(self, communes: CommuneItem):
        super().__init__()
        self.communes = communes
        self.setZValue(10_000)

    def boundingRect(self) -> QRectF:
        return self.communes.boundingRect()

    def paint(self, p, *args) -> None:
        m = p.transform()
        scale = max(abs(m.m11()), abs(m.m12()), 1e-12)
        self.communes._paint_labels(p, m, 1.0 / scale)
