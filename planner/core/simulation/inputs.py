"""Simulation inputs as plain numpy arrays (`SimInputs`), built and validated from a project and its assignment.

`inputs_from(project, assignment, scenario)` resolves every phase parameter through the scenario
(`Scenario.phase_value`), checks it (a `ParameterError` names the phase and the field), orders the cells of
each phase in build order (DESIGN §4 step 4) and turns dependencies into index arrays. The engine
(`planner/core/simulation/engine.py`) then only sees arrays; tests may build a `SimInputs` directly.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from planner.core.errors import ParameterError
from planner.core.project.model import Project, Scenario
from planner.core.months import parse_month
from planner.core.simulation.costs import cost_inputs


@dataclass
class SimInputs:
    """Everything one simulation run needs, as arrays. Months are offsets from `start` (0 = first month).

    Phases (P): `phase_names`, `phase_ids`, `phase_units` int64[P] (all units of the phase),
    `earliest` int[P] (first month the phase may start), `crews` float[P] (own crews, or the cap on pool
    crews when `use_pool`), `upcm` float[P] (units per crew per month), `study` int[P], `ramp` int[P],
    `pro_rata` bool[P], `use_pool` bool[P].
    Dependencies (D): phase index `dep_phase[d]` must reach `dep_pct[d]` % before phase `dep_dependent[d]` starts.
    Cells (K): `cell_phase`, `cell_commune` (-1 = units of the phase outside every commune), `cell_units`,
    grouped by phase in phase order and, inside a phase, in build order.
    `commune_units` int64[C] all units per commune; `total_units` all units of the territory (planned or not).
    `pool` float[T] crews of the shared pool per month (None: no pool).
    Costs (planner/core/simulation/costs.py; None = not modelled): `cell_cost` € and `cell_effort` relative
    build effort per unit of each cell, `phase_fixed` € per phase paid the month its studies start, `budget`
    € made available in each month (None: no budget limit), `commune_cost` € per unit of each commune,
    `commune_density` units per km² and `commune_class` its density class's name (for display).
    `start_state` the as-built start (planner/core/simulation/start_state.py; None: the run starts from nothing).
    """

    start: int  # absolute month number (planner.core.months.parse_month)
    horizon: int
    calendar: np.ndarray  # float[12], factor per month of year (January first)
    marketing_delay: int
    take_up: tuple[float, float, float]  # (max_share, midpoint_months, steepness)
    phase_names: list[str]
    phase_units: np.ndarray
    earliest: np.ndarray
    crews: np.ndarray
    upcm: np.ndarray
    study: np.ndarray
    ramp: np.ndarray
    pro_rata: np.ndarray
    use_pool: np.ndarray
    cell_phase: np.ndarray
    cell_commune: np.ndarray
    cell_units: np.ndarray
    commune_units: np.ndarray
    total_units: int
    dep_phase: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    dep_dependent: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    dep_pct: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=float))
    pool: np.ndarray | None = None
    phase_ids: list[int] = field(default_factory=list)
    scenario_name: str = "Base"
    cell_cost: np.ndarray | None = None
    cell_effort: np.ndarray | None = None
    phase_fixed: np.ndarray | None = None
    budget: np.ndarray | None = None
    commune_cost: np.ndarray | None = None
    commune_density: np.ndarray | None = None
    commune_class: np.ndarray | None = None
    start_state: "object | None" = None  # StartState: what is built at the as-of month (start_state.py)

    @property
    def n_phases(self) -> int:
        return len(self.phase_names)

    @property
    def unplanned_units(self) -> int:
        return int(self.total_units - int(self.phase_units.sum()))

    def calendar_by_month(self) -> np.ndarray:
        """Calendar factor of each simulated month, float[T]."""
        month_of_year = (self.start + np.arange(self.horizon)) % 12
        return self.calendar[month_of_year]

    def with_params(self, **arrays) -> "SimInputs":
        """A copy with some phase arrays replaced (e.g. `upcm=...`), validated again."""
        out = replace(self, **arrays)
        validate(out)
        return out


def _check(ok: bool, what: str, phase: str | None = None, fld: str | None = None) -> None:
    if not ok:
        raise ParameterError(what, phase=phase, field=fld)


#: bounds the model needs: arrays are (phases × months) and (communes × months), so nothing may be sized by an
#: unchecked number read from a file (a horizon of 10^9 months would ask for terabytes)
MAX_HORIZON_MONTHS = 1200
MAX_MONTHS = 1200  # study, ramp, marketing delay, take-up midpoint


def check_horizon(horizon: int) -> None:
    _check(1 <= int(horizon) <= MAX_HORIZON_MONTHS,
           f"the horizon must be from 1 to {MAX_HORIZON_MONTHS} months, got {horizon}", fld="horizon_months")


def validate(inp: SimInputs) -> None:
    """Raise ParameterError (naming phase and field) on any parameter the model cannot run with."""
    check_horizon(inp.horizon)
    cal = np.asarray(inp.calendar, dtype=float)
    _check(cal.shape == (12,), "the calendar needs 12 monthly factors", fld="calendar")
    _check(bool(np.all(np.isfinite(cal)) and np.all(cal >= 0) and cal.sum() > 0),
           "calendar factors must be >= 0 and not all zero", fld="calendar")
    _check(bool(np.all(cal <= 100)), "calendar factors must be at most 100", fld="calendar")
    _check(0 <= inp.marketing_delay <= MAX_MONTHS, f"the marketing delay must be from 0 to {MAX_MONTHS} months",
           fld="marketing_delay_months")
    share, mid, k = inp.take_up
    _check(0 <= share <= 1, "take-up max_share must be between 0 and 1", fld="take_up.max_share")
    _check(0 < k <= 100 and math.isfinite(k), "take-up steepness must be > 0 and at most 100",
           fld="take_up.steepness")
    _check(math.isfinite(mid) and abs(mid) <= MAX_MONTHS, f"take-up midpoint must be a number of months within "
           f"±{MAX_MONTHS}", fld="take_up.midpoint_months")
    checks = (  # (bad mask over phases, message, field), checked in this order
        (inp.earliest < 0, "starts before the project start", "earliest_start"),
        (~(np.isfinite(inp.crews) & (inp.crews > 0)), "crews must be > 0", "crews"),
        (~(np.isfinite(inp.upcm) & (inp.upcm > 0)), "productivity must be > 0 units per crew per month",
         "units_per_crew_month"),
        ((inp.study < 0) | (inp.study > MAX_MONTHS), f"study months must be from 0 to {MAX_MONTHS}", "study_months"),
        ((inp.ramp < 0) | (inp.ramp > MAX_MONTHS), f"ramp months must be from 0 to {MAX_MONTHS}", "ramp_months"),
    )
    for bad, what, fld in checks:
        bad = np.asarray(bad).reshape(-1, inp.n_phases).any(axis=0) if inp.n_phases else bad
        if np.any(bad):
            raise ParameterError(what, phase=inp.phase_names[int(np.flatnonzero(bad)[0])], field=fld)
    for p, pct in zip(inp.dep_dependent, inp.dep_pct):
        _check(0 < pct <= 100, "a dependency percentage must be in (0, 100]", inp.phase_names[p], "depends_on")
    topological_order(inp)
    _validate_costs(inp)
    if inp.use_pool.any():
        _check(inp.pool is not None, "uses the crew pool but the scenario has no staffing plan",
               inp.phase_names[int(np.flatnonzero(inp.use_pool)[0])], "use_pool")
        _check(bool(np.all(inp.pool >= 0)), "pool crews must be >= 0", fld="crew_pool")


def _validate_costs(inp: SimInputs) -> None:
    for name, positive in (("cell_cost", False), ("cell_effort", True), ("phase_fixed", False), ("budget", False)):
        v = getattr(inp, name)
        if v is not None:
            v = np.asarray(v, dtype=float)
            ok = np.all(np.isfinite(v)) and np.all(v > 0 if positive else v >= 0)
            _check(bool(ok), f"{'efforts must be > 0' if positive else 'costs and budgets must be >= 0'}",
                   fld=f"costs.{name}")


def topological_order(inp: SimInputs) -> np.ndarray:
    """Phase indices so that every phase comes after those it depends on (ties by phase order).

    Raises ParameterError naming a phase of the cycle when dependencies loop.
    """
    n = inp.n_phases
    indeg = np.bincount(inp.dep_dependent, minlength=n) if len(inp.dep_dependent) else np.zeros(n, int)
    indeg = indeg.copy()
    out = []
    ready = [i for i in range(n) if indeg[i] == 0]
    while ready:
        i = ready.pop(0)
        out.append(i)
        for d in np.flatnonzero(inp.dep_phase == i):
            j = int(inp.dep_dependent[d])
            indeg[j] -= 1
            if indeg[j] == 0:
                ready.append(j)
                ready.sort()
    if len(out) < n:
        stuck = min(set(range(n)) - set(out))
        raise ParameterError("dependency cycle (a phase waits, directly or not, for itself)",
                             phase=inp.phase_names[stuck], field="depends_on")
    return np.asarray(out, dtype=np.int64)


def _int_param(value, name: str, fld: str) -> int:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ParameterError(f"not a number: {value!r}", phase=name, field=fld) from None
    if not math.isfinite(v) or v != int(v):
        raise ParameterError(f"must be a whole number of months, got {value!r}", phase=name, field=fld)
    if abs(v) > 10 * MAX_MONTHS:
        raise ParameterError(f"{value!r} months is out of range", phase=name, field=fld)
    return int(v)


def _float_param(value, name: str, fld: str) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ParameterError(f"not a number: {value!r}", phase=name, field=fld) from None
    return v


def _month_offset(text, start: int, name: str | None, fld: str) -> int:
    try:
        return parse_month(text) - start
    except ValueError as exc:
        raise ParameterError(str(exc), phase=name, field=fld) from None


def pool_series(scenario: Scenario, start: int, horizon: int) -> np.ndarray | None:
    """Pool crews per simulated month from the staffing plan (step function; 0 before its first entry)."""
    if scenario.crew_pool is None:
        return None
    out = np.zeros(horizon, dtype=float)
    for month, crews in sorted(scenario.crew_pool.plan, key=lambda e: parse_month(e[0])):
        off = max(0, _month_offset(month, start, None, "crew_pool"))
        crews = float(crews)
        if not math.isfinite(crews) or crews < 0:
            raise ParameterError(f"pool crews must be >= 0, got {crews!r} from {month}", field="crew_pool")
        out[off:] = crews
    return out


def _commune_points(project: Project) -> np.ndarray:
    """(C, 2) representative points of the communes (inside each polygon)."""
    import shapely

    pts = shapely.point_on_surface(project.communes.geometries)
    return np.column_stack([shapely.get_x(pts), shapely.get_y(pts)])


def _build_order(project: Project, scenario: Scenario, phase, p: int, communes: np.ndarray, units: np.ndarray,
                 points: list) -> np.ndarray:
    """Permutation of one phase's cells into build order (DESIGN §4 step 4).

    'largest': most units first (ties: commune row). 'manual': the phase's `communes` list order first, then the
    others largest first. 'nearest': distance from `origin` to the commune's representative point, nearest first.
    """
    how = scenario.phase_value(phase, "commune_order")
    largest = np.lexsort((communes, -units))
    if how == "largest":
        return largest
    if how == "manual":
        codes = project.communes.codes[np.maximum(communes, 0)]
        rank_of: dict[str, int] = {}
        for i, c in enumerate(scenario.phase_value(phase, "communes")):
            rank_of.setdefault(str(c), i)
        big = len(rank_of) + 1
        rank = np.array([rank_of.get(c, big) for c in codes], dtype=np.int64)
        rank_largest = np.empty(len(largest), dtype=np.int64)
        rank_largest[largest] = np.arange(len(largest))
        return np.lexsort((rank_largest, rank))
    if how == "nearest":
        origin = scenario.phase_value(phase, "origin")
        if origin is None:
            raise ParameterError("commune order 'nearest' needs an origin point", phase=phase.name, field="origin")
        if not points:
            points.append(_commune_points(project))
        xy = points[0][np.maximum(communes, 0)]
        dist = np.hypot(xy[:, 0] - float(origin[0]), xy[:, 1] - float(origin[1]))
        dist[communes < 0] = np.inf
        return np.lexsort((communes, dist))
    raise ParameterError(f"unknown commune order {how!r} (manual, largest or nearest)", phase=phase.name,
                         field="commune_order")


def _phase_values(sc: Scenario, phases, start: int) -> dict:
    """Per-phase arrays as the scenario sees them (earliest, crews, upcm, study, ramp, pro_rata, use_pool) and
    the dependencies (dep_phase, dep_dependent, dep_pct); ParameterError naming the phase and field."""
    n = len(phases)
    earliest = np.zeros(n, dtype=np.int64)
    crews = np.zeros(n)
    upcm = np.zeros(n)
    study = np.zeros(n, dtype=np.int64)
    ramp = np.zeros(n, dtype=np.int64)
    pro_rata = np.zeros(n, dtype=bool)
    use_pool = np.zeros(n, dtype=bool)
    index_of_id = {p.id: i for i, p in enumerate(phases)}
    dep_phase, dep_dep, dep_pct = [], [], []
    for i, ph in enumerate(phases):
        v = lambda f: sc.phase_value(ph, f)  # noqa: E731
        es = v("earliest_start")
        earliest[i] = 0 if es in (None, "") else _month_offset(es, start, ph.name, "earliest_start")
        crews[i] = _float_param(v("crews"), ph.name, "crews")
        upcm[i] = _float_param(v("units_per_crew_month"), ph.name, "units_per_crew_month")
        study[i] = _int_param(v("study_months"), ph.name, "study_months")
        ramp[i] = _int_param(v("ramp_months"), ph.name, "ramp_months")
        order = v("order")
        if order not in ("by_commune", "pro_rata"):
            raise ParameterError(f"unknown order {order!r} (by_commune or pro_rata)", phase=ph.name, field="order")
        pro_rata[i] = order == "pro_rata"
        use_pool[i] = bool(v("use_pool"))
        for dep in v("depends_on") or []:
            if dep.phase_id not in index_of_id:
                raise ParameterError(f"depends on unknown phase id {dep.phase_id}", phase=ph.name, field="depends_on")
            dep_phase.append(index_of_id[dep.phase_id])
            dep_dep.append(i)
            dep_pct.append(_float_param(dep.pct, ph.name, "depends_on"))
    return dict(earliest=earliest, crews=crews, upcm=upcm, study=study, ramp=ramp, pro_rata=pro_rata,
                use_pool=use_pool, dep_phase=np.asarray(dep_phase, dtype=np.int64),
                dep_dependent=np.asarray(dep_dep, dtype=np.int64), dep_pct=np.asarray(dep_pct, dtype=float))


def _cells_in_build_order(project: Project, sc: Scenario, assignment):
    """(cell phase, cell commune, cell units, phase units): the assignment's cells plus one cell per phase for its
    units outside every commune (commune -1), grouped by phase in phase order, each phase in build order."""
    n = len(project.phases)
    cp = np.asarray(assignment.cell_phase, dtype=np.int64)
    cc = np.asarray(assignment.cell_commune, dtype=np.int64)
    cu = np.asarray(assignment.cell_units, dtype=np.int64)
    phase_units = np.asarray(assignment.phase_units, dtype=np.int64)
    outside = phase_units - np.bincount(cp, weights=cu, minlength=n).astype(np.int64)
    extra = np.flatnonzero(outside > 0)
    cp = np.concatenate([cp, extra])
    cc = np.concatenate([cc, np.full(len(extra), -1, dtype=np.int64)])
    cu = np.concatenate([cu, outside[extra]])
    order_all = np.argsort(cp, kind="stable")
    cp, cc, cu = cp[order_all], cc[order_all], cu[order_all]
    bounds = np.searchsorted(cp, np.arange(n + 1))
    perm = np.arange(len(cp))
    points: list = []
    for i, ph in enumerate(project.phases):
        a, b = bounds[i], bounds[i + 1]
        if b - a > 1:
            perm[a:b] = a + _build_order(project, sc, ph, i, cc[a:b], cu[a:b], points)
    return cp[perm], cc[perm], cu[perm], phase_units


def inputs_from(project: Project, assignment, scenario: Scenario | None = None) -> SimInputs:
    """Arrays for the engine from a project, its assignment (planner.core.phases.assignment) and a scenario.

    The scenario defaults to the project's active one. Phase parameters come from `scenario.phase_value`.
    Units of a phase outside every commune become a last cell with commune -1.
    """
    sc = scenario if scenario is not None else project.scenario
    start = _month_offset(sc.start, 0, None, "start")
    horizon = _int_param(sc.horizon_months, None, "horizon_months")
    check_horizon(horizon)  # before anything is sized by it (the crew pool series below)
    phases = project.phases
    if list(getattr(assignment, "phase_ids", [])) not in ([], [p.id for p in phases]):
        raise ParameterError("the assignment is out of date with the phases; assign again", field="phases")
    pv = _phase_values(sc, phases, start)
    cp, cc, cu, phase_units = _cells_in_build_order(project, sc, assignment)
    inp = SimInputs(
        start=start, horizon=horizon, calendar=np.asarray(sc.calendar, dtype=float),
        marketing_delay=_int_param(sc.marketing_delay_months, None, "marketing_delay_months"),
        take_up=(float(sc.take_up.max_share), float(sc.take_up.midpoint_months), float(sc.take_up.steepness)),
        phase_names=[p.name for p in phases], phase_units=phase_units, **pv,
        cell_phase=cp, cell_commune=cc, cell_units=cu,
        commune_units=np.asarray(assignment.commune_units, dtype=np.int64),
        total_units=int(assignment.total_units),
        pool=pool_series(sc, start, horizon), phase_ids=[p.id for p in phases], scenario_name=sc.name,
    )
    inp = replace(inp, **cost_inputs(project, sc, inp))
    validate(inp)
    from planner.core.simulation.start_state import start_state_for

    inp.start_state = start_state_for(project, assignment, sc, inp)
    return inp
