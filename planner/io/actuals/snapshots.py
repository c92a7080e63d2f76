"""Dated snapshots: one figure of eligible premises per commune at one date (the regulator's map-site commune
statistics, the fibre map's commune layer, an operator's IPE file), and the dates they carry.

The date of a snapshot, first found wins: a `date` column (each row its own date: a file may hold several);
the caller's `date`; the file name (`2025t4-communes.zip` -> T4 2025, `ipe_20240315.csv` -> March 2024,
`..._2024-03...` -> March 2024). A quarter is dated at its last month, as the regulator's tables are.

    SnapshotDateNeeded (an InputError): no date anywhere; call again with `date=`
    month_of_date(text) -> int | None           (absolute month number, see planner.core.months)
    month_from_name(path) -> int | None
    snapshot_records(table, layout, date_month) -> Records
    ipe_records(table, layout, date_month) -> Records
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from planner.core.errors import InputError


class SnapshotDateNeeded(InputError):
    """A snapshot without a date column whose file name holds none: the caller must give `date` (the window
    asks for it)."""

_QUARTER_A = re.compile(r"(?<!\d)((?:19|20)\d\d)[\s_-]?[tTqQ]([1-4])(?![0-9])")
_QUARTER_B = re.compile(r"(?<![0-9A-Za-z])[tTqQ]([1-4])[\s_-]?((?:19|20)\d\d)(?!\d)")
_YMD = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_/]?(0[1-9]|1[0-2])[-_/]?(0[1-9]|[12]\d|3[01])(?!\d)")
_DMY = re.compile(r"^(0?[1-9]|[12]\d|3[01])[/.-](0?[1-9]|1[0-2])[/.-]((?:19|20)\d\d)")
_YM = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_/](0[1-9]|1[0-2])(?!\d)")


def month_of_date(text) -> int | None:
    """'2025-09-30', '30/09/2025', '20250930', '2025-09', 'T3 2025', '2025T3' -> absolute month; else None."""
    s = str(text).strip()
    if not s:
        return None
    for rx, order in ((_DMY, "dmy"), (_YMD, "ymd"), (_QUARTER_A, "yq"), (_QUARTER_B, "qy"), (_YM, "ym")):
        m = rx.search(s) if rx is not _DMY else rx.match(s)
        if not m:
            continue
        g = m.groups()
        if order == "dmy":
            return int(g[2]) * 12 + int(g[1]) - 1
        if order in ("ymd", "ym"):
            return int(g[0]) * 12 + int(g[1]) - 1
        if order == "yq":
            return int(g[0]) * 12 + int(g[1]) * 3 - 1
        return int(g[1]) * 12 + int(g[0]) * 3 - 1
    return None


def month_from_name(path) -> int | None:
    """The date in a file name ('2025t4-communes.zip', 'ipe_20240315.csv'), or None."""
    return month_of_date(Path(path).stem)


def _months(table, layout, date_month: int | None, what: str) -> tuple[np.ndarray, list[str]]:
    """The month of each row: its date column, else `date_month`, else the file name."""
    if layout.date is not None:
        texts = np.char.strip(table.columns[layout.date].astype(str))
        uniq, inverse = np.unique(texts, return_inverse=True)
        months = np.array([month_of_date(u) if u else None for u in uniq], dtype=object)
        bad = np.array([m is None for m in months])
        if bad.any():
            i = int(np.flatnonzero(bad[inverse])[0])
            raise InputError(table.path, f"line {table.line_of(i)}, column '{table.header[layout.date]}': "
                                         f"{texts[i]!r} is not a date (expected e.g. 2025-09-30)")
        note = f"dated by column '{table.header[layout.date]}'"
        return months.astype(np.int64)[inverse], [note]
    if date_month is not None:
        return np.full(table.rows, int(date_month), dtype=np.int64), []
    month = month_from_name(table.path)
    if month is None:
        raise SnapshotDateNeeded(table.path, f"{what} without a date: no date column, and the file name holds "
                                             "none (e.g. '2025t4-...'); give the date of the figures")
    from planner.core.months import format_month

    return (np.full(table.rows, month, dtype=np.int64),
            [f"dated {format_month(month)} from the file name {Path(table.path).name}"])


def snapshot_records(table, layout, date_month: int | None):
    """One figure of eligible premises per commune (and date); premise types kept as the layout says."""
    from planner.io.actuals.layouts import Records, _subset, norm, numbers

    keep = np.ones(table.rows, dtype=bool)
    notes: list[str] = []
    skipped = 0
    if layout.type is not None:
        keep, skipped, notes = _type_filter(table, layout)
    sub = _subset(table, keep)
    months, date_notes = _months(sub, layout, date_month, "a snapshot of figures per commune")
    values, empty = numbers(sub, layout.value)
    if np.any((values != np.round(values)) & ~np.isnan(values)):
        raise InputError(table.path, f"column '{table.header[layout.value]}' holds fractions: shares, not counts "
                                     "of eligible premises")
    notes = [f"figures of column '{table.header[layout.value]}' ({norm(table.header[layout.value])}) read as "
             "eligible premises"] + notes + date_notes
    return Records(sub.columns[layout.code], months, values, skipped, empty, notes, kind="snapshot")


def _type_filter(table, layout) -> tuple[np.ndarray, int, list[str]]:
    from planner.io.actuals.layouts import TOTAL_TYPES, norm

    kinds = np.char.strip(table.columns[layout.type].astype(str))
    uniq = sorted(set(kinds.tolist()))
    totals = [k for k in uniq if norm(k) in TOTAL_TYPES]
    name = table.header[layout.type]
    if totals:
        keep = np.isin(kinds, totals)
        skipped = int((~keep).sum())
        note = f"rows '{totals[0]}' of column '{name}' read (all premises)"
        return keep, skipped, [note + (f"; {skipped:,} rows of single premise types skipped" if skipped else "")]
    return (np.ones(len(kinds), dtype=bool), 0,
            [f"no row of all premises in column '{name}': the types {', '.join(map(repr, uniq[:6]))} are summed"])


def ipe_records(table, layout, date_month: int | None):
    """Per building: its units when its state says deployed (else 0), at the file's date (one snapshot)."""
    from planner.io.actuals.layouts import Records
    from planner.io.layers.ipe import built_mask, units_of

    states = table.columns[layout.value]
    built, unknown = built_mask(states)
    units, units_notes = units_of(table.columns[layout.units] if layout.units is not None else None, table.rows,
                                  table.path, "NombreLogementsAdresseIPE")
    months, date_notes = _months(table, layout, date_month, "an IPE file")
    values = np.where(built, units, 0.0)
    notes = [f"IPE: {int(built.sum()):,} of {len(built):,} buildings deployed ({int(values.sum()):,} units)"]
    if unknown:
        notes.append(f"IPE: {sum(unknown.values()):,} buildings with an unknown state counted as not built "
                     f"({', '.join(f'{k!r}' for k in list(unknown)[:5])})")
    return Records(table.columns[layout.code], months, values, 0, 0, notes + units_notes + date_notes,
                   kind="snapshot")


def date_field_months(values) -> np.ndarray:
    """A date field (text such as '2021-06-30', '30/06/2021', '20210630', or Excel dates) as absolute month
    numbers, NaN where empty or no date (vectorised over the distinct values)."""
    arr = np.asarray(values, dtype=object)
    text = np.array(["" if v is None else (v.strftime("%Y-%m-%d") if hasattr(v, "strftime") else str(v))
                     for v in arr], dtype=object) if arr.dtype == object else arr.astype(str)
    uniq, inverse = np.unique(text.astype(str), return_inverse=True)
    months = np.array([np.nan if (m := month_of_date(u)) is None else float(m) for u in uniq])
    return months[inverse] if len(uniq) else np.full(len(arr), np.nan)
