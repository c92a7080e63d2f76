"""Print commune / print atlas dialogs: which communes, paper, orientation, month, colours, scenario; preview, printer, PDF."""
from __future__ import annotations

import os
import re
import time
import unicodedata
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QCompleter, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QProgressDialog,
                               QPushButton, QRadioButton, QSpinBox, QVBoxLayout, QWidget)

from planner.core.errors import Cancelled, PlannerError
from planner.core.months import month_range
from planner.ui.print_preview import PREVIEW_PAGES, PagePreview, configure_printer, paint_pages
from planner.ui.i18n import current_language

THUMB_SIZE = 420  # pixels of the square box holding the live thumbnail of the first page


# ====================================================================== what a print needs
def _lang() -> str:
    return "fr" if current_language() == "fr" else "en"


def _snapshot(project):
    """A copy of the project a worker may read while the UI keeps editing (phases and scenarios copied)."""
    from planner.ui.simulation_runner import _snapshot as snap

    return snap(project)


def current_assignment(document):
    """The document's latest assignment (waiting briefly for a running recompute), or None."""
    from planner.ui.assignment_cache import assignment_cache_for

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
    from planner.core.simulation import simulate

    return simulate(project, assignment, scenario=scenario_name)


def phase_rows(project, assignment, index: int) -> list[int]:
    """Commune rows holding units of phase `index` (or belonging to it when the plan is by commune)."""
    if assignment is None:
        return []
    if assignment.commune_level:
        rows = np.flatnonzero(np.asarray(assignment.commune_phase) == index)
    else:
        cp, cc = np.asarray(assignment.cell_phase), np.asarray(assignment.cell_commune)
        rows = np.unique(cc[(cp == index) & (cc >= 0)])
    return [int(r) for r in rows]


