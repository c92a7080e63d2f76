"""CSV point files: sniff delimiter, encoding and header line, find the coordinate columns, read columnar with Arrow."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np

from planner.core.errors import Cancelled, InputError
from planner.core.project.model import L93, Layer
from planner.core.progress import check_cancel, no_progress
from planner.io.layers import reproject
from planner.io.layers.detect import detect_xy_fields
from planner.core.project.names import unique_names

_SAMPLE_BYTES = 256 * 1024
_NUM_RE = re.compile(r"^\s*[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?\s*$")
# BANO address files (OpenStreetMap France) are published without a header line.
_BANO_COLUMNS = ["id", "numero", "voie", "code_post", "nom_comm", "source", "lat", "lon"]
_BANO_ID_RE = re.compile(r"^(\d[\dAB]\d{3})\w*-\w*$")
# (kind, x range, y range) of coordinate pairs recognised from values alone: France first, then the world.
_RANGES = [
    ("lonlat", (-5.5, 10.0), (41.0, 51.5)),
    ("xy", (0.0, 1_300_000.0), (6_000_000.0, 7_200_000.0)),
    ("lonlat", (-180.0, 180.0), (-90.0, 90.0)),
]


def _decode_sample(raw: bytes) -> tuple[str, str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="ignore"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start > len(raw) - 4:  # a multi-byte character cut by the sample's end
            return raw[: exc.start].decode("utf-8"), "utf-8"
        return raw.decode("cp1252", errors="replace"), "cp1252"


def _sniff_delimiter(lines: list[str]) -> str:
    best, best_score = ",", -1.0
    for d in (";", ",", "\t", "|"):
        counts = [len(r) for r in csv.reader(lines, delimiter=d)]
        if not counts or max(counts) < 2:
            continue
        common = max(set(counts), key=counts.count)
        score = counts.count(common) / len(counts) * 1000 + common
        if score > best_score:
            best, best_score = d, score
    return best


def _is_num(text: str) -> bool:
    return bool(_NUM_RE.match(text))


_CODE_RE = re.compile(r"^\s*(\d{1,5}|0\d+|\d[AB]\d{3})\s*$")
_INT_RE = re.compile(r"^\s*\d+\s*$")


def _is_code_column(vals: list[str]) -> bool:
    """Plainly a code, never a coordinate: integers written with a constant number of digits (at most 5, or with
    leading zeros: INSEE and postal codes, identifiers) or INSEE-like values ('2A004')."""
    if not vals:
        return False
    if sum(bool(_CODE_RE.match(v)) for v in vals) >= 0.9 * len(vals):
        lengths = {len(v.strip()) for v in vals if _INT_RE.match(v)}
        return len(lengths) <= 1 or all(bool(re.match(r"^\s*\d[\dAB]\d{3}\s*$", v)) for v in vals)
    return False


def _numeric_columns(rows: list[list[str]], ncol: int) -> dict[int, np.ndarray]:
    """Column index -> float values of the sample rows, for columns that are (almost) all numbers and not codes."""
    out = {}
    for j in range(ncol):
        vals = [r[j] for r in rows if j < len(r) and r[j].strip() != ""]
        if not vals or _is_code_column(vals):
            continue
        nums = [float(v.replace(",", ".")) for v in vals if _is_num(v)]
        if len(nums) >= 0.95 * len(vals):
            out[j] = np.array(nums)
    return out


def _columns_with_numbers(rows: list[list[str]], ncol: int) -> int:
    """How many columns hold numbers in at least half of their filled sample cells (coordinates could be there);
    a text file of sentences has none."""
    count = 0
    for j in range(ncol):
        vals = [r[j] for r in rows if j < len(r) and r[j].strip() != ""]
        if vals and sum(_is_num(v) for v in vals) >= 0.5 * len(vals):
            count += 1
    return count


def _has_header(rows: list[list[str]], ncol: int) -> bool:
    """A header line: its cells are not numbers where the rows below are, or all its cells are names."""
    if len(rows) < 2:
        return not all(_is_num(c) for c in rows[0] if c.strip()) if rows else False
    first, rest = rows[0], rows[1:]
    numeric_below = _numeric_columns(rest, ncol)
    if any(j < len(first) and not _is_num(first[j]) and first[j].strip() for j in numeric_below):
        return True
    if not numeric_below and all(c.strip() and not _is_num(c) for c in first) and len(set(first)) == len(first):
        return True  # text everywhere: take the first line as names (the file is refused for lack of coordinates)
    return detect_xy_fields(first) is not None


def _pair_by_values(numeric: dict[int, np.ndarray]) -> tuple[int, int, str] | None:
    cols = list(numeric)
    for kind, (x0, x1), (y0, y1) in _RANGES:
        # degrees have decimals (an integer column in range is more likely an id or a count); metres need not
        def fits(v, lo, hi):
            return v.min() >= lo and v.max() <= hi and (kind == "xy" or np.any(v != np.round(v)))

        for i in cols:
            if not fits(numeric[i], x0, x1):
                continue
            for j in cols:
                if j != i and len(numeric[j]) == len(numeric[i]) and fits(numeric[j], y0, y1):
                    return i, j, kind
    return None


def sniff_csv(path) -> dict:
    """Delimiter, encoding, header flag, column names and the detected coordinate columns of a CSV file."""
    p = Path(path)
    with open(p, "rb") as fh:
        raw = fh.read(_SAMPLE_BYTES)
    text, encoding = _decode_sample(raw)
    lines = text.splitlines()
    if len(raw) == _SAMPLE_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut
    lines = [ln for ln in lines if ln.strip()][:500]
    if not lines:
        raise InputError(p, "the CSV file holds no data lines")
    delimiter = _sniff_delimiter(lines)
    rows = list(csv.reader(lines, delimiter=delimiter))
    ncol = max(len(r) for r in rows)
    header = _has_header(rows, ncol)
    if header:
        names = [c.strip() or f"field_{j + 1}" for j, c in enumerate(rows[0])]
        names += [f"field_{j + 1}" for j in range(len(names), ncol)]
        data = rows[1:]
    else:
        data = rows
        if ncol == len(_BANO_COLUMNS) and all(_BANO_ID_RE.match(r[0]) for r in data[:50] if r):
            names = list(_BANO_COLUMNS)
        else:
            names = [f"field_{j + 1}" for j in range(ncol)]
    names = unique_names(names)
    xy = detect_xy_fields(names) if header else None
    xy_by = "name" if xy is not None else None
    if xy is None and data:
        pair = _pair_by_values(_numeric_columns(data, ncol))
        if pair is not None:
            i, j, kind = pair
            if not header and names[i].startswith("field_"):
                names[i], names[j] = ("lon", "lat") if kind == "lonlat" else ("x", "y")
                names = unique_names(names)
            xy, xy_by = (names[i], names[j], kind), "values"
    return {"delimiter": delimiter, "encoding": encoding, "header": header, "names": names, "xy": xy,
            "xy_by": xy_by, "sample_rows": len(data),
            "columns_with_numbers": _columns_with_numbers(data, ncol)}


def read_csv_points(path, x_field: str | None = None, y_field: str | None = None, crs=None,
                    progress=None, cancel=None) -> Layer:
    """A point `Layer` (EPSG:2154) from a CSV with coordinate columns (named, or detected by name or value range).

    An IPE file's `TypeProjectionGeographique` gives each row's CRS (planner.io.layers.ipe) unless `crs` is
    given. What was guessed (coordinate columns, CRS) is listed in `layer.guessed`."""
    progress = progress or no_progress
    p = Path(path)
    info = sniff_csv(p)
    x_field, y_field, kind, guessed = _coordinate_columns(p, info, x_field, y_field, crs)
    progress(0.05, f"Reading {p.name}")
    table, invalid_rows = _read_table(p, info, progress, cancel)
    progress(0.75, f"Converting {p.name}")
    x, y = _to_float(table.column(x_field)), _to_float(table.column(y_field))
    ok = np.isfinite(x) & np.isfinite(y)
    if not ok.any():
        raise InputError(p, f"columns '{x_field}'/'{y_field}' hold no numeric coordinates")
    fields = {n: _typed_column(table.column(n)) for n in info["names"] if n not in (x_field, y_field)}
    if info["names"] == list(_BANO_COLUMNS):
        import pyarrow.compute as pc

        fields["code_insee"] = pc.utf8_slice_codeunits(table.column("id"), 0, 5).to_numpy(zero_copy_only=False)
    skipped = int((~ok).sum()) + invalid_rows
    if not ok.all():
        x, y = x[ok], y[ok]
        fields = {k: v[ok] for k, v in fields.items()}
    progress(0.85, f"Reprojecting {p.name}")
    lx, ly, source_crs, warnings, crs_guess = _place(p, x, y, fields, x_field, y_field, kind, crs)
    guessed += crs_guess
    finite = np.isfinite(lx) & np.isfinite(ly)
    if not finite.all():
        if not finite.any():
            raise InputError(p, f"columns '{x_field}'/'{y_field}' cannot be placed in {source_crs}: "
                                "check the coordinate columns and the CRS")
        lx, ly = lx[finite], ly[finite]
        fields = {k: v[finite] for k, v in fields.items()}
        skipped += int((~finite).sum())
    if skipped:
        warnings.append(f"{skipped:,} row(s) without usable coordinates skipped in {p.name}.")
    layer = Layer(name=p.stem, kind="point", fields=fields, x=np.ascontiguousarray(lx), y=np.ascontiguousarray(ly),
                  source=str(p), source_crs=source_crs, warnings=warnings, guessed=guessed)
    progress(1.0, f"Read {len(layer):,} points from {p.name}")
    return layer


def _coordinate_columns(p: Path, info: dict, x_field, y_field, crs) -> tuple[str, str, str, list[str]]:
    """(x field, y field, 'lonlat'/'xy', what was guessed) from the caller's choice or the detection."""
    names = info["names"]
    if (x_field is None) != (y_field is None):
        raise InputError(p, "give both the x (longitude) and y (latitude) columns, or neither")
    if x_field is not None:
        missing = [f for f in (x_field, y_field) if f not in names]
        if missing:
            raise InputError(p, f"no column {', '.join(repr(m) for m in missing)} (columns: {', '.join(names)})")
        return x_field, y_field, ("lonlat" if crs is None and _looks_degrees(x_field, y_field) else "xy"), []
    if info["xy"] is None:
        raise InputError(p, "no coordinate columns found (expected lon/lat or x/y columns with numbers; a column "
                            f"of codes is never taken for one); columns: {', '.join(names)}")
    x_field, y_field, kind = info["xy"]
    how = "recognised by name" if info.get("xy_by") == "name" else "guessed from their values"
    return x_field, y_field, kind, [f"coordinates: columns '{x_field}' / '{y_field}' ({how})"]


