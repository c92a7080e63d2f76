"""Undoable layer edits (style, draw order, add, remove) and the layer draw order of a project — no Qt.

The draw order lives in `project.view['layer_order']` (layer names, bottom to top) so it is saved with the
project; layers missing from it keep the default order of `Project.layers()` (communes, extras, premises).
"""
from __future__ import annotations

import copy
from dataclasses import fields

from planner.core.project.commands import Command
from planner.core.errors import PlannerError
from planner.core.project.model import Communes, Layer, LayerStyle, Premises, Project
from planner.core.project.names import unique_name

ORDER_KEY = "layer_order"


def draw_order(project: Project) -> list[Layer]:
    """All layers bottom to top, following project.view['layer_order'] where it names them."""
    layers = project.layers()
    wanted = project.view.get(ORDER_KEY) or []
    rank = {name: i for i, name in enumerate(wanted)}
    default = {id(layer): i for i, layer in enumerate(layers)}
    # named layers sort by their saved rank; unnamed ones keep their default slot relative to the others
    return sorted(layers, key=lambda l: (rank.get(l.name, len(wanted) + default[id(l)]), default[id(l)]))


def unique_layer_name(project: Project, name: str) -> str:
    """`name`, or `name (2)`, `name (3)`… so no two layers of the project share a name."""
    return unique_name(name, (layer.name for layer in project.layers()))


def _find(project: Project, layer: Layer) -> Layer:
    for candidate in project.layers():
        if candidate is layer:
            return candidate
    raise PlannerError(f"layer '{layer.name}' is not in the project")


class SetLayerStyle(Command):
    """Change style attributes of a layer: SetLayerStyle(layer, visible=False) or (layer, fill='#ff0000')."""

    touches = frozenset({"layers"})
    first_changed_phase = None

    def __init__(self, layer: Layer, **changes):
        names = {f.name for f in fields(LayerStyle)}
        unknown = set(changes) - names
        if unknown:
            raise PlannerError(f"layer style: unknown attribute(s) {sorted(unknown)}")
        self.layer = layer
        self.changes = dict(changes)
        self.old = {k: getattr(layer.style, k) for k in changes}
        self.merge_id = 7101 if set(changes) == {"opacity"} else -1
        what = ", ".join(sorted(changes))
        if set(changes) == {"visible"}:
            self.label = ("Show " if changes["visible"] else "Hide ") + layer.name
        else:
            self.label = f"Change {what} of {layer.name}"

    def do(self, project: Project) -> None:
        for k, v in self.changes.items():
            setattr(self.layer.style, k, v)

    def undo(self, project: Project) -> None:
        for k, v in self.old.items():
            setattr(self.layer.style, k, v)

    def merge_with(self, other: Command) -> bool:
        """Consecutive opacity changes of the same layer (a slider drag) make one step."""
        if (isinstance(other, SetLayerStyle) and other.layer is self.layer
                and set(self.changes) == set(other.changes) == {"opacity"}):
            self.changes = dict(other.changes)
            return True
        return False


class MoveLayer(Command):
    """Move a layer up (towards the top of the drawing) or down by `steps` places in the draw order."""

    touches = frozenset({"layers"})
    first_changed_phase = None

    def __init__(self, layer: Layer, steps: int):
        self.layer = layer
        self.steps = int(steps)
        self.label = f"Move {layer.name} {'up' if steps > 0 else 'down'}"
        self.old_order = None

    def do(self, project: Project) -> None:
        _find(project, self.layer)
        self.old_order = copy.copy(project.view.get(ORDER_KEY))
        order = draw_order(project)
        i = next(k for k, l in enumerate(order) if l is self.layer)
        j = max(0, min(len(order) - 1, i + self.steps))
        order.insert(j, order.pop(i))
        project.view[ORDER_KEY] = [l.name for l in order]

    def undo(self, project: Project) -> None:
        if self.old_order is None:
            project.view.pop(ORDER_KEY, None)
        else:
            project.view[ORDER_KEY] = self.old_order


class AddLayer(Command):
    """Add a layer in a role: 'communes' or 'premises' (replacing the current one) or 'other' (extra layer).

    `role_options`: for communes {code_field, name_field, units_field}; for premises {units_field, insee_field}.
    """

    touches = frozenset({"layers", "geometry"})
    first_changed_phase = 0

    def __init__(self, layer: Layer, role: str = "other", **role_options):
        if role not in ("communes", "premises", "other"):
            raise PlannerError(f"unknown layer role '{role}'")
        if role == "communes" and layer.kind != "polygon":
            raise PlannerError(f"{layer.source or layer.name}: a commune layer must hold polygons, not {layer.kind}s")
        if role == "premises" and layer.kind != "point":
            raise PlannerError(f"{layer.source or layer.name}: a premise layer must hold points, not {layer.kind}s")
        self.layer = layer
        self.role = role
        self.role_options = role_options
        self.previous = None
        self.label = f"Import {layer.name}" if role == "other" else f"Import {layer.name} as {role}"
        if role == "other":
            self.touches = frozenset({"layers"})
            self.first_changed_phase = None

    def do(self, project: Project) -> None:
        self.layer.name = unique_layer_name(project, self.layer.name) if not any(
            l is self.layer for l in project.layers()) else self.layer.name
        if self.role == "communes":
            self.previous = project.communes
            project.communes = Communes(self.layer, **self.role_options)
        elif self.role == "premises":
            self.previous = project.premises
            project.premises = Premises(self.layer, **self.role_options)
        else:
            project.extra_layers.append(self.layer)

    def undo(self, project: Project) -> None:
        if self.role == "communes":
            project.communes = self.previous
        elif self.role == "premises":
            project.premises = self.previous
        else:
            project.extra_layers.remove(self.layer)


class RemoveLayer(Command):
    """Remove a layer from the project (its role is emptied for communes/premises)."""

    touches = frozenset({"layers", "geometry"})
    first_changed_phase = 0

    def __init__(self, layer: Layer):
        self.layer = layer
        self.label = f"Remove {layer.name}"
        self.where = None

    def do(self, project: Project) -> None:
        if project.communes is not None and project.communes.layer is self.layer:
            self.where = ("communes", project.communes)
            project.communes = None
        elif project.premises is not None and project.premises.layer is self.layer:
            self.where = ("premises", project.premises)
            project.premises = None
        else:
            i = next((k for k, l in enumerate(project.extra_layers) if l is self.layer), None)
            if i is None:
                raise PlannerError(f"layer '{self.layer.name}' is not in the project")
            self.where = ("other", i)
            project.extra_layers.pop(i)

    def undo(self, project: Project) -> None:
        role, value = self.where
        if role == "communes":
            project.communes = value
        elif role == "premises":
            project.premises = value
        else:
            project.extra_layers.insert(value, self.layer)
