"""Reading a project for a simulation from the (phase, commune) counts its file stores, without its premises.

`load_for_counts(path)` opens the project without reading the premise layer and checks the counts stored by the
last save (table `rp_counts`, planner/io/project/incremental.py) against the fingerprint of what they were
computed from (planner/core/phases/cell_counts.py). Current counts give the assignment at once: `simulate`,
`goal-seek`, `calibrate` and `info` never read 5 million points to compute a curve. Stale, missing or damaged
counts (they are only a cache) mean the premises are read and assigned as before.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from planner.core.phases import cell_counts
from planner.io.project import incremental, schema
from planner.io.project.project_file import META_TABLE, Progress, _is_sqlite, _open_sqlite, load_project


def stored_counts(path: str | os.PathLike, n_phases: int, n_communes: int):
    """The counts cached in the file when they are readable and consistent, else None."""
    try:
        con = _open_sqlite(Path(path))
        try:
            counts = incremental.read_counts(con, str(path))
        finally:
            con.close()
    except (sqlite3.Error, schema.SchemaError, ValueError):
        return None
    if counts is None or cell_counts.check_counts(counts, n_phases, n_communes) is not None:
        return None
    return counts


def load_for_counts(path: str | os.PathLike, progress: Progress | None = None):
    """(project, assignment) for a simulation: from the counts the file stores when they are current, without
    reading the premise layer; else the whole project and a fresh assignment."""
    from planner.core.phases.assignment import assign

    project = load_project(path, progress, with_premises=False)
    cached = cell_counts.cached_assignment(project)
    if cached is not None:
        return project, cached
    if cell_counts.PREMISES_STUB in project.__dict__:  # the premises are needed after all
        project = load_project(path, progress)
    return project, assign(project)


def has_project_table(path: str | os.PathLike) -> bool:
    """True for an SQLite file with an rp_project table, readable or not (a damaged project is still a project)."""
    path = Path(path)
    if not path.is_file() or not _is_sqlite(path):
        return False
    try:
        con = _open_sqlite(path)
        try:
            return con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                               (META_TABLE,)).fetchone() is not None
        finally:
            con.close()
    except sqlite3.Error:
        return False
