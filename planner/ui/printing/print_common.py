"""What the print dialogs share: page options (paper, orientation, month, colours, scenario), the dialog base
with preview/printer/PDF plumbing, and helpers to pick communes and simulate a scenario for printing."""
from __future__ import annotations

import os

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QPushButton, QVBoxLayout, QWidget)

import planner.render.ports  # noqa: F401  (plugs page drawing into the print operation)
from planner.core.errors import PlannerError
from planner.core.months import month_range
from planner.core.printing.options import PageOptions
from planner.ui.printing.print_preview import PagePreview, configure_printer, paint_pages
from planner.ui.shell.i18n import current_language

THUMB_SIZE = 420  # pixels of the square box holding the live thumbnail of the first page


# ====================================================================== what a print needs
def page_language() -> str:
    return "fr" if current_language() == "fr" else "en"


def current_assignment(document):
    """The document's latest assignment (waiting briefly for a running recompute), or None."""
    from planner.ui.phases.assignment_cache import assignment_cache_for

    cache = assignment_cache_for(document)
    if cache.assignment is None or cache.busy:
        cache.wait(20.0)
    return cache.assignment


def current_result(document, scenario_name: str | None):
    """The live simulation result of the active scenario when it is `scenario_name` (None otherwise)."""
    project = document.project
    runner = getattr(document, "_simulation_runner", None)
    if runner is None or runner.result is None or runner.error or not project.phases:
        return None
    if scenario_name not in (None, project.scenario.name):
        return None
    if getattr(runner.result, "scenario", project.scenario.name) != project.scenario.name:
        return None
    return runner.result


def simulate_for(project, assignment, scenario_name: str | None, result=None):
    """`result` if given, else a run of `scenario_name` (None when the project has no phase)."""
    if result is not None or not project.phases:
        return result
    from planner.core.simulation.coverage import simulate

    return simulate(project, assignment, scenario=scenario_name)


def print_folder(settings, project) -> str:
    """Where PDFs go: the last print folder, else the project's folder, else home."""
    q = getattr(settings, "q", None)
    if q is not None and q.contains("folders/print"):
        return settings.last_folder("print")
    if getattr(project, "path", None):
        return os.path.dirname(os.path.abspath(project.path))
    return os.path.expanduser("~")


def human_size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024.0
    return f"{n} B"


