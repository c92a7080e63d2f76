"""One graphics item drawing every commune outline from cached QPainterPaths (fills grouped by colour, LOD)."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pyqtgraph.functions as fn
import shapely
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen

from planner.core.model import Layer

#: below this many metres per pixel the full-detail outlines are drawn; above, simplified ones
DETAIL_PIXEL_SIZE = 30.0
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
