"""Per-premise drawing classes (by phase, or by state at a month) as int codes plus their styles — vectorised.

The state of a premise at a month is decided in core (planner/core/simulation/premise_state.py) for every view."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.core.project.model import LayerStyle, Project
from planner.core.simulation.premise_state import PLANNED, UNPLANNED, premise_states
from planner.render.map.styles import STATE_COLOURS, STATE_HOLLOW, STATE_KEYS, ClassStyle

STATE_LABELS = {
    "fr": {"connected": "Raccordé", "marketable": "Commercialisable, non raccordé",
           "eligible": "Raccordable, pas encore commercialisable",
           "planned": "Planifié (à venir)", "unplanned": "Hors phase"},
    "en": {"connected": "Connected", "marketable": "Marketable, not connected",
           "eligible": "Eligible, not yet marketable",
           "planned": "Planned (to come)", "unplanned": "Unplanned"},
}
UNPLANNED_LABEL = {"fr": "Hors phase", "en": "Unplanned"}
DEFAULT_POINT_COLOUR = "#3949ab"  # as on screen, when a point layer still has the polygon default fill
PREMISES_LABEL = {"fr": "Locaux", "en": "Premises"}


@dataclass
class PremiseClasses:
    """codes[i] is the class of premise i (index into `styles`; -1 = not drawn); `draw_order` bottom to top."""

    codes: np.ndarray
    styles: list[ClassStyle]
    draw_order: list[int]


def phase_classes(project: Project, assignment, lang: str = "fr") -> PremiseClasses:
    """One class per phase (its colour) plus 'unplanned'."""
    phases = project.phases
    p = len(phases)
    codes = np.where(assignment.premise_phase >= 0, assignment.premise_phase, p).astype(np.int32)
    styles = [ClassStyle(f"phase:{ph.id}", ph.name, ph.color) for ph in phases]
    styles.append(ClassStyle("unplanned", UNPLANNED_LABEL.get(lang, "Unplanned"), STATE_COLOURS["unplanned"]))
    return PremiseClasses(codes, styles, [p, *reversed(range(p))])


def state_classes(assignment, timeline, month: str | None, lang: str = "fr") -> PremiseClasses:
    """Classes unplanned / planned / eligible / marketable / connected at `month`, decided by the one rule of
    planner.core.simulation.premise_state (the map on screen uses the same). Without a simulation (`timeline`
    None) or a month, premises are only planned or unplanned."""
    labels = STATE_LABELS.get(lang, STATE_LABELS["en"])
    styles = [ClassStyle(k, labels[k], STATE_COLOURS[k], k in STATE_HOLLOW) for k in STATE_KEYS]
    if timeline is None or not month:
        codes = np.where(np.asarray(assignment.premise_phase) >= 0, PLANNED, UNPLANNED).astype(np.int32)
    else:
        codes = premise_states(timeline, month).astype(np.int32)
    return PremiseClasses(codes, styles, list(range(len(STATE_KEYS))))


def single_class(project: Project, lang: str = "fr") -> PremiseClasses:
    """All premises in the layer's own style."""
    n = len(project.premises)
    fill = project.premises.layer.style.fill
    colour = DEFAULT_POINT_COLOUR if (not fill or fill.lower() == LayerStyle().fill) else fill
    return PremiseClasses(np.zeros(n, dtype=np.int32), [ClassStyle("premises", PREMISES_LABEL.get(lang, "Premises"),
                                                                    colour)], [0])
