"""A project layer as a GeoPackage table: written (`write_layer`, the bulk path for millions of points in
`write_bulk_points`) and read back (`read_layer_table`).

Point layers go through Arrow (planner/io/project/point_writing.py): no Python object per point. A point layer
above SPATIAL_INDEX_MAX_POINTS is written without a GeoPackage spatial index, by the bulk path; `new` may have
that table written ahead, in another process (planner/io/project/premises_ahead.py), with the same function.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pyogrio
import pyogrio.raw
import shapely

from planner.core.project.model import L93, Layer
from planner.io.arrow_text import text_column
from planner.io.project import schema
from planner.io.arrow_text import writable_column
from planner.io.project.point_writing import GEOMETRY_COLUMN, write_points_arrow, write_points_bulk
from planner.io.wkb_points import arrow_points

#: above this many points the premise layer is saved without a GeoPackage spatial index (it costs ~4 s per 1M)
SPATIAL_INDEX_MAX_POINTS = 250_000
_KIND_TYPES = {"point": ("Point",), "polygon": ("Polygon", "MultiPolygon"), "line": ("LineString", "MultiLineString")}
_GEOM_TYPES = {0: "Point", 1: "LineString", 3: "Polygon", 4: "MultiPoint", 5: "MultiLineString", 6: "MultiPolygon"}
#: GeoPackage 1.2: QGIS 3.22 / GDAL 3.4 open it without the "may only be partially supported" warning they give
#: GeoPackage 1.4 files, and a project uses no 1.4 feature (given when the file is created, by its first layer)
GPKG_VERSION = {"VERSION": "1.2"}


def is_bulk(layer: Layer) -> bool:
    """Whether the layer is written by the bulk path (points above SPATIAL_INDEX_MAX_POINTS, no spatial index)."""
    return layer.kind == "point" and layer.x is not None and len(layer) > SPATIAL_INDEX_MAX_POINTS


def _geometry_type(geoms: np.ndarray, kind: str) -> str:
    if kind == "point":
        return "Point"
    ids = set(np.unique(shapely.get_type_id(geoms[shapely.is_geometry(geoms)])).tolist()) if len(geoms) else set()
    if len(ids) == 1:
        return _GEOM_TYPES.get(ids.pop(), "Unknown")
    if ids <= {3, 6}:
        return "MultiPolygon"
    if ids <= {1, 5}:
        return "MultiLineString"
    if not ids:
        return {"polygon": "MultiPolygon", "line": "MultiLineString"}.get(kind, "Unknown")
    return "Unknown"


def _check_field_names(layer: Layer) -> None:
    if GEOMETRY_COLUMN in layer.fields:
        raise schema.SchemaError(f"layer '{layer.name}'", f"a field may not be named '{GEOMETRY_COLUMN}'")


def _created(path: Path) -> dict:
    return {} if Path(path).exists() else {"dataset_options": GPKG_VERSION}


def fid_column(layer: Layer) -> str:
    """The name of the table's feature-id column: 'fid', unless the layer has a field of that name (a CSV's own
    'fid' column, duplicates and all): then 'fid_1', 'fid_2'... — GDAL would take the field for the feature id."""
    taken = {name.lower() for name in layer.fields}
    name, k = "fid", 0
    while name in taken:
        k += 1
        name = f"fid_{k}"
    return name


def write_bulk_points(path: Path, table: str, layer: Layer) -> None:
    """A point layer of millions as table `table` of the GeoPackage `path` (created if missing), no spatial index."""
    _check_field_names(layer)
    write_points_bulk(path, table, layer.fields, layer.x, layer.y, L93, fid=fid_column(layer), **_created(path))


def write_layer(path: Path, table: str, layer: Layer) -> None:
    """The layer as table `table` of the GeoPackage `path` (created if missing): big point layers by the bulk
    path, others with a spatial index."""
    if is_bulk(layer):
        write_bulk_points(path, table, layer)
        return
    _check_field_names(layer)
    created = _created(path)
    if layer.kind == "point" and layer.x is not None:
        write_points_arrow(path, table, layer.fields, layer.x, layer.y,
                           layer_options={"SPATIAL_INDEX": "YES", "FID": fid_column(layer)}, **created)
        return
    names = list(layer.fields)
    columns = [writable_column(layer.fields[n]) for n in names]
    geoms = layer.geometries if layer.geometries is not None else np.array([], dtype=object)
    wkb = np.asarray(shapely.to_wkb(np.asarray(geoms, dtype=object)), dtype=object).reshape(len(geoms))
    gtype = _geometry_type(np.asarray(geoms, dtype=object), layer.kind)
    pyogrio.raw.write(str(path), wkb, columns, names, layer=table, driver="GPKG",
                      geometry_type=gtype, crs=L93, encoding="UTF-8",
                      promote_to_multi=gtype.startswith("Multi"),
                      layer_options={"SPATIAL_INDEX": "YES", "FID": fid_column(layer)}, **created)


def read_layer_table(path: Path, table: str, name: str, kind: str) -> Layer:
    """Table `table` of the GeoPackage `path` as a Layer named `name` (SchemaError when its geometries are not
    of `kind`): points as coordinate arrays, text as text columns, one Arrow column converted at a time."""
    meta, tbl = pyogrio.raw.read_arrow(str(path), layer=table)
    gtype = str(meta.get("geometry_type") or "Unknown").replace(" Z", "")
    if gtype != "Unknown" and gtype not in _KIND_TYPES[kind]:
        raise schema.SchemaError(f"layer table '{table}'", f"holds {gtype} geometries, not {kind}s")
    geom_name = meta.get("geometry_name") or "geom"
    geom = tbl.column(geom_name)
    tbl = tbl.drop_columns([geom_name])  # each Arrow column goes once converted: one copy at a time
    if kind == "point":
        x, y = arrow_points(geom)
        geoms = None
    else:
        wkb = geom.to_numpy() if geom.num_chunks else np.array([], dtype=object)
        geoms = np.asarray(shapely.from_wkb(wkb) if len(wkb) else [], dtype=object)
        x = y = wkb = None
    del geom
    fields = {}
    for n in tbl.column_names:
        col = tbl.column(n)
        tbl = tbl.drop_columns([n])
        fields[str(n)] = text_column(col) if col.num_chunks else np.array([], dtype=object)
        del col
    return Layer(name=name, kind=kind, fields=fields, geometries=geoms, x=x, y=y)

