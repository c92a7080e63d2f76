"""`info` and `synth-premises` subcommands on the real Gers files."""
import re

import numpy as np

from conftest import BANO_RAW_CSV, COMMUNES_GPKG
from planner.cli import main
from planner.io.layers.readers import load_premises


def test_info_on_the_gers_geopackage(shared_data, capsys):
    assert main(["info", str(COMMUNES_GPKG)]) == 0
    out = capsys.readouterr().out
    blocks = out.split("Layer: ")[1:]
    assert [b.splitlines()[0] for b in blocks] == ["communes_wgs84", "communes_l93"]
    wgs, l93 = blocks
    assert "geometry: MultiPolygon" in l93 and "features: 458" in l93
    assert "CRS: EPSG:4326" in wgs and "CRS: EPSG:2154" in l93
    assert "bounds: -0.282110, 43.310890, 1.202710, 44.079290" in wgs
    xmin, ymin, xmax, ymax = map(float, re.search(r"bounds: (.*)", l93).group(1).split(", "))
    assert 435_000 < xmin < xmax < 555_000 and 6_248_000 < ymin < ymax < 6_335_000
    assert "locaux_insee_2018 (int64)" in l93 and "nom (text)" in l93 and "fields (14)" in l93
    assert "INSEE code field: code_insee" in l93 and "units field: locaux_insee_2018" in l93


def test_info_on_the_raw_bano_csv(shared_data, capsys):
    assert main(["info", str(BANO_RAW_CSV)]) == 0
    out = capsys.readouterr().out
    assert "features: 34,072" in out and "CRS: EPSG:4326" in out
    assert "nom_comm (text)" in out and "INSEE code field: code_insee" in out
    assert "units field: - (1 unit per feature)" in out


def test_info_on_a_missing_file_exits_2(capsys, tmp_path):
    assert main(["info", str(tmp_path / "nope.gpkg")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "nope.gpkg: file not found" in err


def test_synth_premises_command(shared_data, tmp_path, capsys):
    out = tmp_path / "p.gpkg"
    code = main(["synth-premises", str(COMMUNES_GPKG), "--layer", "communes_l93", "--units-field",
                 "locaux_insee_2018", "--seed", "3", "-o", str(out)])
    assert code == 0
    assert "114,042 units in 458 communes (seed 3)" in capsys.readouterr().out
    premises = load_premises(out)
    assert premises.units.sum() == 114_042 and len(np.unique(premises.layer.fields["code_insee"])) == 458


def test_synth_premises_needs_a_known_field(shared_data, tmp_path, capsys):
    code = main(["synth-premises", str(COMMUNES_GPKG), "--layer", "communes_l93", "--units-field", "nope",
                 "-o", str(tmp_path / "p.gpkg")])
    assert code == 2 and "no field 'nope'" in capsys.readouterr().err
    assert not (tmp_path / "p.gpkg").exists()


def test_info_on_a_project_file_describes_the_project(shared_data, tmp_path, capsys):
    from planner.io.project.project_file import save_project
    from planner.io.layers.sample import load_sample_project

    from planner.core.phases.phase_builders import phases_per_field

    project = load_sample_project()
    phases_per_field(project, "code_epci").do(project)
    auch = project.phases[0]
    path = save_project(project, tmp_path / "plan.gpkg")
    assert main(["info", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Project: Gers sample")
    assert "Layer premises: 104680 features" in out and "Layer: " not in out
    # each phase with its units and communes (issue 3), here the largest intercommunality first
    line = next(l for l in out.splitlines() if l.strip().startswith(auch.name))
    expected_units = int(project.premises.units[np.isin(project.premises.layer.fields["code_insee"].astype(str),
                                                        auch.communes)].sum())
    assert f"{expected_units:,} units" in line and f"{len(auch.communes)} communes" in line


def test_info_says_when_the_crs_will_be_guessed(shared_data, tmp_path, capsys):
    import pyogrio

    meta, _, geom, values = pyogrio.raw.read(str(COMMUNES_GPKG), layer="communes_l93", columns=["code_insee"])
    pyogrio.raw.write(str(tmp_path / "c.shp"), geometry=geom, field_data=values, fields=meta["fields"],
                      geometry_type="MultiPolygon", crs="EPSG:2154", driver="ESRI Shapefile")
    (tmp_path / "c.prj").unlink()
    assert main(["info", str(tmp_path / "c.shp")]) == 0
    out = capsys.readouterr().out
    assert "CRS: none in the file; will be guessed as EPSG:2154 from the coordinate range" in out
    assert "features: 458" in out and "INSEE code field: code_insee" in out
