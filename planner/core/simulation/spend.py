"""Money as an output of a run (DESIGN §4 step 3b): spend per month per phase, commune and territory, what each
phase and commune costs, the cost to reach each milestone, spend per year and the budget's verdict.

    cost_outputs(inp, phase_run) -> CostOutputs     # called by coverage.run; result.costs
    commune_spend(result) -> float[C, T]            # cumulative € per commune (on demand)
    yearly(result, series) -> (years, per-year €)   # calendar-year sums of a cumulative series
    milestone_costs(result) -> {50: €, 66: €, 100: €}
    budget_note(result) -> str | None               # "the budget is too small to finish ..." or None
    cost_json(result) -> dict                       # what `simulate --json` adds
    summary_lines(result) -> list[str]              # what `simulate` prints about money
    format_eur(value) -> str                        # '850 €', '12.4 k€', '3.52 M€' for tables and pages

Units cost what their commune's class (or override) says, spent the month they are built; a phase's fixed cost
is spent the month its studies start. A pro_rata phase spends its communes' mean cost per unit as it builds.
A commune's spend is its eligible units times its cost per unit (fixed costs belong to phases).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.core.months import format_month, parse_month
from planner.core.simulation.knots import cost_at_units, segments


@dataclass
class CostOutputs:
    """Euros of one run; series are cumulative at the end of each month.

    `phase_spend` float[P,T] (units built + fixed cost from the month studies start), `spend` float[T] the
    territory's; `phase_cost` float[P] the whole phase (all its units + fixed cost), `phase_fixed` float[P];
    `cost_total` the plan (sum of phase costs); `commune_cost` float[C] all planned units of each commune,
    `commune_eur_per_unit` float[C]; `budget` float[T] cumulative money made available (None: no budget);
    `money_wait` bool[P,T] months a phase waited for money (None: no budget)."""

    phase_spend: np.ndarray
    spend: np.ndarray
    phase_cost: np.ndarray
    phase_fixed: np.ndarray
    cost_total: float
    commune_cost: np.ndarray
    commune_eur_per_unit: np.ndarray
    budget: np.ndarray | None = None
    money_wait: np.ndarray | None = None
    commune_density: np.ndarray | None = None  # units per km² (NaN without area)
    commune_class: np.ndarray | None = None  # density class name of each commune

    def phase_waits(self) -> np.ndarray:
        """Months each phase waited for money (int[P]; zeros without a budget)."""
        if self.money_wait is None:
            return np.zeros(len(self.phase_cost), dtype=np.int64)
        return self.money_wait.sum(axis=1)


def cost_outputs(inp, phase_run) -> CostOutputs:
    """The money of run 0 of a PhaseRun on its inputs."""
    P, T = inp.n_phases, inp.horizon
    seg = segments(inp)
    built = phase_run.built[0].astype(float)
    unit_spend = cost_at_units(seg, built, np.arange(P)[:, None]) if P else np.zeros((0, T))
    fixed = np.zeros(P) if inp.phase_fixed is None else np.asarray(inp.phase_fixed, dtype=float)
    started = np.arange(T)[None, :] >= phase_run.start[0][:, None]
    phase_spend = unit_spend + fixed[:, None] * started
    C = len(inp.commune_units)
    per_unit = np.zeros(C) if inp.commune_cost is None else np.asarray(inp.commune_cost, dtype=float)
    cc = inp.cell_commune
    inside = cc >= 0
    cell_cost = np.zeros(len(cc)) if inp.cell_cost is None else inp.cell_cost
    commune_cost = np.bincount(cc[inside], weights=(inp.cell_units * cell_cost)[inside], minlength=C)
    phase_cost = seg.C + fixed
    wait = None if phase_run.money_wait is None else phase_run.money_wait[0]
    return CostOutputs(phase_spend=phase_spend, spend=phase_spend.sum(axis=0), phase_cost=phase_cost,
                       phase_fixed=fixed, cost_total=float(phase_cost.sum()), commune_cost=commune_cost,
                       commune_eur_per_unit=per_unit,
                       budget=None if inp.budget is None else np.cumsum(inp.budget), money_wait=wait,
                       commune_density=inp.commune_density, commune_class=inp.commune_class)


def commune_spend(result) -> np.ndarray:
    """Cumulative € spent in each commune (C, T): its eligible units × its cost per unit (after an as-built
    start, only the units built after the as-of month: what was built before it is history)."""
    built = result.commune_eligible
    st = getattr(result.inputs, "start_state", None)
    if st is not None:
        built = built - st.commune_base(len(result.months))
    return built * result.costs.commune_eur_per_unit[:, None]


def yearly(result, series: np.ndarray) -> tuple[list[int], np.ndarray]:
    """Calendar years of the simulated months and the amount of a cumulative series [..., T] in each."""
    start = parse_month(result.start)
    years = (start + np.arange(len(result.months))) // 12
    ends = np.flatnonzero(np.r_[years[1:] != years[:-1], True])
    at_end = np.asarray(series)[..., ends]
    return [int(y) for y in years[ends]], np.diff(at_end, axis=-1, prepend=0.0)


def milestone_costs(result) -> dict[int, float | None]:
    """Cumulative spend at the month each coverage milestone is reached (None: not reached)."""
    out = {}
    for m, month in result.milestones.items():
        out[m] = None if month is None else float(result.costs.spend[result.month_index(month)])
    return out


def budget_note(result) -> str | None:
    """When a budget leaves planned units unbuilt at the end of the horizon: what it reaches."""
    c = result.costs
    if c is None or c.budget is None:
        return None
    planned = int(result.units - result.unplanned_units)
    if int(result.eligible[-1]) >= planned or not c.money_wait.any():
        return None
    return (f"the budget is too small to finish by {result.months[-1]}: coverage reaches "
            f"{result.coverage_pct[-1]:.1f} % ({c.spend[-1]:,.0f} € spent of {c.budget[-1]:,.0f} € available; "
            f"the plan costs {c.cost_total:,.0f} €)")


def _eur(v) -> float:
    return round(float(v), 2)


def cost_json(result) -> dict:
    """`territory` additions (spend_eur per month, cost_eur, budget_eur, yearly spend, milestone costs) and per
    phase `cost_eur` / `fixed_eur` / `money_wait_months`, as plain JSON values."""
    c = result.costs
    years, per_year = yearly(result, c.spend)
    territory = {"spend_eur": [_eur(v) for v in c.spend], "cost_eur": _eur(c.cost_total),
                 "spend_per_year_eur": {str(y): _eur(v) for y, v in zip(years, per_year)},
                 "milestones_cost_eur": {str(m): None if v is None else _eur(v)
                                         for m, v in milestone_costs(result).items()}}
    if c.budget is not None:
        territory["budget_eur"] = [_eur(v) for v in c.budget]
    waits = c.phase_waits()
    phases = {name: {"cost_eur": _eur(c.phase_cost[i]), "fixed_eur": _eur(c.phase_fixed[i]),
                     "spend_eur": _eur(c.phase_spend[i, -1]), "money_wait_months": int(waits[i])}
              for i, name in enumerate(result.phase_names)}
    return {"territory": territory, "phases": phases}


def first_wait_month(result, phase: int) -> str | None:
    """First month a phase waited for money ('YYYY-MM'), or None."""
    c = result.costs
    if c is None or c.money_wait is None or not c.money_wait[phase].any():
        return None
    return format_month(parse_month(result.start) + int(np.argmax(c.money_wait[phase])))


def summary_lines(result) -> list[str]:
    """What the command line prints about money: the plan's cost, spend, cost of the milestones, the budget."""
    c = result.costs
    if c is None:
        return []
    planned = max(int(result.units - result.unplanned_units), 1)
    lines = [f"Cost of the plan: {c.cost_total:,.0f} € ({c.cost_total / planned:,.0f} € per planned unit); "
             f"spent by {result.months[-1]}: {c.spend[-1]:,.0f} €"]
    ms = milestone_costs(result)
    lines.append("Spent at the milestones: " + " | ".join(
        f"{m} % {'not reached' if v is None else f'{v:,.0f} €'}" for m, v in ms.items()))
    if c.budget is not None:
        waits = c.phase_waits()
        lines.append(f"Budget: {c.budget[-1]:,.0f} € over the horizon; "
                     f"{int((waits > 0).sum())} phase(s) waited for money")
        note = budget_note(result)
        if note:
            lines.append("Note: " + note)
    return lines


def format_eur(value: float) -> str:
    """A cost for a table cell or a page: '850 €', '12.4 k€', '3.52 M€' (narrow no-break spaces)."""
    v = float(value)
    if abs(v) >= 1e6:
        text = f"{v / 1e6:,.2f}\u202fM€"
    elif abs(v) >= 1e4:
        text = f"{v / 1e3:,.1f}\u202fk€"
    else:
        text = f"{v:,.0f}\u202f€"
    return text.replace(",", "\u202f")
