"""Field detection: which column holds the INSEE code, the commune name, the units, the coordinates."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

import numpy as np

INSEE_RE = re.compile(r"^(\d{5}|2[AaBb]\d{3})$")

# Names are compared case-insensitively with '-', ' ' and '.' folded to '_'.
_INSEE_NAMES = [
    "code_insee", "insee", "codeinsee", "insee_com", "code_commune_insee", "codecommuneinsee", "ad_insee",
    "codeinseeimmeuble", "code_insee_immeuble", "cog", "depcom", "code_com", "codgeo", "code_commune",
    "inseecom", "insee_code", "code",
]
_INSEE_YEAR_RE = re.compile(r"^(code_insee|insee|insee_com|code_commune_insee|cog|codgeo)_?((?:19|20)\d\d)$")

_NAME_NAMES = ["nom", "nom_commune", "nom_com", "nom_comm", "libelle", "libelle_commune", "lib_com", "libgeo",
               "name", "commune", "nom_officiel"]

_UNITS_NAMES = ["units", "nb_units", "nombrelogementsadresseipe", "nombre_logements_adresse_ipe", "nb_locaux",
                "nblocaux", "locaux", "nb_logements", "nblogements", "nb_log", "nb_logts", "nb_prises", "nbprises"]
_UNITS_SUM = ("ad_nblhab", "ad_nblpro")

_LON_NAMES = ["lon", "lng", "long", "longitude", "lon_wgs84", "longitude_wgs84", "x_wgs84", "wgs84_lon"]
_LAT_NAMES = ["lat", "latitude", "lat_wgs84", "latitude_wgs84", "y_wgs84", "wgs84_lat"]
_X_NAMES = ["x", "x_l93", "xl93", "x_lambert93", "coord_x", "coordx", "xcoord", "x_coord", "easting", "est",
            "coordonneeimmeublex", "coordonnee_x", "coordonneex", "ad_x", "x_2154"]
_Y_NAMES = ["y", "y_l93", "yl93", "y_lambert93", "coord_y", "coordy", "ycoord", "y_coord", "northing", "nord",
            "coordonneeimmeubley", "coordonnee_y", "coordonneey", "ad_y", "y_2154"]


def _norm(name: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[\s.\-]+", "_", text.strip()).lower()


def _by_name(field_names: Iterable[str], wanted: Sequence[str]) -> list[str]:
    """Field names matching `wanted`, in the order of `wanted`."""
    lookup = {}
    for f in field_names:
        lookup.setdefault(_norm(f), f)
    return [lookup[w] for w in wanted if w in lookup]


def looks_like_insee(values, min_share: float = 0.9) -> bool:
    """True when at least `min_share` of the non-empty values are 5-character INSEE codes ('32013', '2A004')."""
    arr = np.asarray(values, dtype=object)
    if arr.size == 0:
        return False
    text = np.array([str(v).strip() for v in arr[:2000]], dtype=object)
    text = text[(text != "") & (text != "None") & (text != "nan")]
    if text.size == 0:
        return False
    ok = np.fromiter((bool(INSEE_RE.match(t)) for t in text), dtype=bool, count=text.size)
    return ok.mean() >= min_share


def insee_candidates(field_names: Iterable[str], sample_values: Mapping[str, Sequence] | None = None) -> list[str]:
    """Fields that may hold the INSEE commune code, best first.

    By name (code_insee, insee, INSEE_COM, ad_insee, CodeInseeImmeuble, code_insee_2026 — the latest year
    first —, code, ...); when `sample_values` (field -> some values) is given, a candidate must also hold
    INSEE-like values, and fields named otherwise whose values look like INSEE codes follow (never a
    postal-code field).
    """
    names = list(field_names)
    candidates = _by_name(names, _INSEE_NAMES[:-1])
    dated = sorted(((int(m.group(2)), f) for f in names if (m := _INSEE_YEAR_RE.match(_norm(f)))), reverse=True)
    candidates += [f for _, f in dated if f not in candidates]
    candidates += [f for f in _by_name(names, _INSEE_NAMES[-1:]) if f not in candidates]
    if sample_values is None:
        return candidates
    out = [f for f in candidates if f in sample_values and looks_like_insee(sample_values[f])]
    for f in names:
        n = _norm(f)
        if f in out or "post" in n or n in ("cp", "code_postal", "codepostal", "zip"):
            continue
        if f in sample_values and looks_like_insee(sample_values[f]):
            out.append(f)
    return out


def detect_insee_field(field_names: Iterable[str], sample_values: Mapping[str, Sequence] | None = None) -> str | None:
    """The field holding the INSEE commune code, or None (the first of `insee_candidates`)."""
    found = insee_candidates(field_names, sample_values)
    return found[0] if found else None


def detect_name_field(field_names: Iterable[str]) -> str | None:
    """The field holding the commune name (nom, nom_commune, NOM_COM, libelle, name, ...), or None."""
    hits = _by_name(field_names, _NAME_NAMES)
    return hits[0] if hits else None


@dataclass(frozen=True)
class UnitsSpec:
    """How many units a feature holds: one field, or the sum of several (GraceTHD ad_nblhab + ad_nblpro)."""

    fields: tuple[str, ...]

    @property
    def name(self) -> str:
        """The field name to use for the units: the field itself, or 'units' for a computed sum."""
        return self.fields[0] if len(self.fields) == 1 else "units"

    @property
    def label(self) -> str:
        return " + ".join(self.fields)

    def evaluate(self, fields: Mapping[str, np.ndarray]) -> np.ndarray:
        """The units per feature (float64): a single field as a number, a sum of the readable parts; NaN (no
        count: see `unit_counts`) where no part is readable."""
        cols = [to_number(fields[f]) for f in self.fields]
        if len(cols) == 1:
            return cols[0]
        stacked = np.vstack(cols)
        none = np.all(np.isnan(stacked), axis=0)
        return np.where(none, np.nan, np.nansum(stacked, axis=0))


# The one rule for unit counts, in every format (IPE, GraceTHD, BAN, GeoPackage, CSV): a count that is empty,
# not a number or negative is no count; a premise point without a count is one unit (it is a premise whose size
# is unknown), a commune without a count has none (0). Explicit zeros stay 0. Such values are counted and the
# reader reports how many (layer warnings, the import summary, `new`).
PREMISE_DEFAULT_UNITS = 1.0
COMMUNE_DEFAULT_UNITS = 0.0


def unit_counts(values, default: float = PREMISE_DEFAULT_UNITS) -> tuple[np.ndarray, int, int]:
    """(units float64 with the rule applied, empty count, unreadable count) of a units column."""
    arr = np.asarray(values)
    nums = to_number(arr)
    if arr.dtype.kind in "fiub":
        empty = int(np.isnan(nums).sum())
        bad = int((nums < 0).sum())
    else:
        text = np.char.strip(arr.astype(str))
        blank = (text == "") | (text == "None") | (text == "nan")
        empty = int(blank.sum())
        bad = int((np.isnan(nums) & ~blank).sum() + (nums < 0).sum())
    out = np.where(np.isnan(nums) | (nums < 0), default, nums)
    return out, empty, bad


def unit_rule_note(field: str, empty: int, bad: int, default: float = PREMISE_DEFAULT_UNITS) -> str | None:
    """The warning telling how many counts the rule replaced, or None."""
    if not (empty or bad):
        return None
    parts = [f"{empty:,} empty" if empty else "", f"{bad:,} unreadable or negative" if bad else ""]
    what = "premise(s)" if default == PREMISE_DEFAULT_UNITS else "commune(s)"
    return (f"{' and '.join(p for p in parts if p)} unit count(s) in '{field}': counted as {default:g} unit "
            f"each ({what}; see the unit-count rule in docs/inputs.md).")


def to_number(values) -> np.ndarray:
    """A column as float64; text that is not a number becomes NaN (vectorised through numpy's parser)."""
    arr = np.asarray(values)
    if arr.dtype.kind in "fiub":
        return arr.astype(np.float64)
    text = np.char.replace(np.asarray(arr.astype(str), dtype=str), ",", ".")
    text = np.char.strip(text)
    out = np.full(text.shape, np.nan)
    ok = np.char.str_len(text) > 0
    try:
        out[ok] = text[ok].astype(np.float64)
    except ValueError:
        good = np.array([_is_float(t) for t in text[ok]], dtype=bool)
        idx = np.flatnonzero(ok)[good]
        out[idx] = text[idx].astype(np.float64)
    return out


def _is_float(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def detect_units_field(field_names: Iterable[str]) -> UnitsSpec | None:
    """The units spec: a units field (NombreLogementsAdresseIPE, nb_logements, locaux_insee_2018, ...), the sum
    ad_nblhab + ad_nblpro, or None (each point is 1 unit)."""
    names = list(field_names)
    hits = _by_name(names, _UNITS_NAMES)
    if hits:
        return UnitsSpec((hits[0],))
    pair = _by_name(names, _UNITS_SUM)
    if len(pair) == 2:
        return UnitsSpec(tuple(pair))
    for prefix in ("locaux", "nb_locaux", "nb_logements", "logements"):
        dated = sorted((f for f in names if _norm(f).startswith(prefix)), key=_norm, reverse=True)
        if dated:
            return UnitsSpec((dated[0],))
    if pair:
        return UnitsSpec(tuple(pair))
    return None


def detect_xy_fields(field_names: Iterable[str]) -> tuple[str, str, str] | None:
    """(x field, y field, 'lonlat' or 'xy') by name, or None."""
    names = list(field_names)
    lon, lat = _by_name(names, _LON_NAMES), _by_name(names, _LAT_NAMES)
    if lon and lat:
        return lon[0], lat[0], "lonlat"
    x, y = _by_name(names, _X_NAMES), _by_name(names, _Y_NAMES)
    if x and y:
        return x[0], y[0], "xy"
    return None
