"""A scenario's cost model (DESIGN §4 step 3b) as plain data: density classes, overrides, phase fixed cost, budget.

Each commune falls in a density class by its units per km² (the class with the highest `min_density` not above
the commune's density). The class gives the cost of one premise unit in euros and the relative build effort
of one unit (a crew building `units_per_crew_month` units of effort 1 builds `units_per_crew_month / effort`
units of a class of effort `effort`). The defaults come from public French figures (docs/simulation.md,
"Costs and budget"): about 300 € per line in dense areas, 1,900 € for the most rural lines; the default
effort of a class is its cost divided by the rural class's cost (rounded to two decimals), so the rural class,
the bulk of a public network, builds at the phase's own pace and denser places go faster.

The computations (density, cost per commune, spend) live in planner/core/simulation/costs.py and spend.py.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field


@dataclass
class DensityClass:
    """Communes with at least `min_density` units per km² (and less than the next class's threshold)."""

    name: str
    min_density: float  # units per km², inclusive lower bound; the lowest class must start at 0
    eur_per_unit: float  # cost of one premise unit built, in euros
    effort: float = 1.0  # relative build effort of one unit (1 = the phase's own pace)


def default_classes() -> list[DensityClass]:
    """Dense (>= 1,000 units/km²), intermediate (>= 100) and rural (< 100), effort = cost / rural cost."""
    return [
        DensityClass("dense", 1000.0, 300.0, 0.16),
        DensityClass("intermediate", 100.0, 800.0, 0.42),
        DensityClass("rural", 0.0, 1900.0, 1.0),
    ]


@dataclass
class CostModel:
    """What units and phases cost and how much money each year brings.

    `area_field`: commune field holding the area in km² (None: the area of the commune's geometry).
    `override_field`: commune field with a cost in € per unit replacing its class's cost (empty/NaN: the class).
    `phase_fixed_eur`: fixed cost of every phase (studies, NRO/PM equipment), paid the month its studies start;
    a phase's own `fixed_cost_eur` (or the scenario's override of it) replaces it.
    `budget`: [(year, euros), ...]; a year's money comes in twelfths, one each month (those of months before
    the scenario start arrive in its first month); unspent money carries over; a year not listed brings
    nothing. Empty: no budget limit.
    """

    classes: list[DensityClass] = field(default_factory=default_classes)
    area_field: str | None = None
    override_field: str | None = None
    phase_fixed_eur: float = 0.0
    budget: list[tuple[int, float]] = field(default_factory=list)

    def copy(self) -> "CostModel":
        return copy.deepcopy(self)

    @property
    def has_budget(self) -> bool:
        return bool(self.budget)


def legacy_cost_model() -> CostModel:
    """The cost model of a scenario saved before costs existed: default costs, every effort 1 (today's pace)."""
    cm = CostModel()
    for c in cm.classes:
        c.effort = 1.0
    return cm
