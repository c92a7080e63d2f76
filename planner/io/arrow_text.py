"""Text columns from Arrow as compact numpy arrays: no Python string object per row.

A premise layer's INSEE code column holds 5 million values but a few thousand distinct ones. Arrow's `to_numpy`
makes one Python `str` per row (~60 bytes each, 300 MB for 5 million, and a second to build). `text_column`
dictionary-encodes the column in C and expands the distinct values into a fixed-width numpy unicode array
(`<U5`: 20 bytes a row) when the values are short and repeated and none is missing; other columns keep the
object array (None for missing values). numpy's `str_` values are `str`: comparisons, JSON and Arrow accept them.
The other way: `to_arrow`, `writable_column`, `attribute_table` and `with_geometry` make the Arrow columns and
tables the writers take (planner/io/project/point_writing.py, gpkg_append.py).
"""
from __future__ import annotations

import numpy as np

#: fixed width up to this many characters, and only when distinct values are at most this share of the rows
MAX_WIDTH = 16
MAX_DISTINCT_SHARE = 0.25
MIN_ROWS = 10_000


def text_column(col) -> np.ndarray:
    """A numpy array of an Arrow string column (ChunkedArray or Array): fixed-width unicode when it pays."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(col)
    kind = col.type
    if n < MIN_ROWS or col.null_count or not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
        return col.to_numpy(zero_copy_only=False) if n else np.array([], dtype=object)
    head = col.slice(0, 2000)
    if len(pc.unique(head)) > MAX_DISTINCT_SHARE * len(head):  # names, identifiers: mostly distinct
        return col.to_numpy(zero_copy_only=False)
    encoded = pc.dictionary_encode(col)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.unify_dictionaries().combine_chunks()
    dictionary = encoded.dictionary
    width = pc.max(pc.utf8_length(dictionary)).as_py() or 1
    if width > MAX_WIDTH or len(dictionary) > MAX_DISTINCT_SHARE * n:
        return col.to_numpy(zero_copy_only=False)
    values = np.asarray(dictionary.to_pylist(), dtype=f"<U{width}")
    return values[encoded.indices.to_numpy(zero_copy_only=False)]


def release_arrow_memory() -> None:
    """Give back to the system what Arrow's allocator keeps after a large read (the tables are gone by then;
    mimalloc/jemalloc would otherwise hold their pages: ~150 MB after reading 5 million premises)."""
    try:
        import pyarrow as pa

        pa.default_memory_pool().release_unused()
    except Exception:  # noqa: BLE001 - an allocator without it: nothing to give back
        pass


def all_text(values: np.ndarray) -> bool:
    """True when an object column holds only str/None (checked by Arrow in C, no Python call per value)."""
    import pyarrow as pa

    try:
        pa.array(values, type=pa.string(), from_pandas=False)
        return True
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return False


def to_arrow(values: np.ndarray):
    """An Arrow array of a column to write; fixed-width numpy text goes over without a Python string per row
    (ASCII: numpy's byte encoding, then Arrow's fixed-size binary viewed as text, padding trimmed)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    values = np.asarray(values)
    if values.dtype.kind != "U" or len(values) < MIN_ROWS:
        return pa.array(values.astype(object) if values.dtype.kind == "U" else values)
    width = max(values.dtype.itemsize // 4, 1)
    codes = np.ascontiguousarray(values).view(np.uint32)  # UTF-32 code points, `width` per row
    if codes.size and int(codes.max()) >= 128:  # non-ASCII text: the general path
        return pa.array(values.astype(object))
    raw = codes.astype(np.uint8)
    fixed = pa.FixedSizeBinaryArray.from_buffers(pa.binary(width), len(values), [None, pa.py_buffer(raw)])
    text = pc.cast(pc.cast(fixed, pa.binary()), pa.string())
    return pc.utf8_rtrim(text, characters="\x00")


def writable_column(values: np.ndarray) -> np.ndarray:
    """A column pyogrio can write: text as object arrays of str/None, everything else as is."""
    values = np.asarray(values)
    if values.dtype.kind == "U":
        return values.astype(object)
    if values.dtype.kind == "O":
        if all_text(values):
            return values
        bad = ~np.frompyfunc(lambda v: v is None or isinstance(v, str), 1, 1)(values).astype(bool)
        if bad.any():
            values = values.copy()
            values[bad] = np.frompyfunc(str, 1, 1)(values[bad])
        return values
    return values


def attribute_table(fields: dict[str, np.ndarray]):
    """An Arrow table of a layer's attribute columns (no per-point Python objects for text of a fixed width)."""
    import pyarrow as pa

    columns = {}
    for n, v in fields.items():
        arr = to_arrow(v) if np.asarray(v).dtype.kind == "U" else pa.array(writable_column(v))
        columns[n] = arr.cast(pa.string()) if pa.types.is_null(arr.type) else arr  # all-empty column: text
    return pa.table(columns)


def with_geometry(attributes, name: str, geometry):
    """The attribute table with the geometry column `name` appended (a table of no attribute has no rows yet)."""
    import pyarrow as pa

    if attributes.num_columns == 0:
        return pa.table({name: geometry})
    return attributes.append_column(name, geometry)