# ====================================================================== shared options
class PageOptionsBox(QGroupBox):
    """Paper, orientation, colouring, month and scenario; `options()` gives the render layer's PageOptions."""

    def __init__(self, document, settings=None, parent: QWidget | None = None):
        super().__init__(self.tr("Page"), parent)
        self.document = document
        self.settings = settings
        project = document.project
        form = QFormLayout(self)
        self.paper = QComboBox(self)
        self.paper.addItem(self.tr("A4 (210 × 297 mm)"), "A4")
        self.paper.addItem(self.tr("A3 (297 × 420 mm)"), "A3")
        self.paper.setToolTip(self.tr("Paper size"))
        self.orientation = QComboBox(self)
        self.orientation.addItem(self.tr("Portrait"), False)
        self.orientation.addItem(self.tr("Landscape"), True)
        self.orientation.setToolTip(self.tr("Page orientation"))
        self.colour = QComboBox(self)
        self.colour.addItem(self.tr("By phase"), "phase")
        self.colour.addItem(self.tr("By state at the month (eligible, marketable, connected)"), "state")
        self.colour.setToolTip(self.tr("How premises are coloured on the map"))
        self.scenario = QComboBox(self)
        for i, sc in enumerate(project.scenarios):
            self.scenario.addItem(sc.name, sc.name)
        self.scenario.setCurrentIndex(max(0, project.active_scenario))
        self.scenario.setToolTip(self.tr("Scenario whose simulation gives the states, figures and curve"))
        self.month = QComboBox(self)
        self.month.setToolTip(self.tr("Month shown (defaults to the time slider's month)"))
        form.addRow(self.tr("&Paper:"), self.paper)
        form.addRow(self.tr("&Orientation:"), self.orientation)
        form.addRow(self.tr("&Colour premises:"), self.colour)
        form.addRow(self.tr("&Scenario:"), self.scenario)
        form.addRow(self.tr("&Month:"), self.month)
        # defaults
        paper = getattr(settings, "paper", "A4") if settings is not None else "A4"
        self.paper.setCurrentIndex(max(0, self.paper.findData(paper)))
        landscape = bool(settings.value("print/landscape")) if settings is not None else False
        self.orientation.setCurrentIndex(1 if landscape else 0)
        self._fill_months(initial=True)
        self.scenario.currentIndexChanged.connect(lambda _i: self._fill_months())
        has_plan = bool(project.phases)
        self.colour.model().item(1).setEnabled(has_plan)
        self.month.setEnabled(has_plan)
        self.scenario.setEnabled(has_plan and len(project.scenarios) > 1)

    @property
    def changed_signals(self):
        return [self.paper.currentIndexChanged, self.orientation.currentIndexChanged, self.colour.currentIndexChanged,
                self.scenario.currentIndexChanged, self.month.currentIndexChanged]

    def _fill_months(self, initial: bool = False) -> None:
        project = self.document.project
        name = self.scenario.currentData()
        sc = next((s for s in project.scenarios if s.name == name), project.scenario)
        months = month_range(sc.start, max(1, int(sc.horizon_months)))
        keep = None if initial else self.month.currentData()
        self.month.blockSignals(True)
        self.month.clear()
        for m in months:
            self.month.addItem(m, m)
        self.month.blockSignals(False)
        if keep is not None and self.month.findData(keep) >= 0:
            self.month.setCurrentIndex(self.month.findData(keep))
        else:
            self.month.setCurrentIndex(max(0, min(len(months) - 1, int(self.document.month))))

    def scenario_name(self) -> str | None:
        return self.scenario.currentData()

    def options(self):
        has_plan = bool(self.document.project.phases)
        colour = self.colour.currentData() if has_plan else "phase"
        return PageOptions(paper=self.paper.currentData(), landscape=bool(self.orientation.currentData()),
                           colour_by=colour, month=self.month.currentData() if has_plan else None, lang=page_language(),
                           scenario_name=self.scenario_name() if has_plan else None)

    def set_options(self, paper: str | None = None, landscape: bool | None = None, colour_by: str | None = None,
                    month: str | None = None) -> None:
        """Set choices programmatically (scripts, tests)."""
        if paper is not None:
            self.paper.setCurrentIndex(self.paper.findData(paper))
        if landscape is not None:
            self.orientation.setCurrentIndex(1 if landscape else 0)
        if colour_by is not None:
            self.colour.setCurrentIndex(self.colour.findData(colour_by))
        if month is not None:
            self.month.setCurrentIndex(self.month.findData(month))

    def remember(self) -> None:
        """Keep paper and orientation as the next defaults."""
        if self.settings is not None:
            self.settings.set_value("print/paper", self.paper.currentData())
            self.settings.set_value("print/landscape", bool(self.orientation.currentData()))


