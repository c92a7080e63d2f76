"""Field detection: INSEE code, commune name, units (single field or GraceTHD sum), coordinate columns."""
import numpy as np
import pyogrio
import pytest

from conftest import ARCEP_CSV, BANO_GPKG, COMMUNES_GPKG, FRANCE_GPKG
from planner.io.layers.detect import (UnitsSpec, detect_insee_field, detect_name_field, detect_units_field,
                               detect_xy_fields, looks_like_insee, to_number)


@pytest.mark.parametrize("names,expected", [
    (["fid", "code_insee", "nom"], "code_insee"),
    (["INSEE_COM", "NOM_COM"], "INSEE_COM"),
    (["ad_code", "ad_insee", "ad_nblhab"], "ad_insee"),
    (["CodeInseeImmeuble", "NombreLogementsAdresseIPE"], "CodeInseeImmeuble"),
    (["code", "nom"], "code"),
    (["insee", "code"], "insee"),
    (["code_insee_2015", "code_insee_2026", "nom_comm"], "code_insee_2026"),
    (["nom", "population"], None),
])
def test_insee_field_by_name(names, expected):
    assert detect_insee_field(names) == expected


def test_insee_field_checked_against_values():
    values = {"code": ["A", "B", "C"], "commune_id": ["32013", "2A004", "01001"], "cp": ["32000", "20000", "01000"]}
    # 'code' holds no INSEE codes: the field whose values are codes wins; a postal-code field never does
    assert detect_insee_field(values, values) == "commune_id"
    assert detect_insee_field(["cp"], {"cp": ["32000"]}) is None


def test_looks_like_insee():
    assert looks_like_insee(["32013", "2A004", "2B033", "01001"])
    assert not looks_like_insee(["3201", "Auch", "320130"])


def test_real_files(shared_data):
    for path, layer, insee, units in [
        (COMMUNES_GPKG, "communes_l93", "code_insee", "locaux_insee_2018"),
        (BANO_GPKG, None, "code_insee_2026", None),
        (FRANCE_GPKG, None, "code_insee_2026", None),  # an explicit INSEE name beats the generic "code"
    ]:
        meta, _, _, values = pyogrio.raw.read(path, layer=layer, max_features=200, read_geometry=False)
        names = list(meta["fields"])
        assert detect_insee_field(names, dict(zip(names, values))) == insee
        spec = detect_units_field(names)
        assert (spec.name if spec else None) == units


def test_arcep_header(shared_data):
    header = ARCEP_CSV.read_text(encoding="utf-8").splitlines()[0]
    names = header.replace(";", ",").split(",")
    assert detect_insee_field(names) == "code_insee_2026"


@pytest.mark.parametrize("names,fields,name", [
    (["NombreLogementsAdresseIPE", "x"], ("NombreLogementsAdresseIPE",), "NombreLogementsAdresseIPE"),
    (["nb_logements"], ("nb_logements",), "nb_logements"),
    (["logements_2018", "locaux_insee_2018"], ("locaux_insee_2018",), "locaux_insee_2018"),
    (["ad_code", "ad_nblhab", "ad_nblpro"], ("ad_nblhab", "ad_nblpro"), "units"),
])
def test_units_field(names, fields, name):
    spec = detect_units_field(names)
    assert spec == UnitsSpec(fields) and spec.name == name


def test_no_units_field_means_one_per_point():
    assert detect_units_field(["id", "voie", "code_insee"]) is None


def test_units_sum_evaluates_with_missing_values():
    spec = UnitsSpec(("ad_nblhab", "ad_nblpro"))
    fields = {"ad_nblhab": np.array(["3", "", "2"], dtype=object), "ad_nblpro": np.array([1.0, 2.0, np.nan])}
    assert list(spec.evaluate(fields)) == [4.0, 2.0, 2.0]


def test_to_number():
    out = to_number(np.array(["1", "2,5", "", "abc", " 7 "], dtype=object))
    assert out[:2].tolist() == [1.0, 2.5] and np.isnan(out[2]) and np.isnan(out[3]) and out[4] == 7.0


def test_name_and_xy_fields():
    assert detect_name_field(["code_insee", "NOM_COM"]) == "NOM_COM"
    assert detect_name_field(["code"]) is None
    assert detect_xy_fields(["id", "lat", "lon"]) == ("lon", "lat", "lonlat")
    assert detect_xy_fields(["X", "Y", "code_insee"]) == ("X", "Y", "xy")
    assert detect_xy_fields(["a", "b"]) is None


def test_insee_candidates_order():
    from planner.io.layers.detect import insee_candidates

    names = ["code", "nom", "code_insee_2026", "cp"]
    values = {"code": ["32013"], "nom": ["Auch"], "code_insee_2026": ["32013"], "cp": ["32000"]}
    assert insee_candidates(names, values) == ["code_insee_2026", "code"]
