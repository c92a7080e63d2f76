"""Suggest a phasing: contiguous, balanced phases, ordered so that coverage rises as early as possible.

    suggest_phases(project, options, assignment=None, cancel=None) -> SuggestedPlan

The territory to cut is the communes of the current plan (or the rows given), as nodes of the neighbour graph
(planner/core/phases/adjacency.py); with `keep_field` the communes sharing a value of that field (e.g. an
intercommunality) form one node. Each node's **work** is its units × the build effort of its density class
(planner/core/simulation/costs.py when a cost model is there; 1 otherwise), or its units with `balance='units'`.
planner/core/phases/partition.py cuts the nodes into n contiguous regions of balanced work.

**Order.** With a crew pool shared in phase order, coverage rises fastest when the phases that turn a
crew-month into the most units go first (Smith's rule: units / work, highest first); inside a phase, communes
are built densest first (lowest effort, then most units) — `commune_order='manual'`. A `start` commune (e.g. the
NRO's) seeds the first phase. The result is an ordinary list of Phase objects: the caller pushes
`ImportPhases(project, plan.phases, replace=True)` as one undoable edit.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import shapely

from planner.core.errors import ParameterError
from planner.core.phases.adjacency import DEFAULT_TOLERANCE_M, adjacency, from_pairs
from planner.core.phases.partition import partition
from planner.core.project.model import PHASE_PALETTE, Phase, Project


@dataclass
class SuggestOptions:
    """What to cut and how (see the module docstring)."""

    n_phases: int = 8
    rows: list[int] | None = None  # commune rows to cut; None: the communes of the current plan, else all
    balance: str = "time"  # 'time' (units × effort) or 'units'
    keep_field: str | None = None  # keep the communes sharing a value of this commune field together
    start: str | None = None  # INSEE code of the commune the first phase starts from
    min_units: int | None = None
    max_units: int | None = None
    seed: int = 0
    crews: float = 2.0
    units_per_crew_month: float | None = None  # None: the median of the current phases (else 150)
    use_pool: bool = False
    tolerance_m: float | None = None  # neighbours within this distance (None: 20 m communes, 500 m grouped phases)
    group: str = "communes"  # 'communes': cut the communes; 'phases': group the current phases (e.g. PM zones)


@dataclass
class SuggestedPlan:
    phases: list[Phase]
    warnings: list[str] = field(default_factory=list)
    units: list[int] = field(default_factory=list)  # per phase
    work: list[float] = field(default_factory=list)  # per phase, units × effort

    @property
    def imbalance(self) -> float:
        """Heaviest phase's work over the mean (1.0 = perfectly even)."""
        return max(self.work) / (sum(self.work) / len(self.work)) if self.work else 1.0


def commune_effort(project: Project, scenario=None) -> np.ndarray:
    """Relative build effort per commune (1 = average place): from the scenario's cost model when there is one."""
    try:
        from planner.core.simulation import costs
    except ImportError:
        return np.ones(len(project.communes))
    fn = getattr(costs, "commune_effort", None)
    return np.ones(len(project.communes)) if fn is None else np.asarray(fn(project, scenario), dtype=float)


def territory_rows(project: Project, assignment, rows=None) -> np.ndarray:
    """The commune rows to cut: those given, else those of the current plan, else every commune with units."""
    if rows is not None:
        return np.unique(np.asarray(rows, dtype=np.int64))
    planned = np.unique(assignment.cell_commune[assignment.cell_commune >= 0]) if len(assignment.cell_commune) else []
    if len(planned):
        return np.asarray(planned, dtype=np.int64)
    return np.flatnonzero(np.asarray(assignment.commune_units) > 0)


def _nodes(project, rows, keep_field, graph):
    """Node of each row (groups of a field's value, or one node per commune) and the node graph."""
    if keep_field is None:
        return np.arange(len(rows)), graph.subgraph(rows)
    fields = project.communes.layer.fields
    if keep_field not in fields:
        raise ParameterError(f"the commune layer has no field '{keep_field}'", field="keep_field")
    values = np.asarray(fields[keep_field], dtype=object)[rows].astype(str)
    _, node = np.unique(values, return_inverse=True)
    sub = graph.subgraph(rows)
    src = np.repeat(np.arange(sub.n), np.diff(sub.indptr))
    return node, from_pairs(int(node.max()) + 1, node[src], node[sub.indices])


