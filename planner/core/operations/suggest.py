"""Suggest a phasing (Phases ▸ Suggest…, `python main.py suggest`, `new --suggest-phases N`): one operation.

Without a target: cut the planned territory into `n_phases` contiguous balanced phases
(planner/core/phases/suggest.py). With a target ("66 % by 2020-12 with a pool of 14 crews"): try phase counts
around `n_phases` and a few seeds, simulate each on the same pool, and keep the plan reaching the target soonest
(planner/core/phases/suggest_eval.py); the current plan is scored on the same pool for comparison.
The result carries the phases and the undoable command that puts them in place of the current ones.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from planner.core.errors import ParameterError
from planner.core.months import parse_month
from planner.core.operations.base import Operation
from planner.core.phases.phase_commands import ImportPhases
from planner.core.phases.suggest import SuggestedPlan, SuggestOptions, suggest_phases
from planner.core.phases.suggest_eval import PlanScore, evaluate, search_target
from planner.core.progress import check_cancel, never_cancel, no_progress
from planner.core.simulation.scenario_commands import unique_scenario_name


@dataclass
class SuggestResult:
    plan: SuggestedPlan
    command: ImportPhases
    score: PlanScore | None = None  # the suggestion on the pool (when a pool is given)
    current: PlanScore | None = None  # the current plan on the same pool
    tried: list = field(default_factory=list)
    target_pct: float | None = None
    by: str | None = None
    pool: float | None = None

    def lines(self) -> list[str]:
        out = [f"{len(self.plan.phases)} phases, heaviest {self.plan.imbalance:.2f} × the mean work:"]
        for ph, u in zip(self.plan.phases, self.plan.units):
            out.append(f"  {ph.name[:40]:<40} {u:>8,} units  {len(ph.communes):>4} communes")
            out += [f"note: {w}" for w in self.plan.warnings]
        where = "on the pool" if self.pool else "with the phases' own crews"
        if self.score is not None:
            out.append(_score_line("suggested", self.score, self.target_pct, where))
        if self.current is not None:
            out.append(_score_line("current  ", self.current, self.target_pct, where))
        if self.by and self.score is not None:
            met = self.score.target_month and parse_month(self.score.target_month) <= parse_month(self.by)
            out.append(f"target {self.target_pct:g} % by {self.by}: {'met' if met else 'NOT met'}")
        return out


def _score_line(what: str, s: PlanScore, target, where: str) -> str:
    m = " | ".join(f"{k} % {v or 'not reached'}" for k, v in s.milestones.items())
    t = f"; {target:g} % in {s.target_month or 'never'}" if target is not None else ""
    return f"{what} plan {where}: {m}{t}; last phase ends {s.end or 'after the horizon'}"


@dataclass
class SuggestPhases(Operation):
    """Parameters of a suggestion (see SuggestOptions for the cut itself)."""

    title = "Suggest phases"
    n_phases: int = 8
    communes: list[str] | None = None  # INSEE codes to cut (None: the current plan's communes, else all)
    balance: str = "time"
    keep_field: str | None = None
    start: str | None = None
    min_units: int | None = None
    max_units: int | None = None
    seed: int = 0
    crews: float = 2.0
    units_per_crew_month: float | None = None
    pool: float | None = None  # crews of one shared pool: score (and run) every phase on it
    target_pct: float | None = None
    by: str | None = None  # 'YYYY-MM': with target_pct, search phase counts for the earliest plan
    scenario: str | None = None
    group: str = "communes"  # or 'phases': group the current phases (PM zones) instead of cutting communes

    def options(self, project) -> SuggestOptions:
        rows = None
        if self.communes:
            try:
                rows = [project.communes.index_of(c) for c in self.communes]
            except KeyError as exc:
                raise ParameterError(f"no commune with INSEE code {exc.args[0]}", field="communes") from None
        return SuggestOptions(n_phases=self.n_phases, rows=rows, balance=self.balance, keep_field=self.keep_field,
                              start=self.start, min_units=self.min_units, max_units=self.max_units, seed=self.seed,
                              crews=self.crews, units_per_crew_month=self.units_per_crew_month,
                              use_pool=bool(self.pool), group=self.group)

    def run(self, project, progress=no_progress, cancel=never_cancel) -> SuggestResult:
        from planner.core.phases.assignment import assign
        from planner.core.simulation.coverage import _scenario

        if (self.target_pct is None) != (self.by is None):
            raise ParameterError("a target needs both a percentage and a month (--target and --by)", field="target")
        if self.target_pct is not None and not self.pool:
            raise ParameterError("a target is judged on a crew pool: give --pool N", field="pool")
        scenario = _scenario(project, self.scenario)
        progress(0.05, "assigning premises")
        assignment = assign(project, cancel=cancel)
        opts = self.options(project)
        check_cancel(cancel)
        if self.target_pct is not None:
            counts = sorted({max(1, self.n_phases + d) for d in (-6, -4, -2, 0, 2, 4, 6)})
            found = search_target(project, opts, self.target_pct, self.pool, counts, assignment=assignment,
                                  scenario=scenario, cancel=cancel,
                                  progress=lambda f, m="": progress(0.1 + 0.85 * f, m))
            plan, score, current, tried = found.best, found.best_score, found.current_score, found.tried
        else:
            progress(0.2, "cutting the territory")
            plan = suggest_phases(project, opts, assignment=assignment, scenario=scenario, cancel=cancel)
            tried = []
            progress(0.8, "simulating the suggestion and the current plan")
            score = evaluate(project, plan.phases, assignment, scenario, self.pool, 66.0)
            current = evaluate(project, project.phases, assignment, scenario, self.pool, 66.0,
                               cells=assignment) if project.phases else None
        progress(1.0, "suggested")
        command = ImportPhases(project, plan.phases, replace=True, label=f"Suggest {len(plan.phases)} phases")
        return SuggestResult(plan, command, score, current, tried, self.target_pct, self.by, self.pool)


def suggested_copy(project, result: SuggestResult, pool: float | None):
    """A copy of `project` with the suggested phases in place (and, with a pool, a scenario using it, active)."""
    from planner.core.simulation.whatif import on_one_pool

    out = project.snapshot()
    result.command.do(out)
    if pool:
        sc = on_one_pool(out.scenario, out, pool)
        sc.name = unique_scenario_name(out, f"{out.scenario.name} — pool of {pool:g} crews")
        out.scenarios.append(sc)
        out.active_scenario = len(out.scenarios) - 1
    return out

