"""Per-premise drawing classes (by phase, or by state at a month) as int codes plus their styles — vectorised."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.model import Project
from . import sim_view
from .styles import STATE_COLOURS, STATE_HOLLOW, STATE_KEYS, ClassStyle

STATE_LABELS = {
    "fr": {"connected": "Raccordé", "marketable": "Commercialisable", "eligible": "Raccordable",
           "planned": "Planifié (à venir)", "unplanned": "Hors phase"},
    "en": {"connected": "Connected", "marketable": "Marketable", "eligible": "Eligible",
           "planned": "Planned (to come)", "unplanned": "Unplanned"},
}
UNPLANNED_LABEL = {"fr": "Hors phase", "en": "Unplanned"}
PREMISES_LABEL = {"fr": "Locaux", "en": "Premises"}


@dataclass
class PremiseClasses:
    """codes[i] is the class of premise i (index into `styles`; -1 = not drawn); `draw_order` bottom to top."""

    codes: np.ndarray
    styles: list[ClassStyle]
    draw_order: list[int]


def build_order(project: Project, assignment) -> np.ndarray:
    """Rank of each premise inside its (phase, commune) cell, village centre first, plus cumulative units.

    Returns cum_units (int64[N]): the units of the cell built up to and including this premise, in build
    order (nearest to the cell's centre of mass first). 0 for unplanned premises.
    """
    prem = project.premises
    n = len(prem)
    ph = assignment.premise_phase.astype(np.int64)
    co = assignment.premise_commune.astype(np.int64)
    planned = (ph >= 0) & (co >= 0)
    n_c = max(len(project.communes), 1) if project.communes is not None else 1
    cell = np.where(planned, ph * n_c + co, -1)
    x, y = prem.x, prem.y
    units = prem.units
    cum = np.zeros(n, dtype=np.int64)
    idx = np.flatnonzero(planned)
    if len(idx) == 0:
        return cum
    c = cell[idx]
    uniq, inv = np.unique(c, return_inverse=True)
    cnt = np.bincount(inv)
    mx = np.bincount(inv, weights=x[idx]) / cnt
    my = np.bincount(inv, weights=y[idx]) / cnt
    d2 = (x[idx] - mx[inv]) ** 2 + (y[idx] - my[inv]) ** 2
    order = np.lexsort((d2, inv))
    u = units[idx][order]
    cs = np.cumsum(u)
    first = np.searchsorted(inv[order], np.arange(len(uniq)))
    base = np.concatenate([[0], cs])[first]
    cum_sorted = cs - base[inv[order]]
    cum[idx[order]] = cum_sorted
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
    levels = sim_view.cell_levels_at(result, assignment, month) if (result is not None and month) else None
    if levels is not None and cum_units is not None:
        n_c = len(project.communes)
        planned = (ph >= 0) & (co >= 0)
        cell_key = assignment.cell_phase.astype(np.int64) * n_c + assignment.cell_commune
        pk = np.where(planned, ph.astype(np.int64) * n_c + co, -1)
        pos = np.clip(np.searchsorted(cell_key, pk), 0, max(len(cell_key) - 1, 0))
        found = planned & (cell_key[pos] == pk) if len(cell_key) else np.zeros(len(pk), bool)
        for key in ("eligible", "marketable", "connected"):  # each level overrides the previous one
            lv = levels[key]
            reached = found & (cum_units <= lv[pos] + 1e-9) & (cum_units > 0)
            codes[reached] = code[key]
    return PremiseClasses(codes, styles, [code[k] for k in STATE_KEYS])


def single_class(project: Project, lang: str = "fr") -> PremiseClasses:
    """All premises in the layer's own style."""
    n = len(project.premises)
    colour = project.premises.layer.style.fill if project.premises.layer.style.fill else "#444444"
    return PremiseClasses(np.zeros(n, dtype=np.int32), [ClassStyle("premises", PREMISES_LABEL.get(lang, "Premises"),
                                                                    colour)], [0])
