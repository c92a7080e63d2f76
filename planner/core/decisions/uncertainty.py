"""Uncertainty ensembles: many seeded runs with random productivity (and optionally studies and start delays).

`Scenario.uncertainty` maps a parameter to a distribution, drawn independently per run and per phase:

    {'productivity': ['triangular', -0.2, 0.2],   # relative: units_per_crew_month × (1 + draw)  (default)
     'study_months': ['triangular', -1, 2],       # months added to study_months (rounded, result >= 0)
     'start_delay':  ['uniform', 0, 6],           # months added to the earliest start (rounded, >= 0)
     'cost':         ['triangular', -0.1, 0.3]}   # relative: cost per unit × (1 + draw)

Distributions: ['triangular', low, high] (mode 0) or ['triangular', low, mode, high], ['uniform', low, high],
['normal', sd] (mean 0). An empty dict means the default: productivity triangular ±20 %.
Calibration (planner/core/decisions/calibration_report.py) adds relative productivity draws that multiply the above:
    'productivity_shared': dist              # one draw per run for every phase not listed below
    'productivity_phases': {'<phase id>': dist, ...}   # one draw per run for each listed phase
Runs are vectorised (the kernel takes a run axis); only aggregates are kept: P10/P50/P90 per month, the
milestone month ranges, the probability of meeting a target by a date and, when costs are drawn, P10/P50/P90 of
the plan's total cost (with a budget, dearer units also slow the build).

    run_ensemble(inputs, spec=None, runs=1000, seed=1, target=None, progress=None, cancel=None) -> Ensemble
    ensemble(project, assignment=None, scenario=None, runs=1000, seed=1, target=None, ...) -> Ensemble
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from planner.core.errors import ParameterError
from planner.core.months import format_month, parse_month
from planner.core.progress import check_cancel
from planner.core.simulation.engine import run_phases
from planner.core.simulation.inputs import SimInputs
from planner.core.simulation.coverage import MILESTONES

DEFAULT_SPEC = {"productivity": ["triangular", -0.2, 0.2]}
KNOWN = ("productivity", "study_months", "start_delay", "cost", "productivity_shared", "productivity_phases")
CELLS_PER_CHUNK = 4_000_000  # runs × phases × months held at once
MAX_RUNS = 100_000  # the (runs × months) coverage bands are held at once


@dataclass
class Ensemble:
    """Aggregated outputs of `runs` runs: coverage percentiles per month (float[T] each), per milestone the
    (P10, P50, P90) months reached ('YYYY-MM' or None = not reached within the horizon in that share of runs)
    and the probability of meeting `target` = (pct, 'YYYY-MM') when given."""

    months: list[str]
    runs: int
    seed: int
    spec: dict
    p10: np.ndarray
    p50: np.ndarray
    p90: np.ndarray
    mean: np.ndarray
    milestone_ranges: dict[int, tuple[str | None, str | None, str | None]]
    target: tuple[float, str] | None = None
    probability: float | None = None
    reach_share: dict[int, float] = field(default_factory=dict)  # share of runs reaching each milestone
    cost_bands: tuple[float, float, float] | None = None  # P10/P50/P90 of the plan's total cost (€), cost drawn
    #: (worst, best) coverage % among the runs at the target month: why a probability is 0 % or 100 %
    target_range: tuple[float, float] | None = None

    def json_bands(self) -> dict:
        """The 'p10'/'p50'/'p90' arrays placed beside 'coverage_pct' in the simulate JSON."""
        return {k: [round(float(v), 4) for v in getattr(self, k)] for k in ("p10", "p50", "p90")}

    def to_json_dict(self) -> dict:
        out = {"runs": self.runs, "seed": self.seed, "spec": self.spec,
               "milestones": {str(m): list(r) for m, r in self.milestone_ranges.items()}}
        if self.target is not None:
            out["target"] = {"pct": self.target[0], "by": self.target[1], "probability": self.probability}
        if self.cost_bands is not None:
            out["cost_eur"] = dict(zip(("p10", "p50", "p90"), (round(v, 2) for v in self.cost_bands)))
        return out

    def summary_lines(self) -> list[str]:
        lines = [f"Uncertainty: {self.runs} runs (seed {self.seed})"]
        for m, (lo, mid, hi) in self.milestone_ranges.items():
            lines.append(f"  {m} %: P10 {lo or 'not reached'}, P50 {mid or 'not reached'}, P90 {hi or 'not reached'}")
        if self.target is not None:
            lines.append(f"  P(coverage >= {self.target[0]:g} % by {self.target[1]}) = {self.probability:.1%}")
        if self.cost_bands is not None:
            lines.append("  total cost: " + ", ".join(f"{k} {v:,.0f} €" for k, v in
                                                       zip(("P10", "P50", "P90"), self.cost_bands)))
        return lines


def _draw(rng: np.random.Generator, dist, shape, name: str) -> np.ndarray:
    if not isinstance(dist, (list, tuple)) or not dist:
        raise ParameterError(f"expected e.g. ['triangular', -0.2, 0.2], got {dist!r}", field=f"uncertainty.{name}")
    kind, args = str(dist[0]).lower(), [float(a) for a in dist[1:]]
    try:
        if kind == "triangular":
            lo, mode, hi = (args[0], 0.0, args[1]) if len(args) == 2 else args
            if not lo <= mode <= hi or lo == hi:
                raise ValueError
            return rng.triangular(lo, mode, hi, size=shape)
        if kind == "uniform":
            lo, hi = args
            if hi < lo:
                raise ValueError
            return rng.uniform(lo, hi, size=shape)
        if kind == "normal":
            (sd,) = args
            if sd < 0:
                raise ValueError
            return rng.normal(0.0, sd, size=shape)
    except ValueError:
        raise ParameterError(f"invalid {kind} parameters {args}", field=f"uncertainty.{name}") from None
    raise ParameterError(f"unknown distribution {kind!r} (triangular, uniform or normal)", field=f"uncertainty.{name}")


def draw_parameters(inp: SimInputs, spec: dict, runs: int, rng: np.random.Generator) -> dict:
    """Per-run, per-phase (R, P) parameter arrays for the kernel, drawn from `spec`."""
    unknown = set(spec) - set(KNOWN)
    if unknown:
        raise ParameterError(f"unknown uncertain parameter(s) {sorted(unknown)} (use {', '.join(KNOWN)})",
                             field="uncertainty")
    shape = (runs, inp.n_phases)
    out = {}
    if "productivity" in spec:
        factor = 1.0 + _draw(rng, spec["productivity"], shape, "productivity")
        if np.any(factor <= 0):
            raise ParameterError("productivity draws must stay above -100 %", field="uncertainty.productivity")
        out["upcm"] = inp.upcm[None, :] * factor
    if "study_months" in spec:
        add = np.rint(_draw(rng, spec["study_months"], shape, "study_months")).astype(np.int64)
        out["study"] = np.maximum(inp.study[None, :] + add, 0)
    if "start_delay" in spec:
        add = np.rint(_draw(rng, spec["start_delay"], shape, "start_delay")).astype(np.int64)
        out["earliest"] = inp.earliest[None, :] + np.maximum(add, 0)
    if "cost" in spec:
        factor = 1.0 + _draw(rng, spec["cost"], shape, "cost")
        if np.any(factor <= 0):
            raise ParameterError("cost draws must stay above -100 %", field="uncertainty.cost")
        out["cost_factor"] = factor
    if "productivity_shared" in spec or "productivity_phases" in spec:
        factor = _calibrated_factors(inp, spec, runs, rng)
        out["upcm"] = out.get("upcm", inp.upcm[None, :]) * factor
    return out


def _cost_bands(inp: SimInputs, factor: np.ndarray) -> tuple[float, float, float]:
    """P10/P50/P90 of the plan's total cost when each run's units cost `factor` (R, P) times their price."""
    from planner.core.simulation.knots import segments

    fixed = 0.0 if inp.phase_fixed is None else float(np.sum(inp.phase_fixed))
    total = (factor * segments(inp).C[None, :]).sum(axis=1) + fixed
    return tuple(float(v) for v in np.percentile(total, [10, 50, 90]))


def _keep_resumed(params: dict, core: SimInputs, state) -> None:
    """Phases under way resume at the month after the as-of month with their studies done: their study months
    and start are not drawn (productivity is)."""
    resumed = np.array([s != "not_begun" for s in state.phase_state], dtype=bool)
    if "study" in params:
        params["study"][:, resumed] = core.study[resumed]
    if "earliest" in params:
        params["earliest"][:, resumed] = core.earliest[resumed]


def _calibrated_factors(inp: SimInputs, spec: dict, runs: int, rng: np.random.Generator) -> np.ndarray:
    """(R, P) productivity factors: one shared draw per run, and one per run for each phase listed by id."""
    factor = np.ones((runs, inp.n_phases))
    own = spec.get("productivity_phases") or {}
    if not isinstance(own, dict):
        raise ParameterError("expected {phase id: distribution}", field="uncertainty.productivity_phases")
    index = {str(pid): i for i, pid in enumerate(inp.phase_ids)}
    listed = np.zeros(inp.n_phases, dtype=bool)
    for pid in sorted(own, key=str):
        if str(pid) in index:
            listed[index[str(pid)]] = True
    if "productivity_shared" in spec:
        shared = 1.0 + _draw(rng, spec["productivity_shared"], (runs, 1), "productivity_shared")
        factor[:, ~listed] = shared
    for pid in sorted(own, key=str):
        if str(pid) in index:
            factor[:, index[str(pid)]] = 1.0 + _draw(rng, own[pid], runs, "productivity_phases")
    if np.any(factor <= 0):
        raise ParameterError("productivity draws must stay above -100 %", field="uncertainty.productivity_shared")
    return factor


def _month_percentiles(first: np.ndarray, T: int, start: int) -> tuple:
    """(P10, P50, P90) of the months at which runs reach a milestone (T = never) as labels or None."""
    q = np.percentile(first, [10, 50, 90], method="higher")
    return tuple(format_month(start + int(v)) if v < T else None for v in q)


def run_ensemble(inp: SimInputs, spec: dict | None = None, runs: int = 1000, seed: int = 1,
                 target: tuple[float, str] | None = None, progress=None, cancel=None) -> Ensemble:
    """`runs` seeded runs of the inputs with parameters drawn from `spec` (default productivity ±20 %)."""
    if not 1 <= runs <= MAX_RUNS:
        raise ParameterError(f"the number of runs must be from 1 to {MAX_RUNS:,}", field="runs")
    spec = dict(spec or DEFAULT_SPEC)
    rng = np.random.default_rng(seed)
    state = inp.start_state  # as-built start: every run shares the real history, draws vary what remains
    core = state.remaining(inp) if state is not None else inp
    params = draw_parameters(core, spec, runs, rng)
    T = inp.horizon
    base = state.territory_base(T) if state is not None else 0
    if state is not None:
        _keep_resumed(params, core, state)
    units = max(int(inp.total_units), 1)
    coverage = np.empty((runs, T))
    chunk = max(1, CELLS_PER_CHUNK // max(1, inp.n_phases * T))
    for a in range(0, runs, chunk):
        check_cancel(cancel)
        b = min(runs, a + chunk)
        ph = run_phases(core, b - a, **{k: v[a:b] for k, v in params.items()})
        coverage[a:b] = (ph.eligible.sum(axis=1) + base) * (100.0 / units)
        if progress:
            progress(b / runs, f"{b} of {runs} runs")
    p10, p50, p90 = np.percentile(coverage, [10, 50, 90], axis=0)
    ranges, share = {}, {}
    for m in MILESTONES:
        hit = coverage >= m - 1e-9
        first = np.where(hit.any(axis=1), hit.argmax(axis=1), T)
        ranges[m] = _month_percentiles(first, T, inp.start)
        share[m] = float((first < T).mean())
    prob = target_range = None
    if target is not None:
        pct, by = float(target[0]), str(target[1])
        t = parse_month(by) - inp.start
        if not 0 <= t < T:
            raise ParameterError(f"{by} is outside the simulated months", field="target")
        prob = float((coverage[:, t] >= pct - 1e-9).mean())
        target_range = (float(coverage[:, t].min()), float(coverage[:, t].max()))
    bands = _cost_bands(inp, params["cost_factor"]) if "cost_factor" in params else None
    return Ensemble(months=[format_month(inp.start + i) for i in range(T)], runs=runs, seed=seed, spec=spec,
                    p10=p10, p50=p50, p90=p90, mean=coverage.mean(axis=0), milestone_ranges=ranges,
                    target=target, probability=prob, reach_share=share, cost_bands=bands,
                    target_range=target_range)


def ensemble(project, assignment=None, scenario=None, runs: int = 1000, seed: int = 1, target=None,
             progress=None, cancel=None) -> Ensemble:
    """`run_ensemble` on a project's scenario (active by default), its uncertainty spec and assignment."""
    from planner.core.simulation.coverage import _scenario, inputs_from

    sc = _scenario(project, scenario)
    if assignment is None:
        from planner.core.phases.assignment import assign

        assignment = assign(project, cancel=cancel)
    inp = inputs_from(project, assignment, sc)
    return run_ensemble(inp, sc.uncertainty, runs=runs, seed=seed, target=target, progress=progress, cancel=cancel)
