"""A corpus of broken files built here: each gives one InputError naming the file and what is wrong, never a crash."""
import os
import shutil
import sqlite3
import subprocess
import sys

import numpy as np
import pyogrio
import pytest
import shapely

from conftest import BANO_GPKG, COMMUNES_GPKG, GERS, ROOT
from planner.core.errors import InputError
from planner.io.layers.readers import list_layers, load_communes, load_premises, read_layer


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, shared_data):
    d = tmp_path_factory.mktemp("broken")
    data = COMMUNES_GPKG.read_bytes()
    (d / "truncated.gpkg").write_bytes(data[: len(data) // 2])
    (d / "header_only.gpkg").write_bytes(data[:4096])
    garbled = bytearray(data)
    rng = np.random.default_rng(1)
    garbled[200_000:600_000] = rng.integers(0, 256, 400_000, dtype=np.uint8).tobytes()
    (d / "garbled.gpkg").write_bytes(bytes(garbled))
    (d / "noise.gpkg").write_bytes(rng.integers(0, 256, 50_000, dtype=np.uint8).tobytes())
    (d / "empty.gpkg").write_bytes(b"")
    (d / "empty.geojson").write_bytes(b"")
    (d / "not_json.geojson").write_text("code;nom\n32013;Auch\n")
    raw = (GERS / "communes_gers_2018_raw.geojson").read_text(encoding="utf-8")
    (d / "truncated.geojson").write_text(raw[: len(raw) // 3], encoding="utf-8")
    (d / "no_features.geojson").write_text('{"type":"FeatureCollection","features":[]}')
    (d / "no_coords.csv").write_text("code_insee;nom;nb_logements\n32013;Auch;12000\n32107;Condom;4000\n")
    (d / "header_only.csv").write_text("lon,lat,code_insee\n")
    (d / "text_coords.csv").write_text("lon,lat\nabc,def\nghi,jkl\n")
    (d / "empty.csv").write_bytes(b"")
    (d / "points.geojson").write_text('{"type":"FeatureCollection","features":[{"type":"Feature",'
                                      '"properties":{"code_insee":"32013"},'
                                      '"geometry":{"type":"Point","coordinates":[0.585,43.646]}}]}')
    meta, _, geom, values = pyogrio.raw.read(str(COMMUNES_GPKG), layer="communes_l93", columns=["code_insee", "nom"])
    pyogrio.raw.write(str(d / "good.shp"), geometry=geom, field_data=values, fields=meta["fields"],
                      geometry_type="MultiPolygon", crs="EPSG:2154", driver="ESRI Shapefile")
    for name in ("truncated_shp", "truncated_dbf", "no_dbf", "no_shx"):
        for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
            shutil.copy(d / f"good{ext}", d / f"{name}{ext}")
    shp = (d / "truncated_shp.shp").read_bytes()
    (d / "truncated_shp.shp").write_bytes(shp[: len(shp) // 3])
    dbf = (d / "truncated_dbf.dbf").read_bytes()
    (d / "truncated_dbf.dbf").write_bytes(dbf[: len(dbf) // 2])
    (d / "no_dbf.dbf").unlink()
    (d / "no_shx.shx").unlink()
    _tamper(COMMUNES_GPKG, d / "bad_text.gpkg", "UPDATE communes_l93 SET nom = X'FFFE41' WHERE fid = 7")
    _tamper(COMMUNES_GPKG, d / "bad_blob.gpkg", "UPDATE communes_l93 SET geom = X'47500003E6100000DEADBEEF' WHERE fid = 5")
    return d


def _tamper(src, dst, sql):
    """A copy of a GeoPackage with one row damaged in place (triggers dropped: they need GDAL's SQL functions)."""
    shutil.copy(src, dst)
    os.chmod(dst, 0o644)
    con = sqlite3.connect(dst)
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        con.execute(f'DROP TRIGGER "{name}"')
    con.execute(sql)
    con.commit()
    con.close()


CASES = [
    ("missing.gpkg", None, "file not found"),
    ("truncated.gpkg", "communes_l93", "GeoPackage"),
    ("header_only.gpkg", None, "GeoPackage"),
    ("garbled.gpkg", "communes_wgs84", "corrupt"),
    ("noise.gpkg", None, "not a readable GeoPackage"),
    ("empty.gpkg", None, "empty"),
    ("empty.geojson", None, "empty"),
    ("not_json.geojson", None, "not JSON"),
    ("truncated.geojson", None, "GeoJSON"),
    ("no_features.geojson", None, "no"),
    ("no_coords.csv", None, "no coordinate columns"),
    ("header_only.csv", None, "no data rows"),
    ("text_coords.csv", None, "hold no numeric coordinates"),
    ("empty.csv", None, "empty"),
    ("truncated_shp.shp", None, ".shp file is truncated"),
    ("truncated_dbf.shp", None, ".dbf attribute file is truncated"),
    ("no_dbf.shp", None, ".dbf attribute file is missing"),
    ("no_shx.shp", None, ".shx index file is missing"),
    ("bad_text.gpkg", "communes_l93", "feature #7: field 'nom' holds text that is not valid"),
]


@pytest.mark.parametrize("name,layer,what", CASES)
def test_broken_file_gives_one_clear_input_error(corpus, name, layer, what):
    with pytest.raises(InputError) as err:
        read_layer(corpus / name, layer)
    message = str(err.value)
    assert name.split(".")[0] in message  # names the file
    assert what.lower() in message.lower()
    assert "\n" not in message and "Traceback" not in message


def test_role_loaders_refuse_the_wrong_geometry_type(corpus):
    with pytest.raises(InputError, match="expected points .premises., found polygons"):
        load_premises(corpus / "good.shp")
    with pytest.raises(InputError, match="expected polygons .communes., found points"):
        load_communes(corpus / "points.geojson")
    with pytest.raises(InputError, match="expected polygons .communes., found points"):
        load_communes(BANO_GPKG)


def test_user_overrides_must_exist(corpus):
    with pytest.raises(InputError, match="no field 'ad_nblhab'"):
        load_premises(BANO_GPKG, units_field="ad_nblhab+ad_nblpro")
    with pytest.raises(InputError, match="no layer named 'nope'"):
        read_layer(COMMUNES_GPKG, "nope")
    with pytest.raises(InputError, match="no column 'E'"):
        read_layer(GERS / "bano_gers_2015_raw.csv", x_field="E", y_field="N")


def test_list_layers_of_broken_files(corpus):
    with pytest.raises(InputError, match="GeoPackage"):
        list_layers(corpus / "noise.gpkg")
    assert [n for n, _, _ in list_layers(corpus / "good.shp")] == ["good"]


def test_the_good_shapefile_of_the_corpus_reads(corpus):
    layer = read_layer(corpus / "good.shp")
    assert len(layer) == 458 and layer.warnings == []
    assert shapely.is_valid(layer.geometries).all()


def test_cli_prints_one_line_and_exits_2(corpus):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in ("truncated_shp.shp", "not_json.geojson", "missing.gpkg"):
        proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "info", str(corpus / name)],
                              capture_output=True, text=True, env=env, timeout=120)
        assert proc.returncode == 2
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("error: ") and name in proc.stderr


def test_a_feature_with_a_broken_geometry_blob_is_skipped_and_counted(corpus):
    layer = read_layer(corpus / "bad_blob.gpkg", "communes_l93")
    assert len(layer) == 457 and "32005" not in set(layer.fields["code_insee"])
    assert layer.warnings == ["1 feature(s) with empty or unusable geometry skipped in 'communes_l93'."]
