"""The data of the web map, as one JSON-ready dict built from the phase plan (no Qt, no file writing here).

Everything a resident's page shows comes from here, computed once by the same simulation as the window:
communes (outline simplified for the screen, WGS84, 5 decimals), their phase, planned first and last eligibility
month (first unit / all units), units, monthly eligible units (run-length: from the first month with any until the
last change), status (built / under way / planned / unplanned) and units built at the as-of month of an as-built
start (`meta.as_of`, then also the month the page calls 'today'), the phases' outlines, the territory's curve and milestones, the project's name and date, sources.
Names are plain strings in JSON: the page inserts them as text (never as markup).
"""
from __future__ import annotations

import datetime as _dt

import numpy as np
import pyproj
import shapely

from planner.core.months import format_month, parse_month
from planner.core.simulation.coverage import MILESTONES
from planner.io.exports.plan import PhasePlan

#: outline simplification for the screen (metres, Lambert-93): invisible at the zooms a commune fills the page
SIMPLIFY_M = 40.0
DECIMALS = 5  # ~1 m in latitude


def _to_wgs84():
    return pyproj.Transformer.from_crs("EPSG:2154", "EPSG:4326", always_xy=True)


def _geojson_geometry(geom, transformer) -> dict | None:
    """A Lambert-93 polygon -> simplified GeoJSON geometry in lon/lat (None when empty)."""
    if geom is None or geom.is_empty:
        return None
    g = shapely.simplify(geom, SIMPLIFY_M, preserve_topology=True)
    g = shapely.transform(g, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))
    g = shapely.set_precision(g, 10 ** -DECIMALS)
    if g.is_empty:
        return None
    return shapely.geometry.mapping(g)


def _run_length(series: np.ndarray) -> list:
    """[first month index with any unit, values up to the last change] or [] when always 0."""
    nz = np.flatnonzero(series > 0)
    if not len(nz):
        return []
    first = int(nz[0])
    last = int(np.flatnonzero(np.diff(series, prepend=series[0] - 1))[-1])
    return [first, series[first:last + 1].astype(int).tolist()]


def _postcodes(project, row: int) -> list[str]:
    fields = project.communes.layer.fields
    for name in ("codes_postaux", "code_postal", "code_post", "postcode", "cp"):
        if name in fields:
            value = fields[name][row]
            if value is None:
                return []
            return [p for p in str(value).replace(";", ",").replace(" ", ",").split(",") if p]
    return []


def build_web_data(plan: PhasePlan, lang: str = "fr", today: str | None = None) -> dict:
    """The web map's data: see the module docstring. `today` ('YYYY-MM', default this month) is the month whose
    planned coverage the page calls 'today'."""
    project, result = plan.project, plan.result
    tr = _to_wgs84()
    start = parse_month(result.start)
    ab = getattr(result, "as_built", None)  # an as-built start: 'today' is its as-of month
    today = today or (ab.as_of if ab is not None else _dt.date.today().strftime("%Y-%m"))
    status = plan.communes.columns.get("status")
    built = plan.communes.columns.get("built_as_of")
    com = plan.communes
    cols = com.columns
    m_first = np.full(len(com), -1, dtype=np.int64)
    ce = result.commune_eligible
    if ce.size:
        any_built = ce > 0
        m_first = np.where(any_built.any(axis=1), any_built.argmax(axis=1), -1)
    communes = []
    for i in range(len(com)):
        geometry = _geojson_geometry(com.geometries[i], tr)
        if geometry is None:
            continue
        communes.append({
            "type": "Feature", "geometry": geometry,
            "properties": {
                "code": str(cols["code_insee"][i]), "name": str(cols["nom"][i]),
                "postcodes": _postcodes(project, i),
                "phase": int(cols["phase_order"][i]) - 1,
                "units": int(result.commune_units[i]),
                "first": int(m_first[i]), "last": int(result.commune_month_100[i]),
                "eligible": _run_length(ce[i]) if ce.size else [],
                "status": str(status[i]) if status is not None else "",
                "built": int(built[i]) if built is not None else 0,
            },
        })
    phases = []
    for i, phase in enumerate(project.phases):
        geometry = _geojson_geometry(plan.phases.geometries[i], tr) if len(plan.phases.geometries) else None
        phases.append({
            "type": "Feature", "geometry": geometry,
            "properties": {"index": i, "name": str(phase.name), "color": str(phase.color),
                           "start": result.phase_start[i], "end": result.phase_end[i],
                           "units": int(result.phase_units[i])},
        })
    return {
        "meta": {"name": str(project.name), "generated": _dt.date.today().isoformat(), "lang": lang,
                 "scenario": str(result.scenario), "start": result.start, "today": today,
                 "today_index": parse_month(today) - start, "as_of": ab.as_of if ab is not None else None,
                 "sources": _sources(project)},
        "months": list(result.months),
        "territory": {"units": int(result.units), "eligible": result.eligible.astype(int).tolist(),
                      "milestones": {str(m): result.milestones[m] for m in MILESTONES}},
        "communes": {"type": "FeatureCollection", "features": communes},
        "phases": {"type": "FeatureCollection", "features": phases},
    }


def _sources(project) -> list[dict]:
    """Attribution lines in French and English: the layers' sources, and what the dates are."""
    out = [{"fr": "Contours des communes : IGN Admin Express (Licence Ouverte)",
            "en": "Commune outlines: IGN Admin Express (Licence Ouverte)"}]
    if project.premises is not None and "bano" in str(project.premises.layer.source or "").lower():
        out.append({"fr": "Adresses : © les contributeurs d’OpenStreetMap, BANO (ODbL)",
                    "en": "Addresses: © OpenStreetMap contributors, BANO (ODbL)"})
    out.append({"fr": "Dates prévues : simulation Rollout Planner du plan de phases publié",
                "en": "Planned dates: Rollout Planner simulation of the published phase plan"})
    return out


def months_label(offset: int, start: str) -> str | None:
    """'YYYY-MM' of a month offset from `start` (None for -1)."""
    return None if offset < 0 else format_month(parse_month(start) + int(offset))
