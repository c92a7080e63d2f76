"""Benchmark planning decisions on the Gers sample: goal seek (≤ 0.5 s), 1,000 uncertainty runs (≤ 2 s), comparison
(calibration: bench/bench_calibrate.py)."""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

from planner.core.phases.assignment import assign
from planner.core.decisions.goal_seek import goal_seek
from planner.core.project.model import CrewPool
from planner.core.decisions.scenario_compare import compare_scenarios
from planner.core.simulation.coverage import inputs_from
from planner.core.decisions.uncertainty import run_ensemble

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_simulate import gers_project  # noqa: E402



def timed(fn, repeat: int = 5):
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), min(times), out


def main() -> int:
    project = gers_project()
    a = assign(project)
    print(f"Gers sample: {a.total_units:,} units, {len(project.phases)} phases, 120 months")
    for vary in ("crews", "start", "productivity"):
        med, best, g = timed(lambda: goal_seek(project, 66, "2020-12", vary, a))
        print(f"  goal seek 66 % by 2020-12, vary {vary}: median {med:.0f} ms, min {best:.0f} ms, "
              f"{g.evaluations} runs -> {g.value}  [target ≤ 500 ms]")
    inp = inputs_from(project, a)
    spec_full = {"productivity": ["triangular", -0.2, 0.2], "study_months": ["triangular", -1, 2],
                 "start_delay": ["uniform", 0, 6]}
    for name, spec in (("productivity ±20 %", None), ("productivity + studies + start delays", spec_full)):
        med, best, e = timed(lambda: run_ensemble(inp, spec, runs=1000, seed=1, target=(66, "2019-12")), 3)
        print(f"  1,000 uncertainty runs ({name}): median {med:.0f} ms, min {best:.0f} ms; "
              f"66 % P10/P50/P90 {e.milestone_ranges[66]}, P(66 % by 2019-12) {e.probability:.2f}  [target ≤ 2000 ms]")
    pool = project.scenario.copy("Pool")
    pool.crew_pool = CrewPool(plan=[("2018-01", 20)])
    pool.phase_overrides = {p.id: {"use_pool": True} for p in project.phases}
    pinp = inputs_from(project, a, pool)
    med, best, e = timed(lambda: run_ensemble(pinp, None, runs=1000, seed=1), 3)
    print(f"  1,000 uncertainty runs, all phases on a 20-crew pool (month-by-month path): median {med:.0f} ms, "
          f"min {best:.0f} ms  [target ≤ 2000 ms]")
    fast = project.scenario.copy("Fast")
    fast.phase_overrides = {p.id: {"crews": 4} for p in project.phases}
    med, best, _ = timed(lambda: compare_scenarios(project, a, [project.scenario, fast]))
    print(f"  compare 2 scenarios: median {med:.1f} ms, min {best:.1f} ms")
    print("  calibration: bench/bench_calibrate.py")
    print(f"numpy {np.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
