"""Commune pages onto a printer or a print preview: printer set-up, page loop and the QPrintPreviewDialog."""
from __future__ import annotations

from typing import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from planner.core.errors import Cancelled, PlannerError
from planner.core.progress import check_cancel

#: an atlas preview shows this many pages at most (the overview counts as one)
PREVIEW_PAGES = 4


def configure_printer(printer: QPrinter, layout) -> QPrinter:
    """Paper, orientation and no margins (the page layout holds its own) from a render PageLayout."""
    size = QPageSize(QSizeF(min(layout.width, layout.height), max(layout.width, layout.height)), QPageSize.Millimeter)
    orient = QPageLayout.Landscape if layout.landscape else QPageLayout.Portrait
    printer.setFullPage(True)
    printer.setPageLayout(QPageLayout(size, orient, QMarginsF(0, 0, 0, 0)))
    printer.setCreator("Rollout Planner")
    return printer


def fit_page_rect(device, layout) -> QRectF:
    """The largest rectangle of the layout's aspect centred on the device (the user may have changed the paper)."""
    w, h = float(device.width()), float(device.height())
    scale = min(w / layout.width, h / layout.height)
    pw, ph = layout.width * scale, layout.height * scale
    return QRectF((w - pw) / 2, (h - ph) / 2, pw, ph)


def paint_pages(device, renderer, rows: Sequence[int], overview: bool = False,
                progress: Callable[[float, str], None] | None = None, cancel: Callable[[], bool] | None = None,
                max_pages: int | None = None) -> int:
    """Draw the overview (optional) then the page of each commune row onto a paged device; returns pages drawn.

    The pages are the render layer's own (PageRenderer.draw_commune / draw_overview); only the paging is here.
    """
    from planner.render.printing.overview_page import draw_overview

    jobs: list[int | None] = ([None] if overview else []) + [int(r) for r in rows]
    if max_pages is not None:
        jobs = jobs[:max_pages]
    if not jobs:
        raise PlannerError(QCoreApplication.translate("PrintPreview", "no page to print"))
    painter = QPainter(device)
    if not painter.isActive():
        raise PlannerError(QCoreApplication.translate("PrintPreview", "cannot paint on the printer"))
    names, codes = renderer.project.communes.names, renderer.project.communes.codes
    done = 0
    try:
        for job in jobs:
            check_cancel(cancel)
            if done and not device.newPage():
                raise PlannerError(QCoreApplication.translate("PrintPreview", "the printer refused a new page"))
            rect = fit_page_rect(device, renderer.layout)
            if job is None:
                draw_overview(renderer, painter, rect)
            else:
                renderer.draw_commune(painter, job, rect)
            done += 1
            if progress is not None:
                progress(done / len(jobs), "overview" if job is None else f"{codes[job]} {names[job]}")
    finally:
        painter.end()
    return done


class PagePreview(QPrintPreviewDialog):
    """A print preview of some pages; `paint_handler(printer)` draws them (also called directly by tests)."""

    def __init__(self, printer: QPrinter, paint_handler: Callable[[QPrinter], object], title: str,
                 parent: QWidget | None = None):
        super().__init__(printer, parent)
        self.setWindowTitle(title)
        self.paint_handler = paint_handler
        self.paintRequested.connect(self._paint)
        self.resize(900, 1000)

    def _paint(self, printer: QPrinter) -> None:
        try:
            self.paint_handler(printer)
        except Cancelled:
            pass


__all__ = ["PREVIEW_PAGES", "PagePreview", "configure_printer", "fit_page_rect", "paint_pages"]
