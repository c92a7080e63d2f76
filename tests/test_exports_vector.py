"""Vector exports read back with pyogrio/fiona and compared with the project and its simulation."""
import json
import re

import fiona
import numpy as np
import pyogrio
import pyogrio.raw
import pytest
import shapely
from pyproj import Transformer

from planner.core.errors import PlannerError
from planner.core.months import parse_month
from planner.io.exports.formats import export
from planner.io.exports.plan import build_plan
from planner.io.exports.shapefile import shorten_field_names

from project_samples import sample_project


@pytest.fixture(scope="module")
def project():
    return sample_project(per_commune_cap=120)


@pytest.fixture(scope="module")
def plan(project):
    return build_plan(project)


def _read(path, layer=None):
    meta, _f, wkb, data = pyogrio.raw.read(str(path), layer=layer)
    return {str(n): np.asarray(c) for n, c in zip(meta["fields"], data)}, wkb


# ---------------------------------------------------------------- GeoPackage plan
@pytest.fixture(scope="module")
def gpkg(project, tmp_path_factory):
    out = tmp_path_factory.mktemp("gpkg") / "plan.gpkg"
    report = export(project, "gpkg", out)
    assert report.files == [out]
    assert report.counts == {"phases": 4, "communes": 458, "premises": len(project.premises)}
    return out


def test_gpkg_phases_hold_the_simulated_dates(project, plan, gpkg):
    fields, wkb = _read(gpkg, "phases")
    res = plan.result
    assert list(fields["name"]) == [p.name for p in project.phases]
    assert list(fields["order"]) == [1, 2, 3, 4]
    assert list(fields["start"]) == res.phase_start
    assert list(fields["build_start"]) == res.phase_build_start
    assert list(fields["end"]) == res.phase_end
    assert list(fields["units"]) == list(res.phase_units)
    assert fields["units"].sum() + res.unplanned_units == res.units
    assert list(fields["cost_eur"]) == pytest.approx(res.costs.phase_cost)
    assert list(fields["spent_eur"]) == pytest.approx(res.costs.phase_spend[:, -1])
    # a commune-only phase is drawn as the union of its communes
    com = project.communes
    listed = shapely.union_all(com.geometries[[com.index_of(c) for c in project.phases[3].communes]])
    assert shapely.from_wkb(wkb[3]).symmetric_difference(listed).area < 1.0
    assert shapely.from_wkb(wkb[1]).area == pytest.approx(project.phases[1].zone.area)


def test_gpkg_communes_have_phase_and_planned_quarters(project, plan, gpkg):
    fields, wkb = _read(gpkg, "communes")
    res = plan.result
    assert list(fields["code_insee"]) == list(project.communes.codes)
    assert "Bézéril" in set(fields["nom"])
    for row in np.flatnonzero(res.commune_month_50 >= 0)[:40]:
        assert fields["planned_quarter_50"][row] == res.commune_quarter(row, 50)
    auch = project.communes.index_of("32013")
    assert fields["phase"][auch] == "Phase 1 — Auch"
    assert re.fullmatch(r"T[1-4] 20\d\d", fields["planned_quarter_100"][auch])
    assert fields["planned_month_100"][auch] == res.months[res.commune_month_100[auch]]
    assert fields["planned_quarter_100"][project.communes.index_of("32001")] is None  # Aignan: unplanned
    assert len(wkb) == 458
    density = res.commune_units[auch] / shapely.area(project.communes.geometries[auch]) * 1e6
    assert fields["density"][auch] == pytest.approx(density, abs=0.01)
    expected = ("intermediate", 800) if density >= 100 else ("rural", 1900)  # the default classes
    assert (fields["cost_class"][auch], fields["eur_unit"][auch]) == expected
    assert fields["cost_eur"].sum() == pytest.approx(res.costs.commune_cost.sum())
    assert fields["cost_eur"][project.communes.index_of("32001")] == 0  # unplanned: nothing to pay


