"""Saving a project onto its own file by rewriting only what changed, in one SQLite transaction.

A project file's layer tables (communes, premises, extra layers) are written once, when a layer is imported or
replaced: every layer entry of `rp_project` records the layer's content token (planner/core/project/
content_tokens.py). A save onto a file whose layer tables hold the tokens of the project's layers rewrites only
the small tables — `phases`, `rp_project`, `layer_styles` and `rp_counts` — in one transaction on the file
itself: SQLite's rollback journal makes a kill at any moment leave the old or the new project, never a mix (the
next reader rolls the journal back). Anything else (a new or replaced layer, a file from elsewhere, a phases
table of another shape) takes the full path: a new file written beside the target and renamed over it.

The phases table is written with plain SQL (GeoPackage geometry blobs built here); the functions its R-tree
triggers call (ST_MinX, ST_IsEmpty…) are provided to the connection. `rp_counts` holds the (phase, commune)
unit counts of the last assignment (planner/core/phases/cell_counts.py) as little-endian arrays.
"""
from __future__ import annotations

import json
import os
import sqlite3
import struct
from pathlib import Path

import numpy as np
import shapely

from planner.core.errors import PlannerError
from planner.core.phases.cell_counts import COUNT_ARRAYS, CellCounts
from planner.core.project.content_tokens import adopt_token
from planner.core.project.model import Project
from planner.io.project import schema

COUNTS_TABLE = "rp_counts"
META_TABLE = "rp_project"
#: bounds on what a counts table may hold before it is read (a damaged file must not make us allocate 100 GB)
MAX_COUNT_CELLS = 50_000_000
_SRS = 2154


class NotIncremental(Exception):
    """The file cannot be updated in place (the caller writes a whole new file instead)."""


# ---------------------------------------------------------------- GeoPackage geometry blobs
def gpkg_blob(geom) -> bytes | None:
    """A GeoPackage geometry blob (header with an [minx, maxx, miny, maxy] envelope, little-endian WKB)."""
    if geom is None or shapely.is_empty(geom):
        return None
    xmin, ymin, xmax, ymax = shapely.bounds(geom)
    header = b"GP" + bytes([0, 0b00000011]) + struct.pack("<i4d", _SRS, xmin, xmax, ymin, ymax)
    return header + shapely.to_wkb(geom, byte_order=1)


def _envelope(blob) -> tuple[float, float, float, float] | None:
    """(minx, maxx, miny, maxy) of a GeoPackage blob, from its header or its WKB; None when empty/unreadable."""
    if not isinstance(blob, (bytes, bytearray, memoryview)) or len(blob) < 8 or bytes(blob[:2]) != b"GP":
        return None
    flags = blob[3]
    if flags & 0b10000:
        return None
    kind = (flags >> 1) & 0b111
    order = "<" if flags & 1 else ">"
    if kind >= 1:
        return struct.unpack_from(f"{order}4d", blob, 8)
    size = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get(kind, 0)
    geom = shapely.from_wkb(bytes(blob[8 + size:]))
    if geom is None or geom.is_empty:
        return None
    xmin, ymin, xmax, ymax = geom.bounds
    return xmin, xmax, ymin, ymax


def _st(i: int):
    def fn(blob):
        env = _envelope(blob)
        return None if env is None else env[i]
    return fn


def register_gpkg_functions(con: sqlite3.Connection) -> None:
    """The SQL functions GDAL's R-tree triggers call, so plain sqlite3 can insert into indexed tables."""
    for name, i in (("ST_MinX", 0), ("ST_MaxX", 1), ("ST_MinY", 2), ("ST_MaxY", 3)):
        con.create_function(name, 1, _st(i), deterministic=True)
    con.create_function("ST_IsEmpty", 1, lambda blob: 1 if _envelope(blob) is None else 0, deterministic=True)


# ---------------------------------------------------------------- reading the file's state
def table_columns(con: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]


