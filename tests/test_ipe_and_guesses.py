"""Operators' IPE files as written (`;`, decimal commas, per-row coordinate systems, states), guessing that
cannot do harm (a code column is never a coordinate; what was guessed is said), codes that stay text, and the
premises-outside-the-communes check of `new` (issue 22)."""
import numpy as np
import pyogrio.raw
import pytest
import shapely
from pyproj import Transformer

from conftest import BANO_GPKG, COMMUNES_GPKG, OCCITANIE_GPKG
from planner.cli import main
from planner.core.errors import InputError
from planner.core.months import parse_month
from planner.core.phases.assignment import assign
from planner.core.project.model import Project
from planner.io.actuals.reader import read_actuals
from planner.io.layers import ipe
from planner.io.layers.readers import load_premises, read_layer
from planner.io.project.project_file import load_project
from sim_fixtures import gers_project

COLUMNS = ["IdentifiantImmeuble", "EtatImmeuble", "CoordonneeImmeubleX", "CoordonneeImmeubleY", "CodeInseeImmeuble",
           "CommuneImmeuble", "NombreLogementsAdresseIPE", "ReferencePM", "TypeProjectionGeographique"]


@pytest.fixture(scope="module")
def bano():
    meta, _, wkb, values = pyogrio.raw.read(BANO_GPKG)
    fields = dict(zip(meta["fields"], values))
    g = shapely.from_wkb(wkb)
    return shapely.get_x(g), shapely.get_y(g), fields["code_insee_2026"].astype(str), fields["nom_comm"].astype(str)


def _comma(values, decimals):
    return np.char.replace(np.char.mod(f"%.{decimals}f", values), ".", ",")


def write_ipe(path, bano, n=None):
    """An IPE file from the BANO Gers points: half in RGF93 (Lambert-93 metres), half in WGS84 degrees, decimal
    commas; Auch deployed, a few buildings being built, the rest targeted; some unit counts left empty."""
    lon, lat, codes, names = (a[:n] for a in bano)
    x, y = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True).transform(lon, lat)
    half = np.arange(len(lon)) % 2 == 0
    cx = np.where(half, _comma(x, 2), _comma(lon, 7))
    cy = np.where(half, _comma(y, 2), _comma(lat, 7))
    units = (np.arange(len(lon)) % 4 + 1).astype(str).astype(object)
    units[::50] = ""
    state = np.where(codes == "32013", "DEPLOYE", "CIBLE").astype(object)
    state[1::97] = "EN COURS DE DEPLOIEMENT"
    rows = [";".join(COLUMNS)]
    for i in range(len(lon)):
        rows.append(";".join([f"IMB/32/X/{i:06d}", state[i], cx[i], cy[i], codes[i], names[i], units[i],
                              f"PM-{codes[i]}-0{i % 3}", "RGF93" if half[i] else "WGS84"]))
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return codes, units, state


def test_ipe_file_as_premises_each_in_its_own_commune(bano, tmp_path, shared_data):
    path = tmp_path / "ipe_gers_20240315.csv"
    codes, units, state = write_ipe(path, bano)
    premises = load_premises(path)
    layer = premises.layer
    assert premises.insee_field == "CodeInseeImmeuble" and premises.units_field == "NombreLogementsAdresseIPE"
    assert layer.fields["ReferencePM"][0] == "PM-32001-00"  # kept as text
    assert any("CoordonneeImmeubleX" in g for g in layer.guessed)
    assert any("'RGF93' read as EPSG:2154" in g for g in layer.guessed)
    assert any("'WGS84' read as EPSG:4326" in g for g in layer.guessed)
    assert any("empty" in w and "counted as 1 unit" in w for w in layer.warnings)  # the unit-count rule
    expected_units = np.where(units == "", 1, units).astype(int)
    assert premises.units.tolist() == expected_units.tolist()
    project = gers_project(phases_per_epci=False)
    project.premises = premises
    a = assign(project)
    own = np.where(a.premise_commune >= 0, project.communes.codes[np.maximum(a.premise_commune, 0)], "")
    # independent check: the BANO points in WGS 84, placed with shapely in the Lambert-93 outlines
    lon, lat = bano[0], bano[1]
    x, y = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True).transform(lon, lat)
    tree = shapely.STRtree(project.communes.geometries)
    hit = tree.query(shapely.points(x, y), predicate="within")
    truth = np.full(len(lon), "", dtype=object)
    truth[hit[0]] = project.communes.codes[hit[1]]
    assert np.array_equal(own.astype(str), truth.astype(str))
    assert (own == codes).mean() > 0.999  # every premise in its own commune (bar BANO points on simplified edges)
    months = ipe.built_months(layer)
    assert np.array_equal(~np.isnan(months), state == "DEPLOYE") and set(months[~np.isnan(months)]) == {
        parse_month("2024-03")}