class PrintDialogBase(QDialog):
    """What both dialogs share: options, a page renderer kept while the options stay, a thumbnail, preview."""

    def __init__(self, document, settings=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.settings = settings
        self.options_box = PageOptionsBox(document, settings, self)
        self.thumbnail = QLabel(self)
        self.thumbnail.setObjectName("printThumbnail")
        self.thumbnail.setAlignment(Qt.AlignCenter)
        self.thumbnail.setFixedSize(THUMB_SIZE, THUMB_SIZE)
        self.thumbnail.setToolTip(self.tr("The first page as it will print"))
        self.thumbnail.setStyleSheet("QLabel#printThumbnail { background: #8a8f96; }")
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.PlainText)  # names from data, as typed
        self.status.setWordWrap(True)
        self.status.setObjectName("printStatus")
        self._renderer = None
        self._renderer_key = None
        self._assignment = None
        self._thumb_timer = QTimer(self)
        self._thumb_timer.setSingleShot(True)
        self._thumb_timer.setInterval(150)
        self._thumb_timer.timeout.connect(self.update_thumbnail)
        for sig in self.options_box.changed_signals:
            sig.connect(lambda *_: self._thumb_timer.start())

    def place(self, left) -> None:
        """The dialog's layout: the choices (`left`) beside the thumbnail, the button row below."""
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self.thumbnail)
        outer = QVBoxLayout(self)
        outer.addLayout(body)
        outer.addWidget(self.buttons)

    def make_buttons(self, specs) -> list:
        """The dialog's button row: one action button per (text, tooltip, slot), the last one default, then
        Close (Qt's standard button, translated by Qt). Returns the action buttons in order."""
        self.buttons = QDialogButtonBox(self)
        made = []
        for text, tip, slot in specs:
            button = QPushButton(text, self)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            self.buttons.addButton(button, QDialogButtonBox.ActionRole)
            made.append(button)
        made[-1].setDefault(True)
        self.buttons.addButton(QDialogButtonBox.Close)
        self.buttons.rejected.connect(self.reject)
        return made

    # --- rendering on the UI thread (one page is fast) ---------------------------------------

    def assignment(self):
        if self._assignment is None:
            self._assignment = current_assignment(self.document)
        return self._assignment

    def renderer(self):
        """A PageRenderer for the current options (rebuilt when they change; the map caches are kept)."""
        from planner.render.printing.commune_page import PageRenderer

        opts = self.options_box.options()
        key = (opts.paper, opts.landscape, opts.colour_by, opts.month, opts.scenario_name, opts.lang,
               self.document.project.revision, id(self.document.project))
        if self._renderer is not None and self._renderer_key == key:
            return self._renderer
        project = self.document.project
        a = self.assignment()
        mp = None
        if self._renderer is not None and self._renderer_key[4:] == key[4:]:
            mp = self._renderer.mp  # same project state and scenario: keep paths, index and classes
        result = mp.result if mp is not None else None
        if mp is None:
            QGuiApplication.setOverrideCursor(Qt.WaitCursor)
            try:
                result = simulate_for(project, a, opts.scenario_name, current_result(self.document, opts.scenario_name))
            finally:
                QGuiApplication.restoreOverrideCursor()
        self._renderer = PageRenderer(project, a, result, opts, map_painter=mp)
        self._renderer_key = key
        return self._renderer

    def page_rows(self) -> list[int]:  # overridden
        return []

    def overview(self) -> bool:  # overridden
        return False

    def update_thumbnail(self) -> None:
        """Draw the first page (the overview when it comes first) small, with the render layer's page code."""
        from PySide6.QtCore import QRectF
        from PySide6.QtGui import QColor, QImage, QPainter

        from planner.render.printing.overview_page import draw_overview

        rows = self.page_rows()
        if not rows:
            self.thumbnail.setPixmap(QPixmap())
            self.thumbnail.setText(self.tr("No page"))
            return
        try:
            renderer = self.renderer()
            lay = renderer.layout
            box_w, box_h = self.thumbnail.width() - 12, self.thumbnail.height() - 12
            scale = min(box_w / lay.width, box_h / lay.height)
            w, h = max(8, int(lay.width * scale)), max(8, int(lay.height * scale))
            img = QImage(w, h, QImage.Format_ARGB32_Premultiplied)
            dpm = int(round(scale * 1000.0))  # pixels per metre of paper
            img.setDotsPerMeterX(dpm)
            img.setDotsPerMeterY(dpm)
            img.fill(QColor("#ffffff"))
            p = QPainter(img)
            try:
                if self.overview():
                    draw_overview(renderer, p, QRectF(0, 0, w, h))
                else:
                    renderer.draw_commune(p, rows[0], QRectF(0, 0, w, h))
            finally:
                p.end()
        except PlannerError as exc:
            self.thumbnail.setPixmap(QPixmap())
            self.thumbnail.setText(str(exc))
            return
        self.thumbnail.setPixmap(QPixmap.fromImage(img))

    # --- preview and printer -----------------------------------------------------------------
    def paint_preview(self, printer: QPrinter) -> int:
        """The paintRequested handler: the first pages (all of a commune print) onto `printer`."""
        renderer = self.renderer()
        if printer.outputFormat() == QPrinter.PdfFormat and printer.outputFileName():
            configure_printer(printer, renderer.layout)  # a PDF printer gets the page's own paper
        return paint_pages(printer, renderer, self.page_rows(), self.overview(), max_pages=self.preview_limit())

    def preview_limit(self) -> int | None:
        return None

    def make_preview(self) -> PagePreview:
        printer = QPrinter(QPrinter.HighResolution)
        configure_printer(printer, self.renderer().layout)
        preview = PagePreview(printer, self.paint_preview, self.tr("Print preview"), self)
        preview._printer = printer  # keep it alive with the dialog
        return preview

    def preview(self) -> None:
        if not self.page_rows():
            return
        self.options_box.remember()
        self.make_preview().exec()

    def ask_printer(self) -> QPrinter | None:
        """A printer chosen in the system print dialog (None when cancelled)."""
        printer = QPrinter(QPrinter.HighResolution)
        configure_printer(printer, self.renderer().layout)
        dlg = QPrintDialog(printer, self)
        dlg.setWindowTitle(self.tr("Print"))
        if dlg.exec() != QDialog.Accepted:
            return None
        printer.setFullPage(True)
        return printer

    def choose_pdf(self, default_name: str) -> str:
        folder = print_folder(self.settings, self.document.project)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), os.path.join(folder, default_name),
                                              self.tr("PDF documents (*.pdf)"))
        if path and not path.lower().endswith(".pdf"):
            path += ".pdf"
        if path and hasattr(self.settings, "set_last_folder"):
            self.settings.set_last_folder("print", path)
        return path


# ====================================================================== print commune
