"""Benchmark the as-built start (issue 21): what starting from actual figures adds to one simulation.

Targets: <= 20 ms added on the Gers sample (the real Arcep file, as of 2018-03) and <= 0.3 s added on France's
35,357 communes (1,000 phases, 120 months; 8 quarters of figures for 40 % of the communes, as of the last one).
"Added" = (inputs_from + run) with the project's actual figures minus the same without them.
Run: .venv/bin/python bench/bench_as_built.py
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_simulate import france_inputs, gers_project, timed  # noqa: E402

from planner.core.decisions.actuals import Actuals  # noqa: E402
from planner.core.phases.assignment import assign  # noqa: E402
from planner.core.project.as_built import AsBuilt, snapshot_from_actuals  # noqa: E402
from planner.core.simulation.coverage import inputs_from, run  # noqa: E402
from planner.io.actuals.reader import read_actuals  # noqa: E402

ARCEP = Path(__file__).resolve().parents[2] / "shared" / "data" / "gers" / "arcep_ftth_gers_2017T3_2018T1.csv"


def added(project, assignment, repeat: int, cold: bool = False) -> tuple[float, float, float]:
    """(median ms without figures, median ms with, difference). `cold`: a fresh AsBuilt each run, so that the
    snapshots are merged again (the first run after an import or an edit of the figures)."""
    figures = project.as_built
    project.as_built = None
    without, _ = timed(lambda: run(inputs_from(project, assignment)), repeat)
    project.as_built = figures

    def once():
        if cold:
            project.as_built = AsBuilt(list(figures.snapshots))
        run(inputs_from(project, assignment))
    with_, _ = timed(once, repeat)
    project.as_built = figures
    return without, with_, with_ - without


def france_figures(project, assignment) -> AsBuilt:
    """8 quarters (2018 T1 .. 2019 T4) of figures for 40 % of the communes, growing to a random share."""
    rng = np.random.default_rng(21)
    C = len(assignment.commune_units)
    quarters = [2018 * 12 + 2 + 3 * k for k in range(8)]
    values = np.full((C, len(quarters)), np.nan)
    rows = rng.random(C) < 0.4
    share = rng.random(C)[rows, None] * (np.arange(1, 9) / 8.0)[None, :]
    values[rows] = np.floor(assignment.commune_units[rows, None] * share)
    return AsBuilt([snapshot_from_actuals(Actuals(quarters, values, source="synthetic"), project.communes)])


def main() -> int:
    project = gers_project()
    a = assign(project)
    project.as_built = AsBuilt([snapshot_from_actuals(read_actuals(ARCEP, project.communes), project.communes)])
    project.scenario.as_of = "2018-03"
    r = run(inputs_from(project, a))
    print(f"Gers sample: {len(project.communes)} communes, {len(project.phases)} phases; as of 2018-03: "
          f"{int(r.eligible[2]):,} eligible (real figures)")
    for cold in (True, False):
        without, with_, diff = added(project, a, 40, cold)
        print(f"  inputs_from + run: {without:.2f} ms from nothing, {with_:.2f} ms from the as-built state: "
              f"+{diff:.2f} ms  [target <= 20 ms] ({'figures merged again' if cold else 'merged figures kept'})")
    fp, fa = france_inputs()
    fp.as_built = france_figures(fp, fa)
    r = run(inputs_from(fp, fa))
    print(f"France: {len(fa.commune_units):,} communes, {len(fp.phases)} phases, 120 months; as of "
          f"{r.as_built.as_of}: {int(r.eligible[r.as_built.as_of_index]):,} eligible (synthetic figures)")
    for cold in (True, False):
        without, with_, diff = added(fp, fa, 5, cold)
        print(f"  inputs_from + run: {without:.0f} ms from nothing, {with_:.0f} ms from the as-built state: "
              f"+{diff:.0f} ms  [target <= 300 ms] ({'figures merged again' if cold else 'merged figures kept'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
