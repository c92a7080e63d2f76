"""The phase plan every export writes: phase, commune and premise tables computed from one simulation run.

Phases: order, name, colour, start, build start, end, units, communes, costs, zone (drawn zone united with its
listed communes), and with an as-built start its state (done / under way / not begun). Communes: phase (holding
most of their units), quarters/months of 50 % and 100 % eligibility (the real ones when the actual figures show
them), status (built / under way / planned / unplanned), units built at the as-of month, density class and costs
(planner/io/exports/costs_table.py). Premises: phase, eligibility month (planner/core/simulation/premise_state.py:
premises of a (phase, commune) cell become eligible in order as the cell's eligible units grow, really built ones
first, then from the cell's centre outwards) and status (built / planned / unplanned). All columns are numpy
arrays; nothing loops over premises.
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
from planner.core.simulation.premise_state import BuildOrder, premise_timeline
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


def premise_eligible_months(result: SimulationResult, assignment, premises) -> np.ndarray:
    """Absolute month (planner.core.months) at which each premise becomes eligible, -1 never: the one rule of
    planner/core/simulation/premise_state.py, as on the map and the printed pages (really built premises first,
    at their real month; then each cell from its centre outwards)."""
    order = BuildOrder(assignment, premises.x, premises.y, premises.units)
    return premise_timeline(result, order).eligible


def premise_eligible_offsets(result: SimulationResult, assignment, premises) -> np.ndarray:
    """Month offset (from the scenario start) at which each premise becomes eligible; -1 never/unplanned.
    A premise really built before the scenario start has offset 0 (its real month: `premise_eligible_months`)."""
    months = premise_eligible_months(result, assignment, premises)
    start = parse_month(result.start)
    return np.where(months >= 0, np.maximum(months - start, 0), -1)


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


def build_plan(project: Project, scenario=None, progress=None, lang: str = "fr") -> PhasePlan:
    """Assign and simulate `project` (scenario name or None = active) and compute the plan tables; quarters are
    labelled 'T1 2019' (lang 'fr', the regulator's) or 'Q1 2019' ('en'), as the window's table shows them."""
    if project.communes is None:
        raise PlannerError(f"{project.name}: the project has no commune layer; nothing to export")
    assignment = assign(project, progress=progress)
    result = simulate(project, assignment=assignment, scenario=scenario)
    premises = None
    if project.premises is not None and len(assignment.premise_phase) == len(project.premises):
        premises = _premise_table(project, assignment, result)
    header, rows = commune_quarter_table(result, project, lang)
    return PhasePlan(project, result, _phase_table(project, assignment, result),
                     _commune_table(project, assignment, result, lang), premises, header, rows)


def _phase_names(project: Project) -> np.ndarray:
    """Phase names by index, with None last (for index -1: no phase)."""
    return np.array([p.name for p in project.phases] + [None], dtype=object)


def _phase_table(project: Project, assignment, result: SimulationResult) -> PlanTable:
    P = len(project.phases)
    months = np.array([result.phase_start, result.phase_build_start, result.phase_end], dtype=object).reshape(3, P)
    return PlanTable("phases", {
        "order": np.arange(1, P + 1, dtype=np.int32),
        "name": np.array([p.name for p in project.phases], dtype=object),
        "color": np.array([p.color for p in project.phases], dtype=object),
        "start": months[0], "build_start": months[1], "end": months[2],
        "units": np.asarray(assignment.phase_units, dtype=np.int64),
        "communes": np.asarray(assignment.phase_commune_count, dtype=np.int32),
        **phase_cost_columns(result),
        **_phase_state_column(result),
    }, geometries=_phase_zones(project), kind="polygon")


def _commune_table(project: Project, assignment, result: SimulationResult, lang: str) -> PlanTable:
    com = project.communes
    cp = np.asarray(assignment.commune_phase, dtype=np.int64)
    planned_units = np.zeros(len(com), dtype=np.int64)
    inside = np.asarray(assignment.cell_commune) >= 0
    np.add.at(planned_units, np.asarray(assignment.cell_commune)[inside], np.asarray(assignment.cell_units)[inside])
    m50, m100 = _commune_months(result, 50), _commune_months(result, 100)
    quarter = lambda n: quarter_label(n, lang)  # noqa: E731
    start = 0  # the month columns below are absolute months (real ones may precede the scenario start)
    return PlanTable("communes", {
        "code_insee": com.codes.astype(object),
        "nom": com.names.astype(object),
        "units": np.asarray(result.commune_units, dtype=np.int64),
        "planned_units": planned_units,
        "phase": _phase_names(project)[cp],
        "phase_order": np.where(cp >= 0, cp + 1, 0).astype(np.int32),
        "planned_quarter_50": _labels(m50, start, quarter),
        "planned_quarter_100": _labels(m100, start, quarter),
        "planned_month_50": _labels(m50, start, format_month),
        "planned_month_100": _labels(m100, start, format_month),
        "planned_date_50": month_dates(_labels(m50, start, format_month)),
        "planned_date_100": month_dates(_labels(m100, start, format_month)),
        **commune_cost_columns(result),
        **_commune_status_columns(result),
    }, geometries=np.asarray(com.geometries, dtype=object), kind="polygon")


def _premise_table(project: Project, assignment, result: SimulationResult) -> PlanTable:
    pp = np.asarray(assignment.premise_phase, dtype=np.int64)
    pc = np.asarray(assignment.premise_commune, dtype=np.int64)
    codes = np.append(project.communes.codes.astype(object), None)
    pmonths = premise_eligible_months(result, assignment, project.premises)
    months = _month_labels(pmonths, 0)
    return PlanTable("premises", {
        "units": project.premises.units,
        "code_insee": codes[pc],
        "phase": _phase_names(project)[pp],
        "phase_order": np.where(pp >= 0, pp + 1, 0).astype(np.int32),
        "eligible_month": months,
        "eligible_date": month_dates(months),
        "status": premise_status(result, pmonths, pp),
    }, kind="point", x=project.premises.x, y=project.premises.y)
