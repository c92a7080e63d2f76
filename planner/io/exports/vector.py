"""Write a plan table (columns + geometries) as a vector layer with pyogrio (GeoPackage, Shapefile, GeoJSON)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pyogrio.raw
import shapely

from planner.core.project.model import L93

from planner.io.arrow_text import writable_column as _writable_column
from planner.io.project.point_writing import write_points_arrow
from planner.io.wkb_points import points_to_wkb
from planner.io.exports.plan import PlanTable


def table_wkb(table: PlanTable) -> tuple[np.ndarray, str | None]:
    """(WKB object array, geometry type) of a plan table; polygons are written as MultiPolygon."""
    if table.kind == "point":
        return points_to_wkb(table.x, table.y), "Point"
    if table.kind == "polygon":
        wkb = shapely.to_wkb(np.asarray(table.geometries, dtype=object))
        return np.asarray(wkb, dtype=object).reshape(len(table.geometries)), "MultiPolygon"
    return np.full(len(table), None, dtype=object), None


def write_table(path: str | Path, table: PlanTable, driver: str, layer: str | None = None,
                field_names: list[str] | None = None, layer_options: dict | None = None,
                dataset_options: dict | None = None, append: bool = False) -> int:
    """Write `table` (optionally renaming its fields) to `path`; returns the feature count."""
    if table.kind == "point":
        names = field_names or list(table.columns)
        write_points_arrow(path, layer or table.name, dict(zip(names, table.columns.values())), table.x, table.y,
                           driver=driver, layer_options=layer_options or {}, dataset_options=dataset_options or {},
                           append=append)
        return len(table)
    wkb, gtype = table_wkb(table)
    names = field_names or list(table.columns)
    columns = [_writable_column(v) for v in table.columns.values()]
    kwargs = {}
    if gtype is not None:
        kwargs["crs"] = L93
        kwargs["promote_to_multi"] = gtype == "MultiPolygon"
    pyogrio.raw.write(str(path), wkb, columns, names, layer=layer or table.name, driver=driver,
                      geometry_type=gtype, encoding="UTF-8", layer_options=layer_options or {},
                      dataset_options=dataset_options or {}, append=append, **kwargs)
    return len(table)
