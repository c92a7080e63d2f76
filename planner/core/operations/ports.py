"""What operations get from the packages above core: reading and writing files (planner.io) and drawing
maps and pages (planner.render).

Core never imports those packages (tests/test_architecture.py), so they plug their functions in here:
`planner/io/ports.py` and `planner/render/ports.py` fill `PORTS` when they are imported, which the command line
(planner/cli.py) and the window (planner/ui/shell/app.py) do at start-up and tests do when they run an
operation that reads or writes files. An operation asks with `need('load_communes')`; a port nobody plugged
in is a PlannerError that says which module provides it, never a silent fallback.
"""
from __future__ import annotations

from typing import Callable

from planner.core.errors import PlannerError

#: port name -> (module that provides it, what it does)
KNOWN = {
    "load_communes": ("planner.io.ports", "read a polygon layer as the commune layer"),
    "load_premises": ("planner.io.ports", "read a point layer as the premise layer"),
    "read_layer": ("planner.io.ports", "read one layer of a vector file"),
    "layer_summaries": ("planner.io.ports", "describe the layers of a file without reading them"),
    "export": ("planner.io.ports", "write the phase plan (gpkg, geojson, shp, csv, xlsx) or call the map renderer"),
    "export_targets": ("planner.io.ports", "the files an export would write"),
    "render_map": ("planner.render.ports", "draw the map to an image, SVG or PDF"),
    "write_atlas": ("planner.render.ports", "draw commune pages into a PDF"),
}

PORTS: dict[str, Callable] = {}


def provide(name: str, fn: Callable) -> None:
    """Plug `fn` in as port `name` (a package above core does this when imported)."""
    if name not in KNOWN:
        raise ValueError(f"unknown port {name!r} (have {', '.join(KNOWN)})")
    PORTS[name] = fn


def need(name: str) -> Callable:
    """The function plugged in as `name`; PlannerError naming the module to import when there is none."""
    fn = PORTS.get(name)
    if fn is None:
        module, what = KNOWN[name]
        raise PlannerError(f"cannot {what} here: import {module} first (it plugs that service into core)")
    return fn
