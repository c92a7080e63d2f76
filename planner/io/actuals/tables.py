"""Raw tables for the actuals readers: CSV (title lines above the header found by content), Excel workbooks
(every sheet considered, the per-commune one chosen by content), and the attribute table of a vector file
(Shapefile in a .zip, .shp, standalone .dbf, GeoPackage) read without geometry.

    read_table(path, is_header, sheet=None) -> RawTable

`is_header(cells) -> bool` says whether a row is the header of a table the caller can read (the layouts of
`planner.io.actuals.layouts`); the first such row among the first 40 is the header, the rows above it are title
lines. Columns come back as numpy object arrays of text ('' for an empty cell), numbers of a workbook as text
too ('32013', '5808'), so that a code keeps its text and one number parser serves every format.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from planner.core.errors import InputError
from planner.core.project.names import unique_names

HEADER_SCAN_ROWS = 40
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
VECTOR_SUFFIXES = {".zip", ".shp", ".dbf", ".gpkg", ".geojson", ".json", ".fgb"}


@dataclass
class RawTable:
    """A table as read: `header` names, `columns` (object arrays of text, one per header name), the 1-based
    line (CSV) or row (sheet) of the header, the sheet name for a workbook, and notes for the summary."""

    path: Path
    header: list[str]
    columns: list[np.ndarray]
    header_line: int = 1
    sheet: str | None = None
    notes: list[str] = field(default_factory=list)
    lines: np.ndarray | None = None  # file line (CSV) or sheet row of each data row, for messages

    @property
    def rows(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    def line_of(self, row: int) -> int:
        """The file line (CSV) or sheet row of data row `row` (0-based), for messages."""
        return int(self.lines[row]) if self.lines is not None else self.header_line + 1 + int(row)


def read_table(path, is_header, sheet: str | None = None) -> RawTable:
    """The table of `path` whose header `is_header` accepts (InputError naming the file when there is none)."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "no such file")
    if p.is_file() and p.stat().st_size == 0:
        raise InputError(p, "the file is empty (0 bytes)")
    suffix = p.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return _read_workbook(p, is_header, sheet)
    if suffix in VECTOR_SUFFIXES:
        return _read_vector_table(p)
    return _read_csv(p, is_header)


# --- CSV ------------------------------------------------------------------------------------------------------


def _decode(raw: bytes, p: Path) -> tuple[str, str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), "utf8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "cp1252"


def _sniff_delimiter(lines: list[str]) -> str:
    """The delimiter giving the most lines with the same (largest) number of cells, over the first lines."""
    best, best_score = ",", -1
    for d in (";", ",", "\t", "|"):
        counts = [len(r) for r in csv.reader(lines, delimiter=d)]
        wide = [c for c in counts if c > 1]
        if not wide:
            continue
        common = max(set(wide), key=wide.count)
        score = wide.count(common) * 100 + common
        if score > best_score:
            best, best_score = d, score
    return best


def _read_csv(p: Path, is_header) -> RawTable:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    with open(p, "rb") as fh:
        head = fh.read(256 * 1024)
    text, encoding = _decode(head, p)
    lines = text.splitlines()[:HEADER_SCAN_ROWS]
    if not any(ln.strip() for ln in lines):
        raise InputError(p, "the file holds no lines of text")
    delimiter = _sniff_delimiter(lines)
    rows = list(csv.reader(lines, delimiter=delimiter))
    found = next((i for i, r in enumerate(rows) if is_header([c.strip() for c in r])), None)
    if found is None:
        raise _no_header(p, rows)
    names = unique_names([c.strip() or f"column_{j + 1}" for j, c in enumerate(rows[found])])
    read_opts = pacsv.ReadOptions(column_names=names, skip_rows=found + 1, encoding=encoding, block_size=8 << 20,
                                  use_threads=False)
    parse_opts = pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=False,
                                    invalid_row_handler=_RaggedRows(len(names)))
    conv = pacsv.ConvertOptions(column_types={n: pa.string() for n in names}, strings_can_be_null=False)
    try:
        table = pacsv.read_csv(p, read_options=read_opts, parse_options=parse_opts, convert_options=conv)
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        raise InputError(p, f"not a readable table below the header on line {found + 1}: "
                            f"{str(exc).splitlines()[0]}") from None
    bad = parse_opts.invalid_row_handler
    if bad.first is not None:
        raise InputError(p, f"line {bad.first}: {bad.got} cells where the header on line {found + 1} has "
                            f"{len(names)} (a damaged line; nothing was imported)")
    columns = [_text(table.column(n)) for n in names]
    out = RawTable(p, names, columns, header_line=found + 1)
    if found:
        out.notes.append(f"{found} title line(s) above the header (line {found + 1}) left out")
    return _drop_blank_rows(out)


class _RaggedRows:
    """pyarrow invalid-row handler: a row with too many cells is an error (named by its line); a shorter row is
    a trailing blank line or a table footer, skipped."""

    def __init__(self, ncol: int):
        self.ncol = ncol
        self.first: int | None = None
        self.got = 0

    def __call__(self, row):
        text = (row.text or "").strip()
        if row.actual_columns > self.ncol and self.first is None:
            self.first = row.number if row.number is not None and row.number >= 0 else -1
            self.got = row.actual_columns
            return "skip"
        if text.replace(",", "").replace(";", "").strip() and self.first is None and row.actual_columns > 1:
            self.first = row.number if row.number is not None and row.number >= 0 else -1
            self.got = row.actual_columns
        return "skip"


