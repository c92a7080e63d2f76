"""The 90 % profile interval of the calibration's fits (the rule is in calibration_search's docstring).

    add_intervals(search, fits, factors, shifts)   # sets factor_lo/hi, shift_lo/hi and open_ends of each fit

Profiles are read on a grid of PROFILE factors from f*/w to f*·w and the shifts s* ± r (every ceil(r/12)-th
month when r is large): w and r grow while the region reaches an edge, and w shrinks while the region covers
too few factors. Then the months a strided shift grid skipped next to the ends of the shift interval are filled
in, and the shifts near those ends are *polished*: a shift's profile value is a least squared error over the
pace, and its valley in the pace is often narrower than the grid's step (a few per cent of pace moves the
planned totals by more than the figures' misfit), so a shift whose grid points all lie above the threshold
while the parabola through its best point and neighbours (`vertex`) dips below it gets its own finer factor
grids (two rounds of GRID factors between its best point's neighbours). A shift is inside when an evaluated
candidate is within the threshold; every such candidate's factor is inside the factor interval too.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

PROFILE = 21  # factors of the profile grid
GRID = 21  # factors of each polishing grid
POLISH = 2  # polishing rounds
ZOOM_LIMIT = 1.01  # the profile grid stops zooming in at ± 1 % (steps of 0.1 %)


@dataclass
class Profile:
    """One group's profile: factor grid `gf` [F] and shifts `gs` [S] (sorted); `pf` [F] least squared error
    over the shifts at each grid factor; per shift `ps` the least squared error evaluated, `est` its estimate
    (`vertex`), `lo`/`hi` the factors bracketing its least error; `inside` factors off the grid found within
    the threshold."""

    gf: np.ndarray
    gs: np.ndarray
    pf: np.ndarray
    ps: np.ndarray
    est: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    inside: list = field(default_factory=list)

    @classmethod
    def of(cls, gf, gs, e) -> "Profile":
        """From the squared errors e[S, F] of every shift and grid factor."""
        i = np.argmin(e, axis=1)
        F = len(gf)
        est = np.array([vertex(gf, row, k) for row, k in zip(e, i)])
        return cls(gf, np.asarray(gs), e.min(axis=0), e.min(axis=1), est, gf[np.maximum(i - 1, 0)],
                   gf[np.minimum(i + 1, F - 1)])

    def merged(self, other: "Profile") -> "Profile":
        """This profile with another one's shifts (same factor grid) added."""
        order = np.argsort(np.concatenate([self.gs, other.gs]), kind="stable")
        cat = [np.concatenate([getattr(self, a), getattr(other, a)])[order] for a in ("gs", "ps", "est", "lo", "hi")]
        return Profile(self.gf, cat[0], np.minimum(self.pf, other.pf), *cat[1:], self.inside + other.inside)


def vertex(grid, sse, i: int) -> float:
    """The least value of the parabola (in the factor) through grid point i and its nearest distinct neighbours:
    an estimate of the least squared error near i that a grid point may miss (sse[i] without both neighbours).

    Planned units grow about linearly with the pace (crew capacity is pace × crews × ramp × calendar), so the
    squared error is about quadratic in the factor near its minimum; a valley narrower than the grid step is
    then judged by its floor rather than by where a grid point happens to fall."""
    x, y = np.asarray(grid, float), np.asarray(sse, float)
    left = np.flatnonzero(x[:i] < x[i])
    right = i + 1 + np.flatnonzero(x[i + 1:] > x[i])
    if not len(left) or not len(right) or not np.all(np.isfinite(y[[left[-1], i, right[0]]])):
        return float(y[i])
    u1, u3 = x[left[-1]] - x[i], x[right[0]] - x[i]
    d1, d3 = y[left[-1]] - y[i], y[right[0]] - y[i]
    a = (d1 / u1 - d3 / u3) / (u1 - u3)
    b = d1 / u1 - a * u1
    if a <= 0:
        return float(y[i])
    return float(min(y[i], max(0.0, y[i] - b * b / (4.0 * a))))


