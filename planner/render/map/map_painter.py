"""MapPainter: communes, phase zones and premises drawn onto any QPainter (image, SVG, PDF, printer).

One instance per project state holds what every page shares: commune QPainterPaths, the premise grid index,
the premise classes per (colour mode, month). Premises are selected for the drawn extent by a spatial query
and drawn as one `drawPoints` call per class from numpy, or as one raster image when dense points are far
zoomed out (the honest choice: a vector PDF of 100,000 dots is heavy and no sharper).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QImage, QPainter, QPainterPath, QTransform

from planner.core.errors import PlannerError
from planner.core.project.model import Project
from planner.render.map import premise_classes as pc
from planner.render.map.point_index import PointGridIndex, SortedXIndex, points_index
from planner.render.map.qpaths import PathCache, path_from_geometry, polygonf_from_xy
from planner.render.map.styles import (HIGHLIGHT_FILL, HIGHLIGHT_OUTLINE, MAP_BACKGROUND, NEIGHBOUR_FILL, NEIGHBOUR_LABEL,
                     NEIGHBOUR_OUTLINE, NEIGHBOUR_PREMISE, ClassStyle, font, pen, qcolor)

RASTER_THRESHOLD = 40000  # more dots than this in one map: drawn as an image
RASTER_MAX_DPI = 300.0


@dataclass
class MapContent:
    """What a map call actually drew (for legends, scale bars and tests)."""

    extent: tuple[float, float, float, float]
    rect: QRectF
    scale: float  # device pixels per metre
    classes: list[ClassStyle] = field(default_factory=list)  # coloured premise classes present, legend order
    class_counts: dict[str, int] = field(default_factory=dict)  # units drawn per class key
    zone_phase_ids: list[int] = field(default_factory=list)
    faded_premises: int = 0
    premises_drawn: int = 0
    raster: bool = False
    commune_rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def to_device(self, x, y):
        """Map metres -> device coordinates (numpy arrays or floats)."""
        xmin, ymin, xmax, ymax = self.extent
        return self.rect.left() + (np.asarray(x) - xmin) * self.scale, self.rect.top() + (ymax - np.asarray(y)) * self.scale


def dissolve(geoms):
    """Union of polygons: the fast coverage union when they tile cleanly, else the general (slower) union."""
    u = shapely.coverage_union_all(geoms)
    return u if shapely.is_valid(u) else shapely.union_all(geoms)


def fit_extent(extent, width: float, height: float, margin: float = 0.0):
    """Grow `extent` (xmin, ymin, xmax, ymax) about its centre to the aspect of width x height, plus a margin share."""
    xmin, ymin, xmax, ymax = (float(v) for v in extent)
    w, h = max(xmax - xmin, 1.0), max(ymax - ymin, 1.0)
    w, h = w * (1 + 2 * margin), h * (1 + 2 * margin)
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    if w / h < width / height:
        w = h * width / height
    else:
        h = w * height / width
    return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


class MapPainter:
    """Draws a project's map; build once, draw many times (pages, exports) with shared caches."""

    def __init__(self, project: Project, assignment=None, result=None, lang: str = "fr"):
        self.project = project
        self.assignment = assignment
        self.result = result
        self.lang = lang
        com = project.communes
        self._paths = PathCache(com.geometries) if com is not None else None
        self._commune_bounds = shapely.bounds(com.geometries) if com is not None else np.zeros((0, 4))
        self._label_points = None
        self._index: PointGridIndex | None = None
        self._classes: dict = {}
        self._timeline = None
        self._levels = None
        #: drawings other modules derive once per painter (e.g. the locator's outlines), by their own key
        self.memo: dict = {}
        self._zone_paths: dict = {}
        self._territory = None
        self._units = None

    # ---------- shared caches ----------
    def premise_units(self) -> np.ndarray:
        """Units per premise, computed once (`Premises.units` cleans the whole field on every call)."""
        if self._units is None:
            self._units = self.project.premises.units
        return self._units

    def ensure_assignment(self):
        """The assignment, computed once when the project has phases and none was given."""
        if self.assignment is None and self.project.phases and self.project.communes is not None:
            from planner.core.phases.assignment import assign

            self.assignment = assign(self.project)
        return self.assignment

    @property
    def premise_index(self) -> PointGridIndex | SortedXIndex | None:
        prem = self.project.premises
        if prem is None or len(prem) == 0:
            return None
        if self._index is None:
            self._index = points_index(prem.x, prem.y)
        return self._index

    def commune_path(self, row: int) -> QPainterPath:
        return self._paths.path(row)

    def communes_in(self, extent) -> np.ndarray:
        b = self._commune_bounds
        xmin, ymin, xmax, ymax = extent
        return np.flatnonzero((b[:, 0] <= xmax) & (b[:, 2] >= xmin) & (b[:, 1] <= ymax) & (b[:, 3] >= ymin))

    def label_points(self) -> np.ndarray:
        if self._label_points is None:
            self._label_points = shapely.get_coordinates(shapely.point_on_surface(self.project.communes.geometries))
        return self._label_points

    def commune_names(self) -> np.ndarray:
        """The communes' names as text, converted once per painter (not once per page)."""
        if "names" not in self.memo:
            self.memo["names"] = self.project.communes.names
        return self.memo["names"]

    def communes_bounds(self) -> tuple[float, float, float, float]:
        """(xmin, ymin, xmax, ymax) of every commune, computed once."""
        if "communes_bounds" not in self.memo:
            b = self._commune_bounds
            self.memo["communes_bounds"] = (float(np.nanmin(b[:, 0])), float(np.nanmin(b[:, 1])),
                                            float(np.nanmax(b[:, 2])), float(np.nanmax(b[:, 3])))
        return self.memo["communes_bounds"]

    def territory(self):
        """The territory outline (union of the communes, lightly simplified), built once."""
        if self._territory is None:
            self._territory = shapely.simplify(dissolve(self.project.communes.geometries), 60.0)
        return self._territory

    def premise_classes(self, colour_by: str = "phase", month: str | None = None) -> pc.PremiseClasses | None:
        """Class codes of every premise for a colour mode ('phase', 'state', 'none'), cached."""
        if self.project.premises is None:
            return None
        key = (colour_by, month if colour_by == "state" else None)
        if key not in self._classes:
            a = self.ensure_assignment()
            if colour_by == "none" or a is None or a.commune_level or not self.project.phases:
                self._classes[key] = pc.single_class(self.project, self.lang)
            elif colour_by == "state":
                self._classes[key] = pc.state_classes(a, self.premise_timeline(), month, self.lang)
            else:
                self._classes[key] = pc.phase_classes(self.project, a, self.lang)
        return self._classes[key]

    def premise_timeline(self):
        """When each premise becomes eligible, marketable, connected in `result` (None without one), built once."""
        if self._timeline is None and self.result is not None and self.ensure_assignment() is not None:
            from planner.core.simulation.premise_state import BuildOrder, premise_timeline

            prem = self.project.premises
            order = BuildOrder(self.assignment, prem.x, prem.y, prem.units)
            self._timeline = premise_timeline(self.result, order)
        return self._timeline

    def commune_levels(self):
        """Per-commune eligible/marketable/connected units (C, T) of `result`, computed once (None without one)."""
        if self._levels is None and self.result is not None:
            from planner.core.simulation.premise_state import commune_levels

            self._levels = commune_levels(self.result)
        return self._levels

    # ---------- drawing ----------
    def draw(self, painter: QPainter, rect: QRectF, extent=None, colour_by: str = "phase", month: str | None = None,
             highlight: int | None = None, commune_fill=None, labels: bool = False, px_per_mm: float | None = None,
             point_mm: float | None = None, raster_threshold: int = RASTER_THRESHOLD, background: str | None = None,
             zones: bool = True) -> MapContent:
        """Draw the map of `extent` (grown to the rect's aspect) into `rect` (device coordinates), clipped to it.

        highlight: a commune row drawn highlighted, its neighbours faded and their premises greyed.
        commune_fill: optional sequence (or dict by row) of '#rrggbb' replacing the layer fill; with `highlight`,
        only the highlighted commune's entry is used (neighbours stay faded).
        """
        rect = QRectF(rect)
        if px_per_mm is None:
            px_per_mm = painter.device().logicalDpiX() / 25.4
        if extent is None:
            extent = self.project.view.get("extent") or self.full_extent(pad=0.02)
        extent = fit_extent(extent, rect.width(), rect.height())
        scale = rect.width() / (extent[2] - extent[0])
        content = MapContent(extent=extent, rect=rect, scale=scale)
        t = QTransform(scale, 0, 0, -scale, rect.left() - extent[0] * scale, rect.top() + extent[3] * scale)

        painter.save()
        painter.setRenderHint(QPainter.Antialiasing, True)
        painter.setClipRect(rect)
        if background or highlight is not None:
            painter.fillRect(rect, qcolor(background or MAP_BACKGROUND))
        if self.project.communes is not None:
            content.commune_rows = self._draw_communes(painter, t, extent, highlight, commune_fill, px_per_mm)
        self._draw_premises(painter, content, colour_by, month, highlight, px_per_mm, point_mm, raster_threshold)
        if zones:
            self._draw_zones(painter, t, content, px_per_mm)
        if highlight is not None:
            self._draw_highlight_outline(painter, t, highlight, px_per_mm)
        if labels and self.project.communes is not None:
            self._draw_labels(painter, content, highlight)
        painter.restore()
        return content

    def full_extent(self, pad: float = 0.0):
        """Bounds of every non-empty layer, grown by `pad` × the larger side on each side."""
        layers = [lay for lay in self.project.layers() if len(lay)]
        if not layers:
            raise PlannerError("nothing to draw: every layer is empty")
        b = np.array([lay.bounds for lay in layers])
        x0, y0, x1, y1 = (float(np.nanmin(b[:, 0])), float(np.nanmin(b[:, 1])), float(np.nanmax(b[:, 2])),
                          float(np.nanmax(b[:, 3])))
        d = pad * max(x1 - x0, y1 - y0)
        return (x0 - d, y0 - d, x1 + d, y1 + d)

    def _draw_communes(self, painter, t, extent, highlight, commune_fill, px_per_mm):
        rows = self.communes_in(extent)
        style = self.project.communes.layer.style
        if not style.visible and highlight is None:
            return rows
        if highlight is not None:
            fill_of = {int(r): NEIGHBOUR_FILL for r in rows if r != highlight}
            outline, width, opacity = NEIGHBOUR_OUTLINE, 0.18, 1.0
        else:
            fill_of = {int(r): (commune_fill[r] if commune_fill is not None else style.fill) for r in rows}
            outline, width, opacity = style.outline, 0.2, style.opacity
        groups: dict[str, QPainterPath] = {}
        for r, colour in fill_of.items():
            groups.setdefault(colour, QPainterPath()).addPath(self._paths.path(r))
        painter.setOpacity(opacity)
        # a commune page: the neighbours (one colour) filled and outlined in one go, each outline written once in a
        # PDF; the highlighted commune's fill and halo then cover the inner half of the shared edges, as before
        one_pass = highlight is not None and len(groups) <= 1
        painter.setPen(pen(outline, max(width * px_per_mm, 0.6)) if one_pass else Qt.NoPen)
        for colour, path in groups.items():
            painter.setBrush(QBrush(qcolor(colour)))
            painter.drawPath(t.map(path))
        if highlight is not None:
            fill = commune_fill[highlight] if commune_fill is not None else HIGHLIGHT_FILL
            painter.setPen(Qt.NoPen)
            painter.setBrush(QBrush(qcolor(fill)))
            painter.drawPath(t.map(self._paths.path(highlight)))
        if not one_pass:
            painter.setBrush(Qt.NoBrush)
            painter.setPen(pen(outline, max(width * px_per_mm, 0.6)))
            all_paths = QPainterPath()
            for r in fill_of:
                all_paths.addPath(self._paths.path(r))
            painter.drawPath(t.map(all_paths))
        painter.setOpacity(1.0)
        return rows

    def _draw_highlight_outline(self, painter, t, highlight, px_per_mm):
        path = t.map(self._paths.path(highlight))
        painter.setBrush(Qt.NoBrush)
        halo = pen("#ffffff", 1.3 * px_per_mm)  # a white halo keeps the edge readable over dots
        halo.setColor(qcolor("#ffffff", 0.8))  # alpha in the pen, not the painter: a PDF strokes it natively
        painter.setPen(halo)  # (with painter opacity Qt writes the stroke as a filled outline, twice the bytes)
        painter.drawPath(path)
        painter.setPen(pen(HIGHLIGHT_OUTLINE, 0.55 * px_per_mm))
        painter.drawPath(path)

    def _premises_in_highlight(self, idx, highlight):
        a = self.assignment
        if a is not None and len(a.premise_commune) == len(self.project.premises):
            return a.premise_commune[idx] == highlight
        geom = self.project.communes.geometries[highlight]
        return shapely.contains_xy(geom, self.project.premises.x[idx], self.project.premises.y[idx])

    def _draw_premises(self, painter, content, colour_by, month, highlight, px_per_mm, point_mm, raster_threshold):
        prem = self.project.premises
        index = self.premise_index
        if prem is None or index is None or not prem.layer.style.visible:
            return
        classes = self.premise_classes(colour_by, month)
        xmin, ymin, xmax, ymax = content.extent
        pad = 2.0 / content.scale * px_per_mm  # dots whose disc reaches into the frame
        idx = index.query(xmin - pad, ymin - pad, xmax + pad, ymax + pad)
        if len(idx) == 0:
            return
        X, Y = content.to_device(prem.x[idx], prem.y[idx])
        codes = classes.codes[idx]
        if highlight is not None:
            inside = self._premises_in_highlight(idx, highlight)
            faded = ~inside
            content.faded_premises = int(faded.sum())
            codes = np.where(inside, codes, -1)
        else:
            faded = np.zeros(len(idx), dtype=bool)
        coloured = codes >= 0
        n_col = int(coloured.sum())
        area_mm2 = content.rect.width() * content.rect.height() / px_per_mm ** 2
        if point_mm is None:
            point_mm = float(np.clip(0.55 * np.sqrt(area_mm2 / max(n_col, 1)), 0.4, 1.25))
        size = point_mm * px_per_mm
        units = self.premise_units()[idx]
        counts = np.bincount(codes[coloured], weights=units[coloured], minlength=len(classes.styles))
        present = [i for i in classes.draw_order if counts[i] > 0]
        order_for_legend = sorted(present, key=lambda i: i)
        content.classes = [classes.styles[i] for i in order_for_legend]
        content.class_counts = {classes.styles[i].key: int(counts[i]) for i in order_for_legend}
        content.premises_drawn = len(idx)
        layers = []  # (mask, colour, size, hollow) bottom to top
        if faded.any():
            layers.append((faded, NEIGHBOUR_PREMISE, size * 0.7, False))
        for i in present:
            st = classes.styles[i]
            layers.append((codes == i, st.colour, size, st.hollow))
        if len(idx) > raster_threshold:
            content.raster = True
            self._raster_points(painter, content, X, Y, layers, px_per_mm)
            return
        for mask, colour, s, hollow in layers:
            poly = polygonf_from_xy(X[mask], Y[mask])
            painter.setPen(pen(colour, s))
            painter.drawPoints(poly)
            if hollow:
                painter.setPen(pen("#ffffff", s * 0.45))
                painter.drawPoints(poly)

    def _raster_points(self, painter, content, X, Y, layers, px_per_mm):
        rect = content.rect
        r = min(1.0, RASTER_MAX_DPI / 25.4 / px_per_mm)
        w, h = max(int(rect.width() * r), 1), max(int(rect.height() * r), 1)
        img = np.zeros((h, w), dtype=np.uint32)
        px = ((X - rect.left()) * r).astype(np.int64)
        py = ((Y - rect.top()) * r).astype(np.int64)
        for mask, colour, s, hollow in layers:
            c = qcolor(colour)
            argb = np.uint32(0xFF000000 | (c.red() << 16) | (c.green() << 8) | c.blue())
            rad = max(s * r / 2.0, 0.5)
            self._stamp(img, px[mask], py[mask], rad, argb)
            if hollow:
                self._stamp(img, px[mask], py[mask], rad * 0.45, np.uint32(0xFFFFFFFF))
        qimg = QImage(img.data, w, h, w * 4, QImage.Format_ARGB32).copy()
        painter.drawImage(rect, qimg)

    @staticmethod
    def _stamp(img, px, py, rad, value):
        h, w = img.shape
        k = int(np.floor(rad))
        offs = [(dx, dy) for dx in range(-k, k + 1) for dy in range(-k, k + 1) if dx * dx + dy * dy <= rad * rad + 0.25]
        for dx, dy in offs or [(0, 0)]:
            qx, qy = px + dx, py + dy
            ok = (qx >= 0) & (qx < w) & (qy >= 0) & (qy < h)
            img[qy[ok], qx[ok]] = value

    def _draw_zones(self, painter, t, content, px_per_mm):
        present = {s.key for s in content.classes}
        for ph in self.project.phases:
            if ph.zone is None or getattr(ph.zone, "is_empty", True) or f"phase:{ph.id}" not in present:
                continue
            if not shapely.intersects(shapely.boundary(ph.zone), shapely.box(*content.extent)):
                continue  # no edge of the zone in the frame: nothing drawn, nothing in the legend
            key = (ph.id, id(ph.zone))
            path = self._zone_paths.get(key)
            if path is None:
                path = self._zone_paths[key] = path_from_geometry(ph.zone)
            painter.setBrush(Qt.NoBrush)
            painter.setPen(pen(ph.color, 0.45 * px_per_mm, Qt.DashLine))
            painter.drawPath(t.map(path))
            content.zone_phase_ids.append(ph.id)

    def _draw_labels(self, painter, content, highlight):
        pts = self.label_points()
        rows = content.commune_rows
        rows = rows[rows != highlight] if highlight is not None else rows
        if len(rows) == 0:
            return
        X, Y = content.to_device(pts[rows, 0], pts[rows, 1])
        names = self.commune_names()
        painter.setFont(font(6.5, italic=True))
        painter.setPen(qcolor(NEIGHBOUR_LABEL))
        fm = painter.fontMetrics()
        rect = content.rect
        for r, x, y in zip(rows, X, Y):  # a dozen neighbours per page, not premises
            text = str(names[r])
            w = fm.horizontalAdvance(text)
            box = QRectF(x - w / 2, y - fm.height() / 2, w, fm.height())
            if rect.contains(box):
                painter.drawText(box, Qt.AlignCenter, text)