def test_gpkg_premises_have_phase_and_eligibility_month(project, plan, gpkg):
    fields, wkb = _read(gpkg, "premises")
    res = plan.result
    x = shapely.get_x(shapely.from_wkb(wkb))
    np.testing.assert_array_equal(x, project.premises.x)
    phase = fields["phase"]
    assert set(phase[phase != None]) <= {p.name for p in project.phases}  # noqa: E711
    start = parse_month(res.start)
    month = np.array([-1 if m is None else parse_month(m) - start for m in fields["eligible_month"]])
    units = fields["units"]
    # whole premises: eligible units by premise never exceed the simulated territory, and lag it only by a few
    # units per cell being built
    by_month = np.array([units[(month >= 0) & (month <= t)].sum() for t in range(len(res.months))])
    assert np.all(by_month <= res.eligible)
    assert np.all(res.eligible - by_month <= (units.max() - 1) * len(res.inputs.cell_phase))
    assert by_month[-1] > 0
    # a commune 100 % eligible has all its premises eligible by then
    codes = fields["code_insee"]
    auch = project.communes.index_of("32013")
    in_auch = codes == "32013"
    assert month[in_auch].max() == res.commune_month_100[auch]
    assert np.all(month[phase == None] == -1)  # noqa: E711


def test_gpkg_plan_has_qgis_styles(project, gpkg):
    import sqlite3

    con = sqlite3.connect(gpkg)
    styles = dict(con.execute("SELECT f_table_name, styleQML FROM layer_styles WHERE useAsDefault"))
    coverage = con.execute("SELECT styleQML FROM layer_styles WHERE NOT useAsDefault "
                           "AND f_table_name = 'communes'").fetchone()[0]
    con.close()
    assert set(styles) == {"phases", "communes", "premises"}
    assert 'attr="phase"' in styles["communes"] and 'attr="phase"' in styles["premises"]
    for p in project.phases:
        assert f'value="{p.name}"' in styles["phases"]
    # a second (non-default) communes style: coverage classes by the year each commune is complete
    years = sorted({m[:4] for m in build_plan(project).communes.columns["planned_month_100"] if m})
    assert years and all(f'value="{y}"' in coverage for y in years)
    assert "attr='left(\"planned_month_100\", 4)'" in coverage
    import xml.dom.minidom

    for qml in list(styles.values()) + [coverage]:  # well-formed XML with the QGIS root element
        assert xml.dom.minidom.parseString(qml).documentElement.tagName == "qgis"


def test_gpkg_export_refuses_to_overwrite(project, gpkg):
    before = gpkg.stat().st_mtime_ns
    with pytest.raises(PlannerError, match="already exists; use --force"):
        export(project, "gpkg", gpkg)
    assert gpkg.stat().st_mtime_ns == before


# ---------------------------------------------------------------- GeoJSON
@pytest.fixture(scope="module")
def geojson_dir(project, tmp_path_factory):
    out = tmp_path_factory.mktemp("gj")  # an existing folder: one file per layer in it
    export(project, "geojson", out)
    return out


def _rings(geom):
    polys = geom.geoms if geom.geom_type == "MultiPolygon" else [geom]
    for poly in polys:
        yield "exterior", poly.exterior
        for hole in poly.interiors:
            yield "hole", hole


def test_geojson_follows_rfc7946(project, geojson_dir):
    files = sorted(p.name for p in geojson_dir.iterdir())
    assert files == ["communes.geojson", "phases.geojson", "premises.geojson"]
    for name in files:
        text = (geojson_dir / name).read_text(encoding="utf-8")
        doc = json.loads(text)
        assert "crs" not in doc and doc["type"] == "FeatureCollection"
        assert not re.search(r"\d\.\d{7,}", text.split('"features"', 1)[1][:200000])  # at most 6 decimals
        coords = shapely.get_coordinates(shapely.from_geojson(json.dumps(doc)))
        assert np.all((coords[:, 0] > -0.5) & (coords[:, 0] < 1.5))  # Gers longitudes
        assert np.all((coords[:, 1] > 43.0) & (coords[:, 1] < 44.2))  # Gers latitudes
    phases = json.loads((geojson_dir / "phases.geojson").read_text(encoding="utf-8"))
    kinds = {"exterior": 0, "hole": 0}
    for feature in phases["features"] + json.loads((geojson_dir / "communes.geojson").read_text())["features"]:
        geom = shapely.geometry.shape(feature["geometry"])
        for kind, ring in _rings(geom):
            assert shapely.is_ccw(ring) == (kind == "exterior")
            kinds[kind] += 1
    assert kinds["hole"] >= 1  # phase 2 has a hole
    # the same places as the project, in lon/lat
    to_wgs84 = Transformer.from_crs("EPSG:2154", "EPSG:4326", always_xy=True)
    zone = shapely.transform(project.phases[1].zone, lambda xy: np.column_stack(to_wgs84.transform(xy[:, 0], xy[:, 1])))
    exported = shapely.geometry.shape(phases["features"][1]["geometry"])
    assert exported.symmetric_difference(zone).area < 1e-4 * zone.area
    assert phases["features"][0]["properties"]["name"] == "Phase 1 — Auch"


