"""Benchmark of premise assignment: 1M premises to the Gers communes and 20 phases, and incremental edits.

Run: .venv/bin/python bench/bench_assign.py   (prints the figures recorded in docs/performance.md)
Premises are generated inside the real Gers communes (EPSG:2154) from their real `locaux_insee_2018`
counts, clustered around a point of each commune; phases mix picked communes (by intercommunality) and
drawn zones (discs and boxes).
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pyogrio
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from planner.core.phases.assignment import assign  # noqa: E402
from planner.core.project.model import Communes, Layer, Phase, Premises, Project  # noqa: E402
from planner.core.phases.phase_commands import MoveVertex, SetPhaseZone, TranslateZone  # noqa: E402
from planner.core.phases.snapping import Snapper  # noqa: E402

COMMUNES = ROOT / "resources" / "sample" / "communes_gers_2026.gpkg"


def load_communes() -> Communes:
    meta, _, wkb, cols = pyogrio.raw.read(COMMUNES, layer="communes_l93")
    fields = {n: cols[i] for i, n in enumerate(meta["fields"])}
    return Communes(Layer("communes", "polygon", fields=fields, geometries=shapely.from_wkb(wkb)),
                    units_field="locaux_insee_2018")


def premises_in_communes(communes: Communes, total: int, seed: int = 1) -> Premises:
    """About `total` points spread over the communes in proportion to their real counts (vectorised)."""
    rng = np.random.default_rng(seed)
    counts = communes.units.astype(float)
    n = np.maximum(1, np.round(counts / counts.sum() * total)).astype(np.int64)
    centre = shapely.get_coordinates(shapely.point_on_surface(communes.geometries))
    sigma = np.sqrt(shapely.area(communes.geometries)) / 6.0
    rows = np.repeat(np.arange(len(n)), n)
    xy = centre[rows] + rng.normal(size=(len(rows), 2)) * sigma[rows, None]
    layer = Layer("premises", "point", x=xy[:, 0].copy(), y=xy[:, 1].copy())
    return Premises(layer)


def twenty_phases(communes: Communes) -> list[Phase]:
    """10 phases of picked communes (one intercommunality each) and 10 drawn zones over the département."""
    phases = []
    epci = communes.layer.fields["code_epci"].astype(str)
    codes = communes.codes
    for i, value in enumerate(sorted(set(epci.tolist()))[:10]):
        phases.append(Phase(i + 1, f"EPCI {value}", communes=codes[epci == value].tolist()))
    xmin, ymin, xmax, ymax = shapely.total_bounds(communes.geometries)
    rng = np.random.default_rng(3)
    for j in range(10):
        cx, cy = rng.uniform(xmin, xmax), rng.uniform(ymin, ymax)
        r = rng.uniform(4000, 12000)
        zone = shapely.Point(cx, cy).buffer(r, 32) if j % 2 else shapely.box(cx - r, cy - r, cx + r, cy + r)
        phases.append(Phase(11 + j, f"Zone {j + 1}", zone=zone))
    return phases


def timed(fn, repeat: int = 5) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def main() -> None:
    communes = load_communes()
    print(f"communes: {len(communes)}")
    # 1M premises, 20 phases, from scratch
    big = Project(communes=communes, premises=premises_in_communes(communes, 1_000_000))
    big.phases = twenty_phases(communes)
    t, a = timed(lambda: assign(big), repeat=3)
    print(f"from scratch: {len(big.premises):,} premises x {len(communes)} communes x {len(big.phases)} phases: "
          f"{t * 1000:.0f} ms (median of 3); planned {a.phase_units.sum():,}, unplanned {a.unplanned_units:,}")
    # Gers sample size: ~114k premises
    sample = Project(communes=communes, premises=premises_in_communes(communes, int(communes.units.sum())))
    sample.phases = twenty_phases(communes)
    t, prev = timed(lambda: assign(sample), repeat=5)
    print(f"sample from scratch: {len(sample.premises):,} premises, 20 phases: {t * 1000:.1f} ms")
    for k in (10, 0):
        phase = sample.phases[k]
        if phase.zone is None:
            phase.zone = shapely.box(*shapely.bounds(communes.geometries[0]))
            prev = assign(sample)
        cmd = MoveVertex(sample, phase.id, 0, 0, 0, *(np.asarray(phase.zone.exterior.coords[0]) + 500))
        cmd.do(sample)
        t, _ = timed(lambda: assign(sample, prev, first_changed_phase=cmd.first_changed_phase), repeat=7)
        print(f"sample after moving a vertex of phase {k + 1} of 20 (phases {k + 1}..20 recomputed): "
              f"{t * 1000:.1f} ms (median of 7)")
    zone_cmd = TranslateZone(sample, sample.phases[19].id, 250, 0)
    zone_cmd.do(sample)
    t, _ = timed(lambda: assign(sample, prev, first_changed_phase=zone_cmd.first_changed_phase), repeat=7)
    print(f"sample after moving the last phase's zone: {t * 1000:.1f} ms")
    # one vertex-drag step: build the command for a detailed zone (a commune outline, hundreds of vertices)
    detailed = communes.geometries[communes.index_of("32013")]
    SetPhaseZone(sample, sample.phases[12].id, detailed).do(sample)
    n_vertices = len(shapely.get_coordinates(sample.phases[12].zone))
    t, _ = timed(lambda: MoveVertex(sample, sample.phases[12].id, 0, 0, 5, 500000.0, 6280000.0), repeat=20)
    print(f"MoveVertex on a {n_vertices}-vertex zone: {t * 1000:.2f} ms per command")
    # snapping: index build over all commune vertices/segments, then one query per mouse move
    t, snapper = timed(lambda: Snapper(sample), repeat=3)
    print(f"snapper build ({len(shapely.get_coordinates(communes.geometries)):,} commune vertices): {t * 1000:.1f} ms")
    xy = shapely.get_coordinates(detailed)[:200] + 3.0
    t0 = time.perf_counter()
    for x, y in xy:
        snapper.snap(x, y, pixel_size=2.0)
    print(f"snap query: {(time.perf_counter() - t0) / len(xy) * 1e6:.0f} µs per mouse move")


if __name__ == "__main__":
    main()
