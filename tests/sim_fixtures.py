"""Helpers for the simulation tests: the real Gers communes as a Project with one phase per EPCI."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pyogrio.raw
import shapely

from planner.core.project.model import Communes, Layer, Phase, Project, Scenario

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "sample" / "communes_gers_2026.gpkg"


@lru_cache(maxsize=1)
def _gers_layer():
    meta, _, geoms, values = pyogrio.raw.read(SAMPLE, layer="communes_l93")
    fields = {name: np.asarray(v) for name, v in zip(meta["fields"], values)}
    return fields, shapely.from_wkb(geoms)


def gers_project(phases_per_epci: bool = True, **phase_kw) -> Project:
    """Gers communes (units = locaux_insee_2018) with, by default, one phase per EPCI (code_epci order)."""
    fields, geoms = _gers_layer()
    layer = Layer(name="communes", kind="polygon", fields=dict(fields), geometries=geoms.copy())
    project = Project(name="Gers", communes=Communes(layer, units_field="locaux_insee_2018"))
    if phases_per_epci:
        codes = fields["code_insee"].astype(str)
        for i, epci in enumerate(sorted(set(fields["code_epci"].astype(str)))):
            members = codes[fields["code_epci"].astype(str) == epci].tolist()
            project.phases.append(Phase(id=i + 1, name=f"EPCI {epci}", communes=members, **phase_kw))
    project.scenarios = [Scenario(name="Base", start="2018-01", horizon_months=120)]
    return project


def gers_assignment(project: Project):
    from planner.core.phases.assignment import assign

    return assign(project)
