"""Suggest by grouping the current phases (e.g. PM zones made one per `ReferencePM` value, or PM polygons) into
fewer, contiguous, balanced phases — the same cut and order as planner/core/phases/suggest.py, with the current
phases as the areas to share out instead of communes.

A node is a current phase: its outline (planner/core/phases/outline.py) gives neighbours and position, its units
× its mean build effort gives its work. A suggested phase merges its members: listed communes (in member order),
drawn zones (united) and premise values (one premise field).
"""
from __future__ import annotations

import numpy as np
import shapely

from planner.core.errors import ParameterError
from planner.core.phases.adjacency import adjacency
from planner.core.phases.outline import phase_outlines
from planner.core.phases.partition import partition
from planner.core.project.model import PHASE_PALETTE, Phase

#: PM zones drawn from their premises leave gaps between them: zones within this distance are neighbours
GROUP_TOLERANCE_M = 500.0


def _node_data(project, assignment, effort, balance):
    P = len(project.phases)
    units = np.asarray(assignment.phase_units, dtype=float)
    cp, cc, cu = assignment.cell_phase, assignment.cell_commune, assignment.cell_units.astype(float)
    inside = cc >= 0
    eff = np.bincount(cp[inside], weights=cu[inside] * effort[cc[inside]], minlength=P)
    base = np.bincount(cp[inside], weights=cu[inside], minlength=P)
    mean_effort = np.where(base > 0, eff / np.maximum(base, 1e-9), 1.0)
    work = units * (mean_effort if balance == "time" else 1.0)
    outlines = phase_outlines(project)
    return units, work, mean_effort, outlines


def merged_phase(members: list[Phase], index: int, name: str, opts) -> Phase:
    """One phase holding the members' communes, zones and premise values."""
    fields = {m.premise_field for m in members if m.premise_field}
    if len(fields) > 1:
        raise ParameterError(f"phases taking premises by different fields ({', '.join(sorted(fields))}) cannot be "
                             "grouped", field="premise_field")
    zones = [m.zone for m in members if m.zone is not None and not shapely.is_empty(m.zone)]
    communes = list(dict.fromkeys(c for m in members for c in m.communes))
    values = list(dict.fromkeys(v for m in members for v in m.premise_values))
    return Phase(id=index + 1, name=name, color=PHASE_PALETTE[index % len(PHASE_PALETTE)],
                 zone=shapely.union_all(zones) if zones else None, communes=communes,
                 commune_order="manual" if communes else "largest", premise_field=next(iter(fields), None),
                 premise_values=values, crews=opts.crews,
                 units_per_crew_month=opts.units_per_crew_month or members[0].units_per_crew_month,
                 use_pool=opts.use_pool)


def group_phases(project, opts, assignment, effort, cancel=None):
    """(phases, units, work, warnings): the current phases grouped into `opts.n_phases` contiguous phases."""
    from planner.core.phases.suggest import SuggestedPlan

    if len(project.phases) < 2:
        raise ParameterError("grouping needs at least two current phases", field="phases")
    units, work, mean_effort, outlines = _node_data(project, assignment, effort, opts.balance)
    live = np.flatnonzero(units > 0)
    if not len(live):
        raise ParameterError("the current phases hold no premise unit", field="phases")
    graph = adjacency(outlines[live], opts.tolerance_m or GROUP_TOLERANCE_M)
    centres = shapely.get_coordinates(shapely.centroid(outlines[live]))
    k = max(1, min(int(opts.n_phases), len(live)))
    part = partition(graph, work[live], centres, k, seed=opts.seed, cancel=cancel)
    region = part.labels
    r_units = np.bincount(region, weights=units[live], minlength=k)
    r_work = np.bincount(region, weights=units[live] * mean_effort[live], minlength=k)
    r_plan = np.bincount(region, weights=work[live], minlength=k)
    order = sorted(range(k), key=lambda r: (-round(r_units[r] / max(r_work[r], 1e-9), 9), -r_units[r], r))
    phases, out_u, out_w = [], [], []
    for i, r in enumerate(order):
        members = live[region == r]
        members = members[np.lexsort((-units[members], mean_effort[members]))]
        first = project.phases[int(members[0])].name
        phases.append(merged_phase([project.phases[int(m)] for m in members], i,
                                   f"Phase {i + 1} — {first} (+{len(members) - 1})" if len(members) > 1
                                   else f"Phase {i + 1} — {first}", opts))
        out_u.append(int(r_units[r]))
        out_w.append(float(r_plan[r]))
    return SuggestedPlan(phases, list(part.warnings), out_u, out_w)
