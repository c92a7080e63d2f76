"""Readers over every file of the shared real data, plus Shapefile encodings, CSV variants and CRS guessing."""
import numpy as np
import pyogrio
import pytest
import shapely
from pyproj import Transformer

from conftest import BANO_GPKG, BANO_RAW_CSV, COMMUNES_GPKG, FRANCE_GPKG, GERS, OCCITANIE_GPKG
from planner.core.errors import Cancelled, InputError
from planner.io.layers.readers import LayerChoiceNeeded, list_layers, load_communes, load_premises, read_layer

RAW_GEOJSON = GERS / "communes_gers_2018_raw.geojson"
AUCH_LONLAT = (0.585, 43.646)
TO_L93 = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)
AUCH_L93 = TO_L93.transform(*AUCH_LONLAT)
GERS_L93_BOUNDS = (435_000, 6_248_000, 555_000, 6_335_000)


def assert_auch_in_place(layer, code_field):
    """Auch (32013): its representative point is inside its polygon and within 3 km of the town centre."""
    codes = layer.fields[code_field].astype(str)
    hits = np.flatnonzero(codes == "32013")
    assert len(hits) == 1
    poly = layer.geometries[hits[0]]
    assert poly.geom_type == "MultiPolygon"
    rep = shapely.point_on_surface(poly)
    assert poly.contains(rep)
    assert np.hypot(rep.x - AUCH_L93[0], rep.y - AUCH_L93[1]) < 3000
    assert poly.contains(shapely.Point(AUCH_L93))
    assert 60e6 < poly.area < 90e6  # Auch covers ~72.5 km²


@pytest.mark.parametrize("layer_name,src_crs", [("communes_l93", "EPSG:2154"), ("communes_wgs84", "EPSG:4326")])
def test_gers_gpkg_layers(shared_data, layer_name, src_crs):
    layer = read_layer(COMMUNES_GPKG, layer_name)
    assert layer.kind == "polygon" and len(layer) == 458
    assert layer.source_crs == src_crs
    xmin, ymin, xmax, ymax = layer.bounds
    assert GERS_L93_BOUNDS[0] <= xmin and xmax <= GERS_L93_BOUNDS[2]
    assert GERS_L93_BOUNDS[1] <= ymin and ymax <= GERS_L93_BOUNDS[3]
    assert_auch_in_place(layer, "code_insee")
    assert layer.fields["locaux_insee_2018"].sum() == pytest.approx(114_042, abs=500)
    assert "Castéra-Verduzan" in set(layer.fields["nom"])


def test_both_gers_layers_agree(shared_data):
    a = read_layer(COMMUNES_GPKG, "communes_l93")
    b = read_layer(COMMUNES_GPKG, "communes_wgs84")
    assert list(a.fields["code_insee"]) == list(b.fields["code_insee"])
    # same outlines once the WGS84 layer is reprojected: areas within 0.1 %
    assert np.allclose(shapely.area(a.geometries), shapely.area(b.geometries), rtol=1e-3)


def test_raw_geojson(shared_data):
    layer = read_layer(RAW_GEOJSON)
    assert len(layer) == 462 and layer.source_crs == "EPSG:4326"
    assert set(layer.fields) == {"code", "nom"}
    assert_auch_in_place(layer, "code")


def test_several_layers_need_a_choice(shared_data):
    with pytest.raises(LayerChoiceNeeded) as err:
        read_layer(COMMUNES_GPKG)
    assert err.value.layers == ["communes_wgs84", "communes_l93"]
    assert list_layers(COMMUNES_GPKG) == [("communes_wgs84", "MultiPolygon", 458), ("communes_l93", "MultiPolygon", 458)]


def test_bano_gpkg(shared_data):
    layer = read_layer(BANO_GPKG)
    assert layer.kind == "point" and len(layer) == 34_072
    assert layer.x.dtype == np.float64 and layer.geometries is None
    assert layer.source_crs == "EPSG:4326"
    assert GERS_L93_BOUNDS[0] <= layer.x.min() and layer.x.max() <= GERS_L93_BOUNDS[2]
    assert GERS_L93_BOUNDS[1] <= layer.y.min() and layer.y.max() <= GERS_L93_BOUNDS[3]


