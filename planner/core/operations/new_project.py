"""New project: a commune layer, optional premise points and optional phases (imported zones, one per value of a
commune field or of a premise field, the Gers sample's demonstration plan, or suggested) read into a new, unsaved
Project. File → New's wizard and `new` on the command line build a
`NewProject` and call `run`; the command line then saves the project, the window shows it.

Field parameters: None means "detect it"; NO_FIELD ('') means "none" (no units field: the communes carry no
units, or every premise counts one unit). `x_field`, `y_field`, `crs`: a CSV premise file's coordinate columns and
coordinate system (detected or guessed when None).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, ClassVar

from planner.core.errors import InputError, ParameterError, PlannerError
from planner.core.operations.base import Operation
from planner.core.operations.layer_choice import choose_layer
from planner.core.operations.ports import need
from planner.core.progress import check_cancel, never_cancel, no_progress
from planner.core.project.model import Project

NO_FIELD = ""
PHASE_FIELD_NAMES = ("phase", "phase_num", "num_phase", "phase_name", "nom_phase")


@dataclass
class NewProject(Operation):
    """The layers and fields of a new project, and how its first phases are made."""

    title: ClassVar[str] = "New project"
    #: how the command line names each layer parameter (error messages tell the user what to give)
    OPTIONS: ClassVar[dict] = {"communes_layer": "--communes-layer", "premises_layer": "--premises-layer",
                               "phases_layer": "--phases-layer"}

    communes: str = ""
    communes_layer: str | None = None
    code_field: str | None = None
    name_field: str | None = None
    commune_units_field: str | None = None
    premises: str | None = None
    premises_layer: str | None = None
    units_field: str | None = None
    insee_field: str | None = None
    x_field: str | None = None
    y_field: str | None = None
    crs: str | None = None
    phases: str | None = None
    phases_layer: str | None = None
    phase_field: str | None = None
    phases_by: str | None = None
    demo_plan: bool = False
    phases_by_premise: str | None = None  # one phase per value of a premise field (PM zones)
    suggest_phases: int | None = None  # then suggest this many phases (grouping the phases made, or the communes)
    name: str = ""
    #: called with the premise layer once read and sorted, before the phases are made (the command line builds
    #: the map's density pyramid meanwhile, in another thread); not a parameter of the project
    on_premises: Callable | None = field(default=None, repr=False, compare=False)

    def run(self, project=None, progress=no_progress, cancel=never_cancel) -> Project:
        """Read the layers into a new Project (InputError naming the file and field on a problem). A note on a
        choice made for the user (which layer of a file was taken) is added to that layer's warnings."""
        if not self.communes:
            raise ParameterError("a commune layer is needed", field="communes")
        if self.phase_field and not self.phases:
            raise ParameterError("--phase-field needs --phases FILE", field="phase-field")
        end = 0.4 if self.premises else 0.9
        communes = self._communes(_part(progress, 0.0, end), cancel)
        premises = None
        if self.premises:
            check_cancel(cancel)
            premises = self._premises(_part(progress, 0.4, 0.9), cancel)
            if self.on_premises is not None:
                self.on_premises(premises.layer)
        name = (self.name or "").strip() or Path(self.communes).stem
        result = Project(name=name, communes=communes, premises=premises)
        check_cancel(cancel)
        progress(0.9, "phases")
        self._add_phases(result)
        progress(1.0, "done")
        return result

    def _load(self, read, path: str, layer: str | None, param: str, kind: str, **kwargs):
        """read(path, layer=...) with the layer given, or the one plainly meant when the file has several (the
        readers say so before reading anything: a file of one layer is read once). Returns (what was read,
        the note on the layer taken or None)."""
        try:
            return read(path, layer=layer, **kwargs), None
        except PlannerError as exc:
            if layer or not getattr(exc, "layers", None):  # not "several layers, choose one"
                raise
        chosen, note = choose_layer(path, need("layer_summaries")(path), kind, self.OPTIONS[param])
        return read(path, layer=chosen, **kwargs), note

    def _communes(self, progress, cancel):
        units = None if self.commune_units_field == NO_FIELD else self.commune_units_field
        communes, note = self._load(need("load_communes"), self.communes, self.communes_layer, "communes_layer",
                                    "polygon", code_field=self.code_field or None,
                                    name_field=self.name_field or None, units_field=units, progress=progress,
                                    cancel=cancel)
        if self.commune_units_field == NO_FIELD:
            communes.units_field = None
        communes.layer.warnings.extend([note] if note else [])
        return communes

    def _premises(self, progress, cancel):
        units = None if self.units_field == NO_FIELD else self.units_field
        premises, note = self._load(need("load_premises"), self.premises, self.premises_layer, "premises_layer",
                                    "point", units_field=units, insee_field=self.insee_field or None,
                                    x_field=self.x_field or None, y_field=self.y_field or None, crs=self.crs or None,
                                    progress=progress, cancel=cancel)
        if self.units_field == NO_FIELD:
            premises.units_field = None
        if self.insee_field == NO_FIELD:
            premises.insee_field = None
        premises.layer.warnings.extend([note] if note else [])
        from planner.core.phases.assignment import sort_points_by_x

        sort_points_by_x(premises.layer)  # stored sorted: the map's and the assignment's index is the layer itself
        return premises

    def _add_phases(self, project: Project) -> None:
        from planner.core.phases.phase_builders import import_phase_zones_command, phases_per_field

        if self.phases:
            layer, _ = self._load(need("read_layer"), self.phases, self.phases_layer, "phases_layer", "polygon")
            import_phase_zones_command(project, layer, self._phase_field(layer)).do(project)
        elif self.phases_by:
            first = None
            if project.premises is not None:  # one pass of the premises over the communes, reused afterwards
                from planner.core.phases.assignment import assign

                first = self.first_assignment = assign(project)  # `new` starts its assignment from it
            phases_per_field(project, self.phases_by, assignment=first).do(project)
        elif self.phases_by_premise:
            from planner.core.phases.phase_builders import phases_per_premise_field

            phases_per_premise_field(project, self.phases_by_premise).do(project)
        elif self.demo_plan:
            from planner.core.project.demo_plan import add_demo_plan

            add_demo_plan(project)
        if self.suggest_phases:
            from planner.core.operations.suggest import SuggestPhases

            group = "phases" if len(project.phases) > 1 else "communes"
            SuggestPhases(n_phases=self.suggest_phases, group=group).run(project).command.do(project)

    def _phase_field(self, layer) -> str:
        if self.phase_field:
            return self.phase_field
        for name in layer.fields:
            if name.lower() in PHASE_FIELD_NAMES:
                return name
        raise InputError(self.phases, "no phase field found; choose one with --phase-field "
                                      f"(fields: {', '.join(layer.fields)})")


def _part(progress, lo: float, hi: float):
    return lambda f, message="": progress(lo + (hi - lo) * f, message)
