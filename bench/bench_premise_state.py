"""Benchmark of the premise state at a month (planner/core/simulation/premise_state.py), the rule the map, print
and exports share: the build order (once per assignment), the timeline (once per simulation result) and the states
at one month (each slider move), on the Gers sample (104,680 premises, demo plan) and on 1M premises in the Gers
communes with 20 phases (bench/bench_assign.py's generator).

Run: .venv/bin/python bench/bench_premise_state.py   (prints medians of 7 runs; figures in docs/performance.md)
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from planner.core.phases.assignment import assign  # noqa: E402
from planner.core.project.model import Project, Scenario  # noqa: E402
from planner.core.simulation.coverage import simulate  # noqa: E402
from planner.core.simulation.premise_state import BuildOrder, premise_states, premise_timeline  # noqa: E402


def median_ms(fn, runs: int = 7):
    times, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return out, statistics.median(times) * 1000.0


def measure(label: str, project: Project) -> None:
    a = assign(project)
    r = simulate(project, a)
    prem = project.premises
    order, t_order = median_ms(lambda: BuildOrder(a, prem.x, prem.y, prem.units))
    timeline, t_timeline = median_ms(lambda: premise_timeline(r, order))
    _, t_month = median_ms(lambda: premise_states(timeline, len(r.months) // 3))
    print(f"{label}: {len(prem):,} premises | build order {t_order:.0f} ms | timeline {t_timeline:.0f} ms | "
          f"states at a month {t_month:.1f} ms")


def main() -> None:
    from planner.io.layers.sample import load_sample_project

    measure("Gers sample, demo plan", load_sample_project(demo_plan=True))
    from bench_assign import load_communes, premises_in_communes, twenty_phases

    communes = load_communes()
    project = Project(communes=communes, premises=premises_in_communes(communes, 1_000_000),
                      phases=twenty_phases(communes), scenarios=[Scenario(start="2018-01")])
    measure("1M premises, 20 phases", project)


if __name__ == "__main__":
    main()