def test_bano_raw_csv_without_header(shared_data):
    raw = read_layer(BANO_RAW_CSV)
    assert raw.kind == "point" and len(raw) == 34_072
    assert raw.source_crs == "EPSG:4326" and raw.warnings == []
    for name in ("id", "numero", "voie", "code_post", "nom_comm", "source", "code_insee"):
        assert name in raw.fields
    assert raw.fields["nom_comm"][0] == "Aignan"
    assert raw.fields["voie"][1] == "Place des Arènes"
    assert raw.fields["code_insee"][0] == "32001"
    # the same points as the published GeoPackage, in the same order
    gpkg = read_layer(BANO_GPKG)
    assert list(raw.fields["id"][:100]) == list(gpkg.fields["id"][:100])
    assert np.abs(raw.x - gpkg.x).max() < 0.05 and np.abs(raw.y - gpkg.y).max() < 0.05


def test_bano_raw_points_fall_in_their_commune(shared_data):
    raw = read_layer(BANO_RAW_CSV)
    communes = read_layer(COMMUNES_GPKG, "communes_l93")
    by_name = {n: g for n, g in zip(communes.fields["nom"], communes.geometries)}
    names = raw.fields["nom_comm"]
    inside = checked = 0
    for name in np.unique(names):
        poly = by_name.get(name)
        if poly is None:
            continue
        sel = names == name
        inside += int(shapely.contains_xy(poly, raw.x[sel], raw.y[sel]).sum())
        checked += int(sel.sum())
    assert checked > 25_000
    assert inside / checked > 0.95


def test_occitanie(shared_data):
    layer = read_layer(OCCITANIE_GPKG)
    assert len(layer) == 4_485 and layer.source_crs == "EPSG:4326"
    assert_auch_in_place(layer, "code")
    assert set(layer.fields["dep"]) == {"09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"}


def test_france(shared_data):
    layer = read_layer(FRANCE_GPKG)
    assert len(layer) == 35_357 and layer.kind == "polygon"
    assert all(g.geom_type == "MultiPolygon" for g in layer.geometries[:1000])
    assert_auch_in_place(layer, "code")


def test_gers_premises_from_bano(shared_data):
    premises = load_premises(BANO_GPKG)
    assert premises.insee_field == "code_insee_2026"
    assert premises.units_field is None and premises.units.sum() == 34_072


def test_communes_role(shared_data):
    communes = load_communes(COMMUNES_GPKG, "communes_l93")
    assert (communes.code_field, communes.name_field, communes.units_field) == ("code_insee", "nom", "locaux_insee_2018")
    assert communes.names[communes.index_of("32013")] == "Auch"
    raw = load_communes(RAW_GEOJSON)
    assert raw.code_field == "code" and raw.units_field is None


def _write_shp(path, layer, names, encoding):
    pyogrio.raw.write(str(path), geometry=shapely.to_wkb(layer.geometries[: len(names)]),
                      field_data=[np.array(names, dtype=object)], fields=["nom"], geometry_type="MultiPolygon",
                      crs="EPSG:2154", driver="ESRI Shapefile", encoding=encoding)


def test_shapefile_latin1_cpg_round_trip(shared_data, tmp_path):
    communes = read_layer(COMMUNES_GPKG, "communes_l93")
    names = ["Castéra-Verduzan", "Arrouède", "L'Isle-Jourdain", "Saint-Élix-Theux"]
    _write_shp(tmp_path / "c.shp", communes, names, "latin1")
    assert (tmp_path / "c.cpg").read_text().strip().upper() in ("LATIN1", "ISO-8859-1", "8859-1")
    assert "é".encode("latin-1") in (tmp_path / "c.dbf").read_bytes()  # really latin-1 bytes on disk
    back = read_layer(tmp_path / "c.shp")
    assert list(back.fields["nom"]) == names
    assert back.source_crs == "EPSG:2154" and back.warnings == []


