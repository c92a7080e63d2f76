"""The validation panel's problems in the window's language. Core words each issue in English for logs and the
command line (planner/core/phases/validation.py: `Issue.message`) and gives its figures (`phase_ids`, `units`,
`area`, `holder_ids`, `part`, `facts`); the window words them here, as goal seek's reasons are worded.

    text = issue_text(issue, {phase id: name})
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from planner.core.phases.validation import (CYCLE, EMPTY, INVALID_ZONE, OVERLAP, PART_TAKEN, UNKNOWN_COMMUNE,
                                           UNKNOWN_DEPENDENCY)
from planner.ui.common.figures import number

CONTEXT = "ValidationWords"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def issue_text(issue, names: dict[int, str]) -> str:
    """The issue as one sentence in the interface language (its English message when the kind is unknown)."""
    def name(pid) -> str:
        return names.get(pid, f"#{pid}")

    ids, facts = issue.phase_ids, issue.facts
    phase = name(ids[0]) if ids else ""
    holders = ", ".join(name(h) for h in issue.holder_ids)
    units = number(issue.units)
    if issue.kind == OVERLAP and len(ids) == 2:
        return _tr("{0} and {1} overlap ({2} km², {3} units): these go to {0}").format(
            name(ids[0]), name(ids[1]), number(issue.area / 1e6, 2), units)
    if issue.kind == EMPTY and facts.get("why") == "no_zone":
        return _tr("{0} has no zone and no communes").format(phase)
    if issue.kind == EMPTY and facts.get("why") == "held":
        return _tr("{0} has no units of its own: its {1} units fall in earlier phases ({2})").format(
            phase, units, holders)
    if issue.kind == EMPTY:
        return _tr("{0} contains no units").format(phase)
    if issue.kind == PART_TAKEN:
        return _tr("Part {0} of {1}'s zone takes no units: its {2} units fall in earlier phases ({3})").format(
            issue.part, phase, units, holders)
    if issue.kind == UNKNOWN_DEPENDENCY:
        return _tr("{0} depends on an unknown phase (id {1})").format(phase, facts.get("dependency", "?"))
    if issue.kind == CYCLE and ids:
        return _tr("Dependency cycle: {0}").format(" → ".join(name(pid) for pid in list(ids) + [ids[0]]))
    if issue.kind == INVALID_ZONE:
        return _tr("The zone of {0} is invalid: {1}").format(phase, facts.get("reason", ""))
    if issue.kind == UNKNOWN_COMMUNE:
        codes = ", ".join(facts.get("codes", []))
        more = facts.get("count", 0) - len(facts.get("codes", []))
        text = _tr("{0} lists INSEE codes absent from the communes: {1}").format(phase, codes)
        return text + (" " + _tr("(and {0} more)").format(more) if more > 0 else "")
    return issue.message
