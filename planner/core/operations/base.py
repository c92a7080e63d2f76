"""What every operation is: a parameters dataclass that knows how to run itself.

    @dataclass
    class GoalSeek(Operation):
        title = "Goal seek"
        target_pct: float = 66.0
        ...
        def run(self, project, progress=no_progress, cancel=never_cancel) -> GoalSeekResult: ...

The window's dialog and the command line's subcommand both build the dataclass from what the user chose and
call `run`, so the two cannot drift apart: a test builds it once from argparse and once from the dialog and
compares. `run` reports through `progress(fraction, message)`, checks `cancel()` between steps (raising
`Cancelled`), raises `PlannerError` subclasses with messages fit for a planner, and never touches Qt. An
operation that creates a project (new) takes `project=None`. Operations do not edit the project given: those
whose result is an edit return a Command (or a new Project) that the caller pushes on the session.
"""
from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

from planner.core.progress import Progress, never_cancel, no_progress


class Operation:
    """Base of the parameter dataclasses. Subclasses are `@dataclass`es and implement `run`."""

    #: a short name for dialogs, progress lines and logs ("Goal seek", "Export plan")
    title: ClassVar[str] = "Operation"

    def run(self, project, progress: Progress = no_progress, cancel=never_cancel) -> Any:
        raise NotImplementedError

    def params(self) -> dict[str, Any]:
        """The parameters as a plain dict (for logs, JSON reports and the CLI-versus-dialog tests)."""
        return dataclasses.asdict(self)
