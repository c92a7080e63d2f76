"""The locator inset: the whole territory, the commune marked, and the main map's frame."""
from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QTransform

from planner.render.map.map_painter import MapPainter, dissolve, fit_extent
from planner.render.map.qpaths import path_from_geometry
from planner.render.map.styles import ACCENT, HIGHLIGHT_OUTLINE, font, pen, qcolor

def _territory_paths(mp: MapPainter, tolerance: float):
    """(territory outline, inner boundaries of the EPCIs when the layer has `code_epci`), simplified to the
    inset's scale and built once per map painter: a few hundred vertices per page, not the 458 communes."""
    hit = mp.memo.get("locator")
    if hit is not None:
        return hit
    territory = mp.territory()
    terr = path_from_geometry(shapely.simplify(territory, tolerance))
    inner = QPainterPath()
    fields = mp.project.communes.layer.fields
    if "code_epci" in fields:
        geoms = mp.project.communes.geometries
        groups = np.asarray(fields["code_epci"]).astype(str)
        interior = shapely.buffer(shapely.simplify(territory, tolerance), -tolerance, quad_segs=1)
        for g in np.unique(groups):  # a dozen groups, once
            part = dissolve(geoms[groups == g])
            edge = shapely.intersection(shapely.boundary(shapely.simplify(part, tolerance)), interior)
            inner.addPath(path_from_geometry(edge))
    mp.memo["locator"] = (terr, inner)
    return terr, inner


def draw_locator(painter: QPainter, rect: QRectF, mp: MapPainter, highlight: int | None, frame_extent, u: float,
                 k: float = 1.0, title: str = "") -> None:
    """Draw the territory into `rect` with commune `highlight` filled and the main map's extent outlined."""
    full = mp.communes_bounds()
    painter.save()
    top = rect.top()
    if title:
        painter.setFont(font(8.5 * k, bold=True))
        fm = painter.fontMetrics()
        painter.setPen(qcolor("#1a1a1a"))
        painter.drawText(QRectF(rect.left(), top, rect.width(), fm.height()), Qt.AlignLeft | Qt.AlignVCenter, title)
        top += fm.height() + 1.0 * u * k
    inner_rect = QRectF(rect.left(), top, rect.width(), rect.bottom() - top)
    ext = fit_extent(full, inner_rect.width(), inner_rect.height(), margin=0.03)
    s = inner_rect.width() / (ext[2] - ext[0])
    t = QTransform(s, 0, 0, -s, inner_rect.left() - ext[0] * s, inner_rect.top() + ext[3] * s)
    terr, inner = _territory_paths(mp, tolerance=0.3 * u / s)
    painter.setRenderHint(QPainter.Antialiasing, True)
    painter.setPen(Qt.NoPen)
    painter.setBrush(QBrush(qcolor("#ececec")))
    painter.drawPath(t.map(terr))
    painter.setBrush(Qt.NoBrush)
    painter.setPen(pen("#b0b0b0", 0.12 * u * k))
    painter.drawPath(t.map(inner))
    painter.setPen(pen("#555555", 0.3 * u * k))
    painter.drawPath(t.map(terr))
    if highlight is not None:
        painter.setPen(pen(HIGHLIGHT_OUTLINE, 0.2 * u * k))
        painter.setBrush(QBrush(qcolor("#c0392b")))
        painter.drawPath(t.map(mp.commune_path(highlight)))
    if frame_extent is not None:
        x0, y0, x1, y1 = frame_extent
        painter.setBrush(Qt.NoBrush)
        painter.setPen(pen(ACCENT, 0.35 * u * k, join=Qt.MiterJoin))
        painter.drawRect(t.mapRect(QRectF(x0, y0, x1 - x0, y1 - y0)))
    painter.restore()
