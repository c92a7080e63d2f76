"""Read one layer of a vector file (GeoPackage, Shapefile, GeoJSON, FlatGeobuf, CSV points) into a Lambert-93
`Layer`.

Bulk reads go through pyogrio's Arrow stream (columnar, in batches so that progress and cancel work); points
become float64 `x`/`y` arrays parsed straight from the WKB buffer, polygons shapely MultiPolygons (repaired
with make_valid). fiona is the per-record path used only to name the exact feature a bulk read choked on.
Every failure is an `InputError` naming the file and what is wrong; nothing is returned half-loaded."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from planner.io.arrow_text import text_column
import shapely

from planner.core.errors import Cancelled, InputError, PlannerError
from planner.core.project.model import Layer
from planner.core.progress import check_cancel, no_progress
from planner.io.layers import reproject
from planner.io.layers.files import (CSV_SUFFIXES, LayerChoiceNeeded, _check_file, _open_error, _shapefile_encoding,
                                     _spatial_layers)
from planner.io.layers.geometry import _decode_geometries, normalise_polygons

def list_layers(path) -> list[tuple[str, str, int]]:
    """(name, geometry type, feature count) of each spatial layer of a file (a CSV is one 'Point' layer)."""
    import pyogrio

    p = _check_file(path)
    if p.suffix.lower() in CSV_SUFFIXES:
        from planner.io.layers.csv_points import read_csv_points

        layer = read_csv_points(p)
        return [(layer.name, "Point", len(layer))]
    out = []
    for name, gtype in _spatial_layers(p):
        try:
            count = int(pyogrio.read_info(p, layer=name, force_feature_count=True)["features"])
        except Exception as exc:
            raise _open_error(p, exc) from None
        out.append((name, gtype, count))
    return out


def read_layer(path, layer: str | None = None, *, x_field: str | None = None, y_field: str | None = None,
               crs=None, progress=None, cancel=None) -> Layer:
    """Read one layer of a file into a `Layer` in EPSG:2154 (`source_crs` records the file's CRS).

    `layer`: the layer name (needed when a GeoPackage holds several spatial layers, else
    `LayerChoiceNeeded`). `x_field`/`y_field`: coordinate columns of a CSV (detected when omitted).
    `crs`: the CRS to assume when the file has none (else guessed from the coordinate range, with a warning).
    """
    progress = progress or no_progress
    p = _check_file(path)
    try:
        return _read_layer(p, layer, x_field, y_field, crs, progress, cancel)
    except PlannerError:
        raise
    except MemoryError:
        raise InputError(p, "not enough memory to read this layer") from None
    except Exception as exc:  # anything a corrupt file can make GDAL, Arrow or shapely raise
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        detail = "".join(ch if ch.isprintable() and ch != "\ufffd" else "?" for ch in detail)
        where = f"layer '{layer}': " if layer else ""
        generic = InputError(p, f"{where}corrupt or unreadable data ({type(exc).__name__}: {detail[:200]})")
        if layer and p.suffix.lower() not in CSV_SUFFIXES:
            named = _find_bad_feature(p, layer)
            if named is not None:
                raise named from None
        raise generic from None


def _read_layer(p: Path, layer, x_field, y_field, crs, progress, cancel) -> Layer:
    if p.suffix.lower() in CSV_SUFFIXES:
        from planner.io.layers.csv_points import read_csv_points

        return read_csv_points(p, x_field=x_field, y_field=y_field, crs=crs, progress=progress, cancel=cancel)
    spatial = _spatial_layers(p)
    names = [n for n, _ in spatial]
    if not spatial:
        raise InputError(p, "no spatial layer in this file")
    if layer is None:
        if len(spatial) > 1:
            raise LayerChoiceNeeded(p, names)
        layer = names[0]
    elif layer not in names:
        raise InputError(p, f"no layer named '{layer}' (layers: {', '.join(names)})")
    progress(0.0, f"Reading {p.name}")
    encoding, note = _shapefile_encoding(p) if p.suffix.lower() == ".shp" else (None, None)
    meta, table = _read_arrow(p, layer, progress, cancel, encoding)
    check_cancel(cancel)
    out = _build_layer(p, layer, meta, table, crs, progress, cancel)
    if note:
        out.warnings.insert(0, note)
    return out


def _read_arrow(p: Path, layer: str, progress, cancel, encoding: str | None = None):
    import pyarrow as pa
    import pyogrio

    try:
        total = int(pyogrio.read_info(p, layer=layer)["features"])
    except Exception as exc:
        raise _open_error(p, exc) from None
    batches = []
    done = 0
    try:
        with pyogrio.raw.open_arrow(p, layer=layer, encoding=encoding, use_pyarrow=True,
                                    batch_size=65536) as (meta, reader):
            schema = reader.schema
            for batch in reader:
                batches.append(batch)
                done += batch.num_rows
                check_cancel(cancel)
                if total > 0:
                    progress(0.7 * min(1.0, done / total), f"Reading {p.name}: {done:,} features")
    except Cancelled:
        raise
    except Exception as exc:
        raise _diagnose(p, layer, exc) from None
    return meta, pa.Table.from_batches(batches, schema=schema)


def _diagnose(p: Path, layer: str, exc: Exception) -> InputError:
    """The error for a failed bulk read: naming the bad feature when fiona's record-by-record walk finds it."""
    return _find_bad_feature(p, layer) or _open_error(p, exc)


def _find_bad_feature(p: Path, layer: str) -> InputError | None:
    """Walk the layer record by record with fiona (the slow, per-feature path) to name the first unreadable one."""
    try:
        import fiona

        with fiona.open(p, layer=layer) as src:
            it = iter(src)
            i = 0
            while True:
                i += 1
                try:
                    next(it)
                except StopIteration:
                    return None
                except Exception as rec_exc:
                    return InputError(p, f"layer '{layer}', feature #{i}: cannot be read ({_clean(rec_exc)})")
    except Exception:
        return None


def _clean(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return "".join(ch if ch.isprintable() and ch != "\ufffd" else "?" for ch in text)[:200]


def _geometry_column(meta, table) -> str:
    name = meta.get("geometry_name") or "wkb_geometry"
    if name in table.column_names:
        return name
    for f in table.schema:
        if f.metadata and b"ARROW:extension:name" in f.metadata:
            return f.name
    return table.column_names[-1]


def _columns_to_numpy(p: Path, layer: str, table, names: list[str]) -> dict[str, np.ndarray]:
    """Arrow columns -> numpy arrays (text as object arrays); text that is not valid UTF-8 names its feature."""
    out = {}
    for n in names:
        col = table.column(n)
        try:
            arr = text_column(col) if col.num_chunks else np.array([], dtype=object)
        except Exception:
            _raise_bad_text(p, layer, n, col)
            raise
        out[n] = arr
    return out


def _raise_bad_text(p: Path, layer: str, name: str, col) -> None:
    """Find the first value of a text column that is not valid UTF-8 (error path only) and raise naming it."""
    import pyarrow as pa

    if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
        return
    values = col.cast(pa.large_binary() if pa.types.is_large_string(col.type) else pa.binary()).to_pylist()
    for i, v in enumerate(values):
        if v is None:
            continue
        try:
            v.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(p, f"layer '{layer}', feature #{i + 1}: field '{name}' holds text that is not "
                                "valid in the file's encoding (corrupt file, or wrong .cpg encoding?)") from None


def _build_layer(p: Path, name: str, meta, table, crs, progress, cancel) -> Layer:
    geom_name = _geometry_column(meta, table)
    field_names = [n for n in table.column_names if n != geom_name]
    wkb = table.column(geom_name).combine_chunks()
    n = len(wkb)
    if n == 0:
        raise InputError(p, f"layer '{name}' has no features")
    source_crs, warnings = _source_crs(p, meta.get("crs"), crs)
    kind, x, y, geoms, keep, skipped, other = _decode_geometries(p, name, wkb, str(meta.get("geometry_type") or ""))
    if other:
        warnings.append(f"{other:,} feature(s) that are not {kind}s skipped in '{name}' (mixed geometry types).")
    check_cancel(cancel)
    fields = _columns_to_numpy(p, name, table, field_names)
    if keep is not None:
        fields = {k: v[keep] for k, v in fields.items()}
    if source_crs is None:
        bounds = (x.min(), y.min(), x.max(), y.max()) if kind == "point" else tuple(shapely.total_bounds(geoms))
        guess = reproject.guess_crs(bounds)
        if guess is None:
            raise InputError(p, f"layer '{name}' has no CRS and its coordinates {tuple(round(b) for b in bounds)} "
                                "match no known French CRS; give the CRS explicitly")
        source_crs = guess[0]
        warnings.append(f"No CRS in {p.name} ('{name}'): guessed {guess[0]} ({guess[1]}) from the coordinate "
                        "range — check that the layer sits where expected.")
    progress(0.8, f"Reprojecting {name}")
    layer = Layer(name=name, kind=kind, fields=fields, source=str(p), source_crs=source_crs, warnings=warnings)
    if any(w.startswith("No CRS in") for w in warnings):
        layer.guessed.append(f"CRS: {source_crs} guessed from the coordinate range (none in the file)")
    if kind == "point":
        x, y = reproject.points_to_l93(x, y, source_crs)
        bad = ~(np.isfinite(x) & np.isfinite(y))
        if bad.any():
            ok = ~bad
            x, y = x[ok], y[ok]
            layer.fields = {k: v[ok] for k, v in layer.fields.items()}
            skipped += int(bad.sum())
        layer.x, layer.y = np.ascontiguousarray(x), np.ascontiguousarray(y)
    else:
        check_cancel(cancel)
        progress(0.9, f"Checking geometries of {name}")
        skipped += _place_geometries(layer, kind, reproject.geometries_to_l93(geoms, source_crs))
    if skipped:
        warnings.append(f"{skipped:,} feature(s) with empty or unusable geometry skipped in '{name}'.")
    if len(layer) == 0:
        raise InputError(p, f"layer '{name}': no feature has a usable geometry")
    progress(1.0, f"Read {len(layer):,} features from {p.name}")
    return layer


def _place_geometries(layer: Layer, kind: str, geoms: np.ndarray) -> int:
    """Set the layer's geometries (EPSG:2154), leaving out those outside the projection's domain and, for
    polygons, those that cannot be repaired; returns how many were left out."""
    coords, owner = shapely.get_coordinates(geoms, return_index=True)
    placed = np.ones(len(geoms), dtype=bool)
    placed[owner[~np.isfinite(coords).all(axis=1)]] = False  # outside the projection's domain
    skipped = int((~placed).sum())
    if skipped:
        geoms = geoms[placed]
        layer.fields = {k: v[placed] for k, v in layer.fields.items()}
    if kind == "polygon":
        geoms, ok, repaired = normalise_polygons(geoms)
        if repaired:
            layer.warnings.append(f"{repaired:,} invalid polygon(s) repaired in '{layer.name}'.")
        if not ok.all():
            geoms = geoms[ok]
            layer.fields = {k: v[ok] for k, v in layer.fields.items()}
            skipped += int((~ok).sum())
    layer.geometries = geoms
    return skipped


def _source_crs(p: Path, file_crs, user_crs) -> tuple[str | None, list[str]]:
    warnings: list[str] = []
    chosen = user_crs if user_crs is not None else file_crs
    if chosen is None:
        return None, warnings
    try:
        return reproject.crs_label(reproject.parse_crs(chosen, f" in {p.name}")), warnings
    except ValueError as exc:
        raise InputError(p, str(exc)) from None


