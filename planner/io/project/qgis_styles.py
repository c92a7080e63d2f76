"""QGIS styles (QML) for project and export layers, stored in the GeoPackage `layer_styles` table QGIS reads.

The table follows the schema QGIS itself creates, so QGIS applies the default style when a layer is opened.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

LAYER_STYLES_DDL = """
CREATE TABLE IF NOT EXISTS layer_styles (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  f_table_catalog TEXT(256),
  f_table_schema TEXT(256),
  f_table_name TEXT(256),
  f_geometry_column TEXT(256),
  styleName TEXT(30),
  styleQML TEXT,
  styleSLD TEXT,
  useAsDefault BOOLEAN,
  description TEXT,
  owner TEXT(30),
  ui TEXT(30),
  update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
)"""

_HEADER = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"


@dataclass
class LayerStyleRow:
    """One QML style to store: table name, geometry column, style name and the QML text."""

    table: str
    qml: str
    name: str = "Rollout Planner"
    geometry_column: str = "geom"
    description: str = "written by Rollout Planner"
    default: bool = True


def _rgba(color: str, alpha: float = 1.0) -> str:
    c = color.lstrip("#")
    r, g, b = int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)
    a = int(c[6:8], 16) if len(c) == 8 else round(255 * max(0.0, min(1.0, alpha)))
    return f"{r},{g},{b},{a}"


def _props(props: dict) -> str:
    return "".join(f'<prop k="{k}" v={quoteattr(str(v))}/>' for k, v in props.items())


def fill_symbol(name: str, fill: str, outline: str, opacity: float = 1.0, outline_width: float = 0.26) -> str:
    props = {"color": _rgba(fill, opacity), "outline_color": _rgba(outline), "outline_style": "solid",
             "outline_width": outline_width, "outline_width_unit": "MM", "style": "solid",
             "joinstyle": "bevel", "offset": "0,0", "offset_unit": "MM"}
    return (f'<symbol type="fill" name={quoteattr(name)} alpha="1" clip_to_extent="1" force_rhr="0">'
            f'<layer class="SimpleFill" enabled="1" pass="0" locked="0">{_props(props)}</layer></symbol>')


def marker_symbol(name: str, color: str, size_px: float = 3.0, opacity: float = 1.0) -> str:
    size_mm = round(size_px * 0.26, 2)  # ~96 dpi screen pixel
    props = {"name": "circle", "color": _rgba(color, opacity), "outline_style": "no", "outline_color": "0,0,0,0",
             "outline_width": 0, "size": size_mm, "size_unit": "MM", "scale_method": "diameter",
             "angle": 0, "offset": "0,0", "offset_unit": "MM"}
    return (f'<symbol type="marker" name={quoteattr(name)} alpha="1" clip_to_extent="1" force_rhr="0">'
            f'<layer class="SimpleMarker" enabled="1" pass="0" locked="0">{_props(props)}</layer></symbol>')


def _wrap(renderer: str, label_field: str | None = None) -> str:
    labeling = ""
    if label_field:
        labeling = (f'<labeling type="simple"><settings calloutType="simple"><text-style fieldName={quoteattr(label_field)}'
                    ' fontSize="8" textColor="50,50,50,255" isExpression="0"/></settings></labeling>')
    enabled = "1" if label_field else "0"
    return (f'{_HEADER}<qgis version="3.28.0" styleCategories="Symbology|Labeling" labelsEnabled="{enabled}">'
            f'{renderer}{labeling}</qgis>\n')


def single_symbol_qml(kind: str, fill: str, outline: str = "#7a7a7a", opacity: float = 1.0,
                      point_size: float = 3.0, label_field: str | None = None) -> str:
    """A one-symbol style: kind 'polygon' (fill + outline) or 'point' (circle of `fill`)."""
    symbol = (marker_symbol("0", fill, point_size, opacity) if kind == "point"
              else fill_symbol("0", fill, outline, opacity))
    return _wrap(f'<renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">'
                 f'<symbols>{symbol}</symbols></renderer-v2>', label_field)


def categorized_qml(kind: str, attribute: str, categories: list[tuple[object, str, str]],
                    outline: str = "#232323", opacity: float = 1.0, point_size: float = 3.0,
                    other_color: str | None = "#cccccc", label_field: str | None = None) -> str:
    """A categorised style on `attribute`: categories are (value, label, '#rrggbb'); one symbol per category.

    `other_color` adds a catch-all category (empty value) for features in no listed category.
    """
    cats, symbols = [], []
    items = list(categories)
    if other_color is not None:
        items.append(("", "other", other_color))
    for i, (value, label, color) in enumerate(items):
        cats.append(f'<category render="true" symbol="{i}" value={quoteattr(str(value))} label={quoteattr(str(label))}/>')
        symbols.append(marker_symbol(str(i), color, point_size, opacity) if kind == "point"
                       else fill_symbol(str(i), color, outline, opacity))
    return _wrap(f'<renderer-v2 type="categorizedSymbol" attr={quoteattr(attribute)} symbollevels="0" '
                 f'enableorderby="0" forceraster="0"><categories>{"".join(cats)}</categories>'
                 f'<symbols>{"".join(symbols)}</symbols></renderer-v2>', label_field)


def sequential_colors(n: int, start: str = "#fee08b", end: str = "#1a9850") -> list[str]:
    """`n` colours evenly spaced from `start` to `end` (e.g. early quarters yellow to late ones green)."""
    a = [int(start[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(end[i:i + 2], 16) for i in (1, 3, 5)]
    out = []
    for k in range(n):
        t = k / (n - 1) if n > 1 else 1.0
        out.append("#" + "".join(f"{round(u + (v - u) * t):02x}" for u, v in zip(a, b)))
    return out


def write_layer_styles(con: sqlite3.Connection, rows: list[LayerStyleRow]) -> None:
    """Create `layer_styles` (QGIS schema, registered in gpkg_contents) and store the styles (default or not)."""
    con.execute(LAYER_STYLES_DDL)
    con.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, last_change) "
                "VALUES ('layer_styles', 'attributes', 'layer_styles', '', strftime('%Y-%m-%dT%H:%M:%fZ','now'))")
    for r in rows:
        con.execute("DELETE FROM layer_styles WHERE f_table_name = ? AND styleName = ?", (r.table, r.name))
        con.execute("INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, "
                    "styleName, styleQML, styleSLD, useAsDefault, description, owner, ui) "
                    "VALUES ('', '', ?, ?, ?, ?, '', ?, ?, '', NULL)",
                    (r.table, r.geometry_column, r.name, r.qml, int(r.default), r.description))
