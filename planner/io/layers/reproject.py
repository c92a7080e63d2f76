"""Coordinate reference systems: normalise a CRS, reproject arrays and geometries to Lambert-93, guess a missing CRS."""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

from planner.core.project.model import L93

# Plausible extents (xmin, ymin, xmax, ymax) of metropolitan France (with Corsica) in each candidate CRS,
# tried in this order when a layer has no CRS: degrees first, then the French projections, then Web Mercator.
_GUESSES = [
    ("EPSG:4326", (-180.0, -90.0, 180.0, 90.0), "longitude/latitude degrees (WGS 84)"),
    ("EPSG:2154", (0.0, 6_000_000.0, 1_300_000.0, 7_200_000.0), "Lambert-93 metres"),
    ("EPSG:27572", (0.0, 1_600_000.0, 1_250_000.0, 2_750_000.0), "Lambert II étendu metres"),
    ("EPSG:3857", (-700_000.0, 5_000_000.0, 1_150_000.0, 6_700_000.0), "Web Mercator metres"),
]


def crs_label(crs) -> str:
    """A short stable label for a CRS: 'EPSG:4326' when it has an authority code, else its name."""
    c = CRS.from_user_input(crs)
    auth = c.to_authority(min_confidence=70)
    if auth:
        return f"{auth[0]}:{auth[1]}"
    return c.name


def parse_crs(crs, where: str = "") -> CRS:
    """A pyproj CRS from user input ('EPSG:2154', 2154, WKT, PROJ string); ValueError with a clear message."""
    try:
        return CRS.from_user_input(crs)
    except (CRSError, TypeError, ValueError) as exc:
        raise ValueError(f"unknown coordinate reference system {crs!r}{where}: {exc}") from None


@lru_cache(maxsize=32)
def _transformer(src: str) -> Transformer:
    return Transformer.from_crs(CRS.from_user_input(src), CRS.from_user_input(L93), always_xy=True)


def is_l93(crs) -> bool:
    return crs_label(crs) == L93


def points_to_l93(x: np.ndarray, y: np.ndarray, crs) -> tuple[np.ndarray, np.ndarray]:
    """Coordinate arrays (x = easting/longitude) from `crs` to EPSG:2154, float64, vectorised."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if is_l93(crs):
        return x, y
    tx, ty = _transformer(crs_label(crs)).transform(x, y)
    return np.asarray(tx, dtype=np.float64), np.asarray(ty, dtype=np.float64)


def geometries_to_l93(geoms: np.ndarray, crs) -> np.ndarray:
    """Shapely geometries from `crs` to EPSG:2154 (one vectorised call over all coordinates)."""
    if is_l93(crs) or len(geoms) == 0:
        return geoms
    tr = _transformer(crs_label(crs))

    def _tf(coords: np.ndarray) -> np.ndarray:
        tx, ty = tr.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([tx, ty])

    return shapely.transform(geoms, _tf)


def guess_crs(bounds: tuple[float, float, float, float]) -> tuple[str, str] | None:
    """(CRS label, description) whose plausible French extent contains `bounds`, or None."""
    xmin, ymin, xmax, ymax = bounds
    if not np.all(np.isfinite([xmin, ymin, xmax, ymax])):
        return None
    for code, (gx0, gy0, gx1, gy1), text in _GUESSES:
        if gx0 <= xmin and xmax <= gx1 and gy0 <= ymin and ymax <= gy1:
            return code, text
    return None
