"""The (phase, commune) unit counts of an assignment, kept with a fingerprint of what they were computed from.

A simulation, a goal seek, a calibration or a curve needs only these counts (a few thousand cells), not the
5 million premises they were counted from. `assign` remembers the counts of its last result on the project
(`remembered(project)`); the project file stores them (table `rp_counts`) with their fingerprint, and
`cached_assignment(project, counts)` turns them back into an `Assignment` without premise arrays when, and only
when, the fingerprint still matches the project: any edit that changes which premise falls in which phase or
commune (a phase zone, a phase's communes, the phase order, a phase added or removed, another premise or
commune layer, another units or code field) changes the fingerprint, so stale counts are never used.
Phase attributes that do not move premises (crews, dates, names, colours) keep the counts current.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import shapely

from planner.core.project.content_tokens import content_token
from planner.core.project.model import Project

#: the arrays of an Assignment that the counts keep, with their dtype
COUNT_ARRAYS = {"cell_phase": np.int32, "cell_commune": np.int32, "cell_units": np.int64,
                "commune_units": np.int64, "commune_phase": np.int32, "phase_units": np.int64,
                "phase_commune_count": np.int32}
_ATTR = "_remembered_counts"
#: project attribute standing for a premise layer left in the file: (content token, units field, insee field)
PREMISES_STUB = "_premises_stub"


@dataclass
class CellCounts:
    """Counts of one assignment: the arrays named in COUNT_ARRAYS plus totals, and the fingerprint."""

    fingerprint: str
    arrays: dict[str, np.ndarray]
    unplanned_units: int
    total_units: int
    phase_ids: list[int]
    commune_level: bool


def fingerprint(project: Project) -> str:
    """A digest of everything an assignment depends on (tokens of the layers, not their millions of values).

    A project loaded without its premise layer (`PREMISES_STUB`: the token and role fields stored in the file)
    fingerprints as the full project would.
    """
    h = hashlib.sha256()

    def add(*parts) -> None:
        for part in parts:
            data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
            h.update(len(data).to_bytes(8, "little"))
            h.update(data)

    prem, com = project.premises, project.communes
    stub = project.__dict__.get(PREMISES_STUB) if prem is None else None
    if stub is not None:
        add("premises", stub[0], stub[1], stub[2])
    else:
        add("premises", content_token(None if prem is None else prem.layer))
        add(None if prem is None else prem.units_field, None if prem is None else prem.insee_field)
    add("communes", content_token(None if com is None else com.layer))
    add(None if com is None else com.code_field, None if com is None else com.units_field)
    for phase in project.phases:
        zone = phase.zone
        wkb = b"" if zone is None or shapely.is_empty(zone) else shapely.to_wkb(zone, byte_order=1)
        add("phase", int(phase.id), wkb, "\x1f".join(sorted({str(c) for c in phase.communes})))
        add(getattr(phase, "premise_field", None) or "",
            "\x1f".join(sorted({str(v) for v in (getattr(phase, "premise_values", None) or ())})))
    return h.hexdigest()


def counts_of(project: Project, assignment, fp: str | None = None) -> CellCounts:
    """The counts of `assignment`, computed on `project` as it is now."""
    arrays = {name: np.ascontiguousarray(getattr(assignment, name), dtype=dtype)
              for name, dtype in COUNT_ARRAYS.items()}
    return CellCounts(fp if fp is not None else fingerprint(project), arrays, int(assignment.unplanned_units),
                      int(assignment.total_units), [int(i) for i in assignment.phase_ids],
                      bool(assignment.commune_level))


def remember(project: Project, assignment) -> None:
    """Keep the counts of an assignment just computed on `project` (called by `assign`); the assignment
    carries them too (`assignment.counts`), so a result computed on a snapshot can be adopted by the project."""
    counts = counts_of(project, assignment)
    project.__dict__[_ATTR] = counts
    assignment.__dict__["counts"] = counts


def raw(project: Project) -> CellCounts | None:
    """The counts attached to the project, current or not (checked when used)."""
    return project.__dict__.get(_ATTR)


def remembered(project: Project) -> CellCounts | None:
    """The counts remembered on (or loaded with) the project, if they are still current."""
    counts = project.__dict__.get(_ATTR)
    if counts is None or counts.fingerprint != fingerprint(project):
        return None
    return counts


def adopt(project: Project, counts: CellCounts | None) -> None:
    """Attach counts read from a file (checked against the project when used, like remembered ones)."""
    if counts is None:
        project.__dict__.pop(_ATTR, None)
    else:
        project.__dict__[_ATTR] = counts


def assignment_from_counts(counts: CellCounts):
    """An Assignment holding the counts (no per-premise arrays: premise_commune/premise_phase are empty)."""
    from planner.core.phases.assignment import Assignment

    empty = np.zeros(0, dtype=np.int32)
    return Assignment(premise_commune=empty, premise_phase=empty, unplanned_units=counts.unplanned_units,
                      total_units=counts.total_units, phase_ids=list(counts.phase_ids),
                      commune_level=counts.commune_level, **{k: v.copy() for k, v in counts.arrays.items()})


def cached_assignment(project: Project):
    """The Assignment from the project's remembered/loaded counts if they are current, else None."""
    counts = project.__dict__.get(_ATTR)
    if counts is None:
        return None
    if counts.fingerprint != fingerprint(project):
        return None
    if counts.phase_ids != [p.id for p in project.phases]:
        return None
    return assignment_from_counts(counts)


def check_counts(counts: CellCounts, n_phases: int, n_communes: int) -> str | None:
    """Why counts read from a file cannot be used (None when they are consistent)."""
    a = counts.arrays
    k = len(a["cell_phase"])
    if len(a["cell_commune"]) != k or len(a["cell_units"]) != k:
        return "cell arrays of different lengths"
    if len(a["commune_units"]) != n_communes or len(a["commune_phase"]) != n_communes:
        return "commune arrays do not match the commune layer"
    if len(a["phase_units"]) != n_phases or len(a["phase_commune_count"]) != n_phases:
        return "phase arrays do not match the phases"
    if k and (a["cell_phase"].min() < 0 or a["cell_phase"].max() >= n_phases or a["cell_commune"].min() < 0
              or a["cell_commune"].max() >= n_communes or a["cell_units"].min() < 0):
        return "cell indices out of range"
    if counts.total_units < 0 or counts.unplanned_units < 0 or a["phase_units"].sum() > counts.total_units:
        return "totals out of range"
    return None
