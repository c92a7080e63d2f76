"""Phase zones on the map (translucent outlined polygons, current phase emphasised) and premises coloured by phase.

`PhaseZonesItem(document)` is one pyqtgraph item drawing every phase: its drawn zone and its picked
communes, in the phase colour; paths are cached per phase and rebuilt only when that phase's zone or
communes change. `phase_palette(project, phase_ids)` gives the premise colours for an Assignment
(`premises_item.set_categories(assignment.premise_phase, palette)`; the last entry is "unplanned" grey).
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import shapely
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen

from planner.render.map.qpaths import path_from_geometry

#: colour of premises in no phase
UNPLANNED_RGBA = (150, 150, 150, 255)
#: simplification tolerances (metres) of the outline levels; a level is used once a pixel is larger
LOD_TOLERANCES = (0.0, 30.0, 150.0, 600.0)
#: phase attributes (SetPhaseAttribute.name) that do not change how zones are drawn
_ATTRIBUTES_NOT_DRAWN = {"earliest_start", "crews", "units_per_crew_month", "study_months", "ramp_months",
                         "depends_on", "order", "commune_order", "origin", "use_pool"}
#: fill opacity of zones (0..255); the current phase gets more
ZONE_ALPHA, CURRENT_ALPHA = 55, 95


def phase_palette(project, phase_ids) -> list[tuple[int, int, int, int]]:
    """RGBA per phase index of an assignment (by id, so a stale assignment still gets the right colours),
    plus the unplanned grey last."""
    colors = {p.id: p.color for p in project.phases}
    out = []
    for pid in phase_ids:
        c = QColor(colors.get(pid, "#969696"))
        out.append((c.red(), c.green(), c.blue(), 255))
    out.append(UNPLANNED_RGBA)
    return out


def phase_outline(project, phase):
    """A phase's whole area as one geometry: its drawn zone united with its picked communes, dissolved
    (commune outlines form a coverage, so `coverage_union_all` is fast; union_all when it is not valid)."""
    parts = []
    if phase.zone is not None and not shapely.is_empty(phase.zone):
        parts.append(phase.zone)
    communes = project.communes
    if phase.communes and communes is not None:
        rows = np.flatnonzero(np.isin(communes.codes, np.asarray(phase.communes, dtype=str)))
        if len(rows):
            geoms = communes.geometries[rows]
            try:
                merged = shapely.coverage_union_all(geoms)
                if not shapely.is_valid(merged):
                    raise ValueError("not a coverage")
            except Exception:  # noqa: BLE001 - GEOS refuses overlapping outlines: the general union
                merged = shapely.union_all(shapely.make_valid(geoms))
            parts.append(merged)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else shapely.union_all(parts)


class _PhaseShape:
    """One phase's outline and its paths per level of detail (built on first use)."""

    def __init__(self, key, zone, geometry):
        self.key = key
        self.zone = zone
        self.geometry = geometry
        self._paths: dict[float, QPainterPath] = {}
        self.bounds = None
        if geometry is not None and not shapely.is_empty(geometry):
            x0, y0, x1, y1 = shapely.bounds(geometry)
            self.bounds = QRectF(x0, y0, x1 - x0, y1 - y0)

    def path(self, pixel_size: float) -> QPainterPath:
        level = max(t for t in LOD_TOLERANCES if t <= max(pixel_size, 0.0))
        path = self._paths.get(level)
        if path is None:
            path = path_from_geometry(self.geometry, simplify=level) if self.geometry is not None else QPainterPath()
            self._paths[level] = path
        return path


