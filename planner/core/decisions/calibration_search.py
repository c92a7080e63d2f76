"""The calibration's search: for each group the pace factor (and start shift) of least squares, and its interval.

    search = Search(problem, fit_start, span, cancel)
    fits = search.fit(groups, factors, shifts)       # {group: GroupFit}; other phases keep factors/shifts
    search.intervals(fits, factors, shifts)          # adds the 90 % profile interval to each fit

Groups fitted together must not influence one another (phases of one dependency level, no crew pool): their
candidates then share the engine's run axis — run r gives every group its r-th candidate — and each group
reads its own squared error.

Search: 17 factors from 0.2 to 5 × `centre` for every shift within ±`span` months; while the best lies on an
edge of the grid, the grid moves past that edge (factors × 25, shifts twice as far), up to the problem's
limits (`FitProblem.factor_limits`, `shift_limits`), beyond which the objective cannot change. Then three
refining grids of 21 factors around the best (and the shifts next to it). Shifts are compared by an estimate of
their least squared error (`vertex`: the parabola through a shift's best grid factor and its neighbours), not by
their best grid point: a few per cent of pace often moves the planned totals by more than the whole misfit, so a
coarse grid point's error mostly says how close it happened to fall to its shift's best pace. A fit still at a
limit is flagged in `bound`. A group whose plan stays empty at the most favourable candidate (the highest factor, the
earliest shift) is `flat`: its objective does not depend on the parameters.

Interval (profile likelihood, F-calibrated as for non-linear least squares): a value θ of one parameter is
inside when the squared error minimised over the other parameter satisfies
SSE(θ) ≤ SSE* × (1 + t²/(n − k)), t the 95 % quantile of Student's t with n − k degrees of freedom (n fitted
quarters, k fitted values): the 90 % two-sided likelihood-ratio region. No interval when n ≤ k. How the
profile is read: calibration_profile.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from planner.core.decisions.calibration_problem import FitProblem
from planner.core.decisions.calibration_profile import add_intervals, pad, vertex

COARSE = np.geomspace(0.2, 5.0, 17)  # factors tried first, × the centre (about 22 % apart)
GRID = 21  # factors of each refining grid
WIDEN = 25.0  # a factor grid moved past its edge covers 25 × further
RIDGE = 12  # shifts refined at most (the best ones after the coarse search)
EDGE = 2.0  # a shift whose estimated least squared error is within EDGE × the best one is refined
EDGE_WIDEN = 4.0  # the shift grid moves past an edge whose estimate is within EDGE_WIDEN × the best one
T95 = (6.314, 2.920, 2.353, 2.132, 2.015, 1.943, 1.895, 1.860, 1.833, 1.812, 1.796, 1.782, 1.771, 1.761, 1.753,
       1.746, 1.740, 1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703, 1.701, 1.699, 1.697)


def t95(df: int) -> float:
    """95 % quantile of Student's t (two-sided 90 %), from the table up to 30 degrees of freedom."""
    return T95[df - 1] if df <= len(T95) else 1.645 + 1.524 / df


@dataclass
class GroupFit:
    """Best `factor` and `shift` of one group, its `sse` over `n` fit quarters with `k` fitted values.
    `flat`: the objective does not depend on the parameters. `bound`: parameters left at a limit of the search
    ('pace low', 'pace high', 'start early', 'start late'). Interval: `factor_lo`/`factor_hi`,
    `shift_lo`/`shift_hi` (None: not computed), `open_ends` the interval ends that reached a limit."""

    group: int
    factor: float = 1.0
    shift: int = 0
    sse: float = float("nan")
    n: int = 0
    k: int = 1
    flat: bool = False
    bound: list[str] = field(default_factory=list)
    factor_lo: float | None = None
    factor_hi: float | None = None
    shift_lo: int | None = None
    shift_hi: int | None = None
    open_ends: list[str] = field(default_factory=list)
    ridge: dict = field(default_factory=dict, repr=False)  # shift -> (best sse, factor, ...) seen in the search

    @property
    def rmse(self) -> float:
        return float(np.sqrt(self.sse / self.n)) if self.n else float("nan")

    def critical(self) -> float | None:
        """The profile's threshold on the squared error (None when n ≤ k: no interval)."""
        df = self.n - self.k
        return None if df < 1 else self.sse * (1.0 + t95(df) ** 2 / df)


