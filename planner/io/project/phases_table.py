"""The `phases` layer of the project file: one row per phase (schema.PHASE_COLUMNS), its drawn zone as geometry."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pyogrio
import pyogrio.raw
import shapely

from planner.core.project.model import L93, Project
from planner.io.project import schema


def write_phases(path: Path, project: Project) -> None:
    rows = [schema.phase_to_row(p, i + 1) for i, p in enumerate(project.phases)]
    zones = []
    for p in project.phases:
        z = p.zone
        if z is None or z.is_empty:
            zones.append(None)
        else:
            polys = [g for g in shapely.get_parts(z) if g.geom_type == "Polygon"] if z.geom_type != "Polygon" else [z]
            zones.append(shapely.to_wkb(shapely.MultiPolygon(polys)) if polys else None)
    columns, names = [], []
    for col, kind in schema.PHASE_COLUMNS:
        values = [r[col] for r in rows]
        dtype = {"int": np.int64, "float": np.float64, "bool": np.bool_}.get(kind, object)
        columns.append(np.array(values, dtype=dtype) if values else np.array([], dtype=dtype))
        names.append(col)
    created = {} if path.exists() else {"dataset_options": {"VERSION": "1.2"}}  # see project_file.GPKG_VERSION
    pyogrio.raw.write(str(path), np.array(zones, dtype=object), columns, names, layer="phases", driver="GPKG",
                      geometry_type="MultiPolygon", crs=L93, encoding="UTF-8", promote_to_multi=True, **created)


def read_phase_rows(path: Path) -> tuple[list[dict], list]:
    meta, _fids, wkb, data = pyogrio.raw.read(str(path), layer="phases")
    names = [str(n) for n in meta["fields"]]
    rows = []
    for i in range(len(wkb)):
        rows.append({n: (col[i].item() if isinstance(col[i], np.generic) else col[i]) for n, col in zip(names, data)})
    zones = []
    for g in wkb:
        z = None if g is None else shapely.from_wkb(g)
        if z is not None and z.is_empty:
            z = None
        if z is not None and z.geom_type == "MultiPolygon" and len(z.geoms) == 1:
            z = z.geoms[0]
        zones.append(z)
    return rows, zones
