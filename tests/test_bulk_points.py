"""The bulk path that writes a big premise layer into a new project file (planner/io/project/point_writing.py)."""
import sqlite3

import numpy as np
import pyogrio
import pytest

from planner.core.project.model import Layer, Premises, Project
from planner.io.project import layer_tables
from planner.io.project.point_writing import FAST_APPEND
from planner.io.project.project_file import load_project, save_project

from project_samples import sample_communes


def _premises(n: int) -> Premises:
    rng = np.random.default_rng(5)
    fields = {
        "code_insee": np.array(["32013", "32107", "31555"])[rng.integers(0, 3, n)],
        "units": rng.integers(1, 9, n).astype(np.float64),
        "surface": np.where(np.arange(n) % 7 == 0, np.nan, rng.random(n)),
        "raccordé": np.arange(n) % 3 == 0,
        "nom": np.array(["Bézéril", None] * (n // 2), dtype=object),
        "id_long": np.arange(n, dtype=np.int64) * 10_000_000_000,
    }
    x = np.sort(rng.uniform(4.6e5, 5.4e5, n))
    layer = Layer("Locaux", "point", fields=fields, x=x, y=rng.uniform(6.22e6, 6.32e6, n))
    return Premises(layer, units_field="units", insee_field="code_insee")


@pytest.fixture
def bulk(monkeypatch):
    """Layers above 100 points take the bulk path (the real threshold is 250,000)."""
    monkeypatch.setattr(layer_tables, "SPATIAL_INDEX_MAX_POINTS", 100)


def test_big_premise_layer_round_trips_exactly_through_the_bulk_path(bulk, tmp_path):
    prem = _premises(3000)
    path = save_project(Project(name="bulk", communes=sample_communes(), premises=prem), tmp_path / "b.gpkg")
    back = load_project(path).premises.layer
    np.testing.assert_array_equal(back.x, prem.layer.x)
    np.testing.assert_array_equal(back.y, prem.layer.y)
    assert list(back.fields) == list(prem.layer.fields)
    for name in ("units", "surface", "raccordé", "id_long"):
        np.testing.assert_array_equal(back.fields[name], prem.layer.fields[name], err_msg=name)
    assert list(back.fields["code_insee"]) == list(prem.layer.fields["code_insee"])
    assert list(back.fields["nom"]) == list(prem.layer.fields["nom"])


def test_bulk_table_is_a_plain_geopackage_layer_without_autoincrement(bulk, tmp_path):
    path = save_project(Project(name="bulk", communes=sample_communes(), premises=_premises(500)),
                        tmp_path / "b.gpkg")
    con = sqlite3.connect(path)
    try:
        sql = con.execute("SELECT sql FROM sqlite_master WHERE name = 'premises'").fetchone()[0]
        assert '"fid" INTEGER PRIMARY KEY NOT NULL' in sql and "AUTOINCREMENT" not in sql
        communes_sql = con.execute("SELECT sql FROM sqlite_master WHERE name = 'communes'").fetchone()[0]
        assert "AUTOINCREMENT" in communes_sql  # the other layers are written as before
        assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # an ordinary file afterwards
        assert con.execute("SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = 'premises'").fetchone()[0] \
            == 500
        assert con.execute("SELECT min(fid), max(fid), count(*) FROM premises").fetchone() == (1, 500, 500)
        assert con.execute("SELECT count(*) FROM sqlite_sequence WHERE name = 'premises'").fetchone()[0] == 0
        triggers = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                              "AND tbl_name = 'premises'")}
        assert triggers == {"trigger_insert_feature_count_premises", "trigger_delete_feature_count_premises"}
        extent = con.execute("SELECT min_x, max_x FROM gpkg_contents WHERE table_name = 'premises'").fetchone()
    finally:
        con.close()
    info = pyogrio.read_info(path, layer="premises")  # GDAL (and QGIS) read it as a point layer
    assert info["features"] == 500 and info["geometry_type"] == "Point" and info["crs"] == "EPSG:2154"
    assert extent[0] == pytest.approx(float(_premises(500).layer.x.min()))
    # a feature added afterwards (as in QGIS) takes the next key
    con = sqlite3.connect(path)
    with con:
        con.execute("INSERT INTO premises (geom, code_insee, units) VALUES (NULL, '32013', 1)")
    assert con.execute("SELECT max(fid) FROM premises").fetchone()[0] == 501
    con.close()


def test_gdal_options_are_restored_after_a_bulk_write(bulk, tmp_path):
    before = {k: pyogrio.get_gdal_config_option(k) for k in FAST_APPEND}
    save_project(Project(name="bulk", communes=sample_communes(), premises=_premises(300)), tmp_path / "b.gpkg")
    assert {k: pyogrio.get_gdal_config_option(k) for k in FAST_APPEND} == before
    assert all(v is None or v != "OFF" for v in before.values())


