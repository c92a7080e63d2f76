"""File → Print commune…: one commune's page with a live thumbnail; preview, printer or PDF."""
from __future__ import annotations

import re
import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QCompleter, QFormLayout, QVBoxLayout, QWidget

from planner.core.errors import PlannerError
from planner.core.operations.print import PrintAtlas
from planner.core.printing.selection import CommuneSelection, fold_accents
from planner.ui.printing.print_preview import paint_pages
from planner.ui.printing.print_common import human_size, PrintDialogBase


class PrintCommuneDialog(PrintDialogBase):
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
        self.preview_button, self.print_button, self.pdf_button = self.make_buttons([
            (self.tr("Pre&view…"), self.tr("Show the page in a print preview"), self.preview),
            (self.tr("&Print…"), self.tr("Send the page to a printer"), self.print_page),
            (self.tr("Save as P&DF…"), self.tr("Write the page to a PDF file (vector, text selectable)"),
             self.save_pdf_dialog)])
        self.place(left)
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
        hits = [r for r in range(len(communes)) if text and fold_accents(text) in fold_accents(communes.names[r])]
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

    def operation(self, path) -> PrintAtlas:
        """The PrintAtlas of the chosen commune's page (as `print --commune CODE` builds it)."""
        row = self.selected_row()
        codes = [] if row is None else [str(self.document.project.communes.codes[row])]
        return PrintAtlas(output=str(path), selection=CommuneSelection("codes", codes=codes),
                          page=self.options_box.options())

    def save_pdf(self, path) -> Path:
        """Write the chosen commune's page to `path` (PDF, written beside it then renamed)."""
        if self._need_row() is None:
            raise PlannerError(self.tr("no commune chosen"))
        renderer = self.renderer()
        t0 = time.perf_counter()
        report = self.operation(path).run(renderer.project, assignment=renderer.assignment, result=renderer.result,
                                          renderer=renderer)
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
