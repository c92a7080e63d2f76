"""Read any vector layer (GeoPackage, Shapefile, GeoJSON, FlatGeobuf, CSV points) into a Lambert-93 `Layer`.

Bulk reads go through pyogrio's Arrow stream (columnar, in batches so that progress and cancel work); points
become float64 `x`/`y` arrays parsed straight from the WKB buffer, polygons shapely MultiPolygons (repaired
with make_valid). fiona is the per-record path used only to name the exact feature a bulk read choked on.
Every failure is an `InputError` naming the file and what is wrong; nothing is returned half-loaded.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import shapely

from planner.core.errors import Cancelled, InputError, PlannerError
from planner.core.project.model import Layer
from planner.core.progress import check_cancel, no_progress
from planner.io.layers import reproject

CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
FORMAT_NAMES = {
    ".gpkg": "GeoPackage", ".shp": "Shapefile", ".geojson": "GeoJSON", ".json": "GeoJSON",
    ".fgb": "FlatGeobuf", ".csv": "CSV",
}
_KIND_OF_TYPE = {0: "point", 4: "point", 1: "line", 2: "line", 5: "line", 3: "polygon", 6: "polygon"}  # shapely type ids


class LayerChoiceNeeded(PlannerError):
    """The file holds several layers and none was named: `layers` lists them so that the GUI can ask."""

    def __init__(self, path, layers: list[str]):
        self.path = str(path)
        self.layers = list(layers)
        super().__init__(f"{self.path}: several layers ({', '.join(self.layers)}); choose one")


def _format_name(path: Path) -> str:
    return FORMAT_NAMES.get(path.suffix.lower(), "vector file")


def _check_file(path) -> Path:
    p = Path(path)
    if not p.exists():
        raise InputError(p, "file not found")
    if p.is_file() and p.stat().st_size == 0:
        raise InputError(p, "the file is empty (0 bytes)")
    if p.suffix.lower() == ".shp":
        missing = [s for s in (".shx", ".dbf") if not _sidecar(p, s)]
        if ".dbf" in missing:
            raise InputError(p, "the Shapefile's .dbf attribute file is missing beside it")
        if ".shx" in missing:
            raise InputError(p, "the Shapefile's .shx index file is missing beside it")
        _check_shapefile_sizes(p)
    return p


def _check_shapefile_sizes(p: Path) -> None:
    """A truncated .shp or .dbf is refused (GDAL would silently return the missing features without geometry)."""
    with open(p, "rb") as fh:
        head = fh.read(100)
    if len(head) < 100 or int.from_bytes(head[0:4], "big") != 9994:
        raise InputError(p, "not a Shapefile (bad .shp header)")
    declared = int.from_bytes(head[24:28], "big") * 2
    actual = p.stat().st_size
    if actual < declared:
        raise InputError(p, f"the .shp file is truncated ({actual:,} of {declared:,} bytes)")
    dbf = _sidecar(p, ".dbf")
    with open(dbf, "rb") as fh:
        dhead = fh.read(12)
    if len(dhead) < 12:
        raise InputError(dbf, "the .dbf attribute file is truncated (no header)")
    n = int.from_bytes(dhead[4:8], "little")
    header_len = int.from_bytes(dhead[8:10], "little")
    record_len = int.from_bytes(dhead[10:12], "little")
    need = header_len + n * record_len
    if dbf.stat().st_size < need:
        raise InputError(dbf, f"the .dbf attribute file is truncated ({dbf.stat().st_size:,} of {need:,} bytes)")


def _sidecar(p: Path, suffix: str) -> Path | None:
    for s in (suffix, suffix.upper()):
        q = p.with_suffix(s)
        if q.exists():
            return q
    return None


def _open_error(p: Path, exc: Exception) -> InputError:
    """A clear InputError for a file GDAL cannot open or read."""
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    msg = msg.replace(str(p), "").strip(" :'`")
    kind = _format_name(p)
    if "malformed" in msg or "not a database" in msg:
        what = f"not a readable {kind}: the file is truncated or corrupt (SQLite: database disk image is malformed)"
    elif ("not recognized as" in msg or "not recognised as" in msg) and kind == "GeoJSON":
        what = "not valid GeoJSON (the content is not JSON)"
    elif "not recognized as" in msg or "not recognised as" in msg:
        what = f"not a readable {kind} (unrecognised or corrupt content)"
    elif kind == "GeoJSON":
        what = f"not valid GeoJSON (not JSON, or truncated): {msg}"
    else:
        what = f"not a readable {kind} (truncated or corrupt?): {msg}"
    return InputError(p, what)


def _spatial_layers(p: Path) -> list[tuple[str, str]]:
    import pyogrio

    try:
        layers = pyogrio.list_layers(p)
    except Exception as exc:  # pyogrio raises DataSourceError and friends, sqlite errors come through as is
        raise _open_error(p, exc) from None
    return [(str(n), str(t)) for n, t in layers if t is not None and str(t) not in ("None", "")]


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


def _shapefile_encoding(p: Path) -> tuple[str | None, str | None]:
    """(encoding to force, warning) for a Shapefile: None when a .cpg or the DBF's language id says it, else
    UTF-8 when the text decodes as such, else Windows-1252 (old French exports) with a warning."""
    if _sidecar(p, ".cpg"):
        return None, None
    dbf = _sidecar(p, ".dbf")
    with open(dbf, "rb") as fh:
        data = fh.read(32 << 20)  # the first 32 MiB tell
    if len(data) > 29 and data[29] != 0:  # language driver id: GDAL maps it to an encoding
        return None, None
    try:
        data.decode("utf-8")
        return "UTF-8", None
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and len(data) == 32 << 20:  # a character cut by the sample's end
            return "UTF-8", None
        return "CP1252", (f"{p.name} has no .cpg file and its text is not UTF-8: "
                          "decoded as Windows-1252 (Latin-1); check the accents.")


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
            arr = col.to_numpy() if col.num_chunks else np.array([], dtype=object)
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
        geoms = reproject.geometries_to_l93(geoms, source_crs)
        check_cancel(cancel)
        progress(0.9, f"Checking geometries of {name}")
        coords, owner = shapely.get_coordinates(geoms, return_index=True)
        placed = np.ones(len(geoms), dtype=bool)
        placed[owner[~np.isfinite(coords).all(axis=1)]] = False  # outside the projection's domain
        if not placed.all():
            geoms = geoms[placed]
            layer.fields = {k: v[placed] for k, v in layer.fields.items()}
            skipped += int((~placed).sum())
        if kind == "polygon":
            geoms, ok, repaired = normalise_polygons(geoms)
            if repaired:
                warnings.append(f"{repaired:,} invalid polygon(s) repaired in '{name}'.")
            if not ok.all():
                geoms = geoms[ok]
                layer.fields = {k: v[ok] for k, v in layer.fields.items()}
                skipped += int((~ok).sum())
        layer.geometries = geoms
    if skipped:
        warnings.append(f"{skipped:,} feature(s) with empty or unusable geometry skipped in '{name}'.")
    if len(layer) == 0:
        raise InputError(p, f"layer '{name}': no feature has a usable geometry")
    progress(1.0, f"Read {len(layer):,} features from {p.name}")
    return layer


def _source_crs(p: Path, file_crs, user_crs) -> tuple[str | None, list[str]]:
    warnings: list[str] = []
    chosen = user_crs if user_crs is not None else file_crs
    if chosen is None:
        return None, warnings
    try:
        return reproject.crs_label(reproject.parse_crs(chosen, f" in {p.name}")), warnings
    except ValueError as exc:
        raise InputError(p, str(exc)) from None


def _decode_geometries(p: Path, name: str, wkb, declared: str):
    """(kind, x, y, geometries, keep mask or None, empty/unusable count, other-type count) from Arrow WKB.

    The kind is the layer's majority geometry family; features of another family are left out (and counted).
    """
    declared = declared.replace(" Z", "").replace(" M", "").replace("25D", "").strip()
    fast = _points_from_wkb_buffer(wkb) if declared == "Point" else None
    if fast is not None:
        x, y = fast
        bad = ~(np.isfinite(x) & np.isfinite(y))
        keep = ~bad if bad.any() else None
        if keep is not None:
            x, y = x[keep], y[keep]
        return "point", x, y, None, keep, int(bad.sum()), 0
    raw = wkb.to_numpy(zero_copy_only=False)
    geoms = shapely.from_wkb(raw, on_invalid="ignore")
    type_ids = shapely.get_type_id(geoms)
    usable = (type_ids >= 0) & ~shapely.is_empty(geoms)
    kinds = np.array([_KIND_OF_TYPE.get(int(t), "") for t in range(8)], dtype=object)
    feature_kind = np.where((type_ids >= 0) & (type_ids < 8), kinds[np.clip(type_ids, 0, 7)], "")
    feature_kind[~usable] = ""
    present = [k for k in ("point", "polygon", "line") if (feature_kind == k).any()]
    if not present:
        raise InputError(p, f"layer '{name}': no feature has a usable geometry")
    counts = {k: int((feature_kind == k).sum()) for k in present}
    kind = max(counts, key=counts.get)
    keep = feature_kind == kind
    skipped = int((~usable).sum())
    other = int((usable & ~keep).sum())
    geoms = geoms[keep]
    if kind == "point":
        multi = shapely.get_type_id(geoms) == 4
        if multi.any():
            geoms[multi] = shapely.get_geometry(geoms[multi], 0)
        return ("point", shapely.get_x(geoms), shapely.get_y(geoms), None, (None if keep.all() else keep), skipped,
                other)
    return kind, None, None, geoms, (None if keep.all() else keep), skipped, other


def _points_from_wkb_buffer(wkb) -> tuple[np.ndarray, np.ndarray] | None:
    """x, y straight from an Arrow binary array of 2D little-endian WKB points (21 bytes each), else None."""
    if wkb.null_count or len(wkb) == 0:
        return None
    offsets = np.frombuffer(wkb.buffers()[1], dtype=np.int32, count=len(wkb) + 1, offset=wkb.offset * 4)
    if not np.all(np.diff(offsets) == 21):
        return None
    data = np.frombuffer(wkb.buffers()[2], dtype=np.uint8, count=offsets[-1] - offsets[0], offset=offsets[0])
    rec = data.reshape(-1, 21)
    if not (np.all(rec[:, 0] == 1) and np.all(rec[:, 1:5].view("<u4")[:, 0] == 1)):
        return None
    xy = rec[:, 5:21].copy().view("<f8")
    return xy[:, 0].copy(), xy[:, 1].copy()


def normalise_polygons(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """(MultiPolygons, usable mask, number repaired): invalid ones fixed with make_valid, all as MultiPolygon."""
    geoms = np.asarray(geoms, dtype=object).copy()
    invalid = ~shapely.is_valid(geoms)
    repaired = int(invalid.sum())
    if repaired:
        geoms[invalid] = shapely.make_valid(geoms[invalid])
    tid = shapely.get_type_id(geoms)
    ok = np.ones(len(geoms), dtype=bool)
    single = tid == 3
    if single.any():
        geoms[single] = _to_multi(geoms[single])
    other = ~np.isin(tid, (3, 6))
    if other.any():
        idx = np.flatnonzero(other)
        parts, owner = shapely.get_parts(geoms[idx], return_index=True)
        while True:  # flatten nested collections
            nested = np.isin(shapely.get_type_id(parts), (6, 7))
            if not nested.any():
                break
            sub, sub_owner = shapely.get_parts(parts[nested], return_index=True)
            parts = np.concatenate([parts[~nested], sub])
            owner = np.concatenate([owner[~nested], owner[nested][sub_owner]])
        poly = (shapely.get_type_id(parts) == 3) & ~shapely.is_empty(parts)
        parts, owner = parts[poly], owner[poly]
        built = np.full(len(idx), None, dtype=object)
        if len(parts):
            has = np.unique(owner)
            remap = np.searchsorted(has, owner)
            built[has] = shapely.multipolygons(parts, indices=remap)
        geoms[idx] = built
        ok[idx] = built != None  # noqa: E711 (elementwise)
    ok &= ~shapely.is_empty(geoms) & (shapely.get_type_id(geoms) == 6)
    return geoms, ok, repaired


def _to_multi(polys: np.ndarray) -> np.ndarray:
    return shapely.multipolygons(polys, indices=np.arange(len(polys)))


# --- role loaders: a layer read as the commune layer or as the premise layer ----------------------------------


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


def _apply_units(layer: Layer, spec) -> str | None:
    """Make the units field numeric (a sum is materialised as a computed 'units' field); returns its name."""
    from planner.io.layers.detect import to_number

    if spec is None:
        return None
    if len(spec.fields) > 1:
        layer.fields["units"] = spec.evaluate(layer.fields)
        return "units"
    name = spec.fields[0]
    if layer.fields[name].dtype.kind not in "fiub":
        layer.fields[name] = to_number(layer.fields[name])
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
    return text.to_numpy(zero_copy_only=False)


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
    _field_or_error(p, lyr, code_field, "INSEE code")
    lyr.fields[code_field] = _normalise_codes(lyr.fields[code_field])
    _warn_bad_codes(lyr, code_field)
    if name_field is None:
        name_field = detect_name_field(lyr.field_names()) or code_field
    _field_or_error(p, lyr, name_field, "commune name")
    units = _apply_units(lyr, _units_spec(p, lyr, units_field))
    return Communes(layer=lyr, code_field=code_field, name_field=name_field, units_field=units)


def load_premises(path, layer: str | None = None, units_field: str | None = None, insee_field: str | None = None,
                  x_field: str | None = None, y_field: str | None = None, progress=None, cancel=None):
    """Read a point layer as the premise layer: units per point (a field, a sum, or 1) and the INSEE code field."""
    from planner.core.project.model import Premises
    from planner.io.layers.detect import detect_insee_field

    p = Path(path)
    lyr = read_layer(p, layer, x_field=x_field, y_field=y_field, progress=progress, cancel=cancel)
    if lyr.kind != "point":
        raise InputError(p, f"expected points (premises), found {lyr.kind}s in layer '{lyr.name}'")
    units = _apply_units(lyr, _units_spec(p, lyr, units_field))
    if insee_field is None:
        insee_field = detect_insee_field(lyr.field_names(), _sample(lyr))
    else:
        _field_or_error(p, lyr, insee_field, "INSEE code")
    if insee_field is not None:
        lyr.fields[insee_field] = _normalise_codes(lyr.fields[insee_field])
    return Premises(layer=lyr, units_field=units, insee_field=insee_field)


# --- describing a file without loading it --------------------------------------------------------------------


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
                 "crs_guess": None, "notes": list(lyr.warnings),
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
            "bounds": bounds, "crs_guess": guess[0] if guess else None, "notes": [],
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
