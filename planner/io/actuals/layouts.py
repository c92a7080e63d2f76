"""Table layouts of actual figures, recognised from the header, and their rows turned into records.

Layouts (the INSEE code column is one of `CODE_NAMES`, compared without case, accents or punctuation):
- wide: one column per quarter, a column being a quarter only when its name is one
  (`planner.core.decisions.actuals.quarter_of_column`);
- Champ-style (the regulator's published sheet): wide, plus a column `Champ` (or `Indicateur`) saying what each
  row counts; only rows whose value names eligible premises (`Locaux Raccordables`) are figures, others
  (`Catégorie`, a coverage band code) are skipped and counted;
- long: a quarter column (`quarter`, `trimestre`) and a value column (`eligible`, `raccordables`, ...);
- snapshot: no quarter, one figure of eligible premises per commune (`elig_ftth`, `ftth`, `locaux_raccordables`
  ...), dated by a `date` column, the file name (`2025t4-...`) or the caller; with a premise-type column (`type`)
  the row of all premises (`all`, `total`, `tous`) is used when there is one, else the types are summed;
- IPE (operators' building file): `CodeInseeImmeuble`, `EtatImmeuble`, `NombreLogementsAdresseIPE`: the units of
  buildings whose state is deployed (`planner.io.layers.ipe.BUILT_STATES`) per commune, dated like a snapshot.

    layout_of(header) -> Layout | None
    records(table, layout, date_month=None) -> Records
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np

from planner.core.decisions.actuals import quarter_of_column
from planner.core.errors import InputError

CODE_NAMES = ("code_insee", "code_insee_2026", "code_insee_2018", "code_commune", "code_commune_insee", "insee",
              "insee_com", "codgeo", "depcom", "codeinseeimmeuble", "code")
CHAMP_NAMES = ("champ", "indicateur", "mesure", "variable")
QUARTER_NAMES = ("quarter", "trimestre", "periode", "period")
LONG_VALUE_NAMES = ("eligible", "raccordables", "locaux_raccordables", "racc", "nb_raccordables", "value")
SNAPSHOT_VALUE_NAMES = ("elig_ftth", "ftth", "nb_ftth", "locaux_ftth", "locaux_raccordables", "raccordables",
                        "nb_locaux_raccordables", "eligible", "eligibles", "nb_raccordables", "racc")
DATE_NAMES = ("date", "date_donnees", "date_publication", "date_extraction", "date_situation")
TYPE_NAMES = ("type", "type_local", "type_locaux", "type_de_locaux")
TOTAL_TYPES = ("all", "total", "tous", "toutes", "ensemble", "tous_locaux", "locaux")
IPE_COLUMNS = ("codeinseeimmeuble", "etatimmeuble")
_ELIGIBLE_ROW_RE = re.compile(r"raccordable|eligible|ftth", re.I)
_MISSING = {"", "-", "s", "nd", "n_d", "nc", "na", "n_a", "nan", "none", "secret", "x"}


def norm(name) -> str:
    """A name compared without case, accents or punctuation: 'Code commune' -> 'code_commune'."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^0-9a-z]+", "_", text.lower()).strip("_")


@dataclass
class Layout:
    """Which columns hold what: `kind` is 'wide', 'long', 'snapshot' or 'ipe'."""

    kind: str
    code: int
    quarters: list[tuple[int, int]] = field(default_factory=list)  # (column, quarter month) of a wide table
    champ: int | None = None
    quarter: int | None = None
    value: int | None = None
    date: int | None = None
    type: int | None = None
    units: int | None = None  # IPE: units per building


def _find(hn: list[str], names) -> int | None:
    for n in names:
        if n in hn:
            return hn.index(n)
    return None


def layout_of(header: list) -> Layout | None:
    """The layout of a table whose header is `header`, or None when it is no table of actual figures."""
    hn = [norm(h) for h in header]
    if all(n in hn for n in IPE_COLUMNS):
        from planner.io.layers.ipe import UNITS_COLUMN

        return Layout("ipe", hn.index("codeinseeimmeuble"), value=hn.index("etatimmeuble"),
                      units=_find(hn, (norm(UNITS_COLUMN),)), date=_find(hn, DATE_NAMES))
    code = _find(hn, CODE_NAMES)
    if code is None:
        return None
    quarters = [(i, q) for i, h in enumerate(header) if (q := quarter_of_column(h)) is not None]
    if quarters:
        return Layout("wide", code, quarters=quarters, champ=_find(hn, CHAMP_NAMES))
    quarter, value = _find(hn, QUARTER_NAMES), _find(hn, LONG_VALUE_NAMES)
    if quarter is not None and value is not None:
        return Layout("long", code, quarter=quarter, value=value, champ=_find(hn, CHAMP_NAMES))
    value = _find(hn, SNAPSHOT_VALUE_NAMES)
    if value is not None:
        return Layout("snapshot", code, value=value, date=_find(hn, DATE_NAMES), type=_find(hn, TYPE_NAMES))
    return None


def is_header(cells: list) -> bool:
    return layout_of(cells) is not None


@dataclass
class Records:
    """Figures as records: `codes` text[R], `months` int[R] (absolute month numbers) and `values` float[R]
    (NaN = no figure) — or, for a wide table, `months` int[Q] and `values` float[R, Q] —, plus what was
    skipped and guessed."""

    codes: np.ndarray
    months: np.ndarray
    values: np.ndarray
    skipped_rows: int = 0
    empty_cells: int = 0
    notes: list[str] = field(default_factory=list)
    kind: str = "quarterly"


