"""The base of what a plug-in installs in the main window (project, phase, coverage, print, language UIs)."""
from __future__ import annotations

from PySide6.QtCore import QObject


class WindowPart(QObject):
    """A Qt child of the main window that reaches it as `mw` (or `window`) through its Qt parent.

    The window keeps its parts as attributes (`mw.phase_ui`…); a part holding the window in a Python attribute
    too made a reference cycle that kept every closed window, its project and its threads alive until a garbage
    collection. Through the Qt parent there is no cycle.
    """

    def __init__(self, mw):
        super().__init__(mw)

    @property
    def mw(self):
        return self.parent()

    @property
    def window(self):
        return self.parent()