def test_shapefile_without_prj_is_guessed_with_warning(shared_data, tmp_path):
    communes = read_layer(COMMUNES_GPKG, "communes_l93")
    _write_shp(tmp_path / "n.shp", communes, ["a", "b", "c"], "utf-8")
    (tmp_path / "n.prj").unlink()
    back = read_layer(tmp_path / "n.shp")
    assert back.source_crs == "EPSG:2154"
    assert any("No CRS" in w and "EPSG:2154" in w for w in back.warnings)
    assert np.allclose(shapely.area(back.geometries), shapely.area(communes.geometries[:3]))


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_shapefile_in_degrees_without_prj_is_guessed(shared_data, tmp_path):
    l93 = read_layer(COMMUNES_GPKG, "communes_l93")
    # a Shapefile in degrees with no .prj: guessed WGS 84, lands on the L93 outlines
    tr = Transformer.from_crs("EPSG:2154", "EPSG:4326", always_xy=True)
    deg = shapely.transform(l93.geometries[:5], lambda c: np.column_stack(tr.transform(c[:, 0], c[:, 1])))
    pyogrio.raw.write(str(tmp_path / "d.shp"), geometry=shapely.to_wkb(deg), field_data=[l93.fields["code_insee"][:5]],
                      fields=["code_insee"], geometry_type="MultiPolygon", crs=None, driver="ESRI Shapefile")
    back = read_layer(tmp_path / "d.shp")
    assert back.source_crs == "EPSG:4326" and any("guessed EPSG:4326" in w for w in back.warnings)
    assert np.allclose(shapely.area(back.geometries), shapely.area(l93.geometries[:5]), rtol=1e-4)


def test_flatgeobuf(shared_data, tmp_path):
    communes = read_layer(COMMUNES_GPKG, "communes_wgs84")
    raw = pyogrio.raw.read(str(COMMUNES_GPKG), layer="communes_wgs84")
    meta, _, geom, values = raw
    pyogrio.raw.write(str(tmp_path / "c.fgb"), geometry=geom, field_data=values, fields=meta["fields"],
                      geometry_type="MultiPolygon", crs="EPSG:4326", driver="FlatGeobuf")
    back = read_layer(tmp_path / "c.fgb")
    assert len(back) == 458 and back.source_crs == "EPSG:4326"
    assert_auch_in_place(back, "code_insee")
    # FlatGeobuf's spatial index reorders features: compare commune by commune
    a = np.argsort(back.fields["code_insee"])
    b = np.argsort(communes.fields["code_insee"])
    assert list(back.fields["code_insee"][a]) == list(communes.fields["code_insee"][b])
    assert np.allclose(shapely.area(back.geometries[a]), shapely.area(communes.geometries[b]))


