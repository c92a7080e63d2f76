"""Render: a commune layer, and optionally premise points, drawn to a PNG, JPEG, SVG or PDF map by the render
layer's painter (the one exports and print use). `render` on the command line builds a `RenderMap` and calls
`run`; it needs no project file."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from planner.core.errors import ParameterError
from planner.core.operations.base import Operation
from planner.core.operations.export import check_map_size
from planner.core.operations.new_project import NewProject
from planner.core.operations.ports import need
from planner.core.progress import never_cancel, no_progress


@dataclass
class RenderReport:
    """What was drawn: the file, the commune and premise counts, notes on choices made (layer taken)."""

    path: Path
    communes: int
    premises: int | None
    notes: list[str]

    def __str__(self) -> str:
        what = f"{self.communes} communes" + (f", {self.premises} premises" if self.premises is not None else "")
        return "\n".join([f"note: {n}" for n in self.notes] + [f"wrote {self.path} ({what})"])


@dataclass
class RenderMap(Operation):
    """The layers to draw (files and layer names), the output (type from its extension), the size in pixels
    and an optional commune (INSEE code) to zoom on, highlighted."""

    title: ClassVar[str] = "Render map"

    communes: str = ""
    communes_layer: str | None = None
    premises: str | None = None
    premises_layer: str | None = None
    output: str = ""
    size: tuple[int, int] = (1600, 1200)
    commune: str | None = None

    def run(self, project=None, progress=no_progress, cancel=never_cancel) -> RenderReport:
        """Read the layers (as `new` does, without phases) and draw them; returns the file written."""
        w, h = check_map_size(self.size)
        layers = NewProject(communes=self.communes, communes_layer=self.communes_layer, premises=self.premises,
                            premises_layer=self.premises_layer)
        project = layers.run(None, lambda f, m="": progress(0.8 * f, m), cancel)
        project.name = project.communes.layer.name or "map"
        extent = None
        if self.commune:
            try:
                row = project.communes.index_of(self.commune)
            except KeyError:
                raise ParameterError(f"no commune with INSEE code {self.commune}", field="commune") from None
            extent = tuple(project.communes.geometries[row].buffer(500).bounds)
        progress(0.8, "drawing")
        out = need("render_map")(project, self.output, size=(w, h), extent=extent, colour_by="none",
                                 highlight=self.commune)
        progress(1.0, "drawn")
        prem = project.premises
        return RenderReport(Path(out), len(project.communes), len(prem) if prem is not None else None,
                            list(project.communes.layer.warnings) + (list(prem.layer.warnings) if prem else []))
