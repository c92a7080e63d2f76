"""Test projects built straight from the shipped Gers sample (pyogrio + model classes), for project-file tests."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pyogrio
import shapely

from planner.core.project.model import (Communes, CrewPool, Dependency, Layer, LayerStyle, Phase, Premises, Project,
                                Scenario, TakeUp)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_GPKG = ROOT / "resources" / "sample" / "communes_gers_2026.gpkg"


def sample_communes() -> Communes:
    meta, _fids, wkb, data = pyogrio.raw.read(str(SAMPLE_GPKG), layer="communes_l93")
    fields = {str(n): np.asarray(c) for n, c in zip(meta["fields"], data)}
    layer = Layer("Communes du Gers", "polygon", fields=fields, geometries=shapely.from_wkb(wkb),
                  source=f"{SAMPLE_GPKG}|layername=communes_l93", style=LayerStyle(fill="#eeeeee", outline="#555555"))
    return Communes(layer, code_field="code_insee", name_field="nom", units_field="locaux_insee_2018")


def sample_premises(communes: Communes, per_commune_cap: int | None = None, seed: int = 1) -> Premises:
    """Points scattered (vectorised) around each commune's representative point, count = locaux_insee_2018."""
    rng = np.random.default_rng(seed)
    counts = communes.units.copy()
    if per_commune_cap is not None:
        counts = np.minimum(counts, per_commune_cap)
    centres = shapely.get_coordinates(shapely.point_on_surface(communes.geometries))
    rows = np.repeat(np.arange(len(counts)), counts)
    x = centres[rows, 0] + rng.normal(0, 300, len(rows))
    y = centres[rows, 1] + rng.normal(0, 300, len(rows))
    units = rng.choice(np.array([1, 1, 1, 2, 4], dtype=np.int32), len(rows))
    insee = communes.codes[rows].astype(object)
    layer = Layer("Locaux", "point", fields={"nb_locaux": units, "code_insee": insee,
                                             "score": rng.random(len(rows))},
                  x=x, y=y, source="/data/locaux.csv", style=LayerStyle(fill="#333333", point_size=2.0))
    return Premises(layer, units_field="nb_locaux", insee_field="code_insee")


def sample_phases(communes: Communes) -> list[Phase]:
    auch = communes.geometries[communes.index_of("32013")]
    ring = shapely.box(490000, 6270000, 520000, 6300000)
    holed = shapely.Polygon(ring.exterior.coords, [shapely.box(500000, 6280000, 505000, 6285000).exterior.coords])
    multi = shapely.MultiPolygon([shapely.box(440000, 6260000, 450000, 6270000),
                                  shapely.box(455000, 6260000, 465000, 6270000)])
    return [
        Phase(id=1, name="Phase 1 — Auch", color="#1f77b4", zone=auch.buffer(0), earliest_start="2018-09",
              crews=3, units_per_crew_month=120.5, study_months=4, ramp_months=1, commune_order="largest"),
        Phase(id=2, name="Phase 2 (trou)", color="#ff7f0e", zone=holed, depends_on=[Dependency(1, 50.0)],
              order="pro_rata", origin=(495000.0, 6275000.0), commune_order="nearest"),
        Phase(id=5, name="Phase 3 multipart", color="#2ca02c", zone=multi, use_pool=True,
              depends_on=[Dependency(1), Dependency(2, 80.0)]),
        Phase(id=7, name="Phase 4 communes", color="#d62728", communes=["32107", "32013", "32160"],
              commune_order="manual"),
    ]


def sample_project(with_premises: bool = True, per_commune_cap: int | None = None) -> Project:
    communes = sample_communes()
    premises = sample_premises(communes, per_commune_cap) if with_premises else None
    road = Layer("Routes", "line", fields={"nom": np.array(["RN 21", "Départementale"], dtype=object)},
                 geometries=np.array([shapely.LineString([(490000, 6270000), (510000, 6290000)]),
                                      shapely.LineString([(470000, 6280000), (480000, 6285000)])], dtype=object))
    base = Scenario(name="Base", start="2018-01", horizon_months=96, crew_pool=CrewPool([("2018-01", 2.0)]))
    fast = Scenario(name="Rapide été", start="2018-06", horizon_months=84, calendar=[1.0] * 12,
                    marketing_delay_months=2, take_up=TakeUp(0.8, 12.0, 0.3),
                    crew_pool=CrewPool([("2018-06", 4.0), ("2020-01", 6.5)]),
                    phase_overrides={1: {"crews": 4}, 5: {"units_per_crew_month": 90.0, "study_months": 2}},
                    uncertainty={"productivity": ["triangular", -0.2, 0.2], "runs": 200, "seed": 7})
    return Project(name="Gers — FTTH", communes=communes, premises=premises, extra_layers=[road],
                   phases=sample_phases(communes), scenarios=[base, fast], active_scenario=1,
                   settings={"language": "fr", "milestones": [0.5, 0.66, 1.0], "autosave_minutes": 5},
                   view={"extent": [435000.0, 6248000.0, 555000.0, 6335000.0], "color_by": "phase"})


def small_project(n_communes: int = 40, per_commune_cap: int = 3, phases: int = 3) -> Project:
    """The sample project cut down to the `n_communes` communes nearest Auch (with 32013, 32107, 32160, which
    the phases list) and at most `per_commune_cap` premises each: fast enough for tests that run it many times."""
    project = sample_project(per_commune_cap=per_commune_cap)
    com = project.communes
    auch = shapely.centroid(com.geometries[com.index_of("32013")])
    dist = shapely.distance(shapely.centroid(com.geometries), auch)
    keep = np.sort(np.argsort(dist)[:n_communes])
    keep = np.union1d(keep, [com.index_of(c) for c in ("32013", "32107", "32160")])
    layer = com.layer
    layer.fields = {k: np.asarray(v)[keep] for k, v in layer.fields.items()}
    layer.geometries = np.asarray(layer.geometries, dtype=object)[keep]
    project.communes = Communes(layer, code_field=com.code_field, name_field=com.name_field,
                                units_field=com.units_field)
    pl = project.premises.layer
    inside = np.isin(np.asarray(pl.fields["code_insee"]).astype(str), project.communes.codes.astype(str))
    pl.fields = {k: np.asarray(v)[inside] for k, v in pl.fields.items()}
    pl.x, pl.y = pl.x[inside], pl.y[inside]
    project.premises = Premises(pl, units_field="nb_locaux", insee_field="code_insee")
    project.phases = project.phases[:phases]
    return project
