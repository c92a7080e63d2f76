"""Benchmark the readers: a 1M-point premise GeoPackage to ready arrays, commune layers (Gers, Occitanie, France),
the raw BANO CSV and the bundled sample. Run: .venv/bin/python bench/bench_read.py [--repeat N]"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from planner.core.project.model import Layer  # noqa: E402
from planner.io.layers.readers import load_communes, load_premises, read_layer  # noqa: E402
from planner.io.layers.sample import load_sample_project  # noqa: E402
from planner.io.layers.synth import write_point_layer  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
BIG = Path("/tmp/rollout_bench_1M_premises.gpkg")
BIG_CSV = Path("/tmp/rollout_bench_1M_premises.csv")
N = 1_000_000


def make_big_file() -> Path:
    """1M points over the Gers (EPSG:2154) with code_insee and units fields; made once, kept in /tmp."""
    if BIG.exists():
        return BIG
    communes = load_communes(DATA / "gers" / "communes_gers_2026.gpkg", "communes_l93")
    rng = np.random.default_rng(1)
    xmin, ymin, xmax, ymax = communes.layer.bounds
    layer = Layer(name="premises", kind="point", x=rng.uniform(xmin, xmax, N), y=rng.uniform(ymin, ymax, N),
                  fields={"code_insee": rng.choice(communes.codes, N).astype(object),
                          "units": rng.choice([1, 1, 1, 1, 2, 3, 12], N)})
    t = time.perf_counter()
    write_point_layer(layer, BIG, "premises")
    print(f"created {BIG} ({BIG.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.1f} s")
    return BIG


def make_big_csv() -> Path:
    """The same kind of 1M points as a ';' CSV in lon/lat with code_insee and nb_logements; made once."""
    if BIG_CSV.exists():
        return BIG_CSV
    import pyarrow as pa
    import pyarrow.csv as pacsv
    from pyproj import Transformer

    layer = load_premises(make_big_file()).layer
    lon, lat = Transformer.from_crs("EPSG:2154", "EPSG:4326", always_xy=True).transform(layer.x, layer.y)
    table = pa.table({"code_insee": pa.array(layer.fields["code_insee"].astype(str)),
                      "nb_logements": layer.fields["units"], "lon": np.round(lon, 6), "lat": np.round(lat, 6)})
    pacsv.write_csv(table, BIG_CSV, pacsv.WriteOptions(delimiter=";", quoting_style="none"))
    return BIG_CSV


def timed(label: str, fn, repeat: int) -> float:
    times = []
    result = None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    n = len(result) if hasattr(result, "__len__") else ""
    print(f"{label:<52} best {min(times):6.3f} s   median {statistics.median(times):6.3f} s   ({n:,} features)"
          if n != "" else f"{label:<52} best {min(times):6.3f} s   median {statistics.median(times):6.3f} s")
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    big = make_big_file()
    r = args.repeat
    timed("load_premises 1M points (GeoPackage, Arrow)", lambda: load_premises(big), r)

    def raw_read():
        import pyogrio
        import shapely

        _, _, geom, _ = pyogrio.raw.read(big)
        return shapely.get_coordinates(shapely.from_wkb(geom))

    big_csv = make_big_csv()
    timed("load_premises 1M points (';' CSV, lon/lat)", lambda: load_premises(big_csv), r)
    timed("reference: pyogrio raw read + from_wkb (1M)", raw_read, r)
    timed("Gers communes (458, L93)", lambda: read_layer(DATA / "gers" / "communes_gers_2026.gpkg", "communes_l93"), r)
    timed("Gers communes (458, WGS84 -> L93)",
          lambda: read_layer(DATA / "gers" / "communes_gers_2026.gpkg", "communes_wgs84"), r)
    timed("Occitanie communes (4,485, WGS84 -> L93)",
          lambda: read_layer(DATA / "occitanie" / "occitanie_communes_2018.gpkg"), r)
    timed("France communes (35,357, WGS84 -> L93)",
          lambda: read_layer(DATA / "france" / "france_communes_2018.gpkg"), r)
    timed("BANO raw CSV (34,072, no header)", lambda: read_layer(DATA / "gers" / "bano_gers_2015_raw.csv"), r)
    timed("load_sample_project (458 communes + 104,680 premises)", lambda: load_sample_project().premises, r)
    return 0


if __name__ == "__main__":
    sys.exit(main())
