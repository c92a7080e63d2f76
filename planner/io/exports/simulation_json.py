"""`simulate --json` for a whole country: the per-commune series written as text by Arrow, not by Python objects.

`to_json_dict` (planner/core/simulation/coverage.py) is the schema. Its bulk is `communes`: for France 35,357
communes × 120 months of eligible units, 4.2 million integers that `tolist()` and `json.dumps` turn into Python
objects and text one at a time (~2 s). Here the rest of the document goes through `json.dumps` as before, and the
`communes` object is assembled from the arrays with Arrow's compute kernels (integers cast to text, joined per
commune), then spliced in: the same JSON document (tests/test_region_scale.py compares them), a tenth of the time.
"""
from __future__ import annotations

import json
import os

import numpy as np

_MARK = "\x00communes\x00"


def _arrow(values: np.ndarray):
    """An Arrow array over a numpy integer array's buffer (`pa.array` would import numpy.ma, 10 ms, to check for
    masks)."""
    import pyarrow as pa

    values = np.ascontiguousarray(values)
    kind = {np.dtype(np.int64): pa.int64(), np.dtype(np.int32): pa.int32()}[values.dtype]
    return pa.Array.from_buffers(kind, len(values), [None, pa.py_buffer(values)])


#: distinct integers are formatted once each when the largest is at most this many times the count of values
DISTINCT_TABLE_FACTOR = 4


def _int_text(values: np.ndarray):
    """The decimal text of integers as an Arrow string array. France's 4.2 million cumulative counts hold a few
    thousand distinct values: each is formatted once and the texts are taken by index (half the time of casting
    every value); values that are negative or sparse over a wide range are cast one by one."""
    import pyarrow as pa
    import pyarrow.compute as pc

    flat = np.ascontiguousarray(values, dtype=np.int64).reshape(-1)
    if len(flat) == 0 or flat.min() < 0 or flat.max() > max(DISTINCT_TABLE_FACTOR * len(flat), 1 << 16):
        return pc.cast(_arrow(flat), pa.string())
    present = np.zeros(int(flat.max()) + 1, dtype=bool)
    present[flat] = True
    rank = np.cumsum(present, dtype=np.int32) - 1  # value -> its place among the distinct values
    texts = pc.cast(_arrow(np.flatnonzero(present).astype(np.int64)), pa.string())
    return pc.take(texts, _arrow(rank[flat]))


def _joined(matrix: np.ndarray):
    """One 'v1, v2, ...' string per row of an int matrix (Arrow text + list join, no Python int per value)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    rows, cols = matrix.shape
    text = _int_text(matrix)
    offsets = _arrow(np.arange(0, rows * cols + 1, max(cols, 1), dtype=np.int32)[:rows + 1] if cols else
                     np.zeros(rows + 1, dtype=np.int32))
    return pc.binary_join(pa.ListArray.from_arrays(offsets, text), ", ")


def _json_strings(values):
    """JSON string literals of the values (as json.dumps(ensure_ascii=False) writes them), escaped by Arrow."""
    import pyarrow as pa
    import pyarrow.compute as pc

    values = np.asarray(values)  # from a list: pa.array on an ndarray would import numpy.ma (15 ms) to look for masks
    text = pa.array(values.tolist() if values.dtype.kind == "U" else [str(v) for v in values], type=pa.string())
    # a control character needs json.dumps' escapes: look for one in the UTF-8 bytes of all the values at once
    _, offsets, data = text.buffers()
    end = int(np.frombuffer(offsets, dtype=np.int32)[len(text)]) if len(text) else 0
    if end and np.frombuffer(data, dtype=np.uint8, count=end).min() < 0x20:
        return pa.array([json.dumps(str(v), ensure_ascii=False) for v in values])
    text = pc.replace_substring(pc.replace_substring(text, "\\", "\\\\"), '"', '\\"')
    return pc.binary_join_element_wise(pa.scalar('"'), text, pa.scalar('"'), "")


def communes_json_bytes(result, project) -> bytes:
    """The `communes` value of to_json_dict as UTF-8 JSON: {"code": {"name": ..., "units": ..., "eligible": [...]}},
    assembled by Arrow into one buffer (no Python string per commune)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if project.communes is None or len(project.communes) == 0:
        return b"{}"
    codes = _json_strings(project.communes.codes)
    names = _json_strings(project.communes.names)
    units = _int_text(np.asarray(result.commune_units, dtype=np.int64))
    eligible = _joined(np.asarray(result.commune_eligible))
    parts = [codes, pa.scalar(': {"name": '), names, pa.scalar(', "units": '), units,
             pa.scalar(', "eligible": ['), eligible, pa.scalar("]}")]
    entries = pc.binary_join_element_wise(*parts, "")
    whole = pc.binary_join(pa.ListArray.from_arrays(pa.array([0, len(entries)], type=pa.int32()), entries), ", ")
    return b"{" + whole[0].as_buffer().to_pybytes() + b"}"


def communes_json(result, project) -> str:
    """`communes_json_bytes` as text."""
    return communes_json_bytes(result, project).decode("utf-8")


def simulation_json_bytes(data: dict, result, project) -> bytes:
    """UTF-8 JSON of `data` (to_json_dict(result, project, communes=False) plus anything added) with the
    communes of `result` in their place."""
    head = dict(data)
    head["communes"] = _MARK
    text = json.dumps(head, ensure_ascii=False)
    mark = json.dumps(_MARK, ensure_ascii=False)
    at = text.index(mark)
    return b"".join([text[:at].encode("utf-8"), communes_json_bytes(result, project),
                     text[at + len(mark):].encode("utf-8")])


def simulation_json_text(data: dict, result, project) -> str:
    """`simulation_json_bytes` as text."""
    return simulation_json_bytes(data, result, project).decode("utf-8")


def write_simulation_json(path: str | os.PathLike, data: dict, result, project):
    """Write it through planner/io/writer.py; checked by its ends (a 15 MB document is not parsed back)."""
    from planner.io.write_checks import check_json_ends
    from planner.io.writer import write_bytes

    return write_bytes(path, simulation_json_bytes(data, result, project), check=check_json_ends)
