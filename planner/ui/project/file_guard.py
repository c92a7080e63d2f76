"""The window's watch over its project file: open elsewhere (lock beside it) and changed elsewhere (fingerprint).

ProjectActions calls `confirm_open(path)` before loading (the file is open in another window or by a
colleague: says by whom and since when, asks), `opened(path)` / `saved(path)` after (fingerprint and lock),
`before_save(path)` before saving onto the loaded file (changed since? asks: overwrite, save under another
name, reload, cancel) and `release()` when the project is closed. See planner/io/project/lock.py.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from planner.io.project import lock
from planner.ui.common.plain_text import as_plain


#: how often the open project's lock is refreshed (well under lock.STALE_HOURS)
REFRESH_MINUTES = 30


class FileGuard(QObject):
    def __init__(self, mw):
        super().__init__(mw)
        self.mw = mw
        self.path: str | None = None
        self.seen: lock.Fingerprint | None = None
        # the lock is refreshed now and then, so that a session left open for a day is not taken for a crash
        self.refresher = QTimer(self)
        self.refresher.setInterval(REFRESH_MINUTES * 60 * 1000)
        self.refresher.timeout.connect(self.refresh)
        self.refresher.start()

    # --- open -----------------------------------------------------------------------------
    def confirm_open(self, path: str) -> bool:
        """True to go on opening `path`; asks first when another session holds it open."""
        other = lock.holder(path)
        if other is None or (self.path and os.path.abspath(self.path) == os.path.abspath(path)):
            return True
        answer = QMessageBox.question(
            self.mw, self.tr("Project open elsewhere"),
            as_plain(self.tr("{file} is already open in Rollout Planner: {who}.\n\nOpen it anyway? If both of you "
                             "save, the last save replaces the other's work (you will be asked before that "
                             "happens).").format(file=os.path.basename(path), who=other.describe())),
            QMessageBox.Open | QMessageBox.Cancel, QMessageBox.Cancel)
        return answer == QMessageBox.Open

    def opened(self, path: str | None) -> None:
        """A project file was loaded (or a project without file replaced the open one)."""
        self._switch(path)

    def saved(self, path: str) -> None:
        self._switch(path)

    def _switch(self, path: str | None) -> None:
        path = str(path) if path else None
        if self.path and self.path != path:
            lock.release(self.path)
        self.path = path
        self.seen = lock.Fingerprint.of(path) if path else None
        if path:
            lock.acquire(path)

    def refresh(self) -> None:
        """Keep the lock fresh (called after each autosave): a lock left by a crash ages and becomes stale."""
        if self.path and os.path.exists(self.path):
            lock.acquire(self.path)

    def release(self) -> None:
        if self.path:
            lock.release(self.path)
        self.path, self.seen = None, None

    # --- save ------------------------------------------------------------------------------
    def changed_elsewhere(self, path: str) -> bool:
        return (self.path is not None and os.path.abspath(path) == os.path.abspath(self.path)
                and lock.changed_since(path, self.seen))

    def before_save(self, path: str) -> str:
        """'save' to go on, or the user's choice when the file changed since it was loaded or saved here:
        'save' (overwrite), 'save_as', 'reload' or 'cancel'."""
        if not self.changed_elsewhere(path):
            return "save"
        return self.ask_changed(path)

    def ask_changed(self, path: str) -> str:
        box, buttons = self.changed_box(path)
        box.exec()
        return buttons.get(box.clickedButton(), "cancel")

    def changed_box(self, path: str):
        """The question asked when the file changed elsewhere, and its buttons -> choices."""
        box = QMessageBox(QMessageBox.Warning, self.tr("Project changed elsewhere"), "", QMessageBox.NoButton, self.mw)
        box.setTextFormat(Qt.PlainText)
        other = lock.holder(path)
        who = self.tr(" It is open in Rollout Planner: {who}.").format(who=other.describe()) if other else ""
        box.setText(self.tr("{file} was changed by another program or person since you opened it.{who}\n\n"
                            "Saving now would replace their changes.").format(file=path, who=who))
        buttons = {
            box.addButton(self.tr("Overwrite"), QMessageBox.DestructiveRole): "save",
            box.addButton(self.tr("Save as…"), QMessageBox.AcceptRole): "save_as",
            box.addButton(self.tr("Reload theirs"), QMessageBox.ResetRole): "reload",
            box.addButton(QMessageBox.Cancel): "cancel",
        }
        box.setDefaultButton([b for b, v in buttons.items() if v == "save_as"][0])
        return box, buttons
