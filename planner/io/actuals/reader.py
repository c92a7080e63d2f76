"""Read actual eligible units per commune and quarter from a CSV or Excel file (wide regulator or long layout).

    read_actuals(path, communes) -> planner.core.decisions.actuals.Actuals

CSV: delimiter detected among ';', ',', tab and '|'; UTF-8 (with or without BOM), else Windows-1252.
Excel (.xlsx): the first sheet, first row as header. Layouts and INSEE code mapping: planner/core/decisions/actuals.py.
"""
from __future__ import annotations

import csv
import os
from pathlib import Path

from planner.core.decisions.actuals import Actuals, parse_actuals
from planner.core.errors import InputError


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError(path, "cannot decode the text (not UTF-8 nor Windows-1252)")


def _read_csv(path: Path) -> tuple[list, list]:
    text = _read_text(path)
    first = text.split("\n", 1)[0]
    delim = max((";", ",", "\t", "|"), key=first.count)
    rows = [r for r in csv.reader(text.splitlines(), delimiter=delim) if any(c.strip() for c in r)]
    if not rows:
        raise InputError(path, "the file is empty")
    return rows[0], rows[1:]


def _read_xlsx(path: Path) -> tuple[list, list]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise InputError(path, f"not a readable Excel workbook ({exc})") from None
    try:
        rows = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    finally:
        wb.close()
    rows = [r for r in rows if any(c not in (None, "") for c in r)]
    if not rows:
        raise InputError(path, "the first sheet is empty")
    return [str(h) if h is not None else "" for h in rows[0]], rows[1:]


def read_actuals(path: str | os.PathLike, communes) -> Actuals:
    """Actual figures from `path`, mapped onto the project's communes (InputError naming the file)."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "no such file")
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        header, rows = _read_xlsx(p)
    else:
        header, rows = _read_csv(p)
    return parse_actuals(header, rows, communes, source=str(p))
