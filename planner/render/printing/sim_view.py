"""Read what pages need from a SimulationResult: per-commune eligible/marketable/connected levels at a month."""
from __future__ import annotations

import numpy as np

from planner.core.months import parse_month

_LEVELS: dict[int, tuple[object, dict[str, np.ndarray]]] = {}


def commune_levels(result) -> dict[str, np.ndarray]:
    """{'eligible'|'marketable'|'connected': int64[C, T]} cumulative units per commune and month (cached)."""
    hit = _LEVELS.get(id(result))
    if hit is not None and hit[0] is result:
        return hit[1]
    from planner.core.simulation.as_built_result import commune_marketable_connected

    elig = np.asarray(result.commune_eligible)
    if result.inputs is not None:
        mark, conn = commune_marketable_connected(result)
    else:  # a result without its inputs: the marketing delay is unknown, show eligibility only
        mark, conn = np.zeros_like(elig), np.zeros_like(elig)
    levels = {"eligible": elig, "marketable": mark, "connected": conn}
    _LEVELS.clear()  # one result at a time: pages of one atlas share it
    _LEVELS[id(result)] = (result, levels)
    return levels


def month_offset(result, month: str) -> int:
    """Index of `month` in the result's series, clamped to the horizon (-1 when before the start)."""
    i = parse_month(month) - parse_month(result.start)
    return int(min(i, len(result.months) - 1))


def commune_levels_at(result, month: str | None) -> dict[str, np.ndarray] | None:
    """{'eligible'|'marketable'|'connected': int64[C]} at `month` (zeros before the start), or None."""
    if result is None or not month:
        return None
    t = month_offset(result, month)
    levels = commune_levels(result)
    if t < 0:
        return {k: np.zeros(v.shape[0], dtype=np.int64) for k, v in levels.items()}
    return {k: v[:, t] for k, v in levels.items()}
