"""File → Print atlas…: which communes (all, selection, phase, filter, codes), overview page, written in the background."""
from __future__ import annotations

import os
import re
import time

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QProgressDialog, QPushButton, QRadioButton, QSpinBox, QVBoxLayout, QWidget)

from planner.core.errors import Cancelled, PlannerError
from planner.ui.printing.print_preview import PREVIEW_PAGES, paint_pages
from planner.core.operations.print import PrintAtlas
from planner.core.printing.selection import CommuneSelection, parse_codes
from planner.ui.printing.print_common import current_result, simulate_for, print_folder, human_size, PrintDialogBase


class PrintAtlasDialog(PrintDialogBase):
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

        which = self._build_which(project)
        self.overview_check = QCheckBox(self.tr("Start with an &overview page (territory map, curve, phases)"), self)
        self.overview_check.setToolTip(self.tr("A first page with the whole territory by phase and its coverage curve"))

        out_row = self._build_output(project)

        self._choose_defaults(document, project)

        self.preview_button, self.print_button, self.write_button = self.make_buttons([
            (self.tr("Pre&view…"), self.tr("Preview the first {n} pages").format(n=PREVIEW_PAGES), self.preview),
            (self.tr("&Print…"), self.tr("Send the atlas to a printer (in the background)"), self.print_atlas),
            (self.tr("&Write PDF"), self.tr("Write the atlas to the output PDF in the background"),
             lambda: self.write_pdf())])

        left = QVBoxLayout()
        left.addWidget(which)
        left.addWidget(self.overview_check)
        left.addWidget(self.options_box)
        left.addLayout(out_row)
        left.addWidget(self.status)
        left.addStretch(1)
        self.place(left)

        self._connect_criteria()
        self.refresh()

    def _build_which(self, project) -> QGroupBox:
        """The Communes box: all, the selection, a phase's, those matching criteria, or a list of INSEE codes."""
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
        return which

    def _build_output(self, project) -> QHBoxLayout:
        """The output PDF row, prefilled with atlas_<project>.pdf in the print folder."""
        out_row = QHBoxLayout()
        self.output = QLineEdit(self)
        self.output.setToolTip(self.tr("The PDF to write (replaced only when the atlas is complete)"))
        folder = print_folder(self.settings, project)
        stem = re.sub(r"[^\w-]+", "_", f"atlas_{project.name}").strip("_") or "atlas"
        self.output.setText(os.path.join(folder, stem + ".pdf"))
        browse = QPushButton(self.tr("&Browse…"), self)
        browse.setToolTip(self.tr("Choose the PDF file"))
        browse.clicked.connect(self._browse)
        out_row.addWidget(QLabel(self.tr("Output PDF:"), self))
        out_row.addWidget(self.output, 1)
        out_row.addWidget(browse)
        return out_row

    def _choose_defaults(self, document, project) -> None:
        """The selection if any, else everything; the current phase; the overview for a whole atlas."""
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

    def _connect_criteria(self) -> None:
        """Every criterion refreshes the count and preview; typing in one selects its mode."""
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

    def selection(self) -> CommuneSelection:
        """The communes chosen, as the core CommuneSelection `print` builds too (the map's selection: its codes)."""
        mode = self.mode()
        if mode == "all":
            return CommuneSelection("all")
        if mode == "selected":
            codes = self.document.project.communes.codes
            return CommuneSelection("codes", codes=[str(codes[r]) for r in sorted(self.document.selected_communes)])
        if mode == "phase":
            phase = self.phase.currentText() if self.phase.count() else None
            return CommuneSelection("phase", phase=phase)
        if mode == "filter":
            return CommuneSelection("filter", name_contains=self.name_filter.text(),
                                    insee_prefix=self.prefix_filter.text(), min_units=self.units_filter.value())
        return CommuneSelection("codes", codes=parse_codes(self.codes_edit.text()))

    def operation(self, path: str | None = None) -> PrintAtlas:
        """The PrintAtlas the dialog describes (into `path`, default the output box)."""
        return PrintAtlas(output=path or self.output.text().strip(), selection=self.selection(),
                          overview=self.overview(), page=self.options_box.options())

    def unknown_codes(self) -> list[str]:
        return self.selection().unknown_codes(self.document.project)

    def rows(self) -> list[int]:
        """Commune rows to print, in INSEE order."""
        selection = self.selection()
        if selection.mode == "phase" and selection.phase is None:
            return []
        return selection.rows(self.document.project, self.assignment())

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
    def write_pdf(self, path: str | None = None):
        """Write the atlas to `path` (default: the output box) in the background; returns the Task."""
        path = path or self.output.text().strip()
        if not path:
            self.status.setText(self.tr("Choose the output PDF first."))
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
            self.output.setText(path)
        op = self.operation(path)
        rows = self.rows()
        if not rows:
            return None
        project, a = self.document.project.snapshot(), self.assignment()
        result = current_result(self.document, op.page.scenario_name)

        def work(progress, cancel):
            return op.run(project, progress, cancel, assignment=a, result=result)

        total = len(rows) + (1 if op.overview else 0)
        return self._start(work, total, self.tr("Writing the atlas"), lambda report: self._pdf_done(report, total))

    def print_atlas(self, printer: QPrinter | None = None):
        """Send the pages to `printer` (default: ask with the system print dialog), in the background."""
        printer = printer or self.ask_printer()
        if printer is None:
            return None
        opts, rows, overview = self.options_box.options(), self.rows(), self.overview()
        project, a = self.document.project.snapshot(), self.assignment()
        result = current_result(self.document, opts.scenario_name)

        def work(progress, cancel):
            from planner.render.printing.commune_page import PageRenderer

            res = simulate_for(project, a, opts.scenario_name, result)
            return paint_pages(printer, PageRenderer(project, a, res, opts), rows, overview, progress, cancel)

        self._printer = printer
        total = len(rows) + (1 if overview else 0)
        return self._start(work, total, self.tr("Printing the atlas"), lambda pages: self._print_done(pages, printer))

    def _start(self, work, total: int, title: str, on_done):
        from planner.ui.common.workers import run_task

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