class Search:
    """Grid search and profile intervals over a FitProblem (see the module docstring)."""

    def __init__(self, problem: FitProblem, fit_start: bool, span: int = 24, cancel=None,
                 fixed_factor: float | None = None):
        """`fixed_factor`: fit the start shift alone, the pace held at this factor (with `fit_start`)."""
        self.problem, self.fit_start, self.span, self.cancel = problem, bool(fit_start), int(span), cancel
        self.fixed = None if fixed_factor is None else float(fixed_factor)
        self.evaluations = 0

    # --- candidates ---------------------------------------------------------------------------------------
    def _score(self, groups, cf, cs, factors, shifts) -> np.ndarray:
        """SSE[B, R] of R candidate pairs per group: factors cf[B, R] and shifts cs[B, R] of the batch `groups`
        (every other phase keeps `factors`/`shifts`)."""
        R = cf.shape[1]
        fac = np.repeat(np.asarray(factors, float)[None], R, axis=0)
        sh = np.repeat(np.asarray(shifts, np.int64)[None], R, axis=0)
        for j, g in enumerate(groups):
            ph = self.problem.group_phases[g]
            fac[:, ph] = cf[j][:, None]
            sh[:, ph] = cs[j][:, None]
        self.evaluations += R
        plan = self.problem.evaluate(fac, sh, groups, self.cancel)
        return self.problem.sse(plan, groups).T

    def _score_grid(self, groups, gf, gs, factors, shifts) -> np.ndarray:
        """SSE[B, S, F] of the product of factor grids gf[B, F] and shift grids gs[B, S]."""
        B, F = gf.shape
        S = gs.shape[1]
        cf = gf[:, np.tile(np.arange(F), S)]
        cs = gs[:, np.repeat(np.arange(S), F)]
        return self._score(groups, cf, cs, factors, shifts).reshape(B, S, F)

    def _limits(self, g: int):
        flo, fhi = self.problem.factor_limits(g) if self.fixed is None else (self.fixed, self.fixed)
        slo, shi = self.problem.shift_limits(g) if self.fit_start else (0, 0)
        return flo, fhi, slo, shi

    def flat_groups(self, groups, factors, shifts) -> list[bool]:
        """Groups whose plan is empty at every fit quarter even at the most favourable candidate."""
        fac = np.asarray(factors, float).copy()
        sh = np.asarray(shifts, np.int64).copy()
        for g in groups:
            flo, fhi, slo, _ = self._limits(g)
            fac[self.problem.group_phases[g]] = fhi
            if self.fit_start:
                sh[self.problem.group_phases[g]] = slo
        plan = self.problem.evaluate(fac[None], sh[None], groups, self.cancel)[0]
        return [not np.any(plan[j, self.problem.fit] > 0) for j in range(len(groups))]

    # --- best fit -----------------------------------------------------------------------------------------
    def fit(self, groups, factors, shifts, centre=None) -> dict[int, GroupFit]:
        """Fit every group of the batch (others keep `factors`/`shifts`); {group: GroupFit}."""
        p = self.problem
        k = (2 if self.fit_start else 1) - (self.fixed is not None)
        fits = {g: GroupFit(g, n=int(p.group_quarters[g]), k=k) for g in groups}
        flat = self.flat_groups(groups, factors, shifts)
        live = [g for g, f in zip(groups, flat) if not f]
        for g, f in zip(groups, flat):
            fits[g].flat = f
        if not live:
            return fits
        state = {g: self._start_grid(g, factors, shifts, centre) for g in live}
        active = list(live)
        for _ in range(10):  # move past edges
            grid = self._score_state(active, state, factors, shifts)
            active = [g for g, sse in zip(active, grid) if self._widen(state[g], sse)]
            if not active:
                break
        for _ in range(3 if self.fixed is None else 0):  # refine along the ridge: the best few shifts
            self._refine(live, state, factors, shifts)
        if self.fixed is not None:  # the pace is held: every month next to the best shift
            self._fill_best(live, state, factors, shifts)
        for g in live:
            e, f, s = min((v[0], v[1], s) for s, v in state[g]["ridge"].items())
            fit = fits[g]
            fit.factor, fit.shift, fit.sse = float(f), int(s), float(e)
            fit.bound = self._bound(g, fit.factor, fit.shift)
            fit.ridge = state[g]["ridge"]
        return fits

    def _start_grid(self, g, factors, shifts, centre) -> dict:
        flo, fhi, slo, shi = self._limits(g)
        ph = self.problem.group_phases[g]
        c = float(centre if centre is not None else np.exp(np.mean(np.log(np.asarray(factors)[ph]))))
        gf = np.unique(np.clip(c * COARSE, flo, fhi))
        s0 = int(np.asarray(shifts)[ph][0]) if self.fit_start else 0
        gs = _shift_range(max(s0 - self.span, slo), min(s0 + self.span, shi)) if self.fit_start else np.array([s0])
        if len(gs) == 0:
            gs = np.array([min(max(s0, slo), shi)])
        return {"gf": gf, "gs": gs, "at": None, "ridge": {}, "limits": (flo, fhi, slo, shi), "fdir": 0, "sdir": 0}

    def _score_state(self, groups, state, factors, shifts) -> list[np.ndarray]:
        F = max(len(state[g]["gf"]) for g in groups)
        S = max(len(state[g]["gs"]) for g in groups)
        gf = np.array([pad(state[g]["gf"], F) for g in groups])
        gs = np.array([pad(state[g]["gs"], S) for g in groups])
        sse = self._score_grid(groups, gf, gs, factors, shifts)
        out = []
        for j, g in enumerate(groups):
            st = state[g]
            e = sse[j, : len(st["gs"]), : len(st["gf"])]
            for si, s in enumerate(st["gs"]):
                _note(st["ridge"], int(s), st["gf"], e[si])
            st["at"] = np.unravel_index(np.argmin(e), e.shape)
            out.append(e)
        return out

    def _widen(self, st, sse) -> bool:
        """Move the grid past an edge: the shifts when the best one is at an edge or an edge shift fits within
        EDGE_WIDEN × the best squared error (the objective is jagged in the start: a near-best edge may hide a better
        value beyond it); the factors when the best factor is at an edge. On a plateau: towards more building.
        A grid keeps moving the way it went; moving the shifts re-centres the factors on the best so far."""
        si, fi = st["at"]
        flo, fhi, slo, shi = st["limits"]
        gf, gs = st["gf"], st["gs"]
        ridge = st["ridge"]
        best = min(v[4] for v in ridge.values())
        low = int(np.argmin([ridge[int(s)][4] for s in gs]))  # the grid's best shift by its estimate
        plateau = np.ptp(sse) <= 1e-9 * max(1.0, float(sse.max()))
        width = max(int(gs[-1] - gs[0]), 1)
        near_lo = 0 in (si, low) or ridge[int(gs[0])][4] <= EDGE_WIDEN * best
        near_hi = len(gs) - 1 in (si, low) or ridge[int(gs[-1])][4] <= EDGE_WIDEN * best
        if (near_lo or plateau) and st["sdir"] <= 0 and gs[0] > slo and len(gs) > 1 or (plateau and gs[0] > slo):
            st["gs"], st["sdir"] = _shift_range(max(gs[0] - 2 * width, slo), gs[0]), -1
        elif near_hi and not plateau and st["sdir"] >= 0 and gs[-1] < shi and len(gs) > 1:
            st["gs"], st["sdir"] = _shift_range(gs[-1], min(gs[-1] + 2 * width, shi)), +1
        else:
            if fi == 0 and not plateau and st["fdir"] <= 0 and gf[0] > flo * (1 + 1e-9):
                st["gf"], st["fdir"] = np.geomspace(max(gf[0] / WIDEN, flo), gf[0], len(COARSE)), -1
                return True
            if (fi == len(gf) - 1 or plateau) and st["fdir"] >= 0 and gf[-1] < fhi * (1 - 1e-9):
                st["gf"], st["fdir"] = np.geomspace(gf[-1], min(gf[-1] * WIDEN, fhi), len(COARSE)), +1
                return True
            return False
        f = ridge[_ranked(ridge)[0]][1]
        st["gf"], st["fdir"] = np.unique(np.clip(f * np.geomspace(1 / WIDEN, WIDEN, len(COARSE)), flo, fhi)), 0
        return True

    def _fill_best(self, groups, state, factors, shifts) -> None:
        """Score every shift within 3 months of each group's best one (a coarse shift grid may skip months)."""
        rows = {}
        for g in groups:
            st = state[g]
            _, _, slo, shi = st["limits"]
            b = min(st["ridge"], key=lambda s: st["ridge"][s][0])
            rows[g] = np.arange(max(b - 3, slo), min(b + 3, shi) + 1)
        n = max(len(v) for v in rows.values())
        cs = np.array([pad(rows[g], n) for g in groups])
        cf = np.array([np.full(n, state[g]["gf"][0]) for g in groups])
        sse = self._score(groups, cf, cs, factors, shifts)
        for j, g in enumerate(groups):
            for i, s in enumerate(cs[j]):
                _note(state[g]["ridge"], int(s), cf[j, i:i + 1], sse[j, i:i + 1])

    def _refine(self, groups, state, factors, shifts) -> None:
        """One refining round along the ridge: every shift whose estimated least squared error (`vertex`) is
        within EDGE × the best estimate (at most RIDGE of them, the best first), and the months next to the best
        shift by estimate and by squared error, each with GRID factors between the neighbours of that shift's
        own best factor. Shifts are ranked by their estimate, not by their best grid point: the valley in the
        factor is often far narrower than a coarse grid step, so a grid point's error says more about where it
        fell than about the shift."""
        cand = {}
        for g in groups:
            ridge = state[g]["ridge"]
            _, _, slo, shi = state[g]["limits"]
            order = _ranked(ridge)
            e0 = ridge[order[0]][4]
            best = [s for s in order[:RIDGE] if ridge[s][4] <= EDGE * e0 or s == order[0]]
            top = min(ridge, key=lambda s: ridge[s][0])
            for s in [*range(order[0] - 2, order[0] + 3), *range(top - 2, top + 3)]:
                if slo <= s <= shi and s not in best:
                    if s not in ridge:
                        f = ridge[order[0]][1]
                        ridge[s] = (np.inf, f, f / 2.0, f * 2.0, np.inf)
                    best.append(s)
            rows = []
            for s in best:
                _, f, lo, hi, _ = ridge[s]
                grid = np.concatenate([np.linspace(lo, f, GRID // 2 + 1), np.linspace(f, hi, GRID // 2 + 1)[1:]])
                rows.append((s, grid))
            cand[g] = rows
        n = max(len(v) for v in cand.values())
        cf = np.array([pad(np.concatenate([r[1] for r in cand[g]]), n * GRID) for g in groups])
        cs = np.array([pad(np.concatenate([np.full(GRID, r[0]) for r in cand[g]]), n * GRID) for g in groups])
        sse = self._score(groups, cf, cs, factors, shifts)
        for j, g in enumerate(groups):
            for i, (s, grid) in enumerate(cand[g]):
                _note(state[g]["ridge"], int(s), grid, sse[j, i * GRID:(i + 1) * GRID])

    def _bound(self, g, factor, shift) -> list[str]:
        flo, fhi, slo, shi = self._limits(g)
        out = []
        if self.fixed is None and factor <= flo * (1 + 1e-6):
            out.append("pace low")
        if self.fixed is None and factor >= fhi * (1 - 1e-6):
            out.append("pace high")
        if self.fit_start and shift <= slo:
            out.append("start early")
        if self.fit_start and shift >= shi and shi > 0:
            out.append("start late")
        return out

    # --- interval -----------------------------------------------------------------------------------------
    def intervals(self, fits: dict[int, GroupFit], factors, shifts) -> None:
        """Add the 90 % profile interval to every fit of the batch that has one (calibration_profile.py)."""
        add_intervals(self, fits, factors, shifts)


def _note(ridge: dict, s: int, grid: np.ndarray, sse: np.ndarray) -> None:
    """Keep, per shift, the best (sse, factor, lower neighbour, upper neighbour, estimate) seen on any factor grid.
    The estimate is the least squared error of the parabola through the best point and its neighbours."""
    i = int(np.argmin(sse))
    if s not in ridge or sse[i] < ridge[s][0]:
        lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, len(grid) - 1)]
        ridge[s] = (float(sse[i]), float(grid[i]), float(min(lo, grid[i])), float(max(hi, grid[i])),
                    vertex(grid, sse, i))


def _ranked(ridge: dict) -> list[int]:
    """Shifts of the ridge, best first: by estimated least squared error, then by squared error."""
    return sorted(ridge, key=lambda s: (ridge[s][4], ridge[s][0]))


def _shift_range(lo: int, hi: int) -> np.ndarray:
    """Shifts lo..hi for a coarse grid: every month up to 20 of them, else every other month or sparser (the
    ridge refinement then visits the months next to the best ones); both ends always included."""
    stride = max(1, -(-(int(hi) - int(lo)) // 20))
    return np.unique(np.concatenate([np.arange(lo, hi + 1, stride), [hi]])).astype(np.int64)
