"""Project file: save -> open round trip of the whole project, QGIS-readable layers and styles, schema versions."""
import json
import sqlite3

import numpy as np
import pyogrio
import pyogrio.raw
import pytest
import shapely

from planner.core.errors import InputError, PlannerError
from planner.core.project.model import Phase, Project
from planner.io.project import schema
from planner.io.project.project_file import describe_project, is_project, load_project, read_meta, save_project
from planner.io.wkb_points import points_to_wkb, wkb_to_xy

from project_samples import SAMPLE_GPKG, sample_communes, sample_project


@pytest.fixture(scope="module")
def project():
    return sample_project()


@pytest.fixture(scope="module")
def saved(project, tmp_path_factory):
    path = tmp_path_factory.mktemp("proj") / "gers.gpkg"
    save_project(project, path)
    return path


def _assert_layers_equal(a, b):
    assert a.name == b.name and a.kind == b.kind and a.source == b.source
    assert a.style == b.style
    assert list(a.fields) == list(b.fields)
    for name in a.fields:
        va, vb = np.asarray(a.fields[name]), np.asarray(b.fields[name])
        assert len(va) == len(vb)
        if va.dtype.kind in "fiub":
            np.testing.assert_array_equal(va, vb, err_msg=name)
            assert vb.dtype.kind == va.dtype.kind, name
        else:
            assert list(va) == list(vb), name
    if a.kind == "point":
        np.testing.assert_array_equal(a.x, b.x)
        np.testing.assert_array_equal(a.y, b.y)
    else:
        assert bool(np.all(shapely.equals_exact(a.geometries, b.geometries, tolerance=0)))


def test_round_trip_of_the_whole_project(project, saved):
    back = load_project(saved)
    assert back.path == str(saved)
    assert back.name == "Gers — FTTH"
    _assert_layers_equal(project.communes.layer, back.communes.layer)
    assert (back.communes.code_field, back.communes.name_field, back.communes.units_field) == \
        ("code_insee", "nom", "locaux_insee_2018")
    assert len(back.premises) == len(project.premises) == int(project.communes.units.sum())
    _assert_layers_equal(project.premises.layer, back.premises.layer)
    assert back.premises.units_field == "nb_locaux" and back.premises.insee_field == "code_insee"
    np.testing.assert_array_equal(back.premises.units, project.premises.units)
    assert len(back.extra_layers) == 1
    _assert_layers_equal(project.extra_layers[0], back.extra_layers[0])
    # phases: every attribute, zones with holes and multiparts, commune-only phases without zone
    assert [p.id for p in back.phases] == [1, 2, 5, 7]
    for a, b in zip(project.phases, back.phases):
        za, zb = a.zone, b.zone
        assert (za is None) == (zb is None)
        if za is not None:
            assert za.geom_type == zb.geom_type and shapely.equals_exact(za, zb, tolerance=0)
        a2, b2 = a.copy(), b.copy()
        a2.zone = b2.zone = None
        assert a2 == b2
    assert len(back.phases[1].zone.interiors) == 1
    assert len(back.phases[2].zone.geoms) == 2
    assert back.scenarios == project.scenarios
    assert back.active_scenario == 1 and back.scenario.name == "Rapide été"
    assert back.scenarios[1].crew_pool.plan == [("2018-06", 4.0), ("2020-01", 6.5)]
    assert back.scenarios[1].phase_overrides[5] == {"units_per_crew_month": 90.0, "study_months": 2}
    assert back.settings == project.settings
    assert back.view == project.view


