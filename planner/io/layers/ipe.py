"""The operators' building file (IPE, "Informations Préalables Enrichies", Interop'Fibre format) as written.

An IPE file is a `;`-separated table, one row per building (address), with decimal commas. The columns used:
- `CodeInseeImmeuble` — the INSEE code (text, kept as written);
- `CoordonneeImmeubleX` / `CoordonneeImmeubleY` with `TypeProjectionGeographique`, per row: see `PROJECTIONS`;
- `NombreLogementsAdresseIPE` — the units of the building (empty or unreadable: see
  `planner.io.layers.detect.unit_counts`, the one rule for every format: 1 unit, counted and reported);
- `EtatImmeuble` — the building's state (see `STATES`); a building is built (its units are eligible) when its
  state is in `BUILT_STATES`;
- `ReferencePM` — the PM (street cabinet) serving the building, kept as a text field for PM-zone phases;
- `DateMiseEnServiceCommercialeImmeuble` (when present) — the date a deployed building opened to sale.

    PROJECTIONS, STATES, BUILT_STATES, UNITS_COLUMN
    is_ipe(names) -> bool
    built_mask(states) -> (bool[N], {unknown state: count})
    projection_crs(value, x, y) -> 'EPSG:....' | None
    points_from_projections(x, y, projections, path) -> (x_l93, y_l93, notes)
    built_months(layer, snapshot_month=None) -> float[N]  (month each premise was built, NaN = not built)
"""
from __future__ import annotations

import re
import unicodedata

import numpy as np

from planner.core.errors import InputError

UNITS_COLUMN = "NombreLogementsAdresseIPE"
STATE_COLUMN = "EtatImmeuble"
PM_COLUMN = "ReferencePM"
INSEE_COLUMN = "CodeInseeImmeuble"
PROJECTION_COLUMN = "TypeProjectionGeographique"
COMMISSIONING_COLUMN = "DateMiseEnServiceCommercialeImmeuble"

# EtatImmeuble values of the IPE format (compared without case, accents, spaces or underscores).
STATES = {
    "CIBLE": "targeted: in the operator's plan, nothing built",
    "SIGNE": "agreement signed with the building's owner (apartment blocks), not built",
    "EN COURS DE DEPLOIEMENT": "being built, not yet eligible",
    "RAD EN COURS DE DEPLOIEMENT": "connectable on demand, being built",
    "DEPLOYE": "deployed: the premises are eligible (built)",
    "RACCORDABLE DEMANDE": "connectable on demand (counted as eligible by the regulator): built",
    "ABANDONNE": "abandoned by the operator",
}
BUILT_STATES = ("DEPLOYE", "RACCORDABLE DEMANDE")

# TypeProjectionGeographique -> the CRS of CoordonneeImmeubleX/Y. The IPE names the geodetic system; the
# coordinates are projected in the territory's legal projection, or in degrees (told apart by their range).
PROJECTIONS = {
    "RGF93": "EPSG:2154",  # metropolitan France, Lambert-93
    "LAMB93": "EPSG:2154", "LAMBERT93": "EPSG:2154", "L93": "EPSG:2154", "RGF93LAMBERT93": "EPSG:2154",
    "LAMB2E": "EPSG:27572", "LAMBERT2E": "EPSG:27572", "LAMBERT2ETENDU": "EPSG:27572", "NTF": "EPSG:27572",
    "WGS84": "EPSG:4326",  # degrees; Web Mercator metres (EPSG:3857) when the values are metres
    "RGFG95": "EPSG:2972",  # French Guiana, UTM 22N
    "RGR92": "EPSG:2975",  # Réunion, UTM 40S
    "RRAF91": "EPSG:4559", "RRAF1991": "EPSG:4559",  # Guadeloupe, Martinique: UTM 20N
    "RGAF09": "EPSG:5490",  # Guadeloupe, Martinique (successor of RRAF91): UTM 20N
    "WGS84UTM20N": "EPSG:32620", "UTM20N": "EPSG:32620",
    "RGM04": "EPSG:4471",  # Mayotte, UTM 38S
    "RGSPM06": "EPSG:4467",  # Saint-Pierre-et-Miquelon, UTM 21N
}


def _key(text) -> str:
    t = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii").upper()
    return re.sub(r"[^A-Z0-9]+", " ", t).strip()


def _norm_name(name) -> str:
    return _key(name).replace(" ", "").lower()


