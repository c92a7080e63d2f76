"""Read vector layers into Lambert-93 `Layer`s, and load them as communes or premises: the entry points.

    read_layer(path, layer=None, *, x_field=None, y_field=None, crs=None, progress=None, cancel=None) -> Layer
    list_layers(path) -> [(name, geometry type, count)]
    load_communes(path, layer=None, code_field=None, name_field=None, units_field=None, ...) -> Communes
    load_premises(path, layer=None, units_field=None, insee_field=None, x_field=None, y_field=None,
                  crs=None, ...) -> Premises
    layer_summaries(path) -> [dict]   (what `info` prints)

The work is split by concern: files.py (checks, encodings, open errors), vector.py (GDAL/Arrow reads),
geometry.py (WKB decoding, polygon repair), csv_points.py (CSV and IPE points), ipe.py (the operators' IPE
format), roles.py (communes and premises), summaries.py (describing a file), detect.py (field detection).
"""
from __future__ import annotations

from planner.io.layers.files import CSV_SUFFIXES, FORMAT_NAMES, LayerChoiceNeeded  # noqa: F401
from planner.io.layers.geometry import _points_from_wkb_buffer, normalise_polygons  # noqa: F401
from planner.io.layers.roles import load_communes, load_premises  # noqa: F401
from planner.io.layers.summaries import layer_summaries  # noqa: F401
from planner.io.layers.vector import list_layers, read_layer  # noqa: F401