def test_ipe_file_as_dated_snapshot(bano, tmp_path, shared_data):
    path = tmp_path / "ipe_gers_20240315.csv"
    codes, units, state = write_ipe(path, bano)
    communes = gers_project(phases_per_epci=False).communes
    act = read_actuals(path, communes)
    assert act.kind == "snapshot" and act.quarters == [parse_month("2024-03")]
    built = (state == "DEPLOYE")
    expected = np.where(units == "", 1, units).astype(int)[built].sum()
    assert act.values[communes.index_of("32013"), 0] == expected and act.totals()[0] == expected
    assert any("deployed" in n for n in act.summary_lines())
    damaged = tmp_path / "ipe_damaged_20240315.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[7] = lines[7] + ";extra;cells"
    damaged.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"ipe_damaged_20240315.csv: line 8: 11 cells"):
        read_actuals(damaged, communes)


def test_code_column_is_never_taken_for_a_coordinate(tmp_path, shared_data):
    # columns named so that only their values tell: an INSEE code (in the Lambert-93 x range) before the pair
    path = tmp_path / "points.csv"
    path.write_text("insee;e;n\n32013;502345.5;6284567.25\n32107;498765.25;6309876.5\n32160;540123.75;6280345.0\n",
                    encoding="utf-8")
    layer = read_layer(path)
    assert layer.source_crs == "EPSG:2154" and layer.fields["insee"].tolist() == ["32013", "32107", "32160"]
    assert layer.x.tolist() == [502345.5, 498765.25, 540123.75]
    assert any("'e' / 'n' (guessed from their values)" in g for g in layer.guessed)
    codes_only = tmp_path / "codes.csv"
    codes_only.write_text("insee;n\n32013;6284567.25\n32107;6309876.5\n", encoding="utf-8")
    with pytest.raises(InputError, match="no coordinate columns found .* a column of codes is never taken"):
        read_layer(codes_only)


def test_phases_by_text_code_keep_leading_zeros(tmp_path, shared_data):
    out = tmp_path / "occitanie.gpkg"
    rc = main(["new", "--communes", str(OCCITANIE_GPKG), "--units-field", "population_2026_commune",
               "--phases-by", "dep", "-o", str(out)])
    assert rc == 0
    names = sorted(p.name for p in load_project(out).phases)
    assert names == ["09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"]


