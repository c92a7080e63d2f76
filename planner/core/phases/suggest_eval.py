"""Judge phasings on equal resources: simulate plans on one shared crew pool, and search phase counts and seeds
for the plan that reaches a coverage target soonest.

    commune_plan_assignment(assignment, phases, project)       the (phase, commune) cells of a commune-based plan,
                                                               from the premise units per commune (no re-assignment)
    evaluate(project, phases, assignment, scenario, pool_crews) -> PlanScore
    search_target(project, options, target_pct, by, pool_crews, counts, seeds, ...) -> TargetSearch
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np

from planner.core.months import parse_month
from planner.core.phases.assignment import Assignment, phase_commune_rows
from planner.core.progress import check_cancel
from planner.core.project.model import Phase, Project
from planner.core.simulation.coverage import milestone_month, run
from planner.core.simulation.inputs import inputs_from


def _with_pool(project: Project, phases: list[Phase], scenario, pool_crews):
    from planner.core.simulation.whatif import on_one_pool

    return on_one_pool(scenario, project, pool_crews, phases) if pool_crews else scenario


def commune_plan_assignment(assignment: Assignment, phases: list[Phase], project: Project) -> Assignment:
    """Cells of commune-based `phases` (first phase listing a commune wins) over the premise units per commune."""
    units = np.asarray(assignment.commune_units, dtype=np.int64)
    n_c, n_p = len(units), len(phases)
    commune_phase = np.full(n_c, -1, dtype=np.int32)
    for i, ph in enumerate(phases):
        rows = phase_commune_rows(project, ph)
        free = rows[commune_phase[rows] < 0]
        commune_phase[free] = i
    planned = np.flatnonzero((commune_phase >= 0) & (units > 0))
    phase_units = np.bincount(commune_phase[planned], weights=units[planned], minlength=n_p).astype(np.int64)
    order = np.lexsort((planned, commune_phase[planned]))
    cells = planned[order]
    return Assignment(
        premise_commune=np.zeros(0, np.int32), premise_phase=np.zeros(0, np.int32),
        cell_phase=commune_phase[cells].astype(np.int32), cell_commune=cells.astype(np.int32),
        cell_units=units[cells], commune_units=units, commune_phase=commune_phase, phase_units=phase_units,
        phase_commune_count=np.bincount(commune_phase[planned], minlength=n_p).astype(np.int32),
        unplanned_units=int(assignment.total_units - phase_units.sum()), total_units=int(assignment.total_units),
        phase_ids=[p.id for p in phases], commune_level=True)


@dataclass
class PlanScore:
    """How a plan does on the resources given: milestone months and the month a target is reached."""

    phases: int
    milestones: dict
    target_month: str | None
    end: str | None
    months: list[str] = field(default_factory=list)
    coverage_pct: list[float] = field(default_factory=list)


def evaluate(project: Project, phases: list[Phase], assignment: Assignment, scenario, pool_crews=None,
             target_pct: float = 66.0, cells: Assignment | None = None) -> PlanScore:
    """Simulate `phases` (commune-based or not) on `scenario`, every phase on a pool of `pool_crews` if given."""
    trial = dataclasses.replace(project, phases=list(phases)) if phases is not project.phases else project
    cells = cells if cells is not None else commune_plan_assignment(assignment, phases, project)
    sc = _with_pool(project, phases, scenario, pool_crews)
    result = run(inputs_from(trial, cells, sc), with_communes=False)
    ends = [e for e in result.phase_end if e]
    return PlanScore(len(phases), dict(result.milestones), milestone_month(result.coverage_pct, result.months,
                                                                            target_pct),
                     max(ends) if len(ends) == len(phases) else None, list(result.months),
                     [float(v) for v in result.coverage_pct])


@dataclass
class TargetSearch:
    """The best suggestion found for a target, and the current plan on the same crews."""

    best: object  # SuggestedPlan
    best_score: PlanScore
    current_score: PlanScore | None
    tried: list[tuple[int, int, str | None]]  # (phases, seed, month the target is reached)

    def meets(self, by: str) -> bool:
        m = self.best_score.target_month
        return m is not None and parse_month(m) <= parse_month(by)


def _month_key(month: str | None) -> int:
    return parse_month(month) if month else 1 << 30


def search_target(project: Project, options, target_pct: float, pool_crews: float, counts, seeds=(0, 1, 2),
                  assignment: Assignment | None = None, scenario=None, progress=None, cancel=None) -> TargetSearch:
    """Try phase counts and seeds; keep the plan reaching `target_pct` soonest (then the fewest phases)."""
    from planner.core.phases.assignment import assign
    from planner.core.phases.suggest import suggest_phases

    assignment = assignment if assignment is not None else assign(project, cancel=cancel)
    scenario = scenario or project.scenario
    trials = [(n, s) for n in counts for s in seeds]
    best = None
    tried = []
    for i, (n, s) in enumerate(trials):
        check_cancel(cancel)
        opts = dataclasses.replace(options, n_phases=n, seed=s, use_pool=True)
        plan = suggest_phases(project, opts, assignment=assignment, scenario=scenario, cancel=cancel)
        score = evaluate(project, plan.phases, assignment, scenario, pool_crews, target_pct)
        tried.append((len(plan.phases), s, score.target_month))
        key = (_month_key(score.target_month), _month_key(score.end), len(plan.phases), s)
        if best is None or key < best[0]:
            best = (key, plan, score)
        if progress:
            progress((i + 1) / len(trials), f"{len(plan.phases)} phases, seed {s}: {score.target_month or 'not reached'}")
    current = None
    if project.phases:
        current = evaluate(project, project.phases, assignment, scenario, pool_crews, target_pct,
                           cells=_current_cells(project, assignment))
    return TargetSearch(best[1], best[2], current, tried)


def _current_cells(project: Project, assignment: Assignment) -> Assignment:
    """The current plan's own cells (drawn zones included) when the assignment is of the current phases."""
    if list(assignment.phase_ids) == [p.id for p in project.phases]:
        return assignment
    return commune_plan_assignment(assignment, project.phases, project)
