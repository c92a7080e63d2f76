"""Exports of the phase plan: `export(project, fmt, out, ...)` -> ExportReport (files written, feature counts).

Formats: gpkg (plan layers with QGIS styles), geojson (RFC 7946), shp (10-character field names), csv (';',
UTF-8 with BOM), xlsx (openpyxl) and the map as png/svg/pdf through a renderer the caller passes in (the render
layer draws with Qt, which this headless package must not import: the CLI and the GUI pass
`planner.render.map.export_map.render_map`). Nothing is overwritten without `force=True`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from planner.core.errors import PlannerError
from planner.core.project.model import Project

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
    """PlannerError if any target exists and `force` is False; with `force`, existing targets are removed."""
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        names = ", ".join(str(p) for p in existing[:3]) + (" ..." if len(existing) > 3 else "")
        raise PlannerError(f"{names}: already exists; use --force to overwrite")
    for p in existing:
        if p.is_dir():
            raise PlannerError(f"{p}: is a folder, not a file")
        os.remove(p)


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
