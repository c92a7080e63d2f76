"""Units, build effort and money along each phase's build order, as piecewise-linear maps (DESIGN §4 step 3b).

A phase builds its cells in order (by_commune) or all together (pro_rata). Each cell's unit has an effort (how
much crew work it takes) and a cost. Along the build order the cumulative units, effort and cost of a phase are
piecewise linear in each other, with a knot at every cell boundary. So instead of looping over cells, the engine
works in *effort* (crew capacity accumulates in effort units) and converts back to units with one vectorised
search over the knots of all phases at once; the same knots turn units into euros and euros into units.

A pro_rata phase is one segment whose effort and cost per unit are its cells' unit-weighted means (its communes
advance together, so every unit built costs the phase's mean).

With every effort 1 the conversion effort -> units is exact in floating point (integer knots), so the engine
gives exactly the results it gave before efforts existed.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Segments:
    """Segments grouped by phase (phase p owns lo[p]..last[p]), in build order. Per segment: `units`,
    `effort` and `cost` per unit, and the phase-local cumulative `u0`, `w0`, `c0` before it; the global
    cumulative `gu`, `gw`, `gc` at its end (for searching) and, per phase, the global offsets `pu`, `pw`,
    `pc` and the phase totals `U`, `W`, `C`."""

    lo: np.ndarray
    last: np.ndarray
    units: np.ndarray
    effort: np.ndarray
    cost: np.ndarray
    u0: np.ndarray
    w0: np.ndarray
    c0: np.ndarray
    gu: np.ndarray
    gw: np.ndarray
    gc: np.ndarray
    pu: np.ndarray
    pw: np.ndarray
    pc: np.ndarray
    U: np.ndarray
    W: np.ndarray
    C: np.ndarray

    def table(self) -> np.ndarray:
        """(S, 6) columns u0, units, w0, effort, c0, cost: one gather gives a segment's figures (the budget step)."""
        return np.column_stack([self.u0, self.units, self.w0, self.effort, self.c0, self.cost])


def segments(inp) -> Segments:
    """The segments of a SimInputs (efforts 1 and costs 0 where the inputs have none). A phase without cells gets
    one empty segment, so that every phase owns at least one."""
    P = inp.n_phases
    cp = np.asarray(inp.cell_phase, dtype=np.int64)
    cu = np.asarray(inp.cell_units, dtype=float)
    ce = np.ones(len(cp)) if inp.cell_effort is None else np.asarray(inp.cell_effort, dtype=float)
    cc = np.zeros(len(cp)) if inp.cell_cost is None else np.asarray(inp.cell_cost, dtype=float)
    pro = inp.pro_rata[cp] if len(cp) else np.zeros(0, dtype=bool)
    pr_units = np.bincount(cp[pro], weights=cu[pro], minlength=P)
    pr_phases = np.flatnonzero(np.bincount(cp[pro], minlength=P) > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_e = np.bincount(cp[pro], weights=cu[pro] * ce[pro], minlength=P) / pr_units
        mean_c = np.bincount(cp[pro], weights=cu[pro] * cc[pro], minlength=P) / pr_units
    mean_e = np.where(pr_units > 0, mean_e, 1.0)
    mean_c = np.where(pr_units > 0, mean_c, 0.0)
    keep = ~pro
    empty = np.flatnonzero(np.bincount(cp, minlength=P) == 0)
    sp = np.concatenate([cp[keep], pr_phases, empty])
    order = np.argsort(sp, kind="stable")  # cells of a phase stay in build order
    sp = sp[order]
    units = np.concatenate([cu[keep], pr_units[pr_phases], np.zeros(len(empty))])[order]
    effort = np.concatenate([ce[keep], mean_e[pr_phases], np.ones(len(empty))])[order]
    cost = np.concatenate([cc[keep], mean_c[pr_phases], np.zeros(len(empty))])[order]
    lo = np.searchsorted(sp, np.arange(P), side="left")
    hi = np.searchsorted(sp, np.arange(P), side="right")
    gu, gw, gc = np.cumsum(units), np.cumsum(units * effort), np.cumsum(units * cost)
    zero = np.zeros(1)
    start_u, start_w, start_c = (np.concatenate([zero, g])[lo] for g in (gu, gw, gc))
    end_u, end_w, end_c = (np.concatenate([zero, g])[hi] for g in (gu, gw, gc))
    return Segments(lo=lo, last=hi - 1, units=units, effort=effort, cost=cost,
                    u0=gu - units - start_u[sp], w0=gw - units * effort - start_w[sp],
                    c0=gc - units * cost - start_c[sp], gu=gu, gw=gw, gc=gc,
                    pu=start_u, pw=start_w, pc=start_c, U=end_u - start_u, W=end_w - start_w, C=end_c - start_c)


def _at(a: np.ndarray, ph):
    return a if ph is None else a[ph]


def _locate(seg: Segments, glob: np.ndarray, offset: np.ndarray, x: np.ndarray, ph) -> np.ndarray:
    """Segment index holding phase-local position `x` of phase `ph` (None: every phase, last axis P): the first
    segment ending after it, kept inside the phase."""
    k = np.searchsorted(glob, _at(offset, ph) + x, side="right")
    return np.minimum(np.maximum(k, _at(seg.lo, ph)), _at(seg.last, ph))


def _inside(v, k, base, width):
    lo = base[k]
    return np.minimum(np.maximum(v, lo), lo + width)


def units_at_effort(seg: Segments, effort: np.ndarray, ph=None) -> np.ndarray:
    """Units (fractional) that cumulative `effort` builds in phase `ph` (same shape; ph broadcasts, None = all)."""
    x = np.minimum(np.maximum(effort, 0.0), _at(seg.W, ph))
    k = _locate(seg, seg.gw, seg.pw, x, ph)
    return _inside(seg.u0[k] + (x - seg.w0[k]) / seg.effort[k], k, seg.u0, seg.units[k])


def effort_at_units(seg: Segments, units: np.ndarray, ph=None) -> np.ndarray:
    """Cumulative effort needed to build the first `units` units of phase `ph`."""
    x = np.minimum(np.maximum(units, 0.0), _at(seg.U, ph))
    k = _locate(seg, seg.gu, seg.pu, x, ph)
    return _inside(seg.w0[k] + (x - seg.u0[k]) * seg.effort[k], k, seg.w0, seg.units[k] * seg.effort[k])


def cost_at_units(seg: Segments, units: np.ndarray, ph=None) -> np.ndarray:
    """Euros the first `units` units of phase `ph` cost."""
    x = np.minimum(np.maximum(units, 0.0), _at(seg.U, ph))
    k = _locate(seg, seg.gu, seg.pu, x, ph)
    return _inside(seg.c0[k] + (x - seg.u0[k]) * seg.cost[k], k, seg.c0, seg.units[k] * seg.cost[k])


def units_for_cost(seg: Segments, money: np.ndarray, ph=None) -> np.ndarray:
    """Units (fractional) of phase `ph` that cumulative spending `money` pays for (free units included)."""
    x = np.minimum(np.maximum(money, 0.0), _at(seg.C, ph))
    k = _locate(seg, seg.gc, seg.pc, x, ph)
    price = seg.cost[k]
    paid = np.where(price > 0, (x - seg.c0[k]) / np.where(price > 0, price, 1.0), seg.units[k])
    return _inside(seg.u0[k] + paid, k, seg.u0, seg.units[k])
