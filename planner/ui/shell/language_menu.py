"""View → Language: choose English, French or the system's language; restart to apply, reopening the project."""
from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication, QProcess
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMessageBox

from planner.ui.shell.i18n import LANGUAGES, current_language, resolve_language
from planner.ui.common.window_part import WindowPart


def restart_command(project_path: str | None) -> tuple[str, list[str]]:
    """(program, arguments) that start Rollout Planner again on `project_path` (or on the demo plan)."""
    args = [project_path] if project_path else []
    if getattr(sys, "frozen", False):
        return sys.executable, args
    return sys.executable, [os.path.abspath(sys.argv[0] or "main.py")] + args


class LanguageMenu(WindowPart):
    """The radio items of View → Language and what happens when one is chosen."""

    def __init__(self, window):
        super().__init__(window)
        self.settings = window.settings
        menu = window.menu("View").addMenu(self.tr("&Language"))
        self.group = QActionGroup(self)
        self.actions: dict[str, QAction] = {}
        choices = [("", self.tr("System language"))] + list(LANGUAGES.items())
        for code, name in choices:
            action = QAction(name, self, checkable=True)
            action.setData(code)
            action.setChecked(code == self.settings.language)
            action.triggered.connect(lambda _checked=False, c=code: self.choose(c))
            self.group.addAction(action)
            menu.addAction(action)
            self.actions[code] = action
        self.menu = menu

    def choose(self, code: str) -> None:
        """Store the choice; if it changes the language, offer to restart now (only without unsaved changes)."""
        self.settings.set_value("ui/language", code)
        self.actions[code].setChecked(True)
        target = resolve_language(code)
        if target == current_language():
            return
        name = LANGUAGES[target]
        if self.window.document.is_modified():
            QMessageBox.information(self.window, self.tr("Language"), self.tr(
                "The interface will be in {0} the next time you start Rollout Planner "
                "(save your project first).").format(name))
            return
        answer = QMessageBox.question(self.window, self.tr("Language"), self.tr(
            "Restart Rollout Planner in {0} now? The project is reopened as it was saved.").format(name),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
        if answer == QMessageBox.Yes:
            self.restart()

    def restart(self) -> bool:
        """Start a new instance on the same project file, then quit this one; False if it could not start."""
        program, args = restart_command(self.window.document.project.path)
        if not QProcess.startDetached(program, args):
            QMessageBox.warning(self.window, self.tr("Language"),
                                self.tr("Could not restart; the new language applies at the next start."))
            return False
        self.window.close()
        QCoreApplication.quit()
        return True


def install_language_menu(window) -> LanguageMenu:
    window.language_menu = LanguageMenu(window)
    return window.language_menu
