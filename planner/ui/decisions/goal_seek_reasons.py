"""Why goal seek found no answer, in the interface language: core gives a code and its parameters
(`GoalSeekResult.why`, planner/core/decisions/goal_seek.py WHY_CODES); the command line keeps core's English."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _pace_hint(p: dict) -> str:
    translate = QCoreApplication.translate
    hint = p.get("hint", "")
    if hint == "pool":
        return translate("GoalSeekReasons", "each pool phase takes at most its own crews")
    if hint == "start":
        return translate("GoalSeekReasons", "even a start in {0} is too late with these crews").format(p["start"])
    if hint == "money":
        return translate("GoalSeekReasons", "crews alone are too few: this is with unlimited money")
    return translate("GoalSeekReasons", "ramp-up, calendar and dependencies limit the pace")


def reason_for(answer) -> str:
    """The reason of an infeasible answer, translated (core's English sentence when it gave no code)."""
    if answer.why is None:
        return answer.reason
    translate = QCoreApplication.translate
    code, p = answer.why
    if code == "unplanned":
        return translate("GoalSeekReasons", "only {0:.1f} % of the units are in a phase (the rest is unplanned)"
                         ).format(p["planned"])
    if code == "never_starts":
        return translate("GoalSeekReasons", "at best {cov:.1f} % by {by}: phases {phases} cannot start building "
                         "within the horizon (dependencies or earliest starts)").format(
            cov=p["cov"], by=p["by"], phases=", ".join(p["phases"]))
    if code == "studies_late":
        text = translate("GoalSeekReasons", "at best {cov:.1f} % by {by}: studies alone end in {end} (phase "
                         "'{phase}'), so its first units come in {first}, after {by}").format(
            cov=p["cov"], by=p["by"], end=p["end_studies"], phase=p["phase"], first=p["first"])
        if p["others"]:
            text += translate("GoalSeekReasons", "; {n} other phase(s) also build only after {by}").format(
                n=p["others"], by=p["by"])
        return text
    return translate("GoalSeekReasons", "at best {cov:.1f} % by {by} ({why})").format(
        cov=p["cov"], by=p["by"], why=_pace_hint(p))
