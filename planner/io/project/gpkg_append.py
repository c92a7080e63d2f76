"""Millions of points appended to an EMPTY GeoPackage point layer of a NEW file, by SQLite straight from Arrow.

GDAL appends an Arrow batch one feature at a time: each row becomes an OGRFeature, its WKB a geometry, then a
GeoPackage blob, then SQLite parameters — about as much time again as SQLite's own insert (py-spy: half of
`write_arrow` is outside `sqlite3_step`). ADBC's SQLite driver (Apache Arrow's database connectivity, the
standard way to bulk-load Arrow data into a database) binds the Arrow columns to one prepared INSERT in C. So,
once GDAL has created the layer (table, `gpkg_contents`, `gpkg_geometry_columns`, triggers), `append_points`:

1. makes the GeoPackage geometry blobs from the coordinates with numpy: the 8-byte header ('GP', version 0,
   flags 1 = little-endian without envelope, the layer's srs_id) before a 21-byte WKB point — GDAL's own
   encoding of a 2D point;
2. sets GDAL's feature-count triggers aside (GDAL does the same around its own appends), has ADBC insert the
   rows with the journal and synchronous writes off, puts the triggers back and writes the count and the extent
   into `gpkg_ogr_contents` and `gpkg_contents`, as GDAL does when it closes the layer.

It declines (returns False, nothing written) when it does not apply: the driver is missing, a geometry is not a
finite point (an empty one), or the table has triggers it does not know. The caller then has GDAL append.
Only for a file nobody else can see yet (the writer's temporary file, checked and renamed afterwards).
Measured on 5 million premises: ~25 % less time than GDAL's append (docs/performance.md).
"""
from __future__ import annotations

import os
import sqlite3

import numpy as np

from planner.io.arrow_text import attribute_table, with_geometry

#: rows whose geometry blobs are made and inserted at once (~29 MB of blobs)
BATCH_ROWS = 1_000_000
_COUNT_TRIGGERS = ("trigger_insert_feature_count_", "trigger_delete_feature_count_")


#: a GeoPackage point blob: header (magic, version, flags, srs_id) and the 21-byte WKB point
GPKG_POINT = np.dtype([("magic", "S2"), ("version", "u1"), ("flags", "u1"), ("srs_id", "<i4"), ("order", "u1"),
                       ("type", "<u4"), ("x", "<f8"), ("y", "<f8")])


def gpkg_point_blobs(x: np.ndarray, y: np.ndarray, srs_id: int):
    """GeoPackage geometry blobs (an Arrow binary array) of 2D points, built with numpy, or None when a
    coordinate is not finite (empty points need GDAL's empty-geometry flag)."""
    import pyarrow as pa

    n = len(x)
    if n == 0 or not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        return None
    rec = np.empty(n, dtype=GPKG_POINT)
    rec["magic"], rec["version"], rec["flags"], rec["srs_id"] = b"GP", 0, 1, srs_id
    rec["order"], rec["type"], rec["x"], rec["y"] = 1, 1, x, y
    offsets = np.arange(n + 1, dtype=np.int32) * GPKG_POINT.itemsize
    return pa.Array.from_buffers(pa.binary(), n, [None, pa.py_buffer(offsets), pa.py_buffer(rec.view(np.uint8))])


def quoted(name: str) -> str:
    """An SQL identifier in double quotes (embedded quotes doubled)."""
    return '"' + str(name).replace('"', '""') + '"'


def _layer_state(con: sqlite3.Connection, layer: str):
    """(srs_id, [(trigger name, sql)]) of the layer, or None when it is not an empty point layer this path knows."""
    row = con.execute("SELECT srs_id, geometry_type_name FROM gpkg_geometry_columns WHERE table_name = ?",
                      (layer,)).fetchone()
    if row is None or str(row[1]).upper() != "POINT":
        return None
    triggers = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
                           (layer,)).fetchall()
    if any(not name.startswith(_COUNT_TRIGGERS) for name, _sql in triggers):
        return None
    if con.execute(f"SELECT count(*) FROM {quoted(layer)}").fetchone()[0]:
        return None
    return int(row[0]), triggers


def _connect(path):
    """An ADBC connection to the file, or None when the driver is missing or cannot be loaded (a bundle without
    its shared library): GDAL appends instead."""
    try:
        import adbc_driver_sqlite.dbapi as dbapi

        return dbapi.connect(str(path), autocommit=True)
    except Exception:  # noqa: BLE001 - ImportError, or the driver manager's error loading the library
        return None


def append_points(path: str | os.PathLike, layer: str, fields: dict[str, np.ndarray], x: np.ndarray, y: np.ndarray,
                  geometry_name: str) -> bool:
    """Append the points (attribute `fields`, coordinates `x`, `y`) to the empty point layer `layer` of the new
    GeoPackage `path`, geometry in `geometry_name`. False when this path does not apply (nothing written). The
    Arrow columns and geometry blobs are made BATCH_ROWS at a time: memory for a batch, not for the layer."""
    con = sqlite3.connect(str(path), isolation_level=None)
    try:
        state = _layer_state(con, layer)
    finally:
        con.close()
    if state is None or len(x) == 0 or not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        return False  # empty points need GDAL's empty-geometry flag
    adbc = _connect(path)
    if adbc is None:
        return False
    with adbc:
        cur = adbc.cursor()
        cur.execute("PRAGMA journal_mode = OFF")
        cur.fetchall()
        cur.execute("PRAGMA synchronous = OFF")
        cur.execute("BEGIN")
        for name, _sql in state[1]:  # GDAL's feature-count triggers: set aside, as GDAL does around its appends
            cur.execute(f"DROP TRIGGER {quoted(name)}")
        for start in range(0, len(x), BATCH_ROWS):
            stop = min(start + BATCH_ROWS, len(x))
            batch = attribute_table({name: values[start:stop] for name, values in fields.items()})
            batch = with_geometry(batch, geometry_name, gpkg_point_blobs(x[start:stop], y[start:stop], state[0]))
            cur.adbc_ingest(layer, batch, mode="append")
            del batch
        cur.execute("COMMIT")
        cur.close()
    _finish(path, layer, state[1], len(x), (x.min(), y.min(), x.max(), y.max()))
    return True


def _finish(path, layer: str, triggers, n: int, extent) -> None:
    """Triggers back, feature count and extent written, as GDAL leaves a layer it closes."""
    con = sqlite3.connect(str(path), isolation_level=None)
    try:
        con.execute("BEGIN")
        for _name, sql in triggers:
            con.execute(sql)
        con.execute("UPDATE gpkg_ogr_contents SET feature_count = ? WHERE lower(table_name) = lower(?)", (n, layer))
        con.execute("UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, "
                    "last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = ?",
                    (*(float(v) for v in extent), layer))
        con.execute("COMMIT")
    finally:
        con.close()