def numbers(table, col: int) -> tuple[np.ndarray, int]:
    """Column `col` as float64 (NaN where there is no figure: empty, '-', 's' ...) and the count of such cells; a
    value that is no number, or a negative one, raises InputError naming the file, the column and the line.
    Vectorised: a clean column converts in one cast, text with spaces or decimal commas through Arrow."""
    values = table.columns[col]
    out = _fast_numbers(values)
    if out is None:
        out = _text_numbers(table, col, values)
    neg = out < 0
    if neg.any():
        i = int(np.flatnonzero(neg)[0])
        raise InputError(table.path, f"line {table.line_of(i)}, column '{table.header[col]}': "
                                     f"{values[i]!r} is negative (nothing was imported)")
    return out, int(np.isnan(out).sum())


def _fast_numbers(values: np.ndarray) -> np.ndarray | None:
    """Floats of a column of plain numbers and empty cells (the common case), or None."""
    try:
        blank = values == ""
        if blank.any():
            values = np.where(blank, np.nan, values)
        return np.asarray(values, dtype=np.float64)
    except (ValueError, TypeError):
        return None


def _text_numbers(table, col: int, values: np.ndarray) -> np.ndarray:
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(values.astype(str), type=pa.string())
    clean = pc.replace_substring_regex(arr, "[\\s\u00a0\u202f']", "")
    clean = pc.replace_substring(clean, ",", ".")
    lowered = pc.replace_substring_regex(pc.utf8_lower(clean), r"[^0-9a-z]+", "_")
    missing = pc.is_in(lowered, value_set=pa.array(sorted(_MISSING)))
    ok = pc.match_substring_regex(clean, r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")
    bad = pc.and_(pc.invert(ok), pc.invert(missing)).to_numpy(zero_copy_only=False)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InputError(table.path, f"line {table.line_of(i)}, column '{table.header[col]}': "
                                     f"{values[i]!r} is not a number (nothing was imported)")
    cast = pc.cast(pc.if_else(ok, clean, pa.scalar(None, pa.string())), pa.float64())
    return cast.to_numpy(zero_copy_only=False).astype(np.float64)


def _champ_filter(table, layout: Layout) -> tuple[np.ndarray, int, list[str]]:
    """Rows to keep in a Champ-style table (only figures of eligible premises), rows skipped, notes."""
    if layout.champ is None:
        return np.ones(table.rows, dtype=bool), 0, []
    values = np.char.strip(table.columns[layout.champ].astype(str))
    kinds = sorted(set(values.tolist()))
    eligible = [k for k in kinds if _ELIGIBLE_ROW_RE.search(norm(k))]
    if not eligible:
        raise InputError(table.path, f"column '{table.header[layout.champ]}': no row of eligible premises "
                                     f"(values: {', '.join(map(repr, kinds[:8]))}); expected 'Locaux Raccordables'")
    keep = np.isin(values, eligible)
    skipped = int((~keep).sum())
    others = [k for k in kinds if k not in eligible]
    notes = [f"rows '{', '.join(eligible)}' of column '{table.header[layout.champ]}' read"
             + (f"; {skipped:,} rows of {', '.join(map(repr, others[:5]))} skipped (not counts of eligible "
                "premises)" if skipped else "")]
    return keep, skipped, notes


def records(table, layout: Layout, date_month: int | None = None) -> Records:
    """The records of `table` read with `layout` (`date_month`: the date of a snapshot without a date column)."""
    if layout.kind == "wide":
        return _wide_records(table, layout)
    if layout.kind == "long":
        return _long_records(table, layout)
    from planner.io.actuals.snapshots import ipe_records, snapshot_records

    if layout.kind == "ipe":
        return ipe_records(table, layout, date_month)
    return snapshot_records(table, layout, date_month)


def _wide_records(table, layout: Layout) -> Records:
    keep, skipped, notes = _champ_filter(table, layout)
    sub = _subset(table, keep)
    codes = sub.columns[layout.code]
    cols, months, empty = [], [], 0
    for col, month in layout.quarters:
        v, n_empty = numbers(sub, col)
        cols.append(v)
        months.append(month)
        empty += n_empty
    return Records(codes, np.asarray(months, dtype=np.int64), np.column_stack(cols), skipped, empty, notes)


def _long_records(table, layout: Layout) -> Records:
    from planner.core.months import parse_quarter

    keep, skipped, notes = _champ_filter(table, layout)
    sub = _subset(table, keep)
    labels = sub.columns[layout.quarter]
    uniq, inverse = np.unique(labels.astype(str), return_inverse=True)
    months = np.empty(len(uniq), dtype=np.int64)
    for k, text in enumerate(uniq):
        try:
            months[k] = parse_quarter(text)
        except ValueError:
            i = int(np.flatnonzero(inverse == k)[0])
            raise InputError(table.path, f"line {sub.line_of(i)}, column '{table.header[layout.quarter]}': "
                                         f"{text!r} is not a quarter (expected e.g. 'T1 2019')") from None
    values, empty = numbers(sub, layout.value)
    return Records(sub.columns[layout.code], months[inverse], values, skipped, empty, notes)


def _subset(table, keep: np.ndarray):
    """A view of `table` with only the rows in `keep` (line numbers kept for messages)."""
    if keep.all():
        return table
    from copy import copy

    out = copy(table)
    out.columns = [c[keep] for c in table.columns]
    lines = table.lines if table.lines is not None else table.header_line + 1 + np.arange(table.rows)
    out.lines = lines[keep]
    return out