def test_small_layers_keep_gdal_s_table_and_spatial_index(tmp_path):
    path = save_project(Project(name="small", communes=sample_communes(), premises=_premises(300)),
                        tmp_path / "s.gpkg")
    con = sqlite3.connect(path)
    try:
        sql = con.execute("SELECT sql FROM sqlite_master WHERE name = 'premises'").fetchone()[0]
        assert "AUTOINCREMENT" in sql
        assert con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'rtree_premises_geom'").fetchone()[0] == 1
    finally:
        con.close()


def _rows_and_metadata(path):
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT * FROM premises ORDER BY fid").fetchall()
        meta = (con.execute("SELECT min_x, min_y, max_x, max_y, srs_id FROM gpkg_contents "
                            "WHERE table_name = 'premises'").fetchone(),
                con.execute("SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = 'premises'").fetchone(),
                sorted(con.execute("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'premises'").fetchall()))
        return rows, meta
    finally:
        con.close()


def test_the_arrow_append_writes_what_gdal_writes(bulk, tmp_path, monkeypatch):
    """SQLite straight from Arrow (gpkg_append.py) and GDAL's own append give the same rows, blobs included,
    the same extent, count and triggers."""
    from planner.io.project import gpkg_append, point_writing

    used = []
    monkeypatch.setattr(gpkg_append, "BATCH_ROWS", 500)  # three batches
    monkeypatch.setattr(point_writing, "append_points",
                        lambda *a: used.append(gpkg_append.append_points(*a)) or used[-1])
    fast = save_project(Project(name="bulk", communes=sample_communes(), premises=_premises(1200)),
                        tmp_path / "fast.gpkg")
    assert used == [True]
    monkeypatch.setattr(gpkg_append, "_connect", lambda path: None)  # a driver that cannot load: GDAL appends
    gdal = save_project(Project(name="bulk", communes=sample_communes(), premises=_premises(1200)),
                        tmp_path / "gdal.gpkg")
    assert used == [True, False]
    fast_rows, fast_meta = _rows_and_metadata(fast)
    gdal_rows, gdal_meta = _rows_and_metadata(gdal)
    assert len(fast_rows) == 1200 and fast_rows == gdal_rows
    assert fast_meta == gdal_meta


def test_points_the_arrow_append_does_not_handle_go_through_gdal(bulk, tmp_path):
    from planner.io.project.gpkg_append import gpkg_point_blobs

    prem = _premises(400)
    prem.layer.x = prem.layer.x.copy()
    prem.layer.x[7] = np.nan  # an empty point: GDAL's empty-geometry flag
    assert gpkg_point_blobs(prem.layer.x, prem.layer.y, 2154) is None
    blobs = gpkg_point_blobs(np.array([1.5]), np.array([2.5]), 2154)
    assert blobs[0].as_py() == b"GP\x00\x01" + (2154).to_bytes(4, "little") + b"\x01\x01\x00\x00\x00" + \
        np.array([1.5, 2.5]).tobytes()
    path = save_project(Project(name="bulk", communes=sample_communes(), premises=prem), tmp_path / "e.gpkg")
    back = load_project(path).premises.layer
    assert len(back) == 400 and np.isnan(back.x[7])
    np.testing.assert_array_equal(np.delete(back.x, 7), np.delete(prem.layer.x, 7))


@pytest.mark.parametrize("n", [300, 3000], ids=["with-index", "bulk"])
def test_a_field_named_fid_is_kept_as_a_field(bulk, tmp_path, monkeypatch, n):
    """A CSV's own 'fid' column (repeated values and all) is a field like any other: the table's feature id takes
    another name, where GDAL would have taken the field for it (a UNIQUE failure, or the column gone)."""
    prem = _premises(n)
    prem.layer.fields = {"fid": np.arange(n) // 2, **prem.layer.fields}
    if n == 300:  # the other path: written by GDAL with a spatial index
        monkeypatch.setattr(layer_tables, "SPATIAL_INDEX_MAX_POINTS", 10_000)
    path = save_project(Project(name="fid", communes=sample_communes(), premises=prem), tmp_path / "f.gpkg")
    back = load_project(path).premises.layer
    assert list(back.fields)[:2] == ["fid", "code_insee"]
    np.testing.assert_array_equal(back.fields["fid"], np.arange(n) // 2)
    con = sqlite3.connect(path)
    sql = con.execute("SELECT sql FROM sqlite_master WHERE name = 'premises'").fetchone()[0]
    con.close()
    assert '"fid_1" INTEGER PRIMARY KEY' in sql
