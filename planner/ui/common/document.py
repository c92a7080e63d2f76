"""The open project as seen by every view: a core Session observed from Qt, plus selection and the current month.

One model, many views: the map, the phase table, the curves and print all observe this object. The project, its
one undo history, its revision and its saved state live in `document.session` (planner/core/project/session.py,
Qt-free, the same object the command line and the tests drive); this QObject only turns the session's events into
Qt signals. Every edit goes through `push(command)` (= `session.push`), so it is undoable and the window title
can show unsaved changes (`is_modified()`).

The session holds the document only weakly (its callbacks look the document up through a weak reference and do
nothing once its C++ object is gone), so a closed window is freed by reference counting, and a session event that
arrives while the window is being destroyed touches no deleted Qt object.
"""
from __future__ import annotations

import weakref

import shiboken6
from PySide6.QtCore import QObject, Signal

from planner.core.project.commands import Command
from planner.core.project.model import Project
from planner.core.project.session import Session


def _forward(document: "ProjectDocument", method: str):
    """A session callback calling `document.<method>` while the document (its Python and C++ sides) lives."""
    ref = weakref.ref(document)

    def call(*args) -> None:
        doc = ref()
        if doc is not None and shiboken6.isValid(doc):
            getattr(doc, method)(*args)
    return call


class ProjectDocument(QObject):
    """Observes a Session (`session`) and tells views when the project changes."""

    #: a whole new project was loaded (views rebuild everything)
    projectReplaced = Signal()
    #: a command was done/undone; argument: the Command (see Command.touches / first_changed_phase)
    changed = Signal(object)
    #: a layer was added/removed/restyled (layers panel, canvas)
    layersChanged = Signal()
    #: selected communes (row indices) or current phase changed
    selectionChanged = Signal()
    #: the time slider moved; argument: month index from the scenario start
    monthChanged = Signal(int)
    #: the saved/unsaved state flipped; argument: True when clean (what QUndoStack.cleanChanged said)
    cleanChanged = Signal(bool)
    #: the history changed: undo/redo availability or their labels (Edit menu)
    historyChanged = Signal()
    #: the window closes: observers stop their background work (see `close`)
    closing = Signal()

    def __init__(self, project: Project | None = None, parent: QObject | None = None,
                 session: Session | None = None):
        super().__init__(parent)
        self.session = session if session is not None else Session(project)
        self.selected_communes: set[int] = set()
        self.current_phase_id: int | None = None
        self.month: int = 0
        self.closed = False
        self._unsubscribe = [self.session.subscribe(event, _forward(self, method)) for event, method in (
            ("changed", "_on_changed"), ("replaced", "_on_replaced"), ("clean", "_on_clean"),
            ("stack", "_on_stack"))]

    @property
    def project(self) -> Project:
        return self.session.project

    @property
    def revision(self) -> int:
        """The session's revision: bumped by every edit, undo and redo (results are tagged with it)."""
        return self.session.project.revision

    # --- editing -------------------------------------------------------------------------
    def push(self, command: Command) -> None:
        """Do `command` on the session's undo stack."""
        self.session.push(command)

    def undo(self) -> Command | None:
        return self.session.undo()

    def redo(self) -> Command | None:
        return self.session.redo()

    def undo_text(self) -> str:
        """The label of the step Undo would take back ('' when none), like QUndoStack.undoText()."""
        return self.session.undo_label() or ""

    def redo_text(self) -> str:
        return self.session.redo_label() or ""

    # --- whole project ---------------------------------------------------------------------
    def set_project(self, project: Project) -> None:
        """Replace the open project (after New/Open/load); clears undo history and selection."""
        self.selected_communes = set()
        self.current_phase_id = None
        self.month = 0
        self.session.replace(project)

    def close(self) -> None:
        """The window closed: tell observers (worker threads stop) and stop observing the session, which stays
        usable (a script or test may go on with it)."""
        if self.closed:
            return
        self.closed = True
        self.closing.emit()
        for off in self._unsubscribe:
            off()
        self._unsubscribe = []

    # --- saved state ---------------------------------------------------------------------
    def is_modified(self) -> bool:
        return self.session.is_modified()

    def set_clean(self) -> None:
        """The project as it is now was saved."""
        self.session.set_clean()

    def reset_clean(self) -> None:
        """Unsaved whatever the history (e.g. a recovered project)."""
        self.session.reset_clean()

    # --- selection and time --------------------------------------------------------------
    def set_selected_communes(self, rows) -> None:
        self.selected_communes = set(int(r) for r in rows)
        self.selectionChanged.emit()

    def set_current_phase(self, phase_id: int | None) -> None:
        self.current_phase_id = phase_id
        self.selectionChanged.emit()

    def set_month(self, month: int) -> None:
        if month != self.month:
            self.month = int(month)
            self.monthChanged.emit(self.month)

    # --- session events ------------------------------------------------------------------
    def _on_changed(self, command: Command) -> None:
        self.changed.emit(command)

    def _on_replaced(self) -> None:
        self.projectReplaced.emit()

    def _on_clean(self, clean: bool) -> None:
        self.cleanChanged.emit(bool(clean))

    def _on_stack(self) -> None:
        self.historyChanged.emit()
