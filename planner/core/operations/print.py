"""Print: commune pages (a selection of communes, in INSEE order, optionally after an overview page) into one
PDF. The Print atlas and Print commune dialogs and `print` on the command line build a `PrintAtlas` and call
`run`; pages are drawn by planner.render through the ports."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from planner.core.errors import ParameterError, PlannerError
from planner.core.months import parse_month
from planner.core.operations.base import Operation
from planner.core.operations.ports import need
from planner.core.printing.options import PageOptions
from planner.core.printing.selection import CommuneSelection
from planner.core.progress import check_cancel, never_cancel, no_progress


@dataclass
class PrintAtlas(Operation):
    """The communes `selection` chooses, as pages laid out by `page`, into the PDF `output`."""

    title: ClassVar[str] = "Print atlas"

    output: str = ""
    selection: CommuneSelection = field(default_factory=CommuneSelection)
    overview: bool = False
    page: PageOptions = field(default_factory=PageOptions)

    def rows(self, project, assignment) -> list[int]:
        """Commune rows of the pages, in INSEE order (PlannerError naming unknown INSEE codes)."""
        unknown = self.selection.unknown_codes(project)
        if unknown:
            shown = ", ".join(unknown[:5]) + ("…" if len(unknown) > 5 else "")
            raise PlannerError(f"unknown INSEE code(s): {shown}")
        return self.selection.rows(project, assignment)

    def pages(self, project, assignment) -> int:
        rows = self.rows(project, assignment)
        return len(rows) + (1 if self.overview and rows else 0)

    def run(self, project, progress=no_progress, cancel=never_cancel, *, assignment=None, result=None,
            renderer=None):
        """Write the PDF; returns the render layer's AtlasReport (path, pages, codes). `assignment`, `result`
        and `renderer` (a PageRenderer) reuse what the caller has already computed for this project state."""
        if project.communes is None:
            raise PlannerError("the project has no commune layer to print")
        if not str(self.output).lower().endswith(".pdf"):
            raise ParameterError(f"{self.output}: the output is a PDF (.pdf)", field="output")
        if assignment is None:
            from planner.core.phases.assignment import assign

            assignment = assign(project, cancel=cancel)
        check_cancel(cancel)
        if result is None and project.phases:
            from planner.core.simulation.coverage import simulate

            result = simulate(project, assignment, scenario=self.page.scenario_name, cancel=cancel)
        self._check_month(result)
        rows = self.rows(project, assignment)
        codes = None if self.selection.mode == "all" else [str(project.communes.codes[r]) for r in rows]
        return need("write_atlas")(project, self.output, codes=codes, options=self.page, assignment=assignment,
                                   result=result, overview=self.overview, progress=progress, cancel=cancel,
                                   renderer=renderer)

    def _check_month(self, result) -> None:
        month = self.page.month
        if not month:
            return
        try:
            parse_month(month)
        except ValueError as exc:
            raise ParameterError(str(exc), field="month") from None
        if result is not None and parse_month(month) > parse_month(result.months[-1]):
            raise ParameterError(f"{month} is after the simulated months ({result.months[0]}..{result.months[-1]})",
                                 field="month")
