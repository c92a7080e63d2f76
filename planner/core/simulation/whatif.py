"""Quick what-if variants of a scenario (crews, productivity, programme start) as new Scenario objects.

Used by the command line flags (`--crews`, `--units-per-crew-month`, `--start`, `--budget`, `--pool`), goal seek,
calibration and the phase suggestion.
The original scenario is never modified.
"""
from __future__ import annotations

from planner.core.errors import ParameterError
from planner.core.project.model import CrewPool, Project, Scenario
from planner.core.months import format_month, parse_month


def _month(text: str, fld: str) -> int:
    try:
        return parse_month(text)
    except ValueError as exc:
        raise ParameterError(str(exc), field=fld) from None


def with_phase_value(scenario: Scenario, project: Project, name: str, value, phase_ids=None,
                     new_name: str | None = None) -> Scenario:
    """A copy where phase field `name` is `value` for the given phases (default: all phases)."""
    out = scenario.copy(new_name)
    ids = [p.id for p in project.phases] if phase_ids is None else list(phase_ids)
    for pid in ids:
        out.phase_overrides.setdefault(pid, {})[name] = value
    return out


def with_pool_crews(scenario: Scenario, crews: float, new_name: str | None = None) -> Scenario:
    """A copy whose crew pool has a constant `crews` from the scenario start."""
    out = scenario.copy(new_name)
    out.crew_pool = CrewPool(plan=[(scenario.start, float(crews))])
    return out


def on_one_pool(scenario: Scenario, project: Project, pool_crews: float, phases=None,
                new_name: str | None = None) -> Scenario:
    """A copy where every phase (of `phases`, default the project's) takes its crews from one pool of
    `pool_crews` crews, as the model's crew pool does: phases take crews in phase order, each at most its own
    `crews`. Plans with different phase counts can then be compared on equal resources."""
    try:
        crews = float(pool_crews)
    except (TypeError, ValueError):
        crews = float("nan")
    if not crews > 0 or crews == float("inf"):
        raise ParameterError(f"the crew pool needs a number of crews > 0, got {pool_crews!r}", field="pool")
    out = with_pool_crews(scenario, crews, new_name)
    for ph in (project.phases if phases is None else phases):
        out.phase_overrides.setdefault(ph.id, {})["use_pool"] = True
    return out


def shifted_start(scenario: Scenario, project: Project, month: str, new_name: str | None = None) -> Scenario:
    """A copy where the whole programme starts at `month`: every phase's earliest start (None = the scenario
    start) and the staffing plan move by the same number of months, keeping their offsets. When `month` is
    before the scenario start, the simulated period starts at `month` too."""
    delta = _month(month, "start") - _month(scenario.start, "start")
    out = scenario.copy(new_name)
    for ph in project.phases:
        es = scenario.phase_value(ph, "earliest_start") or scenario.start
        out.phase_overrides.setdefault(ph.id, {})["earliest_start"] = format_month(_month(es, "earliest_start") + delta)
    if scenario.crew_pool is not None:
        out.crew_pool = CrewPool(plan=[(format_month(_month(m, "crew_pool") + delta), c)
                                       for m, c in scenario.crew_pool.plan])
    if delta < 0:
        out.start = format_month(_month(month, "start"))
    return out


def with_budget(scenario: Scenario, eur_per_year: float | None, new_name: str | None = None) -> Scenario:
    """A copy whose budget is `eur_per_year` for every year of its simulated months (None: no budget limit)."""
    from planner.core.simulation.costs import constant_budget

    out = scenario.copy(new_name)
    if eur_per_year is None:
        out.costs.budget = []
        return out
    try:
        eur = float(eur_per_year)
    except (TypeError, ValueError):
        eur = float("nan")
    if not eur >= 0 or eur == float("inf"):
        raise ParameterError(f"the budget must be a number of euros >= 0, got {eur_per_year!r}", field="budget")
    out.costs.budget = constant_budget(eur, _month(out.start, "start"), int(out.horizon_months))
    return out


def apply_overrides(scenario: Scenario, project: Project, crews: float | None = None,
                    units_per_crew_month: float | None = None, start: str | None = None,
                    budget: float | None = None, pool: float | None = None) -> Scenario:
    """The scenario with the command line's quick overrides applied (each None = unchanged). `crews` sets every
    phase's crews (the cap of pool phases) and, when the scenario has a pool, the pool size too; `budget` is a
    constant yearly budget in euros; `pool` runs every phase on one shared pool of that many crews."""
    out = scenario.copy()
    if crews is not None:
        out = with_phase_value(out, project, "crews", float(crews))
        if out.crew_pool is not None:
            out = with_pool_crews(out, crews)
    if units_per_crew_month is not None:
        out = with_phase_value(out, project, "units_per_crew_month", float(units_per_crew_month))
    if start is not None:
        out = shifted_start(out, project, start)
    if budget is not None:
        out = with_budget(out, budget)
    if pool is not None:
        out = on_one_pool(out, project, pool)
    out.name = scenario.name
    return out
