"""Suggest a phasing: the Gers sample (458 communes, its premises, the demo plan's territory) and Occitanie
(4,485 communes, units from population_2026_commune, no premise layer), 14 and 40 phases; prints seconds.

Targets (issue 14): Gers <= 2 s, Occitanie <= 20 s (in the background with progress and cancel in the window).
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "data"


def _occitanie():
    import pyogrio
    import shapely

    from planner.core.project.model import Communes, Layer, Project
    from planner.io.layers.reproject import geometries_to_l93

    path = SHARED / "occitanie" / "occitanie_communes_2018.gpkg"
    meta, _, wkb, cols = pyogrio.raw.read(path)
    fields = {n: c for n, c in zip(meta["fields"], cols)}
    geoms = geometries_to_l93(shapely.from_wkb(wkb), meta["crs"])
    layer = Layer("communes", "polygon", fields=fields, geometries=geoms)
    return Project(name="Occitanie", communes=Communes(layer, code_field="code", units_field="population_2026_commune"))


def main() -> None:
    from planner.core.operations.suggest import SuggestPhases
    from planner.io.layers.sample import load_sample_project

    gers = load_sample_project(demo_plan=True)
    for n in (14, 40):
        t = time.perf_counter()
        r = SuggestPhases(n_phases=n).run(gers)
        print(f"gers-suggest-{n}-phases-s {time.perf_counter() - t:.2f}  (imbalance {r.plan.imbalance:.2f})")
    t = time.perf_counter()
    SuggestPhases(n_phases=14, pool=14, target_pct=66, by="2021-12").run(gers)
    print(f"gers-suggest-target-search-s {time.perf_counter() - t:.2f}  (7 phase counts x 3 seeds)")
    occ = _occitanie()
    for n in (13, 40):
        t = time.perf_counter()
        r = SuggestPhases(n_phases=n).run(occ)
        print(f"occitanie-suggest-{n}-phases-s {time.perf_counter() - t:.2f}  (imbalance {r.plan.imbalance:.2f}, "
              f"{len(occ.communes)} communes)")
    print(f"load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
