"""The phase plan every export writes: phase, commune and premise tables computed from one simulation run.

Phases: order, name, colour, start, build start, end, units, communes, costs, zone (drawn zone united with its
listed communes), and with an as-built start its state (done / under way / not begun). Communes: phase (holding
most of their units), quarters/months of 50 % and 100 % eligibility (the real ones when the actual figures show
them), status (built / under way / planned / unplanned), units built at the as-of month, density class and costs
(planner/io/exports/costs_table.py). Premises: phase, eligibility month (premises of a (phase, commune) cell
become eligible in order as the cell's eligible units grow: really built ones first, then layer order) and status
(built / planned / unplanned). All columns are numpy arrays; nothing loops over premises.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from planner.core.phases.assignment import assign
from planner.core.errors import PlannerError
from planner.core.project.model import Project
from planner.core.months import format_month, parse_month, quarter_label
from planner.core.simulation.coverage import SimulationResult, commune_quarter_table, simulate
from planner.core.simulation.start_state import cell_series
from planner.io.exports.costs_table import commune_cost_columns, phase_cost_columns


@dataclass
class PlanTable:
    """A layer or table of the plan: ordered columns, optional geometries (EPSG:2154) and the geometry kind."""

    name: str
    columns: dict[str, np.ndarray]
    geometries: np.ndarray | None = None  # shapely objects (None for rows without geometry)
    kind: str = "none"  # 'polygon', 'point' or 'none'
    x: np.ndarray | None = None
    y: np.ndarray | None = None

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()))) if self.columns else 0


@dataclass
class PhasePlan:
    project: Project
    result: SimulationResult
    phases: PlanTable
    communes: PlanTable
    premises: PlanTable | None
    quarter_header: list[str]
    quarter_rows: list[list]

    def layers(self) -> list[PlanTable]:
        return [t for t in (self.phases, self.communes, self.premises) if t is not None]

    def table(self, name: str) -> PlanTable:
        """A plan layer by name; PlannerError when the project lacks it (e.g. no premise layer)."""
        for t in self.layers():
            if t.name == name:
                return t
        raise PlannerError(f"{self.project.name}: the plan has no {name} layer")


def _labels(offsets: np.ndarray, start: int, fmt) -> np.ndarray:
    out = np.full(len(offsets), None, dtype=object)
    ok = offsets >= 0
    out[ok] = [fmt(start + int(o)) for o in offsets[ok]]  # one label per commune/phase, not per premise
    return out


def _month_labels(offsets: np.ndarray, start: int) -> np.ndarray:
    """'YYYY-MM' labels for month offsets (-1 -> None), vectorised through the distinct values only."""
    out = np.full(len(offsets), None, dtype=object)
    ok = offsets >= 0
    if ok.any():
        values, inverse = np.unique(offsets[ok], return_inverse=True)
        labels = np.array([format_month(start + int(v)) for v in values], dtype=object)
        out[ok] = labels[inverse]
    return out


def month_dates(labels: np.ndarray) -> np.ndarray:
    """'YYYY-MM' labels (None allowed) -> datetime64[D] of the month's first day (NaT for None): a date field
    for GIS time sliders (the QGIS project's temporal controller)."""
    out = np.full(len(labels), np.datetime64("NaT"), dtype="datetime64[D]")
    ok = labels != None  # noqa: E711
    if ok.any():
        out[ok] = np.asarray(labels[ok].astype(str), dtype="datetime64[M]").astype("datetime64[D]")
    return out


def _phase_zones(project: Project) -> np.ndarray:
    """Each phase's area: drawn zone, listed communes, outline of the premises it takes by attribute."""
    from planner.core.phases.outline import phase_outlines

    zones = phase_outlines(project)
    for i, z in enumerate(zones):
        if z is not None and z.geom_type not in ("Polygon", "MultiPolygon"):
            zones[i] = shapely.make_valid(z)
    return zones


def premise_eligible_offsets(result: SimulationResult, assignment, units: np.ndarray) -> np.ndarray:
    """Month offset (from the scenario start) at which each premise becomes eligible; -1 never/unplanned.
    A premise really built before the scenario start has offset 0 (its real month: `premise_eligible_months`)."""
    months = premise_eligible_months(result, assignment, units)
    start = parse_month(result.start)
    return np.where(months >= 0, np.maximum(months - start, 0), -1)


def _first_reaching(series: np.ndarray, rows: np.ndarray, need: np.ndarray) -> np.ndarray:
    """Column of the first value >= need in row `rows[i]` of `series` (K, T) for each i; T when never.
    One searchsorted over the rows made non-decreasing (running maximum) and globally increasing."""
    K, T = series.shape
    if len(need) == 0 or T == 0:
        return np.full(len(need), T, dtype=np.int64)
    mono = np.maximum.accumulate(series, axis=1)
    big = int(mono.max(initial=0)) + int(need.max(initial=0)) + 2
    flat = (mono + np.arange(K)[:, None] * big).ravel()
    return np.searchsorted(flat, need + rows * big, side="left") - rows * T


def premise_eligible_months(result: SimulationResult, assignment, units: np.ndarray) -> np.ndarray:
    """Absolute month (planner.core.months) at which each premise becomes eligible, -1 never.

    Premises of a (phase, commune) cell become eligible in order as the cell's eligible units grow: premises the
    data says are built first (by their real month), then the others in layer order. With an as-built start,
    the premises within a cell's real figures get the real month (the quarter the figures first reached them,
    possibly before the scenario start)."""
    inp = result.inputs
    n = len(units)
    out = np.full(n, -1, dtype=np.int64)
    if n == 0 or inp is None:
        return out
    st = inp.start_state
    pmonths = st.premise_months if st is not None else None
    real = np.full(n, -1, dtype=np.int64) if pmonths is None else \
        np.where((pmonths >= 0) & (pmonths <= st.start + st.as_of), pmonths, -1)
    K = len(inp.cell_phase)
    if K:
        cells = cell_series(inp)
        C1 = len(inp.commune_units) + 1
        cell_key = inp.cell_phase.astype(np.int64) * C1 + (inp.cell_commune.astype(np.int64) + 1)
        order = np.argsort(cell_key)
        ph = np.asarray(assignment.premise_phase, dtype=np.int64)
        planned = np.flatnonzero(ph >= 0)
        key = ph[planned] * C1 + (np.asarray(assignment.premise_commune, dtype=np.int64)[planned] + 1)
        pos = np.clip(np.searchsorted(cell_key[order], key), 0, K - 1)
        found = cell_key[order][pos] == key
        planned, key, cell = planned[found], key[found], order[pos[found]]
        # rank inside the cell: really built premises first (by month), then layer order
        rank = np.where(real[planned] >= 0, real[planned], np.iinfo(np.int64).max)
        srt = np.lexsort((planned, rank, key))
        planned, key, cell = planned[srt], key[srt], cell[srt]
        u = np.asarray(units, dtype=np.int64)[planned]
        cum = np.cumsum(u)
        first = np.r_[True, key[1:] != key[:-1]]
        cum = cum - np.repeat((cum - u)[first], np.diff(np.r_[np.flatnonzero(first), len(key)]))
        need = np.maximum(cum, 1)
        T = cells.shape[1]
        idx = _first_reaching(cells, cell, need)
        out[planned] = np.where(idx < T, inp.start + idx, -1)
        if st is not None and len(st.points):  # within the real figures: the month they first reached it
            within = need <= st.cell_built[cell]
            j = _first_reaching(st.cell_points, cell[within], need[within])
            out[planned[within]] = st.points[np.minimum(j, len(st.points) - 1)]
    return np.where(real >= 0, real, out)


def premise_status(result: SimulationResult, months: np.ndarray, phase: np.ndarray) -> np.ndarray:
    """'built' (eligible at the as-of month), 'planned' (in a phase, to come) or 'unplanned', per premise."""
    ab = result.as_built
    out = np.where(np.asarray(phase) >= 0, "planned", "unplanned").astype(object)
    if ab is not None:
        out[(months >= 0) & (months <= parse_month(ab.as_of))] = "built"
    return out


def _phase_state_column(result: SimulationResult) -> dict:
    """{'state': done / under way / not begun per phase} with an as-built start, else {}."""
    ab = result.as_built
    if ab is None:
        return {}
    return {"state": np.array([s.replace("_", " ") for s in ab.phase_state], dtype=object)}


def _commune_months(result: SimulationResult, pct: int) -> np.ndarray:
    """Absolute month each commune reaches pct % (the real month when the figures show it; -1 never)."""
    m = result.commune_month_50 if pct == 50 else result.commune_month_100
    out = np.where(m >= 0, parse_month(result.start) + m, -1)
    ab = result.as_built
    if ab is not None:
        real = ab.commune_actual_50 if pct == 50 else ab.commune_actual_100
        out = np.where(real >= 0, real, out)
    return out


def _commune_status_columns(result: SimulationResult) -> dict:
    """{'status': built / under way / planned / unplanned, 'built_as_of': units built at the as-of month}."""
    from planner.core.simulation.as_built_result import status_of_communes

    ab = result.as_built
    built = ab.commune_built if ab is not None else np.zeros(len(result.commune_units), dtype=np.int64)
    return {"status": status_of_communes(result), "built_as_of": np.asarray(built, dtype=np.int64)}


def _premise_table(project: Project, assignment, result: SimulationResult, names: np.ndarray) -> PlanTable | None:
    """The premises layer: phase, eligibility month and status (None without a premise layer)."""
    if project.premises is None or len(assignment.premise_phase) != len(project.premises):
        return None
    pp = np.asarray(assignment.premise_phase, dtype=np.int64)
    pc = np.asarray(assignment.premise_commune, dtype=np.int64)
    units = project.premises.units
    codes = np.append(project.communes.codes.astype(object), None)
    pmonths = premise_eligible_months(result, assignment, units)
    months = _month_labels(pmonths, 0)
    return PlanTable("premises", {
        "units": units,
        "code_insee": codes[pc],
        "phase": names[pp],
        "phase_order": np.where(pp >= 0, pp + 1, 0).astype(np.int32),
        "eligible_month": months,
        "eligible_date": month_dates(months),
        "status": premise_status(result, pmonths, pp),
    }, kind="point", x=project.premises.x, y=project.premises.y)


def build_plan(project: Project, scenario=None, progress=None) -> PhasePlan:
    """Assign and simulate `project` (scenario name or None = active) and compute the plan tables."""
    if project.communes is None:
        raise PlannerError(f"{project.name}: the project has no commune layer; nothing to export")
    assignment = assign(project, progress=progress)
    result = simulate(project, assignment=assignment, scenario=scenario)
    P = len(project.phases)
    order = np.arange(1, P + 1, dtype=np.int32)
    months = np.array([result.phase_start, result.phase_build_start, result.phase_end], dtype=object).reshape(3, P)
    phases = PlanTable("phases", {
        "order": order,
        "name": np.array([p.name for p in project.phases], dtype=object),
        "color": np.array([p.color for p in project.phases], dtype=object),
        "start": months[0], "build_start": months[1], "end": months[2],
        "units": np.asarray(assignment.phase_units, dtype=np.int64),
        "communes": np.asarray(assignment.phase_commune_count, dtype=np.int32),
        **phase_cost_columns(result),
        **_phase_state_column(result),
    }, geometries=_phase_zones(project), kind="polygon")

    com = project.communes
    cp = np.asarray(assignment.commune_phase, dtype=np.int64)
    names = np.array([p.name for p in project.phases] + [None], dtype=object)
    planned_units = np.zeros(len(com), dtype=np.int64)
    inside = np.asarray(assignment.cell_commune) >= 0
    np.add.at(planned_units, np.asarray(assignment.cell_commune)[inside], np.asarray(assignment.cell_units)[inside])
    m50, m100 = _commune_months(result, 50), _commune_months(result, 100)
    start = 0  # absolute months (real ones may precede the scenario start)
    communes = PlanTable("communes", {
        "code_insee": com.codes.astype(object),
        "nom": com.names.astype(object),
        "units": np.asarray(result.commune_units, dtype=np.int64),
        "planned_units": planned_units,
        "phase": names[cp],
        "phase_order": np.where(cp >= 0, cp + 1, 0).astype(np.int32),
        "planned_quarter_50": _labels(m50, start, quarter_label),
        "planned_quarter_100": _labels(m100, start, quarter_label),
        "planned_month_50": _labels(m50, start, format_month),
        "planned_month_100": _labels(m100, start, format_month),
        "planned_date_50": month_dates(_labels(m50, start, format_month)),
        "planned_date_100": month_dates(_labels(m100, start, format_month)),
        **commune_cost_columns(result),
        **_commune_status_columns(result),
    }, geometries=np.asarray(com.geometries, dtype=object), kind="polygon")

    premises = _premise_table(project, assignment, result, names)
    header, rows = commune_quarter_table(result, project)
    return PhasePlan(project, result, phases, communes, premises, header, rows)
