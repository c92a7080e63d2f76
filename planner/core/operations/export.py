"""Export: the phase plan (gpkg, geojson, shp, csv, xlsx), the map (png, svg, pdf) or a publication (web map,
per-address forecast, QGIS project) of a project, simulated with a scenario. File → Export's dialog and `export` on the command line both build an `Export` and call `run`; the
files are written by planner.io (planner/io/exports/), the map drawn by planner.render, through the ports."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from planner.core.errors import ParameterError
from planner.core.operations.base import Operation
from planner.core.operations.ports import need
from planner.core.progress import never_cancel, no_progress

VECTOR_FORMATS = ("gpkg", "geojson", "shp")
TABLE_FORMATS = ("csv", "xlsx")
MAP_FORMATS = ("png", "svg", "pdf")
#: publication for people outside the tool (planner/io/publish): web map folder, per-address forecast, QGIS project
PUBLISH_FORMATS = ("web", "addresses", "qgis")
FORMATS = VECTOR_FORMATS + TABLE_FORMATS + MAP_FORMATS + PUBLISH_FORMATS
#: formats written as one file per layer (unless one layer is chosen)
MULTI_FILE_FORMATS = ("geojson", "shp", "csv")
MAX_MAP_SIDE = 20000


def check_map_size(size) -> tuple[int, int]:
    """(width, height) in pixels of a map image; ParameterError (field 'size') outside 16..MAX_MAP_SIDE."""
    w, h = (int(v) for v in size)
    if not (16 <= w <= MAX_MAP_SIDE and 16 <= h <= MAX_MAP_SIDE):
        raise ParameterError(f"size {w}x{h} out of range (16..{MAX_MAP_SIDE} pixels a side)", field="size")
    return w, h


@dataclass
class Export(Operation):
    """`fmt` into `output` (a file; for geojson/shp/csv every layer goes beside it as <stem>_<layer>, or into it
    when it names a folder), simulated with `scenario` (None: the active one); `layer`: one layer only. Maps
    are `size` pixels, of `extent` (map metres; None: the whole territory). Quarters are labelled in `lang`:
    'T1 2019' in French (the regulator's), 'Q1 2019' in English, as the window's table shows them (None: the
    project's language, else French); the web map speaks it too."""

    title: ClassVar[str] = "Export"

    fmt: str = "gpkg"
    output: str = ""
    scenario: str | None = None
    layer: str | None = None
    force: bool = False
    size: tuple[int, int] = (1600, 1200)
    extent: tuple[float, float, float, float] | None = None
    lang: str | None = None

    def __post_init__(self):
        self.fmt = str(self.fmt).lower().lstrip(".")
        self.output = str(self.output)
        self.size = tuple(int(v) for v in self.size)
        if self.extent is not None:
            self.extent = tuple(float(v) for v in self.extent)

    def targets(self, project) -> list[Path]:
        """Every file the export would write (to ask before replacing any); nothing is simulated."""
        return need("export_targets")(project, self.fmt, self.output, self.layer)

    def existing_targets(self, project) -> list[Path]:
        return [p for p in self.targets(project) if p.exists() and p.is_file()]

    def run(self, project, progress=no_progress, cancel=never_cancel):
        """Write the export; returns planner.io's ExportReport (files written, features or rows per layer)."""
        if not self.output:
            raise ParameterError("choose where to write the export", field="output")
        renderer = None
        if self.fmt in MAP_FORMATS:
            check_map_size(self.size)
            draw, extent = need("render_map"), self.extent
            renderer = (lambda *a, **k: draw(*a, extent=extent, **k)) if extent is not None else draw
        return need("export")(project, self.fmt, self.output, force=self.force, scenario=self.scenario,
                              layer=self.layer, progress=progress, map_renderer=renderer, map_size=self.size,
                              lang=self.lang)
