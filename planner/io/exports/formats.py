"""Exports of the phase plan: `export(project, fmt, out, ...)` -> ExportReport (files written, feature counts).

Formats: gpkg (plan layers with QGIS styles), geojson (RFC 7946), shp (10-character field names), csv (';',
UTF-8 with BOM), xlsx (openpyxl) and the map as png/svg/pdf through a renderer the caller passes in (the render
layer draws with Qt, which this headless package must not import: the CLI and the GUI pass
`planner.render.map.export_map.render_map`). Nothing is overwritten without `force=True`. Every file goes
through planner/io/writer.py: a failed export names the file and the cause and leaves the previous files as
they were; an export the disk clearly cannot hold stops before writing (`estimate_bytes`).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from planner.core.errors import PlannerError
from planner.core.project.model import Project
from planner.io.writer import ensure_room, replace_refused

VECTOR_FORMATS = ("gpkg", "geojson", "shp")
TABLE_FORMATS = ("csv", "xlsx")
MAP_FORMATS = ("png", "svg", "pdf")
#: publication for people outside the tool (planner/io/publish): web map folder, per-address forecast, QGIS project
PUBLISH_FORMATS = ("web", "addresses", "qgis")
FORMATS = VECTOR_FORMATS + TABLE_FORMATS + MAP_FORMATS + PUBLISH_FORMATS
PLAN_LAYERS = ("phases", "communes", "premises")


@dataclass
class ExportReport:
    """What an export wrote: the files, and per layer/table the number of features or rows."""

    format: str
    files: list[Path] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"wrote {f}" for f in self.files]
        out += [f"  {name}: {n} {'rows' if self.format in TABLE_FORMATS else 'features'}"
                for name, n in self.counts.items()]
        out += [f"  {note}" for note in self.notes]
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())


def check_targets(paths: list[Path], force: bool) -> None:
    """PlannerError if any target exists and `force` is False. Nothing is removed: the writer replaces each file
    only once its new version is complete (planner/io/writer.py)."""
    replace_refused(paths, force)


#: bytes per premise row and per polygon vertex each format takes (measured on the Gers sample; the web map
#: carries commune outlines only, the per-address forecast one row per premise)
_BYTES_PER_POINT = {"gpkg": 70, "geojson": 140, "shp": 60, "qgis": 70, "addresses": 90, "web": 0}
_BYTES_PER_VERTEX = {"gpkg": 17, "geojson": 24, "shp": 17, "qgis": 17, "addresses": 0, "web": 24}


def estimate_bytes(plan, fmt: str) -> int:
    """Roughly what a vector export of `plan` writes (to stop before starting when the disk cannot hold it)."""
    import numpy as np
    import shapely

    if fmt not in _BYTES_PER_POINT:
        return 0
    points = 0 if plan.premises is None else len(plan.premises)
    vertices = 0
    for t in (plan.phases, plan.communes):
        if t.geometries is not None and len(t.geometries):
            vertices += int(shapely.get_num_coordinates(np.asarray(t.geometries, dtype=object)).sum())
    return points * _BYTES_PER_POINT[fmt] + vertices * _BYTES_PER_VERTEX[fmt]


def _check_layer(fmt: str, layer: str | None, allowed: tuple[str, ...]) -> None:
    if layer is not None and layer not in allowed:
        raise PlannerError(f"--layer {layer!r} is not available for {fmt} (choose from: {', '.join(allowed)})")


def export(project: Project, fmt: str, out: str | os.PathLike, force: bool = False, scenario: str | None = None,
           layer: str | None = None, progress: Callable | None = None,
           map_renderer: Callable | None = None, map_size: tuple[int, int] = (1600, 1200),
           lang: str | None = None) -> ExportReport:
    """Export the project's phase plan (simulated with `scenario`, default the active one) to `out`.

    gpkg/xlsx write one file; geojson/shp/csv write one file per layer into the folder `out`, or only `layer`
    into the file `out`. png/svg/pdf call `map_renderer(project, out, size=..., result=...)`.
    """
    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise PlannerError(f"unknown export format {fmt!r} (choose from: {', '.join(FORMATS)})")
    out = Path(out)
    report = ExportReport(fmt)
    if fmt in MAP_FORMATS:
        return _export_map(project, fmt, out, force, scenario, map_renderer, map_size, report)
    if fmt in PUBLISH_FORMATS:
        from planner.io.publish.publish import publish

        return publish(project, fmt, out, report, force=force, scenario=scenario, lang=lang, progress=progress)
    from planner.io.exports import geojson, gpkg_plan, shapefile, tables, xlsx
    from planner.io.exports.plan import build_plan

    writer = {"gpkg": gpkg_plan, "geojson": geojson, "shp": shapefile, "csv": tables, "xlsx": xlsx}[fmt]
    _check_layer(fmt, layer, writer.LAYERS)
    if layer is None and fmt in ("geojson", "shp", "csv") and out.exists() and not out.is_dir():
        raise PlannerError(f"{out}: exists and is not a folder; give a folder, or choose one layer with --layer")
    def sub(lo: float, hi: float):
        return None if progress is None else (lambda f, msg="": progress(lo + (hi - lo) * f, msg))

    plan = build_plan(project, scenario=scenario, progress=sub(0.0, 0.4))
    targets = writer.targets(plan, out, layer)
    check_targets(targets, force)
    ensure_room(out, estimate_bytes(plan, fmt), estimate=True)
    if progress is not None:
        progress(0.5, f"Writing {fmt}")
    writer.write(plan, out, layer, report)
    if progress is not None:
        progress(1.0, f"Exported {len(report.files)} file(s)")
    return report


def _export_map(project, fmt, out, force, scenario, map_renderer, map_size, report) -> ExportReport:
    if out.suffix.lower() != f".{fmt}":
        raise PlannerError(f"{out}: a {fmt} export must end in .{fmt}")
    if map_renderer is None:
        raise PlannerError(f"{out}: map export needs the render layer (use the command line or the GUI)")
    check_targets([out], force)
    result = None
    if project.phases and project.communes is not None:
        from planner.core.simulation.coverage import simulate

        result = simulate(project, scenario=scenario)
    map_renderer(project, out, size=map_size, result=result)
    if not out.exists():
        raise PlannerError(f"{out}: the map was not written")
    report.files.append(out)
    report.notes.append(f"map {map_size[0]}x{map_size[1]} px")
    return report
