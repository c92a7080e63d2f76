"""Read actual figures (eligible premises per commune, over time) from the files planners have.

Public API (other modules use only these; every failure is an `InputError` naming the file and the line or
column, and nothing is returned half-read):

    read_actuals(path, communes, *, date=None, sheet=None, progress=None, cancel=None) -> Actuals
        One file, its layout found by content (planner.io.actuals.layouts):
        - the regulator's per-commune tables: wide (`T3 2017`, `racc_T32017` ... columns), long (`quarter` +
          `eligible`), Champ-style as published (title lines, two rows per commune: only `Locaux Raccordables`
          rows are figures); CSV or .xlsx, every sheet considered, the per-commune one chosen and named;
        - dated snapshots without quarters: the map site's commune statistics (`;`, `elig_ftth`, `type`,
          `date`), the fibre map's commune layer (`INSEE_COM`, `Locaux`, `ftth`; .zip/.shp/.dbf/.csv);
        - an operators' IPE file: the units of deployed buildings per commune, one dated snapshot.
        `date` ('YYYY-MM', 'YYYY-MM-DD', 'T4 2025', or an absolute month number) dates a snapshot that has
        no date column (else the file name's date is used, else `SnapshotDateNeeded`, an InputError the window
        catches to ask for the date, as it does for `LayerChoiceNeeded`).
        `sheet`: the workbook sheet to read (default: the one with per-commune figures).
    read_actuals_series(paths, communes, *, dates=None, progress=None, cancel=None) -> Actuals
        Several files (tables and/or snapshots) as one history: months sorted; where two files give the same
        commune and month, the later file in `paths` wins (a note says so).
    Actuals (planner.core.decisions.actuals): `quarters` (absolute month numbers, sorted), `values`
        float[C, Q] per project commune (NaN = no figure), `unmatched` codes, `kind`, `sheet`, `skipped_rows`,
        `empty_cells`, `notes`; `summary_lines()` is the import summary (quarters, totals per quarter, rows
        skipped, codes matching no commune).

Premise-level as-built data (per building): planner.io.layers.ipe (`built_mask`, `built_months`,
`BUILT_STATES`) and `planner.io.actuals.snapshots.date_field_months` for a date field of a premise layer.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from planner.core.decisions.actuals import Actuals
from planner.core.errors import InputError
from planner.core.progress import check_cancel, no_progress
from planner.io.actuals.layouts import is_header, layout_of, records
from planner.io.actuals.records import to_actuals
from planner.io.actuals.snapshots import SnapshotDateNeeded  # noqa: F401  (part of the API)
from planner.io.actuals.tables import read_table


def parse_date(date) -> int | None:
    """A date given by the caller as an absolute month number (None stays None)."""
    if date is None or isinstance(date, (int, np.integer)):
        return None if date is None else int(date)
    from planner.io.actuals.snapshots import month_of_date

    month = month_of_date(date)
    if month is None:
        raise InputError("date", f"{date!r} is not a date (expected e.g. 2025-09, 2025-09-30 or T3 2025)")
    return month


def read_actuals(path: str | os.PathLike, communes, *, date=None, sheet: str | None = None, progress=None,
                 cancel=None) -> Actuals:
    """Actual figures from `path`, mapped onto the project's communes (see the module docstring)."""
    progress = progress or no_progress
    p = Path(path)
    progress(0.0, f"Reading {p.name}")
    table = read_table(p, is_header, sheet=sheet)
    check_cancel(cancel)
    if table.rows == 0:
        raise InputError(p, f"no rows of figures below the header (line {table.header_line})")
    layout = layout_of(table.header)
    if layout is None:  # a vector file's attribute table is not checked while reading
        raise InputError(p, "no INSEE code column with figures of eligible premises (expected e.g. INSEE_COM with "
                            f"ftth, or code_insee with quarter columns); columns: {', '.join(table.header)}")
    progress(0.5, f"Reading {p.name}: {table.rows:,} rows")
    rec = records(table, layout, parse_date(date))
    check_cancel(cancel)
    rec.notes = list(table.notes) + rec.notes
    out = to_actuals(rec, communes, str(p))
    out.sheet = table.sheet
    if not out.quarters:
        raise InputError(p, "no figures in the file")
    progress(1.0, f"Read {p.name}")
    return out


def read_actuals_series(paths, communes, *, dates=None, progress=None, cancel=None) -> Actuals:
    """Several files of actual figures merged into one history (see the module docstring)."""
    progress = progress or no_progress
    paths = [Path(p) for p in paths]
    if not paths:
        raise InputError("actuals", "no file given")
    dates = list(dates) if dates is not None else [None] * len(paths)
    parts = []
    for k, (p, d) in enumerate(zip(paths, dates)):
        parts.append(read_actuals(p, communes, date=d, cancel=cancel))
        progress((k + 1) / len(paths), f"Read {p.name}")
    if len(parts) == 1:
        return parts[0]
    return merge_actuals(parts, "; ".join(str(p) for p in paths))


def merge_actuals(parts: list[Actuals], source: str) -> Actuals:
    """One `Actuals` from several over the same communes; a later part wins where two give a figure."""
    months = sorted({m for a in parts for m in a.quarters})
    col = {m: j for j, m in enumerate(months)}
    values = np.full((parts[0].values.shape[0], len(months)), np.nan)
    unmatched_units = np.zeros(len(months))
    notes, unmatched, overlap = [], [], 0
    for a in parts:
        idx = [col[m] for m in a.quarters]
        block = values[:, idx]
        overlap += int((~np.isnan(block) & ~np.isnan(a.values)).sum())
        values[:, idx] = np.where(np.isnan(a.values), block, a.values)
        if a.unmatched_units is not None:
            unmatched_units[idx] += a.unmatched_units
        unmatched += [c for c in a.unmatched if c not in set(unmatched)]
        notes += [f"{Path(a.source).name}: {n}" for n in a.notes]
    if overlap:
        notes.append(f"{overlap:,} figures given by two files: the later file's figure kept")
    kinds = {a.kind for a in parts}
    return Actuals(months, values, unmatched, unmatched_units, source,
                   kind=kinds.pop() if len(kinds) == 1 and "quarterly" in kinds else "series",
                   skipped_rows=sum(a.skipped_rows for a in parts), empty_cells=sum(a.empty_cells for a in parts),
                   notes=notes)
