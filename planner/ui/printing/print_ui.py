"""File → Print commune… (Ctrl+P) and Print atlas… (Ctrl+Shift+P) in the main window: `install_print_ui(window)`."""
from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from planner.core.errors import PlannerError
from planner.ui.common.window_part import WindowPart


class PrintUI(WindowPart):
    """The print actions of a main window and the commune under the cursor they fall back on."""

    def __init__(self, window):
        super().__init__(window)
        self.hover_row = -1
        self.commune_dialog = None
        self.atlas_dialog = None
        self.act_print_commune = QAction(self.tr("Print &commune…"), window)
        self.act_print_commune.setObjectName("actPrintCommune")
        self.act_print_commune.setShortcut(QKeySequence(self.tr("Ctrl+P")))
        tip = self.tr("Print the selected commune's map page (or the one under the cursor) to a printer or PDF")
        self.act_print_commune.setToolTip(tip)
        self.act_print_commune.setStatusTip(tip)
        self.act_print_commune.triggered.connect(self.print_commune)
        self.act_print_atlas = QAction(self.tr("Print &atlas…"), window)
        self.act_print_atlas.setObjectName("actPrintAtlas")
        self.act_print_atlas.setShortcut(QKeySequence(self.tr("Ctrl+Shift+P")))
        tip = self.tr("Print the pages of many communes as one PDF: all, the selected ones, a phase or a filter")
        self.act_print_atlas.setToolTip(tip)
        self.act_print_atlas.setStatusTip(tip)
        self.act_print_atlas.triggered.connect(self.print_atlas)
        menu = window.menu("File")
        before = getattr(window, "act_quit", None)
        if before is not None and before in menu.actions():
            menu.insertAction(before, self.act_print_commune)
            menu.insertAction(before, self.act_print_atlas)
            menu.insertSeparator(before)
        else:
            menu.addSeparator()
            menu.addAction(self.act_print_commune)
            menu.addAction(self.act_print_atlas)
        window.canvas.mouseMoved.connect(self._on_mouse_moved)
        window.document.projectReplaced.connect(self._update_enabled)
        window.document.layersChanged.connect(self._update_enabled)
        self._update_enabled()

    def _update_enabled(self) -> None:
        ok = self.window.document.project.communes is not None
        self.act_print_commune.setEnabled(ok)
        self.act_print_atlas.setEnabled(ok)

    def _on_mouse_moved(self, x: float, y: float) -> None:
        locator = getattr(self.window, "commune_locator", None)
        self.hover_row = locator.row_at(x, y) if locator is not None and locator.communes is not None else -1

    def target_row(self) -> int | None:
        """The commune to print: the selected one with the lowest INSEE code, else the one under the cursor."""
        doc = self.window.document
        communes = doc.project.communes
        if communes is None:
            return None
        if doc.selected_communes:
            return min(doc.selected_communes, key=lambda r: str(communes.codes[r]))
        if self.hover_row >= 0 and self.window.canvas.underMouse():
            return self.hover_row
        return None

    def print_commune(self):
        """Open the Print commune dialog (returns it)."""
        from planner.ui.common import errors as ui_errors
        from planner.ui.printing.print_commune_dialog import PrintCommuneDialog

        try:
            dlg = PrintCommuneDialog(self.window.document, self.window.settings, self.target_row(), self.window)
        except PlannerError as exc:
            ui_errors.show_error(self.window, exc)
            return None
        self.commune_dialog = dlg
        dlg.open()
        return dlg

    def print_atlas(self):
        """Open the Print atlas dialog (returns it); the atlas runs in the window's task runner."""
        from planner.ui.common import errors as ui_errors
        from planner.ui.printing.print_atlas_dialog import PrintAtlasDialog

        try:
            dlg = PrintAtlasDialog(self.window.document, self.window.settings, self.window, self.window.run_task)
        except PlannerError as exc:
            ui_errors.show_error(self.window, exc)
            return None
        self.atlas_dialog = dlg
        dlg.open()
        return dlg


def install_print_ui(window) -> PrintUI:
    """Add File → Print commune… and Print atlas… to `window` (kept as `window.print_ui`)."""
    window.print_ui = PrintUI(window)
    return window.print_ui