def test_saved_file_is_an_ordinary_geopackage_with_qgis_styles(project, saved):
    layers = dict((str(n), str(t)) for n, t in pyogrio.list_layers(saved))
    assert layers["communes"] == "MultiPolygon" and layers["premises"] == "Point"
    assert layers["phases"] == "MultiPolygon"
    info = pyogrio.read_info(saved, layer="premises")
    assert info["crs"] == "EPSG:2154" and info["features"] == len(project.premises)
    phases = pyogrio.read_info(saved, layer="phases")
    assert {"id", "order", "name", "color", "earliest_start", "crews", "units_per_crew_month", "study_months",
            "ramp_months", "depends_on", "order_mode", "commune_order", "origin", "use_pool",
            "communes"} <= set(phases["fields"])
    _m, _f, geoms, data = pyogrio.raw.read(saved, layer="phases", columns=["name", "depends_on", "communes"])
    assert list(data[0]) == [p.name for p in project.phases]
    assert geoms[3] is None  # commune-only phase: no zone
    assert json.loads(data[1][2]) == [[1, 100.0], [2, 80.0]]
    assert json.loads(data[2][3]) == ["32107", "32013", "32160"]
    con = sqlite3.connect(saved)
    try:
        cols = [r[1] for r in con.execute("PRAGMA table_info(layer_styles)")]
        assert cols == ["id", "f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName",
                        "styleQML", "styleSLD", "useAsDefault", "description", "owner", "ui", "update_time"]
        styles = dict(con.execute("SELECT f_table_name, styleQML FROM layer_styles WHERE useAsDefault = 1"))
        kinds = dict(con.execute("SELECT table_name, data_type FROM gpkg_contents"))
    finally:
        con.close()
    assert {"communes", "premises", "phases"} <= set(styles)
    assert 'type="categorizedSymbol"' in styles["phases"] and 'attr="name"' in styles["phases"]
    for p in project.phases:  # each phase in its own colour
        r, g, b = (int(p.color[i:i + 2], 16) for i in (1, 3, 5))
        assert f'value="{p.name}"' in styles["phases"]
        assert f'v="{r},{g},{b},' in styles["phases"]
    assert 'class="SimpleMarker"' in styles["premises"]
    assert kinds["rp_project"] == "attributes" and kinds["layer_styles"] == "attributes"
    assert kinds["communes"] == "features"


def test_project_without_premises_and_phases(tmp_path):
    p = Project(name="vide", communes=sample_communes())
    path = save_project(p, tmp_path / "empty.gpkg")
    back = load_project(path)
    assert back.premises is None and back.phases == [] and len(back.communes) == 458
    assert back.territory_units() == p.territory_units() > 100_000


def test_point_wkb_helpers_round_trip_exactly():
    rng = np.random.default_rng(3)
    x, y = rng.uniform(4e5, 6e5, 1000), rng.uniform(6.2e6, 6.4e6, 1000)
    wkb = points_to_wkb(x, y)
    assert shapely.equals(shapely.from_wkb(wkb), shapely.points(x, y)).all()
    x2, y2 = wkb_to_xy(wkb)
    np.testing.assert_array_equal(x, x2)
    np.testing.assert_array_equal(y, y2)
    y[5] = 0.0  # a zero y ends its WKB with NUL bytes: still exact
    x3, y3 = wkb_to_xy(points_to_wkb(x, y))
    np.testing.assert_array_equal(y, y3)
    # the Arrow path the project file and the readers share: the same bytes, decoded without copies per point
    from planner.io.layers import readers
    from planner.io.wkb_points import points_from_arrow, points_to_arrow

    arrow = points_to_arrow(x, y)
    assert arrow.to_pylist() == list(shapely.to_wkb(shapely.points(x, y), byte_order=1))
    x4, y4 = points_from_arrow(arrow)
    np.testing.assert_array_equal(x, x4)
    np.testing.assert_array_equal(y, y4)
    assert readers._points_from_wkb_buffer is points_from_arrow  # one decoder, under the name readers export


def test_describe_and_is_project(saved):
    text = describe_project(saved)
    assert "Gers — FTTH" in text and "premises: 114" in text.replace(",", "")
    assert "Phase 2 (trou)" in text and "Rapide été" in text
    assert is_project(saved)
    assert not is_project(SAMPLE_GPKG)
    assert not is_project(saved.parent / "missing.gpkg")


def test_a_plain_geopackage_is_refused_clearly():
    with pytest.raises(InputError, match="not a Rollout Planner project"):
        load_project(SAMPLE_GPKG)


def test_a_text_file_is_refused(tmp_path):
    bad = tmp_path / "bad.gpkg"
    bad.write_text("hello")
    with pytest.raises(InputError, match="not a GeoPackage"):
        load_project(bad)


