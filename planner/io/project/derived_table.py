"""The project file's table of arrays derived from its layers (planner/core/project/derived.py).

Table `rp_derived` (key TEXT PRIMARY KEY, value BLOB), one entry per (layer table, name): a row
'<table>/<name>' holding a JSON head {"tokens": [...], "arrays": {array: {"dtype": "<i4", "shape": [n]}}} and
one row '<table>/<name>/<array>' per array, little-endian. The tokens are the content tokens of the layers the
arrays were computed from; the project file records its layers' tokens (rp_project), so a reader knows whether
they still describe the layers it reads. Written with the layers by a whole-file save; a save in place leaves
the table as it is (the layers did not change). Read lazily: `attach_stored` reads the heads only; the arrays
(a region's density pyramid is ~100 MB) are read when first looked up, with every size checked against the
blob before anything is allocated. Damaged or foreign entries are skipped: they are only a cache.
"""
from __future__ import annotations

import functools
import json
import os
import sqlite3
from pathlib import Path

import numpy as np

from planner.core.project import derived
from planner.core.project.content_tokens import content_token

TABLE = "rp_derived"
#: the array types an entry may hold (anything else in a file is ignored)
DTYPES = ("|i1", "|u1", "<i2", "<u2", "<i4", "<u4", "<i8", "<f4", "<f8")
#: no entry may hold more than this many bytes (a damaged head must not make us allocate 100 GB)
MAX_BYTES = 4 * 2 ** 30


def write(con: sqlite3.Connection, layers) -> None:
    """(Re)create rp_derived with the current entries of `layers` ((table, layer, entry) as project_meta gives)."""
    con.execute(f"DROP TABLE IF EXISTS {TABLE}")
    con.execute(f"CREATE TABLE {TABLE} (key TEXT PRIMARY KEY NOT NULL, value BLOB)")
    con.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, last_change) "
                f"VALUES ('{TABLE}', 'attributes', '{TABLE}', 'Rollout Planner: arrays derived from the layers "
                "(a cache)', strftime('%Y-%m-%dT%H:%M:%fZ','now'))")
    current = {content_token(layer) for _table, layer, _entry in layers}
    for table, layer, _entry in layers:
        for name, entry in derived.entries(layer).items():
            if not set(entry.tokens) <= current:
                continue
            arrays = entry.get()
            if not arrays:
                continue
            arrays = {k: np.ascontiguousarray(v, dtype=np.asarray(v).dtype.newbyteorder("<")) for k, v in arrays.items()}
            if any(a.dtype.str not in DTYPES for a in arrays.values()):
                continue
            head = {"tokens": list(entry.tokens),
                    "arrays": {k: {"dtype": a.dtype.str, "shape": list(a.shape)} for k, a in arrays.items()}}
            rows = [(f"{table}/{name}", json.dumps(head).encode())]
            rows += [(f"{table}/{name}/{k}", memoryview(a).cast("B")) for k, a in arrays.items()]
            con.executemany(f"INSERT INTO {TABLE} (key, value) VALUES (?, ?)", rows)


def _head(value, tokens_now: set[str]) -> dict | None:
    """The parsed head of an entry if it is well formed and its tokens are all current, else None."""
    try:
        head = json.loads(bytes(value).decode("utf-8"))
    except (ValueError, TypeError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(head, dict) or not isinstance(head.get("arrays"), dict):
        return None
    tokens = head.get("tokens")
    if not isinstance(tokens, list) or not tokens or not all(isinstance(t, str) for t in tokens):
        return None
    if not set(tokens) <= tokens_now:
        return None
    total = 0
    for spec in head["arrays"].values():
        shape = spec.get("shape") if isinstance(spec, dict) else None
        if (not isinstance(shape, list) or not all(isinstance(s, int) and 0 <= s < 2 ** 40 for s in shape)
                or spec.get("dtype") not in DTYPES):
            return None
        total += int(np.prod(shape, dtype=np.int64)) * np.dtype(spec["dtype"]).itemsize
    return head if total <= MAX_BYTES else None


def _open(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)


def read_entry(path: str | os.PathLike, key: str, tokens: tuple[str, ...]) -> dict[str, np.ndarray] | None:
    """The arrays of entry `key` of the file, if it still holds them for these tokens (None otherwise)."""
    path = Path(path)
    try:
        con = _open(path)
    except sqlite3.Error:
        return None
    try:
        row = con.execute(f"SELECT value FROM {TABLE} WHERE key = ?", (key,)).fetchone()
        head = _head(row[0], set(tokens)) if row is not None else None
        if head is None or tuple(head["tokens"]) != tuple(tokens):
            return None
        out = {}
        for name, spec in head["arrays"].items():
            dtype = np.dtype(spec["dtype"])
            size = int(np.prod(spec["shape"], dtype=np.int64)) * dtype.itemsize
            got = con.execute(f"SELECT length(value) FROM {TABLE} WHERE key = ?", (f"{key}/{name}",)).fetchone()
            if got is None or got[0] != size:
                return None  # damaged: sized before anything is read
            blob = con.execute(f"SELECT value FROM {TABLE} WHERE key = ?", (f"{key}/{name}",)).fetchone()[0]
            out[name] = np.frombuffer(blob, dtype=dtype).reshape(spec["shape"]).astype(dtype.newbyteorder("="),
                                                                                          copy=False)
        return out
    except sqlite3.Error:
        return None
    finally:
        con.close()


def attach_stored(path: str | os.PathLike, project) -> None:
    """Remember on the project's layers the entries the file holds for them (read on first use)."""
    path = Path(path)
    by_table = {}
    from planner.io.project.project_file import project_meta

    _meta, layers = project_meta(project)
    for table, layer, _entry in layers:
        by_table[table] = layer
    tokens_now = {content_token(layer) for layer in by_table.values()}
    try:
        con = _open(path)
    except sqlite3.Error:
        return
    try:
        if not con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)).fetchone():
            return
        heads = con.execute(f"SELECT key, value FROM {TABLE} WHERE key NOT LIKE '%/%/%'").fetchall()
    except sqlite3.Error:
        return
    finally:
        con.close()
    for key, value in heads:
        table, _, name = str(key).partition("/")
        layer = by_table.get(table)
        head = _head(value, tokens_now) if layer is not None and name else None
        if head is None:
            continue
        tokens = tuple(head["tokens"])
        derived.remember(layer, name, tokens, load=functools.partial(read_entry, str(path.absolute()), key, tokens))
