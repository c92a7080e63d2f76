"""Synthetic premises from real per-commune counts: clustered villages, scattered hamlets, all inside the commune."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import shapely

from planner.core.errors import ParameterError
from planner.core.project.model import L93, Communes, Layer, Premises
from planner.core.progress import check_cancel, no_progress
from planner.io.writer import write_file

_BIG_TOWN_UNITS = 1500  # communes with at least this many units get some multi-unit buildings
_SCATTERED_SHARE = 0.08  # isolated farms and houses, uniform over the commune
_MAX_ROUNDS = 30


def _unit_sizes(units: int, rng: np.random.Generator) -> np.ndarray:
    """Units per point for a commune: mostly 1; in big towns ~2 % of points are buildings of 2..24 units."""
    if units < _BIG_TOWN_UNITS:
        return np.ones(units, dtype=np.int64)
    n_multi = int(units * 0.02)
    sizes = rng.integers(2, 25, size=n_multi)
    cap = int(units * 0.25)
    cum = np.cumsum(sizes)
    sizes = sizes[cum <= cap]
    singles = units - int(sizes.sum())
    return np.concatenate([sizes, np.ones(singles, dtype=np.int64)])


def _uniform_inside(poly, n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """n points uniform inside a (prepared) polygon, by batched rejection from its bounding box."""
    xmin, ymin, xmax, ymax = shapely.bounds(poly)
    xs, ys = [], []
    need = n
    for _ in range(_MAX_ROUNDS * 3):
        if need <= 0:
            break
        m = max(64, need * 3)
        cx = rng.uniform(xmin, xmax, m)
        cy = rng.uniform(ymin, ymax, m)
        inside = shapely.contains_xy(poly, cx, cy)
        cx, cy = cx[inside][:need], cy[inside][:need]
        xs.append(cx)
        ys.append(cy)
        need -= len(cx)
    if need > 0:  # a sliver too thin to hit: stack the rest on the point on surface
        pt = shapely.point_on_surface(poly)
        xs.append(np.full(need, shapely.get_x(pt)))
        ys.append(np.full(need, shapely.get_y(pt)))
    return np.concatenate(xs), np.concatenate(ys)


def _clustered_inside(poly, cx: np.ndarray, cy: np.ndarray, sigma: np.ndarray, rng) -> tuple[np.ndarray, np.ndarray]:
    """One point per (centre, sigma) drawn from a normal around the centre, redrawn until inside the polygon."""
    n = len(cx)
    x = np.empty(n)
    y = np.empty(n)
    pending = np.arange(n)
    for _ in range(_MAX_ROUNDS):
        if len(pending) == 0:
            break
        px = cx[pending] + rng.normal(0.0, 1.0, len(pending)) * sigma[pending]
        py = cy[pending] + rng.normal(0.0, 1.0, len(pending)) * sigma[pending]
        inside = shapely.contains_xy(poly, px, py)
        x[pending[inside]] = px[inside]
        y[pending[inside]] = py[inside]
        pending = pending[~inside]
    if len(pending):
        x[pending], y[pending] = _uniform_inside(poly, len(pending), rng)
    return x, y


def _commune_points(poly, units: int, rng: np.random.Generator):
    """(x, y, units per point) for one commune."""
    sizes = rng.permutation(_unit_sizes(units, rng))
    n = len(sizes)
    area_km2 = shapely.area(poly) / 1e6
    centre = shapely.point_on_surface(poly)
    vx, vy = shapely.get_x(centre), shapely.get_y(centre)
    n_hamlets = int(np.clip(round(2 + area_km2 / 3.0), 2, 25))
    hx, hy = _uniform_inside(poly, n_hamlets, rng)
    village_share = float(np.clip(0.45 + 0.08 * np.log10(max(units, 1)), 0.45, 0.8))
    group = rng.choice(3, size=n, p=[village_share, 1.0 - village_share - _SCATTERED_SHARE, _SCATTERED_SHARE])
    # multi-unit buildings stand in the town centre
    group[sizes > 1] = 0
    village_sigma = float(np.clip(10.0 * np.sqrt(units), 80.0, 1400.0))
    x = np.empty(n)
    y = np.empty(n)
    v = np.flatnonzero(group == 0)
    h = np.flatnonzero(group == 1)
    s = np.flatnonzero(group == 2)
    if len(v):
        x[v], y[v] = _clustered_inside(poly, np.full(len(v), vx), np.full(len(v), vy),
                                       np.full(len(v), village_sigma), rng)
    if len(h):
        which = rng.integers(0, n_hamlets, len(h))
        hamlet_sigma = rng.uniform(60.0, 180.0, n_hamlets)
        x[h], y[h] = _clustered_inside(poly, hx[which], hy[which], hamlet_sigma[which], rng)
    if len(s):
        x[s], y[s] = _uniform_inside(poly, len(s), rng)
    return x, y, sizes


def synth_premises(communes: Communes, units_field: str, seed: int = 0, progress=None, cancel=None) -> Premises:
    """Premise points for every commune, as many units as `units_field` says (totals exact), deterministic by seed.

    Points cluster around the village centre (near the commune's point on surface) with scattered hamlets and
    isolated houses, all inside the commune polygon. Each point has `code_insee` and `units`.
    """
    progress = progress or no_progress
    if units_field not in communes.layer.fields:
        raise ParameterError(f"no field '{units_field}' in the commune layer "
                             f"(fields: {', '.join(communes.layer.field_names())})", field="units field")
    raw = np.asarray(communes.layer.fields[units_field], dtype=float)
    counts = np.nan_to_num(raw, nan=0.0).round().astype(np.int64)
    if (counts < 0).any():
        raise ParameterError(f"negative counts in '{units_field}'", field="units field")
    geoms = communes.geometries
    codes = communes.codes
    xs, ys, us, cs = [], [], [], []
    total = max(1, int(counts.sum()))
    done = 0
    for i in range(len(communes)):
        check_cancel(cancel)
        if counts[i] == 0 or geoms[i] is None or shapely.is_empty(geoms[i]):
            continue
        poly = geoms[i]
        shapely.prepare(poly)
        rng = np.random.default_rng([int(seed), i])
        x, y, u = _commune_points(poly, int(counts[i]), rng)
        xs.append(x)
        ys.append(y)
        us.append(u)
        cs.append(np.full(len(x), codes[i], dtype=object))
        done += int(counts[i])
        progress(done / total, f"Generating premises: {done:,} / {total:,} units")
    if not xs:
        raise ParameterError(f"'{units_field}' gives no units to generate", field="units field")
    layer = Layer(
        name="premises", kind="point",
        fields={"code_insee": np.concatenate(cs), "units": np.concatenate(us).astype(np.int64)},
        x=np.concatenate(xs), y=np.concatenate(ys), source="", source_crs=L93,
    )
    return Premises(layer=layer, units_field="units", insee_field="code_insee")


def _wkb_points(x: np.ndarray, y: np.ndarray):
    """An Arrow binary array of 2D little-endian WKB points, built from the coordinate arrays without a loop."""
    import pyarrow as pa

    n = len(x)
    rec = np.zeros(n, dtype=[("order", "u1"), ("type", "<u4"), ("x", "<f8"), ("y", "<f8")])
    rec["order"] = 1
    rec["type"] = 1
    rec["x"] = x
    rec["y"] = y
    offsets = (np.arange(n + 1, dtype=np.int32) * 21)
    return pa.BinaryArray.from_buffers(pa.binary(), n, [None, pa.py_buffer(offsets), pa.py_buffer(rec.tobytes())])


def write_point_layer(layer: Layer, path, layer_name: str = "premises", spatial_index: bool = True) -> Path:
    """Write a point Layer (EPSG:2154) to a GeoPackage through planner/io/writer.py (temporary file, check, rename).

    `spatial_index=False` leaves out the R-tree (the file is half the size; used for the bundled sample).
    """
    import pyarrow as pa
    import pyogrio

    p = Path(path)
    cols = {}
    for k, v in layer.fields.items():
        arr = np.asarray(v)
        try:
            cols[k] = pa.array(arr, from_pandas=True)  # None / NaN become nulls
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            cols[k] = pa.array(arr.astype(str))
    cols["geom"] = _wkb_points(layer.x, layer.y)
    table = pa.table(cols)
    p.parent.mkdir(parents=True, exist_ok=True)
    write_file(p, lambda tmp: pyogrio.write_arrow(
        table, str(tmp), layer=layer_name, driver="GPKG", geometry_name="geom", geometry_type="Point", crs=L93,
        layer_options={"SPATIAL_INDEX": "YES" if spatial_index else "NO"}))
    return p


def write_premises(premises: Premises, path, layer_name: str = "premises", spatial_index: bool = True) -> Path:
    """Write a premise layer to a GeoPackage (EPSG:2154) with its fields."""
    return write_point_layer(premises.layer, path, layer_name, spatial_index)
