"""Undoable commands over the project (do/undo/label).

Every edit of a project goes through a Command pushed on the one undo stack, planner.core.project.session.Session
(the window's document observes a Session; the command line and the tests push on one directly).
"""
from __future__ import annotations

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
