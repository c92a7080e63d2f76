"""Role loaders: a layer read as the commune layer (INSEE code, name, units) or as the premise layer (units per
point, INSEE code field), with the detections and the one unit-count rule (planner.io.layers.detect)."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from planner.io.arrow_text import release_arrow_memory, text_column

from planner.core.errors import InputError
from planner.core.project.model import Layer
from planner.io.layers.vector import read_layer

def _field_or_error(p: Path, layer: Layer, name: str, what: str) -> str:
    if name not in layer.fields:
        raise InputError(p, f"no field '{name}' for the {what} (fields: {', '.join(layer.field_names())})")
    return name


def _units_spec(p: Path, layer: Layer, units_field: str | None):
    """The units spec from an explicit field ('a' or 'a+b') or detected; None = 1 unit per feature."""
    from planner.io.layers.detect import UnitsSpec, detect_units_field

    if units_field is None:
        return detect_units_field(layer.field_names())
    parts = tuple(s.strip() for s in str(units_field).split("+") if s.strip())
    for f in parts:
        _field_or_error(p, layer, f, "units")
    return UnitsSpec(parts)


def _apply_units(layer: Layer, spec, default: float) -> str | None:
    """Make the units field numeric with the one unit-count rule (planner.io.layers.detect.unit_counts): a sum is
    materialised as a computed 'units' field; the count of replaced values goes to the layer's warnings."""
    from planner.io.layers.detect import unit_counts, unit_rule_note

    if spec is None:
        return None
    raw = spec.evaluate(layer.fields) if len(spec.fields) > 1 else layer.fields[spec.fields[0]]
    units, empty, bad = unit_counts(raw, default)
    note = unit_rule_note(spec.label, empty, bad, default)
    if note:
        layer.warnings.append(note)
    name = "units" if len(spec.fields) > 1 else spec.fields[0]
    layer.fields[name] = units
    return name


def _sample(layer: Layer, n: int = 2000) -> dict:
    return {k: v[:n] for k, v in layer.fields.items()}


def _normalise_codes(values: np.ndarray) -> np.ndarray:
    """INSEE codes as 5-character text ('1001' or 1001 -> '01001')."""
    if values.dtype.kind in "iuf":
        v = np.nan_to_num(values.astype(float), nan=-1).astype(np.int64)
        out = np.char.zfill(v.astype(str), 5).astype(object)
        out[v < 0] = ""
        return out
    if np.asarray(values).dtype.kind == "U":  # fixed-width text (text_column): numpy's string kernels
        return _normalise_fixed_codes(np.asarray(values))
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        arr = pa.array(values, type=pa.string())
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        arr = pa.array(np.asarray(values).astype(str), type=pa.string())
    text = pc.fill_null(pc.utf8_trim_whitespace(arr), "")
    short = pc.and_(pc.equal(pc.utf8_length(text), 4), pc.utf8_is_digit(text))
    if pc.any(short).as_py():
        text = pc.if_else(short, pc.utf8_lpad(text, 5, "0"), text)
    return text_column(text)  # fixed-width text when short and repeated (no Python string per premise)


def _normalise_fixed_codes(values: np.ndarray) -> np.ndarray:
    """_normalise_codes for fixed-width text: trimmed, 4-digit codes padded, without leaving numpy."""
    text = np.strings.strip(values)
    four = np.flatnonzero(np.strings.str_len(text) == 4)
    short = four[np.strings.isdigit(text[four])] if len(four) else four
    if len(short):
        text = text.astype(f"<U{max(5, text.dtype.itemsize // 4)}")
        text[short] = np.strings.zfill(text[short], 5)
    return text


def _warn_bad_codes(lyr: Layer, code_field: str) -> None:
    """Warn about empty or repeated INSEE codes in a commune layer (the first row of a code wins in look-ups)."""
    codes = lyr.fields[code_field].astype(str)
    empty = int((codes == "").sum())
    if empty:
        lyr.warnings.append(f"{empty:,} commune(s) without an INSEE code in '{code_field}'.")
    values, counts = np.unique(codes[codes != ""], return_counts=True)
    repeated = values[counts > 1]
    if len(repeated):
        lyr.warnings.append(f"{len(repeated):,} INSEE code(s) appear more than once in '{code_field}' "
                            f"(e.g. {', '.join(repeated[:3])}).")