def pad(a: np.ndarray, n: int) -> np.ndarray:
    """`a` lengthened to n by repeating its last value (repeated candidates cost a run but change nothing)."""
    return np.concatenate([a, np.repeat(a[-1:], n - len(a))]) if len(a) < n else a


def add_intervals(search, fits: dict, factors, shifts) -> None:
    """Add the 90 % profile interval to every fit of the batch that has one (groups must be independent)."""
    todo = [g for g, f in fits.items() if not f.flat and f.critical() is not None]
    if not todo:
        return
    width, reach = {}, {}
    for g in todo:
        width[g], reach[g] = _first_range(search, fits[g])
    for _ in range(10):
        prof = _profiles(search, todo, fits, width, reach, factors, shifts)
        changed = [g for g in todo if _adjust(search, fits[g], prof[g], width, reach)]
        if not changed:
            break
    if search.fit_start:
        prof = _fill_shift_ends(search, todo, fits, prof, factors, shifts)
        _polish(search, todo, fits, prof, factors, shifts)
    for g in todo:
        _read_interval(search, fits[g], prof[g])


def _first_range(search, fit) -> tuple[float, int]:
    """Factor width and shift reach of the first profile grid, from the shifts the search found within
    the threshold (their squared errors are upper bounds: the grid grows if it is too small)."""
    crit = fit.critical()
    near = [(s, v[1]) for s, v in fit.ridge.items() if v[0] <= crit] or [(fit.shift, fit.factor)]
    ratio = max(max(f / fit.factor, fit.factor / f) for _, f in near)
    reach = max(abs(s - fit.shift) for s, _ in near) if search.fit_start else 0
    return max(1.05, min(ratio * 1.3, 1e4)), (max(3, int(reach * 1.2)) if search.fit_start else 0)