def _fold(text: str) -> str:
    """Lower case without accents (so 'lectoure' finds 'Lectouré' and 'ile' finds 'L'Isle')."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", str(text)) if not unicodedata.combining(ch)).casefold()


def parse_codes(text: str) -> list[str]:
    """INSEE codes typed as '32013, 32107 32208;32160' (order and duplicates do not matter)."""
    return [c for c in re.split(r"[\s,;]+", text.strip()) if c]


def sorted_by_code(project, rows) -> list[int]:
    codes = project.communes.codes
    return sorted({int(r) for r in rows}, key=lambda r: str(codes[r]))


def _print_folder(settings, project) -> str:
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
        from planner.render.commune_page import PageOptions

        has_plan = bool(self.document.project.phases)
        colour = self.colour.currentData() if has_plan else "phase"
        return PageOptions(paper=self.paper.currentData(), landscape=bool(self.orientation.currentData()),
                           colour_by=colour, month=self.month.currentData() if has_plan else None, lang=_lang(),
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


class _PrintDialogBase(QDialog):
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

    # --- rendering on the UI thread (one page is fast) ---------------------------------------
    def assignment(self):
        if self._assignment is None:
            self._assignment = current_assignment(self.document)
        return self._assignment

    def renderer(self):
        """A PageRenderer for the current options (rebuilt when they change; the map caches are kept)."""
        from planner.render.commune_page import PageRenderer

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

        from planner.render.overview_page import draw_overview

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
        folder = _print_folder(self.settings, self.document.project)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), os.path.join(folder, default_name),
                                              self.tr("PDF documents (*.pdf)"))
        if path and not path.lower().endswith(".pdf"):
            path += ".pdf"
        if path and hasattr(self.settings, "set_last_folder"):
            self.settings.set_last_folder("print", path)
        return path


# ====================================================================== print commune
class PrintCommuneDialog(_PrintDialogBase):
    """File → Print commune…: one commune's page to the preview, a printer or a PDF."""

    def __init__(self, document, settings=None, row: int | None = None, parent: QWidget | None = None):
        super().__init__(document, settings, parent)
        self.setWindowTitle(self.tr("Print commune"))
        self.setObjectName("printCommuneDialog")
        communes = document.project.communes
        if communes is None:
            raise PlannerError(self.tr("the project has no commune layer to print"))
        self.commune = QComboBox(self)
        self.commune.setEditable(True)
        self.commune.setInsertPolicy(QComboBox.NoInsert)
        self.commune.setToolTip(self.tr("Type part of a name or an INSEE code to find a commune"))
        self.commune.lineEdit().setPlaceholderText(self.tr("Name or INSEE code"))
        order = np.argsort(communes.codes.astype(str), kind="stable")
        for r in order:
            self.commune.addItem(f"{communes.codes[r]} — {communes.names[r]}", int(r))
        completer = QCompleter(self.commune.model(), self)
        completer.setFilterMode(Qt.MatchContains)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setCompletionMode(QCompleter.PopupCompletion)
        self.commune.setCompleter(completer)
        if row is not None and row >= 0:
            self.set_row(row)
        self.commune.currentIndexChanged.connect(lambda *_: self._thumb_timer.start())

        top = QFormLayout()
        top.addRow(self.tr("&Commune:"), self.commune)
        left = QVBoxLayout()
        left.addLayout(top)
        left.addWidget(self.options_box)
        left.addWidget(self.status)
        left.addStretch(1)
        self.buttons = QDialogButtonBox(self)
        self.preview_button = QPushButton(self.tr("Pre&view…"), self)
        self.preview_button.setToolTip(self.tr("Show the page in a print preview"))
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.print_button.setToolTip(self.tr("Send the page to a printer"))
        self.pdf_button = QPushButton(self.tr("Save as P&DF…"), self)
        self.pdf_button.setToolTip(self.tr("Write the page to a PDF file (vector, text selectable)"))
        self.pdf_button.setDefault(True)
        for b in (self.preview_button, self.print_button, self.pdf_button):
            self.buttons.addButton(b, QDialogButtonBox.ActionRole)
        self.buttons.addButton(QDialogButtonBox.Close)
        self.buttons.button(QDialogButtonBox.Close).setText(self.tr("Close"))
        self.buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_page)
        self.pdf_button.clicked.connect(self.save_pdf_dialog)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self.thumbnail)
        outer = QVBoxLayout(self)
        outer.addLayout(body)
        outer.addWidget(self.buttons)
        QTimer.singleShot(0, self.update_thumbnail)

    def set_row(self, row: int) -> None:
        i = self.commune.findData(int(row))
        if i >= 0:
            self.commune.setCurrentIndex(i)

    def selected_row(self) -> int | None:
        """The chosen commune: the typed text's INSEE code or exact entry, else the current item."""
        communes = self.document.project.communes
        text = self.commune.currentText().strip()
        i = self.commune.findText(text)
        if i >= 0:
            return int(self.commune.itemData(i))
        m = re.match(r"^\s*(\d[0-9AB]\d{3})\b", text)
        if m:
            try:
                return int(communes.index_of(m.group(1)))
            except KeyError:
                pass
        hits = [r for r in range(len(communes)) if text and _fold(text) in _fold(communes.names[r])]
        if len(hits) == 1:
            return hits[0]
        data = self.commune.currentData()
        return int(data) if data is not None and not text else (int(data) if data is not None and i >= 0 else None)

    def page_rows(self) -> list[int]:
        row = self.selected_row()
        return [] if row is None else [row]

    def _need_row(self) -> int | None:
        row = self.selected_row()
        if row is None:
            self.status.setText(self.tr("Choose a commune first."))
        return row

    def save_pdf(self, path) -> Path:
        """Write the chosen commune's page to `path` (PDF, written beside it then renamed)."""
        from planner.render.atlas import write_atlas

        row = self._need_row()
        if row is None:
            raise PlannerError(self.tr("no commune chosen"))
        renderer = self.renderer()
        code = str(self.document.project.communes.codes[row])
        t0 = time.perf_counter()
        report = write_atlas(renderer.project, path, codes=[code], options=renderer.options,
                             assignment=renderer.assignment, result=renderer.result, renderer=renderer)
        self.options_box.remember()
        self.status.setText(self.tr("Wrote {path} ({size}, {seconds:.2f} s).").format(
            path=report.path.name, size=human_size(report.path.stat().st_size), seconds=time.perf_counter() - t0))
        return report.path

    def save_pdf_dialog(self) -> None:
        row = self._need_row()
        if row is None:
            return
        communes = self.document.project.communes
        name = re.sub(r"[^\w-]+", "_", f"{communes.codes[row]}_{communes.names[row]}").strip("_") + ".pdf"
        path = self.choose_pdf(name)
        if not path:
            return
        try:
            self.save_pdf(path)
        except PlannerError as exc:
            self.status.setText(str(exc))

    def print_page(self) -> None:
        if self._need_row() is None:
            return
        printer = self.ask_printer()
        if printer is None:
            return
        try:
            paint_pages(printer, self.renderer(), self.page_rows())
        except PlannerError as exc:
            self.status.setText(str(exc))
            return
        self.options_box.remember()
        self.status.setText(self.tr("Sent to {printer}.").format(printer=printer.printerName() or printer.outputFileName()))