class PhaseZonesItem(pg.GraphicsObject):
    """All phase zones of a document as one item, in map metres."""

    def __init__(self, document):
        super().__init__()
        self.document = document
        self.setZValue(50)  # above communes and premises, below tool overlays
        # the zones change far less often than the tool overlay above them repaints (vertex drag):
        # keep them as a device pixmap, redrawn only when they change or the view moves
        self.setCacheMode(self.CacheMode.DeviceCoordinateCache)
        self._cache: dict[int, _PhaseShape] = {}
        self._bounds = QRectF()
        self.hidden_phase_id: int | None = None  # a zone being edited is drawn by the tool instead
        self.filled = True  # False while the map shows coverage colours: outlines only, so they stay readable
        document.changed.connect(self._on_changed)
        document.projectReplaced.connect(self._on_replaced)
        document.selectionChanged.connect(self.update)
        self.refresh()

    # --- paths ----------------------------------------------------------------------------------
    def _on_replaced(self) -> None:
        self._cache.clear()
        self.refresh()

    def _shape(self, phase) -> "_PhaseShape":
        key = (id(phase.zone), tuple(phase.communes))
        hit = self._cache.get(phase.id)
        if hit is None or hit.key != key or hit.zone is not phase.zone:
            hit = _PhaseShape(key, phase.zone, phase_outline(self.document.project, phase))
            self._cache[phase.id] = hit
        return hit

    def phase_bounds(self, phase) -> QRectF | None:
        """Bounds (map metres) of a phase's zone and communes, None when it has neither."""
        b = self._shape(phase).bounds
        return None if b is None else QRectF(b)

    def phase_path(self, phase, pixel_size: float = 0.0) -> QPainterPath:
        """The dissolved outline (drawn zone + picked communes) of a phase as a path, simplified to stay under
        one pixel at `pixel_size` metres per pixel; cached until the zone or the communes change."""
        return self._shape(phase).path(pixel_size)

    def refresh(self) -> None:
        """Rebuild changed outlines and the bounds, then repaint."""
        phases = self.document.project.phases
        alive = {p.id for p in phases}
        for pid in list(self._cache):
            if pid not in alive:
                del self._cache[pid]
        rect = QRectF()
        for p in phases:
            b = self._shape(p).bounds
            if b is not None:
                rect = rect.united(b)
        if rect != self._bounds:
            self.prepareGeometryChange()
            self._bounds = rect
        self.update()

    def _on_changed(self, command) -> None:
        if getattr(command, "name", None) in _ATTRIBUTES_NOT_DRAWN:
            return  # crews, dates, productivity…: the zones look the same (keeps the cached pixmap)
        if getattr(command, "touches", frozenset()) & {"phases", "geometry", "order", "layers"}:
            self.refresh()

    def set_filled(self, filled: bool) -> None:
        """Tinted zones (phase view) or outlines only (when communes are coloured by coverage)."""
        if filled != self.filled:
            self.filled = filled
            self.update()

    # --- drawing --------------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return QRectF(self._bounds)

    def paint(self, p, *args) -> None:
        phases = self.document.project.phases
        current = self.document.current_phase_id
        scale = abs(p.transform().m11()) or 1.0
        pixel = 1.0 / scale
        p.setRenderHint(p.RenderHint.Antialiasing, True)
        # later phases first, so the first phase (which wins the premises) is drawn on top
        for phase in reversed(phases):
            if phase.id == self.hidden_phase_id:
                continue
            path = self.phase_path(phase, pixel)
            if path.isEmpty():
                continue
            is_current = phase.id == current
            color = QColor(phase.color)
            fill = QColor(color)
            fill.setAlpha(CURRENT_ALPHA if is_current else ZONE_ALPHA)
            pen = QPen(color.darker(130) if is_current else color, 3.0 if is_current else 1.4)
            pen.setCosmetic(True)
            p.setPen(pen)
            p.setBrush(QBrush(fill) if self.filled else Qt.NoBrush)
            p.drawPath(path)
        current_phase = next((ph for ph in phases if ph.id == current), None)
        if current_phase is not None and current_phase.id != self.hidden_phase_id:
            path = self.phase_path(current_phase, pixel)
            if not path.isEmpty():  # a light halo on top so the current phase reads above its neighbours
                halo = QPen(QColor(255, 255, 255, 200), 1.0, Qt.DashLine)
                halo.setCosmetic(True)
                p.setPen(halo)
                p.setBrush(Qt.NoBrush)
                p.drawPath(path)


class PremisePhaseColours:
    """Keeps a premises item coloured by phase from the AssignmentCache (and phase colour edits)."""

    def __init__(self, document, cache, premises_item_getter):
        self.document = document
        self.cache = cache
        self._item = premises_item_getter
        self.enabled = True
        cache.updated.connect(lambda *_: self.apply())
        document.changed.connect(self._on_changed)

    def _on_changed(self, command) -> None:
        if "phases" in getattr(command, "touches", ()):  # colours or names may have changed
            self.apply()

    def apply(self) -> bool:
        """Colour the premises by phase now; False when there is nothing to colour."""
        item = self._item()
        a = self.cache.assignment
        if not self.enabled or item is None or a is None or len(a.premise_phase) != item.point_count():
            return False
        item.set_categories(a.premise_phase, phase_palette(self.document.project, self.cache.phase_ids))
        return True


class IssueHighlightItem(pg.GraphicsObject):
    """Outlines the place of a validation issue (an overlap, a faulty zone) in red until the next one."""

    def __init__(self):
        super().__init__()
        self.setZValue(900)  # above the zones, below the tool overlay
        self._path = QPainterPath()

    def set_geometry(self, geom) -> None:
        """Show `geom` (shapely, map metres); None or empty clears the highlight."""
        self.prepareGeometryChange()
        empty = geom is None or shapely.is_empty(geom) or geom.geom_type not in (
            "Polygon", "MultiPolygon", "GeometryCollection")
        if not empty and geom.geom_type == "GeometryCollection":
            polys = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
            geom = shapely.union_all(polys) if polys else None
            empty = geom is None or shapely.is_empty(geom)
        self._path = QPainterPath() if empty else path_from_geometry(geom)
        self.update()

    def is_empty(self) -> bool:
        return self._path.isEmpty()

    def boundingRect(self) -> QRectF:
        return self._path.boundingRect()

    def paint(self, p, *args) -> None:
        if self._path.isEmpty():
            return
        p.setRenderHint(p.RenderHint.Antialiasing, True)
        pen = QPen(QColor("#d50000"), 2.5, Qt.DashLine)
        pen.setCosmetic(True)
        p.setPen(pen)
        p.setBrush(QBrush(QColor(213, 0, 0, 60), Qt.BDiagPattern))
        p.drawPath(self._path)
