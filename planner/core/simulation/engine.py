"""The simulation kernel (DESIGN §4 steps 2–4): phase starts, studies, ramp, calendar, crews, built units per month.

Works on plain arrays from `SimInputs`, vectorised over months and over R runs at once (R = 1 for a plain run,
R = 1000 for the uncertainty ensemble). Two equivalent paths:
- phases without the crew pool: one vectorised pass per dependency level (all phases that wait for nobody,
  then those that wait only for them, ...), the fast path;
- any phase on the crew pool: a pass per month, vectorised over runs and phases (pool crews are shared).
The rules are written out in docs/simulation.md.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.core.simulation.inputs import SimInputs, topological_order
from planner.core.simulation.budget import Money
from planner.core.simulation.knots import segments, units_at_effort

NEVER = 1 << 40  # month offset meaning "not within the horizon"
EPS = 1e-6  # floating tolerance when flooring cumulative capacity to whole units


@dataclass
class PhaseRun:
    """Per run r, phase p and month t: `built[r,p,t]` units built by the end of month t (before the pro-rata
    split), `eligible[r,p,t]` the phase's eligible units (equal to `built` for by_commune phases; the sum of
    the per-commune floors for pro_rata phases); `start`, `build_start`, `end` int64[R,P] month offsets
    (NEVER when not within the horizon; `end` is the month the last unit is built). `money_wait[r,p,t]`: the
    phase waited for money in month t (budget runs only, else None)."""

    built: np.ndarray
    eligible: np.ndarray
    start: np.ndarray
    build_start: np.ndarray
    end: np.ndarray
    money_wait: np.ndarray | None = None


def _per_run(value, default: np.ndarray, runs: int, dtype) -> np.ndarray:
    v = default if value is None else value
    return np.broadcast_to(np.asarray(v, dtype=dtype), (runs, len(default))).copy()


def run_phases(inp: SimInputs, runs: int = 1, *, crews=None, upcm=None, study=None, earliest=None,
               cost_factor=None) -> PhaseRun:
    """Simulate every phase for `runs` runs. Optional (R, P) (or (P,)) arrays replace the inputs' crews,
    units per crew per month, study months and earliest starts for an ensemble, and scale the cost per unit
    (`cost_factor`, used with a budget); inputs must be validated. Crew capacity is in effort units: a phase
    builds `units_per_crew_month / effort` units of a cell per crew-month (planner/core/simulation/knots.py)."""
    crews = _per_run(crews, inp.crews, runs, float)
    upcm = _per_run(upcm, inp.upcm, runs, float)
    study = _per_run(study, inp.study, runs, np.int64)
    earliest = _per_run(earliest, inp.earliest, runs, np.int64)
    if inp.use_pool.any() or inp.budget is not None:
        return _run_by_month(inp, runs, crews, upcm, study, earliest, cost_factor)
    return _run_by_phase(inp, runs, crews, upcm, study, earliest)


def _effort_to_units(inp: SimInputs, seg, effort: np.ndarray, ph) -> np.ndarray:
    """Whole units built by a cumulative effort (capped at the phase's units); efforts None = 1 unit each."""
    units = effort if seg is None else units_at_effort(seg, effort, ph)
    cap = inp.phase_units if ph is None else inp.phase_units[ph]
    return np.minimum(cap, np.floor(units + EPS)).astype(np.int64)


def _need(inp: SimInputs) -> np.ndarray:
    """Units each dependency needs its phase to reach: ceil(pct % of the phase's units)."""
    units = inp.phase_units[inp.dep_phase].astype(float)
    return np.ceil(units * inp.dep_pct / 100.0 - 1e-9).astype(np.int64)


def _ramp(k: np.ndarray, ramp_months) -> np.ndarray:
    """Ramp factor of build month k (0 = first month after studies): (k+1)/(R+1) capped at 1, 0 before."""
    return np.clip((k + 1) / (np.asarray(ramp_months) + 1.0), 0.0, 1.0)


def _phase_cells(inp: SimInputs) -> tuple[np.ndarray, np.ndarray]:
    """First cell index of each phase (P+1 bounds) over the phase-grouped cells."""
    return np.searchsorted(inp.cell_phase, np.arange(inp.n_phases + 1)), inp.cell_units


def _first_true(mask: np.ndarray) -> np.ndarray:
    """Index of the first True along the last axis, NEVER where none."""
    return np.where(mask.any(axis=-1), mask.argmax(axis=-1), NEVER)


def dependency_levels(inp: SimInputs) -> np.ndarray:
    """Level of each phase: 0 without dependencies, else 1 + the highest level among the phases it waits for."""
    level = np.zeros(inp.n_phases, dtype=np.int64)
    for p in topological_order(inp):
        deps = inp.dep_phase[inp.dep_dependent == p]
        if len(deps):
            level[p] = level[deps].max() + 1
    return level


def _run_by_phase(inp, runs, crews, upcm, study, earliest) -> PhaseRun:
    """Phases without the pool, computed level by level: all phases of a dependency level at once."""
    P, T = inp.n_phases, inp.horizon
    t = np.arange(T)
    cal = inp.calendar_by_month()
    built = np.zeros((runs, P, T), dtype=np.int64)
    eligible = built if not inp.pro_rata.any() else np.zeros((runs, P, T), dtype=np.int64)
    start = np.full((runs, P), NEVER, dtype=np.int64)
    build_start = np.full((runs, P), NEVER, dtype=np.int64)
    end = np.full((runs, P), NEVER, dtype=np.int64)
    reach = np.full((runs, len(inp.dep_phase)), NEVER, dtype=np.int64)
    need = _need(inp)
    bounds, cell_units = _phase_cells(inp)
    level = dependency_levels(inp)
    units = inp.phase_units.astype(np.int64)
    seg = None if inp.cell_effort is None else segments(inp)
    for lv in range(int(level.max()) + 1 if P else 0):
        L = np.flatnonzero(level == lv)
        s = earliest[:, L].copy()
        ds = np.flatnonzero(level[inp.dep_dependent] == lv)
        if len(ds):
            pos = np.searchsorted(L, inp.dep_dependent[ds])
            sT = s.T.copy()
            np.maximum.at(sT, pos, np.minimum(reach[:, ds] + 1, NEVER).T)
            s = sT.T
        bs = np.minimum(s + study[:, L], NEVER)
        start[:, L], build_start[:, L] = s, bs
        U = units[L]
        k = t[None, None, :] - bs[:, :, None]
        rate = (crews[:, L] * upcm[:, L])[:, :, None]
        cap = rate * _ramp(k, inp.ramp[L][None, :, None]) * cal[None, None, :]
        b = _effort_to_units(inp, seg, np.cumsum(cap, axis=2), L[None, :, None])
        built[:, L] = b
        e = b
        for j in np.flatnonzero(inp.pro_rata[L] & (U > 0)):
            p = L[j]
            cu = cell_units[bounds[p]:bounds[p + 1]]
            if e is b:
                e = b.copy()
            e[:, j] = ((cu[:, None, None] * b[None, :, j]) // U[j]).sum(axis=0)
        if eligible is not built:
            eligible[:, L] = e
        end[:, L] = np.where(U[None, :] == 0, s, _first_true(e >= U[None, :, None]))
        dd = np.flatnonzero(level[inp.dep_phase] == lv)
        if len(dd):
            pos = np.searchsorted(L, inp.dep_phase[dd])
            hit = _first_true(e[:, pos] >= need[dd][None, :, None])
            trivial = (U[pos] == 0) | (need[dd] == 0)
            reach[:, dd] = np.where(trivial[None, :], s[:, pos], hit)
    return PhaseRun(built, eligible, start, build_start, end)


def _start_waiting(t, start, build_start, end, reach, dep_matrix, earliest, study, U, money) -> None:
    """Start (in place) the phases waiting for nobody any more at month t: earliest start reached, every
    dependency met (and, with a budget, their fixed cost paid); a phase without units ends when it starts."""
    waiting = start == NEVER
    unmet = (reach >= t).astype(np.int64) @ dep_matrix if len(dep_matrix) else np.zeros(start.shape, np.int64)
    newly = waiting & (earliest <= t) & (unmet == 0)
    if money is not None:
        newly = money.pay_starts(newly, t)
    start[newly] = t
    build_start[newly] = t + study[newly]
    end[newly & (U == 0)[None, :]] = t


def _pool_crews(crews_t: np.ndarray, pool: float, pool_cap: np.ndarray, use_pool: np.ndarray) -> np.ndarray:
    """The month's pool crews given to the building pool phases in phase order, each at most its own crews."""
    demand = crews_t * pool_cap
    before = np.cumsum(demand, axis=1) - demand
    alloc = np.clip(pool - before, 0.0, demand)
    return np.where(use_pool[None, :], alloc, crews_t)


def _pro_rata_cells(inp: SimInputs, bounds: np.ndarray):
    """(pro-rata phases, their cells, offset of each phase's first cell among them, for reduceat)."""
    cells = np.flatnonzero(inp.pro_rata[inp.cell_phase])
    phases = np.flatnonzero(inp.pro_rata & (bounds[1:] > bounds[:-1]))
    return phases, cells, np.searchsorted(cells, bounds[:-1][phases])


def _pro_rata_eligible(inp: SimInputs, b: np.ndarray, pr, cell_units: np.ndarray, U: np.ndarray) -> np.ndarray:
    """Eligible units per phase when pro-rata phases give each cell floor(cell units x built / phase units)."""
    phases, cells, offsets = pr
    e = b.copy()
    cp = inp.cell_phase[cells]
    split = (cell_units[cells][None, :] * b[:, cp]) // U[cp][None, :]
    e[:, phases] = np.add.reduceat(split, offsets, axis=1)
    return e


def _update_reach(t, reach, e, start, need, U, dep_phase) -> None:
    """Mark (in place) the dependencies whose required phase reached its share at month t."""
    dep_started = start[:, dep_phase] <= t
    hit = (reach == NEVER) & dep_started & (e[:, dep_phase] >= need[None, :])
    reach[hit] = t
    zero_need = (reach == NEVER) & dep_started & ((need == 0) | (U[dep_phase] == 0))[None, :]
    reach[zero_need] = start[:, dep_phase][zero_need]


def _run_by_month(inp, runs, crews, upcm, study, earliest, cost_factor=None) -> PhaseRun:
    """Month-by-month pass for the shared crew pool and the budget: in month t, pool crews go to the pool
    phases that are building (studies over, not finished) in phase order, each taking at most its own `crews`;
    with a budget, starts and builds are limited by the money left (planner/core/simulation/budget.py)."""
    P, T = inp.n_phases, inp.horizon
    cal = inp.calendar_by_month()
    U = inp.phase_units.astype(np.int64)
    need = _need(inp)
    D = len(inp.dep_phase)
    dep_matrix = np.zeros((D, P), dtype=np.int64)
    dep_matrix[np.arange(D), inp.dep_dependent] = 1
    built = np.zeros((runs, P, T), dtype=np.int64)
    eligible = np.zeros((runs, P, T), dtype=np.int64)
    start = np.full((runs, P), NEVER, dtype=np.int64)
    build_start = np.full((runs, P), NEVER, dtype=np.int64)
    end = np.full((runs, P), NEVER, dtype=np.int64)
    reach = np.full((runs, D), NEVER, dtype=np.int64)
    cum = np.zeros((runs, P))
    e = np.zeros((runs, P), dtype=np.int64)
    pool_t = inp.pool if inp.pool is not None else np.zeros(T)
    bounds, cell_units = _phase_cells(inp)
    pr = _pro_rata_cells(inp, bounds)
    pool_cap = np.where(inp.use_pool, 1.0, 0.0)
    any_pool = bool(inp.use_pool.any())
    ramp_p1 = inp.ramp[None, :] + 1.0
    seg = None if inp.cell_effort is None and inp.budget is None else segments(inp)
    money = None if inp.budget is None else Money(inp, seg, runs, cost_factor)
    for t in range(T):
        if money is not None:
            money.arrive(t)
        if (start == NEVER).any():
            _start_waiting(t, start, build_start, end, reach, dep_matrix, earliest, study, U, money)
        building = (build_start <= t) & (e < U[None, :])
        crews_t = np.where(building, crews, 0.0)
        if any_pool:
            crews_t = _pool_crews(crews_t, pool_t[t], pool_cap, inp.use_pool)
        ramp = np.minimum(np.maximum((t - build_start + 1) / ramp_p1, 0.0), 1.0)  # _ramp, inlined for speed
        cum_prev, cum = cum, cum + crews_t * upcm * ramp * cal[t]
        if money is not None:
            cum, b = money.build(cum_prev, cum, built[:, :, t - 1] if t else np.zeros((runs, P)), t)
        else:
            b = _effort_to_units(inp, seg, cum, None)
        built[:, :, t] = b
        e = _pro_rata_eligible(inp, b, pr, cell_units, U) if len(pr[0]) else b
        eligible[:, :, t] = e
        end[(end == NEVER) & (start <= t) & (e >= U[None, :])] = t
        if D:
            _update_reach(t, reach, e, start, need, U, inp.dep_phase)
    return PhaseRun(built, eligible, start, build_start, end, None if money is None else money.wait)
