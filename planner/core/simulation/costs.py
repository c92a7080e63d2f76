"""Costs of the simulation (DESIGN §4 step 3b): density class, cost and build effort of every commune, fixed cost
of every phase and the money the budget brings each month, as arrays for `SimInputs`.

    commune_costs(project, cost_model, commune_units) -> CommuneCosts   # class, € per unit, effort per commune
    cost_inputs(project, scenario, inp) -> dict                         # SimInputs fields (see below)
    budget_series(budget, start, horizon) -> float[T] | None            # money made available in each month
    remaining_costs(inp, keep, begun, as_of) -> dict                     # the same after an as-built start

Density = all units of the commune (planned or not) / its area in km² (the cost model's `area_field`, else the
area of its geometry). Units of a phase outside every commune cost what the lowest-density class says.
Every error names the field (`costs.classes[1].eur_per_unit`, the area field and the commune, ...).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from planner.core.errors import ParameterError
from planner.core.months import format_month
from planner.core.project.cost_model import CostModel


@dataclass
class CommuneCosts:
    """Per commune (rows of project.communes): `density` units/km² (NaN without area), `class_index` into
    `class_names` (sorted densest first), `eur_per_unit` (override or class), `effort` (class)."""

    density: np.ndarray
    class_index: np.ndarray
    eur_per_unit: np.ndarray
    effort: np.ndarray
    class_names: list[str]
    fallback_eur: float  # the lowest-density class: units outside every commune
    fallback_effort: float


def _finite_nonneg(value, fld: str, positive: bool = False) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ParameterError(f"not a number: {value!r}", field=fld) from None
    if not math.isfinite(v) or v < 0 or (positive and v == 0):
        raise ParameterError(f"must be {'> 0' if positive else '>= 0'}, got {value!r}", field=fld)
    return v


def check_classes(cm: CostModel) -> list[int]:
    """Validate the class table; return the class indices sorted by threshold, densest first."""
    if not cm.classes:
        raise ParameterError("the cost model needs at least one density class", field="costs.classes")
    mins = []
    for i, c in enumerate(cm.classes):
        w = f"costs.classes[{i}]"
        mins.append(_finite_nonneg(c.min_density, f"{w}.min_density"))
        _finite_nonneg(c.eur_per_unit, f"{w}.eur_per_unit")
        _finite_nonneg(c.effort, f"{w}.effort", positive=True)
    if min(mins) != 0:
        raise ParameterError(f"the classes must cover every density: the lowest class starts at {min(mins):g} "
                             "units/km² instead of 0", field="costs.classes")
    if len(set(mins)) != len(mins):
        raise ParameterError("two classes have the same threshold", field="costs.classes")
    return sorted(range(len(mins)), key=lambda i: -mins[i])


def _field(project, name: str, fld: str) -> np.ndarray:
    fields = project.communes.layer.fields
    if name not in fields:
        raise ParameterError(f"the commune layer has no field {name!r}", field=fld)
    try:
        return np.asarray(fields[name], dtype=float)
    except (TypeError, ValueError):
        vals = fields[name]
        out = np.full(len(vals), np.nan)
        for i, v in enumerate(vals):  # text column: numbers where they parse (a rare, small layer case)
            try:
                out[i] = float(v)
            except (TypeError, ValueError):
                pass
        return out


def commune_areas(project, cm: CostModel, count: int) -> np.ndarray:
    """Area of each of the `count` communes in km² (NaN where unknown)."""
    if cm.area_field:
        return _field(project, cm.area_field, "costs.area_field")
    geoms = project.communes.geometries
    if geoms is None or len(geoms) != count:
        return np.full(count, np.nan)
    import shapely

    return shapely.area(geoms) / 1e6


def _where(project, row: int) -> str:
    c = project.communes
    return f"commune {c.codes[row]} ({c.names[row]})"


def commune_costs(project, cm: CostModel, commune_units: np.ndarray, needed: np.ndarray | None = None) -> CommuneCosts:
    """Density class, € per unit and effort of each commune. `needed` (bool[C]): communes whose figures are
    used (with planned units); one of them without an area, or with a negative override, is an error."""
    order = check_classes(cm)
    C = len(commune_units)
    needed = np.ones(C, dtype=bool) if needed is None else needed
    area = commune_areas(project, cm, C) if C else np.zeros(0)
    bad = needed & ~(np.isfinite(area) & (area > 0))
    if bad.any():
        fld = cm.area_field or "geometry"
        raise ParameterError(f"{_where(project, int(np.flatnonzero(bad)[0]))} has no area, so no density for the "
                             f"cost model ({int(bad.sum())} commune(s) without one)", field=fld)
    with np.errstate(divide="ignore", invalid="ignore"):
        density = np.where(area > 0, commune_units / np.where(area > 0, area, 1.0), np.nan)
    mins = np.array([cm.classes[i].min_density for i in order], dtype=float)  # decreasing
    pos = np.searchsorted(-mins, -np.nan_to_num(density, nan=0.0), side="left")  # first class with min <= d
    pos = np.minimum(pos, len(order) - 1)
    eur = np.array([cm.classes[i].eur_per_unit for i in order], dtype=float)[pos]
    effort = np.array([cm.classes[i].effort for i in order], dtype=float)[pos]
    if cm.override_field:
        over = _field(project, cm.override_field, "costs.override_field")
        neg = needed & np.isfinite(over) & (over < 0)
        if neg.any():
            row = int(np.flatnonzero(neg)[0])
            raise ParameterError(f"{_where(project, row)} has a negative cost {over[row]:g} € per unit",
                                 field=cm.override_field)
        eur = np.where(np.isfinite(over), over, eur)
    last = order[-1]
    return CommuneCosts(density, pos, eur, effort, [cm.classes[i].name for i in order],
                        float(cm.classes[last].eur_per_unit), float(cm.classes[last].effort))


def budget_series(budget, start: int, horizon: int) -> np.ndarray | None:
    """Money made available in each simulated month: a year's budget comes in twelfths, one each month of that
    year; the twelfths of the months before the start arrive in the first month (unspent money carries over).
    None when there is no budget. A year outside the simulated months, a repeated year or a negative amount is
    an error naming `costs.budget[i]`."""
    if not budget:
        return None
    first, last = start // 12, (start + horizon - 1) // 12
    per_year = {}
    for i, entry in enumerate(budget):
        fld = f"costs.budget[{i}]"
        try:
            year, eur = int(entry[0]), entry[1]
        except (TypeError, ValueError, IndexError):
            raise ParameterError(f"expected [year, euros], got {entry!r}", field=fld) from None
        eur = _finite_nonneg(eur, fld)
        if not first <= year <= last:
            raise ParameterError(f"year {year} is outside the simulated months {format_month(start)}.."
                                 f"{format_month(start + horizon - 1)}", field=fld)
        if year in per_year:
            raise ParameterError(f"year {year} is listed twice", field=fld)
        per_year[year] = eur
    years = (start + np.arange(horizon)) // 12
    yearly = np.array([per_year.get(int(y), 0.0) for y in range(first, last + 1)])
    out = yearly[years - first] / 12.0
    out[0] += yearly[0] * (start % 12) / 12.0
    return out


def constant_budget(eur_per_year: float, start: int, horizon: int) -> list[tuple[int, float]]:
    """The same amount for every year of the simulated months (the `--budget` what-if and goal seek)."""
    return [(y, float(eur_per_year)) for y in range(start // 12, (start + horizon - 1) // 12 + 1)]


def phase_fixed_costs(scenario, phases) -> np.ndarray:
    """Fixed cost of each phase: its `fixed_cost_eur` (scenario override first), else the model's default."""
    out = np.zeros(len(phases))
    default = _finite_nonneg(scenario.costs.phase_fixed_eur, "costs.phase_fixed_eur")
    for i, ph in enumerate(phases):
        v = scenario.phase_value(ph, "fixed_cost_eur")
        if v is None:
            out[i] = default
            continue
        try:
            out[i] = _finite_nonneg(v, "fixed_cost_eur")
        except ParameterError as exc:
            raise ParameterError(str(exc).split(": ", 1)[1], phase=ph.name, field="fixed_cost_eur") from None
    return out


