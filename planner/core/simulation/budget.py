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
        """Whole units the crews' cumulative effort reaches, its segment and their cost (one search)."""
        seg = self.seg
        x = np.minimum(np.maximum(cum_next, 0.0), seg.W)
        k = np.minimum(np.maximum(np.searchsorted(seg.gw, seg.pw + x, side="right"), seg.lo), seg.last)
        u0, n = seg.u0[k], seg.units[k]
        u = np.minimum(np.maximum(u0 + (x - seg.w0[k]) / seg.effort[k], u0), u0 + n)
        b = np.minimum(self.U, np.floor(u + EPS))
        paid = seg.c0[k] + (b - u0) * seg.cost[k]  # b lies in segment k (its ends included)
        return b, paid if self.factor is None else paid * self.factor

    def _affordable(self, budget: np.ndarray, lo: np.ndarray, hi: np.ndarray):
        """Whole units in [lo, hi] that cumulative spending `budget` pays for, their cost and effort."""
        seg = self.seg
        f = 1.0 if self.factor is None else self.factor
        x = np.minimum(np.maximum(budget / f, 0.0), seg.C)
        k = np.minimum(np.maximum(np.searchsorted(seg.gc, seg.pc + x, side="right"), seg.lo), seg.last)
        u0, n, price = seg.u0[k], seg.units[k], seg.cost[k]
        u = u0 + np.where(price > 0, (x - seg.c0[k]) / np.where(price > 0, price, 1.0), n)
        b = np.minimum(np.maximum(np.floor(np.minimum(u, u0 + n) + EPS), lo), hi)
        paid = (seg.c0[k] + (b - u0) * price) * f
        bad = (paid > budget + TOL) | (b < u0) | (b > u0 + n)
        if bad.any():  # rounding pushed a unit too far, or a bound moved b out of segment k: the general maps
            b = np.maximum(np.where(self._cost(b) > budget + TOL, b - 1, b), lo)
            return b, self._cost(b), effort_at_units(seg, b)
        return b, paid, seg.w0[k] + (b - u0) * seg.effort[k]

    def build(self, cum_next: np.ndarray, built_before: np.ndarray, t: int) -> tuple[np.ndarray, np.ndarray]:
        """Given the cumulative effort the crews could reach this month and the whole units built before it,
        return (cumulative effort, whole units built) after the money limit, and spend the money."""
        b_cap, paid_cap = self._frontier(cum_next)
        if not (b_cap > built_before).any():
            return cum_next, b_cap.astype(np.int64)
        need = np.maximum(paid_cap - self.paid, 0.0)
        alloc = np.minimum(np.maximum(self.left - (np.cumsum(need, axis=1) - need), 0.0), need)
        short = alloc < need - TOL
        if short.any():
            b_money, paid_money, w_money = self._affordable(self.paid + alloc, built_before, b_cap)
            b_cap = np.where(short, b_money, b_cap)
            paid_cap = np.where(short, paid_money, paid_cap)
            cum_next = np.where(short, w_money, cum_next)
            self.wait[:, :, t] |= short
        self.left -= (paid_cap - self.paid).sum(axis=1, keepdims=True)
        self.paid = paid_cap
        return cum_next, b_cap.astype(np.int64)
