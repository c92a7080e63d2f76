"""The open project as seen by every view: the model, one QUndoStack, selection, the current month, and signals.

One model, many views: the map, the phase table, the curves and print all observe this object.
Every edit goes through `push(command)` (a core Command wrapped in a QUndoCommand), so it is undoable
and the window title can show unsaved changes (`undo_stack.isClean()`).
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from planner.core.project.commands import Command
from planner.core.project.model import Project


class _QtCommand(QUndoCommand):
    """Adapter: a core Command on the Qt undo stack."""

    def __init__(self, document: "ProjectDocument", command: Command):
        super().__init__(command.label)
        self.document = document
        self.command = command

    def redo(self) -> None:
        self.command.do(self.document.project)
        self.document._after(self.command)

    def undo(self) -> None:
        self.command.undo(self.document.project)
        self.document._after(self.command)

    def id(self) -> int:
        return getattr(self.command, "merge_id", -1)

    def mergeWith(self, other: QUndoCommand) -> bool:
        return isinstance(other, _QtCommand) and self.command.merge_with(other.command)


class ProjectDocument(QObject):
    """Holds the project and tells views when it changes."""

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

    def __init__(self, project: Project | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.project = project or Project()
        self.undo_stack = QUndoStack(self)
        self.selected_communes: set[int] = set()
        self.current_phase_id: int | None = None
        self.month: int = 0

    # --- editing -------------------------------------------------------------------------
    def push(self, command: Command) -> None:
        """Do `command` through the undo stack."""
        self.undo_stack.push(_QtCommand(self, command))

    def _after(self, command: Command) -> None:
        self.project.revision += 1
        self.changed.emit(command)

    # --- whole project ---------------------------------------------------------------------
    def set_project(self, project: Project) -> None:
        """Replace the open project (after New/Open/load); clears undo history and selection."""
        self.project = project
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.selected_communes = set()
        self.current_phase_id = None
        self.month = 0
        self.projectReplaced.emit()

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

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()