def _read_table(p: Path, info: dict, progress, cancel):
    """The whole CSV as an Arrow table of text columns, and the number of malformed rows skipped."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    names = info["names"]
    read_opts = pacsv.ReadOptions(column_names=names, skip_rows=1 if info["header"] else 0,
                                  encoding="utf8" if info["encoding"].startswith("utf-8") else info["encoding"],
                                  block_size=4 << 20)
    parse_opts = pacsv.ParseOptions(delimiter=info["delimiter"], newlines_in_values=False,
                                    invalid_row_handler=_SkippedRows())
    conv = pacsv.ConvertOptions(column_types={n: pa.string() for n in names}, strings_can_be_null=False)
    size = max(1, p.stat().st_size)
    batches = []
    try:
        reader = pacsv.open_csv(p, read_options=read_opts, parse_options=parse_opts, convert_options=conv)
        read_bytes = 0
        for batch in reader:
            batches.append(batch)
            read_bytes += batch.nbytes
            check_cancel(cancel)
            progress(min(0.7, 0.05 + 0.65 * read_bytes / size), f"Reading {p.name}: {sum(map(len, batches)):,} rows")
        table = pa.Table.from_batches(batches, schema=reader.schema)
    except Cancelled:
        raise
    except (pa.ArrowInvalid, UnicodeDecodeError, OSError) as exc:
        raise InputError(p, f"not a readable CSV: {str(exc).splitlines()[0]}") from None
    if table.num_rows == 0:
        raise InputError(p, "the CSV file holds no data rows")
    return table, parse_opts.invalid_row_handler.count


def _place(p: Path, x, y, fields, x_field, y_field, kind, crs):
    """(x, y in EPSG:2154, source CRS label, warnings, what was guessed about the CRS)."""
    from planner.io.layers import ipe

    proj = next((f for f in fields if f.replace("_", "").lower() == ipe.PROJECTION_COLUMN.lower()), None)
    if crs is not None:
        try:
            source_crs = reproject.crs_label(reproject.parse_crs(crs, f" for {p.name}"))
        except ValueError as exc:
            raise InputError(p, str(exc)) from None
        lx, ly = reproject.points_to_l93(x, y, source_crs)
        return lx, ly, source_crs, [], []
    if proj is not None:
        lx, ly, notes = ipe.points_from_projections(x, y, fields[proj], p)
        crs_used = sorted({n.rsplit(" as ", 1)[-1] for n in notes})
        return lx, ly, crs_used[0] if len(crs_used) == 1 else L93, [], [f"CRS: {n}" for n in notes]
    if kind == "lonlat" and _in_degrees(x, y):
        lx, ly = reproject.points_to_l93(x, y, "EPSG:4326")
        return lx, ly, "EPSG:4326", [], ["CRS: EPSG:4326 (longitude/latitude columns in degrees)"]
    guess = reproject.guess_crs((x.min(), y.min(), x.max(), y.max()))
    if guess is None:
        raise InputError(p, f"columns '{x_field}'/'{y_field}': coordinates match no known French CRS; "
                            "give the CRS explicitly")
    warning = (f"No CRS in {p.name}: guessed {guess[0]} ({guess[1]}) from the coordinate range of "
               f"'{x_field}'/'{y_field}' — check that the points sit where expected.")
    lx, ly = reproject.points_to_l93(x, y, guess[0])
    return lx, ly, guess[0], [warning], [f"CRS: {guess[0]} ({guess[1]}) guessed from the coordinate range"]


def _in_degrees(x: np.ndarray, y: np.ndarray) -> bool:
    return bool(np.all(np.abs(x) <= 180.0) and np.all(np.abs(y) <= 90.0))


def _looks_degrees(x_field: str, y_field: str) -> bool:
    return detect_xy_fields([x_field, y_field]) == (x_field, y_field, "lonlat")


class _SkippedRows:
    """pyarrow invalid-row handler: skip rows with the wrong number of columns, and count them."""

    def __init__(self):
        self.count = 0

    def __call__(self, row):
        self.count += 1
        return "skip"


def _to_float(col) -> np.ndarray:
    """A string column to float64 (empty -> NaN; a decimal comma is accepted), through Arrow's cast."""
    import pyarrow as pa
    import pyarrow.compute as pc

    col = pc.utf8_trim_whitespace(col)
    col = pc.if_else(pc.equal(col, ""), pa.scalar(None, pa.string()), col)
    try:
        return pc.cast(col, pa.float64()).to_numpy(zero_copy_only=False).astype(np.float64)
    except pa.ArrowInvalid:
        col = pc.replace_substring(col, ",", ".")
        ok = pc.match_substring_regex(col, r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")
        col = pc.if_else(ok, col, pa.scalar(None, pa.string()))
        return pc.cast(col, pa.float64()).to_numpy(zero_copy_only=False).astype(np.float64)


def _typed_column(col) -> np.ndarray:
    """A string column as numbers when every value is a plain number without a leading zero, else as text."""
    import pyarrow as pa
    import pyarrow.compute as pc

    nonempty = pc.not_equal(col, "")
    if pc.all(pc.match_substring_regex(col, r"^(\d{5}|2[AB]\d{3})$")).as_py():
        return col.to_numpy(zero_copy_only=False)  # INSEE / postal codes stay text
    if pc.all(pc.match_substring_regex(col, r"^(-?[1-9]\d{0,17}|0)$")).as_py():
        return pc.cast(col, pa.int64()).to_numpy(zero_copy_only=False)
    if pc.any(nonempty).as_py() and pc.all(pc.or_(pc.invert(nonempty), pc.match_substring_regex(
            col, r"^-?(0|[1-9]\d*)\.\d+([eE][-+]?\d+)?$"))).as_py():
        return _to_float(col)
    return col.to_numpy(zero_copy_only=False)
