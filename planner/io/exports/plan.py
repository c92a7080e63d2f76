"""The phase plan every export writes: phase, commune and premise tables computed from one simulation run.

Phases: order, name, colour, start, build start, end, units, communes, zone (drawn zone united with its listed
communes). Communes: phase (holding most of their units), planned quarters/months of 50 % and 100 % eligibility.
Premises: phase and planned eligibility month (planner/core/simulation/premise_state.py: the premises of a (phase,
commune) cell become eligible from the cell's centre outwards as its eligible units grow). All columns are numpy
arrays; nothing loops over premises.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from planner.core.phases.assignment import assign, phase_commune_rows
from planner.core.errors import PlannerError
from planner.core.project.model import Project
from planner.core.months import format_month, parse_month, quarter_label
from planner.core.simulation.coverage import SimulationResult, commune_quarter_table, simulate
from planner.core.simulation.premise_state import BuildOrder, premise_timeline


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


def _phase_zone(project: Project, index: int):
    phase = project.phases[index]
    parts = []
    if phase.zone is not None and not phase.zone.is_empty:
        parts.append(phase.zone)
    rows = phase_commune_rows(project, phase)
    if len(rows):
        parts.extend(project.communes.geometries[rows])
    if not parts:
        return None
    zone = shapely.union_all(parts) if len(parts) > 1 else parts[0]
    return zone if zone.geom_type in ("Polygon", "MultiPolygon") else shapely.make_valid(zone)


def premise_eligible_offsets(result: SimulationResult, assignment, premises) -> np.ndarray:
    """Month offset (from the scenario start) at which each premise becomes eligible; -1 never/unplanned.
    The one rule of planner.core.simulation.premise_state, as on the map and the printed pages."""
    order = BuildOrder(assignment, premises.x, premises.y, premises.units)
    return premise_timeline(result, order).eligible


def build_plan(project: Project, scenario=None, progress=None, lang: str = "fr") -> PhasePlan:
    """Assign and simulate `project` (scenario name or None = active) and compute the plan tables; quarters are
    labelled 'T1 2019' (lang 'fr', the regulator's) or 'Q1 2019' ('en'), as the window's table shows them."""
    if project.communes is None:
        raise PlannerError(f"{project.name}: the project has no commune layer; nothing to export")
    assignment = assign(project, progress=progress)
    result = simulate(project, assignment=assignment, scenario=scenario)
    start = parse_month(result.start)
    P = len(project.phases)
    quarter = lambda n: quarter_label(n, lang)  # noqa: E731

    order = np.arange(1, P + 1, dtype=np.int32)
    months = np.array([result.phase_start, result.phase_build_start, result.phase_end], dtype=object).reshape(3, P)
    phases = PlanTable("phases", {
        "order": order,
        "name": np.array([p.name for p in project.phases], dtype=object),
        "color": np.array([p.color for p in project.phases], dtype=object),
        "start": months[0], "build_start": months[1], "end": months[2],
        "units": np.asarray(assignment.phase_units, dtype=np.int64),
        "communes": np.asarray(assignment.phase_commune_count, dtype=np.int32),
    }, geometries=np.array([_phase_zone(project, i) for i in range(P)] or [], dtype=object), kind="polygon")

    com = project.communes
    cp = np.asarray(assignment.commune_phase, dtype=np.int64)
    names = np.array([p.name for p in project.phases] + [None], dtype=object)
    planned_units = np.zeros(len(com), dtype=np.int64)
    inside = np.asarray(assignment.cell_commune) >= 0
    np.add.at(planned_units, np.asarray(assignment.cell_commune)[inside], np.asarray(assignment.cell_units)[inside])
    m50, m100 = result.commune_month_50, result.commune_month_100
    communes = PlanTable("communes", {
        "code_insee": com.codes.astype(object),
        "nom": com.names.astype(object),
        "units": np.asarray(result.commune_units, dtype=np.int64),
        "planned_units": planned_units,
        "phase": names[cp],
        "phase_order": np.where(cp >= 0, cp + 1, 0).astype(np.int32),
        "planned_quarter_50": _labels(m50, start, quarter),
        "planned_quarter_100": _labels(m100, start, quarter),
        "planned_month_50": _labels(m50, start, format_month),
        "planned_month_100": _labels(m100, start, format_month),
    }, geometries=np.asarray(com.geometries, dtype=object), kind="polygon")

    premises = None
    if project.premises is not None and len(assignment.premise_phase) == len(project.premises):
        pp = np.asarray(assignment.premise_phase, dtype=np.int64)
        pc = np.asarray(assignment.premise_commune, dtype=np.int64)
        units = project.premises.units
        codes = np.append(com.codes.astype(object), None)
        premises = PlanTable("premises", {
            "units": units,
            "code_insee": codes[pc],
            "phase": names[pp],
            "phase_order": np.where(pp >= 0, pp + 1, 0).astype(np.int32),
            "eligible_month": _month_labels(premise_eligible_offsets(result, assignment, project.premises), start),
        }, kind="point", x=project.premises.x, y=project.premises.y)

    header, rows = commune_quarter_table(result, project, lang)
    return PhasePlan(project, result, phases, communes, premises, header, rows)