def stored_layer_tokens(con: sqlite3.Connection) -> dict[str, str] | None:
    """table -> content token of each layer recorded in the file's rp_project (None: no usable record)."""
    row = con.execute(f"SELECT value FROM {META_TABLE} WHERE key = 'layers'").fetchone()
    if row is None:
        return None
    try:
        entries = schema.loads(row[0], "layers")
    except schema.SchemaError:
        return None
    if not isinstance(entries, list):
        return None
    out = {}
    for e in entries:
        if not isinstance(e, dict) or not isinstance(e.get("table"), str) or not e.get("content_token"):
            return None
        # a table edited elsewhere since (QGIS) no longer holds what its token names
        same = e.get("table_stamp") == table_stamp(con, e["table"])
        out[e["table"]] = str(e["content_token"]) if same else ""
    return out


# ---------------------------------------------------------------- writing the small tables
def _zone_blob(zone) -> bytes | None:
    if zone is None or zone.is_empty:
        return None
    polys = [g for g in shapely.get_parts(zone) if g.geom_type == "Polygon"] if zone.geom_type != "Polygon" else [zone]
    return gpkg_blob(shapely.MultiPolygon(polys)) if polys else None


def write_phases_sql(con: sqlite3.Connection, project: Project) -> None:
    """Replace the rows of the existing `phases` table (same columns as schema.PHASE_COLUMNS)."""
    names = [c for c, _ in schema.PHASE_COLUMNS]
    rows = []
    for i, p in enumerate(project.phases):
        r = schema.phase_to_row(p, i + 1)
        rows.append((_zone_blob(p.zone), *[r[c] for c in names]))
    con.execute('DELETE FROM "phases"')
    cols = ", ".join(f'"{c}"' for c in ["geom", *names])
    con.executemany(f'INSERT INTO "phases" ({cols}) VALUES ({", ".join("?" * (len(names) + 1))})', rows)
    bounds = [shapely.bounds(p.zone) for p in project.phases if p.zone is not None and not p.zone.is_empty]
    ext = (None,) * 4 if not bounds else (min(b[0] for b in bounds), min(b[1] for b in bounds),
                                          max(b[2] for b in bounds), max(b[3] for b in bounds))
    con.execute("UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, "
                "last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = 'phases'", ext)


def table_stamp(con: sqlite3.Connection, table: str) -> str | None:
    """What changes when anything (GDAL, QGIS) edits a layer table: its last change and feature count."""
    row = con.execute("SELECT c.last_change, o.feature_count FROM gpkg_contents c LEFT JOIN gpkg_ogr_contents o "
                      "ON lower(o.table_name) = lower(c.table_name) WHERE c.table_name = ?", (table,)).fetchone()
    return None if row is None else f"{row[0]}|{row[1]}"


def stamp_layers(con: sqlite3.Connection, meta: dict) -> None:
    """Record each layer table's stamp in its rp_project entry, next to its content token: a table edited
    elsewhere afterwards (QGIS) no longer matches, so its token is not trusted when the file is read."""
    for entry in meta.get("layers") or []:
        entry["table_stamp"] = table_stamp(con, entry["table"])


def write_meta_rows(con: sqlite3.Connection, meta: dict) -> None:
    """Replace every key/value of rp_project (the table exists)."""
    con.execute(f"DELETE FROM {META_TABLE}")
    con.executemany(f"INSERT INTO {META_TABLE} (key, value) VALUES (?, ?)",
                    [(k, schema.dumps(v, k)) for k, v in meta.items()])
    con.execute("UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') "
                f"WHERE table_name = '{META_TABLE}'")