# ====================================================================== print atlas
class PrintAtlasDialog(_PrintDialogBase):
    """File → Print atlas…: a selection of communes as one PDF (or to a printer), in the background with Cancel."""

    MODES = ("all", "selected", "phase", "filter", "codes")

    def __init__(self, document, settings=None, parent: QWidget | None = None, run_task=None):
        super().__init__(document, settings, parent)
        self.setWindowTitle(self.tr("Print atlas"))
        self.setObjectName("printAtlasDialog")
        project = document.project
        if project.communes is None:
            raise PlannerError(self.tr("the project has no commune layer to print"))
        self._run_task = run_task
        self.task = None
        self.progress_dialog: QProgressDialog | None = None
        self.last_report = None
        self.last_error: BaseException | None = None
        self._started = 0.0

        which = QGroupBox(self.tr("Communes"), self)
        grid = QGridLayout(which)
        self.mode_group = QButtonGroup(self)
        self.rb_all = QRadioButton(self.tr("&All communes"), which)
        self.rb_selected = QRadioButton(self.tr("The &selected communes"), which)
        self.rb_phase = QRadioButton(self.tr("The communes of p&hase"), which)
        self.rb_filter = QRadioButton(self.tr("Communes &matching"), which)
        self.rb_codes = QRadioButton(self.tr("These &INSEE codes"), which)
        self.rb_all.setToolTip(self.tr("Every commune of the project, in INSEE order"))
        self.rb_selected.setToolTip(self.tr("The communes selected on the map"))
        self.rb_phase.setToolTip(self.tr("The communes holding premises of one phase"))
        self.rb_filter.setToolTip(self.tr("Communes whose name, INSEE code and units match every filled criterion"))
        self.rb_codes.setToolTip(self.tr("Reprint only some pages: a list of INSEE codes"))
        for i, rb in enumerate((self.rb_all, self.rb_selected, self.rb_phase, self.rb_filter, self.rb_codes)):
            self.mode_group.addButton(rb, i)
        self.phase = QComboBox(which)
        for i, ph in enumerate(project.phases):
            self.phase.addItem(ph.name, i)
        self.phase.setToolTip(self.tr("Phase whose communes are printed"))
        self.name_filter = QLineEdit(which)
        self.name_filter.setPlaceholderText(self.tr("name contains"))
        self.name_filter.setToolTip(self.tr("Part of the commune name (case and accents ignored)"))
        self.prefix_filter = QLineEdit(which)
        self.prefix_filter.setPlaceholderText(self.tr("INSEE prefix"))
        self.prefix_filter.setToolTip(self.tr("Beginning of the INSEE code, e.g. 3201"))
        self.units_filter = QSpinBox(which)
        self.units_filter.setRange(0, 10_000_000)
        self.units_filter.setPrefix(self.tr("units ≥ "))
        self.units_filter.setSpecialValueText(self.tr("any units"))
        self.units_filter.setToolTip(self.tr("Only communes with at least this many premises (units)"))
        self.codes_edit = QLineEdit(which)
        self.codes_edit.setPlaceholderText(self.tr("32013, 32107"))
        self.codes_edit.setToolTip(self.tr("INSEE codes separated by commas or spaces; pages come in INSEE order"))
        filt = QHBoxLayout()
        self.prefix_filter.setMinimumWidth(self.prefix_filter.fontMetrics().horizontalAdvance(
            self.prefix_filter.placeholderText()) + 16)
        filt.addWidget(self.name_filter, 3)
        filt.addWidget(self.prefix_filter, 2)
        filt.addWidget(self.units_filter, 2)
        grid.addWidget(self.rb_all, 0, 0, 1, 2)
        grid.addWidget(self.rb_selected, 1, 0, 1, 2)
        grid.addWidget(self.rb_phase, 2, 0)
        grid.addWidget(self.phase, 2, 1)
        grid.addWidget(self.rb_filter, 3, 0)
        grid.addLayout(filt, 3, 1)
        grid.addWidget(self.rb_codes, 4, 0)
        grid.addWidget(self.codes_edit, 4, 1)
        grid.setColumnStretch(1, 1)
        self.count_label = QLabel(which)
        self.count_label.setObjectName("atlasCount")
        grid.addWidget(self.count_label, 5, 0, 1, 2)
        self.overview_check = QCheckBox(self.tr("Start with an &overview page (territory map, curve, phases)"), self)
        self.overview_check.setToolTip(self.tr("A first page with the whole territory by phase and its coverage curve"))

        out_row = QHBoxLayout()
        self.output = QLineEdit(self)
        self.output.setToolTip(self.tr("The PDF to write (replaced only when the atlas is complete)"))
        folder = _print_folder(self.settings, project)
        stem = re.sub(r"[^\w-]+", "_", f"atlas_{project.name}").strip("_") or "atlas"
        self.output.setText(os.path.join(folder, stem + ".pdf"))
        browse = QPushButton(self.tr("&Browse…"), self)
        browse.setToolTip(self.tr("Choose the PDF file"))
        browse.clicked.connect(self._browse)
        out_row.addWidget(QLabel(self.tr("Output PDF:"), self))
        out_row.addWidget(self.output, 1)
        out_row.addWidget(browse)

        # default mode: the selection if any, else everything
        has_sel = bool(document.selected_communes)
        (self.rb_selected if has_sel else self.rb_all).setChecked(True)
        self.rb_selected.setEnabled(has_sel)
        self.rb_phase.setEnabled(bool(project.phases))
        self.phase.setEnabled(bool(project.phases))
        if document.current_phase_id is not None:
            for i, ph in enumerate(project.phases):
                if ph.id == document.current_phase_id:
                    self.phase.setCurrentIndex(i)
        self.overview_check.setChecked(not has_sel)  # (the mode buttons keep it in step from now on)

        self.buttons = QDialogButtonBox(self)
        self.preview_button = QPushButton(self.tr("Pre&view…"), self)
        self.preview_button.setToolTip(self.tr("Preview the first {n} pages").format(n=PREVIEW_PAGES))
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.print_button.setToolTip(self.tr("Send the atlas to a printer (in the background)"))
        self.write_button = QPushButton(self.tr("&Write PDF"), self)
        self.write_button.setToolTip(self.tr("Write the atlas to the output PDF in the background"))
        self.write_button.setDefault(True)
        for b in (self.preview_button, self.print_button, self.write_button):
            self.buttons.addButton(b, QDialogButtonBox.ActionRole)
        self.buttons.addButton(QDialogButtonBox.Close)
        self.buttons.button(QDialogButtonBox.Close).setText(self.tr("Close"))
        self.buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_atlas)
        self.write_button.clicked.connect(lambda: self.write_pdf())

        left = QVBoxLayout()
        left.addWidget(which)
        left.addWidget(self.overview_check)
        left.addWidget(self.options_box)
        left.addLayout(out_row)
        left.addWidget(self.status)
        left.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self.thumbnail)
        outer = QVBoxLayout(self)
        outer.addLayout(body)
        outer.addWidget(self.buttons)

        for sig in (self.mode_group.idToggled, self.phase.currentIndexChanged, self.name_filter.textChanged,
                    self.prefix_filter.textChanged, self.units_filter.valueChanged, self.codes_edit.textChanged,
                    self.overview_check.toggled):
            sig.connect(lambda *_: self.refresh())
        # the overview suits a whole atlas, not a reprint of some pages
        self.mode_group.idToggled.connect(
            lambda i, on: on and self.overview_check.setChecked(self.MODES[i] in ("all", "phase")))
        # typing in a criterion selects its mode
        self.phase.activated.connect(lambda *_: self.rb_phase.setChecked(True))
        for w in (self.name_filter, self.prefix_filter, self.codes_edit):
            w.textEdited.connect(lambda *_, w=w: (self.rb_codes if w is self.codes_edit else self.rb_filter).setChecked(True))
        self.units_filter.editingFinished.connect(lambda: self.units_filter.value() and self.rb_filter.setChecked(True))
        self.refresh()

    # --- which communes ----------------------------------------------------------------------
    def mode(self) -> str:
        return self.MODES[max(0, self.mode_group.checkedId())]

    def set_mode(self, mode: str, value=None) -> None:
        """Choose the communes programmatically: ('phase', index), ('codes', '32013, 32107'), ('filter', dict)…"""
        (self.rb_all, self.rb_selected, self.rb_phase, self.rb_filter, self.rb_codes)[self.MODES.index(mode)].setChecked(True)
        if mode == "phase" and value is not None:
            self.phase.setCurrentIndex(int(value))
        elif mode == "codes" and value is not None:
            self.codes_edit.setText(value if isinstance(value, str) else ", ".join(value))
        elif mode == "filter" and value:
            self.name_filter.setText(value.get("name", ""))
            self.prefix_filter.setText(value.get("prefix", ""))
            self.units_filter.setValue(int(value.get("units", 0)))
        self.refresh()

    def unknown_codes(self) -> list[str]:
        if self.mode() != "codes":
            return []
        codes = set(str(c) for c in self.document.project.communes.codes)
        return [c for c in parse_codes(self.codes_edit.text()) if c not in codes]

    def rows(self) -> list[int]:
        """Commune rows to print, in INSEE order."""
        project = self.document.project
        com = project.communes
        mode = self.mode()
        if mode == "all":
            rows = range(len(com))
        elif mode == "selected":
            rows = self.document.selected_communes
        elif mode == "phase":
            rows = phase_rows(project, self.assignment(), self.phase.currentData()) if self.phase.count() else []
        elif mode == "filter":
            keep = np.ones(len(com), dtype=bool)
            name = _fold(self.name_filter.text().strip())
            if name:
                keep &= np.array([name in _fold(n) for n in com.names], dtype=bool)
            prefix = self.prefix_filter.text().strip()
            if prefix:
                keep &= np.char.startswith(com.codes.astype(str), prefix)
            n = self.units_filter.value()
            if n > 0:
                a = self.assignment()
                units = np.asarray(a.commune_units) if a is not None else np.asarray(com.units)
                keep &= units >= n
            rows = np.flatnonzero(keep)
        else:
            lookup = {str(c): i for i, c in enumerate(com.codes)}
            rows = [lookup[c] for c in parse_codes(self.codes_edit.text()) if c in lookup]
        return sorted_by_code(project, rows)

    def page_rows(self) -> list[int]:
        return self.rows()

    def codes(self) -> list[str] | None:
        """INSEE codes to print (None: every commune)."""
        if self.mode() == "all":
            return None
        codes = self.document.project.communes.codes
        return [str(codes[r]) for r in self.rows()]

    def overview(self) -> bool:
        return self.overview_check.isChecked()

    def preview_limit(self) -> int | None:
        return PREVIEW_PAGES

    def refresh(self) -> None:
        rows = self.rows()
        pages = len(rows) + (1 if self.overview() and rows else 0)
        unknown = self.unknown_codes()
        if unknown:
            shown = ", ".join(unknown[:6]) + ("…" if len(unknown) > 6 else "")
            self.count_label.setText(self.tr("Unknown INSEE code(s): {codes}").format(codes=shown))
            self.count_label.setStyleSheet("color: #b00020;")
        else:
            self.count_label.setText(self.tr("{n} communes, {p} pages").format(n=len(rows), p=pages))
            self.count_label.setStyleSheet("")
        busy = self.task is not None
        ok = bool(rows) and not unknown and not busy
        for b in (self.preview_button, self.print_button, self.write_button):
            b.setEnabled(ok)
        self._thumb_timer.start()

    def _browse(self) -> None:
        path = self.choose_pdf(os.path.basename(self.output.text()) or "atlas.pdf")
        if path:
            self.output.setText(path)

    # --- running -------------------------------------------------------------------------------
    def _job(self):
        """(project snapshot, assignment, live result or None, options, codes, rows, overview) for a worker."""
        opts = self.options_box.options()
        return (_snapshot(self.document.project), self.assignment(), current_result(self.document, opts.scenario_name),
                opts, self.codes(), self.rows(), self.overview())

    def write_pdf(self, path: str | None = None):
        """Write the atlas to `path` (default: the output box) in the background; returns the Task."""
        path = path or self.output.text().strip()
        if not path:
            self.status.setText(self.tr("Choose the output PDF first."))
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
            self.output.setText(path)
        project, a, result, opts, codes, rows, overview = self._job()
        if not rows:
            return None

        def work(progress, cancel):
            from planner.render.atlas import write_atlas

            res = simulate_for(project, a, opts.scenario_name, result)
            return write_atlas(project, path, codes=codes, options=opts, assignment=a, result=res, overview=overview,
                               progress=progress, cancel=cancel)

        total = len(rows) + (1 if overview else 0)
        return self._start(work, total, self.tr("Writing the atlas"), lambda report: self._pdf_done(report, total))

    def print_atlas(self, printer: QPrinter | None = None):
        """Send the pages to `printer` (default: ask with the system print dialog), in the background."""
        printer = printer or self.ask_printer()
        if printer is None:
            return None
        project, a, result, opts, codes, rows, overview = self._job()

        def work(progress, cancel):
            from planner.render.commune_page import PageRenderer

            res = simulate_for(project, a, opts.scenario_name, result)
            return paint_pages(printer, PageRenderer(project, a, res, opts), rows, overview, progress, cancel)

        self._printer = printer
        total = len(rows) + (1 if overview else 0)
        return self._start(work, total, self.tr("Printing the atlas"), lambda pages: self._print_done(pages, printer))

    def _start(self, work, total: int, title: str, on_done):
        from planner.ui.workers import run_task

        self.options_box.remember()
        self.last_report, self.last_error = None, None
        dlg = QProgressDialog(title, self.tr("Cancel"), 0, total, self)
        dlg.setWindowTitle(title)
        dlg.setWindowModality(Qt.WindowModal)
        dlg.setMinimumDuration(0)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        dlg.setLabelText(self.tr("Preparing the pages…"))
        dlg.setValue(0)
        self.progress_dialog = dlg
        self._total = total
        self._started = time.perf_counter()
        if self._run_task is not None:
            task = self._run_task(work, title, on_done, self._failed)
        else:
            task = run_task(self, work, title, on_done, self._failed)
        self.task = task
        task.thread.progressed.connect(self._progressed, Qt.QueuedConnection)
        task.finished.connect(self._finished)
        dlg.canceled.connect(self.cancel)
        dlg.show()
        self.refresh()
        return task

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            if self.progress_dialog is not None:
                self.progress_dialog.setLabelText(self.tr("Cancelling…"))

    def _progressed(self, fraction: float, message: str) -> None:
        dlg = self.progress_dialog
        if dlg is None:
            return
        k = int(round(fraction * self._total))
        what = self.tr("overview") if message == "overview" else message
        dlg.setLabelText(self.tr("Page {k} of {n}: {what}").format(k=k, n=self._total, what=what))
        dlg.setValue(k)

    def _pdf_done(self, report, total: int) -> None:
        self.last_report = report
        seconds = time.perf_counter() - self._started
        size = report.path.stat().st_size if report.path.exists() else 0
        self.status.setText(self.tr("Wrote {pages} pages to {name} in {seconds:.1f} s ({size}).").format(
            pages=report.pages, name=report.path.name, seconds=seconds, size=human_size(size)))
        self._tell_window(self.status.text())

    def _tell_window(self, message: str) -> None:
        """The outcome also goes to the main window's status bar (the dialog may be closed by then)."""
        window = self.parent()
        if window is not None and hasattr(window, "statusBar"):
            window.statusBar().showMessage(message, 15000)

    def _print_done(self, pages: int, printer: QPrinter) -> None:
        self.last_report = pages
        seconds = time.perf_counter() - self._started
        self.status.setText(self.tr("Sent {pages} pages to {printer} in {seconds:.1f} s.").format(
            pages=pages, printer=printer.printerName() or printer.outputFileName(), seconds=seconds))
        self._tell_window(self.status.text())

    def _failed(self, exc: BaseException) -> None:
        self.last_error = exc
        if isinstance(exc, Cancelled):
            self.status.setText(self.tr("Cancelled: nothing was written."))
        else:
            self.status.setText(self.tr("The atlas failed: {error}").format(error=str(exc) or type(exc).__name__))
        self._tell_window(self.status.text())

    def _finished(self) -> None:
        self.task = None
        if self.progress_dialog is not None:
            self.progress_dialog.hide()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        self.refresh()

    def is_running(self) -> bool:
        return self.task is not None

    def reject(self) -> None:
        if self.task is not None:  # closing the dialog cancels a running atlas (its part file is removed)
            self.cancel()
        super().reject()


__all__ = ["PageOptionsBox", "PrintAtlasDialog", "PrintCommuneDialog", "parse_codes", "phase_rows"]
