"""Calibration on actuals: least-squares fit of the pace (and optionally the start month) of a scenario.

    calibrate(project, actuals, assignment=None, scenario=None, fit_start=False, start_span=24,
              progress=None, cancel=None) -> Calibration

The fitted pace is one factor applied to every phase's units per crew per month (phases keep their relative
productivities; with equal productivities it is simply the fitted units per crew per month). With
`fit_start`, the whole programme's start may also move by up to `start_span` months either way (as
`sim_whatif.shifted_start`; the staffing plan stays put). The objective is the sum over quarters with
figures of (planned − actual)², planned and actual both summed over the communes that have figures.
Candidates are simulated together (the kernel's run axis): 17 log-spaced factors from 0.2 to 5 for every
start shift (extended when the best is at an edge), then three finer grids of 21 factors around the best one (relative resolution about 0.01 %).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.core.decisions.actuals import Actuals
from planner.core.errors import ParameterError
from planner.core.months import format_month, parse_month, quarter_label
from planner.core.progress import check_cancel
from planner.core.simulation.engine import run_phases
from planner.core.simulation.whatif import shifted_start
from planner.core.simulation.coverage import SimulationResult, _scenario, inputs_from, run

COARSE = np.geomspace(0.2, 5.0, 17)  # factors tried for every start shift (about 22 % apart)
GRID = 21  # factors of each refining grid


@dataclass
class Calibration:
    """Fitted `factor` (× each phase's units per crew per month) and `units_per_crew_month` {phase name: value};
    `start` the fitted programme start ('YYYY-MM') and `start_shift` in months (0 without fit_start);
    per quarter `labels`, `fitted` planned totals, `actual` totals and `error` = fitted − actual; `rmse`;
    `scenario` the projection as a new Scenario and `result` its simulation."""

    factor: float
    units_per_crew_month: dict[str, float]
    start: str
    start_shift: int
    labels: list[str]
    fitted: np.ndarray
    actual: np.ndarray
    error: np.ndarray
    rmse: float
    scenario: object
    result: SimulationResult

    def summary_lines(self) -> list[str]:
        vals = sorted(set(round(v, 1) for v in self.units_per_crew_month.values()))
        pace = f"{vals[0]:g}" if len(vals) == 1 else f"{vals[0]:g}–{vals[-1]:g}"
        lines = [f"Fitted pace: {pace} units per crew per month (× {self.factor:.3f}); start {self.start} "
                 f"({self.start_shift:+d} months); RMSE {self.rmse:,.0f} units"]
        for lab, f, a, e in zip(self.labels, self.fitted, self.actual, self.error):
            lines.append(f"  {lab}: plan {f:,.0f}, actual {a:,.0f}, error {e:+,.0f}")
        return lines


def _subset_at(inp, built: np.ndarray, t_idx: np.ndarray, cell_mask: np.ndarray) -> np.ndarray:
    """Planned eligible units summed over the masked cells at months `t_idx`, for every run: float[R, Q]."""
    cp, cu = inp.cell_phase[cell_mask], inp.cell_units[cell_mask]
    offset_all = np.cumsum(inp.cell_units) - inp.cell_units
    first = np.searchsorted(inp.cell_phase, np.arange(inp.n_phases))
    offset = (offset_all - offset_all[first[inp.cell_phase]])[cell_mask]
    b = built[:, cp][:, :, t_idx]  # (R, K, Q)
    cell = np.clip(b - offset[None, :, None], 0, cu[None, :, None])
    pr = inp.pro_rata[cp]
    if pr.any():
        U = inp.phase_units[cp[pr]]
        cell[:, pr] = (cu[pr][None, :, None] * b[:, pr]) // U[None, :, None]
    return cell.sum(axis=1).astype(float)


def calibrate(project, actuals: Actuals, assignment=None, scenario=None, fit_start: bool = False,
              start_span: int = 24, progress=None, cancel=None) -> Calibration:
    """Fit the scenario's pace (and start) to the actual totals by least squares; project the fitted scenario."""
    base = _scenario(project, scenario)
    if assignment is None:
        from planner.core.phases.assignment import assign

        assignment = assign(project, cancel=cancel)
    span = int(start_span) if fit_start else 0
    # a time axis starting `span` months earlier, phases keeping their absolute earliest starts
    wide = base.copy(base.name)
    wide.start = format_month(parse_month(base.start) - span)
    wide.horizon_months = base.horizon_months + 2 * span
    for ph in project.phases:
        wide.phase_overrides.setdefault(ph.id, {})["earliest_start"] = \
            base.phase_value(ph, "earliest_start") or base.start
    inp = inputs_from(project, assignment, wide)
    t_idx = np.asarray(actuals.quarters) - inp.start
    has = actuals.has_commune()
    q_ok = (t_idx >= 0) & (t_idx < inp.horizon) & ~np.all(np.isnan(actuals.values[has]), axis=0)
    if not q_ok.any():
        raise ParameterError("no quarter of the actual figures falls within the simulated months", field="actuals")
    t_idx = t_idx[q_ok]
    actual = np.nansum(actuals.values[:, q_ok][has], axis=0)
    cell_mask = np.zeros(len(inp.cell_phase), dtype=bool)
    cell_mask[inp.cell_commune >= 0] = has[inp.cell_commune[inp.cell_commune >= 0]]
    shifts = np.arange(-span, span + 1)

    def sse(factors: np.ndarray, shift_set: np.ndarray) -> np.ndarray:
        """SSE for every (shift, factor) pair, float[S, F]."""
        check_cancel(cancel)
        S, F = len(shift_set), len(factors)
        upcm = np.repeat(inp.upcm[None, :], S * F, axis=0) * np.tile(factors, S)[:, None]
        earliest = inp.earliest[None, :] + np.repeat(shift_set, F)[:, None]
        built = run_phases(inp, S * F, upcm=upcm, earliest=earliest).built
        plan = _subset_at(inp, built, t_idx, cell_mask)
        return ((plan - actual[None, :]) ** 2).sum(axis=1).reshape(S, F)

    factors = COARSE
    err = sse(factors, shifts)
    si, fi = np.unravel_index(np.argmin(err), err.shape)
    span_ratio = COARSE[-1] / COARSE[0]
    for _ in range(3):  # best at an edge of the grid: look further that way (factors 0.008 to 125 at most)
        if fi == 0:
            factors = np.geomspace(factors[0] / span_ratio, factors[0], len(COARSE))
        elif fi == len(factors) - 1:
            factors = np.geomspace(factors[-1], factors[-1] * span_ratio, len(COARSE))
        else:
            break
        err = sse(factors, shifts)
        si, fi = np.unravel_index(np.argmin(err), err.shape)
    best_shift = int(shifts[si])
    for step in range(3):
        if progress:
            progress(0.25 + 0.25 * step, "refining the fit")
        lo, hi = factors[max(fi - 1, 0)], factors[min(fi + 1, len(factors) - 1)]
        factors = np.linspace(lo, hi, GRID)
        fine_shifts = shifts[max(si - 1, 0): si + 2]
        err = sse(factors, fine_shifts)
        s2, fi = np.unravel_index(np.argmin(err), err.shape)
        best_shift = int(fine_shifts[s2])
        si = int(np.flatnonzero(shifts == best_shift)[0])
    factor = float(factors[fi])
    fitted = _fit_series(inp, factor, best_shift, t_idx, cell_mask)
    sc = base.copy(f"{base.name} – calibrated")
    upcm_by_name = {}
    for ph in project.phases:
        v = float(base.phase_value(ph, "units_per_crew_month")) * factor
        sc.phase_overrides.setdefault(ph.id, {})["units_per_crew_month"] = v
        upcm_by_name[ph.name] = v
    start = format_month(parse_month(base.start) + best_shift)
    if best_shift:
        sc = shifted_start(sc, project, start, new_name=sc.name)
        if base.crew_pool is not None:
            sc.crew_pool = base.crew_pool
    result = run(inputs_from(project, assignment, sc))
    if progress:
        progress(1.0, "calibrated")
    labels = [quarter_label(q) for q, ok in zip(actuals.quarters, q_ok) if ok]
    error = fitted - actual
    return Calibration(factor=factor, units_per_crew_month=upcm_by_name, start=start, start_shift=best_shift,
                       labels=labels, fitted=fitted, actual=actual, error=error,
                       rmse=float(np.sqrt(np.mean(error ** 2))), scenario=sc, result=result)


def _fit_series(inp, factor: float, shift: int, t_idx, cell_mask) -> np.ndarray:
    built = run_phases(inp, 1, upcm=inp.upcm[None, :] * factor, earliest=inp.earliest[None, :] + shift).built
    return _subset_at(inp, built, t_idx, cell_mask)[0]
