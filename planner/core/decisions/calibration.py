"""Calibration on actuals (DESIGN §4 step 8): least-squares pace (and start) per territory or per phase, with
diagnostics, a 90 % interval on each fitted value, a backtest on held-out quarters and the projection.

    calibrate(project, actuals, assignment=None, scenario=None, fit_start=False, start_span=24, per_phase=False,
              holdout=0, communes=None, phases=None, lang='fr', progress=None, cancel=None) -> Calibration

The pace is a factor on the scenario's units per crew per month (phases keep their relative paces); with
`fit_start` the start moves by whole months (every phase's earliest start; the staffing plan stays put). The
objective is Σ over fitted quarters of (planned − actual)², both summed over the communes that count
(`calibration_problem`); the search and the profile interval are in `calibration_search`, the diagnostics in
`calibration_checks`, the report (JSON, text, uncertainty) in `calibration_report`.
With `per_phase`, the territory is fitted first; then every phase whose communes have non-zero figures gets its
own pace (and start), phases a dependency level at a time (one at a time with a crew pool); phases without
figures, or whose own fit is flat or on a limit, keep the territory's values and `PhaseFit.reason` says why.
A flat objective, or a case no fit can decide, raises CalibrationError; a territory fit left on a limit of the
search is returned with `degenerate` set (no answer: the GUI offers nothing to apply, the CLI exits 2).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np

from planner.core.decisions.calibration_checks import (CalibrationError, Said, bound_message, check_figures,
                                                       flat_error, interval_warnings, phase_reason)
from planner.core.decisions.calibration_problem import TERRITORY, FitProblem
from planner.core.decisions.calibration_search import GroupFit, Search
from planner.core.months import format_month, parse_month
from planner.core.simulation.coverage import SimulationResult, _scenario, inputs_from, run
from planner.core.simulation.engine import dependency_levels
from planner.core.simulation.inputs import topological_order

CURVE_AHEAD = 12  # months of the fitted curve drawn after the last quarter with figures

__all__ = ["calibrate", "Calibration", "PhaseFit", "CalibrationError", "calibrated_scenario", "projection"]


@dataclass
class PhaseFit:
    """One phase's calibrated values: `source` 'phase' (its own fit), 'start' (the territory's pace, its own start:
    its figures do not bound its pace) or 'territory' (the territory's values); `reason` says why not 'phase'; `factor`, `units_per_crew_month`, `shift` (months); interval ends (None when not
    computed) and `open_ends` (interval ends left at a search limit); `quarters` fitted and `rmse` of its own fit
    (None for territory phases)."""

    phase_id: int
    name: str
    source: str
    reason: str | None
    factor: float
    units_per_crew_month: float
    shift: int
    factor_lo: float | None = None
    factor_hi: float | None = None
    upcm_lo: float | None = None
    upcm_hi: float | None = None
    shift_lo: int | None = None
    shift_hi: int | None = None
    quarters: int = 0
    rmse: float | None = None
    open_ends: list[str] = field(default_factory=list)


@dataclass
class Calibration:
    """A calibration's answer and how well it holds.

    Territory fit: `factor`, `start_shift`, `start` ('YYYY-MM'), `territory` (its GroupFit, interval included).
    Per phase: `phases` [PhaseFit] and `units_per_crew_month` {phase name: value}.
    Quarters (fitted then held out): `quarters` (absolute months), `labels`, `held_out` bool[Q], `fitted`
    (planned with the calibrated values), `actual`, `error` = fitted − actual; `rmse` over the fitted quarters,
    `holdout_rmse` over the held-out ones (None without). `curve_months`/`curve`: the fitted plan month by month
    over the counted communes. `ahead`/`behind`: communes furthest ahead of / behind the fitted plan at the last
    fitted quarter (dicts code, name, actual, plan, difference). `warnings`, `degenerate` (None or why the
    answer is none). `scenario`: the projection as a new Scenario, `result` its simulation, which starts from
    what is built (the project's as-built state, else `as_built`: the figures calibrated on)."""

    factor: float
    start_shift: int
    start: str
    territory: GroupFit
    phases: list[PhaseFit]
    units_per_crew_month: dict[str, float]
    quarters: list[int]
    labels: list[str]
    held_out: np.ndarray
    fitted: np.ndarray
    actual: np.ndarray
    error: np.ndarray
    rmse: float
    holdout_rmse: float | None
    curve_months: np.ndarray
    curve: np.ndarray
    ahead: list[dict]
    behind: list[dict]
    warnings: list[str]
    degenerate: str | None
    fit_start: bool
    per_phase: bool
    scenario: object
    result: SimulationResult
    evaluations: int = 0
    options: dict = field(default_factory=dict)
    as_built: object = None  # the figures the projection starts from when the project holds none (AsBuilt)

    def summary_lines(self) -> list[str]:
        from planner.core.decisions.calibration_report import summary_lines

        return summary_lines(self)

    def to_json_dict(self) -> dict:
        from planner.core.decisions.calibration_report import to_json_dict

        return to_json_dict(self)

    def uncertainty_spec(self) -> dict | None:
        from planner.core.decisions.calibration_report import uncertainty_spec

        return uncertainty_spec(self)


def calibrate(project, actuals, assignment=None, scenario=None, fit_start: bool = False, start_span: int = 24,
              per_phase: bool = False, holdout: int = 0, communes=None, phases=None, lang: str = "fr",
              progress=None, cancel=None) -> Calibration:
    """Fit the pace (and start) to the actual figures; see the module docstring."""
    report = progress or (lambda f, m="": None)
    base = _scenario(project, scenario)
    if assignment is None:
        from planner.core.phases.assignment import assign

        assignment = assign(project, cancel=cancel)
    problem = FitProblem(project, assignment, base, actuals, holdout=holdout, communes=communes, phases=phases)
    warnings = check_figures(problem, fit_start, lang)
    if actuals.unmatched:
        warnings.append(Said("unmatched", f"{len(actuals.unmatched)} codes of the file match no commune of the "
                             f"project ({', '.join(actuals.unmatched[:6])}{'…' if len(actuals.unmatched) > 6 else ''}).",
                             codes=list(actuals.unmatched)))
    search = Search(problem, fit_start, start_span, cancel)
    P = problem.n_phases
    factors, shifts = np.ones(P), np.zeros(P, dtype=np.int64)
    report(0.05, "fitting the territory")
    terr = search.fit([TERRITORY], factors, shifts)[TERRITORY]
    if terr.flat:
        raise flat_error(problem, fit_start, lang)
    factors[:], shifts[:] = terr.factor, terr.shift
    report(0.3, "interval of the territory fit")
    search.intervals({TERRITORY: terr}, factors, shifts)
    degenerate = bound_message(terr, problem, lang)
    if degenerate:
        warnings.insert(0, degenerate)
    warnings += interval_warnings(terr, "Territory")
    fits = {}
    if per_phase:
        report(0.5, "fitting the phases")
        fits = _fit_phases(problem, search, terr, factors, shifts, fit_start, lang, warnings, report)
    report(0.85, "projecting")
    cal = _assemble(project, assignment, base, problem, terr, fits, factors, shifts, warnings, degenerate, lang)
    cal.fit_start, cal.per_phase, cal.evaluations = bool(fit_start), bool(per_phase), search.evaluations
    cal.options = {"fit_start": bool(fit_start), "per_phase": bool(per_phase), "holdout": int(holdout),
                   "communes": list(communes or []), "phases": [str(p) for p in phases or []],
                   "start_span": int(start_span), "scenario": base.name}
    report(1.0, "calibrated")
    return cal


def _batches(problem: FitProblem, phases: list[int]) -> list[list[int]]:
    """Phases that can be fitted together: a dependency level at a time; one at a time with a crew pool."""
    inp = problem.inp0
    wanted = set(phases)
    if inp.use_pool.any():
        return [[int(p)] for p in topological_order(inp) if int(p) in wanted]
    level = dependency_levels(inp)
    return [[p for p in phases if level[p] == lv] for lv in sorted({int(level[p]) for p in phases})]


def _fit_phases(problem, search, terr, factors, shifts, fit_start, lang, warnings, report) -> dict[int, tuple]:
    """Own fits of the phases with figures (in place in factors/shifts); {phase: (GroupFit or None, reason)}.
    Phases without their own fit take the territory's pace factor and keep their planned start: the territory's
    start shift says when the phases with figures began, not when the others will. Progress goes from 0.5 to
    0.85, two steps per batch (its fits, then their intervals)."""
    out = {}
    shifts[:] = 0
    todo = []
    for p in range(problem.n_phases):
        reason = phase_reason(problem, p + 1, fit_start, lang)
        if reason is None:
            todo.append(p)
        else:
            out[p] = (None, reason)
    batches = _batches(problem, todo)
    for done, batch in enumerate(batches):
        report(0.5 + 0.35 * done / len(batches), "fitting the phases")
        fits = search.fit([p + 1 for p in batch], factors, shifts, centre=terr.factor)
        good = {}
        for p in batch:
            f = fits[p + 1]
            if f.flat:
                out[p] = (None, "its plan builds nothing in its communes up to the last fitted quarter")
            elif f.bound:
                out[p] = (None, "its own fit stays on a limit of the search (" + ", ".join(f.bound) + ")")
            else:
                factors[p], shifts[p] = f.factor, f.shift
                good[p + 1] = f
                out[p] = (f, None)
        report(0.5 + 0.35 * (done + 0.5) / len(batches), "intervals of the phases")
        search.intervals(good, factors, shifts)
        loose = [g - 1 for g, f in good.items() if {"pace low", "pace high"} <= set(f.open_ends)]
        for p in loose:  # any pace fits its figures: the territory's pace, and its own start when fitted
            factors[p], shifts[p] = terr.factor, 0
            out[p] = (None, "its figures do not bound its pace (its 90 % interval reaches both limits of the "
                            "search)")
        if loose and fit_start:
            _fit_starts_alone(problem, search, terr, loose, factors, shifts, out)
    warnings += _phase_warnings(problem, [f for f, _ in out.values() if f is not None and f.k > 1 - fit_start])
    return out


def _fit_starts_alone(problem, search, terr, phases, factors, shifts, out) -> None:
    """The start shift of `phases` fitted alone, their pace held at the territory's (in place)."""
    alone = Search(problem, True, search.span, search.cancel, fixed_factor=terr.factor)
    fits = alone.fit([p + 1 for p in phases], factors, shifts)
    good = {p + 1: fits[p + 1] for p in phases if not fits[p + 1].flat and not fits[p + 1].bound}
    for g, f in good.items():
        shifts[g - 1] = f.shift
    alone.intervals(good, factors, shifts)
    search.evaluations += alone.evaluations
    for g, f in good.items():
        out[g - 1] = (f, "its figures do not bound its pace: the territory's pace, its own start")


def _phase_warnings(problem, fitted: list[GroupFit]) -> list[str]:
    out = []
    sentences = {  # kind: (several phases, one phase)
        "none": ("Phases {0} have as many fitted values as quarters: their fits are exact and have no interval.",
                 "Phase {0} has as many fitted values as quarters: its fit is exact and has no interval."),
        "open": ("Phases {0} have 90 % intervals that reach the limits of the search: the figures do not pin their "
                 "values down (see the phase table).",
                 "Phase {0} has 90 % intervals that reach the limits of the search: the figures do not pin its "
                 "values down (see the phase table)."),
    }
    for kind, (many, one) in sentences.items():
        names = [problem.group_names[f.group] for f in fitted
                 if (f.critical() is None if kind == "none" else bool(f.open_ends))]
        if names:
            text = (many if len(names) > 1 else one).format(", ".join(f"'{n}'" for n in names))
            out.append(Said("phases_" + kind, text, names=names))
    return out


def _phase_table(project, base, terr: GroupFit, fits: dict, factors, shifts) -> list[PhaseFit]:
    """Rows of the phase table. Sources: 'phase' (its own pace, and start when fitted), 'start' (the territory's
    pace, its own start), 'territory' (the territory's pace, and start without per-phase fits)."""
    rows = []
    for p, ph in enumerate(project.phases):
        upcm = float(base.phase_value(ph, "units_per_crew_month"))
        f, reason = fits.get(p, (None, "territory fit only" if not fits else None))
        source = "territory" if f is None else ("phase" if reason is None else "start")
        pace = f if source == "phase" else terr
        start = f if f is not None else (terr if not fits else None)
        ends = [e for e in pace.open_ends if e.startswith("pace")]
        ends += [e for e in (start.open_ends if start is not None else []) if e.startswith("start")]
        rows.append(PhaseFit(
            phase_id=ph.id, name=ph.name, source=source, reason=reason,
            factor=float(factors[p]), units_per_crew_month=upcm * float(factors[p]), shift=int(shifts[p]),
            factor_lo=pace.factor_lo, factor_hi=pace.factor_hi,
            upcm_lo=None if pace.factor_lo is None else upcm * pace.factor_lo,
            upcm_hi=None if pace.factor_hi is None else upcm * pace.factor_hi,
            shift_lo=start.shift_lo if start is not None else None,
            shift_hi=start.shift_hi if start is not None else None,
            quarters=int(f.n) if f is not None else 0, rmse=f.rmse if f is not None else None, open_ends=ends))
    return rows


def _assemble(project, assignment, base, problem, terr, fits, factors, shifts, warnings, degenerate, lang):
    plan = problem.evaluate(factors[None], shifts[None], [TERRITORY])[0, 0]
    actual = problem.actual[TERRITORY]
    error = plan - actual
    fit = problem.fit
    rmse = float(np.sqrt(np.mean(error[fit] ** 2)))
    hold = float(np.sqrt(np.mean(error[~fit] ** 2))) if (~fit).any() else None
    first = min(int(problem.quarters[0]), parse_month(base.start) + int(shifts.min())) - 3
    months, curve = problem.monthly(factors[None], shifts[None], first=first, extend=CURVE_AHEAD)
    ahead, behind = _ahead_behind(project, problem, factors, shifts)
    rows = _phase_table(project, base, terr, fits, factors, shifts)
    sc = calibrated_scenario(project, base, factors, shifts)
    as_built = None if project.as_built is not None else _as_built_from(problem, project)
    result = projection(project, assignment, sc, as_built)
    return Calibration(
        factor=terr.factor, start_shift=terr.shift, start=format_month(parse_month(base.start) + terr.shift),
        territory=terr, phases=rows, units_per_crew_month={r.name: r.units_per_crew_month for r in rows},
        quarters=[int(q) for q in problem.quarters], labels=problem.quarter_labels(lang), held_out=~fit,
        fitted=plan, actual=actual, error=error, rmse=rmse, holdout_rmse=hold, curve_months=months, curve=curve,
        ahead=ahead, behind=behind, warnings=warnings, degenerate=degenerate, fit_start=False, per_phase=False,
        scenario=sc, result=result, as_built=as_built)


def _ahead_behind(project, problem, factors, shifts, n: int = 5) -> tuple[list[dict], list[dict]]:
    """Communes furthest ahead of and behind the fitted plan at the last fitted quarter."""
    q = int(np.flatnonzero(problem.fit)[-1])
    plan = problem.commune_plan(factors[None], shifts[None])[:, q]
    col = int(problem.q_cols[q])
    actual = problem.actuals_values[:, col]
    rows = problem.commune_rows
    rows = rows[~np.isnan(actual[rows])]
    diff = actual[rows] - plan[rows]
    codes, names = project.communes.codes, project.communes.names

    def item(r, d):
        return {"code": str(codes[r]), "name": str(names[r]), "actual": float(actual[r]), "plan": float(plan[r]),
                "difference": float(d)}

    order = np.argsort(-diff, kind="stable")
    ahead = [item(rows[i], diff[i]) for i in order[:n] if diff[i] > 0]
    behind = [item(rows[i], diff[i]) for i in order[::-1][:n] if diff[i] < 0]
    return ahead, behind


# --- the projection: the one place that turns fitted values into a scenario and its run --------------------
def calibrated_scenario(project, base, factors, shifts, name: str | None = None):
    """`base` with every phase's units per crew per month × its factor and earliest start + its shift (months);
    when a start moves before the scenario start, the simulated period starts there too (same end). The
    staffing plan stays as it was."""
    sc = base.copy(name or f"{base.name} – calibrated")
    start = parse_month(base.start)
    earliest = []
    for p, ph in enumerate(project.phases):
        o = sc.phase_overrides.setdefault(ph.id, {})
        o["units_per_crew_month"] = float(base.phase_value(ph, "units_per_crew_month")) * float(factors[p])
        es = parse_month(base.phase_value(ph, "earliest_start") or base.start) + int(shifts[p])
        earliest.append(es)
        o["earliest_start"] = format_month(es)
    first = min(earliest, default=start)
    if first < start:
        sc.start = format_month(first)
        sc.horizon_months = int(base.horizon_months) + start - first
    return sc


def projection(project, assignment, scenario, as_built=None) -> SimulationResult:
    """The calibrated scenario's run. It starts from what is built (DESIGN §4 step 0): the project's as-built
    state, or `as_built` when the project holds none; up to its as-of month the curves are the real history,
    after it the calibrated pace builds what remains (no restart from zero, no jump)."""
    if as_built is not None and project.as_built is None:
        project = dataclasses.replace(project, as_built=as_built)
    return run(inputs_from(project, assignment, scenario))


def _as_built_from(problem, project):
    """The calibration's figures as an as-built state (all communes with figures, whatever the fit counted)."""
    from planner.core.decisions.actuals import Actuals
    from planner.core.project.as_built import AsBuilt, snapshot_from_actuals

    act = Actuals(list(problem.all_quarters), problem.actuals_values, source=problem.actuals_source)
    snap = snapshot_from_actuals(act, project.communes)
    return AsBuilt([snap]) if snap.codes else None
