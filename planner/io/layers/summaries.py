"""Describe the layers of a file without loading them (what `info` and the new-project wizard show)."""
from __future__ import annotations

import numpy as np

from planner.core.project.model import Layer
from planner.io.layers import reproject
from planner.io.layers.files import CSV_SUFFIXES, _check_file, _open_error, _spatial_layers
from planner.io.layers.roles import _sample

def layer_summaries(path, sample_size: int = 500) -> list[dict]:
    """Per spatial layer: name, geometry_type, count, crs (as in the file, or None), crs_guess (when it has none),
    bounds (in the file's CRS), fields [(name, type)], the detected insee_field / units_field (a label such as
    'ad_nblhab + ad_nblpro') and notes (reader warnings, for CSV files that are read whole)."""
    import pyogrio

    from planner.io.layers.detect import detect_insee_field, detect_units_field

    p = _check_file(path)
    out = []
    if p.suffix.lower() in CSV_SUFFIXES:
        from planner.io.layers.csv_points import read_csv_points

        lyr = read_csv_points(p)
        fields = [(n, str(v.dtype) if v.dtype.kind != "O" else "text") for n, v in lyr.fields.items()]
        units = detect_units_field(lyr.field_names())
        return [{"name": lyr.name, "geometry_type": "Point", "count": len(lyr), "crs": lyr.source_crs,
                 "bounds": _bounds_in(lyr, lyr.source_crs),
                 "crs_guess": None, "notes": list(lyr.warnings), "guessed": list(lyr.guessed),
                 "fields": fields, "insee_field": detect_insee_field(lyr.field_names(), _sample(lyr)),
                 "units_field": units.label if units else None}]
    for name, gtype in _spatial_layers(p):
        try:
            info = pyogrio.read_info(p, layer=name, force_feature_count=True, force_total_bounds=True)
            meta, _, _, values = pyogrio.raw.read(p, layer=name, max_features=sample_size, read_geometry=False)
        except Exception as exc:
            raise _open_error(p, exc) from None
        names = [str(f) for f in info["fields"]]
        sample = {n: v for n, v in zip(names, values)}
        bounds = info.get("total_bounds")
        bounds = tuple(float(b) for b in bounds) if bounds is not None and np.all(np.isfinite(bounds)) else None
        guess = reproject.guess_crs(bounds) if info.get("crs") is None and bounds is not None else None
        units = detect_units_field(names)
        out.append({
            "name": name, "geometry_type": gtype, "count": int(info["features"]), "crs": info.get("crs"),
            "bounds": bounds, "crs_guess": guess[0] if guess else None, "notes": [], "guessed": [],
            "fields": [(n, str(t).replace("object", "text")) for n, t in zip(names, info["dtypes"])],
            "insee_field": detect_insee_field(names, sample),
            "units_field": units.label if units else None,
        })
    return out


def _bounds_in(layer: Layer, crs: str) -> tuple[float, float, float, float]:
    """Bounds of a point layer in `crs` (its points transformed back from EPSG:2154, vectorised)."""
    if crs == "EPSG:2154":
        return layer.bounds
    from pyproj import Transformer

    tr = Transformer.from_crs("EPSG:2154", crs, always_xy=True)
    x, y = tr.transform(layer.x, layer.y)
    return (float(np.min(x)), float(np.min(y)), float(np.max(x)), float(np.max(y)))

