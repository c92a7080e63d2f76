"""Records (code, month, value) onto the project's communes, vectorised: an `Actuals` table.

Codes are text ('32013', '2A004'; a 4-digit code from a spreadsheet that lost its leading zero gets it back);
a code is a commune's own INSEE code or one of its former codes (`codes_insee_2018`), figures of merged former
communes are summed; codes matching no commune are listed with their figures summed apart. Work is done on the
distinct codes and with numpy index arithmetic, never per value in Python.
"""
from __future__ import annotations

import numpy as np

from planner.core.decisions.actuals import Actuals, code_to_row


def normalise_codes(codes) -> np.ndarray:
    """INSEE codes as text: trimmed, upper case, '1001' / '1001.0' -> '01001'."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(np.asarray(codes, dtype=object).astype(str), type=pa.string())
    text = pc.utf8_upper(pc.utf8_trim_whitespace(arr))
    text = pc.replace_substring_regex(text, r"^(\d+)\.0+$", r"\1")
    short = pc.and_(pc.equal(pc.utf8_length(text), 4), pc.utf8_is_digit(text))
    text = pc.if_else(short, pc.utf8_lpad(text, 5, "0"), text)
    return np.asarray(text.to_numpy(zero_copy_only=False), dtype=object)


def to_actuals(rec, communes, source: str, kind: str | None = None) -> Actuals:
    """An `Actuals` over the project's communes from `rec` (planner.io.actuals.layouts.Records)."""
    uniq_raw, code_idx = np.unique(np.asarray(rec.codes, dtype=object).astype(str), return_inverse=True)
    uniq_codes = normalise_codes(uniq_raw).astype(str)
    mapping = code_to_row(communes)
    rows_of_code = np.array([mapping.get(c, -1) for c in uniq_codes], dtype=np.int64)
    values = np.asarray(rec.values, dtype=np.float64)
    rec_months = np.asarray(rec.months, dtype=np.int64)
    months, month_idx = np.unique(rec_months, return_inverse=True)
    code_of = code_idx
    if values.ndim == 2:  # wide: one row per code, one column per month
        code_of = np.repeat(code_idx, values.shape[1])
        month_idx = np.tile(month_idx, values.shape[0])
        values = values.ravel()
    row = rows_of_code[code_of] if len(uniq_codes) else np.zeros(0, dtype=np.int64)
    has = ~np.isnan(values) & (uniq_codes[code_of] != "" if len(uniq_codes) else np.zeros(0, dtype=bool))
    q = len(months)
    matched = has & (row >= 0)
    flat = row[matched] * q + month_idx[matched]
    size = len(communes) * q
    sums = np.bincount(flat, weights=values[matched], minlength=size)
    counts = np.bincount(flat, minlength=size)
    table = np.where(counts > 0, sums, np.nan).reshape(len(communes), q)
    lost = has & (row < 0)
    unmatched_units = np.bincount(month_idx[lost], weights=values[lost], minlength=q).astype(float)
    lost_codes = sorted(set(uniq_codes[np.unique(code_of[lost])].tolist())) if lost.any() else []
    return Actuals([int(m) for m in months], table, lost_codes, unmatched_units, source,
                   kind=kind or rec.kind, skipped_rows=rec.skipped_rows, empty_cells=rec.empty_cells,
                   notes=list(rec.notes))