def is_ipe(names) -> bool:
    """True for a table with the IPE's INSEE and coordinate (or state) columns."""
    n = {_norm_name(x) for x in names}
    return "codeinseeimmeuble" in n and ("coordonneeimmeublex" in n or "etatimmeuble" in n)


def built_mask(states) -> tuple[np.ndarray, dict[str, int]]:
    """(built flag per building, {state not in the format: count}) from EtatImmeuble values."""
    states = np.asarray(states, dtype=object).astype(str)
    uniq, inverse = np.unique(states, return_inverse=True)
    keys = [_key(u) for u in uniq]
    built = np.array([k in BUILT_STATES for k in keys], dtype=bool)
    counts = np.bincount(inverse, minlength=len(uniq))
    unknown = {u: int(c) for u, k, c in zip(uniq, keys, counts) if k not in STATES}
    return built[inverse], unknown


def projection_crs(value, x: np.ndarray, y: np.ndarray) -> str | None:
    """The CRS of coordinates tagged `value` in TypeProjectionGeographique (None when the value is unknown)."""
    key = _key(value).replace(" ", "")
    if key.startswith("EPSG") and key[4:].isdigit():
        return f"EPSG:{key[4:]}"
    crs = PROJECTIONS.get(key)
    if crs is None:
        return None
    finite = np.isfinite(x) & np.isfinite(y)
    degrees = bool(finite.any() and np.all(np.abs(x[finite]) <= 180) and np.all(np.abs(y[finite]) <= 90))
    if degrees:
        return "EPSG:4326"  # every system above coincides with WGS 84 within a metre
    if crs == "EPSG:4326":
        return "EPSG:3857"  # 'WGS84' in metres: Web Mercator, as some operators' systems write it
    return crs


def points_from_projections(x: np.ndarray, y: np.ndarray, projections: np.ndarray, path):
    """Coordinates in EPSG:2154 from per-row TypeProjectionGeographique values (vectorised per system)."""
    from planner.io.layers import reproject

    lx = np.full(len(x), np.nan)
    ly = np.full(len(y), np.nan)
    values = np.asarray(projections, dtype=object).astype(str)
    notes = []
    uniq, inverse = np.unique(values, return_inverse=True)
    for k, value in enumerate(uniq):
        value = str(value)
        rows = inverse == k
        crs = projection_crs(value, x[rows], y[rows])
        if crs is None:
            raise InputError(path, f"column '{PROJECTION_COLUMN}': unknown coordinate system {value!r} "
                                   f"(known: {', '.join(sorted(PROJECTIONS))}); give the CRS explicitly")
        lx[rows], ly[rows] = reproject.points_to_l93(x[rows], y[rows], crs)
        notes.append(f"{int(rows.sum()):,} point(s) with {PROJECTION_COLUMN} '{value}' read as {crs}")
    return lx, ly, notes


def built_months(layer, snapshot_month: int | None = None) -> np.ndarray:
    """Month (absolute number) each premise of an IPE premise layer was built, NaN when not built: its
    commissioning date when the file has one, else the snapshot's month (given, or from the file name such as
    'ipe_20240315.csv') for a deployed building."""
    from planner.io.actuals.snapshots import date_field_months

    n = len(layer)
    state = _field(layer, STATE_COLUMN)
    if state is None:
        return np.full(n, np.nan)
    built, _ = built_mask(layer.fields[state])
    out = np.full(n, np.nan)
    date = _field(layer, COMMISSIONING_COLUMN)
    if date is not None:
        out = date_field_months(layer.fields[date])
    if snapshot_month is None:
        from planner.io.actuals.snapshots import month_from_name

        snapshot_month = month_from_name(layer.source) if layer.source else None
    if snapshot_month is not None:
        out = np.where(np.isnan(out), float(snapshot_month), out)
    return np.where(built, out, np.nan)


def units_of(values, n: int, path, name: str = UNITS_COLUMN) -> tuple[np.ndarray, list[str]]:
    """Units per building with the one unit-count rule (no column: 1 each), and the note saying what it did."""
    from planner.io.layers.detect import unit_counts, unit_rule_note

    if values is None:
        return np.ones(n), [f"no column '{name}': 1 unit per building"]
    units, empty, bad = unit_counts(values)
    note = unit_rule_note(name, empty, bad)
    return units, [note] if note else []


def _field(layer, name: str) -> str | None:
    want = _norm_name(name)
    return next((f for f in layer.fields if _norm_name(f) == want), None)
