"""Writing point layers through Arrow (`points_table`, `write_points_arrow`: premises and point exports, no Python
object per point), and millions of premise points into a NEW GeoPackage file (`write_points_bulk`): twice as fast
as GDAL's default path.

GDAL inserts a GeoPackage feature as one SQLite statement. For a table declared `INTEGER PRIMARY KEY
AUTOINCREMENT` (what GDAL creates) every statement also reads and rewrites SQLite's `sqlite_sequence` row, and
its default journal and synchronous settings cost a flush per committed batch: ~1.8 µs a point, 9 s for the
5 million premises of a region on the reference machine. `write_points_bulk`:

1. lets GDAL create the layer with no rows (table, `gpkg_contents`, `gpkg_geometry_columns`, its triggers);
2. declares the table again as `INTEGER PRIMARY KEY` without AUTOINCREMENT (the same columns and triggers;
   GeoPackage 1.2+ allows it: the key is still SQLite's rowid, unique and assigned in order, and a file written
   here is new, so no key was ever used and removed before);
3. appends the rows with the journal and synchronous writes off: by SQLite straight from Arrow
   (planner/io/project/gpkg_append.py, ~25 % faster), or else by GDAL (OGR_SQLITE_JOURNAL/SYNCHRONOUS).

Only for a file nobody else can see yet: the temporary file of planner/io/writer.py, which fsyncs, checks
(`quick_check`) and renames it afterwards. A kill meanwhile leaves a temporary file the next save removes; the
old project stays whole. Measured: 5 million points in ~5 s instead of ~9 s (docs/performance.md).
"""
from __future__ import annotations

import os
import sqlite3
import threading

import numpy as np
import pyogrio
import pyogrio.raw

from planner.core.project.model import L93
from planner.io.arrow_text import attribute_table, with_geometry
from planner.io.project.gpkg_append import append_points, quoted
from planner.io.wkb_points import points_to_arrow

GEOMETRY_COLUMN = "geom"

def points_table(fields: dict[str, np.ndarray], x: np.ndarray, y: np.ndarray, attributes=None):
    """An Arrow table of a point layer: columns as Arrow arrays, WKB from the coordinate arrays (no per-point
    Python objects), geometry last in GEOMETRY_COLUMN. `attributes`: attribute_table(fields) when made already."""
    attributes = attribute_table(fields) if attributes is None else attributes
    return with_geometry(attributes, GEOMETRY_COLUMN, points_to_arrow(x, y))


def write_points_arrow(path: str | os.PathLike, layer: str, fields: dict[str, np.ndarray], x: np.ndarray,
                       y: np.ndarray, driver: str = "GPKG", crs: str = L93, layer_options: dict | None = None,
                       **kwargs) -> None:
    """Write a point layer through Arrow (`points_table`). Used for the project's premises and point exports."""
    pyogrio.raw.write_arrow(points_table(fields, x, y), str(path), layer=layer, driver=driver,
                            geometry_name=GEOMETRY_COLUMN, geometry_type="Point", crs=crs, encoding="UTF-8",
                            layer_options=layer_options or {}, **kwargs)


#: rows whose Arrow types give the layer's column types (numeric columns keep their dtype, text and other objects
#: are written as text: a few rows type a column as well as all of them)
SCHEMA_ROWS = 1000
#: the GDAL options of the append (journal and fsync off: the writer fsyncs and checks the file afterwards)
FAST_APPEND = {"OGR_SQLITE_JOURNAL": "OFF", "OGR_SQLITE_SYNCHRONOUS": "OFF"}
#: GDAL configuration options are process-wide: one bulk write at a time changes them
_CONFIG_LOCK = threading.Lock()


def _without_autoincrement(path: str | os.PathLike, table: str) -> None:
    """Declare the (empty) table again without AUTOINCREMENT, with the same columns and triggers."""
    con = sqlite3.connect(str(path), isolation_level=None)
    try:
        sql = con.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()
        if sql is None or " AUTOINCREMENT" not in sql[0]:
            return
        triggers = [r[0] for r in con.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND sql IS NOT NULL", (table,))]
        if con.execute(f"SELECT count(*) FROM {quoted(table)}").fetchone()[0]:
            raise RuntimeError(f"table {table} is not empty")  # a programming error: never on a user's rows
        con.execute("BEGIN")
        con.execute(f"DROP TABLE {quoted(table)}")
        con.execute(sql[0].replace(" AUTOINCREMENT", "", 1))
        for trigger in triggers:
            con.execute(trigger)
        con.execute("DELETE FROM sqlite_sequence WHERE name = ?", (table,))
        con.execute("COMMIT")
    finally:
        con.close()


def write_points_bulk(path: str | os.PathLike, layer: str, fields: dict[str, np.ndarray], x: np.ndarray,
                      y: np.ndarray, crs: str = L93, fid: str = "fid", **create) -> None:
    """Write the point layer `layer` (attribute `fields`, coordinates `x`, `y`) into the NEW GeoPackage `path`
    (no spatial index), by the fast path above; `fid`: the name of its feature-id column. `create`: more options
    of the layer's creation (e.g. dataset_options when it creates the file)."""
    common = dict(layer=layer, driver="GPKG", geometry_name=GEOMETRY_COLUMN, geometry_type="Point", crs=crs,
                  encoding="UTF-8", layer_options={"SPATIAL_INDEX": "NO", "FID": fid})
    head = {name: values[:SCHEMA_ROWS] for name, values in fields.items()}  # the column types, from few rows
    pyogrio.raw.write_arrow(points_table(head, x[:0], y[:0], attribute_table(head).slice(0, 0)), str(path),
                            **common, **create)
    _without_autoincrement(path, layer)
    if append_points(path, layer, fields, x, y, GEOMETRY_COLUMN):  # SQLite straight from Arrow, by batches
        return
    with _CONFIG_LOCK:
        before = {k: pyogrio.get_gdal_config_option(k) for k in FAST_APPEND}
        pyogrio.set_gdal_config_options(FAST_APPEND)
        try:
            pyogrio.raw.write_arrow(points_table(fields, x, y), str(path), append=True, **common)
        finally:
            pyogrio.set_gdal_config_options(before)