def test_input_files_are_never_overwritten(tmp_path):
    import shutil

    src = tmp_path / "communes.gpkg"
    shutil.copy(SAMPLE_GPKG, src)
    before = src.read_bytes()
    p = Project(name="x", communes=sample_communes())
    p.communes.layer.source = f"{src}|layername=communes_l93"
    with pytest.raises(PlannerError, match="input file"):
        save_project(p, src)
    assert src.read_bytes() == before


def _rewrite_meta(path, **changes):
    con = sqlite3.connect(path)
    with con:
        for key, value in changes.items():
            con.execute("INSERT OR REPLACE INTO rp_project (key, value) VALUES (?, ?)", (key, value))
    con.close()


def test_newer_schema_is_refused(saved, tmp_path):
    import shutil

    path = tmp_path / "newer.gpkg"
    shutil.copy(saved, path)
    _rewrite_meta(path, schema_version="3")
    with pytest.raises(InputError, match=r"written by a newer Rollout Planner \(schema 3\); this version reads up to 1"):
        load_project(path)


@pytest.mark.parametrize("key,value,message", [
    ("scenarios", '[{"name": "x", "calendar": [1, 2]}]', "expected 12 monthly factors"),
    ("scenarios", '[{"start": "__import__(\'os\')"}]', "not a month"),
    ("settings", '"cos\\nos\\nsystem"', "expected an object"),
    ("active_scenario", "9", "only 2 scenarios"),
    ("view", "{not json", "not valid JSON"),
    ("layers", '[{"table": "sqlite_master", "role": "extra"}]', "missing from the file"),
    ("layers", '[{"table": "rp_project", "role": "extra"}]', "missing from the file"),
    ("layers", '[{"table": "communes", "role": "premises", "kind": "point"}]', "holds MultiPolygon geometries, not points"),
])
def test_hostile_or_damaged_values_give_clear_errors(saved, tmp_path, key, value, message):
    import shutil

    path = tmp_path / "hostile.gpkg"
    shutil.copy(saved, path)
    _rewrite_meta(path, **{key: value})
    with pytest.raises(InputError, match=message) as info:
        load_project(path)
    assert str(path) in str(info.value)


def test_version_0_file_is_migrated(tmp_path):
    """A hand-made 'version 0' file: 'project_name', one 'scenario', and the phase column 'mode'."""
    path = tmp_path / "v0.gpkg"
    communes = sample_communes()
    zone = shapely.MultiPolygon([communes.geometries[communes.index_of("32013")].geoms[0]])
    names = ["id", "order", "name", "color", "crews", "mode", "communes"]
    cols = [np.array([3, 4]), np.array([1, 2]), np.array(["Auch", "Condom"], dtype=object),
            np.array(["#112233", "#445566"], dtype=object), np.array([2.0, 5.0]),
            np.array(["pro_rata", "by_commune"], dtype=object), np.array(["[]", '["32107"]'], dtype=object)]
    pyogrio.raw.write(str(path), np.array([shapely.to_wkb(zone), None], dtype=object), cols, names, layer="phases",
                      driver="GPKG", geometry_type="MultiPolygon", crs="EPSG:2154")
    con = sqlite3.connect(path)
    with con:
        con.execute("CREATE TABLE rp_project (key TEXT PRIMARY KEY, value TEXT)")
        con.executemany("INSERT INTO rp_project VALUES (?, ?)", [
            ("project_name", '"Prototype"'),
            ("scenario", '{"name": "Seul", "start": "2019-01", "horizon_months": 60}'),
        ])
    con.close()
    assert 0 in schema.MIGRATIONS
    p = load_project(path)
    assert p.name == "Prototype"
    assert [s.name for s in p.scenarios] == ["Seul"] and p.scenario.start == "2019-01"
    assert [ph.name for ph in p.phases] == ["Auch", "Condom"]
    assert p.phases[0].order == "pro_rata" and p.phases[1].order == "by_commune"
    assert p.phases[1].communes == ["32107"] and p.phases[1].zone is None
    assert shapely.equals(p.phases[0].zone, zone)
    # saving it again writes the current schema
    out = save_project(p, tmp_path / "v1.gpkg")
    assert read_meta(out)["schema_version"] == schema.SCHEMA_VERSION


def test_unstorable_setting_is_refused_before_touching_the_file(saved, tmp_path):
    import shutil

    path = tmp_path / "keep.gpkg"
    shutil.copy(saved, path)
    before = path.read_bytes()
    p = Project(name="x", communes=sample_communes(), settings={"bad": object()})
    with pytest.raises(PlannerError, match="settings"):
        save_project(p, path)
    assert path.read_bytes() == before


