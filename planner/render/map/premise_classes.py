"""Per-premise drawing classes (by phase, or by state at a month) as int codes plus their styles — vectorised."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.core.project.model import LayerStyle, Project
from planner.render.printing import sim_view
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


def build_order(project: Project, assignment) -> np.ndarray:
    """Cumulative units of each planned premise in its commune's build order (0 for unplanned premises).

    Inside a commune, premises are built phase by phase and, in a phase, from the commune's centre of mass
    outwards; the simulation gives how many units of the commune are eligible at a month, and the premises
    whose cumulative units fit within that count are the eligible ones.
    """
    prem = project.premises
    n = len(prem)
    ph = assignment.premise_phase.astype(np.int64)
    co = assignment.premise_commune.astype(np.int64)
    cum = np.zeros(n, dtype=np.int64)
    idx = np.flatnonzero((ph >= 0) & (co >= 0))
    if len(idx) == 0:
        return cum
    c = co[idx]
    x, y = prem.x[idx], prem.y[idx]
    cnt = np.bincount(c)
    safe = np.maximum(cnt, 1)
    mx = np.bincount(c, weights=x) / safe
    my = np.bincount(c, weights=y) / safe
    d2 = (x - mx[c]) ** 2 + (y - my[c]) ** 2
    order = np.lexsort((d2, ph[idx], c))
    u = prem.units[idx][order]
    cs = np.cumsum(u)
    cs_sorted_c = c[order]
    first = np.searchsorted(cs_sorted_c, cs_sorted_c)  # first position of each premise's commune run
    base = np.concatenate([[0], cs])[first]
    cum[idx[order]] = cs - base
    return cum


def phase_classes(project: Project, assignment, lang: str = "fr") -> PremiseClasses:
    """One class per phase (its colour) plus 'unplanned'."""
    phases = project.phases
    p = len(phases)
    codes = np.where(assignment.premise_phase >= 0, assignment.premise_phase, p).astype(np.int32)
    styles = [ClassStyle(f"phase:{ph.id}", ph.name, ph.color) for ph in phases]
    styles.append(ClassStyle("unplanned", UNPLANNED_LABEL.get(lang, "Unplanned"), STATE_COLOURS["unplanned"]))
    return PremiseClasses(codes, styles, [p, *reversed(range(p))])


def state_classes(project: Project, assignment, result, month: str | None, cum_units: np.ndarray | None,
                  lang: str = "fr") -> PremiseClasses:
    """Classes connected / marketable / eligible / planned / unplanned at `month` (needs a simulation result)."""
    labels = STATE_LABELS.get(lang, STATE_LABELS["en"])
    styles = [ClassStyle(k, labels[k], STATE_COLOURS[k], STATE_HOLLOW.get(k, False)) for k in STATE_KEYS]
    code = {k: i for i, k in enumerate(STATE_KEYS)}
    ph = assignment.premise_phase
    co = assignment.premise_commune
    codes = np.where(ph >= 0, code["planned"], code["unplanned"]).astype(np.int32)
    levels = sim_view.commune_levels_at(result, month)
    if levels is not None and cum_units is not None:
        planned = (ph >= 0) & (co >= 0)
        c = np.where(planned, co, 0)
        for key in ("eligible", "marketable"):  # built in order: the first units of the commune are the earliest
            reached = planned & (cum_units > 0) & (cum_units <= levels[key][c])
            codes[reached] = code[key]
        # take-up is scattered: among the marketable premises, connections go in a fixed pseudo-random order
        mk = np.flatnonzero(codes == code["marketable"])
        if len(mk):
            key = np.random.default_rng(32).random(len(codes))[mk]
            order = np.lexsort((key, co[mk]))
            sorted_c = co[mk][order]
            cs = np.cumsum(project.premises.units[mk][order])
            base = np.concatenate([[0], cs])[np.searchsorted(sorted_c, sorted_c)]
            connected = (cs - base) <= levels["connected"][sorted_c]
            codes[mk[order][connected]] = code["connected"]
    return PremiseClasses(codes, styles, [code[k] for k in STATE_KEYS])


def single_class(project: Project, lang: str = "fr") -> PremiseClasses:
    """All premises in the layer's own style."""
    n = len(project.premises)
    fill = project.premises.layer.style.fill
    colour = DEFAULT_POINT_COLOUR if (not fill or fill.lower() == LayerStyle().fill) else fill
    return PremiseClasses(np.zeros(n, dtype=np.int32), [ClassStyle("premises", PREMISES_LABEL.get(lang, "Premises"),
                                                                    colour)], [0])
