"""The calibration's least-squares problem: which figures count, and how one candidate pace and start is scored.

    problem = FitProblem(project, assignment, base_scenario, actuals, holdout=0, communes=None, phases=None)
    plan = problem.evaluate(factors, shifts, groups)   # float[R, len(groups), Q]: planned units per group/quarter

A candidate is, per phase p, a `factor` (× the scenario's units per crew per month) and a `shift` (months added
to its earliest start); R candidates are simulated in one call of the engine (its run axis).

Groups: group 0 is the territory (every phase), group p + 1 is phase p. A group's *planned* units at quarter q
are the eligible units of its (phase, commune) cells in the communes that count and have a figure at q; its
*actual* units are those communes' figures, a commune's figure shared between the phases that plan units in it
in proportion to their units (the whole figure when a single phase plans the commune, as with phases made of
communes). Communes count when they have a figure, are among the chosen communes (and chosen phases), and some
phase plans units in them; figures of communes no phase plans are left out (listed in `unplanned_codes`).
Only months up to the last quarter with figures are simulated, from early enough for the earliest start tried.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from planner.core.errors import ParameterError
from planner.core.months import quarter_label
from planner.core.progress import check_cancel
from planner.core.simulation.coverage import inputs_from
from planner.core.simulation.engine import run_phases
from planner.core.simulation.inputs import pool_series

CELLS_PER_CHUNK = 6_000_000  # runs × phases × months simulated at once
TERRITORY = 0


class FitProblem:
    """The figures that count and the engine set up to score candidates (see the module docstring).

    Attributes: `quarters` int[Q] absolute months of the quarters with figures (fit quarters then held-out
    ones), `fit` bool[Q], `actual` float[G, Q] per group, `group_phases` list of phase-index arrays,
    `group_quarters` int[G] fit quarters with figures per group, `commune_rows` int[C'] communes that count,
    `unplanned_codes` / `unplanned_units` figures left out because no phase plans those communes.
    """

    def __init__(self, project, assignment, base, actuals, holdout: int = 0, communes=None, phases=None):
        self.project, self.base = project, base
        planned = base.copy()
        planned.use_as_built = False  # the fit compares the plan from nothing with the real history
        self.inp0 = inputs_from(project, assignment, planned)
        self.n_phases = self.inp0.n_phases
        self.phase_names = list(self.inp0.phase_names)
        self.actuals_values = actuals.values
        self.all_quarters = [int(q) for q in actuals.quarters]
        self.actuals_source = actuals.source
        cells = self._chosen_cells(project, actuals, communes, phases)
        self._set_quarters(actuals, cells, holdout)
        self._set_groups(actuals, cells)

    # --- which figures count ------------------------------------------------------------------------------
    def _chosen_cells(self, project, actuals, communes, phases) -> np.ndarray:
        inp = self.inp0
        C = len(project.communes)
        cc, cu = inp.cell_commune, inp.cell_units
        inside = cc >= 0
        self.planned_c = np.bincount(cc[inside], weights=cu[inside], minlength=C)
        has = ~np.all(np.isnan(actuals.values), axis=1)
        chosen = np.ones(C, dtype=bool)
        if communes:
            chosen[:] = False
            for code in communes:
                try:
                    chosen[project.communes.index_of(str(code).strip())] = True
                except KeyError:
                    raise ParameterError(f"unknown commune {code!r} (not an INSEE code of the project)",
                                         field="communes") from None
        phase_ok = np.ones(self.n_phases, dtype=bool)
        if phases:
            phase_ok[:] = False
            for ref in phases:
                phase_ok[self._phase_index(ref)] = True
        cell_ok = inside & phase_ok[inp.cell_phase]
        cell_ok[inside] &= chosen[cc[inside]] & has[cc[inside]]
        left = has & chosen & (self.planned_c == 0)
        if phases:
            left[:] = False  # with chosen phases, communes outside them are not chosen rather than unplanned
        last = np.nan_to_num(actuals.values[left]).max(axis=1) if left.any() else np.zeros(0)
        self.unplanned_codes = [str(c) for c, v in zip(project.communes.codes[left], last) if v > 0]
        self.unplanned_units = float(last.sum())
        rows = np.unique(cc[cell_ok])
        self.commune_rows = rows
        return np.flatnonzero(cell_ok)

    def _phase_index(self, ref) -> int:
        text = str(ref).strip()
        for i, (name, pid) in enumerate(zip(self.phase_names, self.inp0.phase_ids)):
            if text == name or text == str(pid):
                return i
        raise ParameterError(f"unknown phase {text!r} (give a phase name or id)", field="phases")

    def _set_quarters(self, actuals, cells, holdout: int) -> None:
        vals = actuals.values[self.inp0.cell_commune[cells]] if len(cells) else np.zeros((0, len(actuals.quarters)))
        with_fig = ~np.all(np.isnan(vals), axis=0) if len(cells) else np.zeros(len(actuals.quarters), bool)
        self.q_cols = np.flatnonzero(with_fig)
        self.quarters = np.asarray(actuals.quarters, dtype=np.int64)[self.q_cols]
        Q = len(self.quarters)
        holdout = int(holdout)
        if holdout < 0:
            raise ParameterError("the number of held-out quarters must be >= 0", field="holdout")
        if Q and holdout >= Q:
            raise ParameterError(f"holding out {holdout} of the {Q} quarters with figures leaves none to fit",
                                 field="holdout")
        self.fit = np.arange(Q) < Q - holdout
        self.last_fit = int(self.quarters[self.fit][-1]) if Q else None

    def _set_groups(self, actuals, cells) -> None:
        inp = self.inp0
        P = self.n_phases
        cp, cc, cu = inp.cell_phase, inp.cell_commune, inp.cell_units
        offset = np.cumsum(cu) - cu
        first = np.searchsorted(cp, np.arange(P))
        offset = offset - offset[first[cp]] if len(cp) else offset
        self.k_phase, self.k_commune = cp[cells], cc[cells]
        self.k_units, self.k_offset = cu[cells].astype(float), offset[cells].astype(float)
        self.k_pro_rata = inp.pro_rata[self.k_phase]
        vals = actuals.values[self.k_commune][:, self.q_cols]
        self.k_mask = ~np.isnan(vals)  # (K, Q): the cell's commune has a figure that quarter
        share = self.k_units / np.maximum(self.planned_c[self.k_commune], 1)
        k_actual = np.nan_to_num(vals) * share[:, None]
        G = 1 + P
        self.k_group = np.zeros((len(cells), G))
        self.k_group[:, TERRITORY] = 1.0
        self.k_group[np.arange(len(cells)), 1 + self.k_phase] = 1.0
        self.actual = self.k_group.T @ k_actual  # (G, Q)
        self.capacity = self.k_group.T @ (self.k_units[:, None] * self.k_mask)  # (G, Q) units counted
        present = (self.k_group.T @ self.k_mask.astype(float)) > 0  # (G, Q)
        self.group_quarters = (present & self.fit[None, :]).sum(axis=1)
        self.group_phases = [np.arange(P)] + [np.array([p]) for p in range(P)]
        self.group_names = ["territory"] + self.phase_names

    # --- the simulated months ------------------------------------------------------------------------------
    def axis(self, shifts: np.ndarray, extend: int = 0):
        """Engine inputs over the months from early enough for the `shifts` (and the first quarter) to the last
        quarter with figures (and `extend` months more), and the absolute month of their first month."""
        inp = self.inp0
        base_start = int(inp.start)
        lowest = base_start + int((inp.earliest[None, :] + shifts).min()) if self.n_phases else base_start
        first_q = int(self.quarters[0]) if len(self.quarters) else base_start
        start = min(lowest, first_q, base_start)
        last = int(self.quarters[-1]) if len(self.quarters) else base_start
        horizon = max(last - start + 1 + int(extend), 1)
        pool = pool_series(self.base, start, horizon) if inp.pool is not None else None
        return replace(inp, start=start, horizon=horizon, earliest=inp.earliest + (base_start - start), pool=pool), start

    def earliest_months(self) -> np.ndarray:
        """Absolute earliest start month of every phase (before any shift)."""
        return self.inp0.earliest + int(self.inp0.start)

    # --- scoring --------------------------------------------------------------------------------------------
    def built(self, factors, shifts, cancel=None, extend: int = 0):
        """Yield (slice, built int[r, P, T], first absolute month) chunks of the candidates' runs."""
        factors = np.atleast_2d(np.asarray(factors, dtype=float))
        shifts = np.atleast_2d(np.asarray(shifts, dtype=np.int64))
        inp, start = self.axis(shifts, extend)
        R = len(factors)
        chunk = max(1, CELLS_PER_CHUNK // max(1, self.n_phases * inp.horizon))
        for a in range(0, R, chunk):
            check_cancel(cancel)
            b = min(R, a + chunk)
            run = run_phases(inp, b - a, upcm=inp.upcm[None, :] * factors[a:b],
                             earliest=inp.earliest[None, :] + shifts[a:b])
            yield slice(a, b), run.built, start

    def cell_plan(self, built: np.ndarray, t_idx: np.ndarray) -> np.ndarray:
        """Eligible units of the counted cells at months `t_idx` of the run: float[r, K, len(t_idx)]."""
        b = built[:, :, t_idx][:, self.k_phase].astype(float)  # (r, K, Q)
        cell = np.clip(b - self.k_offset[None, :, None], 0.0, self.k_units[None, :, None])
        pr = self.k_pro_rata
        if pr.any():
            U = self.inp0.phase_units[self.k_phase[pr]].astype(float)
            cell[:, pr] = np.floor(self.k_units[pr][None, :, None] * b[:, pr] / U[None, :, None] + 1e-9)
        return cell

    def evaluate(self, factors, shifts, groups, cancel=None) -> np.ndarray:
        """Planned units float[R, len(groups), Q] of the groups at the quarters with figures."""
        W = self.k_group[:, list(groups)]
        out = np.empty((len(np.atleast_2d(factors)), len(groups), len(self.quarters)))
        for sl, built, start in self.built(factors, shifts, cancel):
            cell = self.cell_plan(built, self.quarters - start) * self.k_mask[None]
            out[sl] = np.einsum("rkq,kg->rgq", cell, W)
        return out

    def sse(self, plan: np.ndarray, groups) -> np.ndarray:
        """Sum over fit quarters of (plan − actual)² for each candidate and group: float[R, len(groups)]."""
        d = plan[:, :, self.fit] - self.actual[list(groups)][:, self.fit][None]
        return (d ** 2).sum(axis=2)

    def monthly(self, factors, shifts, first: int | None = None, extend: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """(absolute months, planned units) of the territory over the counted communes, month by month from
        `first` (default: the first simulated month) to `extend` months after the last quarter, one candidate."""
        shifts = np.atleast_2d(shifts)
        (_, built, start), = list(self.built(factors, shifts, extend=extend))
        t = np.arange(built.shape[2])
        if first is not None:
            t = t[start + t >= first]
        return start + t, self.cell_plan(built, t)[0].sum(axis=0)

    def commune_plan(self, factors, shifts) -> np.ndarray:
        """Planned units per project commune at the quarters with figures, one candidate: float[C, Q]."""
        (_, built, start), = list(self.built(factors, shifts))
        cell = self.cell_plan(built, self.quarters - start)[0]
        out = np.zeros((len(self.planned_c), len(self.quarters)))
        np.add.at(out, self.k_commune, cell)
        return out

    def first_planned_month(self) -> int | None:
        """Absolute month in which the scenario as it stands first plans units in the counted communes (None:
        never within its horizon)."""
        run = run_phases(self.inp0, 1)
        plan = self.cell_plan(run.built, np.arange(self.inp0.horizon))[0].sum(axis=0)
        hit = np.flatnonzero(plan > 0)
        return int(self.inp0.start) + int(hit[0]) if len(hit) else None

    # --- limits of the search -------------------------------------------------------------------------------
    def factor_limits(self, group: int) -> tuple[float, float]:
        """Factors beyond which the objective cannot change: below `lo` no phase of the group builds one unit
        by the last quarter even from the earliest start tried; above `hi` every phase builds all its units in
        its first building month. Crew capacity is in effort units (a unit of effort e takes e of them), so
        `lo` scales with the lightest unit of each phase and `hi` with the phase's whole effort."""
        inp, ph = self.inp0, self.group_phases[group]
        rate = inp.crews[ph] * inp.upcm[ph]
        lightest, effort = self._phase_efforts()
        cal = inp.calendar[inp.calendar > 0]
        months = (self.last_fit or inp.start) - (inp.start + self.shift_limits(group)[0]) + 1
        lo = 0.5 * float(np.min(lightest[ph] / rate)) / (max(months, 1) * float(cal.max()))
        work = effort[ph]
        hi = float(np.max(work * (inp.ramp[ph] + 1) / (rate * cal.min()))) * 2.0 if work.max() > 0 else 1.0
        return lo, max(hi, 2.0 * lo)

    def _phase_efforts(self) -> tuple[np.ndarray, np.ndarray]:
        """Per phase: the effort of its lightest unit (1 without units) and the effort of all its units."""
        inp, P = self.inp0, self.n_phases
        e = np.ones(len(inp.cell_units)) if inp.cell_effort is None else np.asarray(inp.cell_effort, float)
        has = inp.cell_units > 0
        lightest = np.full(P, np.inf)
        np.minimum.at(lightest, inp.cell_phase[has], e[has])
        lightest[~np.isfinite(lightest)] = 1.0
        return lightest, np.bincount(inp.cell_phase, weights=inp.cell_units * e, minlength=P)

    def shift_limits(self, group: int) -> tuple[int, int]:
        """Start shifts tried at most: back by one scenario horizon; forward until the group's first phase would
        start after the last fitted quarter (later starts build nothing in time, so all fit the same)."""
        lo = -int(self.base.horizon_months)
        first = int(self.earliest_months()[self.group_phases[group]].min()) if self.n_phases else 0
        hi = max(0, int(self.last_fit or first) - first)
        return lo, hi

    def quarter_labels(self, lang: str = "fr") -> list[str]:
        return [quarter_label(int(q), lang) for q in self.quarters]
