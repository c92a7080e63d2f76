"""Plugs planner.render's map and page drawing into the operations of core (planner/core/operations/ports.py).

Importing this module is cheap: Qt is imported only when a map or a page is drawn. The command line and the
window import it at start-up.
"""
from __future__ import annotations

from planner.core.operations import ports


def render_map(*args, **kwargs):
    """planner.render.map.export_map.render_map (imported on first use: it needs QtGui)."""
    from planner.render.map.export_map import render_map as draw

    return draw(*args, **kwargs)


def write_atlas(*args, **kwargs):
    """planner.render.printing.atlas.write_atlas (imported on first use: it needs QtGui)."""
    from planner.render.printing.atlas import write_atlas as write

    return write(*args, **kwargs)


ports.provide("render_map", render_map)
ports.provide("write_atlas", write_atlas)
