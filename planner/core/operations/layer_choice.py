"""Which layer of a file an operation reads when none was named: the only layer of the wanted geometry, or the
Lambert-93 one where the file holds the same outlines in several projections (e.g. communes_l93 and
communes_wgs84); otherwise an error naming the option to give and listing the layers.

Works on `layer_summaries` dictionaries (name, geometry_type, count, crs, fields), so it reads nothing itself.
"""
from __future__ import annotations

from planner.core.errors import InputError

L93 = "EPSG:2154"
_GEOMETRY = {"polygon": "Polygon", "point": "Point", "line": "LineString"}


def _describe(s: dict) -> str:
    return f"{s['name']} ({s['count']:,} {s['geometry_type']}, {s.get('crs') or 'no CRS'})"


def _same_outlines(layers: list[dict]) -> bool:
    """Same geometry type, feature count and fields: one layer stored in several projections."""
    first = layers[0]
    return all(s["geometry_type"] == first["geometry_type"] and s["count"] == first["count"]
               and [f for f, _ in s["fields"]] == [f for f, _ in first["fields"]] for s in layers[1:])


def preferred_layer(summaries: list[dict], kind: str) -> tuple[dict | None, bool]:
    """(the layer plainly meant among `summaries` for `kind`, or None; True when it was picked among twins in
    several projections)."""
    fitting = [s for s in summaries if _GEOMETRY[kind] in str(s["geometry_type"])]
    if len(fitting) == 1:
        return fitting[0], False
    l93 = [s for s in fitting if s.get("crs") == L93]
    if len(fitting) > 1 and len(l93) == 1 and _same_outlines(fitting):
        return l93[0], True
    return None, False


def choose_layer(path, summaries: list[dict], kind: str, option: str) -> tuple[str | None, str | None]:
    """(layer name, note) for a file read without a layer name. The name is None when the file has a single
    layer (the readers take it); the note says which layer was taken and why, when there was a choice.
    `kind`: 'polygon' or 'point'; `option`: how the user names a layer ('--communes-layer')."""
    if len(summaries) <= 1:
        return None, None
    fitting = [s for s in summaries if _GEOMETRY[kind] in str(s["geometry_type"])]
    if not fitting:
        raise InputError(path, f"no {kind} layer (layers: {'; '.join(_describe(s) for s in summaries)})")
    chosen, twins = preferred_layer(summaries, kind)
    if chosen is None:
        listing = "; ".join(_describe(s) for s in fitting)
        raise InputError(path, f"several {kind} layers: {listing}; choose one with {option}")
    if not twins:
        return chosen["name"], None
    others = ", ".join(f"'{s['name']}' ({s.get('crs') or 'no CRS'})" for s in fitting if s is not chosen)
    return chosen["name"], (f"{path}: took layer '{chosen['name']}' (Lambert-93, {chosen['count']:,} features); "
                            f"{others} holds the same outlines in another projection (choose with {option})")
