"""Simulate: the coverage simulation of a scenario (with quick what-if overrides), optionally with uncertainty
bands. `simulate` on the command line builds a `Simulate` and calls `run`; the window re-simulates live
(planner/ui/simulation/simulation_runner.py) with the same engine."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from planner.core.operations.base import Operation
from planner.core.progress import check_cancel, never_cancel, no_progress


@dataclass
class SimulateAnswer:
    """The run (`result`), the scenario it used (overrides applied) and the uncertainty `bands` (or None)."""

    result: object
    scenario: object
    bands: object = None

    def to_json_dict(self, project, communes: bool = True) -> dict:
        from planner.core.simulation.coverage import to_json_dict

        data = to_json_dict(self.result, project, communes=communes)
        if self.bands is not None:
            data["territory"].update(self.bands.json_bands())
            data["uncertainty"] = self.bands.to_json_dict()
        return data


@dataclass
class Simulate(Operation):
    """A scenario (None: the active one) with optional overrides for every phase (crews, productivity), the
    programme's start, a yearly budget (euros), one shared crew pool, and uncertainty runs."""

    title: ClassVar[str] = "Simulate"

    scenario: str | None = None
    crews: float | None = None
    units_per_crew_month: float | None = None
    start: str | None = None
    budget: float | None = None
    pool: float | None = None  # every phase on one shared pool of this many crews
    runs: int | None = None
    seed: int = 1

    def run(self, project, progress=no_progress, cancel=never_cancel, *, assignment=None) -> SimulateAnswer:
        from planner.core.phases.assignment import assign
        from planner.core.simulation.coverage import _scenario, inputs_from, run as run_inputs
        from planner.core.simulation.whatif import apply_overrides

        if assignment is None:
            assignment = assign(project, progress=lambda f, m="": progress(0.3 * f, m), cancel=cancel)
        check_cancel(cancel)
        sc = apply_overrides(_scenario(project, self.scenario), project, crews=self.crews,
                             units_per_crew_month=self.units_per_crew_month, start=self.start, budget=self.budget,
                             pool=self.pool)
        progress(0.3, "simulating")
        inp = inputs_from(project, assignment, sc)
        answer = SimulateAnswer(run_inputs(inp), sc)
        if self.runs:
            from planner.core.decisions.uncertainty import run_ensemble

            progress(0.4, f"{self.runs} uncertainty runs")
            answer.bands = run_ensemble(inp, sc.uncertainty, runs=self.runs, seed=self.seed,
                                        progress=lambda f, m="": progress(0.4 + 0.6 * f, m), cancel=cancel)
        progress(1.0, "simulated")
        return answer
