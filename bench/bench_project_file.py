"""Benchmark of the project file: save/load of the Gers sample project and of a 1M-premise project, and exports.

Run: .venv/bin/python bench/bench_project_file.py [--runs 3] [--skip-million]
(prints the figures recorded in docs/performance.md, section "Project file and exports").
Projects are built from the real Gers communes (resources/sample) with premises scattered around each
commune's representative point in proportion to its real `locaux_insee_2018` count.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from planner.io.exports.formats import export  # noqa: E402
from planner.io.project.project_file import load_project, save_project  # noqa: E402
from project_samples import sample_project  # noqa: E402


def scaled_project(total: int):
    """The sample project with about `total` premises (counts scaled from the real per-commune counts)."""
    p = sample_project(with_premises=False)
    from project_samples import sample_premises

    units = p.communes.layer.fields["locaux_insee_2018"].astype(float)
    factor = total / units.sum()
    p.communes.layer.fields["bench_count"] = np.round(units * factor).astype(np.int64)
    p.communes.units_field = "bench_count"
    p.premises = sample_premises(p.communes)
    p.communes.units_field = "locaux_insee_2018"
    return p


def timed(fn, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times), statistics.median(times)


def bench(label: str, project, folder: Path, runs: int, exports: bool) -> None:
    path = folder / f"{label}.gpkg"
    best, med = timed(lambda: save_project(project, path), runs)
    size = path.stat().st_size / 1e6
    print(f"{label}: {len(project.premises):,} premises, file {size:.1f} MB")
    print(f"  save  best {best:.2f} s  median {med:.2f} s")
    best, med = timed(lambda: load_project(path), runs)
    print(f"  load  best {best:.2f} s  median {med:.2f} s")
    if exports:
        for fmt, out in [("gpkg", "plan.gpkg"), ("geojson", "gj"), ("shp", "shp"), ("csv", "csv"),
                         ("xlsx", "plan.xlsx")]:
            target = folder / f"{label}-{out}"
            best, med = timed(lambda: export(project, fmt, target, force=True), runs)
            print(f"  export {fmt:8s} best {best:.2f} s  median {med:.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip-million", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bench("sample", sample_project(), folder, args.runs, exports=True)
        if not args.skip_million:
            bench("million", scaled_project(1_000_000), folder, args.runs, exports=True)


if __name__ == "__main__":
    main()
