"""2D points as little-endian WKB and back, vectorised with numpy: the one encoder and decoder the readers
(planner/io/layers), the project file and the exports share. A WKB point is 21 bytes: byte order (1 = little
endian), geometry type (1 = Point, uint32), x and y (float64). Anything else (3D, big endian, nulls) takes the
slower shapely path or the caller's general reader."""
from __future__ import annotations

import numpy as np
import shapely

POINT_WKB = np.dtype([("order", "u1"), ("type", "<u4"), ("x", "<f8"), ("y", "<f8")])


def _records(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    rec = np.empty(len(x), dtype=POINT_WKB)
    rec["order"], rec["type"], rec["x"], rec["y"] = 1, 1, np.asarray(x, dtype="<f8"), np.asarray(y, dtype="<f8")
    return rec


def _xy_of(data: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """x, y of packed 21-byte records (uint8 array), None when they are not all plain 2D little-endian points."""
    rec = data.reshape(-1, POINT_WKB.itemsize)
    if not (np.all(rec[:, 0] == 1) and np.all(rec[:, 1:5].view("<u4")[:, 0] == 1)):
        return None
    xy = rec[:, 5:21].copy().view("<f8")
    return xy[:, 0].copy(), xy[:, 1].copy()


def points_to_wkb(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Little-endian WKB points as an object array of bytes, built with numpy (no per-point Python work)."""
    rec = _records(x, y)
    # numpy 'S' strings drop trailing NUL bytes: the last byte of a little-endian y is its sign/exponent byte,
    # zero only for y == 0 or subnormal y; shapely handles those rare layers
    if len(rec) and np.any(rec.view(np.uint8).reshape(-1, POINT_WKB.itemsize)[:, -1] == 0):
        return shapely.to_wkb(shapely.points(np.asarray(x, float), np.asarray(y, float)), byte_order=1)
    return rec.view(f"S{POINT_WKB.itemsize}").astype(object)


def points_to_arrow(x: np.ndarray, y: np.ndarray):
    """WKB points as an Arrow binary array built from numpy buffers (no Python object per point)."""
    import pyarrow as pa

    rec = _records(x, y)
    n = len(rec)
    offsets = np.arange(n + 1, dtype=np.int32) * POINT_WKB.itemsize
    return pa.Array.from_buffers(pa.binary(), n, [None, pa.py_buffer(offsets), pa.py_buffer(rec.view(np.uint8))])


def points_from_arrow(wkb) -> tuple[np.ndarray, np.ndarray] | None:
    """x, y straight from an Arrow binary array of 2D little-endian WKB points (21 bytes each), else None."""
    if wkb.null_count or len(wkb) == 0:
        return None
    offsets = np.frombuffer(wkb.buffers()[1], dtype=np.int32, count=len(wkb) + 1, offset=wkb.offset * 4)
    if not np.all(np.diff(offsets) == POINT_WKB.itemsize):
        return None
    data = np.frombuffer(wkb.buffers()[2], dtype=np.uint8, count=offsets[-1] - offsets[0], offset=offsets[0])
    return _xy_of(data)


#: the name planner.io.layers (readers) has always exported
_points_from_wkb_buffer = points_from_arrow


def wkb_to_xy(wkb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """x, y float64 arrays from WKB points (fast path for plain 2D little-endian points, else shapely)."""
    n = len(wkb)
    if n == 0:
        return np.zeros(0), np.zeros(0)
    try:
        buf = b"".join(wkb)
    except TypeError:  # null geometries
        buf = b""
    if len(buf) == POINT_WKB.itemsize * n:
        fast = _xy_of(np.frombuffer(buf, dtype=np.uint8))
        if fast is not None:
            return fast
    geoms = shapely.from_wkb(wkb)
    if not np.all(shapely.get_type_id(geoms) == 0):
        raise ValueError("the layer holds geometries that are not points")
    return np.asarray(shapely.get_x(geoms), dtype=np.float64), np.asarray(shapely.get_y(geoms), dtype=np.float64)


def arrow_points(column) -> tuple[np.ndarray, np.ndarray]:
    """x, y of an Arrow WKB column (chunked or not): chunk by chunk into the result (no combined copy of the
    column) when every chunk holds plain 2D points, else through `wkb_to_xy`."""
    chunks = column.chunks if hasattr(column, "chunks") else [column]
    x, y = np.empty(len(column)), np.empty(len(column))
    at = 0
    for chunk in chunks:
        fast = points_from_arrow(chunk) if len(chunk) else (x[:0], y[:0])
        if fast is None:
            return wkb_to_xy(column.to_numpy(zero_copy_only=False))
        x[at:at + len(chunk)], y[at:at + len(chunk)] = fast
        at += len(chunk)
    return x, y