def _unique_code_field(lyr: Layer) -> str | None:
    """The best INSEE candidate of a commune layer, preferring one whose codes are all present and distinct
    (a 2018 outline layer may also carry the merged 2026 codes, repeated across the merged communes)."""
    from planner.io.layers.detect import insee_candidates

    found = insee_candidates(lyr.field_names(), _sample(lyr))
    for f in found:
        codes = np.asarray(lyr.fields[f]).astype(str)
        if len(np.unique(codes)) == len(codes) and not np.isin(codes, ("", "None", "nan")).any():
            return f
    return found[0] if found else None


def load_communes(path, layer: str | None = None, code_field: str | None = None, name_field: str | None = None,
                  units_field: str | None = None, progress=None, cancel=None):
    """Read a polygon layer as the commune layer: INSEE code, name and (optional) units field, detected or given."""
    from planner.core.project.model import Communes
    from planner.io.layers.detect import detect_name_field

    p = Path(path)
    lyr = read_layer(p, layer, progress=progress, cancel=cancel)
    if lyr.kind != "polygon":
        raise InputError(p, f"expected polygons (communes), found {lyr.kind}s in layer '{lyr.name}'")
    if code_field is None:
        code_field = _unique_code_field(lyr)
        if code_field is None:
            raise InputError(p, "no INSEE code field found in the commune layer; choose one "
                                f"(fields: {', '.join(lyr.field_names())})")
        lyr.guessed.append(f"INSEE code: field '{code_field}' (detected)")
    _field_or_error(p, lyr, code_field, "INSEE code")
    lyr.fields[code_field] = _normalise_codes(lyr.fields[code_field])
    _warn_bad_codes(lyr, code_field)
    if name_field is None:
        name_field = detect_name_field(lyr.field_names()) or code_field
    _field_or_error(p, lyr, name_field, "commune name")
    from planner.io.layers.detect import COMMUNE_DEFAULT_UNITS

    spec = _units_spec(p, lyr, units_field)
    if units_field is None and spec is not None:
        lyr.guessed.append(f"units: field '{spec.label}' (recognised by name)")
    units = _apply_units(lyr, spec, COMMUNE_DEFAULT_UNITS)
    return Communes(layer=lyr, code_field=code_field, name_field=name_field, units_field=units)


def load_premises(path, layer: str | None = None, units_field: str | None = None, insee_field: str | None = None,
                  x_field: str | None = None, y_field: str | None = None, crs=None, progress=None, cancel=None):
    """Read a point layer as the premise layer: units per point (a field, a sum, or 1) and the INSEE code field.

    What was detected rather than given (units and INSEE fields, coordinate columns, CRS) is listed in
    `premises.layer.guessed`; counts replaced by the unit-count rule are in its warnings."""
    from planner.core.project.model import Premises
    from planner.io.layers.detect import PREMISE_DEFAULT_UNITS, detect_insee_field

    p = Path(path)
    lyr = read_layer(p, layer, x_field=x_field, y_field=y_field, crs=crs, progress=progress, cancel=cancel)
    if lyr.kind != "point":
        raise InputError(p, f"expected points (premises), found {lyr.kind}s in layer '{lyr.name}'")
    spec = _units_spec(p, lyr, units_field)
    if units_field is None:
        lyr.guessed.append(f"units: field '{spec.label}' (recognised by name)" if spec is not None
                           else "units: no units field found, 1 unit per point")
    units = _apply_units(lyr, spec, PREMISE_DEFAULT_UNITS)
    if insee_field is None:
        insee_field = detect_insee_field(lyr.field_names(), _sample(lyr))
        lyr.guessed.append(f"INSEE code: field '{insee_field}' (detected)" if insee_field
                           else "INSEE code: no field found (premises are placed in communes by location)")
    else:
        _field_or_error(p, lyr, insee_field, "INSEE code")
    if insee_field is not None:
        lyr.fields[insee_field] = _normalise_codes(lyr.fields[insee_field])
    release_arrow_memory()
    return Premises(layer=lyr, units_field=units, insee_field=insee_field)
