"""The state of every premise at a month: unplanned, planned, eligible, marketable or connected — one rule for
the map, the printed pages, the exports and the web map (docs/simulation.md, "Premises on the map").

    order = BuildOrder(assignment, x, y, units)              # once per assignment (the slow part: a sort)
    timeline = premise_timeline(result, order)                # once per simulation result
    codes = premise_states(timeline, month)                   # per month: int8[N], UNPLANNED..CONNECTED

The simulation counts units per (phase, commune) cell; this module decides WHICH premises they are:
- inside a cell, premises are built from the centre of the cell's premises outwards (ties: layer order);
  a premise is eligible in the first month its cell's eligible units reach the units of the premises built
  before it plus its own, so per cell and month the eligible premises hold the simulated units, less than
  one premise short;
- it is marketable `marketing_delay` months after it became eligible (the model's rule, per premise);
- in each commune (premises outside every commune form one more group) the connected units at a month are the
  commune's simulated connected units; they go to the premises marketable longest, a month's cohort in a fixed
  pseudo-random order (seeded by premise row), so connected premises stay connected as months pass.
Everything is numpy: a sort per assignment, a few searches per result, comparisons per month.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from planner.core.months import parse_month

UNPLANNED, PLANNED, ELIGIBLE, MARKETABLE, CONNECTED = range(5)
#: state keys in code order (the palette, legends and labels are keyed by these)
STATES = ("unplanned", "planned", "eligible", "marketable", "connected")
TAKE_UP_SEED = 32
NEVER = -1


class BuildOrder:
    """Where each premise stands in its cell's build order; depends on the assignment only, not on a run.

    `cell_key[i]` identifies premise i's (phase, commune) cell (-1: unplanned); `need[i]` is the cell's units
    up to and including premise i in build order (centre outwards); `key[i]` the take-up order key."""

    def __init__(self, assignment, x: np.ndarray, y: np.ndarray, units: np.ndarray):
        self.assignment = assignment
        phase = np.asarray(assignment.premise_phase, dtype=np.int64)
        commune = np.asarray(assignment.premise_commune, dtype=np.int64)
        n = len(phase)
        self.n = n
        self.commune_count = len(assignment.commune_units)
        self.units = np.asarray(units, dtype=np.int64)
        self.commune = commune
        self.planned = phase >= 0
        c1 = self.commune_count + 1
        self.cell_key = np.where(self.planned, phase * c1 + (commune + 1), -1)
        self.need = np.zeros(n, dtype=np.int64)
        self.key = np.random.default_rng(TAKE_UP_SEED).random(n) if n else np.zeros(0)
        idx = np.flatnonzero(self.planned)
        if len(idx) == 0:
            return
        keys = self.cell_key[idx]
        cells, inverse = np.unique(keys, return_inverse=True)
        count = np.bincount(inverse).astype(float)
        cx = np.bincount(inverse, weights=np.asarray(x, float)[idx]) / count
        cy = np.bincount(inverse, weights=np.asarray(y, float)[idx]) / count
        d2 = (np.asarray(x, float)[idx] - cx[inverse]) ** 2 + (np.asarray(y, float)[idx] - cy[inverse]) ** 2
        order = np.lexsort((idx, d2, keys))
        self.need[idx[order]] = _cumsum_by_group(self.units[idx[order]], keys[order])


def _cumsum_by_group(values: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Running sum of `values` restarting where `groups` (sorted, grouped) changes."""
    cum = np.cumsum(values)
    if len(cum) == 0:
        return cum
    first = np.r_[True, groups[1:] != groups[:-1]]
    starts = np.flatnonzero(first)
    base = (cum - values)[starts]
    return cum - np.repeat(base, np.diff(np.r_[starts, len(cum)]))


def _first_month_reaching(series: np.ndarray, rows: np.ndarray, need: np.ndarray) -> np.ndarray:
    """For each i, the first month t with series[rows[i], t] >= need[i] (NEVER when none); rows never decrease
    along t, so one searchsorted over the rows laid end to end, each shifted above the previous, answers all."""
    if len(rows) == 0:
        return np.zeros(0, dtype=np.int64)
    R, T = series.shape
    step = int(series.max(initial=0)) + int(need.max(initial=0)) + 2
    flat = (series + np.arange(R, dtype=np.int64)[:, None] * step).ravel()
    t = np.searchsorted(flat, need + rows * step, side="left") - rows * T
    return np.where(t < T, t, NEVER)


@dataclass
class PremiseTimeline:
    """Month offsets (from `start`, NEVER = not within the horizon) at which each premise becomes eligible,
    marketable and connected; `planned` marks premises in a phase. `months` is the run's length."""

    start: str
    months: int
    planned: np.ndarray
    eligible: np.ndarray
    marketable: np.ndarray
    connected: np.ndarray

    def month_index(self, month: int | str | None) -> int:
        """A month as an offset from `start`: 'YYYY-MM' or an int; clamped to the last simulated month."""
        if month is None:
            return self.months - 1
        t = parse_month(month) - parse_month(self.start) if isinstance(month, str) else int(month)
        return min(t, self.months - 1)


