"""Read what pages need from a simulation result: per-cell levels at a month, a commune's series and dates."""
from __future__ import annotations

import numpy as np


def cell_levels_at(result, assignment, month: str | None):
    """{'eligible'|'marketable'|'connected': float[K]} units per assignment cell at `month`, or None."""
    if result is None or month is None:
        return None
    return None