def _shifted_csv(path, bano, shift_share):
    """BANO points as lon/lat; a share of them moved 3 degrees east (outside the Gers)."""
    lon, lat, codes, _ = bano
    lon = lon.copy()
    moved = np.arange(len(lon)) < int(shift_share * len(lon))
    lon[moved] += 3.0
    rows = ["lon;lat;code_insee"] + [f"{a:.6f};{b:.6f};{c}" for a, b, c in zip(lon, lat, codes)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_new_says_when_premises_fall_outside_the_communes(bano, tmp_path, capsys, shared_data):
    base = ["new", "--communes", str(COMMUNES_GPKG), "--communes-layer", "communes_l93"]
    far = tmp_path / "far.csv"
    _shifted_csv(far, bano, 0.5)
    out = tmp_path / "far.gpkg"
    rc = main(base + ["--premises", str(far), "-o", str(out)])
    err = capsys.readouterr().err
    assert rc == 2 and not out.exists()
    assert "fall outside every commune" in err and "coordinate system" in err and "--allow-outside" in err
    rc = main(base + ["--premises", str(far), "--allow-outside", "-o", str(out)])
    text = capsys.readouterr().out
    assert rc == 0 and out.exists() and "warning: 17,0" in text and "outside every commune" in text
    assert "guessed (premises): coordinates: columns 'lon' / 'lat'" in text
    few = tmp_path / "few.csv"
    _shifted_csv(few, bano, 0.05)
    rc = main(base + ["--premises", str(few), "-o", str(tmp_path / "few.gpkg")])
    text = capsys.readouterr().out
    import re

    found = re.search(r"warning: ([\d,]+) premises \(([\d,]+) units, ([\d.]+) % of all\) fall outside", text)
    assert rc == 0 and found is not None
    assert 1703 <= int(found.group(1).replace(",", "")) <= 1703 + 6  # moved ones + BANO points on the edges
    assert 4.5 < float(found.group(3)) < 6


def test_new_takes_the_import_choices(bano, tmp_path, capsys, shared_data):
    path = tmp_path / "ipe.csv"
    write_ipe(path, bano, n=2000)
    out = tmp_path / "ipe.gpkg"
    rc = main(["new", "--communes", str(COMMUNES_GPKG), "--communes-layer", "communes_l93", "--premises", str(path),
               "--x-field", "CoordonneeImmeubleX", "--y-field", "CoordonneeImmeubleY", "--crs", "EPSG:2154",
               "--units-field", "NombreLogementsAdresseIPE", "--insee-field", "CodeInseeImmeuble",
               "--allow-outside", "-o", str(out)])
    text = capsys.readouterr().out
    assert rc == 0 and "guessed (premises)" not in text  # everything was given
    project = load_project(out)
    assert project.premises.insee_field == "CodeInseeImmeuble"
    # --crs overrides the per-row systems: the WGS84 rows (degrees) cannot be Lambert-93 and land far away
    assert "warning:" in text and "outside every commune" in text
    assert isinstance(project, Project)


def test_one_rule_for_empty_or_unreadable_unit_counts(tmp_path):
    """Empty, unreadable or negative counts are 1 unit for a premise in every format, counted and reported."""
    from planner.core.project.model import Layer
    from planner.io.layers.synth import write_point_layer

    grace = tmp_path / "t_adresse.csv"  # GraceTHD: the sum of the readable parts, 1 when no part is readable
    grace.write_text("ad_code;ad_insee;ad_nblhab;ad_nblpro;lon;lat\nA1;32013;3;1;0.58;43.64\nA2;32013;;2;0.59;43.65\n"
                     "A3;32013;;;0.60;43.66\nA4;32013;0;0;0.61;43.67\n", encoding="utf-8")
    premises = load_premises(grace)
    assert premises.units.tolist() == [4, 2, 1, 0]
    assert any("1 empty unit count(s) in 'ad_nblhab + ad_nblpro'" in w for w in premises.layer.warnings)
    ban = tmp_path / "adresses-32.csv"  # a BAN-style export with a count column
    ban.write_text("id;numero;nom_voie;code_insee;lon;lat;nb_logements\n32013_0001_00001;1;Rue A;32013;0.58;43.64;2\n"
                   "32013_0001_00002;2;Rue A;32013;0.59;43.65;n/a\n32013_0001_00003;3;Rue A;32013;0.60;43.66;-4\n",
                   encoding="utf-8")
    premises = load_premises(ban)
    assert premises.units.tolist() == [2, 1, 1]
    assert any("2 unreadable or negative unit count(s) in 'nb_logements'" in w for w in premises.layer.warnings)
    layer = Layer("p", "point", fields={"nb_logements": np.array([3.0, np.nan, 0.0])},
                  x=np.array([500000.0, 500010.0, 500020.0]), y=np.array([6280000.0, 6280010.0, 6280020.0]))
    gpkg = write_point_layer(layer, tmp_path / "p.gpkg")
    premises = load_premises(gpkg)
    assert premises.units.tolist() == [3, 1, 0]
    assert any("1 empty unit count(s) in 'nb_logements'" in w for w in premises.layer.warnings)


@pytest.mark.parametrize("layout", ["current", "legacy"])
def test_ban_exports_current_and_legacy(layout, tmp_path, shared_data):
    """The Base Adresse Nationale's CSV as downloaded today and in its former (pre-2020) layout: lon/lat used,
    the INSEE code (never the postal code) detected, codes kept as text, 1 unit per address."""
    project = gers_project(phases_per_epci=False)
    inner = shapely.point_on_surface(project.communes.geometries[[project.communes.index_of(c)
                                                                  for c in ("32013", "32107")]])
    x, y = shapely.get_x(inner), shapely.get_y(inner)
    lon, lat = Transformer.from_crs("EPSG:2154", "EPSG:4326", always_xy=True).transform(x, y)
    rows = [("32013_0150_00001", "32013", "32000", "Auch", round(lon[0], 6), round(lat[0], 6), round(x[0], 1),
             round(y[0], 1)),
            ("32107_0020_00012", "32107", "32500", "Fleurance", round(lon[1], 6), round(lat[1], 6), round(x[1], 1),
             round(y[1], 1))]
    if layout == "current":
        header = ("id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;code_insee_ancienne_commune;"
                  "nom_ancienne_commune;x;y;lon;lat;type_position;alias;nom_ld;libelle_acheminement;nom_afnor;"
                  "source_position;source_nom_voie;certification_commune;cad_parcelles")
        lines = [f"{i};{c}_0150;1;;Rue Gambetta;{cp};{c};{n};;;{x};{y};{lon};{lat};entrée;;;{n.upper()};"
                 f"RUE GAMBETTA;commune;commune;1;" for i, c, cp, n, lon, lat, x, y in rows]
    else:
        header = ("id;nom_voie;id_fantoir;numero;rep;code_insee;code_post;alias;nom_ld;nom_afnor;"
                  "libelle_acheminement;x;y;lon;lat;nom_commune")
        lines = [f"ADRNIVX_{i};Rue Gambetta;{c}_0150;1;;{c};{cp};;;RUE GAMBETTA;{n.upper()};{x};{y};{lon};{lat};{n}"
                 for i, c, cp, n, lon, lat, x, y in rows]
    path = tmp_path / f"ban_{layout}.csv"
    path.write_text(header + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    premises = load_premises(path)
    assert premises.insee_field == "code_insee" and premises.layer.fields["code_insee"].tolist() == ["32013", "32107"]
    assert premises.layer.source_crs == "EPSG:4326" and premises.units.tolist() == [1, 1]
    project.premises = premises
    a = assign(project)
    assert project.communes.codes[a.premise_commune].tolist() == ["32013", "32107"]
