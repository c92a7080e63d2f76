"""Benchmark calibration on the Gers sample with the demo plan (issue 12): territory fit with start ≤ 0.5 s,
per-phase fit of 17 phases ≤ 2 s, intervals included.

Cases: the real Arcep figures (T3 2017 – T1 2018, four phases with figures) and figures the simulation itself
produced with a different pace and start for each of the 17 phases (14 quarters, 3 % noise per commune), so that
every phase has its own fit. Prints the median and best of 5 runs and the number of candidate runs simulated.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from planner.core.decisions.actuals import Actuals
from planner.core.decisions.calibration import calibrate
from planner.core.months import parse_month
from planner.core.phases.assignment import assign
from planner.core.simulation.coverage import simulate
from planner.io.actuals.reader import read_actuals
from planner.io.layers.sample import load_sample_project

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_decisions import timed as timed_ms  # noqa: E402

ARCEP = Path(__file__).resolve().parents[2] / "shared" / "data" / "gers" / "arcep_ftth_gers_2017T3_2018T1.csv"


def timed(fn, repeat: int = 5):
    """(median, best) in seconds and the last result (bench_decisions.timed gives milliseconds)."""
    med, best, out = timed_ms(fn, repeat)
    return med / 1000, best / 1000, out


def synthetic(project, a, seed: int = 5) -> tuple[Actuals, dict]:
    """Figures of every commune for 14 quarters from 2018-06, each phase at its own pace and start."""
    rng = np.random.default_rng(seed)
    truth = project.scenario.copy("truth")
    for ph in project.phases:
        start = parse_month(ph.earliest_start or project.scenario.start) + int(rng.integers(0, 7))
        truth.phase_overrides[ph.id] = {"units_per_crew_month": ph.units_per_crew_month * rng.uniform(0.6, 1.6),
                                        "earliest_start": f"{start // 12}-{start % 12 + 1:02d}"}
    truth.use_as_built = False
    r = simulate(project, a, truth)
    months = [parse_month("2018-06") + 3 * k for k in range(14)]
    idx = [m - parse_month(r.start) for m in months]
    values = np.rint(r.commune_eligible[:, idx] * (1 + rng.normal(0, 0.03, (len(r.commune_units), 14))))
    return Actuals(months, values.astype(float), source="synthetic"), truth.phase_overrides


def line(name, med, best, c, target=None):
    own = sum(r.source == "phase" for r in c.phases)
    t = c.territory
    iv = f"× {t.factor_lo:.3g}–{t.factor_hi:.3g}" if t.factor_lo is not None else "no interval"
    print(f"  {name}: median {med:.2f} s, best {best:.2f} s, {c.evaluations:,} candidate runs; factor "
          f"{c.factor:.4g} ({iv}), shift {c.start_shift:+d}, {own} phases with their own fit, RMSE {c.rmse:,.0f}"
          + (f"  [target ≤ {target} s]" if target else ""))


def main() -> int:
    project = load_sample_project(demo_plan=True)
    a = assign(project)
    print(f"Gers sample with the demo plan: {a.total_units:,} units, {len(project.phases)} phases")
    act = read_actuals(ARCEP, project.communes)
    print(f"Arcep figures: {', '.join(f'{v:,.0f}' for v in act.totals())}")
    med, best, c = timed(lambda: calibrate(project, act, a, fit_start=True))
    line("Arcep, territory pace and start", med, best, c, 0.5)
    med, best, c = timed(lambda: calibrate(project, act, a, fit_start=True, per_phase=True))
    line("Arcep, per phase, pace and start", med, best, c, 2)
    med, best, c = timed(lambda: calibrate(project, act, a, fit_start=True, holdout=1))
    line("Arcep, territory pace and start, last quarter held out", med, best, c)
    syn, truth = synthetic(project, a)
    med, best, c = timed(lambda: calibrate(project, syn, a, fit_start=True))
    line("synthetic 14 quarters, territory pace and start", med, best, c, 0.5)
    med, best, c = timed(lambda: calibrate(project, syn, a, fit_start=True, per_phase=True))
    line("synthetic 14 quarters, per phase (17), pace and start", med, best, c, 2)
    errors = [abs(r.units_per_crew_month / truth[r.phase_id]["units_per_crew_month"] - 1) for r in c.phases
              if r.source == "phase" and not r.open_ends]
    inside = [r.upcm_lo <= truth[r.phase_id]["units_per_crew_month"] <= r.upcm_hi for r in c.phases
              if r.source == "phase"]
    print(f"    recovered paces (phases with a bounded interval): median error {np.median(errors):.1%}, worst "
          f"{max(errors):.1%}; truth inside the 90 % interval for {sum(inside)} of {len(inside)} phases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
