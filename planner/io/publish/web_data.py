"""The data of the web map, as one JSON-ready dict built from the phase plan (no Qt, no file writing here).

Everything a resident's page shows comes from here, computed once by the same simulation as the window:
communes (outline simplified for the screen, WGS84, 5 decimals), their phase, first and last eligibility
month (first unit / all units: month offsets of the run, and as 'YYYY-MM' with whether the real figures of an
as-built start gave it, older than the run's start too), units, monthly eligible units (run-length: from the first month with any until the
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
    dates = _eligibility_dates(result, m_first)
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
                **{key: values[i] for key, values in dates.items()},
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


def _eligibility_dates(result, m_first: np.ndarray) -> dict[str, list]:
    """Per commune, the month its first unit and all its units become eligible ('YYYY-MM' or None), and whether
    each is the real one: with an as-built start a commune's first real figure (before the run's start too: the
    run counts from its start) and the month its figures reach all its units. `first_by`: the first figure of
    the history already shows units, so they may be older (the page says 'by')."""
    C = len(result.commune_units)
    first = [months_label(int(m), result.start) for m in m_first]
    last = [months_label(int(m), result.start) for m in result.commune_month_100]
    first_actual, last_actual, first_by = [False] * C, [False] * C, [False] * C
    ab = getattr(result, "as_built", None)
    st = getattr(ab, "state", None)
    if st is not None and len(st.points):
        real_first = st.commune_first_month()
        for i in np.flatnonzero(real_first >= 0):
            first[i], first_actual[i] = format_month(int(real_first[i])), True
            first_by[i] = bool(real_first[i] == st.points[0])
        for i in np.flatnonzero(np.asarray(ab.commune_actual_100) >= 0):
            last[i], last_actual[i] = format_month(int(ab.commune_actual_100[i])), True
    return {"first_month": first, "first_actual": first_actual, "first_by": first_by,
            "last_month": last, "last_actual": last_actual}


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
