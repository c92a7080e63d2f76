"""Common ground of the map tools: the `handle(event) -> bool` protocol, the push callback and a message."""
from __future__ import annotations

from typing import Callable

from planner.core.project.commands import Command
from planner.core.errors import PlannerError
from planner.core.project.model import Project
from planner.core.tools.events import MapEvent


class MapTool:
    """A state machine fed MapEvents by the canvas; edits go out as Commands through `push(command)`.

    `handle(event)` returns True when the event was consumed (the canvas then neither pans nor zooms).
    `message` holds the last hint or refusal to show in the status bar ('' when none).
    `changed` (optional callable) is called whenever the overlay changes, so the canvas can repaint.
    """

    def __init__(self, project: Project, push: Callable[[Command], None], changed: Callable[[], None] | None = None):
        self.project = project
        self.push = push
        self.changed = changed
        self.message = ""

    def handle(self, event: MapEvent) -> bool:
        raise NotImplementedError

    def deactivate(self) -> None:
        """Called by the canvas when another tool takes over."""

    def _notify(self) -> None:
        if self.changed is not None:
            self.changed()

    def _push(self, command_factory: Callable[[], Command]) -> bool:
        """Build and push a command; a PlannerError becomes the tool's message. True when pushed."""
        try:
            command = command_factory()
        except PlannerError as exc:
            self.message = str(exc)
            return False
        self.push(command)
        return True
