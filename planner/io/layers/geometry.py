"""Geometries from Arrow WKB: the fast path for 2D points (straight from the buffer), the layer's geometry family
(features of another family left out and counted), polygons normalised to valid MultiPolygons."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import shapely

from planner.core.errors import InputError
from planner.io.wkb_points import _points_from_wkb_buffer  # the one WKB point decoder (planner/io/wkb_points.py)

_KIND_OF_TYPE = {0: "point", 4: "point", 1: "line", 2: "line", 5: "line", 3: "polygon", 6: "polygon"}  # shapely type ids


def _decode_geometries(p: Path, name: str, wkb, declared: str):
    """(kind, x, y, geometries, keep mask or None, empty/unusable count, other-type count) from Arrow WKB.

    The kind is the layer's majority geometry family; features of another family are left out (and counted).
    """
    declared = declared.replace(" Z", "").replace(" M", "").replace("25D", "").strip()
    fast = _points_from_wkb_buffer(wkb) if declared == "Point" else None
    if fast is not None:
        x, y = fast
        bad = ~(np.isfinite(x) & np.isfinite(y))
        keep = ~bad if bad.any() else None
        if keep is not None:
            x, y = x[keep], y[keep]
        return "point", x, y, None, keep, int(bad.sum()), 0
    raw = wkb.to_numpy(zero_copy_only=False)
    geoms = shapely.from_wkb(raw, on_invalid="ignore")
    type_ids = shapely.get_type_id(geoms)
    usable = (type_ids >= 0) & ~shapely.is_empty(geoms)
    kinds = np.array([_KIND_OF_TYPE.get(int(t), "") for t in range(8)], dtype=object)
    feature_kind = np.where((type_ids >= 0) & (type_ids < 8), kinds[np.clip(type_ids, 0, 7)], "")
    feature_kind[~usable] = ""
    present = [k for k in ("point", "polygon", "line") if (feature_kind == k).any()]
    if not present:
        raise InputError(p, f"layer '{name}': no feature has a usable geometry")
    counts = {k: int((feature_kind == k).sum()) for k in present}
    kind = max(counts, key=counts.get)
    keep = feature_kind == kind
    skipped = int((~usable).sum())
    other = int((usable & ~keep).sum())
    geoms = geoms[keep]
    if kind == "point":
        multi = shapely.get_type_id(geoms) == 4
        if multi.any():
            geoms[multi] = shapely.get_geometry(geoms[multi], 0)
        return ("point", shapely.get_x(geoms), shapely.get_y(geoms), None, (None if keep.all() else keep), skipped,
                other)
    return kind, None, None, geoms, (None if keep.all() else keep), skipped, other


def normalise_polygons(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """(MultiPolygons, usable mask, number repaired): invalid ones fixed with make_valid, all as MultiPolygon."""
    geoms = np.asarray(geoms, dtype=object).copy()
    invalid = ~shapely.is_valid(geoms)
    repaired = int(invalid.sum())
    if repaired:
        geoms[invalid] = shapely.make_valid(geoms[invalid])
    tid = shapely.get_type_id(geoms)
    ok = np.ones(len(geoms), dtype=bool)
    single = tid == 3
    if single.any():
        geoms[single] = _to_multi(geoms[single])
    other = ~np.isin(tid, (3, 6))
    if other.any():
        idx = np.flatnonzero(other)
        parts, owner = shapely.get_parts(geoms[idx], return_index=True)
        while True:  # flatten nested collections
            nested = np.isin(shapely.get_type_id(parts), (6, 7))
            if not nested.any():
                break
            sub, sub_owner = shapely.get_parts(parts[nested], return_index=True)
            parts = np.concatenate([parts[~nested], sub])
            owner = np.concatenate([owner[~nested], owner[nested][sub_owner]])
        poly = (shapely.get_type_id(parts) == 3) & ~shapely.is_empty(parts)
        parts, owner = parts[poly], owner[poly]
        built = np.full(len(idx), None, dtype=object)
        if len(parts):
            has = np.unique(owner)
            remap = np.searchsorted(has, owner)
            built[has] = shapely.multipolygons(parts, indices=remap)
        geoms[idx] = built
        ok[idx] = built != None  # noqa: E711 (elementwise)
    ok &= ~shapely.is_empty(geoms) & (shapely.get_type_id(geoms) == 6)
    return geoms, ok, repaired


def _to_multi(polys: np.ndarray) -> np.ndarray:
    return shapely.multipolygons(polys, indices=np.arange(len(polys)))


