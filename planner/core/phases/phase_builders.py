"""Build phases in bulk: from selected communes, one per value of a commune field, or from a phase-zones layer.

    phase_from_selection(project, rows, name=None, take_from_others=False) -> Command (AddPhase or Macro)
    phases_per_field(project, field, name_field=None, order='units', replace=False, assignment=None) -> ImportPhases
    import_phase_zones(layer, field) -> list[Phase]        (wrap in ImportPhases(project, phases) to push)
    import_phase_zones_command(project, layer, field, replace=False) -> ImportPhases
    phases_per_premise_field(project, field, replace=False) -> ImportPhases   (phases below the commune)

Commands are returned, not pushed: the caller pushes them (one undo step each).
"""
from __future__ import annotations

import numpy as np
import shapely

from planner.core.project.commands import Command
from planner.core.errors import InputError, ParameterError
from planner.core.project.model import PHASE_PALETTE, Layer, Phase, Project
from planner.core.phases.phase_commands import AddPhase, ImportPhases, MacroCommand, RemoveCommunesFromPhase
from planner.core.phases.zones import normalize_zone


def _missing(values: np.ndarray) -> np.ndarray:
    """True where a field value is empty (None, NaN, '')."""
    text = values.astype(str)
    return (text == "") | (text == "None") | (text == "nan") | (text == "NaN")


def phase_from_selection(project: Project, rows, name: str | None = None, take_from_others: bool = False,
                         assignment=None) -> Command:
    """A new phase made of the selected communes (rows of the commune layer), in row order.

    A single commune names the phase after it; otherwise 'Phase N'. With `take_from_others` the picked communes
    move into the new phase, as the planner means (one undo step): they leave the phases that list them, and when
    an `assignment` shows an earlier phase still holding their premises through its drawn zone, the new phase is
    placed just before it (the first phase in order takes a premise), so it takes them."""
    if project.communes is None:
        raise ParameterError("there is no commune layer to pick from", None, "communes")
    rows = [int(r) for r in rows]
    if not rows:
        raise ParameterError("no commune selected", None, "communes")
    codes = project.communes.codes[rows].tolist()
    if name is None and len(rows) == 1:
        name = str(project.communes.names[rows[0]])
        if any(p.name == name for p in project.phases):
            name = None
    index = _first_zone_holder(project, rows, assignment) if take_from_others else None
    add = AddPhase(project, name=name, communes=codes, index=index)
    if not take_from_others:
        return add
    # the new phase is not in the project yet: remove the codes from the others, then add the phase
    wanted = set(codes)
    removals = [RemoveCommunesFromPhase(project, p.id, sorted(wanted & set(p.communes)))
                for p in project.phases if wanted & set(p.communes)]
    return MacroCommand(add.label, removals + [add]) if removals else add


def _first_zone_holder(project: Project, rows: list[int], assignment) -> int | None:
    """Index of the first phase holding units of `rows` without listing them (its zone covers them), or None."""
    if assignment is None or list(getattr(assignment, "phase_ids", [])) != [p.id for p in project.phases]:
        return None
    held = np.isin(assignment.cell_commune, rows)
    codes = project.communes.codes
    for i in np.unique(assignment.cell_phase[held]):
        listed = set(project.phases[int(i)].communes)
        cells = held & (assignment.cell_phase == i)
        if any(str(codes[c]) not in listed for c in assignment.cell_commune[cells]):
            return int(i)
    return None


def _values_sorted(values: np.ndarray) -> tuple[list, bool]:
    """Distinct non-empty values and whether the field is stored as numbers. A text field keeps its text ('09'
    stays '09', never 9): sorted as text, except that text values all written as plain integers without a
    leading zero ('1', '2', '10') are put in their numeric order. Numbers sort numerically (1, 2, 10)."""
    keep = values[~_missing(values)]
    distinct = list(dict.fromkeys(keep.tolist()))
    numeric = all(isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_))
                  for v in distinct)
    if numeric:
        order = np.argsort([float(v) for v in distinct], kind="stable")
        return [distinct[i] for i in order], True
    text = [str(v) for v in distinct]
    if all(t.isdigit() and (t == "0" or not t.startswith("0")) for t in text):
        return [distinct[i] for i in np.argsort([int(t) for t in text], kind="stable")], False
    return sorted(distinct, key=lambda v: str(v)), False


def _label(value, numeric: bool) -> str:
    if numeric:
        f = float(value)
        return f"Phase {int(f)}" if f.is_integer() else f"Phase {f:g}"
    return str(value)


def default_name_field(project: Project, field: str) -> str | None:
    """The name column going with a code column: code_epci → nom_epci, CODE_X → NOM_X, insee → nom."""
    fields = project.communes.layer.fields
    lower = {f.lower(): f for f in fields}
    low = field.lower()
    for prefix in ("code_", "cod_", "code", "id_"):
        if low.startswith(prefix):
            for name_prefix in ("nom_", "name_", "lib_", "libelle_"):
                hit = lower.get(name_prefix + low[len(prefix):].lstrip("_"))
                if hit:
                    return hit
    return None


