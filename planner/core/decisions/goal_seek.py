"""Goal seek: the fewest crews, latest start, lowest productivity or budget that meets a coverage target by a date.

    goal_seek(project, target_pct, by, vary='crews', assignment=None, scenario=None, communes=None,
              phase_ids=None, progress=None, cancel=None) -> GoalSeekResult

Coverage is of the territory, or of the chosen communes (INSEE codes) when `communes` is given, at the end
of month `by`. `vary`:
- 'crews': the fewest whole crews. When pool phases exist, the size of the pool (constant from the scenario
  start); otherwise the crews of every phase in `phase_ids` (default all), the same number for each.
- 'start': the latest month the whole programme can start (phase offsets and staffing plan kept, see
  `sim_whatif.shifted_start`); searched up to 10 years before the scenario start.
- 'productivity': the lowest whole units per crew per month of the phases in `phase_ids` (default all).
- 'budget': the lowest constant yearly budget (whole thousands of euros, every simulated year) — infeasible
  when the crews alone, with unlimited money, miss the target.
Coverage never decreases with more crews, an earlier start or more productivity, so a bisection over the
integers finds the answer exactly; the answer and the value one step worse are both simulated. When no
value meets the target, `reason` says why (unplanned units, studies or dependencies ending too late).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.core.errors import ParameterError
from planner.core.months import format_month, parse_month
from planner.core.progress import check_cancel
from planner.core.simulation.whatif import shifted_start, with_budget, with_phase_value, with_pool_crews
from planner.core.simulation.coverage import SimulationResult, _scenario, inputs_from, run

MAX_CREWS = 10_000
MAX_PRODUCTIVITY = 1_000_000
START_SPAN = 120  # months searched before the scenario start
BUDGET_STEP = 1000  # euros: the budget answer is a whole number of thousands of euros per year


@dataclass
class GoalSeekResult:
    """`value`: the answer (int crews, 'YYYY-MM' start, int units per crew per month or int € per year), None when
    impossible.
    `coverage`: coverage % at `by` with the answer; `below_value`/`below_coverage`: one step worse (fewer crews,
    one month later, one unit less), which misses the target. `scenario`: the answer applied as a new Scenario."""

    vary: str
    target_pct: float
    by: str
    value: int | str | None
    feasible: bool
    reason: str
    coverage: float | None = None
    below_value: int | str | None = None
    below_coverage: float | None = None
    scenario: object = None
    result: SimulationResult | None = None
    evaluations: int = 0
    as_of: str | None = None  # the as-built start: only what remains after this month was varied
    crews: "CrewTotals | None" = None
    #: when infeasible, why as (code, parameters): see WHY_CODES; `reason` is its English sentence
    why: tuple[str, dict] | None = None

    def message(self) -> str:
        what = {"crews": "crews", "start": "latest start", "productivity": "units per crew per month",
                "budget": "budget (€ per year)"}[self.vary]
        if self.as_of is not None and self.vary == "start":
            what = "latest restart of the remaining work"
        since = f" (from what is built as of {self.as_of})" if self.as_of is not None else ""
        if not self.feasible:
            return f"No {what} reaches {self.target_pct:g} % by {self.by}{since}: {self.reason}"
        show = (lambda v: f"{v:,}") if self.vary == "budget" else str  # noqa: E731
        below = self.below_coverage
        d = 1  # enough decimals that the answer and the step below never read the same
        while below is not None and d < 4 and f"{below:.{d}f}" == f"{self.coverage:.{d}f}":
            d += 1
        return (f"{what}: {show(self.value)} reaches {self.coverage:.{d}f} % by {self.by} "
                f"(target {self.target_pct:g} %)"
                + (f"; {show(self.below_value)} gives {below:.{d}f} %" if self.below_value is not None else "")
                + since)

    def crews_line(self) -> str | None:
        """What a crews answer means in all (None for other answers)."""
        return self.crews.line() if self.crews is not None else None

    def to_json_dict(self) -> dict:
        return {"vary": self.vary, "target_pct": self.target_pct, "by": self.by, "value": self.value,
                "feasible": self.feasible, "reason": self.reason, "coverage_pct": self.coverage,
                "below_value": self.below_value, "below_coverage_pct": self.below_coverage, "as_of": self.as_of,
                "milestones": {str(k): v for k, v in self.result.milestones.items()} if self.result else None,
                **(self.crews.to_json_dict() if self.crews is not None else {})}


@dataclass
class CrewTotals:
    """What a crews answer means for the whole programme: `per_phase` crews in each of the `varied` phases (of
    `phases`; or a pool of that size), `total` crews over all phases (each phase's crews added up: the crews to
    hire if no phase handed its crews on), and the most at work in one month (`peak`, first in `peak_month`)."""

    per_phase: float
    varied: int
    phases: int
    total: float
    peak: float
    peak_month: str | None
    pool: bool = False

    def line(self) -> str:
        if self.pool:
            return f"total crews: a pool of {self.per_phase:g} crews shared by the pool phases"
        others = self.phases - self.varied
        how = (f"{self.per_phase:g} in each of the {self.varied} phases varied, the other {others} keep their own"
               if others else f"{self.per_phase:g} in each of the {self.varied} phases")
        return f"total crews: {self.total:g} ({how}); at most {self.peak:g} at work in one month ({self.peak_month})"

    def to_json_dict(self) -> dict:
        return {"crews_per_phase": self.per_phase, "phases_varied": self.varied, "total_crews": self.total,
                "peak_crews": self.peak, "peak_crews_month": self.peak_month, "crew_pool": self.pool}


def crew_totals(project, scenario, result: SimulationResult, per_phase: float, phase_ids, pool: bool) -> CrewTotals:
    """The totals of a crews answer `per_phase` applied as `scenario` (run as `result`)."""
    varied = len(project.phases) if phase_ids is None else len(phase_ids)
    if pool:
        return CrewTotals(per_phase, varied, len(project.phases), per_phase, per_phase, result.start, pool=True)
    crews = np.array([float(scenario.phase_value(p, "crews")) for p in project.phases])
    T, start = len(result.months), parse_month(result.start)
    busy = np.zeros((len(crews), T), dtype=bool)
    for i, (b, e) in enumerate(zip(result.phase_build_start, result.phase_end)):
        if b is not None:
            last = T - 1 if e is None else parse_month(e) - start
            busy[i, max(0, parse_month(b) - start): last + 1] = True
    at_work = crews @ busy if len(crews) else np.zeros(T)
    t = int(np.argmax(at_work)) if T else 0
    return CrewTotals(per_phase, varied, len(project.phases), float(crews.sum()), float(at_work[t]) if T else 0.0,
                      result.months[t] if T else None)


class _Evaluator:
    """Simulates candidate scenarios and measures coverage at `by` (territory or chosen communes)."""

    def __init__(self, project, assignment, base, by: str, communes, cancel):
        self.project, self.assignment, self.base, self.cancel = project, assignment, base, cancel
        self.by_abs = parse_month(by)
        self.rows = None
        if communes:
            try:
                self.rows = np.array([project.communes.index_of(c) for c in communes], dtype=np.int64)
            except KeyError as exc:
                raise ParameterError(f"unknown commune {exc.args[0]!r}", field="communes") from None
        self.count = 0

    def horizon_for(self, sc):
        """A copy of `sc` whose horizon reaches `by`."""
        need = self.by_abs - parse_month(sc.start) + 1
        if need < 1:
            raise ParameterError(f"the target date {format_month(self.by_abs)} is before the start {sc.start}",
                                 field="by")
        if sc.horizon_months < need:
            sc = sc.copy(sc.name)
            sc.horizon_months = need
        return sc

    def result(self, sc) -> SimulationResult:
        check_cancel(self.cancel)
        self.count += 1
        sc = self.horizon_for(sc)
        return run(inputs_from(self.project, self.assignment, sc), with_communes=self.rows is not None)

    def coverage(self, r: SimulationResult) -> float:
        t = self.by_abs - parse_month(r.start)
        if self.rows is None:
            return float(r.coverage_pct[t])
        units = r.commune_units[self.rows].sum()
        return float(r.commune_eligible[self.rows, t].sum() * 100.0 / units) if units else 0.0

    def planned_share(self) -> float:
        a = self.assignment
        if self.rows is None:
            return 100.0 * (a.total_units - a.unplanned_units) / max(a.total_units, 1)
        planned = np.zeros(len(a.commune_units), dtype=np.int64)
        np.add.at(planned, np.asarray(a.cell_commune), np.asarray(a.cell_units))
        return 100.0 * planned[self.rows].sum() / max(int(a.commune_units[self.rows].sum()), 1)


def _bisect_lowest(ok, lo: int, hi: int) -> int:
    """Smallest integer x in [lo, hi] with ok(x), given ok(hi) and ok monotone non-decreasing."""
    while lo < hi:
        mid = (lo + hi) // 2
        if ok(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo


#: why a target is out of reach, as a code and its parameters (GoalSeekResult.why); the window words them in the
#: interface language, `reason_text` in English for the command line and JSON
WHY_CODES = ("unplanned", "never_starts", "studies_late", "pace")
#: what limits the pace when every phase starts in time (the 'pace' code's `hint`)
PACE_HINTS = {"": "ramp-up, calendar and dependencies limit the pace",
              "pool": "each pool phase takes at most its own crews",
              "start": "even a start in {start} is too late with these crews",
              "money": "crews alone are too few: this is with unlimited money"}


def reason_text(code: str, p: dict) -> str:
    """The English sentence of a `why` code (the CLI's and the JSON's `reason`)."""
    if code == "unplanned":
        return f"only {p['planned']:.1f} % of the units are in a phase (the rest is unplanned)"
    if code == "never_starts":
        return (f"at best {p['cov']:.1f} % by {p['by']}: phases {', '.join(p['phases'])} cannot start building "
                f"within the horizon (dependencies or earliest starts)")
    if code == "studies_late":
        others = (f"; {p['others']} other phase(s) also build only after {p['by']}" if p["others"] else "")
        return (f"at best {p['cov']:.1f} % by {p['by']}: studies alone end in {p['end_studies']} (phase "
                f"'{p['phase']}'), so its first units come in {p['first']}, after {p['by']}{others}")
    return f"at best {p['cov']:.1f} % by {p['by']} ({PACE_HINTS[p['hint']].format(**p)})"


def _why(ev: _Evaluator, target: float, by: str, best_sc, hint: str = "", **hint_params) -> tuple[str, dict]:
    """Why even the most favourable value misses the target: (code, parameters), see WHY_CODES."""
    planned = ev.planned_share()
    if planned < target - 1e-9:
        return "unplanned", {"planned": float(planned)}
    r = ev.result(best_sc)
    cov = float(ev.coverage(r))
    late = [(bs, name) for bs, name in zip(r.phase_build_start, r.phase_names) if bs is None or bs > by]
    if late:
        first = min((bs for bs, _ in late if bs is not None), default=None)
        if first is None:
            return "never_starts", {"cov": cov, "by": by, "phases": [n for _, n in late[:3]]}
        name = next(n for bs, n in late if bs == first)
        end_studies = format_month(parse_month(first) - 1)
        return "studies_late", {"cov": cov, "by": by, "end_studies": end_studies, "phase": name, "first": first,
                                "others": len(late) - 1}
    return "pace", {"cov": cov, "by": by, "hint": hint, **hint_params}


def _budget_search(ev: _Evaluator, base):
    """(x -> scenario with a constant budget of x thousand € per year, upper bound of x). At the bound a year's
    money pays for the whole plan, which is the same as no budget limit."""
    sc = ev.horizon_for(base)
    unlimited = with_budget(sc, None)
    total = ev.result(unlimited).costs.cost_total
    hi = int(np.ceil(total / BUDGET_STEP)) + 1
    return (lambda x: with_budget(sc, float(x) * BUDGET_STEP)), hi


def _resumed_at(sc, month: str):
    out = sc.copy(sc.name)
    out.resume_at = month
    return out


def _from_as_built(ev: _Evaluator, base, by: str):
    """(scenario with its as-of month fixed, start state) when the run starts from what is built, else
    (base, None). Only what remains after the as-of month can be varied: a target date at or before it is an
    error (its coverage is the real figure)."""
    inp = inputs_from(ev.project, ev.assignment, ev.horizon_for(base))
    state = inp.start_state
    if state is None:
        return base, None
    if ev.by_abs <= state.start + state.as_of:
        t = ev.by_abs - state.start
        real = float(state.territory_base(t + 1)[t]) * 100.0 / max(state.total_units, 1) if t >= 0 else 0.0
        raise ParameterError(f"the target date {by} is not after the as-of month {state.as_of_month}: coverage "
                             f"then is the real {real:.1f} %; choose a later date", field="by")
    fixed = base.copy(base.name)
    fixed.as_of = state.as_of_month
    return fixed, state


def _candidates(project, base, state, vary: str, by: str, pool: bool, phase_ids):
    """(make(x) -> Scenario, lo, hi, fmt(x) -> answer) for the integer searched: crews, units per crew per
    month, or months counted back from `by` for the (re)start; coverage never decreases with x."""
    if vary == "crews":
        make = (lambda n: with_pool_crews(base, n)) if pool else \
            (lambda n: with_phase_value(base, project, "crews", float(n), phase_ids))
        return make, 1, MAX_CREWS, int
    if vary == "productivity":
        return (lambda n: with_phase_value(base, project, "units_per_crew_month", float(n), phase_ids),
                1, MAX_PRODUCTIVITY, int)
    by_abs = parse_month(by)
    fmt = lambda x: format_month(by_abs - x)  # noqa: E731
    if state is not None:  # the remaining work restarts at `by - x`, from the month after the as-of month on
        return (lambda x: _resumed_at(base, format_month(by_abs - x)), 0,
                by_abs - (state.start + state.as_of + 1), fmt)
    # larger x = earlier start = more coverage
    return (lambda x: shifted_start(base, project, format_month(by_abs - x)), 0,
            max(0, by_abs - parse_month(base.start)) + START_SPAN, fmt)


def goal_seek(project, target_pct: float, by: str, vary: str = "crews", assignment=None, scenario=None,
              communes=None, phase_ids=None, progress=None, cancel=None) -> GoalSeekResult:
    """Find the least demanding value of `vary` that reaches `target_pct` % coverage at the end of `by`."""
    if not 0 < float(target_pct) <= 100:
        raise ParameterError(f"the target must be in (0, 100] %, got {target_pct}", field="target")
    try:
        parse_month(by)
    except ValueError as exc:
        raise ParameterError(str(exc), field="by") from None
    if vary not in ("crews", "start", "productivity", "budget"):
        raise ParameterError(f"cannot vary {vary!r} (crews, start, productivity or budget)", field="vary")
    base = _scenario(project, scenario)
    if assignment is None:
        from planner.core.phases.assignment import assign

        assignment = assign(project, cancel=cancel)
    ev = _Evaluator(project, assignment, base, by, communes, cancel)
    base, state = _from_as_built(ev, base, by)
    target = float(target_pct)
    pool = base.crew_pool is not None and any(base.phase_value(p, "use_pool") for p in project.phases)

    if vary == "budget":
        make, hi = _budget_search(ev, base)
        lo, fmt = 0, (lambda x: int(x) * BUDGET_STEP)  # noqa: E731
    else:
        make, lo, hi, fmt = _candidates(project, base, state, vary, by, pool, phase_ids)

    cache: dict[int, float] = {}

    def cov(x: int) -> float:
        if x not in cache:
            cache[x] = ev.coverage(ev.result(make(x)))
            if progress:
                progress(min(0.95, 0.05 * len(cache)), f"tried {fmt(x)}")
        return cache[x]

    def ok(x: int) -> bool:
        return cov(x) >= target - 1e-9

    label = f"{target:g} % by {by}"
    as_of = state.as_of_month if state is not None else None
    if not ok(hi):
        hint = {"crews": "pool" if pool else "", "productivity": "", "start": "start", "budget": "money"}[vary]
        why = _why(ev, target, by, make(hi), hint, **({"start": fmt(hi)} if vary == "start" else {}))
        return GoalSeekResult(vary, target, by, None, False, reason_text(*why), coverage=cov(hi), scenario=None,
                              evaluations=ev.count, as_of=as_of, why=why)
    x = _bisect_lowest(ok, lo, hi)
    sc = make(x)
    sc.name = f"{base.name} – {vary} for {label}"
    result = ev.result(sc)
    below = fmt(x - 1) if x > lo else None
    totals = crew_totals(project, sc, result, float(x), phase_ids, pool) if vary == "crews" else None
    return GoalSeekResult(vary, target, by, fmt(x), True, "", coverage=cov(x), below_value=below,
                          below_coverage=cov(x - 1) if x > lo else None, scenario=ev.horizon_for(sc),
                          result=result, evaluations=ev.count, as_of=as_of, crews=totals)
