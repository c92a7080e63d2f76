"""The coverage target a planner is first offered (goal seek and uncertainty alike): the political goal of "two
residents in three", by the end of the third calendar year of the programme."""
from __future__ import annotations

from planner.core.months import parse_month

DEFAULT_TARGET_PCT = 66.0


def default_target_by(start: str) -> str:
    """'YYYY-12' of the programme's third calendar year (start 2018-01 -> '2020-12')."""
    return f"{(parse_month(start) + 35) // 12:04d}-12"
