"""Goal seek: the fewest crews, latest start or lowest productivity that reaches a coverage target by a date
(planner/core/decisions/goal_seek.py). The Goal seek dialog and `goal-seek` on the command line both build a
`GoalSeek` and call `run`."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from planner.core.errors import ParameterError
from planner.core.operations.base import Operation
from planner.core.progress import never_cancel, no_progress

VARY = ("crews", "start", "productivity", "budget")


@dataclass
class GoalSeek(Operation):
    """`target_pct` % coverage by the end of month `by`, varying `vary`; of the territory or of the communes
    given (INSEE codes); crews or productivity change in the phases named (None: every phase)."""

    title: ClassVar[str] = "Goal seek"

    target_pct: float = 66.0
    by: str = ""
    vary: str = "crews"
    scenario: str | None = None
    communes: list[str] | None = None
    phases: list[str] | None = None

    def phase_ids(self, project) -> list[int] | None:
        """Ids of the named phases (None: all); ParameterError naming an unknown phase."""
        if self.phases is None:
            return None
        by_name: dict[str, list[int]] = {}
        for ph in project.phases:
            by_name.setdefault(ph.name, []).append(ph.id)
        unknown = [n for n in self.phases if n not in by_name]
        if unknown:
            raise ParameterError(f"no phase named {unknown[0]!r} (have: {', '.join(by_name) or 'none'})",
                                 field="phases")
        ids = [i for n in dict.fromkeys(self.phases) for i in by_name[n]]
        if not ids and self.vary not in ("start", "budget"):
            raise ParameterError("choose at least one phase whose crews or productivity may change", field="phases")
        return ids

    def run(self, project, progress=no_progress, cancel=never_cancel, *, assignment=None):
        """The GoalSeekResult (with `crews` totals for a crews answer)."""
        from planner.core.decisions.goal_seek import goal_seek
        from planner.core.simulation.coverage import _scenario

        return goal_seek(project, self.target_pct, self.by, self.vary, assignment=assignment,
                         scenario=_scenario(project, self.scenario), communes=self.communes or None,
                         phase_ids=self.phase_ids(project), progress=progress, cancel=cancel)
