"""Premise generator: exact totals per commune, points inside their commune, clustering, determinism, the sample."""
import numpy as np
import pytest
import shapely

from conftest import COMMUNES_GPKG
from planner.core.errors import Cancelled, ParameterError
from planner.core.project.paths import sample_premises
from planner.io.layers.readers import load_communes, load_premises
from planner.io.layers.sample import load_sample_project
from planner.io.layers.synth import synth_premises, write_premises


@pytest.fixture(scope="module")
def communes(shared_data):
    return load_communes(COMMUNES_GPKG, "communes_l93")


@pytest.fixture(scope="module")
def premises(communes):
    return synth_premises(communes, "locaux_insee_2018", seed=7)


def _units_by_code(p):
    codes, inv = np.unique(p.layer.fields["code_insee"].astype(str), return_inverse=True)
    return dict(zip(codes, np.bincount(inv, weights=p.units).astype(int)))


def test_totals_match_the_field_per_commune(communes, premises):
    expected = communes.layer.fields["locaux_insee_2018"]
    assert int(premises.units.sum()) == int(expected.sum())
    got = _units_by_code(premises)
    for code, units in zip(communes.codes, expected):
        assert got.get(code, 0) == units, code
    assert premises.units.min() >= 1
    # mostly one unit per point; multi-unit buildings only in big towns
    assert (premises.units == 1).mean() > 0.97
    big = premises.units > 1
    assert set(premises.layer.fields["code_insee"][big]) <= set(communes.codes[expected >= 1500])


def test_points_inside_their_commune(communes, premises):
    codes = premises.layer.fields["code_insee"]
    for i, code in enumerate(communes.codes):
        sel = codes == code
        assert shapely.contains_xy(communes.geometries[i], premises.x[sel], premises.y[sel]).all(), code


def test_clustered_around_the_village_centre(communes, premises):
    auch = communes.index_of("32013")
    poly = communes.geometries[auch]
    centre = shapely.point_on_surface(poly)
    sel = premises.layer.fields["code_insee"] == "32013"
    d = np.hypot(premises.x[sel] - centre.x, premises.y[sel] - centre.y)
    # half the units within 2 km of the centre, although the commune spans ~10 km
    assert np.median(d) < 2000
    uniform = np.sqrt(poly.area / np.pi)
    assert np.median(d) < 0.5 * uniform


def test_deterministic_by_seed(communes, premises):
    again = synth_premises(communes, "locaux_insee_2018", seed=7)
    assert np.array_equal(again.x, premises.x) and np.array_equal(again.y, premises.y)
    assert np.array_equal(again.units, premises.units)
    other = synth_premises(communes, "locaux_insee_2018", seed=8)
    assert other.units.sum() == premises.units.sum()
    assert not np.array_equal(other.x[:1000], premises.x[:1000])


def test_write_and_read_back(tmp_path, premises):
    out = write_premises(premises, tmp_path / "p.gpkg")
    back = load_premises(out)
    assert back.layer.source_crs == "EPSG:2154" and back.units_field == "units" and back.insee_field == "code_insee"
    assert np.array_equal(back.x, premises.x) and np.array_equal(back.units, premises.units)
    assert list(back.layer.fields["code_insee"][:5]) == list(premises.layer.fields["code_insee"][:5])


def test_bad_units_field_and_cancel(communes):
    with pytest.raises(ParameterError, match="no field 'nope'"):
        synth_premises(communes, "nope")
    with pytest.raises(Cancelled):
        synth_premises(communes, "locaux_insee_2018", cancel=lambda: True)


def test_bundled_sample_is_the_generator_output(shared_data):
    """The committed sample file is exactly what the generator makes with seed 32 (so it can be regenerated)."""
    project = load_sample_project()
    assert project.name == "Gers sample" and project.scenario.start == "2018-01" and project.phases == []
    assert len(project.communes) == 458 and project.communes.units_field == "locaux_insee_2018"
    assert project.premises.units_field == "units" and project.premises.insee_field == "code_insee"
    assert set(project.premises.layer.fields) == {"code_insee", "units"}
    assert project.territory_units() == int(project.communes.units.sum())
    fresh = synth_premises(project.communes, "locaux_insee_2018", seed=32)
    assert np.array_equal(fresh.x, project.premises.x) and np.array_equal(fresh.units, project.premises.units)
    assert sample_premises().stat().st_size < 8_000_000


def test_write_point_layer_keeps_nulls_and_types(tmp_path):
    from planner.core.project.model import Layer
    from planner.io.layers.readers import read_layer
    from planner.io.layers.synth import write_point_layer

    layer = Layer(name="p", kind="point", x=np.array([500_000.0, 510_000.0]), y=np.array([6_280_000.0, 6_290_000.0]),
                  fields={"nom": np.array(["Auch", None], dtype=object), "share": np.array([1.5, np.nan]),
                          "units": np.array([1, 12])})
    back = read_layer(write_point_layer(layer, tmp_path / "p.gpkg", "pts"))
    assert back.name == "pts" and list(back.x) == [500_000.0, 510_000.0]
    assert list(back.fields["nom"]) == ["Auch", None] and np.isnan(back.fields["share"][1])
    assert back.fields["units"].dtype.kind == "i" and list(back.fields["units"]) == [1, 12]
