"""The budget limit of the month-by-month engine path (DESIGN §4 step 3b), kept apart from crews and starts.

Each month the money made available that month (a twelfth of the year's budget; see costs.budget_series) is
added to what is left. Then, in phase order:
1. phases allowed to start that month pay their fixed cost; a phase whose fixed cost the money left cannot pay
   waits (and so do the phases after it that month), flagged as waiting for money;
2. building phases take the money their crews' capacity needs (the cost of the units next in line); the first
   phase whose need exceeds what is left builds what the rest pays for (whole units) and its crews idle for the
   rest of the month (flagged as waiting for money); the phases after it get nothing that month.
Money left unspent carries over. Spending therefore never exceeds the money made available so far.
"""
from __future__ import annotations

import math

import numpy as np

from planner.core.simulation.knots import Segments, cost_at_units, effort_at_units

EPS = 1e-6  # same tolerance as the engine's flooring of units
TOL = 1e-6  # euros: rounding slack when comparing money


class Money:
    """Money on hand per run and the months each phase waited for it; `step` is called once per month."""

    def __init__(self, inp, seg: Segments, runs: int, cost_factor=None):
        P, T = inp.n_phases, inp.horizon
        self.seg = seg
        self.arrivals = np.asarray(inp.budget, dtype=float)
        self.fixed = np.zeros(P) if inp.phase_fixed is None else np.asarray(inp.phase_fixed, dtype=float)
        self.factor = None if cost_factor is None else np.broadcast_to(np.asarray(cost_factor, float), (runs, P))
        self.left = np.zeros((runs, 1))
        self.paid = np.zeros((runs, P))  # euros paid for the units built so far (fixed costs apart)
        self.wait = np.zeros((runs, P, T), dtype=bool)
        self.U = inp.phase_units.astype(float)
        self.table = seg.table()
        self.inv_price = np.where(seg.cost > 0, 1.0 / np.where(seg.cost > 0, seg.cost, 1.0), 0.0)
        # plain Python copies for the single-run step
        self.rows, self.inv_list = self.table.tolist(), self.inv_price.tolist()
        self.C, self.pc, self.lo, self.last = (a.tolist() for a in (seg.C, seg.pc, seg.lo, seg.last))

    def arrive(self, t: int) -> None:
        """The money of month t becomes available."""
        self.left += self.arrivals[t]

    def pay_starts(self, candidates: np.ndarray, t: int) -> np.ndarray:
        """Phases (R, P mask) allowed to start in month t that can pay their fixed cost, in phase order."""
        if not candidates.any():
            return candidates
        fee = np.where(candidates, self.fixed, 0.0)
        ok = candidates & (np.cumsum(fee, axis=1) <= self.left + TOL)
        self.left -= np.where(ok, fee, 0.0).sum(axis=1, keepdims=True)
        self.wait[:, :, t] |= candidates & ~ok
        return ok

    def _cost(self, units: np.ndarray) -> np.ndarray:
        c = cost_at_units(self.seg, units)
        return c if self.factor is None else c * self.factor

    def _frontier(self, cum_next: np.ndarray):
        """Whole units the crews' cumulative effort reaches and their cost (one search; knots.units_at_effort
        without its clamps, which EPS makes unnecessary for whole units)."""
        seg = self.seg
        x = np.minimum(cum_next, seg.W)
        k = np.minimum(np.maximum(np.searchsorted(seg.gw, seg.pw + x, side="right"), seg.lo), seg.last)
        row = self.table[k]
        u0 = row[..., 0]
        b = np.minimum(self.U, np.floor(u0 + (x - row[..., 2]) / row[..., 3] + EPS))
        paid = row[..., 4] + (b - u0) * row[..., 5]  # b lies in segment k (its ends included)
        return b, paid if self.factor is None else paid * self.factor

    def _affordable(self, budget, lo, hi, p, f):
        """Whole units of phases `p` in [lo, hi] that cumulative spending `budget` (at `f` times the price) pays
        for, their cost and effort; 1-D arrays, one entry per phase short of money."""
        seg = self.seg
        x = np.minimum(budget / f, seg.C[p])
        k = np.minimum(np.maximum(np.searchsorted(seg.gc, seg.pc[p] + x, side="right"), seg.lo[p]), seg.last[p])
        row = self.table[k]
        u0 = row[..., 0]
        b = np.minimum(np.maximum(np.floor(u0 + (x - row[..., 4]) * self.inv_price[k] + EPS), lo), hi)
        d = b - u0
        paid = (row[..., 4] + d * row[..., 5]) * f
        over = paid > budget + TOL
        if over.any():  # rounding pushed a unit too far: one fewer, through the general maps
            b = np.maximum(np.where(over, b - 1, b), lo)
            return b, cost_at_units(seg, b, p) * f, effort_at_units(seg, b, p)
        return b, paid, row[..., 2] + d * row[..., 3]

    def _affordable_one(self, budget: float, lo: float, hi: float, p: int, f: float):
        """`_affordable` for one phase of a single run, in plain floats (the common case, and 20 times faster)."""
        seg = self.seg
        x = min(budget / f, self.C[p])
        k = min(max(int(seg.gc.searchsorted(self.pc[p] + x, side="right")), self.lo[p]), self.last[p])
        u0, _n, w0, effort, c0, price = self.rows[k]
        b = min(max(math.floor(u0 + (x - c0) * self.inv_list[k] + EPS), lo), hi)
        paid = (c0 + (b - u0) * price) * f
        if paid > budget + TOL:
            return self._affordable(np.array([budget]), np.array([lo]), np.array([hi]), np.array([p]), f)
        return b, paid, w0 + (b - u0) * effort

    def build(self, cum_prev: np.ndarray, cum_next: np.ndarray, built_before: np.ndarray,
              t: int) -> tuple[np.ndarray, np.ndarray]:
        """Given the cumulative effort before this month and the one the crews could reach in it, and the whole
        units built before it, return (cumulative effort, whole units built) after the money limit, and spend.

        In phase order, phases whose need (the cost of the units the crews can build) fits in the money left
        are paid in full; the first one that does not fit builds what the rest of the money pays for (its crews
        idle after that); the phases after it build nothing this month and keep their progress (except units
        that cost nothing)."""
        b_cap, paid_cap = self._frontier(cum_next)
        need = paid_cap - self.paid
        spent = np.cumsum(need, axis=1)
        fits = spent <= self.left + TOL
        if fits.all():
            self.left -= spent[:, -1:]
            self.paid = paid_cap
            return cum_next, b_cap.astype(np.int64)
        waits = ~fits & (need > TOL)  # free units are built whatever the money
        built = np.where(waits, built_before, b_cap)
        cum = np.where(waits, cum_prev, cum_next)
        paid = np.where(waits, self.paid, paid_cap)
        first = fits.argmin(axis=1)  # per run, the first phase short of money (fits is True, then False)
        if len(fits) == 1:
            j = int(first[0])
            before = float(spent[0, j - 1]) if j else 0.0
            f = 1.0 if self.factor is None else float(self.factor[0, j])
            b, pj, w = self._affordable_one(float(self.paid[0, j]) + float(self.left[0, 0]) - before,
                                            float(built_before[0, j]), float(b_cap[0, j]), j, f)
            built[0, j], cum[0, j], paid[0, j] = b, w, pj
        else:
            r = np.flatnonzero(~fits.all(axis=1))
            j = first[r]
            before = np.where(j > 0, spent[r, np.maximum(j - 1, 0)], 0.0)
            f = 1.0 if self.factor is None else self.factor[r, j]
            built[r, j], paid[r, j], cum[r, j] = self._affordable(
                self.paid[r, j] + self.left[r, 0] - before, built_before[r, j], b_cap[r, j], j, f)
        self.wait[:, :, t] |= waits
        self.left -= (paid - self.paid).sum(axis=1, keepdims=True)
        self.paid = paid
        return cum, built.astype(np.int64)