def _grids(search, g, fit, width, reach):
    flo, fhi, slo, shi = search._limits(g)
    gf = np.clip(fit.factor * np.geomspace(1 / width, width, PROFILE), flo, fhi)
    if search.fixed is not None:
        gf = np.array([search.fixed])
    if not search.fit_start:
        return gf, np.array([fit.shift])
    stride = max(1, -(-reach // 12))
    gs = np.concatenate([fit.shift - np.arange(0, reach + 1, stride), fit.shift + np.arange(0, reach + 1, stride),
                         [fit.shift - reach, fit.shift + reach]])
    return gf, np.unique(np.clip(gs, slo, shi))


def _evaluate(search, groups, grids, factors, shifts) -> dict:
    """{group: Profile} of the factor grid × shifts of each group (grids {group: (gf, gs)})."""
    S = max(len(v[1]) for v in grids.values())
    gf = np.array([grids[g][0] for g in groups])
    gs = np.array([pad(grids[g][1], S) for g in groups])
    sse = search._score_grid(groups, gf, gs, factors, shifts)
    return {g: Profile.of(grids[g][0], grids[g][1], sse[j, : len(grids[g][1])]) for j, g in enumerate(groups)}


def _profiles(search, groups, fits, width, reach, factors, shifts) -> dict:
    grids = {g: _grids(search, g, fits[g], width[g], reach[g]) for g in groups}
    return _evaluate(search, groups, grids, factors, shifts)


def _adjust(search, fit, prof: Profile, width, reach) -> bool:
    """Grow the factor width or the shift reach while the region reaches an edge of the grid (by the shifts'
    estimates: the polishing decides later); zoom in while it covers fewer than 7 grid factors."""
    crit = fit.critical()
    flo, fhi, slo, shi = search._limits(fit.group)
    g, gf = fit.group, prof.gf
    inside = prof.pf <= crit * (1 + 1e-12)
    changed = False
    if search.fixed is not None:
        pass
    elif (inside[0] and gf[0] > flo * (1 + 1e-9)) or (inside[-1] and gf[-1] < fhi * (1 - 1e-9)):
        if width[g] < 1e4:
            width[g] = width[g] ** 2 if width[g] > 2 else width[g] * 2
            changed = True
    elif inside.sum() < 7 and width[g] > ZOOM_LIMIT and width[g] ** 0.4 >= _widest_inside(gf, inside, fit):
        width[g] = width[g] ** 0.4  # zoom in: the region (to its first outside neighbours) fits a finer grid
        changed = True
    if search.fit_start:
        ins = prof.est <= crit * (1 + 1e-12)
        gs = prof.gs
        if ((ins[0] and gs[0] > slo) or (ins[-1] and gs[-1] < shi)) and reach[g] < shi - slo:
            reach[g] *= 2
            changed = True
    return changed


def _widest_inside(gf, inside, fit) -> float:
    """The widest ratio between the fitted factor and a grid factor next to the region (its outer bound)."""
    idx = np.flatnonzero(inside)
    if not len(idx):
        return 1.0
    lo, hi = gf[max(idx[0] - 1, 0)], gf[min(idx[-1] + 1, len(gf) - 1)]
    return max(fit.factor / lo, hi / fit.factor)


def _fill_shift_ends(search, groups, fits, prof, factors, shifts) -> dict:
    """Evaluate the months skipped by a strided shift grid next to the ends of the shift interval."""
    extra = {}
    for g in groups:
        gs = prof[g].gs
        ins = np.flatnonzero(prof[g].est <= fits[g].critical() * (1 + 1e-12))
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
    more = _evaluate(search, todo, {g: (prof[g].gf, extra[g]) for g in todo}, factors, shifts)
    return {g: prof[g].merged(more[g]) if g in more else prof[g] for g in prof}


def _polish(search, groups, fits, prof, factors, shifts) -> None:
    """Zoom in on the pace of the shifts whose estimate is within the threshold but no evaluated point is (in
    place): GRID factors between the neighbours of the shift's best factor, POLISH rounds."""
    for _ in range(POLISH):
        todo = {}
        for g in groups:
            p, crit = prof[g], fits[g].critical() * (1 + 1e-12)
            amb = np.flatnonzero((p.ps > crit) & (p.est <= crit) & (p.hi > p.lo))
            if len(amb):
                todo[g] = amb
        if not todo:
            return
        batch = list(todo)
        n = max(len(v) for v in todo.values())
        cf = np.array([pad(np.concatenate([np.linspace(prof[g].lo[i], prof[g].hi[i], GRID) for i in todo[g]]),
                           n * GRID) for g in batch])
        cs = np.array([pad(np.repeat(prof[g].gs[todo[g]], GRID), n * GRID) for g in batch])
        sse = search._score(batch, cf, cs, factors, shifts)
        for j, g in enumerate(batch):
            p, crit = prof[g], fits[g].critical() * (1 + 1e-12)
            for r, i in enumerate(todo[g]):
                grid, e = cf[j, r * GRID:(r + 1) * GRID], sse[j, r * GRID:(r + 1) * GRID]
                k = int(np.argmin(e))
                p.ps[i], p.est[i] = min(p.ps[i], e[k]), vertex(grid, e, k)
                p.lo[i], p.hi[i] = grid[max(k - 1, 0)], grid[min(k + 1, GRID - 1)]
                p.inside += [float(f) for f in grid[e <= crit]]


def _read_interval(search, fit, prof: Profile) -> None:
    gf, pf, gs, ps = prof.gf, prof.pf, prof.gs, prof.ps
    crit = fit.critical()
    flo, fhi, slo, shi = search._limits(fit.group)
    idx = np.flatnonzero(pf <= crit * (1 + 1e-12))
    if search.fixed is not None:  # the pace was not fitted
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
        if prof.inside:
            fit.factor_lo, fit.factor_hi = min(fit.factor_lo, *prof.inside), max(fit.factor_hi, *prof.inside)
    fit.factor_lo, fit.factor_hi = min(fit.factor_lo, fit.factor), max(fit.factor_hi, fit.factor)
    if search.fit_start:
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
