"""Base of the pages that edit one scenario (parameters, costs): they follow the scenario chosen in the list and
reload from the project after each edit, at once when on screen, else when next shown (editing elsewhere stays
fast). Subclasses implement `load()`."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget


class ScenarioPage(QWidget):
    """Holds `document`, the scenario `index` it edits and the `_loading` guard of its widgets' signals."""

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.index = document.project.active_scenario
        self._loading = False
        self._stale = False

    def load(self) -> None:
        raise NotImplementedError

    def set_index(self, index: int) -> None:
        if 0 <= index < len(self.document.project.scenarios):
            self.index = index
            self.load_when_visible()

    def load_when_visible(self) -> None:
        """Reload now if on screen, else when next shown."""
        if self.isVisible():
            self.load()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.load()
