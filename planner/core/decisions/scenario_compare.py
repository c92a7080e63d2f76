"""Scenario comparison: milestones and phase end dates of several scenarios side by side, with differences.

    compare_scenarios(project, assignment=None, scenarios=None, reference=0) -> Comparison

`scenarios` are Scenario objects or names (default: all of the project's); differences are in months against
the `reference` scenario (index into the compared list): positive = later than the reference.
"""
from __future__ import annotations

from dataclasses import dataclass

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
class Comparison:
    names: list[str]
    reference: int
    results: list[SimulationResult]
    rows: list[ComparisonRow]

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
    return Comparison([r.scenario for r in results], reference, results, rows)


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
