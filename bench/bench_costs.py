"""Benchmark costs and budgets (issue 13): a budget-constrained run on the Gers sample (≤ 10 ms), on France's
35,357 communes × 1,000 phases × 120 months (≤ 1 s), and goal seek on the budget on the Gers sample (≤ 1 s).

Run from the repository root: `.venv/bin/python bench/bench_costs.py`. France's commune areas come from its
geometries reprojected to Lambert-93 (set-up, not timed).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402

from planner.core.decisions.goal_seek import goal_seek  # noqa: E402
from planner.core.phases.assignment import assign  # noqa: E402
from planner.core.simulation.coverage import inputs_from, run  # noqa: E402
from planner.core.simulation.whatif import with_budget  # noqa: E402
from bench_simulate import FRANCE, france_inputs, gers_project, timed  # noqa: E402


def france_areas_km2() -> np.ndarray:
    """Area of each commune of the France file in km² (Lambert-93), in the file's order."""
    import pyogrio.raw
    import shapely
    from pyproj import Transformer

    _, _, wkb, _ = pyogrio.raw.read(FRANCE, read_geometry=True, columns=[])
    geoms = shapely.from_wkb(wkb)
    to_l93 = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)
    geoms = shapely.transform(geoms, lambda xy: np.column_stack(to_l93.transform(xy[:, 0], xy[:, 1])))
    return shapely.area(geoms) / 1e6


def gers(budget_per_year: float) -> None:
    project = gers_project()
    a = assign(project)
    free = run(inputs_from(project, a))
    sc = with_budget(project.scenario, budget_per_year)
    inp = inputs_from(project, a, sc)
    r = run(inp)
    print(f"Gers sample: {a.total_units:,} units, {len(project.phases)} phases, 120 months; plan "
          f"{free.costs.cost_total:,.0f} €; budget {budget_per_year:,.0f} € a year: "
          f"{int((r.costs.phase_waits() > 0).sum())} phases wait for money, 100 % {r.milestones[100]} "
          f"(without budget {free.milestones[100]})")
    med, best = timed(lambda: run(inp), 30)
    print(f"  budget-constrained run (engine + outputs + money): median {med:.2f} ms, min {best:.2f} ms "
          f"[target ≤ 10 ms]")
    med, best = timed(lambda: run(inputs_from(project, a, sc)), 10)
    print(f"  the same with inputs_from (classes, costs, budget): median {med:.2f} ms, min {best:.2f} ms")
    g = goal_seek(project, 66, "2022-12", "budget", a)
    med, best = timed(lambda: goal_seek(project, 66, "2022-12", "budget", a), 5)
    print(f"  goal seek on the budget, 66 % by 2022-12: {g.value:,} € a year ({g.evaluations} runs): "
          f"median {med:.0f} ms, min {best:.0f} ms [target ≤ 1 s]")


def france(budget_per_year: float) -> None:
    fp, fa = france_inputs()
    fp.communes.layer.fields["area_km2"] = france_areas_km2()  # the real areas (bench_simulate uses a mean)
    sc = with_budget(fp.scenario, budget_per_year)
    inp = inputs_from(fp, fa, sc)
    r = run(inp)
    print(f"France: {len(fa.commune_units):,} communes, {fa.total_units:,} units, {len(fp.phases)} phases, 120 "
          f"months; plan {r.costs.cost_total:,.0f} €; budget {budget_per_year:,.0f} € a year: "
          f"{int((r.costs.phase_waits() > 0).sum())} phases wait for money, coverage at the end "
          f"{r.coverage_pct[-1]:.1f} %")
    med, best = timed(lambda: run(inp), 5)
    print(f"  budget-constrained run: median {med:.0f} ms, min {best:.0f} ms [target ≤ 1,000 ms]")
    med, best = timed(lambda: inputs_from(fp, fa, sc), 3)
    print(f"  inputs_from with costs: median {med:.0f} ms, min {best:.0f} ms")


def main() -> int:
    print(f"Python {sys.version.split()[0]}, numpy {np.__version__}")
    gers(12_000_000)
    france(3_000_000_000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
