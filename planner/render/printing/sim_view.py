"""Read what pages need from a SimulationResult: per-commune eligible/marketable/connected levels, a month's index."""
from __future__ import annotations

from planner.core.months import parse_month
from planner.core.simulation.premise_state import commune_levels  # noqa: F401  (pages read both from here)


def month_offset(result, month: str) -> int:
    """Index of `month` in the result's series, clamped to the horizon (-1 when before the start)."""
    i = parse_month(month) - parse_month(result.start)
    return int(min(i, len(result.months) - 1))