def _phase_count(opts: SuggestOptions, total_units: int, n_nodes: int, warnings: list[str]) -> int:
    n = int(opts.n_phases)
    if n < 1:
        raise ParameterError("ask for at least one phase", field="n_phases")
    if opts.max_units and total_units > n * opts.max_units:
        n = math.ceil(total_units / opts.max_units)
        warnings.append(f"{n} phases are needed for at most {opts.max_units:,} units each")
    if opts.min_units and n > 1 and total_units < n * opts.min_units:
        n = max(1, total_units // opts.min_units)
        warnings.append(f"only {n} phases can have at least {opts.min_units:,} units each")
    if n > n_nodes:
        warnings.append(f"only {n_nodes} areas to share out: {n_nodes} phases")
        n = n_nodes
    return n


def suggest_phases(project: Project, opts: SuggestOptions, assignment=None, scenario=None,
                   cancel=None) -> SuggestedPlan:
    """Cut the planned territory into contiguous balanced phases, ordered to raise coverage early."""
    if project.communes is None:
        raise ParameterError("there is no commune layer to cut into phases", field="communes")
    if opts.balance not in ("time", "units"):
        raise ParameterError("balance must be 'time' or 'units'", field="balance")
    if assignment is None:
        from planner.core.phases.assignment import assign

        assignment = assign(project, cancel=cancel)
    if opts.group == "phases":
        from planner.core.phases.suggest_groups import group_phases

        return group_phases(project, opts, assignment, commune_effort(project, scenario), cancel)
    if opts.group != "communes":
        raise ParameterError("group must be 'communes' or 'phases'", field="group")
    rows = territory_rows(project, assignment, opts.rows)
    units = np.asarray(assignment.commune_units, dtype=float)[rows]
    effort = commune_effort(project, scenario)[rows]
    work = units * (effort if opts.balance == "time" else 1.0)
    graph = adjacency(project.communes.geometries, opts.tolerance_m or DEFAULT_TOLERANCE_M)
    node, ngraph = _nodes(project, rows, opts.keep_field, graph)
    n_nodes = int(node.max()) + 1 if len(node) else 0
    warnings: list[str] = []
    k = _phase_count(opts, int(units.sum()), n_nodes, warnings)
    xy_rows = shapely.get_coordinates(shapely.point_on_surface(project.communes.geometries[rows]))
    node_w = np.bincount(node, weights=work, minlength=n_nodes)
    node_xy = np.column_stack([np.bincount(node, weights=xy_rows[:, i] * (units + 1), minlength=n_nodes)
                               for i in (0, 1)]) / np.bincount(node, weights=units + 1, minlength=n_nodes)[:, None]
    start = _start_node(project, rows, node, opts.start)
    part = partition(ngraph, node_w, node_xy, k, seed=opts.seed, start=start, cancel=cancel)
    region = part.labels[node]
    plan = _phases(project, rows, region, units, effort, work, opts, start_region=None if start is None
                   else int(part.labels[start]))
    plan.warnings = warnings + part.warnings + _size_warnings(plan, opts)
    return plan


def _start_node(project, rows, node, code):
    if code is None:
        return None
    try:
        row = project.communes.index_of(code)
    except KeyError:
        raise ParameterError(f"no commune with INSEE code {code}", field="start") from None
    hit = np.flatnonzero(rows == row)
    if not len(hit):
        raise ParameterError(f"commune {code} is not in the territory being cut", field="start")
    return int(node[hit[0]])


def _default_upcm(project: Project, opts: SuggestOptions) -> float:
    if opts.units_per_crew_month:
        return float(opts.units_per_crew_month)
    values = [p.units_per_crew_month for p in project.phases]
    return float(np.median(values)) if values else 150.0


def _phases(project, rows, region, units, effort, work, opts, start_region) -> SuggestedPlan:
    """Phase objects in build order: best units per unit of work first (the start region before all)."""
    k = int(region.max()) + 1
    r_units = np.bincount(region, weights=units, minlength=k)
    r_work = np.bincount(region, weights=units * effort, minlength=k)
    rate = r_units / np.maximum(r_work, 1e-9)
    order = sorted(range(k), key=lambda r: (r != start_region, -round(rate[r], 9), -r_units[r], r))
    codes, names = project.communes.codes, project.communes.names
    upcm = _default_upcm(project, opts)
    phases, out_units, out_work = [], [], []
    for i, r in enumerate(order):
        members = np.flatnonzero(region == r)
        members = members[np.lexsort((-units[members], effort[members]))]  # densest first, then largest
        biggest = rows[members[np.argmax(units[members])]]
        phases.append(Phase(id=i + 1, name=f"Phase {i + 1} — {names[biggest]}",
                            color=PHASE_PALETTE[i % len(PHASE_PALETTE)], communes=codes[rows[members]].tolist(),
                            crews=opts.crews, units_per_crew_month=upcm, commune_order="manual",
                            use_pool=opts.use_pool))
        out_units.append(int(r_units[r]))
        out_work.append(float(np.bincount(region, weights=work, minlength=k)[r]))
    return SuggestedPlan(phases, [], out_units, out_work)


def _size_warnings(plan: SuggestedPlan, opts: SuggestOptions) -> list[str]:
    out = []
    for ph, u in zip(plan.phases, plan.units):
        if opts.max_units and u > opts.max_units:
            out.append(f"{ph.name}: {u:,} units, above the maximum {opts.max_units:,} (its communes cannot be "
                       "split further; phases by PM zone can)")
        if opts.min_units and u < opts.min_units:
            out.append(f"{ph.name}: {u:,} units, below the minimum {opts.min_units:,}")
    return out
