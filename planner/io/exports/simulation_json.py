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


def _joined(matrix: np.ndarray):
    """One 'v1, v2, ...' string per row of an int matrix (Arrow cast + list join, no Python int per value)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    rows, cols = matrix.shape
    text = pc.cast(pa.array(np.ascontiguousarray(matrix, dtype=np.int64).reshape(-1)), pa.string())
    offsets = pa.array(np.arange(0, rows * cols + 1, max(cols, 1), dtype=np.int32)[:rows + 1] if cols else
                       np.zeros(rows + 1, dtype=np.int32))
    return pc.binary_join(pa.ListArray.from_arrays(offsets, text), ", ")


def _json_strings(values):
    """JSON string literals of the values (as json.dumps(ensure_ascii=False) writes them), escaped by Arrow."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pa.array([str(v) for v in values], type=pa.string())
    if len(text) and pc.any(pc.match_substring_regex(text, "[\\x00-\\x1f]")).as_py():
        return pa.array([json.dumps(str(v), ensure_ascii=False) for v in values])
    text = pc.replace_substring(pc.replace_substring(text, "\\", "\\\\"), '"', '\\"')
    return pc.binary_join_element_wise(pa.scalar('"'), text, pa.scalar('"'), "")


def communes_json(result, project) -> str:
    """The `communes` value of to_json_dict as JSON text: {"code": {"name": ..., "units": ..., "eligible": [...]}}."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if project.communes is None or len(project.communes) == 0:
        return "{}"
    codes = _json_strings(project.communes.codes)
    names = _json_strings(project.communes.names)
    units = pc.cast(pa.array(np.asarray(result.commune_units, dtype=np.int64)), pa.string())
    eligible = _joined(np.asarray(result.commune_eligible))
    parts = [codes, pa.scalar(': {"name": '), names, pa.scalar(', "units": '), units,
             pa.scalar(', "eligible": ['), eligible, pa.scalar("]}")]
    entries = pc.binary_join_element_wise(*parts, "")
    return "{" + ", ".join(entries.to_pylist()) + "}"


def simulation_json_text(data: dict, result, project) -> str:
    """JSON text of `data` (to_json_dict(result, project, communes=False) plus anything added) with the
    communes of `result` in their place."""
    head = dict(data)
    head["communes"] = _MARK
    text = json.dumps(head, ensure_ascii=False)
    mark = json.dumps(_MARK, ensure_ascii=False)
    at = text.index(mark)
    return text[:at] + communes_json(result, project) + text[at + len(mark):]


def write_simulation_json(path: str | os.PathLike, data: dict, result, project):
    """Write it through planner/io/writer.py; checked by its ends (a 15 MB document is not parsed back)."""
    from planner.io.write_checks import check_json_ends
    from planner.io.writer import write_bytes

    return write_bytes(path, simulation_json_text(data, result, project).encode("utf-8"), check=check_json_ends)
