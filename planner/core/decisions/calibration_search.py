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
refining grids of 21 factors around the best (and the shifts next to it). A fit still at a limit is flagged
in `bound`. A group whose plan stays empty at the most favourable candidate (the highest factor, the
earliest shift) is `flat`: its objective does not depend on the parameters.

Interval (profile likelihood, F-calibrated as for non-linear least squares): a value θ of one parameter is
inside when the squared error minimised over the other parameter satisfies
SSE(θ) ≤ SSE* × (1 + t²/(n − k)), t the 95 % quantile of Student's t with n − k degrees of freedom (n fitted
quarters, k fitted values): the 90 % two-sided likelihood-ratio region. No interval when n ≤ k.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from planner.core.decisions.calibration_problem import FitProblem

COARSE = np.geomspace(0.2, 5.0, 17)  # factors tried first, × the centre (about 22 % apart)
GRID = 21  # factors of each refining grid
WIDEN = 25.0  # a factor grid moved past its edge covers 25 × further
PROFILE = 21  # factors of the profile grid
ZOOM_LIMIT = 1.01  # the profile grid stops zooming in at ± 1 % (steps of 0.1 %)
RIDGE = 12  # shifts refined at most (the best ones after the coarse search)
EDGE = 2.0  # a shift whose squared error is within EDGE × the best one is refined
EDGE_WIDEN = 4.0  # the shift grid moves past an edge whose squared error is within EDGE_WIDEN × the best one
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
        gf = np.array([_pad(state[g]["gf"], F) for g in groups])
        gs = np.array([_pad(state[g]["gs"], S) for g in groups])
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
        best = min(v[0] for v in ridge.values())
        plateau = np.ptp(sse) <= 1e-9 * max(1.0, float(sse.max()))
        width = max(int(gs[-1] - gs[0]), 1)
        near_lo = si == 0 or ridge[int(gs[0])][0] <= EDGE_WIDEN * best
        near_hi = si == len(gs) - 1 or ridge[int(gs[-1])][0] <= EDGE_WIDEN * best
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
        f = min(ridge.values())[1]
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
        cs = np.array([_pad(rows[g], n) for g in groups])
        cf = np.array([np.full(n, state[g]["gf"][0]) for g in groups])
        sse = self._score(groups, cf, cs, factors, shifts)
        for j, g in enumerate(groups):
            for i, s in enumerate(cs[j]):
                _note(state[g]["ridge"], int(s), cf[j, i:i + 1], sse[j, i:i + 1])

    def _refine(self, groups, state, factors, shifts) -> None:
        """One refining round along the ridge: every shift whose best squared error is within EDGE × the best
        one (at most RIDGE of them, the best first) and the best one's neighbours, each with GRID factors
        between the neighbours of that shift's own best factor."""
        cand = {}
        for g in groups:
            ridge = state[g]["ridge"]
            _, _, slo, shi = state[g]["limits"]
            order = sorted(ridge, key=lambda s: ridge[s][0])
            e0 = ridge[order[0]][0]
            best = [s for s in order[:RIDGE] if ridge[s][0] <= EDGE * e0 or s == order[0]]
            for s in range(order[0] - 2, order[0] + 3):
                if slo <= s <= shi and s not in best:
                    if s not in ridge:
                        f = ridge[order[0]][1]
                        ridge[s] = (np.inf, f, f / 2.0, f * 2.0)
                    best.append(s)
            rows = []
            for s in best:
                _, f, lo, hi = ridge[s]
                grid = np.concatenate([np.linspace(lo, f, GRID // 2 + 1), np.linspace(f, hi, GRID // 2 + 1)[1:]])
                rows.append((s, grid))
            cand[g] = rows
        n = max(len(v) for v in cand.values())
        cf = np.array([_pad(np.concatenate([r[1] for r in cand[g]]), n * GRID) for g in groups])
        cs = np.array([_pad(np.concatenate([np.full(GRID, r[0]) for r in cand[g]]), n * GRID) for g in groups])
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
        """Add the 90 % profile interval to every fit of the batch that has one (groups must be independent).

        Profiles are read on a grid of PROFILE factors from f*/w to f*·w and the shifts s* ± r (every
        ceil(r/12)-th month when r is large; the months next to the interval's ends are filled in at the end):
        w and r grow while the region reaches an edge, and w shrinks while the region covers too few factors."""
        todo = [g for g, f in fits.items() if not f.flat and f.critical() is not None]
        if not todo:
            return
        width, reach = {}, {}
        for g in todo:
            width[g], reach[g] = self._first_profile_range(fits[g])
        for _ in range(10):
            prof = self._profiles(todo, fits, width, reach, factors, shifts)
            changed = [g for g in todo if self._adjust(fits[g], prof[g], width, reach)]
            if not changed:
                break
        if self.fit_start:
            prof = self._fill_shift_ends(todo, fits, prof, factors, shifts)
        for g in todo:
            self._read_interval(fits[g], prof[g])

    def _first_profile_range(self, fit: GroupFit) -> tuple[float, int]:
        """Factor width and shift reach of the first profile grid, from the shifts the search found within
        the threshold (their squared errors are upper bounds: the grid grows if it is too small)."""
        crit = fit.critical()
        near = [(s, v[1]) for s, v in fit.ridge.items() if v[0] <= crit] or [(fit.shift, fit.factor)]
        ratio = max(max(f / fit.factor, fit.factor / f) for _, f in near)
        reach = max(abs(s - fit.shift) for s, _ in near) if self.fit_start else 0
        return max(1.05, min(ratio * 1.3, 1e4)), (max(3, int(reach * 1.2)) if self.fit_start else 0)

    def _profile_grids(self, g, fit, width, reach):
        flo, fhi, slo, shi = self._limits(g)
        gf = np.clip(fit.factor * np.geomspace(1 / width, width, PROFILE), flo, fhi)
        if self.fixed is not None:
            gf = np.array([self.fixed])
        if not self.fit_start:
            return gf, np.array([fit.shift])
        stride = max(1, -(-reach // 12))
        gs = np.concatenate([fit.shift - np.arange(0, reach + 1, stride), fit.shift + np.arange(0, reach + 1, stride),
                             [fit.shift - reach, fit.shift + reach]])
        return gf, np.unique(np.clip(gs, slo, shi))

    def _profiles(self, groups, fits, width, reach, factors, shifts) -> dict:
        """{group: (factor grid, shift grid, profile over factors, profile over shifts)}."""
        grids = {g: self._profile_grids(g, fits[g], width[g], reach[g]) for g in groups}
        S = max(len(v[1]) for v in grids.values())
        gf = np.array([grids[g][0] for g in groups])
        gs = np.array([_pad(grids[g][1], S) for g in groups])
        sse = self._score_grid(groups, gf, gs, factors, shifts)
        out = {}
        for j, g in enumerate(groups):
            e = sse[j, : len(grids[g][1])]
            out[g] = (grids[g][0], grids[g][1], e.min(axis=0), e.min(axis=1))
        return out

    def _adjust(self, fit: GroupFit, prof, width, reach) -> bool:
        gf, gs, pf, ps = prof
        crit = fit.critical()
        flo, fhi, slo, shi = self._limits(fit.group)
        g = fit.group
        inside = pf <= crit * (1 + 1e-12)
        changed = False
        if self.fixed is not None:
            pass
        elif (inside[0] and gf[0] > flo * (1 + 1e-9)) or (inside[-1] and gf[-1] < fhi * (1 - 1e-9)):
            if width[g] < 1e4:
                width[g] = width[g] ** 2 if width[g] > 2 else width[g] * 2
                changed = True
        elif inside.sum() < 7 and width[g] > ZOOM_LIMIT and width[g] ** 0.4 >= self._widest_inside(gf, inside, fit):
            width[g] = width[g] ** 0.4  # zoom in: the region (to its first outside neighbours) fits a finer grid
            changed = True
        if self.fit_start:
            ins = ps <= crit * (1 + 1e-12)
            if ((ins[0] and gs[0] > slo) or (ins[-1] and gs[-1] < shi)) and reach[g] < shi - slo:
                reach[g] *= 2
                changed = True
        return changed

    @staticmethod
    def _widest_inside(gf, inside, fit) -> float:
        """The widest ratio between the fitted factor and a grid factor next to the region (its outer bound)."""
        idx = np.flatnonzero(inside)
        if not len(idx):
            return 1.0
        lo, hi = gf[max(idx[0] - 1, 0)], gf[min(idx[-1] + 1, len(gf) - 1)]
        return max(fit.factor / lo, hi / fit.factor)

    def _fill_shift_ends(self, groups, fits, prof, factors, shifts) -> dict:
        """Evaluate the months skipped by a strided shift grid next to the ends of the shift interval."""
        extra = {}
        for g in groups:
            gf, gs, pf, ps = prof[g]
            ins = np.flatnonzero(ps <= fits[g].critical() * (1 + 1e-12))
            if not len(ins):
                continue
            fill = []
            for i, step in ((ins[0], -1), (ins[-1], +1)):
                j = i + step
                if 0 <= j < len(gs) and abs(int(gs[j]) - int(gs[i])) > 1:
                    fill += list(range(min(gs[i], gs[j]) + 1, max(gs[i], gs[j])))
            if fill:
                extra[g] = np.asarray(fill)
        if not extra:
            return prof
        todo = list(extra)
        grids = {g: (prof[g][0], np.asarray(extra[g])) for g in todo}
        S = max(len(v[1]) for v in grids.values())
        gf = np.array([grids[g][0] for g in todo])
        gs = np.array([_pad(grids[g][1], S) for g in todo])
        sse = self._score_grid(todo, gf, gs, factors, shifts)
        out = dict(prof)
        for j, g in enumerate(todo):
            e = sse[j, : len(grids[g][1])]
            gf0, gs0, pf0, ps0 = prof[g]
            allg = np.concatenate([gs0, grids[g][1]])
            allp = np.concatenate([ps0, e.min(axis=1)])
            order = np.argsort(allg, kind="stable")
            out[g] = (gf0, allg[order], np.minimum(pf0, e.min(axis=0)), allp[order])
        return out

    def _read_interval(self, fit: GroupFit, prof) -> None:
        gf, gs, pf, ps = prof
        crit = fit.critical()
        flo, fhi, slo, shi = self._limits(fit.group)
        idx = np.flatnonzero(pf <= crit * (1 + 1e-12))
        if self.fixed is not None:  # the pace was not fitted
            idx = idx[:0]
        if not len(idx):  # the grid missed the best point's neighbourhood: the fitted value alone
            fit.factor_lo = fit.factor_hi = fit.factor
        else:
            fit.factor_lo = _crossing(gf, pf, crit, idx[0], -1)
            fit.factor_hi = _crossing(gf, pf, crit, idx[-1], +1)
            if idx[0] == 0 and gf[0] <= flo * (1 + 1e-9):
                fit.open_ends.append("pace low")
            if idx[-1] == len(gf) - 1 and gf[-1] >= fhi * (1 - 1e-9):
                fit.open_ends.append("pace high")
        fit.factor_lo, fit.factor_hi = min(fit.factor_lo, fit.factor), max(fit.factor_hi, fit.factor)
        if self.fit_start:
            ins = np.flatnonzero(ps <= crit * (1 + 1e-12))
            fit.shift_lo = int(gs[ins[0]]) if len(ins) else fit.shift
            fit.shift_hi = int(gs[ins[-1]]) if len(ins) else fit.shift
            fit.shift_lo, fit.shift_hi = min(fit.shift_lo, fit.shift), max(fit.shift_hi, fit.shift)
            if len(ins) and gs[ins[0]] <= slo:
                fit.open_ends.append("start early")
            if len(ins) and gs[ins[-1]] >= shi and shi > 0:
                fit.open_ends.append("start late")


def _crossing(grid, prof, crit, i, step) -> float:
    """Where the profile crosses `crit` between grid point i (inside) and i + step (outside), log-linearly."""
    j = i + step
    if j < 0 or j >= len(grid) or prof[j] == prof[i]:
        return float(grid[i])
    x0, x1 = np.log(grid[i]), np.log(grid[j])
    x = x0 + (crit - prof[i]) * (x1 - x0) / (prof[j] - prof[i])
    return float(np.exp(np.clip(x, min(x0, x1), max(x0, x1))))


def _note(ridge: dict, s: int, grid: np.ndarray, sse: np.ndarray) -> None:
    """Keep, per shift, the best (sse, factor, lower neighbour, upper neighbour) seen on any factor grid."""
    i = int(np.argmin(sse))
    if s not in ridge or sse[i] < ridge[s][0]:
        lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, len(grid) - 1)]
        ridge[s] = (float(sse[i]), float(grid[i]), float(min(lo, grid[i])), float(max(hi, grid[i])))


def _shift_range(lo: int, hi: int) -> np.ndarray:
    """Shifts lo..hi for a coarse grid: every month up to 20 of them, else every other month or sparser (the
    ridge refinement then visits the months next to the best ones); both ends always included."""
    stride = max(1, -(-(int(hi) - int(lo)) // 20))
    return np.unique(np.concatenate([np.arange(lo, hi + 1, stride), [hi]])).astype(np.int64)


def _pad(a: np.ndarray, n: int) -> np.ndarray:
    """`a` lengthened to n by repeating its last value (repeated candidates cost a run but change nothing)."""
    return np.concatenate([a, np.repeat(a[-1:], n - len(a))]) if len(a) < n else a
