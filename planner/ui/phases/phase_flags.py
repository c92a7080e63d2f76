"""Flags of the phase table: a phase whose zone (or one drawn part of it) takes no premise, and the phases that hold
them, from the validation panel's checks (planner/core/phases/validation.py: EMPTY and PART_TAKEN issues).

    flags = phase_flags(project, issues)   # {phase id: tooltip text, in the interface language}

An earlier phase in the order takes a premise first, so a zone drawn over another phase silently gets nothing;
the table shows a warning icon on the phase's name with this text. A new phase with no zone yet is not flagged.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from planner.core.phases.validation import EMPTY, PART_TAKEN
from planner.ui.common.figures import number


def _flag_text(issue, name: str, names: dict[int, str]) -> str | None:
    translate = QCoreApplication.translate
    quoted = translate("PhaseFlags", "'{0}'")  # a phase name in a sentence
    holders = ", ".join(quoted.format(names[h]) for h in issue.holder_ids if h in names)
    if issue.kind == PART_TAKEN and holders:
        return translate("PhaseFlags", "Part {part} of the zone of '{phase}' takes no premise: its {units} units "
                         "go to {holders}, earlier in the order (the first phase in the order takes a premise).").format(
            part=issue.part, phase=name, units=number(issue.units), holders=holders)
    if issue.kind != EMPTY or (issue.geometry is None and not issue.holder_ids):
        return None  # no zone and no communes yet: nothing drawn that went wrong
    if holders:
        return translate("PhaseFlags", "The zone of '{phase}' takes no premise: its {units} units go to {holders}, "
                         "earlier in the order (the first phase in the order takes a premise). Move '{phase}' up, "
                         "or draw it elsewhere.").format(phase=name, units=number(issue.units), holders=holders)
    return translate("PhaseFlags", "The zone of '{phase}' contains no premise.").format(phase=name)


def phase_flags(project, issues) -> dict[int, str]:
    """Phase id -> what is wrong with its zone (several problems of one phase on separate lines)."""
    names = {p.id: p.name for p in project.phases}
    flags: dict[int, list[str]] = {}
    for issue in issues:
        if not issue.phase_ids or issue.phase_ids[0] not in names:
            continue
        text = _flag_text(issue, names[issue.phase_ids[0]], names)
        if text:
            flags.setdefault(issue.phase_ids[0], []).append(text)
    return {pid: "\n".join(texts) for pid, texts in flags.items()}
