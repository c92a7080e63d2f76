"""The session: the open project, its one undo stack, its revision, and change events — Qt-free.

Every edit, from the window, the command line or a test, goes through `Session.push(command)`. The window's
document (planner/ui/common/document.py) observes a Session and turns its events into Qt signals; it keeps no
undo stack of its own, so the tests exercise the same undo path as the users.

Events (subscribe with `session.subscribe(event, callback)`):
  'changed'  (command)   a command was done, undone or redone; project.revision was bumped first
  'replaced' ()          a whole new project was set (history cleared)
  'clean'    (is_clean)  the saved/unsaved state flipped
  'stack'    ()          the history changed (undo/redo availability or labels)
Merging follows Qt's QUndoStack: a pushed command is merged into the previous one when both have the same
`merge_id` (not -1) and `previous.merge_with(new)` accepts; merging into the saved state makes it unsaved.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Callable

from planner.core.project.commands import Command
from planner.core.project.model import Project

EVENTS = ("changed", "replaced", "clean", "stack")


class Session:
    """The project being edited, one undo history, and observers."""

    def __init__(self, project: Project | None = None):
        self.project = project if project is not None else Project()
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._clean_index: int | None = 0  # len(_done) at the last save; None: the saved state is unreachable
        self._listeners: dict[str, list[Callable]] = defaultdict(list)

    # --- observers -------------------------------------------------------------------------------
    def subscribe(self, event: str, callback: Callable) -> Callable[[], None]:
        """Call `callback` on `event`; returns a function that unsubscribes it."""
        if event not in EVENTS:
            raise ValueError(f"unknown session event {event!r} (have {', '.join(EVENTS)})")
        self._listeners[event].append(callback)
        return lambda: self.unsubscribe(event, callback)

    def unsubscribe(self, event: str, callback: Callable) -> None:
        try:
            self._listeners[event].remove(callback)
        except ValueError:
            pass

    def _emit(self, event: str, *args) -> None:
        for callback in list(self._listeners[event]):
            callback(*args)

    @property
    def revision(self) -> int:
        return self.project.revision

    # --- editing ---------------------------------------------------------------------------------
    def push(self, command: Command) -> None:
        """Do `command` and put it on the history (merged into the previous one where both agree)."""
        was_clean = self.is_clean()
        command.do(self.project)
        self._undone.clear()
        if self._clean_index is not None and self._clean_index > len(self._done):
            self._clean_index = None  # the saved state was in the redo history that is now gone
        previous = self._done[-1] if self._done else None
        mid = getattr(command, "merge_id", -1)
        if (previous is not None and mid != -1 and getattr(previous, "merge_id", -1) == mid
                and previous.merge_with(command)):
            if self._clean_index == len(self._done):
                self._clean_index = None
        else:
            self._done.append(command)
        self._after(command, was_clean)

    def undo(self) -> Command | None:
        if not self._done:
            return None
        was_clean = self.is_clean()
        command = self._done.pop()
        command.undo(self.project)
        self._undone.append(command)
        self._after(command, was_clean)
        return command

    def redo(self) -> Command | None:
        if not self._undone:
            return None
        was_clean = self.is_clean()
        command = self._undone.pop()
        command.do(self.project)
        self._done.append(command)
        self._after(command, was_clean)
        return command

    def _after(self, command: Command, was_clean: bool) -> None:
        self.project.revision += 1
        self._emit("changed", command)
        self._emit("stack")
        if self.is_clean() != was_clean:
            self._emit("clean", self.is_clean())

    # --- history ---------------------------------------------------------------------------------
    def can_undo(self) -> bool:
        return bool(self._done)

    def can_redo(self) -> bool:
        return bool(self._undone)

    def undo_label(self) -> str | None:
        return self._done[-1].label if self._done else None

    def redo_label(self) -> str | None:
        return self._undone[-1].label if self._undone else None

    @property
    def index(self) -> int:
        """Number of commands done (the position in the history)."""
        return len(self._done)

    def count(self) -> int:
        return len(self._done) + len(self._undone)

    def set_clean(self) -> None:
        """Mark the current state as saved."""
        was_clean = self.is_clean()
        self._clean_index = len(self._done)
        if not was_clean:
            self._emit("clean", True)

    def reset_clean(self) -> None:
        """Mark the project as unsaved whatever the history (e.g. after a failed load of its file)."""
        was_clean = self.is_clean()
        self._clean_index = None
        if was_clean:
            self._emit("clean", False)

    def is_clean(self) -> bool:
        return self._clean_index == len(self._done)

    def is_modified(self) -> bool:
        return not self.is_clean()

    def replace(self, project: Project, clean: bool = True) -> None:
        """Open another project: history cleared, observers told."""
        was_clean = self.is_clean()
        self.project = project
        self._done.clear()
        self._undone.clear()
        self._clean_index = 0 if clean else None
        self._emit("replaced")
        self._emit("stack")
        if self.is_clean() != was_clean:
            self._emit("clean", self.is_clean())
