"""Calibrate: fit the pace (and start) of a scenario to actual figures, as the dialog and `calibrate` both run it.

    op = Calibrate(actuals=actuals, fit_start=True, per_phase=True, holdout=1, communes=['32013'])
    cal = op.run(project, progress, cancel, assignment=None)      # -> planner.core.decisions.calibration.Calibration
    project2 = op.calibrated_copy(project, cal, use_uncertainty=False)   # the project with the scenario added
                                                   # (and the figures as its as-built state if it held none)

`actuals` is the table already read (planner/io/actuals reads files; core reads none). A degenerate fit raises
CalibrationError (flat objective, figures no fit can use) or comes back with `degenerate` set (a territory fit
still on a limit after widening the search); `require_answer` turns the latter into CalibrationError too.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from planner.core.decisions.calibration import Calibration, CalibrationError, calibrate
from planner.core.operations.base import Operation
from planner.core.progress import never_cancel, no_progress


@dataclass
class Calibrate(Operation):
    """Parameters of a calibration (see planner/core/decisions/calibration.py)."""

    title = "Calibrate"
    actuals: Any = field(default=None, compare=False)
    scenario: str | None = None
    fit_start: bool = False
    per_phase: bool = False
    holdout: int = 0
    communes: list[str] = field(default_factory=list)
    phases: list[str] = field(default_factory=list)
    start_span: int = 24
    lang: str = "fr"

    def run(self, project, progress=no_progress, cancel=never_cancel, *, assignment=None) -> Calibration:
        if self.actuals is None:
            raise CalibrationError("no_figures", "no actual figures to calibrate on: import them first")
        return calibrate(project, self.actuals, assignment=assignment, scenario=self.scenario,
                         fit_start=self.fit_start, start_span=self.start_span, per_phase=self.per_phase,
                         holdout=self.holdout, communes=self.communes or None, phases=self.phases or None,
                         lang=self.lang, progress=progress, cancel=cancel)

    def params(self) -> dict[str, Any]:
        """The parameters, the actuals named by their source (for logs, JSON and the CLI-versus-dialog tests)."""
        out = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "actuals"}
        out["actuals"] = getattr(self.actuals, "source", None)
        return out

    @staticmethod
    def require_answer(cal: Calibration) -> Calibration:
        """`cal`, or CalibrationError when it is degenerate (its territory fit stays on a limit)."""
        if cal.degenerate:
            raise CalibrationError("bound", cal.degenerate)
        return cal

    @staticmethod
    def calibrated_copy(project, cal: Calibration, use_uncertainty: bool = False):
        """A copy of `project` with the calibrated scenario added and active (with the interval as its
        productivity distribution when `use_uncertainty`)."""
        from planner.core.simulation.scenario_commands import AddScenario

        out = project.snapshot()
        if out.as_built is None and cal.as_built is not None:
            out.as_built = cal.as_built  # the projection started from these figures: so does the copy
        sc = cal.scenario.copy()
        if use_uncertainty:
            spec = cal.uncertainty_spec()
            if spec is None:
                raise CalibrationError("no_interval", "the fit has no interval to use as uncertainty "
                                                      "(as many fitted values as quarters)")
            sc.uncertainty = spec
        AddScenario(sc, activate=True).do(out)
        return out
