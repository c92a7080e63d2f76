"""The atlas: one multi-page PDF of commune pages in INSEE order (plus an overview page), streamed page by page."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PySide6.QtGui import QPainter

from planner.core.errors import Cancelled, PlannerError
from planner.core.progress import check_cancel
from planner.io.write_checks import check_pdf
from planner.io.writer import write_file
from planner.render.printing.commune_page import PageOptions, PageRenderer, pdf_writer
from planner.render.map.export_map import ensure_gui_app
from planner.render.printing.overview_page import draw_overview


@dataclass
class AtlasReport:
    path: Path
    pages: int
    codes: list[str] = field(default_factory=list)  # commune codes in page order (after the overview, if any)
    overview: bool = False


def atlas_rows(project, codes=None) -> list[int]:
    """Commune rows for `codes` (None: all) sorted by INSEE code; PlannerError naming unknown codes."""
    all_codes = project.communes.codes
    if codes is None:
        rows = np.arange(len(all_codes))
    else:
        wanted = [str(c).strip() for c in codes]
        lookup = {c: i for i, c in enumerate(all_codes)}
        missing = [c for c in wanted if c not in lookup]
        if missing:
            shown = ", ".join(missing[:5]) + ("…" if len(missing) > 5 else "")
            raise PlannerError(f"unknown INSEE code(s): {shown}")
        rows = np.array(sorted({lookup[c] for c in wanted}), dtype=np.int64)
    if len(rows) == 0:
        raise PlannerError("no commune to print")
    order = np.argsort(all_codes[rows], kind="stable")
    return [int(r) for r in np.asarray(rows)[order]]


#: bytes a commune page takes in the PDF, measured on the Gers sample (A4, premises by phase): a base for the
#: map, legend and curve, plus a share per premise drawn (points are vector dots)
PAGE_BASE_BYTES = 60_000
BYTES_PER_PREMISE = 40


def estimate_bytes(project, pages: int, renderer=None) -> int:
    """What an atlas of `pages` pages will roughly weigh (to refuse early when the disk cannot hold it)."""
    premises = 0 if project.premises is None else len(project.premises)
    communes = max(1, len(project.communes))
    return int(pages * (PAGE_BASE_BYTES + BYTES_PER_PREMISE * premises / communes))


def write_atlas(project, out_path, codes=None, options: PageOptions | None = None, assignment=None, result=None,
                overview: bool = False, progress=None, cancel=None, renderer: PageRenderer | None = None) -> AtlasReport:
    """Write the pages of `codes` (None: every commune) to one PDF, in INSEE order, one page at a time.

    The file goes through planner/io/writer.py: written beside the target, its page count checked, renamed at
    the end; a cancelled or failed atlas leaves no half-written PDF and the previous file as it was, and a disk
    clearly too small for the estimated size (`estimate_bytes`) stops it before the first page.
    progress(fraction, message) after each page; cancel() is checked between pages.
    """
    ensure_gui_app()
    renderer = renderer or PageRenderer(project, assignment, result, options)
    rows = atlas_rows(project, codes)
    out = Path(out_path)
    if out.suffix.lower() != ".pdf":
        raise PlannerError(f"{out}: an atlas is written as a PDF (.pdf)")
    total = len(rows) + (1 if overview else 0)
    names = project.communes.names
    codes_all = project.communes.codes

    def _write(tmp: Path) -> None:
        writer = pdf_writer(tmp, renderer.layout, project.name)
        painter = QPainter(writer)
        if not painter.isActive():
            raise OSError(f"cannot start the PDF {tmp.name}")
        done = 0
        try:
            if overview:
                check_cancel(cancel)
                draw_overview(renderer, painter)
                done += 1
                if progress:
                    progress(done / total, "overview")
            for row in rows:
                check_cancel(cancel)
                if done:
                    writer.newPage()
                renderer.draw_commune(painter, row)
                done += 1
                if progress:
                    progress(done / total, f"{codes_all[row]} {names[row]}")
        finally:
            painter.end()
            del painter, writer

    write_file(out, _write, check=check_pdf(pages=total), estimate=estimate_bytes(project, total, renderer))
    return AtlasReport(out, total, [str(codes_all[r]) for r in rows], overview)


__all__ = ["AtlasReport", "atlas_rows", "write_atlas", "Cancelled"]
