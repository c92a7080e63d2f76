"""Help menu dialogs: keyboard shortcuts (read from the window's own actions) and the getting-started guide."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem, QTextBrowser, QVBoxLayout, QWidget,
)

from planner.core.project.paths import resources_dir


def window_shortcuts(window: QWidget) -> list[tuple[str, str, str]]:
    """(menu or group, action text, shortcut) for every action of the window that has a shortcut, sorted."""
    rows = {}
    for action in window.findChildren(QAction):
        keys = [k for k in action.shortcuts() if not k.isEmpty()]
        if not keys or not action.text():
            continue
        text = action.text().replace("&", "").rstrip(".…")
        group = action.property("shortcut_group") or _menu_of(window, action) or QDialog.tr("Map")
        shortcut = ", ".join(k.toString(QKeySequence.NativeText) for k in keys)
        rows[(group, text)] = shortcut
    return sorted((g, t, s) for (g, t), s in rows.items())


def _menu_of(window: QWidget, action: QAction) -> str | None:
    menubar = window.menuBar() if hasattr(window, "menuBar") else None
    if menubar is None:
        return None
    for top in menubar.actions():
        menu = top.menu()
        if menu is not None and action in _all_actions(menu):
            return top.text().replace("&", "")
    return None


def _all_actions(menu) -> list[QAction]:
    out = []
    for a in menu.actions():
        out.append(a)
        if a.menu() is not None:
            out.extend(_all_actions(a.menu()))
    return out


class ShortcutsDialog(QDialog):
    """Help → Keyboard shortcuts: a table of every action's shortcut."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(520, 560)
        rows = window_shortcuts(window)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Menu"), self.tr("Action"), self.tr("Shortcut")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        for r, (group, text, keys) in enumerate(rows):
            for c, value in enumerate((group, text, keys)):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(2)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)


def guide_path(lang: str) -> Path | None:
    """The getting-started guide in `lang` (docs/getting_started[.fr].md in a checkout or in the bundle)."""
    for docs in (resources_dir().parent / "docs", resources_dir() / "docs"):
        for name in ([f"getting_started.{lang}.md"] if lang != "en" else []) + ["getting_started.md"]:
            if (docs / name).exists():
                return docs / name
    return None


class GuideDialog(QDialog):
    """Help → Getting started: the guide from docs/, rendered from Markdown."""

    def __init__(self, parent: QWidget | None, lang: str = "en"):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Getting started"))
        self.resize(760, 680)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        path = guide_path(lang)
        if path is not None:
            self.browser.setSearchPaths([str(path.parent)])
            self.browser.setMarkdown(path.read_text(encoding="utf-8"))
        else:
            self.browser.setPlainText(self.tr("The getting-started guide is missing from this installation."))
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.browser.setFocus(Qt.OtherFocusReason)
