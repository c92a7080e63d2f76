"""Edit → Undo / Redo over the document's session: the text names the step, enabled only when there is one."""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QIcon, QKeySequence


class HistoryActions(QObject):
    """The Undo and Redo actions of a window (`undo`, `redo`), following `document.historyChanged`.

    As QUndoStack's actions did: "&Undo Move vertex of Phase 3" while there is a step, "&Undo" and disabled when
    there is none; the tooltip adds the shortcut.
    """

    def __init__(self, document, window, undo_prefix: str, redo_prefix: str, undo_icon: QIcon, redo_icon: QIcon):
        super().__init__(window)
        self.document = document
        self._prefixes = (undo_prefix, redo_prefix)
        self.undo = self._make(window, undo_prefix, QKeySequence.Undo, undo_icon, self._undo)
        self.redo = self._make(window, redo_prefix, QKeySequence.Redo, redo_icon, self._redo)
        document.historyChanged.connect(self.refresh)
        self.refresh()

    @staticmethod
    def _make(window, text: str, key, icon: QIcon, slot) -> QAction:
        act = QAction(text, window)
        act.setShortcut(QKeySequence(key))
        act.setIcon(icon)
        act.triggered.connect(slot)
        return act

    def _undo(self) -> None:
        self.document.undo()

    def _redo(self) -> None:
        self.document.redo()

    def refresh(self) -> None:
        session = self.document.session
        steps = ((self.undo, self._prefixes[0], session.undo_label(), QKeySequence.Undo),
                 (self.redo, self._prefixes[1], session.redo_label(), QKeySequence.Redo))
        for act, prefix, label, key in steps:
            text = f"{prefix} {label}" if label else prefix
            act.setEnabled(label is not None)
            if act.text() != text:
                act.setText(text)
            tip = f"{text.replace('&', '')} ({QKeySequence(key).toString(QKeySequence.NativeText)})"
            if act.toolTip() != tip:
                act.setToolTip(tip)