def test_phase_edited_in_qgis_is_validated(saved, tmp_path):
    import shutil

    path = tmp_path / "edited.gpkg"
    shutil.copy(saved, path)
    con = sqlite3.connect(path)
    for fn in ("ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"):  # GeoPackage rtree triggers
        con.create_function(fn, 1, lambda g: None if g is None else 0)
    with con:
        con.execute("UPDATE phases SET color = 'red; DROP TABLE x' WHERE id = 1")
    con.close()
    with pytest.raises(InputError, match=r"phases\[0\].color"):
        load_project(path)
    assert isinstance(Phase(1, "a").copy(), Phase)


def test_field_types_round_trip_through_the_point_writer(tmp_path):
    from planner.core.project.model import Layer, Premises

    n = 1000
    rng = np.random.default_rng(9)
    fields = {
        "nb_logements": rng.integers(0, 9, n).astype(np.int32),
        "id_long": np.arange(n, dtype=np.int64) * 10_000_000_000,
        "surface": np.where(np.arange(n) % 7 == 0, np.nan, rng.random(n)),
        "raccordé": np.arange(n) % 3 == 0,
        "commune": np.array(["Bézéril", None] * (n // 2), dtype=object),
        "vide": np.full(n, None, dtype=object),
        "code": np.array(["32013"] * n),  # fixed-width numpy text
    }
    layer = Layer("Adresses", "point", fields=fields, x=rng.uniform(4e5, 5e5, n), y=rng.uniform(6.2e6, 6.3e6, n))
    p = Project(name="types", communes=sample_communes(), premises=Premises(layer, units_field="nb_logements"))
    back = load_project(save_project(p, tmp_path / "types.gpkg")).premises.layer
    assert list(back.fields) == list(fields)
    np.testing.assert_array_equal(back.fields["nb_logements"], fields["nb_logements"])
    np.testing.assert_array_equal(back.fields["id_long"], fields["id_long"])
    np.testing.assert_array_equal(back.fields["surface"], fields["surface"])  # NaN stays NaN (NULL)
    assert back.fields["raccordé"].dtype == bool
    np.testing.assert_array_equal(back.fields["raccordé"], fields["raccordé"])
    assert list(back.fields["commune"]) == list(fields["commune"])
    assert all(v is None for v in back.fields["vide"])
    assert set(back.fields["code"]) == {"32013"}
    np.testing.assert_array_equal(back.x, layer.x)
    np.testing.assert_array_equal(back.y, layer.y)


def test_a_field_named_like_the_geometry_column_is_refused(tmp_path):
    p = Project(name="x", communes=sample_communes())
    p.communes.layer.fields["geom"] = np.zeros(len(p.communes))
    with pytest.raises(PlannerError, match="may not be named 'geom'"):
        save_project(p, tmp_path / "x.gpkg")
    assert list(tmp_path.iterdir()) == []


def test_a_phase_zone_that_is_not_a_polygon_is_refused(saved, tmp_path):
    import shutil

    path = tmp_path / "pointzone.gpkg"
    shutil.copy(saved, path)
    meta, _f, wkb, data = pyogrio.raw.read(path, layer="phases")
    wkb = wkb.copy()
    wkb[0] = shapely.to_wkb(shapely.Point(500000, 6280000))
    pyogrio.raw.write(str(path), wkb, data, list(meta["fields"]), layer="phases", driver="GPKG",
                      geometry_type="Unknown", crs="EPSG:2154")
    with pytest.raises(InputError, match=r"phases\[0\].zone: expected a polygon, found a Point"):
        load_project(path)


def test_geometry_collection_zone_is_saved_as_its_polygons(tmp_path):
    p = Project(name="gc", communes=sample_communes())
    box = shapely.box(480000, 6270000, 490000, 6280000)
    p.phases = [Phase(1, "mixte", zone=shapely.GeometryCollection([box, shapely.LineString([(0, 0), (1, 1)])]))]
    back = load_project(save_project(p, tmp_path / "gc.gpkg"))
    assert back.phases[0].zone.equals(box)
