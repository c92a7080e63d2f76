"""Undoable commands over the project (do/undo/label) and a headless undo stack.

Every edit of a project goes through a Command. The GUI wraps each one in a QUndoCommand on one
QUndoStack; the command line and the tests use `CommandStack` directly.
"""
from __future__ import annotations

from typing import Callable

from planner.core.project.model import Project


class Command:
    """One undoable edit. Subclasses implement `do` and `undo`; `label` names the step ('Move vertex of Phase 3')."""

    label: str = "Edit"
    #: what the command touches, so observers recompute only what they must:
    #: 'phases' (attributes), 'geometry' (zones/communes of phases -> reassignment), 'order', 'scenario', 'layers'
    touches: frozenset[str] = frozenset({"phases"})
    #: index of the first phase whose assignment may change (None = none; 0 = all)
    first_changed_phase: int | None = 0

    def do(self, project: Project) -> None:
        raise NotImplementedError

    def undo(self, project: Project) -> None:
        raise NotImplementedError

    def merge_with(self, other: "Command") -> bool:
        """Absorb `other` (same kind, pushed right after) into this one; True if merged."""
        return False


class CommandStack:
    """A headless undo stack: push runs `do`; undo/redo walk the history; `clean` marks the saved state."""

    def __init__(self, project: Project, on_change: Callable[[Command], None] | None = None):
        self.project = project
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._clean_index = 0
        self.on_change = on_change

    def push(self, cmd: Command) -> None:
        cmd.do(self.project)
        self.project.revision += 1
        self._undone.clear()
        if self._done and self._done[-1].merge_with(cmd):
            pass
        else:
            self._done.append(cmd)
        if self.on_change:
            self.on_change(cmd)

    def undo(self) -> Command | None:
        if not self._done:
            return None
        cmd = self._done.pop()
        cmd.undo(self.project)
        self.project.revision += 1
        self._undone.append(cmd)
        if self.on_change:
            self.on_change(cmd)
        return cmd

    def redo(self) -> Command | None:
        if not self._undone:
            return None
        cmd = self._undone.pop()
        cmd.do(self.project)
        self.project.revision += 1
        self._done.append(cmd)
        if self.on_change:
            self.on_change(cmd)
        return cmd

    def can_undo(self) -> bool:
        return bool(self._done)

    def can_redo(self) -> bool:
        return bool(self._undone)

    def undo_label(self) -> str | None:
        return self._done[-1].label if self._done else None

    def redo_label(self) -> str | None:
        return self._undone[-1].label if self._undone else None

    def set_clean(self) -> None:
        self._clean_index = len(self._done)

    def is_clean(self) -> bool:
        return self._clean_index == len(self._done)
