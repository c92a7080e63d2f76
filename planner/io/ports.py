"""Plugs planner.io's readers and exports into the operations of core (planner/core/operations/ports.py).

Importing this module is enough; the command line and the window import it at start-up.
"""
from __future__ import annotations

from planner.core.operations import ports
from planner.io.exports.formats import export, export_targets
from planner.io.layers.readers import layer_summaries, load_communes, load_premises, read_layer

for _name, _fn in (("load_communes", load_communes), ("load_premises", load_premises), ("read_layer", read_layer),
                   ("layer_summaries", layer_summaries), ("export", export), ("export_targets", export_targets)):
    ports.provide(_name, _fn)


def run_operation(operation, project, *args, **kwargs):
    """`operation.run(project, ...)` with planner.io plugged in: the function the writer process is handed
    (unpickling it imports this module, which plugs the ports in there too)."""
    return operation.run(project, *args, **kwargs)
