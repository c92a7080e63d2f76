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

from planner.core.operations.export import (FORMATS, MAP_FORMATS, MULTI_FILE_FORMATS,  # noqa: F401 (re-exported)
                                            PUBLISH_FORMATS, TABLE_FORMATS, VECTOR_FORMATS)

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


def _writer(fmt: str):
    from planner.io.exports import geojson, gpkg_plan, shapefile, tables, xlsx

    return {"gpkg": gpkg_plan, "geojson": geojson, "shp": shapefile, "csv": tables, "xlsx": xlsx}[fmt]


def names_into_folder(out: str | os.PathLike) -> bool:
    """True when `out` names a folder: an existing one, or a path written with a trailing separator."""
    text = os.fspath(out)
    return Path(text).is_dir() or text.endswith(("/", os.sep))


def layer_files(fmt: str, out: Path, layer: str | None, names: list[str]) -> list[tuple[Path, str]]:
    """(file, layer name) of a multi-file export (geojson, shp, csv), all in one folder: the chosen layer into
    `out` itself (or into the folder `out`); every layer into the folder `out` when it names one
    (phases.geojson, ...), else beside it, named after it (-o plan.geojson: plan_phases.geojson, ...)."""
    writer = _writer(fmt)
    ext = writer.EXTENSION
    if names_into_folder(out):
        return [(out / writer.file_name(name), name) for name in ([layer] if layer else names)]
    if layer is not None:
        return [(out.with_suffix(ext) if fmt == "shp" and out.suffix.lower() != ext else out, layer)]
    stem = out.name[: -len(ext)] if out.name.lower().endswith(ext) else out.name
    return [(out.parent / f"{stem}_{writer.file_name(name)}", name) for name in names]


def plan_layer_names(fmt: str, project: Project) -> list[str]:
    """The layers an export of `project` writes in `fmt` (premises only when the project has them)."""
    if fmt == "csv":
        return list(_writer("csv").LAYERS)
    return [n for n in PLAN_LAYERS if n != "premises" or project.premises is not None]


def export_targets(project: Project, fmt: str, out: str | os.PathLike, layer: str | None = None) -> list[Path]:
    """Every file the export would write (for asking before replacing any), without simulating."""
    fmt = fmt.lower().lstrip(".")
    out = Path(out)
    if fmt == "web":
        return [out / "index.html"]
    if fmt == "qgis":
        return [out, out.with_suffix(".gpkg")]
    if fmt not in MULTI_FILE_FORMATS:
        return [out]
    files = layer_files(fmt, out, layer, plan_layer_names(fmt, project))
    return [f for path, _ in files for f in _writer(fmt).files_of(path)]


def export(project: Project, fmt: str, out: str | os.PathLike, force: bool = False, scenario: str | None = None,
           layer: str | None = None, progress: Callable | None = None,
           map_renderer: Callable | None = None, map_size: tuple[int, int] = (1600, 1200),
           lang: str | None = None) -> ExportReport:
    """Export the project's phase plan (simulated with `scenario`, default the active one) to `out`.

    gpkg/xlsx write one file; geojson/shp/csv write one file per layer (see `layer_files`), or only `layer`
    into the file `out`. png/svg/pdf call `map_renderer(project, out, size=..., result=...)`. `lang`: quarter
    labels, 'T1 2019' ('fr', the regulator's) or 'Q1 2019' ('en'), and the web map's language (default: the
    project's, else French).
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
    return _export_plan(project, fmt, out, force, scenario, layer, progress, lang, report)


def _export_plan(project, fmt, out, force, scenario, layer, progress, lang, report) -> ExportReport:
    from planner.io.exports.plan import build_plan

    writer = _writer(fmt)
    _check_layer(fmt, layer, writer.LAYERS)
    multi = fmt in MULTI_FILE_FORMATS
    if multi:
        check_targets(export_targets(project, fmt, out, layer), force)  # before simulating
    lang = lang or (project.settings or {}).get("language") or "fr"
    plan = build_plan(project, scenario=scenario, lang="en" if lang == "en" else "fr",
                      progress=None if progress is None else (lambda f, msg="": progress(0.4 * f, msg)))
    if multi:
        files = layer_files(fmt, out, layer, list(writer.LAYERS) if fmt == "csv" else [t.name for t in plan.layers()])
    else:
        check_targets(writer.targets(plan, out, layer), force)
    ensure_room(out if not multi else files[0][0].parent, estimate_bytes(plan, fmt), estimate=True)
    if progress is not None:
        progress(0.5, f"Writing {fmt}")
    if multi:
        writer.write(plan, files, report)
    else:
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
