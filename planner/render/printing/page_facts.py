"""The figures printed on a commune page (units, phase, dates, shares at a month, curve series) — no Qt."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from planner.core.months import format_month
from planner.core.printing.layout import euros, group_thousands, month_name, text
from planner.render.printing import sim_view


@dataclass
class CommuneFacts:
    row: int
    code: str
    name: str
    units: int
    phase_label: str
    phase_parts: list[str] = field(default_factory=list)  # 'Phase 3 — Nord (93 %)' per phase, largest first
    phase_colours: list[str] = field(default_factory=list)
    phase_start: str | None = None  # 'YYYY-MM' start of the commune's (main) phase, studies included
    first_eligible: str | None = None  # first month with eligible units in the commune
    q50: str | None = None  # 'T3 2019'
    q100: str | None = None
    at_month: str | None = None
    shares: dict[str, float] | None = None  # eligible/marketable/connected % at `at_month`
    months: list[str] = field(default_factory=list)
    series: dict[str, np.ndarray] = field(default_factory=dict)  # % per month
    simulated: bool = False
    today: str | None = None  # 'YYYY-MM': the as-of month of an as-built start (the printed curve marks it)
    built: int | None = None  # units really built at the as-of month (with an as-built start)
    cost: float | None = None  # € for the commune's planned units (None: no cost model in the run)
    eur_per_unit: float | None = None
    cost_class: str | None = None  # density class name

    def lines(self, lang: str = "fr") -> list[tuple[str, str]]:
        """(label, value) rows for the figures block."""
        sep = "\u00a0:" if lang == "fr" else ":"
        never = text("never", lang) if self.simulated else text("none", lang)
        rows = [(text("units", lang) + sep, group_thousands(self.units, lang))]
        parts = self.phase_parts or [self.phase_label]
        rows.append((text("phase", lang) + sep, parts[0]))
        rows += [("", part) for part in parts[1:3]]
        if len(parts) > 3:
            rows.append(("", f"+ {len(parts) - 3}"))
        if self.simulated:
            start = self.first_eligible or self.phase_start  # works in the commune: its first units built
            rows += [(text("start", lang) + sep, month_name(start, lang) if start else never),
                     (text("q50", lang) + sep, self.q50 or never),
                     (text("q100", lang) + sep, self.q100 or never)]
            if self.today and self.built is not None:  # what is really built, apart from the plan
                rows.append((f"{text('built_at', lang)} {month_name(self.today, lang)} ({text('actual', lang)})"
                             + sep, group_thousands(self.built, lang)))
        else:
            rows.append((text("not_simulated", lang), ""))
        if self.cost is not None:  # the class name is left to the tooltips and exports: the row stays short
            rows.append((text("cost", lang) + sep,
                         f"{euros(self.cost, lang)} ({euros(self.eur_per_unit, lang)}/{text('per_unit', lang)})"))
        return rows

    def shares_line(self, lang: str = "fr") -> str:
        if not self.shares:
            return ""
        pct = lambda v: f"{v:.0f}\u00a0%"  # noqa: E731
        return (f"{text('at', lang)} {month_name(self.at_month, lang)} : " if lang == "fr" else
                f"{text('at', lang)} {month_name(self.at_month, lang)}: ") + ", ".join(
            f"{pct(self.shares[k])} {text(k, lang)}" for k in ("eligible", "marketable", "connected"))


def commune_facts(project, row: int, assignment=None, result=None, month: str | None = None,
                  lang: str = "fr", levels: dict | None = None) -> CommuneFacts:
    """What a commune's page states; `levels`: sim_view.commune_levels(result), when the caller keeps it."""
    com = project.communes
    code, name = com.code_of(row), com.name_of(row)
    a = assignment
    if a is not None and len(a.commune_units) > row:
        units = int(a.commune_units[row])
    elif result is not None:
        units = int(result.commune_units[row])
    else:
        units = int(com.units[row])
    phases = project.phases
    label, colours, main, parts = text("no_phase", lang), [], -1, []
    if a is not None and phases:
        m = a.cell_commune == row
        ph, cu = a.cell_phase[m], a.cell_units[m]
        if len(ph):
            order = np.argsort(-cu, kind="stable")
            ph, cu = ph[order], cu[order]
            main = int(ph[0])
            names = [phases[int(p)].name for p in ph if int(p) < len(phases)]
            colours = [phases[int(p)].color for p in ph if int(p) < len(phases)]
            if len(names) == 1 and cu.sum() >= units:
                label = names[0]
            else:
                tot = max(units, 1)
                parts = [f"{n} ({100 * c / tot:.0f}\u00a0%)" for n, c in zip(names, cu)]
                label = ", ".join(parts)
        elif a.commune_level and a.commune_phase[row] >= 0:
            main = int(a.commune_phase[row])
            label, colours = phases[main].name, [phases[main].color]
    facts = CommuneFacts(row, code, name, units, label, parts, colours)
    if result is None:
        return facts
    facts.simulated = True
    facts.months = list(result.months)
    if 0 <= main < len(result.phase_start):
        facts.phase_start = result.phase_start[main]
    elig = np.asarray(result.commune_eligible[row])
    hit = np.flatnonzero(elig > 0)
    facts.first_eligible = result.months[int(hit[0])] if len(hit) else None
    facts.q50 = result.commune_quarter(row, 50, lang)
    facts.q100 = result.commune_quarter(row, 100, lang)
    _as_built(facts, result, row, lang)
    levels = levels if levels is not None else sim_view.commune_levels(result)
    scale = 100.0 / units if units > 0 else 0.0
    facts.series = {k: v[row] * scale for k, v in levels.items()}
    if month:
        t = sim_view.month_offset(result, month)
        facts.at_month = month
        facts.shares = {k: (float(v[t]) if t >= 0 else 0.0) for k, v in facts.series.items()}
    _money(facts, result, row)
    return facts


def _as_built(facts: CommuneFacts, result, row: int, lang: str) -> None:
    """With an as-built start: the as-of month, the units built then, works begun with the first real units, and
    the quarters the real figures show marked so ("T3 2017, réel")."""
    ab = getattr(result, "as_built", None)
    if ab is None:
        return
    facts.today = ab.as_of
    facts.built = int(ab.commune_built[row])
    first = int(ab.state.commune_first_month()[row]) if ab.state is not None else -1
    if first >= 0:  # possibly before the run's start
        facts.first_eligible = format_month(first)
    if facts.q50 and ab.commune_actual_50[row] >= 0:
        facts.q50 += ", " + text("actual", lang)
    if facts.q100 and ab.commune_actual_100[row] >= 0:
        facts.q100 += ", " + text("actual", lang)


def _money(facts: CommuneFacts, result, row: int) -> None:
    """The commune's cost figures from the run's costs (planner/core/simulation/spend.py)."""
    c = getattr(result, "costs", None)
    if c is None or row >= len(c.commune_cost):
        return
    facts.cost = float(c.commune_cost[row])
    facts.eur_per_unit = float(c.commune_eur_per_unit[row])
    facts.cost_class = None if c.commune_class is None else c.commune_class[row]
