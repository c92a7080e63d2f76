"""Saves from the window through the writer process without sending the layers' millions of values.

The GUI's save and autosave write a snapshot of the project in another process (planner/ui/project/
autosave_timer.py). When the target file already holds the project's layers (same content tokens), there is no
need to pickle 5 million premises across: `light_copy` gives a copy whose layers are empty stand-ins carrying
their tokens, and `save_light` (run in the writer process) updates the file in place. When the file holds other
layers, `light_copy` returns None and the caller sends the whole snapshot as before.
"""
from __future__ import annotations

import dataclasses
import os
import sqlite3
from pathlib import Path

from planner.core.phases import cell_counts
from planner.core.project.content_tokens import content_token
from planner.core.project.model import Layer, Project
from planner.io.project import incremental


def stored_tokens(path: str | os.PathLike) -> dict[str, str] | None:
    """table -> content token of the layers recorded in a project file (None: no file, no record, unreadable)."""
    path = Path(path)
    if not path.is_file():
        return None
    try:
        incremental.recover_journal(path)
        con = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            return incremental.stored_layer_tokens(con)
        finally:
            con.close()
    except sqlite3.Error:
        return None


def _stand_in(layer: Layer) -> Layer:
    empty = {"x": None if layer.x is None else layer.x[:0], "y": None if layer.y is None else layer.y[:0],
             "geometries": None if layer.geometries is None else layer.geometries[:0]}
    return dataclasses.replace(layer, fields={n: v[:0] for n, v in layer.fields.items()}, **empty)


def light_copy(project: Project, path: str | os.PathLike) -> tuple[Project, dict[str, str]] | None:
    """(copy without layer values, table -> token) if the file at `path` holds exactly the project's layers."""
    from planner.io.project.project_file import project_meta

    stored = stored_tokens(path)
    if stored is None:
        return None
    _meta, layers = project_meta(project)
    tokens = {table: content_token(layer) for table, layer, _entry in layers}
    if tokens != stored:
        return None
    copy = dataclasses.replace(project)
    if project.communes is not None:
        copy.communes = dataclasses.replace(project.communes, layer=_stand_in(project.communes.layer))
    if project.premises is not None:
        copy.premises = dataclasses.replace(project.premises, layer=_stand_in(project.premises.layer))
    copy.extra_layers = [_stand_in(layer) for layer in project.extra_layers]
    cell_counts.adopt(copy, cell_counts.raw(project))
    return copy, tokens


def save_light(copy: Project, path: str | os.PathLike, tokens: dict[str, str],
               extra_meta: dict | None = None) -> Path | None:
    """Write a `light_copy` onto its file in place; None when the file no longer holds those layers (the
    caller then sends the whole project). Other failures raise PlannerError naming the file."""
    from planner.io.project.incremental import NotInPlace
    from planner.io.project.project_file import write_project_file

    try:
        return write_project_file(copy, path, extra_meta=extra_meta, layer_tokens=tokens, in_place_only=True)
    except NotInPlace:
        return None


def save_via(call, project: Project, path: str | os.PathLike, full, *full_args, extra_meta: dict | None = None):
    """Save `project` to `path` through `call(fn, *args)` (the writer process): light when the file holds its
    layers, else `full(project, path, *full_args)`. Returns what the save returned (the written path)."""
    light = light_copy(project, path)
    if light is not None:
        written = call(save_light, light[0], path, light[1], extra_meta)
        if written is not None:
            return written
    return call(full, project, path, *full_args)

