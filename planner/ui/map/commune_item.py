"""One graphics item drawing every commune outline from cached QPainterPaths (fills grouped by colour, LOD, tiles).

The outlines are prepared once per layer (`prepare_polygons` in polygon_levels.py, from a loading worker): a few
levels of detail (full, then simplified at 30 m, 150 m, 600 m, 2.5 km) and, for each level, one path per spatial
tile of communes. A frame draws only the tiles in view, at the coarsest level still finer than a screen pixel, so the
Gers (30k vertices) and all of France (2.2M vertices) both pan smoothly.
"""
from __future__ import annotations

import functools
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen, QPixmap, QTransform

from planner.core.project.model import Layer
from planner.core.simulation.palette import SELECTION_CASING, SELECTION_COLOUR
from planner.ui.map import background_render
from planner.ui.map.polygon_levels import prepare_polygons

#: commune names are written when zoomed in closer than this (metres per pixel)
LABEL_PIXEL_SIZE = 45.0
#: never more labels than this in one frame
MAX_LABELS = 250
HIGHLIGHT_COLOR = SELECTION_COLOUR  # not the orange of the "25–50 %" class any more


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