def test_geojson_premises_count_and_one_chosen_layer(project, geojson_dir, tmp_path):
    with fiona.open(geojson_dir / "premises.geojson") as src:
        assert len(src) == len(project.premises)
    out = tmp_path / "communes_only.geojson"
    report = export(project, "geojson", out, layer="communes")
    assert report.files == [out] and report.counts == {"communes": 458}
    info = pyogrio.read_info(out)
    assert info["features"] == 458 and info["crs"] == "EPSG:4326"
    with pytest.raises(PlannerError, match="not available"):
        export(project, "geojson", tmp_path / "x.geojson", layer="roads")


def test_geojson_named_file_writes_one_file_per_layer_beside_it(project, tmp_path):
    out = tmp_path / "plan.geojson"
    report = export(project, "geojson", out)
    names = ["plan_communes.geojson", "plan_phases.geojson", "plan_premises.geojson"]
    assert sorted(f.name for f in report.files) == names
    assert sorted(p.name for p in tmp_path.iterdir()) == names  # no folder named plan.geojson
    assert sorted(report.lines()[:3]) == [f"wrote {tmp_path / n}" for n in names]
    assert pyogrio.read_info(tmp_path / "plan_communes.geojson")["features"] == 458
    with pytest.raises(PlannerError, match="plan_phases.geojson, .*already exists"):
        export(project, "geojson", out)


# ---------------------------------------------------------------- Shapefile
def test_field_name_shortening_is_collision_free():
    names = ["planned_quarter_50", "planned_quarter_100", "planned_month_50", "planned_month_100", "code_insee",
             "aaaaaaaaaaaa", "aaaaaaaaaaab", "AAAAAAAAAAAC", "Département", "units_per_crew_month"]
    short = shorten_field_names(names)
    assert all(len(s) <= 10 for s in short)
    assert len({s.lower() for s in short}) == len(short)
    assert short[:5] == ["pla_qua_50", "pla_qu_100", "pla_mon_50", "pla_mo_100", "code_insee"]
    assert short[5:8] == ["aaaaaaaaaa", "aaaaaaaa_2", "AAAAAAAA_3"]
    assert short[8] == "Departemen" and short[9] == "un_pe_cr_m"
    assert shorten_field_names(names) == short  # deterministic


def test_shapefile_set(project, plan, tmp_path):
    out = tmp_path / "shp"
    out.mkdir()
    report = export(project, "shp", out)
    for layer in ("phases", "communes", "premises"):
        for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
            assert (out / f"{layer}{ext}").exists()
        assert (out / f"{layer}.cpg").read_text().strip().upper() in ("UTF-8", "UTF8")
        assert "Lambert" in (out / f"{layer}.prj").read_text() or "RGF93" in (out / f"{layer}.prj").read_text()
    info = pyogrio.read_info(out / "communes.shp")
    names = list(info["fields"])
    assert all(len(n) <= 10 for n in names) and len(set(names)) == len(names)
    assert "pla_qua_50" in names and "pla_qu_100" in names
    assert info["features"] == 458 and report.counts["premises"] == len(project.premises)
    mapping = dict(line.split(";")[::-1] for line in (out / "communes.fields.csv").read_text().splitlines()[1:])
    assert mapping["planned_quarter_100"] == "pla_qu_100"
    with fiona.open(out / "communes.shp") as src:
        rows = {f["properties"]["code_insee"]: f["properties"] for f in src}
    assert rows["32051"]["nom"] == "Bézéril"  # accents intact through the .cpg
    auch = project.communes.index_of("32013")
    assert rows["32013"]["pla_qu_100"] == plan.result.commune_quarter(auch, 100)
    one = export(project, "shp", tmp_path / "ph.shp", layer="phases")
    assert pyogrio.read_info(tmp_path / "ph.shp")["features"] == 4 and one.counts == {"phases": 4}