def test_csv_semicolon_lambert93_with_decimal_comma(shared_data, tmp_path):
    bano = read_layer(BANO_GPKG)
    n = 500
    lines = ["x;y;code_insee;nb_logements"]
    for i in range(n):
        x = f"{bano.x[i]:.2f}".replace(".", ",")
        y = f"{bano.y[i]:.2f}".replace(".", ",")
        lines.append(f"{x};{y};{bano.fields['code_insee_2026'][i]};{i % 3 + 1}")
    (tmp_path / "ban.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    premises = load_premises(tmp_path / "ban.csv")
    assert len(premises) == n and premises.layer.source_crs == "EPSG:2154"
    assert any("guessed EPSG:2154" in w for w in premises.layer.warnings)
    assert np.abs(premises.x - bano.x[:n]).max() < 0.01
    assert premises.units_field == "nb_logements" and premises.units.sum() == sum(i % 3 + 1 for i in range(n))
    assert premises.insee_field == "code_insee" and premises.layer.fields["code_insee"][0] == "32001"


def test_csv_lonlat_with_header_keeps_leading_zeros(tmp_path):
    text = "name,longitude,latitude,insee\nA,0.585,43.646,32013\nB,5.0,45.0,01001\nC,9.1,42.1,2A004\n"
    (tmp_path / "p.csv").write_text(text, encoding="utf-8")
    layer = read_layer(tmp_path / "p.csv")
    assert len(layer) == 3 and layer.source_crs == "EPSG:4326" and layer.warnings == []
    assert list(layer.fields["insee"]) == ["32013", "01001", "2A004"]
    assert np.hypot(layer.x[0] - AUCH_L93[0], layer.y[0] - AUCH_L93[1]) < 0.01


def test_csv_coordinates_named_by_user_and_latin1(tmp_path):
    text = "commune;E;N\nCastéra;490000.5;6300000.25\nAuch;{:.2f};{:.2f}\n".format(*AUCH_L93)
    (tmp_path / "u.csv").write_bytes(text.encode("cp1252"))
    layer = read_layer(tmp_path / "u.csv", x_field="E", y_field="N", crs="EPSG:2154")
    assert list(layer.fields["commune"]) == ["Castéra", "Auch"]
    assert layer.x[0] == 490000.5 and layer.y[0] == 6300000.25 and layer.warnings == []


def test_csv_gracethd_units_sum(tmp_path):
    text = "ad_code;ad_insee;ad_nblhab;ad_nblpro;lon;lat\nA1;32013;3;1;0.58;43.64\nA2;32013;;2;0.59;43.65\n"
    (tmp_path / "t_adresse.csv").write_text(text)
    premises = load_premises(tmp_path / "t_adresse.csv")
    assert premises.units_field == "units" and list(premises.units) == [4, 2]
    assert premises.insee_field == "ad_insee"


def test_invalid_polygons_repaired_and_empty_skipped(tmp_path):
    bowtie = '{"type":"Polygon","coordinates":[[[0.5,43.5],[0.6,43.6],[0.6,43.5],[0.5,43.6],[0.5,43.5]]]}'
    square = '{"type":"Polygon","coordinates":[[[0.5,43.5],[0.6,43.5],[0.6,43.6],[0.5,43.6],[0.5,43.5]]]}'
    feats = [f'{{"type":"Feature","properties":{{"code":"{c}"}},"geometry":{g}}}'
             for c, g in (("1", bowtie), ("2", square), ("3", "null"))]
    (tmp_path / "z.geojson").write_text('{"type":"FeatureCollection","features":[' + ",".join(feats) + "]}")
    layer = read_layer(tmp_path / "z.geojson")
    assert list(layer.fields["code"]) == ["1", "2"]
    assert all(shapely.is_valid(layer.geometries)) and all(g.geom_type == "MultiPolygon" for g in layer.geometries)
    assert len(layer.geometries[0].geoms) == 2  # the bow-tie became two triangles
    assert any("1 invalid polygon(s) repaired" in w for w in layer.warnings)
    assert any("1 feature(s) with empty or unusable geometry skipped" in w for w in layer.warnings)


def test_progress_and_cancel(shared_data):
    seen = []
    read_layer(BANO_GPKG, progress=lambda f, m="": seen.append(f))
    assert seen[-1] == 1.0 and seen == sorted(seen)
    with pytest.raises(Cancelled):
        read_layer(BANO_GPKG, cancel=lambda: True)


def test_3d_points_and_multipoints(tmp_path):
    (tmp_path / "z.geojson").write_text(
        '{"type":"FeatureCollection","features":['
        '{"type":"Feature","properties":{"a":1},"geometry":{"type":"Point","coordinates":[0.585,43.646,120.0]}},'
        '{"type":"Feature","properties":{"a":2},"geometry":{"type":"MultiPoint","coordinates":[[0.5,43.5,1.0]]}}]}')
    layer = read_layer(tmp_path / "z.geojson")
    assert layer.kind == "point" and list(layer.fields["a"]) == [1, 2]
    assert np.hypot(layer.x[0] - AUCH_L93[0], layer.y[0] - AUCH_L93[1]) < 0.01
    assert np.allclose([layer.x[1], layer.y[1]], TO_L93.transform(0.5, 43.5))


def test_headerless_csv_in_lambert93_metres(tmp_path):
    (tmp_path / "h.csv").write_text("A1;490000;6300000;3\nA2;491000;6301000;1\n")
    layer = read_layer(tmp_path / "h.csv")
    assert list(layer.x) == [490000.0, 491000.0] and list(layer.y) == [6300000.0, 6301000.0]
    assert list(layer.fields) == ["field_1", "field_4"] and list(layer.fields["field_4"]) == [3, 1]
    assert layer.source_crs == "EPSG:2154" and "guessed EPSG:2154" in layer.warnings[0]


def test_zipped_shapefile(shared_data, tmp_path):
    import zipfile

    communes = read_layer(COMMUNES_GPKG, "communes_l93")
    _write_shp(tmp_path / "c.shp", communes, ["Auch", "Condom"], "utf-8")
    with zipfile.ZipFile(tmp_path / "c.zip", "w") as z:
        for ext in ("shp", "shx", "dbf", "prj", "cpg"):
            z.write(tmp_path / f"c.{ext}", f"c.{ext}")
    layer = read_layer(tmp_path / "c.zip")
    assert list(layer.fields["nom"]) == ["Auch", "Condom"] and layer.source_crs == "EPSG:2154"


@pytest.mark.parametrize("encoding,warned", [("latin1", True), ("utf-8", False)])
def test_shapefile_without_cpg(shared_data, tmp_path, encoding, warned):
    communes = read_layer(COMMUNES_GPKG, "communes_l93")
    names = ["Castéra-Verduzan", "Saint-Élix-Theux", "Auch"]
    _write_shp(tmp_path / "c.shp", communes, names, encoding)
    (tmp_path / "c.cpg").unlink()
    back = read_layer(tmp_path / "c.shp")
    assert list(back.fields["nom"]) == names
    assert any("no .cpg" in w and "Windows-1252" in w for w in back.warnings) == warned


def test_csv_rows_without_usable_coordinates_are_skipped_and_counted(tmp_path):
    text = "id;lon;lat\n1;0.585;43.646\n2;;43.6\n3;0.5\n4;0.37;43.95\n5;abc;43.1\n"
    (tmp_path / "r.csv").write_text(text)
    layer = read_layer(tmp_path / "r.csv")
    assert list(layer.fields["id"]) == [1, 4]
    assert layer.warnings == ["3 row(s) without usable coordinates skipped in r.csv."]


def test_commune_code_field_prefers_unique_codes(shared_data):
    # the 2018 outlines also carry the merged 2026 codes (repeated, some empty): 'code' is the one to use
    occitanie = load_communes(OCCITANIE_GPKG)
    assert occitanie.code_field == "code" and occitanie.layer.warnings == []
    forced = load_communes(OCCITANIE_GPKG, code_field="code_insee_2026")
    assert any("appear more than once in 'code_insee_2026'" in w for w in forced.layer.warnings)


def test_csv_columns_named_lon_lat_holding_metres(tmp_path):
    (tmp_path / "m.csv").write_text("lon;lat\n490000;6300000\n491000;6301000\n")
    layer = read_layer(tmp_path / "m.csv")
    assert layer.source_crs == "EPSG:2154" and list(layer.x) == [490000.0, 491000.0]
    assert "guessed EPSG:2154" in layer.warnings[0]
    with pytest.raises(InputError, match="cannot be placed in EPSG:4326"):
        read_layer(tmp_path / "m.csv", crs="EPSG:4326")


def test_polygons_outside_the_projection_domain_are_skipped(tmp_path):
    square = "[[[0.5,{0}],[0.6,{0}],[0.6,{1}],[0.5,{1}],[0.5,{0}]]]"
    feats = [f'{{"type":"Feature","properties":{{"code":"{c}"}},"geometry":{{"type":"Polygon","coordinates":'
             f'{square.format(lat, lat + 0.1)}}}}}' for c, lat in (("1", 43.5), ("2", 93.5))]
    (tmp_path / "o.geojson").write_text('{"type":"FeatureCollection","features":[' + ",".join(feats) + "]}")
    layer = read_layer(tmp_path / "o.geojson")
    assert list(layer.fields["code"]) == ["1"] and np.isfinite(shapely.get_coordinates(layer.geometries)).all()
    assert layer.warnings == ["1 feature(s) with empty or unusable geometry skipped in 'o'."]


def test_insee_codes_normalise_the_same_from_fixed_width_and_from_general_text():
    """Codes read as fixed-width text (numpy's kernels) and as Python strings (Arrow's) come out the same."""
    from planner.io.layers.roles import _normalise_codes

    codes = np.array([" 1001", "32013 ", "2A004", "", "1001", "abcd", "123", "\u00a032013", "１２３４"])
    fixed = _normalise_codes(codes)
    general = _normalise_codes(codes.astype(object))
    assert fixed.tolist() == list(general)
    assert fixed.tolist()[:7] == ["01001", "32013", "2A004", "", "01001", "abcd", "123"]
