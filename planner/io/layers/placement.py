"""Where the premises fall: how many lie outside every commune, and the likely cause, said in words.

A premise layer in the wrong coordinate system, read with the wrong columns, or covering another territory
than the commune layer leaves premises outside every commune; they would silently become "unplanned". When
more than `WARN_SHARE` of the units fall outside, `new` and the window say how many and why it is likely;
above `STOP_SHARE` `new` stops (exit 2) unless `--allow-outside` is given.

    outside_report(project, assignment) -> OutsideReport | None
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

WARN_SHARE = 0.02
STOP_SHARE = 0.10


@dataclass
class OutsideReport:
    """Premises outside every commune: counts, share of the units, the likely cause, and whether it blocks."""

    premises: int
    units: int
    share: float
    cause: str
    blocking: bool

    def message(self) -> str:
        return (f"{self.premises:,} premises ({self.units:,} units, {100 * self.share:.1f} % of all) fall outside "
                f"every commune: {self.cause}")


def outside_report(project, assignment) -> OutsideReport | None:
    """The report when more than WARN_SHARE of the premise units fall outside every commune, else None."""
    premises = project.premises
    if premises is None or project.communes is None or assignment.commune_level:
        return None
    outside = np.asarray(assignment.premise_commune) < 0
    units = premises.units
    total = int(units.sum())
    lost = int(units[outside].sum())
    share = lost / total if total else 0.0
    if not outside.any() or share <= WARN_SHARE:
        return None
    return OutsideReport(int(outside.sum()), lost, share, likely_cause(project, outside), share > STOP_SHARE)


def likely_cause(project, outside: np.ndarray) -> str:
    """Coordinate system or columns (points far from the communes), territory (INSEE codes or places beyond the
    commune layer), in words a planner can act on."""
    layer = project.premises.layer
    cx0, cy0, cx1, cy1 = project.communes.layer.bounds
    x, y = layer.x[outside], layer.y[outside]
    margin = 0.25 * max(cx1 - cx0, cy1 - cy0)
    far = (x < cx0 - margin) | (x > cx1 + margin) | (y < cy0 - margin) | (y > cy1 + margin)
    crs = layer.source_crs
    if far.mean() > 0.5:
        return (f"most of them lie far from the communes — check the coordinate system (read as {crs}) and the "
                "X/Y columns")
    field = project.premises.insee_field
    if field and field in layer.fields:
        codes = np.asarray(layer.fields[field], dtype=object)[outside].astype(str)
        known = np.isin(codes, project.communes.codes)
        if (~known).mean() > 0.5:
            sample = ", ".join(sorted(set(codes[~known].tolist()))[:3])
            return (f"their INSEE codes ('{field}', e.g. {sample}) are not in the commune layer — the premise "
                    "file covers another territory than the communes")
    return ("they lie just beyond the commune outlines — the premise file covers more territory than the commune "
            "layer, or the outlines are simplified")
