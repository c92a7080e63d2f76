"""Scenario comparison: milestones, phase end dates and money of several scenarios side by side, with differences.

    compare_scenarios(project, assignment=None, scenarios=None, reference=0) -> Comparison

`scenarios` are Scenario objects or names (default: all of the project's); differences are in months against
the `reference` scenario (index into the compared list): positive = later than the reference. `cost_rows` hold the
total cost of each plan and its spend per calendar year (euros; differences in euros, positive = more).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from planner.core.months import parse_month
from planner.core.simulation.coverage import MILESTONES, SimulationResult, _scenario, inputs_from, run


@dataclass
class ComparisonRow:
    """One line of the table: `label` ('Milestone 66 %' or 'End of <phase>'), the month per scenario
    ('YYYY-MM' or None) and the difference in months from the reference (None when either is missing)."""

    label: str
    kind: str  # 'milestone' or 'phase_end'
    values: list[str | None]
    diffs: list[int | None]

    @property
    def differs(self) -> bool:
        return len(set(self.values)) > 1


@dataclass
class CostRow:
    """`label` ('Total cost' or 'Spend 2020'), `kind` ('total' or 'year', with `year`), € per scenario (None: that
    scenario does not simulate that year) and the difference from the reference in €."""

    label: str
    kind: str
    values: list[float | None]
    diffs: list[float | None]
    year: int | None = None


@dataclass
class Comparison:
    names: list[str]
    reference: int
    results: list[SimulationResult]
    rows: list[ComparisonRow]
    cost_rows: list[CostRow] = field(default_factory=list)

    def table(self) -> tuple[list[str], list[list[str]]]:
        """Header and text rows, differences written '+3' / '-2' months beside each non-reference value."""
        header = ["", *self.names]
        out = []
        for r in self.rows:
            cells = [r.label]
            for i, (v, d) in enumerate(zip(r.values, r.diffs)):
                text = v or "—"
                if i != self.reference and d:
                    text += f" ({d:+d})"
                cells.append(text)
            out.append(cells)
        for r in self.cost_rows:
            cells = [r.label]
            for i, (v, d) in enumerate(zip(r.values, r.diffs)):
                text = "—" if v is None else f"{v:,.0f} €"
                if i != self.reference and d:
                    text += f" ({d:+,.0f})"
                cells.append(text)
            out.append(cells)
        return header, out


def _diff(a: str | None, b: str | None) -> int | None:
    return None if a is None or b is None else parse_month(a) - parse_month(b)


def compare_results(results: list[SimulationResult], reference: int = 0) -> Comparison:
    """Compare already simulated results (same phases)."""
    ref = results[reference]
    rows = []
    for m in MILESTONES:
        vals = [r.milestones[m] for r in results]
        rows.append(ComparisonRow(f"Milestone {m} %", "milestone", vals, [_diff(v, vals[reference]) for v in vals]))
    for i, name in enumerate(ref.phase_names):
        vals = [r.phase_end[i] if i < len(r.phase_end) else None for r in results]
        rows.append(ComparisonRow(f"End of {name}", "phase_end", vals, [_diff(v, vals[reference]) for v in vals]))
    return Comparison([r.scenario for r in results], reference, results, rows, cost_rows(results, reference))


def _money_diffs(values: list, reference: int) -> list:
    ref = values[reference]
    return [None if v is None or ref is None else v - ref for v in values]


def cost_rows(results: list[SimulationResult], reference: int = 0) -> list[CostRow]:
    """Total cost of each plan, then spend per calendar year (every year any scenario simulates)."""
    from planner.core.simulation.spend import yearly

    if any(r.costs is None for r in results):
        return []
    totals = [float(r.costs.cost_total) for r in results]
    out = [CostRow("Total cost", "total", totals, _money_diffs(totals, reference))]
    per_year = []
    for r in results:
        years, amounts = yearly(r, r.costs.spend)
        per_year.append(dict(zip(years, (float(a) for a in amounts))))
    for y in sorted(set().union(*per_year)):
        vals = [d.get(y) for d in per_year]
        out.append(CostRow(f"Spend {y}", "year", vals, _money_diffs(vals, reference), year=y))
    return out


def compare_scenarios(project, assignment=None, scenarios=None, reference: int = 0, cancel=None) -> Comparison:
    """Simulate each scenario on the same assignment and compare them."""
    if assignment is None:
        from planner.core.phases.assignment import assign

        assignment = assign(project, cancel=cancel)
    chosen = [_scenario(project, s) for s in (scenarios if scenarios is not None else project.scenarios)]
    ref = run(inputs_from(project, assignment, chosen[reference]))
    as_of = ref.as_built.as_of if ref.as_built is not None else None
    results = []
    for i, sc in enumerate(chosen):  # every scenario starts from the reference's as-built state
        if i == reference:
            results.append(ref)
            continue
        if as_of is not None and sc.use_as_built and sc.as_of is None:
            sc = sc.copy(sc.name)
            sc.as_of = as_of
        results.append(run(inputs_from(project, assignment, sc)))
    return compare_results(results, reference)
