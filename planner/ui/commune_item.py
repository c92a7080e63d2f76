"""One graphics item drawing every commune outline from cached QPainterPaths (fills grouped by colour, LOD)."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pyqtgraph.functions as fn
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPixmap

from planner.core.model import Layer

#: below this many metres per pixel the full-detail outlines are drawn; above, simplified ones
DETAIL_PIXEL_SIZE = 30.0
#: commune names are written when zoomed in closer than this (metres per pixel)
LABEL_PIXEL_SIZE = 45.0
#: never more labels than this in one frame
MAX_LABELS = 250
HIGHLIGHT_COLOR = "#ff9800"


class _Rings:
    """Coordinates of all rings of a polygon array, flattened, with the owner row of every vertex."""

    def __init__(self, geoms: np.ndarray):
        geoms = np.asarray(geoms, dtype=object)
        parts, part_row = shapely.get_parts(geoms, return_index=True)
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

    def row_path(self, row: int) -> QPainterPath:
        a, b = self.starts[row], self.starts[row + 1]
        if b <= a:
            return QPainterPath()
        path = fn.arrayToQPath(self.x[a:b], self.y[a:b], connect=self.connect[a:b])
        path.setFillRule(Qt.OddEvenFill)
        return path


class CommuneItem(pg.GraphicsObject):
    """All communes of a polygon layer as one item.

    `set_fill_colors(rgba)` colours communes (uint8 array (C, 4), alpha included) or restores the style fill
    (None); `set_highlight(rows)` draws a thick outline around the selected rows; `apply_style()` re-reads
    `layer.style` (fill, outline, opacity, visible).
    """

    def __init__(self, layer: Layer):
        super().__init__()
        self.layer = layer
        geoms = layer.geometries if layer.geometries is not None else np.zeros(0, dtype=object)
        self._levels = [_Rings(geoms)]
        if len(geoms):
            simple = shapely.simplify(geoms, DETAIL_PIXEL_SIZE, preserve_topology=True)
            self._levels.append(_Rings(simple))
        else:
            self._levels.append(self._levels[0])
        self._outline = [lv.path() for lv in self._levels]
        self._paths: list[QPainterPath] | None = None
        self._fill_rgba: np.ndarray | None = None
        self._fill_groups: list[list[tuple[QBrush, QPainterPath]] | None] = [None, None]
        self._highlight_rows = np.zeros(0, dtype=np.int64)
        self._highlight = [QPainterPath(), QPainterPath()]
        self._label_xy = shapely.get_coordinates(shapely.point_on_surface(geoms)) if len(geoms) else np.zeros((0, 2))
        self._label_text: np.ndarray | None = None
        self._label_cache: dict[tuple[int, float], QPixmap] = {}
        #: the names, drawn by a separate item above every layer (add it to the same view)
        self.label_item = CommuneLabels(self)
        b = layer.bounds
        self._bounds = QRectF(b[0], b[1], b[2] - b[0], b[3] - b[1]) if np.all(np.isfinite(b)) else QRectF()
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
        return self._levels[0].count

    def apply_style(self) -> None:
        st = self.layer.style
        self.setVisible(bool(st.visible))
        self.label_item.setVisible(bool(st.visible))
        self.setOpacity(float(st.opacity))
        self._outline_pen = QPen(QColor(st.outline), 0.8)
        self._outline_pen.setCosmetic(True)
        if self._fill_rgba is None:
            self._fill_groups = [None, None]
        self.update()

    def set_fill_colors(self, rgba: np.ndarray | None) -> None:
        """Per-commune fill colours, uint8 (C, 4) RGBA, or None for the layer's style fill."""
        if rgba is not None:
            rgba = np.asarray(rgba, dtype=np.uint8)
            if rgba.shape != (self.path_count(), 4):
                raise ValueError(f"fill colours: expected shape ({self.path_count()}, 4), got {rgba.shape}")
        self._fill_rgba = rgba
        self._fill_groups = [None, None]
        self.update()

    def set_highlight(self, rows) -> None:
        """Draw a thick outline around these commune rows (empty: none)."""
        rows = np.asarray(sorted(int(r) for r in rows), dtype=np.int64)
        rows = rows[(rows >= 0) & (rows < self.path_count())]
        self._highlight_rows = rows
        mask = np.zeros(self.path_count(), dtype=bool)
        mask[rows] = True
        self._highlight = [lv.path(mask) if len(rows) else QPainterPath() for lv in self._levels]
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
    def _groups(self, level: int) -> list[tuple[QBrush, QPainterPath]]:
        if self._fill_groups[level] is None:
            rings = self._levels[level]
            if self._fill_rgba is None:
                c = QColor(self.layer.style.fill)
                groups = [(QBrush(c), self._outline[level])]
            else:
                packed = self._fill_rgba.astype(np.uint32) @ np.array([1 << 24, 1 << 16, 1 << 8, 1], dtype=np.uint32)
                groups = []
                for value in np.unique(packed):
                    r, g, b, a = (int(value) >> 24) & 255, (int(value) >> 16) & 255, (int(value) >> 8) & 255, int(value) & 255
                    if a == 0:
                        continue
                    groups.append((QBrush(QColor(r, g, b, a)), rings.path(packed == value)))
            self._fill_groups[level] = groups
        return self._fill_groups[level]

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, p, *args) -> None:
        m = p.transform()
        scale = max(abs(m.m11()), abs(m.m12()), 1e-12)
        level = 1 if (1.0 / scale) > DETAIL_PIXEL_SIZE else 0
        # fills without antialiasing (the outline covers their edges), outlines antialiased
        p.setRenderHint(p.RenderHint.Antialiasing, False)
        p.setPen(Qt.NoPen)
        for brush, path in self._groups(level):
            p.setBrush(brush)
            p.drawPath(path)
        p.setBrush(Qt.NoBrush)
        p.setRenderHint(p.RenderHint.Antialiasing, True)
        p.setPen(self._outline_pen)
        p.drawPath(self._outline[level])
        if len(self._highlight_rows):
            pen = QPen(QColor(HIGHLIGHT_COLOR), 3.0)
            pen.setCosmetic(True)
            p.setPen(pen)
            p.drawPath(self._highlight[level])

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
