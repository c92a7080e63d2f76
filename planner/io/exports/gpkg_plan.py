"""GeoPackage phase plan: layers phases, communes, premises (with phase and planned dates) and QGIS styles."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from planner.core.errors import PlannerError

from planner.io.writer import write_file
from planner.io.project.qgis_styles import LayerStyleRow, categorized_qml, sequential_colors, write_layer_styles
from planner.io.exports.plan import PhasePlan
from planner.io.exports.vector import write_table

LAYERS = ("phases", "communes", "premises")
#: above this many points the premise layer gets no GeoPackage spatial index (saves ~4 s per million points)
SPATIAL_INDEX_MAX_POINTS = 250_000


def targets(plan: PhasePlan, out: Path, layer: str | None) -> list[Path]:
    if out.suffix.lower() != ".gpkg":
        raise PlannerError(f"{out}: a GeoPackage export must end in .gpkg")
    return [out]


def _styles(plan: PhasePlan, tables: list) -> list[LayerStyleRow]:
    cats = [(name, name, color) for name, color in zip(plan.phases.columns["name"], plan.phases.columns["color"])]
    rows = []
    for t in tables:
        if t.name == "phases":
            rows.append(LayerStyleRow("phases", categorized_qml("polygon", "name", cats, opacity=0.7, other_color=None,
                                                                label_field="name")))
        elif t.name == "communes":
            rows.append(LayerStyleRow("communes", categorized_qml("polygon", "phase", cats, outline="#7a7a7a",
                                                                  other_color="#f2efe6")))
            years = sorted({m[:4] for m in t.columns["planned_month_100"] if m})
            ycats = [(y, f"100 % in {y}", c) for y, c in zip(years, sequential_colors(len(years)))]
            rows.append(LayerStyleRow("communes", categorized_qml(
                "polygon", 'left("planned_month_100", 4)', ycats, outline="#7a7a7a", other_color="#f2efe6"),
                name="Coverage: year of 100 %", default=False))
        elif t.name == "premises":
            rows.append(LayerStyleRow("premises", categorized_qml("point", "phase", cats, point_size=2.0,
                                                                  other_color="#9a9a9a")))
    return rows


def write_gpkg(plan: PhasePlan, path: Path, tables: list) -> None:
    """The plan tables and their QGIS styles into a new GeoPackage at `path` (no temporary: callers use the
    writer, e.g. `write` below or the QGIS project set)."""
    for i, t in enumerate(tables):
        big = t.kind == "point" and len(t) > SPATIAL_INDEX_MAX_POINTS
        # GeoPackage 1.2: read without a warning by QGIS 3.22 / GDAL 3.4 (no 1.4 feature is used)
        write_table(path, t, "GPKG", layer_options={"SPATIAL_INDEX": "NO" if big else "YES"},
                    dataset_options={"VERSION": "1.2"} if i == 0 else None, append=i > 0)
    con = sqlite3.connect(str(path))
    try:
        with con:
            write_layer_styles(con, _styles(plan, tables))
    finally:
        con.close()


def write(plan: PhasePlan, out: Path, layer: str | None, report) -> None:
    tables = plan.layers() if layer is None else [plan.table(layer)]
    write_file(out, lambda tmp: write_gpkg(plan, tmp, tables))
    report.files.append(out)
    for t in tables:
        report.counts[t.name] = len(t)
