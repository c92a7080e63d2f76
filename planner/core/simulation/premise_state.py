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
  commune's simulated connected units; each premise draws a fixed take-up delay from the scenario's take-up
  curve (seeded by premise row), and the connected units go to the premises whose marketable month plus delay
  comes first: connections are scattered, more among the premises marketable longest, and stay connected;
- with an as-built start (planner/core/simulation/start_state.py) the premises the data says are built take their
  real month (possibly before the run's start) and come first in their cell; a cell's real figures go to its
  first premises at the month the figures reached them.
Everything is numpy: a sort per assignment, a few searches per result, comparisons per month.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.core.months import parse_month
from planner.core.progress import check_cancel
from planner.core.sorting import stable_argsort

UNPLANNED, PLANNED, ELIGIBLE, MARKETABLE, CONNECTED = range(5)
#: state keys in code order (the palette, legends and labels are keyed by these)
STATES = ("unplanned", "planned", "eligible", "marketable", "connected")
TAKE_UP_SEED = 32
NEVER = -1
_CHUNK = 1 << 20  # premises searched at once
PRE_START = 1200  # months of real history a premise may have before a run's start (turn offsets stay positive)


def _compact(values: np.ndarray) -> np.ndarray:
    """Integers as int32 when they fit (premise rows, ranks, keys of a region: half the memory), else int64."""
    values = np.asarray(values)
    if values.dtype == np.int32:
        return values
    if len(values) and (int(values.max()) >= 2 ** 31 or int(values.min()) < -2 ** 31):
        return values.astype(np.int64, copy=False)
    return values.astype(np.int32, copy=False)


def take_up_keys(n: int) -> np.ndarray:
    """Each premise's take-up order key (uniform in [0, 1), seeded: the same premise row draws the same key)."""
    return np.random.default_rng(TAKE_UP_SEED).random(n) if n else np.zeros(0)


class BuildOrder:
    """Where each premise stands in its cell's build order; depends on the assignment only, not on a run.

    `cell_key[i]` identifies premise i's (phase, commune) cell (-1: unplanned); `rank[i]` is its place in the
    cell, centre outwards (0 first); `need[i]` the cell's units up to and including premise i in that order;
    `by_key` the premises in the order of their take-up key (`take_up_keys`). Rows, ranks and keys are int32
    when they fit: a region's order (5 million premises) holds ~180 MiB, not 310."""

    def __init__(self, assignment, x: np.ndarray, y: np.ndarray, units: np.ndarray, cancel=None):
        """`cancel`: a callable saying the result is no longer wanted (Cancelled is raised between the sorts)."""
        self.assignment = assignment
        self._inputs = (x, y, units)
        phase = np.asarray(assignment.premise_phase)
        self.commune = commune = np.asarray(assignment.premise_commune)
        n = self.n = len(phase)
        self.commune_count = len(assignment.commune_units)
        self.units = _compact(np.asarray(units, dtype=np.int64))
        self.planned = phase >= 0
        #: premises in the order of their take-up key (one sort per assignment); the lag each key draws from a
        #: take-up curve is kept per curve (scenarios rarely change it)
        self.by_key = _compact(stable_argsort(take_up_keys(n)))
        self._lags: dict = {}
        check_cancel(cancel)
        idx = _compact(np.flatnonzero(self.planned))
        keys = phase[idx].astype(np.int64)
        keys *= self.commune_count + 1
        keys += commune[idx]
        keys += 1
        keys = _compact(keys)
        self.cell_key = np.full(n, -1, dtype=keys.dtype)
        self.cell_key[idx] = keys
        self.sequence = np.zeros(0, dtype=np.int32)
        if len(idx):
            check_cancel(cancel)
            order = self._centre_outwards(idx, keys, np.asarray(x, float), np.asarray(y, float), cancel)
            #: the planned premises in build order (by cell key, then centre outwards, then layer order)
            self.sequence = _compact(idx[order])
            del idx
            keys = keys[order]
            del order
        # made once the sorts' temporaries are gone (a region's peak is the sum of what is alive at once)
        self.rank = np.zeros(n, dtype=np.int32)
        self.rank[self.sequence] = np.arange(len(self.sequence), dtype=np.int32)
        self.need = np.zeros(n, dtype=np.int64)
        self.need[self.sequence] = _cumsum_by_group(self.units[self.sequence], keys)

    @staticmethod
    def _centre_outwards(idx: np.ndarray, keys: np.ndarray, x: np.ndarray, y: np.ndarray, cancel=None) -> np.ndarray:
        """The order of the planned premises `idx` (cell `keys`) by cell, then distance to the centre of their
        cell's premises, then layer order — `np.lexsort((idx, d2, keys))` by two stable sorts (core/sorting.py)."""
        by_cell = stable_argsort(keys)
        sorted_keys = keys[by_cell]
        group = np.empty(len(keys), dtype=np.int32)
        group[by_cell] = np.cumsum(np.concatenate(([0], sorted_keys[1:] != sorted_keys[:-1])), dtype=np.int32)
        del by_cell, sorted_keys
        count = np.bincount(group).astype(float)
        px, py = x[idx], y[idx]
        px -= (np.bincount(group, weights=px) / count)[group]
        py -= (np.bincount(group, weights=py) / count)[group]
        px *= px
        py *= py
        px += py  # the squared distance to the cell's centre
        del py
        check_cancel(cancel)
        by_distance = _compact(stable_argsort(px))  # layer order among equal distances (idx is increasing)
        del px
        check_cancel(cancel)
        group = group[by_distance]
        return by_distance[stable_argsort(group)]

    def take_up_lag(self, take_up: tuple, months: int) -> np.ndarray:
        """Months after marketability each premise connects by the take-up curve's draws (`months`: never)."""
        key = (tuple(float(v) for v in take_up), int(months))
        lag = self._lags.get(key)
        if lag is None:
            from planner.core.simulation.coverage import take_up_curve

            lag = _compact(np.searchsorted(take_up_curve(take_up, months), take_up_keys(self.n), side="right"))
            self._lags = {key: lag}
        return lag

    def matches(self, assignment, x, y, units) -> bool:
        """True when this order holds for `assignment` over these premises (same arrays, compared by value)."""
        a = self.assignment
        return (self._inputs[0] is x and self._inputs[1] is y and _same(np.asarray(units), self.units)
                and len(assignment.commune_units) == self.commune_count
                and _same(np.asarray(assignment.premise_phase), np.asarray(a.premise_phase))
                and _same(np.asarray(assignment.premise_commune), np.asarray(a.premise_commune)))


def _same(a, b) -> bool:
    return a is b or (a is not None and b is not None and np.array_equal(a, b))


def build_order_for(assignment, x: np.ndarray, y: np.ndarray, units: np.ndarray,
                    previous: BuildOrder | None = None, cancel=None) -> BuildOrder:
    """`previous` when it was built on the same premises with the same communes and phases (an edit of crews or
    dates gives a new Assignment with the same arrays: comparing them costs far less than a sort), else a new
    BuildOrder."""
    if previous is not None and previous.matches(assignment, x, y, units):
        previous.assignment = assignment
        return previous
    return BuildOrder(assignment, x, y, units, cancel)


def _cumsum_by_group(values: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Running sum of `values` restarting where `groups` (sorted, grouped) changes."""
    cum = np.cumsum(values)
    if len(cum) == 0:
        return cum
    first = np.r_[True, groups[1:] != groups[:-1]]
    starts = np.flatnonzero(first)
    base = (cum - values)[starts]
    return cum - np.repeat(base, np.diff(np.r_[starts, len(cum)]))


def _stable_order(values: np.ndarray) -> np.ndarray:
    """The stable sort order of non-negative integers: two 16-bit radix passes when they fit in 32 bits (linear
    time), else numpy's stable sort."""
    if len(values) == 0 or int(values.max()) >= 1 << 32:
        return np.argsort(values, kind="stable")
    low = np.argsort((values & 0xFFFF).astype(np.uint16), kind="stable")
    high = np.argsort((values[low] >> 16).astype(np.uint16), kind="stable")
    return low[high]


def _first_column_reaching(series: np.ndarray, rows: np.ndarray, need: np.ndarray) -> np.ndarray:
    """For each i, the first column t with series[rows[i], t] >= need[i] (the number of columns when none). Real
    figures may fall back (corrections): rows are made non-decreasing (running maximum), shifted each above the
    previous and laid end to end, so that one searchsorted answers all."""
    R, T = series.shape
    if len(rows) == 0 or T == 0:
        return np.full(len(rows), T, dtype=np.int64)
    mono = np.maximum.accumulate(series, axis=1)
    step = int(mono.max(initial=0)) + int(need.max(initial=0)) + 2
    flat = (mono + np.arange(R, dtype=np.int64)[:, None] * step).ravel()
    out = np.empty(len(rows), dtype=np.int64)
    for a in range(0, len(rows), _CHUNK):  # a million premises at a time: a region's temporaries stay small
        r = rows[a:a + _CHUNK].astype(np.int64)
        r *= step
        r += need[a:a + _CHUNK]
        found = np.searchsorted(flat, r, side="left")
        del r
        found -= rows[a:a + _CHUNK].astype(np.int64) * T
        out[a:a + _CHUNK] = found
    return out


@dataclass
class PremiseTimeline:
    """Absolute months (planner.core.months; NEVER = not within the run) at which each premise becomes eligible,
    marketable and connected; `planned` marks premises in a phase. The run covers `months` months from `start`
    (absolute); a premise really built before it has its real month."""

    start: int
    months: int
    planned: np.ndarray
    eligible: np.ndarray
    marketable: np.ndarray
    connected: np.ndarray

    def month_of(self, month: int | str | None) -> int:
        """A month of the run as an absolute month: 'YYYY-MM' or an offset from the start (None: the last one);
        clamped to the run's last month."""
        last = self.start + self.months - 1
        if month is None:
            return last
        return min(parse_month(month) if isinstance(month, str) else self.start + int(month), last)


def premise_timeline(result, order: BuildOrder) -> PremiseTimeline:
    """When each premise becomes eligible, marketable and connected in `result` (a SimulationResult whose
    assignment `order` was built from). With an as-built start (result.inputs.start_state) the premises the data
    says are built take their real month, and the cells' real figures go to their premises first."""
    from planner.core.simulation.start_state import cell_series

    n, T, inp = order.n, len(result.months), result.inputs
    start = parse_month(result.start)
    if inp is None or n == 0:
        never = np.full(n, NEVER, dtype=np.int32)
        return PremiseTimeline(start, T, order.planned, never, never.copy(), never.copy())
    st = inp.start_state
    real = None  # the real month of premises the data says are built (NEVER for the others)
    if st is not None and st.premise_months is not None and len(st.premise_months) == n:
        pm = np.asarray(st.premise_months, dtype=np.int64)
        real = np.where((pm >= 0) & (pm <= st.start + st.as_of), pm, NEVER).astype(np.int32)
        del pm
    cells = cell_series(inp) if len(inp.cell_phase) else np.zeros((0, T), dtype=np.int64)
    eligible = _eligible_months(order, inp, cells, real)
    if real is not None:
        np.copyto(eligible, real, where=real >= 0)
        del real
    delay = int(inp.marketing_delay)
    marketable = np.where(eligible >= 0, eligible + np.int32(delay), np.int32(NEVER))
    connected = _connected_months(order, result, inp, cells, eligible, start)
    connected = np.where((connected >= 0) & (marketable >= 0), np.maximum(connected, marketable), np.int32(NEVER))
    return PremiseTimeline(start, T, order.planned, eligible, marketable, connected)


def _eligible_months(order: BuildOrder, inp, cells: np.ndarray, real: np.ndarray | None) -> np.ndarray:
    """Planned premises: the first month their cell's eligible units reach theirs in build order (really built
    premises first, by their month; then centre outwards). Premises go in build order and cells by key, so the
    searches run on sorted values; without real months, a million premises at a time."""
    out = np.full(order.n, NEVER, dtype=np.int32)
    K = len(inp.cell_phase)
    seq = order.sequence
    if K == 0 or len(seq) == 0:
        return out
    c1 = order.commune_count + 1
    cell_key = inp.cell_phase.astype(np.int64) * c1 + (inp.cell_commune.astype(np.int64) + 1)
    sort = np.argsort(cell_key)
    sorted_keys, series = cell_key[sort], cells[sort]

    def located(idx):
        pos = np.clip(np.searchsorted(sorted_keys, order.cell_key[idx]), 0, K - 1)
        found = sorted_keys[pos] == order.cell_key[idx]
        return idx[found], pos[found]

    if real is not None:
        idx, pos = located(seq)
        if (real[idx] >= 0).any():
            first = real[idx].astype(np.int64)
            first[first < 0] = np.iinfo(np.int64).max
            srt = np.lexsort((order.rank[idx], first, pos))
            idx, pos = idx[srt], pos[srt]
            _eligible_at(out, inp, series, sort, idx, pos, np.maximum(_cumsum_by_group(order.units[idx], pos), 1))
            return out
    for a in range(0, len(seq), _CHUNK):
        idx, pos = located(seq[a:a + _CHUNK])
        _eligible_at(out, inp, series, sort, idx, pos, np.maximum(order.need[idx], 1))
    return out


def _eligible_at(out: np.ndarray, inp, series: np.ndarray, sort: np.ndarray, idx: np.ndarray, pos: np.ndarray,
                 need: np.ndarray) -> None:
    """The eligible month of premises `idx` (their cells' rows `pos` of `series`, their `need` in build order)."""
    t = _first_column_reaching(series, pos, need)
    out[idx] = np.where(t < series.shape[1], inp.start + t, NEVER)
    st = inp.start_state
    if st is not None and len(st.points):  # within the real figures: the month they first reached the premise
        row = sort[pos]
        within = need <= st.cell_built[row]
        j = _first_column_reaching(st.cell_points, row[within], need[within])
        out[idx[within]] = st.points[np.minimum(j, len(st.points) - 1)]


def _connected_months(order: BuildOrder, result, inp, cells: np.ndarray, eligible: np.ndarray,
                      start: int) -> np.ndarray:
    """First month each premise is among its commune's connected units (premises outside every commune form one
    more group). Each premise draws a fixed take-up delay from the scenario's take-up curve (its key, seeded by
    premise row, against the curve's share); the commune's connected units go to the premises whose marketable
    month plus delay comes first, so connections are scattered over the marketable premises, the older ones
    more, as the model has it."""
    out = np.full(order.n, NEVER, dtype=np.int32)
    C, T = order.commune_count, len(result.months)
    idx = order.by_key[eligible[order.by_key] >= 0]  # eligible premises, in take-up key order
    if len(idx) == 0 or result.commune_eligible.shape[0] != C:
        return out
    outside = cells[np.asarray(inp.cell_commune) < 0].sum(axis=0, keepdims=True) if len(cells) else \
        np.zeros((1, T), dtype=np.int64)
    connected_units = np.vstack([commune_levels(result)["connected"], result.marketable_connected(outside)[1]])
    groups = np.where(order.commune >= 0, order.commune, C)
    lag = order.take_up_lag(inp.take_up, T)[idx]  # T: never within the run
    turn = eligible[idx] + int(inp.marketing_delay) + lag - start + PRE_START  # >= 0 (history starts later)
    idx = idx[_stable_order(groups[idx].astype(np.int64) * (int(turn.max()) + 1) + turn)]  # group, turn, key
    need = np.maximum(_cumsum_by_group(order.units[idx], groups[idx]), 1)
    t = _first_column_reaching(connected_units, groups[idx], need)
    out[idx] = np.where(t < T, start + t, NEVER)
    return out


def premise_states(timeline: PremiseTimeline, month: int | str | None) -> np.ndarray:
    """State code (UNPLANNED..CONNECTED) of every premise at the end of `month` (offset from the run's start,
    or 'YYYY-MM')."""
    t = timeline.month_of(month)
    out = np.where(timeline.planned, PLANNED, UNPLANNED).astype(np.int8)
    for months, code in ((timeline.eligible, ELIGIBLE), (timeline.marketable, MARKETABLE),
                         (timeline.connected, CONNECTED)):
        out[(months >= 0) & (months <= t)] = code
    return out


def commune_levels(result) -> dict[str, np.ndarray]:
    """{'eligible'|'marketable'|'connected': int64[C, T]} units per commune and month, by the run's rules (a
    (C, T) by (T, T) product: callers keep it, e.g. MapPainter.commune_levels for all the pages of an atlas)."""
    from planner.core.simulation.as_built_result import commune_marketable_connected

    elig = np.asarray(result.commune_eligible)
    if result.inputs is not None:
        mark, conn = commune_marketable_connected(result)  # with an as-built start, the history before the run too
    else:  # a result without its inputs: the marketing delay is unknown, show eligibility only
        mark, conn = np.zeros_like(elig), np.zeros_like(elig)
    return {"eligible": elig, "marketable": mark, "connected": conn}