def _text(col) -> np.ndarray:
    import pyarrow.compute as pc

    return pc.utf8_trim_whitespace(col).to_numpy(zero_copy_only=False).astype(object)


def _no_header(p: Path, rows: list[list[str]]) -> InputError:
    first = next((r for r in rows if any(c.strip() for c in r)), [])
    cells = ", ".join(c.strip() for c in first if c.strip())[:160]
    return InputError(p, "no INSEE code column with figures of eligible premises was found in the first "
                         f"{HEADER_SCAN_ROWS} lines (expected e.g. 'code_insee' or 'Code commune' with quarter "
                         f"columns such as 'T1 2018', or a snapshot column such as 'ftth'); first line: {cells}")


def _drop_blank_rows(t: RawTable) -> RawTable:
    if not t.columns:
        return t
    blank = np.ones(t.rows, dtype=bool)
    for c in t.columns:
        blank &= c == ""
    t.lines = t.header_line + 1 + np.arange(t.rows)
    if blank.any():
        keep = ~blank
        t.columns = [c[keep] for c in t.columns]
        t.lines = t.lines[keep]
    return t


# --- Excel ----------------------------------------------------------------------------------------------------


def _cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if hasattr(v, "strftime"):
        return v.strftime("%Y-%m-%d")
    return str(v).strip()


def _read_workbook(p: Path, is_header, sheet: str | None) -> RawTable:
    """The per-commune table of a workbook: every sheet's first rows are scanned for a header; the sheet with
    the most INSEE-like codes below its header wins (read with calamine, the Rust reader: a national sheet of
    70,000 rows reads in about a second where openpyxl takes forty)."""
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(p))
        names = list(wb.sheet_names)
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise InputError(p, f"not a readable Excel workbook ({type(exc).__name__}: {exc})") from None
    if sheet is not None and sheet not in names:
        raise InputError(p, f"no sheet named '{sheet}' (sheets: {', '.join(names)})")
    candidates, sheets = [], {}
    for name in ([sheet] if sheet else names):
        sheets[name] = wb.get_sheet_by_name(name)
        head = [[_cell_text(v) for v in r] for r in sheets[name].to_python(skip_empty_area=False,
                                                                           nrows=HEADER_SCAN_ROWS)]
        found = next((i for i, r in enumerate(head) if is_header(r)), None)
        if found is not None:
            candidates.append((_commune_score(head[found + 1:]), name, found))
    if not candidates:
        raise InputError(p, f"no sheet holds a table of figures per commune (sheets: {', '.join(names)}); "
                            "expected an INSEE code column such as 'Code commune' and quarter columns")
    candidates.sort(key=lambda c: -c[0])
    _, chosen, found = candidates[0]
    rows = sheets[chosen].to_python(skip_empty_area=False)[found:]
    return _sheet_table(p, chosen, found, rows, names)


def _commune_score(rows: list[list[str]]) -> int:
    """How many of the first rows hold a 5-character INSEE-like code (a per-commune sheet beats a per-département one)."""
    import re

    pat = re.compile(r"^(\d{5}|\d[AB]\d{3}|\d{4})$")
    return sum(1 for r in rows for c in r[:3] if pat.match(c))


def _sheet_table(p: Path, sheet: str, found: int, rows: list, names: list[str]) -> RawTable:
    header = [_cell_text(v) for v in rows[0]]
    width = len(header)
    while width and header[width - 1] == "":
        width -= 1
    header = unique_names([h or f"column_{j + 1}" for j, h in enumerate(header[:width])])
    body = rows[1:]
    grid = np.empty((len(body), width), dtype=object)
    grid[:] = ""
    for i, r in enumerate(body):
        n = min(len(r), width)
        grid[i, :n] = r[:n]
    columns = [grid[:, j] for j in range(width)]  # numbers stay float, text as written ('' when empty)
    t = RawTable(p, header, columns, header_line=found + 1, sheet=sheet)
    if len(names) > 1:
        t.notes.append(f"sheet '{sheet}' read (of {', '.join(names)})")
    if found:
        t.notes.append(f"{found} title row(s) above the header (row {found + 1}) left out")
    return _drop_blank_rows(t)


# --- vector attribute tables ----------------------------------------------------------------------------------


def _read_vector_table(p: Path) -> RawTable:
    import pyogrio

    source = f"/vsizip/{p}" if p.suffix.lower() == ".zip" else str(p)
    try:
        layers = pyogrio.list_layers(source)
        if len(layers) == 0:
            raise InputError(p, "no table in this file")
        layer = str(layers[0][0])
        meta, _, _, values = pyogrio.raw.read(source, layer=layer, read_geometry=False)
    except InputError:
        raise
    except Exception as exc:
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(p, f"not a readable table ({msg.replace(source, '').strip(' :')})") from None
    names = [str(n) for n in meta["fields"]]
    columns = [np.array([_cell_text(v) for v in np.asarray(col).tolist()], dtype=object) for col in values]
    t = RawTable(p, names, columns, header_line=1)
    if len(layers) > 1:
        t.notes.append(f"layer '{layer}' read (of {', '.join(str(n) for n, _ in layers)})")
    return t
