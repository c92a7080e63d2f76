"""Money in the exported plan (issue 13): cost columns of the phase and commune layers, and the "Costs" sheet.

Phases: `cost_eur` (all its units + its fixed cost), `fixed_eur`, `spent_eur` (spent within the horizon),
`wait_money` (months it waited for money). Communes: `density` (units per km²), `cost_class`, `eur_unit`
(€ per unit, class or override) and `cost_eur` (its planned units). Names fit a shapefile's 10 characters.
The "Costs" sheet: one row per phase, one column per calendar year (spend in that year), the total spent and the
plan's cost; then the territory, and the budget when the scenario has one.
"""
from __future__ import annotations

import numpy as np

from planner.core.simulation.spend import yearly


def phase_cost_columns(result) -> dict[str, np.ndarray]:
    c = result.costs
    return {"cost_eur": np.round(c.phase_cost, 2), "fixed_eur": np.round(c.phase_fixed, 2),
            "spent_eur": np.round(c.phase_spend[:, -1], 2), "wait_money": c.phase_waits().astype(np.int32)}


def commune_cost_columns(result) -> dict[str, np.ndarray]:
    c = result.costs
    C = len(result.commune_units)
    density = c.commune_density if c.commune_density is not None else np.full(C, np.nan)
    names = c.commune_class if c.commune_class is not None else np.full(C, None, dtype=object)
    return {"density": np.round(density, 2), "cost_class": np.asarray(names, dtype=object),
            "eur_unit": np.round(c.commune_eur_per_unit, 2), "cost_eur": np.round(c.commune_cost, 2)}


def costs_sheet(result) -> tuple[list[str], list[list]]:
    """Header ['phase', 2018, 2019, ..., 'spent', 'cost of the phase'] and rows (euros, two decimals)."""
    c = result.costs
    years, per_phase = yearly(result, c.phase_spend)
    header = ["phase"] + [str(y) for y in years] + ["spent within the horizon (€)", "cost of the phase (€)"]
    rows = [[name] + [round(float(v), 2) for v in per_phase[i]] + [round(float(c.phase_spend[i, -1]), 2),
                                                                   round(float(c.phase_cost[i]), 2)]
            for i, name in enumerate(result.phase_names)]
    _, total = yearly(result, c.spend)
    rows.append(["Territory"] + [round(float(v), 2) for v in total] + [round(float(c.spend[-1]), 2),
                                                                       round(float(c.cost_total), 2)])
    if c.budget is not None:
        _, money = yearly(result, c.budget)
        rows.append(["Budget"] + [round(float(v), 2) for v in money] + [round(float(c.budget[-1]), 2), None])
    return header, rows