def write_counts(con: sqlite3.Connection, counts: CellCounts | None) -> None:
    """(Re)create rp_counts holding `counts` (an empty table when there are none)."""
    con.execute(f"DROP TABLE IF EXISTS {COUNTS_TABLE}")
    con.execute(f"CREATE TABLE {COUNTS_TABLE} (key TEXT PRIMARY KEY NOT NULL, value BLOB)")
    con.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, last_change) "
                f"VALUES ('{COUNTS_TABLE}', 'attributes', '{COUNTS_TABLE}', "
                "'Rollout Planner: units per (phase, commune) of the last assignment', "
                "strftime('%Y-%m-%dT%H:%M:%fZ','now'))")
    if counts is None:
        return
    head = {"fingerprint": counts.fingerprint, "unplanned_units": counts.unplanned_units,
            "total_units": counts.total_units, "phase_ids": counts.phase_ids, "commune_level": counts.commune_level,
            "lengths": {k: int(len(v)) for k, v in counts.arrays.items()}}
    rows = [("head", json.dumps(head).encode())]
    rows += [(k, np.ascontiguousarray(v, dtype=np.dtype(COUNT_ARRAYS[k]).newbyteorder("<")).tobytes())
             for k, v in counts.arrays.items()]
    con.executemany(f"INSERT INTO {COUNTS_TABLE} (key, value) VALUES (?, ?)", rows)


def read_counts(con: sqlite3.Connection, where: str) -> CellCounts | None:
    """The counts stored in the file, or None (no table, no counts); SchemaError when they are damaged."""
    if not con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (COUNTS_TABLE,)).fetchone():
        return None
    rows = dict(con.execute(f"SELECT key, value FROM {COUNTS_TABLE}").fetchall())
    if "head" not in rows:
        return None
    w = f"{where}.{COUNTS_TABLE}"
    head = schema._dict(schema.loads(bytes(rows["head"]).decode("utf-8", "replace"), w), w)
    lengths = schema._dict(head.get("lengths"), f"{w}.lengths")
    arrays = {}
    for name, dtype in COUNT_ARRAYS.items():
        n = schema._int(lengths.get(name), f"{w}.lengths.{name}", lo=0)
        blob = rows.get(name)
        dt = np.dtype(dtype).newbyteorder("<")
        if n > MAX_COUNT_CELLS or not isinstance(blob, bytes) or len(blob) != n * dt.itemsize:
            raise schema.SchemaError(f"{w}.{name}", "damaged (wrong size)")
        arrays[name] = np.frombuffer(blob, dtype=dt).astype(dtype)
    ids = [schema._int(i, f"{w}.phase_ids") for i in schema._list(head.get("phase_ids"), f"{w}.phase_ids")]
    return CellCounts(fingerprint=schema._str(head.get("fingerprint"), f"{w}.fingerprint"), arrays=arrays,
                      unplanned_units=schema._int(head.get("unplanned_units"), f"{w}.unplanned_units", lo=0),
                      total_units=schema._int(head.get("total_units"), f"{w}.total_units", lo=0),
                      phase_ids=ids, commune_level=schema._bool(head.get("commune_level"), f"{w}.commune_level"))


# ---------------------------------------------------------------- the in-place save
def _check_in_place(con: sqlite3.Connection, layer_tables: dict[str, str]) -> None:
    if not con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (META_TABLE,)).fetchone():
        raise NotIncremental("not a project file")
    stored = stored_layer_tokens(con)
    if stored is None or stored != layer_tables:
        raise NotIncremental("the layers changed")
    have = table_columns(con, "phases")
    if have[2:] != [c for c, _ in schema.PHASE_COLUMNS] or have[:2] != ["fid", "geom"]:
        raise NotIncremental("the phases table has another shape")
    spatial = {r[0] for r in con.execute("SELECT table_name FROM gpkg_geometry_columns")}
    if not set(layer_tables) | {"phases"} <= spatial:
        raise NotIncremental("a layer table is missing")


def save_in_place(path: Path, layer_tables: dict[str, str], meta: dict, styles, counts: CellCounts | None,
                  project: Project) -> None:
    """Rewrite phases, rp_project, layer_styles and rp_counts of `path` in one transaction.

    `layer_tables` maps each layer table to the content token of the layer that the project holds now: the
    file must record the very same (NotIncremental otherwise, with the file untouched).
    """
    from planner.io.project.qgis_styles import write_layer_styles

    if not path.is_file():
        raise NotIncremental("no file")
    _probe(path)
    con = sqlite3.connect(str(path), timeout=5.0, isolation_level=None)
    try:
        register_gpkg_functions(con)
        con.execute("PRAGMA journal_mode = DELETE")  # a rollback journal: a kill leaves the old file
        con.execute("PRAGMA synchronous = FULL")
        con.execute("BEGIN IMMEDIATE")
        try:
            _check_in_place(con, layer_tables)
            write_phases_sql(con, project)
            stamp_layers(con, meta)
            write_meta_rows(con, meta)
            con.execute("DELETE FROM layer_styles WHERE f_table_name NOT IN (%s)"
                        % ", ".join("?" * (len(layer_tables) + 1)), [*layer_tables, "phases"])
            write_layer_styles(con, styles)
            write_counts(con, counts)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        con.close()