def cell_eligible(inputs, built: np.ndarray) -> np.ndarray:
    """Eligible units (K, T) of every cell of `inputs` (in its cell order) from the phases' built units."""
    from planner.core.simulation.coverage import commune_eligible

    k = len(inputs.cell_phase)
    per_cell = dataclasses.replace(inputs, cell_commune=np.arange(k), commune_units=np.zeros(k))
    return commune_eligible(per_cell, built)


def premise_timeline(result, order: BuildOrder, built_month: np.ndarray | None = None) -> PremiseTimeline:
    """When each premise becomes eligible, marketable and connected in `result` (a SimulationResult whose
    assignment `order` was built from).

    `built_month` (optional, int[N], month offsets from the run's start, NEVER = unknown): premises known to be
    built take that month as their eligibility month instead of the planned one (for as-built data).
    """
    from planner.core.simulation.coverage import marketable_and_connected
    from planner.core.simulation.engine import run_phases

    n, T = order.n, len(result.months)
    never = np.full(n, NEVER, dtype=np.int64)
    inp = result.inputs
    if inp is None or n == 0 or len(inp.cell_phase) == 0:
        return PremiseTimeline(result.start, T, order.planned, never, never.copy(), never.copy())
    cells = cell_eligible(inp, run_phases(inp, 1).built[0])
    eligible = _eligible_months(order, inp, cells)
    if built_month is not None:
        known = np.asarray(built_month, dtype=np.int64) >= 0
        eligible = np.where(known, built_month, eligible)
    delay = int(inp.marketing_delay)
    marketable = np.where((eligible >= 0) & (eligible + delay < T), eligible + delay, NEVER)
    groups = np.where(order.commune >= 0, order.commune, order.commune_count)
    group_eligible = np.zeros((order.commune_count + 1, T), dtype=np.int64)
    np.add.at(group_eligible, np.where(inp.cell_commune >= 0, inp.cell_commune, order.commune_count), cells)
    connected_units = marketable_and_connected(group_eligible, inp)[1]
    connected = _connected_months(order, groups, eligible, connected_units)
    connected = np.where((connected >= 0) & (marketable >= 0), np.maximum(connected, marketable), NEVER)
    return PremiseTimeline(result.start, T, order.planned, eligible, marketable, connected)


def _eligible_months(order: BuildOrder, inp, cells: np.ndarray) -> np.ndarray:
    c1 = order.commune_count + 1
    cell_key = inp.cell_phase.astype(np.int64) * c1 + (inp.cell_commune.astype(np.int64) + 1)
    sort = np.argsort(cell_key)
    out = np.full(order.n, NEVER, dtype=np.int64)
    idx = np.flatnonzero(order.planned)
    pos = np.clip(np.searchsorted(cell_key[sort], order.cell_key[idx]), 0, len(cell_key) - 1)
    found = cell_key[sort][pos] == order.cell_key[idx]
    idx, row = idx[found], sort[pos[found]]
    out[idx] = _first_month_reaching(cells, row, np.maximum(order.need[idx], 1))
    return out


def _connected_months(order: BuildOrder, groups: np.ndarray, eligible: np.ndarray,
                      connected_units: np.ndarray) -> np.ndarray:
    """First month each premise is among its group's connected units: marketable longest first, a month's
    cohort in take-up key order."""
    out = np.full(order.n, NEVER, dtype=np.int64)
    idx = np.flatnonzero(eligible >= 0)
    if len(idx) == 0:
        return out
    srt = np.lexsort((order.key[idx], eligible[idx], groups[idx]))
    idx = idx[srt]
    need = _cumsum_by_group(order.units[idx], groups[idx])
    out[idx] = _first_month_reaching(connected_units, groups[idx], np.maximum(need, 1))
    return out


def premise_states(timeline: PremiseTimeline, month: int | str | None) -> np.ndarray:
    """State code (UNPLANNED..CONNECTED) of every premise at the end of `month` (offset or 'YYYY-MM')."""
    t = timeline.month_index(month)
    out = np.where(timeline.planned, PLANNED, UNPLANNED).astype(np.int8)
    if t < 0:
        return out
    for months, code in ((timeline.eligible, ELIGIBLE), (timeline.marketable, MARKETABLE),
                         (timeline.connected, CONNECTED)):
        out[(months >= 0) & (months <= t)] = code
    return out


def commune_levels(result) -> dict[str, np.ndarray]:
    """{'eligible'|'marketable'|'connected': int64[C, T]} units per commune and month, by the run's rules (a
    (C, T) by (T, T) product: callers keep it, e.g. MapPainter.commune_levels for all the pages of an atlas)."""
    elig = np.asarray(result.commune_eligible)
    if result.inputs is not None:
        mark, conn = result.marketable_connected(elig)
    else:  # a result without its inputs: the marketing delay is unknown, show eligibility only
        mark, conn = np.zeros_like(elig), np.zeros_like(elig)
    return {"eligible": elig, "marketable": mark, "connected": conn}


def premise_states_for(project, assignment, result, month, order: BuildOrder | None = None) -> np.ndarray:
    """`premise_states` in one call (tests, scripts): the build order, the timeline and the states at `month`."""
    prem = project.premises
    order = order or BuildOrder(assignment, prem.x, prem.y, prem.units)
    return premise_states(premise_timeline(result, order), month)