def cost_inputs(project, scenario, inp) -> dict:
    """SimInputs fields for the costs: `cell_cost` and `cell_effort` float[K] (per unit of each cell),
    `phase_fixed` float[P], `budget` float[T] or None, `commune_cost` float[C] (€ per unit of each commune),
    `commune_density` float[C] (units per km², NaN without area) and `commune_class` (class name per commune)."""
    cm = scenario.costs
    C = len(inp.commune_units)
    cc = inp.cell_commune
    needed = np.zeros(C, dtype=bool)
    needed[cc[(cc >= 0) & (inp.cell_units > 0)]] = True
    if project.communes is not None and C:
        k = commune_costs(project, cm, inp.commune_units, needed)
        eur, effort, fb_eur, fb_effort = k.eur_per_unit, k.effort, k.fallback_eur, k.fallback_effort
        density, names = k.density, np.array(k.class_names, dtype=object)[k.class_index]
    else:
        order = check_classes(cm)
        eur, effort = np.zeros(C), np.ones(C)
        fb_eur, fb_effort = float(cm.classes[order[-1]].eur_per_unit), float(cm.classes[order[-1]].effort)
        density, names = np.full(C, np.nan), np.full(C, None, dtype=object)
    inside = cc >= 0
    safe = np.where(inside, cc, 0)
    cell_cost = np.where(inside, eur[safe] if C else 0.0, fb_eur)
    cell_effort = np.where(inside, effort[safe] if C else 1.0, fb_effort)
    return {
        "cell_cost": cell_cost.astype(float), "cell_effort": cell_effort.astype(float),
        "phase_fixed": phase_fixed_costs(scenario, project.phases),
        "budget": budget_series(cm.budget, inp.start, inp.horizon), "commune_cost": np.asarray(eur, dtype=float),
        "commune_density": np.asarray(density, dtype=float), "commune_class": names,
    }


def remaining_costs(inp, keep: np.ndarray, begun: np.ndarray, as_of: int) -> dict:
    """The cost fields of the inputs for the work left after an as-built start (start_state.remaining): the
    kept cells' costs and efforts, no fixed cost for phases already begun, and no money before the month after
    `as_of` (what was spent up to it is history). Costs then count what remains to be spent."""
    out = {}
    for name in ("cell_cost", "cell_effort"):
        v = getattr(inp, name)
        out[name] = None if v is None else np.asarray(v)[keep]
    if inp.phase_fixed is not None:
        out["phase_fixed"] = np.where(begun, 0.0, inp.phase_fixed)
    if inp.budget is not None:
        budget = np.array(inp.budget, dtype=float)
        budget[: as_of + 1] = 0.0
        out["budget"] = budget
    return out
