"""A name is only a name: communes and phases named like formulas, markup and paths go through every export as
text (Excel cells are strings, CSV text cells are OWASP-guarded, QGIS styles and projects parse as XML with the
names intact, the web data cannot end its script), and file names made from them stay in their folder."""
from __future__ import annotations

import csv
import json
import sqlite3
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import numpy as np
import pytest

from project_samples import small_project
from planner.io.safe_names import csv_text, safe_file_name

FORMULA = '=HYPERLINK("http://x.example","click")'
HOSTILE = [FORMULA, "Cœur d'Astarac", "<b>x</b>", "../../etc", "Communauté de communes du Val de Gers & co"]


def hostile_project():
    p = small_project(phases=3)
    for phase, name in zip(p.phases, HOSTILE):
        phase.name = name
    names = np.asarray(p.communes.names, dtype=object).copy()
    for i, name in enumerate(HOSTILE):
        names[i] = name
    p.communes.layer.fields[p.communes.name_field] = names
    return p


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    from planner.io.exports.formats import export

    p = hostile_project()
    d = tmp_path_factory.mktemp("hostile")
    for fmt, out in (("xlsx", "plan.xlsx"), ("csv", "tables"), ("geojson", "gj"), ("gpkg", "plan.gpkg"),
                     ("shp", "shp"), ("qgis", "q.qgz"), ("web", "site"), ("addresses", "addr.csv")):
        if fmt in ("csv", "geojson", "shp"):
            (d / out).mkdir()  # an existing folder: one file per layer inside it
        export(p, fmt, d / out)
    return p, d


def test_excel_cells_from_data_are_text(exported):
    from openpyxl import load_workbook

    p, d = exported
    with zipfile.ZipFile(d / "plan.xlsx") as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any("<f>" in s or "<f " in s for s in sheets)  # no formula anywhere in the workbook
    wb = load_workbook(d / "plan.xlsx")
    found = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value in HOSTILE:
                    found.setdefault(cell.value, []).append(cell.data_type)
    assert set(found) >= {FORMULA, "<b>x</b>", "Cœur d'Astarac", "../../etc"}
    assert all(t == "s" for types in found.values() for t in types)
    assert len(found[FORMULA]) >= 2  # the phase table and the commune rows


def test_csv_text_cells_follow_owasp_and_numbers_stay_numbers(exported):
    p, d = exported
    with open(d / "tables" / "phases.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    names = [r[1] for r in rows[1:]]
    assert names[:3] == ["'" + FORMULA, "Cœur d'Astarac", "<b>x</b>"]
    assert all(r[5].isdigit() for r in rows[1:])  # units: plain numbers
    with open(d / "tables" / "communes_quarters.csv", encoding="utf-8-sig", newline="") as f:
        cells = [c for r in csv.reader(f, delimiter=";") for c in r]
    assert "'" + FORMULA in cells and "<b>x</b>" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@") or (c[:1] == "-" and not c[1:].isdigit())]
    assert csv_text("-12") == "-12" and csv_text("+3,5") == "+3,5" and csv_text("-2+3+cmd") == "'-2+3+cmd"
    assert csv_text("@SUM(A1)") == "'@SUM(A1)" and csv_text("\t=1") == "'\t=1" and csv_text("Auch") == "Auch"
    forecast = (d / "addr.csv").read_text(encoding="utf-8-sig")
    assert "\n=" not in forecast and ";=" not in forecast


def test_vector_exports_keep_names_exactly(exported):
    import pyogrio

    p, d = exported
    gj = json.loads((d / "gj" / "phases.geojson").read_text(encoding="utf-8"))
    assert [f["properties"]["name"] for f in gj["features"]] == HOSTILE[:3]
    _m, _f, _g, data = pyogrio.raw.read(str(d / "plan.gpkg"), layer="phases", read_geometry=False)
    assert list(data[list(_m["fields"]).index("name")]) == HOSTILE[:3]
    _m, _f, _g, data = pyogrio.raw.read(str(d / "shp" / "phases.shp"), read_geometry=False)
    assert list(data[list(_m["fields"]).index("name")]) == HOSTILE[:3]


def test_qgis_styles_and_project_parse_as_xml_with_the_names(exported):
    p, d = exported
    con = sqlite3.connect(d / "plan.gpkg")
    styles = [r[0] for r in con.execute("SELECT styleQML FROM layer_styles")]
    con.close()
    values = set()
    for qml in styles:
        root = ET.fromstring(qml.split("?>", 1)[-1] if qml.startswith("<?xml") else qml)
        values |= {c.get("value") for c in root.iter("category")}
    assert set(HOSTILE[:3]) <= values
    with zipfile.ZipFile(d / "q.qgz") as z:
        qgs = z.read(z.namelist()[0]).decode()
    root = ET.fromstring(qgs.split("\n", 1)[1])  # after the DOCTYPE line
    assert root.tag == "qgis"
    con = sqlite3.connect(d / "q.gpkg")
    styles = [r[0] for r in con.execute("SELECT styleQML FROM layer_styles")]
    con.close()
    assert all(ET.fromstring(s.split("?>", 1)[-1]) is not None for s in styles)


def test_web_data_cannot_end_its_script(exported):
    p, d = exported
    files = [f for f in (d / "site").rglob("*.js") if "vendor" not in f.parts and f.name != "app.js"]
    text = "".join(f.read_text(encoding="utf-8") for f in files)
    assert "<b>" not in text and "</script" not in text.lower()
    assert "\\u003cb\\u003ex\\u003c/b\\u003e" in text  # the name, escaped inside the script's JSON


@pytest.mark.parametrize("name, expected", [
    ("../../etc", "_etc"), ("a/b\\c:d", "a_b_c_d"), ("CON", "_CON"), ("lpt1.txt", "_lpt1.txt"),
    ("Cœur d'Astarac", "Cœur d'Astarac"), ("  .hidden. ", "hidden"), ("", "unnamed"), ("..", "unnamed"),
    ('=HYPERLINK("x")', "=HYPERLINK(_x_)"), ("<b>x</b>", "_b_x_b_"), ("a\x00b", "a_b"), ("x" * 300, "x" * 120),
])
def test_file_names_from_data_stay_in_their_folder(name, expected, tmp_path):
    safe = safe_file_name(name)
    assert safe == expected
    assert (tmp_path / safe).resolve().parent == tmp_path.resolve()
