"""Shapely geometries and numpy coordinates -> QPainterPath / QPolygonF, with a cache shared between pages."""
from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QByteArray, QDataStream, QIODevice, Qt
from PySide6.QtGui import QPainterPath, QPolygonF


def polygonf_from_xy(x: np.ndarray, y: np.ndarray) -> QPolygonF:
    """A QPolygonF read straight from two numpy columns through QDataStream (no Python loop over points).

    (QPolygonF.resize + a raw buffer is faster still but PySide6 6.12's resize corrupts None's refcount.)
    """
    n = int(len(x))
    xy = np.empty((n, 2), dtype=">f8")
    xy[:, 0] = x
    xy[:, 1] = y
    data = QByteArray(np.array([n], dtype=">u4").tobytes() + xy.tobytes())
    stream = QDataStream(data, QIODevice.ReadOnly)
    poly = QPolygonF()
    stream >> poly
    return poly


def path_from_geometry(geom, simplify: float = 0.0) -> QPainterPath:
    """A QPainterPath (odd-even fill) of a shapely (Multi)Polygon or (Multi)LineString, in its own coordinates."""
    path = QPainterPath()
    path.setFillRule(Qt.OddEvenFill)
    if geom is None or geom.is_empty:
        return path
    if simplify > 0:
        geom = shapely.simplify(geom, simplify, preserve_topology=True)
    parts = shapely.get_parts(geom)
    for part in parts:
        if part.geom_type == "Polygon":
            rings = [part.exterior, *part.interiors]
            for ring in rings:
                xy = shapely.get_coordinates(ring)
                path.addPolygon(polygonf_from_xy(xy[:, 0], xy[:, 1]))
                path.closeSubpath()
        else:
            xy = shapely.get_coordinates(part)
            if len(xy):
                path.addPolygon(polygonf_from_xy(xy[:, 0], xy[:, 1]))
    return path


class PathCache:
    """QPainterPaths of a geometry array, built on first use and kept (keyed by row and simplification)."""

    def __init__(self, geometries: np.ndarray):
        self.geometries = geometries
        self._paths: dict[tuple[int, float], QPainterPath] = {}

    def path(self, row: int, simplify: float = 0.0) -> QPainterPath:
        key = (int(row), float(simplify))
        p = self._paths.get(key)
        if p is None:
            p = path_from_geometry(self.geometries[row], simplify)
            self._paths[key] = p
        return p

    def union_path(self, rows, simplify: float = 0.0) -> QPainterPath:
        """One path holding several rows (drawn with one call)."""
        out = QPainterPath()
        out.setFillRule(Qt.OddEvenFill)
        for r in rows:
            out.addPath(self.path(r, simplify))
        return out
