"""The atlas: one multi-page PDF of commune pages in INSEE order (plus an overview page), streamed page by page."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PySide6.QtGui import QPainter

from planner.core.errors import Cancelled, PlannerError
from planner.core.progress import check_cancel
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


def write_atlas(project, out_path, codes=None, options: PageOptions | None = None, assignment=None, result=None,
                overview: bool = False, progress=None, cancel=None, renderer: PageRenderer | None = None) -> AtlasReport:
    """Write the pages of `codes` (None: every commune) to one PDF, in INSEE order, one page at a time.

    The file is written beside the target and renamed at the end: a cancelled or failed atlas leaves no
    half-written PDF. progress(fraction, message) after each page; cancel() is checked between pages.
    """
    ensure_gui_app()
    renderer = renderer or PageRenderer(project, assignment, result, options)
    rows = atlas_rows(project, codes)
    out = Path(out_path)
    if out.suffix.lower() != ".pdf":
        raise PlannerError(f"{out}: an atlas is written as a PDF (.pdf)")
    if not out.parent.exists():
        raise PlannerError(f"{out.parent}: no such folder")
    tmp = out.with_name(f".{out.name}.part")
    total = len(rows) + (1 if overview else 0)
    writer = pdf_writer(tmp, renderer.layout, project.name)
    painter = QPainter(writer)
    if not painter.isActive():
        raise PlannerError(f"{out}: cannot write the PDF")
    done = 0
    ok = False
    names = project.communes.names
    codes_all = project.communes.codes
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
        ok = True
    finally:
        painter.end()
        del painter, writer
        if not ok:
            tmp.unlink(missing_ok=True)
    os.replace(tmp, out)
    return AtlasReport(out, total, [str(codes_all[r]) for r in rows], overview)


__all__ = ["AtlasReport", "atlas_rows", "write_atlas", "Cancelled"]