def phases_per_field(project: Project, field: str, name_field: str | None = None, order: str = "units",
                     replace: bool = False, assignment=None) -> ImportPhases:
    """One commune-based phase per distinct value of a commune field (e.g. one per intercommunality).

    Names come from `name_field` (default: the matching name column, e.g. nom_epci for code_epci) or the
    value. `order='units'` puts the phases with most units first (premise units if `assignment` or a
    premise layer is there, else the commune units field); `order='value'` sorts by value (numbers
    numerically). Communes with an empty value stay out of every phase."""
    if project.communes is None:
        raise ParameterError("there is no commune layer", None, field)
    fields = project.communes.layer.fields
    if field not in fields:
        raise ParameterError(f"the commune layer has no field '{field}' (fields: {', '.join(fields)})", None, field)
    if order not in ("units", "value"):
        raise ParameterError(f"order must be 'units' or 'value', got {order!r}", None, "order")
    values = np.asarray(fields[field], dtype=object)
    name_field = name_field or default_name_field(project, field)
    names = np.asarray(fields[name_field], dtype=object) if name_field else None
    distinct, numeric = _values_sorted(values)
    if not distinct:
        raise ParameterError("the field has no values", None, field)
    if order == "units":
        if assignment is None and project.premises is not None:
            from planner.core.phases.assignment import assign
            assignment = assign(project)
        units = assignment.commune_units if assignment is not None else project.communes.units
        text = values.astype(str)
        totals = [int(units[text == str(v)].sum()) for v in distinct]
        distinct = [distinct[i] for i in np.argsort(-np.asarray(totals), kind="stable")]
    codes = project.communes.codes
    text = values.astype(str)
    phases = []
    for k, value in enumerate(distinct):
        rows = np.flatnonzero(text == str(value))
        label = _label(value, numeric)
        if names is not None:
            label = str(names[rows[0]]) or label
        phases.append(Phase(id=k + 1, name=label, color=PHASE_PALETTE[k % len(PHASE_PALETTE)],
                            communes=codes[rows].tolist()))
    return ImportPhases(project, phases, replace=replace,
                        label=f"One phase per {field} ({len(phases)} phases)")


def import_phase_zones(layer: Layer, field: str) -> list[Phase]:
    """Phases from a roll-out phases layer: one per distinct value of `field` (e.g. PHASE), zones dissolved.

    Numeric values are sorted numerically (1, 2, 10) and named 'Phase 1'…; text values keep their text as
    names ('09' stays '09'), sorted as text (plain integers '1', '2', '10' in numeric order). Features with an empty value or no geometry are left out."""
    where = layer.source or layer.name
    if layer.kind != "polygon" or layer.geometries is None:
        raise InputError(where, f"phase zones need a polygon layer, this one is '{layer.kind}'")
    if field not in layer.fields:
        raise InputError(where, f"no field '{field}' (fields: {', '.join(layer.fields)})")
    values = np.asarray(layer.fields[field], dtype=object)
    geoms = layer.geometries
    ok = ~_missing(values) & ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    distinct, numeric = _values_sorted(values[ok])
    if not distinct:
        raise InputError(where, f"field '{field}' has no value on any polygon")
    text = values.astype(str)
    phases = []
    for k, value in enumerate(distinct):
        group = geoms[ok & (text == str(value))]
        group = np.where(shapely.is_valid(group), group, shapely.make_valid(group))
        zone = normalize_zone(shapely.union_all(group))
        phases.append(Phase(id=k + 1, name=_label(value, numeric), color=PHASE_PALETTE[k % len(PHASE_PALETTE)],
                            zone=zone))
    return phases


def import_phase_zones_command(project: Project, layer: Layer, field: str, replace: bool = False) -> ImportPhases:
    """`import_phase_zones` as one undoable command ('Import 5 phases from PHASE')."""
    phases = import_phase_zones(layer, field)
    return ImportPhases(project, phases, replace=replace, label=f"Import {len(phases)} phases from {field}")


def phases_per_premise_field(project: Project, field: str, replace: bool = False) -> ImportPhases:
    """One phase per distinct value of a premise field (e.g. IPE's `ReferencePM`: one phase per PM zone), the
    phases with most units first; premises with an empty value stay out of every phase. Names are the values, as
    text (a code keeps its leading zeros)."""
    prem = project.premises
    if prem is None:
        raise ParameterError("phases from a premise field need a premise layer", None, field)
    if field not in prem.layer.fields:
        raise ParameterError(f"the premise layer has no field '{field}' (fields: {', '.join(prem.layer.fields)})",
                             None, field)
    text = np.asarray(prem.layer.fields[field]).astype(str)
    ok = ~_missing(np.asarray(prem.layer.fields[field], dtype=object))
    values, inverse = np.unique(text[ok], return_inverse=True)
    if not len(values):
        raise ParameterError("the field has no values", None, field)
    totals = np.bincount(inverse, weights=prem.units[ok], minlength=len(values))
    order = np.argsort(-totals, kind="stable")
    phases = [Phase(id=k + 1, name=str(values[v]), color=PHASE_PALETTE[k % len(PHASE_PALETTE)],
                    premise_field=field, premise_values=[str(values[v])]) for k, v in enumerate(order)]
    return ImportPhases(project, phases, replace=replace, label=f"One phase per {field} ({len(phases)} phases)")
