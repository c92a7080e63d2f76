"""What Identify says about a premise or a commune beyond its fields: its phase, and at the time slider's month its
state (premise) or coverage (commune), with the planned eligibility month — as the map colours them.

Both functions take the main window (its document, the phases' assignment cache and, when installed, the
coverage UI) and return (label, value) rows, labels translated, values as text.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication

from planner.core.months import format_month, parse_month
from planner.ui.common.figures import number


translate = QCoreApplication.translate


def _assignment(window):
    from planner.ui.phases.assignment_cache import assignment_cache_for

    return assignment_cache_for(window.document).assignment


def _result(window):
    coverage = getattr(window, "coverage_ui", None)
    return None if coverage is None else coverage.runner.result


def _phase_name(window, assignment, index: int) -> str:
    if index < 0:
        return translate("IdentifyDetails", "no phase")
    try:
        return window.document.project.phase_by_id(assignment.phase_ids[index]).name
    except (IndexError, KeyError):
        return f"#{index + 1}"


def _month_label(result, index: int) -> str:
    return format_month(parse_month(result.start) + index)


def premise_details(window, row: int) -> list[tuple[str, str]]:
    """Phase, and at the slider's month the premise's state and the month it turns eligible."""
    from planner.ui.simulation.coverage_legend import state_labels

    a = _assignment(window)
    if a is None or row >= len(a.premise_phase):
        return [(translate("IdentifyDetails", "Phase"), translate("IdentifyDetails", "being counted…"))]
    out = [(translate("IdentifyDetails", "Phase"), _phase_name(window, a, int(a.premise_phase[row])))]
    result = _result(window)
    coverage = getattr(window, "coverage_ui", None)
    found = coverage.map_colours.premise_state(row) if coverage is not None else None
    if result is None or found is None:
        return out
    state, eligible = found
    month = _month_label(result, max(0, min(len(result.months) - 1, window.document.month)))
    out.append((translate("IdentifyDetails", "State in {0}").format(month), state_labels()[state]))
    if a.premise_phase[row] < 0:
        planned = translate("IdentifyDetails", "not planned (in no phase)")
    elif eligible < 0:
        planned = translate("IdentifyDetails", "not within the simulated months (to {0})").format(result.months[-1])
    else:
        planned = format_month(eligible)  # an absolute month (a premise really built may predate the run)
    out.append((translate("IdentifyDetails", "Planned eligible"), planned))
    return out


def commune_details(window, row: int) -> list[tuple[str, str]]:
    """Phase(s), units, coverage at the slider's month, and the share of its units in no phase."""
    project = window.document.project
    a = _assignment(window)
    units = int(project.communes.units[row]) if a is None else int(a.commune_units[row])
    out = [(translate("IdentifyDetails", "Units"), number(units))]
    if a is None:
        return out
    cells = np.flatnonzero(np.asarray(a.cell_commune) == row)
    phased = int(np.asarray(a.cell_units)[cells].sum())
    names = [_phase_name(window, a, int(a.cell_phase[k])) for k in cells]
    if len(cells) == 1:
        out.insert(0, (translate("IdentifyDetails", "Phase"), names[0]))
    elif len(cells) > 1:
        shares = ", ".join(f"{n} ({number(a.cell_units[k])})" for n, k in zip(names, cells))
        out.insert(0, (translate("IdentifyDetails", "Phases"), shares))
    else:
        out.insert(0, (translate("IdentifyDetails", "Phase"), translate("IdentifyDetails", "no phase")))
    result = _result(window)
    if result is not None and row < len(result.commune_units) and units > 0:
        month = max(0, min(len(result.months) - 1, window.document.month))
        pct = 100.0 * float(result.commune_eligible[row, month]) / units
        label = translate("IdentifyDetails", "Eligible in {0}").format(_month_label(result, month))
        out.append((label, f"{pct:.1f} %"))
    if units > 0 and 0 < phased < units:
        share = 100.0 * (units - phased) / units
        why = translate("IdentifyDetails", "{0:.0f} % of its units are in no phase: the commune cannot reach 100 % "
                                           "until a phase takes them").format(share)
        out.append((translate("IdentifyDetails", "Not planned"), why))
    return out
