"""Publishing: the per-address forecast row by row, the QGIS project as XML, GeoPackage 1.2, CLI behaviour."""
import csv
import io
import sqlite3
import xml.etree.ElementTree as ET
import zipfile

import numpy as np
import pyogrio
import pytest

from planner.cli import main
from planner.core.months import parse_month, quarter_label
from planner.core.phases.assignment import assign
from planner.core.simulation.coverage import simulate
from planner.io.exports.plan import build_plan, premise_eligible_offsets
from planner.io.project.project_file import save_project

from project_samples import sample_project


@pytest.fixture(scope="module")
def project():
    return sample_project(per_commune_cap=40)


@pytest.fixture(scope="module")
def project_file(project, tmp_path_factory):
    path = tmp_path_factory.mktemp("publish") / "gers.gpkg"
    save_project(project, path)
    return path


def _read_forecast(path):
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")  # BOM: a French spreadsheet shows the accents
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def test_forecast_rows_match_assignment_and_simulation(project, project_file, tmp_path, capsys):
    out = tmp_path / "forecast.csv"
    assert main(["export", str(project_file), "--format", "addresses", "-o", str(out)]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    rows = _read_forecast(out)
    a = assign(project)
    result = simulate(project, assignment=a)
    units = project.premises.units
    offsets = premise_eligible_offsets(result, a, project.premises)
    start = parse_month(result.start)
    assert len(rows) == len(project.premises)
    codes = project.communes.codes
    names = dict(zip(codes, project.communes.names))
    phase_names = [p.name for p in project.phases]
    for i in np.random.default_rng(3).choice(len(rows), 400, replace=False):
        r = rows[i]
        assert int(r["nb_locaux"]) == units[i]  # the premise layer's own fields are kept
        c, p, o = a.premise_commune[i], a.premise_phase[i], offsets[i]
        assert r["code_insee"] == (codes[c] if c >= 0 else "")
        assert r["commune"] == (names[codes[c]] if c >= 0 else "")
        assert r["phase"] == (phase_names[p] if p >= 0 else "")
        if o >= 0:
            assert r["eligible_quarter"] == quarter_label(start + o, "fr")
            assert parse_month(r["eligible_month"]) == start + o
            assert r["status"] == "planned"
        else:
            assert r["eligible_month"] == "" and r["eligible_quarter"] == ""
    assert {r["status"] for r in rows if r["phase"] == ""} <= {"unplanned"}
    assert any(r["status"] == "unplanned" for r in rows) and any(r["eligible_month"] for r in rows)


def test_forecast_gpkg_and_english_quarters(project_file, tmp_path):
    out = tmp_path / "forecast.gpkg"
    assert main(["export", str(project_file), "--format", "addresses", "-o", str(out), "--lang", "en"]) == 0
    info = pyogrio.read_info(out, layer="forecast")
    assert info["features"] > 0 and info["crs"] == "EPSG:2154" and info["geometry_type"] == "Point"
    _, _, _, cols = pyogrio.raw.read(out, layer="forecast", read_geometry=False, columns=["eligible_quarter"])
    quarters = {q for q in cols[0] if q}
    assert quarters and all(q.startswith("Q") for q in quarters)
    assert sqlite3.connect(out).execute("pragma user_version").fetchone()[0] == 10200


def test_qgis_project_layers_styles_and_time(project, project_file, tmp_path):
    out = tmp_path / "plan.qgz"
    assert main(["export", str(project_file), "--format", "qgis", "-o", str(out)]) == 0
    gpkg = tmp_path / "plan.gpkg"
    assert gpkg.exists() and sqlite3.connect(gpkg).execute("pragma user_version").fetchone()[0] == 10200
    with zipfile.ZipFile(out) as z:
        assert z.namelist() == ["plan.qgs"]
        root = ET.fromstring(z.read("plan.qgs").split(b"\n", 1)[1])
    layers = root.find("projectlayers").findall("maplayer")
    sources = [ml.find("datasource").text for ml in layers]
    assert all(s.startswith("./plan.gpkg|layername=") for s in sources)
    tables = {s.split("=")[1] for s in sources}
    assert tables == {"premises", "communes", "phases"} and tables <= {n for n, _ in pyogrio.list_layers(gpkg)}
    temporal = {ml.find("layername").text: ml.find("temporal").attrib for ml in layers}
    prem = temporal["premises (eligible by month)"]
    assert prem["enabled"] == "1" and prem["mode"] == "1" and prem["startField"] == "eligible_date"
    assert prem["accumulate"] == "1"
    assert temporal["communes (100 % eligible by month)"]["startField"] == "planned_date_100"
    assert temporal["phases"]["enabled"] == "0"
    # the temporal fields are real dates in the GeoPackage
    info = pyogrio.read_info(gpkg, layer="premises")
    assert info["ogr_types"][list(info["fields"]).index("eligible_date")] == "OFTDate"
    # phase categories carry the phases' names and colours
    phases = next(ml for ml in layers if ml.find("layername").text == "phases")
    cats = {c.get("value") for c in phases.iter("category")}
    assert cats == {p.name for p in project.phases}
    time = root.find("ProjectTimeSettings")
    assert time.get("timeStepUnit") == "months" and time.get("timeStep") == "1"
    plan = build_plan(project)
    assert time.find("TemporalRange/start").text.startswith(plan.result.start)
    assert root.find("projectCrs/spatialrefsys/authid").text == "EPSG:2154"


def test_hostile_names_are_escaped_in_qgis_xml(project, tmp_path):
    from planner.io.publish.qgis_project import project_xml

    hostile = project.snapshot()
    hostile.phases[0].name = 'Cœur d\'Astarac <b>&</b> "=HYPERLINK(1)"'
    hostile.name = "</title><script>x</script>"
    xml = project_xml(build_plan(hostile), "plan.gpkg")
    root = ET.fromstring(xml.split(b"\n", 1)[1])  # parses: everything escaped
    assert root.find("title").text == hostile.name
    assert hostile.phases[0].name in {c.get("value") for c in root.iter("category")}


def test_publish_refuses_folders_of_other_files_and_overwrites(project_file, tmp_path, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / "notes.txt").write_text("mine")
    assert main(["export", str(project_file), "--format", "web", "-o", str(site)]) == 2
    assert "holds other files" in capsys.readouterr().err
    assert sorted(p.name for p in site.iterdir()) == ["notes.txt"]
    fresh = tmp_path / "fresh"
    assert main(["export", str(project_file), "--format", "web", "-o", str(fresh)]) == 0
    assert main(["export", str(project_file), "--format", "web", "-o", str(fresh)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["export", str(project_file), "--format", "web", "-o", str(fresh), "--force"]) == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left behind
    total = sum(p.stat().st_size for p in fresh.rglob("*") if p.is_file())
    assert (fresh / "index.html").exists() and total < 3_000_000


def test_project_files_are_geopackage_1_2(project_file):
    """QGIS 3.22 (GDAL 3.4) opens GeoPackage 1.4 files with a warning; projects, plans and forecasts are 1.2."""
    assert sqlite3.connect(project_file).execute("pragma user_version").fetchone()[0] == 10200