def _probe(path: Path) -> None:
    """What SQLite will need for its journal, tried first with the operating system's own calls: create a small
    file beside the project, write and fsync it (a read-only, forbidden or full disk fails here with its errno)."""
    from planner.io.writer import remove_quietly, temp_path_for

    probe = temp_path_for(path)
    fd = os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
    try:
        os.write(fd, bytes(4096))
        os.fsync(fd)
    finally:
        os.close(fd)
        remove_quietly(probe)


class NotInPlace(PlannerError):
    """`write_project_file(in_place_only=True)` found a file that does not hold the project's layers."""


def adopt_layer_tokens(layers, tokens: dict[str, str]) -> None:
    """Layers sent without their arrays (a light copy) stand for the tokens of the tables they came from."""
    for table, layer, _entry in layers:
        if table in tokens:
            adopt_token(layer, tokens[table])


def file_table_stamp(path, table: str) -> str | None:
    """`table_stamp` of a table of the file at `path` (None when unreadable)."""
    try:
        con = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True)
        try:
            return table_stamp(con, table)
        finally:
            con.close()
    except sqlite3.Error:
        return None


def premises_stub(path, entry: dict, role: dict) -> tuple:
    """What stands for a premise layer left in the file (cell_counts.PREMISES_STUB): its token, or a token that
    matches nothing when the table was edited elsewhere since (the stored counts are then stale)."""
    token = entry.get("content_token")
    if entry.get("table_stamp") != file_table_stamp(path, str(entry.get("table"))):
        token = "edited elsewhere"
    return str(token), role.get("units_field"), role.get("insee_field")


def save_if_in_place(target: Path, meta: dict, layers, styles, counts, project: Project, in_place_only: bool) -> bool:
    """The in-place save when the file allows it (True), else False for a whole new file; NotInPlace when the
    caller allows nothing else. Temporaries of killed full saves beside the file are removed."""
    from planner.io.writer import remove_quietly, stale_temps

    if target.exists() and try_in_place(target.absolute(), meta, layers, styles, counts, project):
        for stale in stale_temps(target):
            remove_quietly(stale)
        return True
    if in_place_only:
        raise NotInPlace(f"{target}: cannot save in place, the file does not hold the project's layers")
    return False


def try_in_place(target: Path, meta: dict, layers, styles, counts, project: Project) -> bool:
    """The in-place save of `save_in_place`; False when the file needs a full rewrite. Failures (the transaction
    is rolled back, the file is as it was) are WriteErrors naming the file and the cause in plain words."""
    from planner.io.write_errors import explain

    tokens = {table: entry["content_token"] for table, _layer, entry in layers}
    try:
        save_in_place(target, tokens, meta, styles, counts, project)
        return True
    except NotIncremental:
        return False
    except (sqlite3.Error, OSError) as exc:
        raise explain(exc, target, existed=True) from exc


def recover_journal(path: str | os.PathLike) -> None:
    """Roll back a transaction a killed save left behind (a hot `-journal`), so read-only readers can open the file.

    SQLite does this on the first read by a writer; readers opening the file read-only (GDAL, our meta reader)
    cannot, so the loader calls this first. No-op without a journal or without write access.
    """
    journal = f"{path}-journal"
    if not os.path.exists(journal) or os.path.getsize(journal) == 0:
        return
    try:
        con = sqlite3.connect(str(path), timeout=5.0)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        pass
