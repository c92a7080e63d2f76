"""Benchmark the simulation: one run on the Gers sample (≤ 5 ms) and on France, 35,357 communes × 1,000 phases × 120 months (≤ 0.5 s)."""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pyogrio.raw

from planner.core.phases.assignment import Assignment, assign
from planner.core.project.model import Communes, CrewPool, Dependency, Layer, Phase, Project, Scenario
from planner.core.simulation.coverage import inputs_from, run
from planner.io.layers.sample import load_sample_project

FRANCE = Path(__file__).resolve().parents[2] / "shared" / "data" / "france" / "france_communes_2018.gpkg"


def timed(fn, repeat: int = 7) -> tuple[float, float]:
    """(median, min) wall time in ms."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), min(times)


def gers_project() -> Project:
    project = load_sample_project()
    f = project.communes.layer.fields
    codes, epci = f["code_insee"].astype(str), f["code_epci"].astype(str)
    for i, e in enumerate(sorted(set(epci))):
        project.phases.append(Phase(id=i + 1, name=f"EPCI {e}", communes=codes[epci == e].tolist()))
    return project


def france_inputs(n_phases: int = 1000, pool: bool = False):
    meta, _, _, values = pyogrio.raw.read(FRANCE, read_geometry=False)
    f = dict(zip(meta["fields"], values))
    codes = f["code"].astype(str)
    pop = np.nan_to_num(f["population_2026_commune"].astype(float), nan=0.0)
    units = np.maximum(np.rint(pop / 2.2), 1).astype(np.int64)  # ~2.2 people per premise
    C = len(codes)
    order = np.argsort(codes, kind="stable")
    phase_of = np.empty(C, dtype=np.int32)
    phase_of[order] = np.arange(C) * n_phases // C  # consecutive INSEE codes → 1,000 phases
    # no geometry is read (speed): the cost model's density uses a uniform synthetic area, France's mean commune
    # area (~15.4 km²), so that every commune is costed (the real areas: bench/bench_costs.py)
    layer = Layer("communes", "polygon", fields={"code_insee": codes, "nom": f["nom"],
                                                 "area_km2": np.full(C, 15.4)}, geometries=None)
    project = Project(communes=Communes(layer))
    for p in range(n_phases):
        deps = [Dependency(p, 50)] if p % 10 == 9 else []  # every tenth phase waits for half of the previous one
        project.phases.append(Phase(id=p + 1, name=f"P{p + 1}", crews=3, units_per_crew_month=150,
                                    earliest_start=f"{2018 + (p % 5)}-01", depends_on=deps, use_pool=pool))
    sc = Scenario(start="2018-01", horizon_months=120)
    sc.costs.area_field = "area_km2"
    if pool:
        sc.crew_pool = CrewPool(plan=[("2018-01", 1500), ("2020-01", 2500)])
    project.scenarios = [sc]
    cell = np.lexsort((np.arange(C), phase_of))
    a = Assignment(premise_commune=np.zeros(0, np.int32), premise_phase=np.zeros(0, np.int32),
                   cell_phase=phase_of[cell], cell_commune=cell.astype(np.int32), cell_units=units[cell],
                   commune_units=units, commune_phase=phase_of,
                   phase_units=np.bincount(phase_of, weights=units, minlength=n_phases).astype(np.int64),
                   phase_commune_count=np.bincount(phase_of, minlength=n_phases).astype(np.int32),
                   unplanned_units=0, total_units=int(units.sum()), phase_ids=[p.id for p in project.phases],
                   commune_level=True)
    return project, a


def main() -> int:
    print(f"Python {sys.version.split()[0]}, numpy {np.__version__}")
    project = gers_project()
    a = assign(project)
    print(f"Gers sample: {len(project.communes)} communes, {a.total_units:,} premise units, "
          f"{len(project.phases)} phases, {len(a.cell_phase)} cells")
    inp = inputs_from(project, a)
    med, best = timed(lambda: inputs_from(project, a), 20)
    print(f"  inputs_from (parameters, orders, validation): median {med:.2f} ms, min {best:.2f} ms")
    med, best = timed(lambda: run(inp), 50)
    print(f"  run (engine + communes + outputs), 120 months: median {med:.2f} ms, min {best:.2f} ms  [target ≤ 5 ms]")
    sc = project.scenario.copy("pool")
    sc.crew_pool = CrewPool(plan=[("2018-01", 30)])
    sc.phase_overrides = {p.id: {"use_pool": True} for p in project.phases}
    pinp = inputs_from(project, a, sc)
    med, best = timed(lambda: run(pinp), 30)
    print(f"  run with all phases on a crew pool (month-by-month path): median {med:.2f} ms, min {best:.2f} ms")

    for pool in (False, True):
        fp, fa = france_inputs(pool=pool)
        finp = inputs_from(fp, fa)
        label = "crew pool, month-by-month path" if pool else "own crews"
        print(f"France: {len(fa.commune_units):,} communes, {fa.total_units:,} units, {len(fp.phases)} phases, "
              f"120 months ({label})")
        med, best = timed(lambda: inputs_from(fp, fa), 3)
        print(f"  inputs_from: median {med:.0f} ms, min {best:.0f} ms")
        med, best = timed(lambda: run(finp), 5)
        print(f"  run: median {med:.0f} ms, min {best:.0f} ms  [target ≤ 500 ms]")
        r = run(finp)
        print(f"  milestones {r.milestones}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
