"""`new` command line on the real Gers communes and BANO premises: project file contents and error exits."""
import numpy as np
import pyogrio
import shapely

from planner.cli import main
from planner.io.project.project_file import load_project

from conftest import BANO_GPKG, COMMUNES_GPKG


def test_new_with_premises_and_one_phase_per_epci(shared_data, tmp_path, capsys):
    out = tmp_path / "gers.gpkg"
    rc = main(["new", "--communes", str(COMMUNES_GPKG), "--communes-layer", "communes_l93",
               "--premises", str(BANO_GPKG), "--phases-by", "code_epci", "-o", str(out)])
    assert rc == 0 and out.exists()
    text = capsys.readouterr().out
    assert "458 communes, 34,072 units (premises), 17 phases" in text
    project = load_project(out)
    assert len(project.communes) == 458 and len(project.premises) == 34072
    assert len(project.phases) == 17
    # the first phase is the intercommunality with the most premises: Grand Auch (BANO covers Auch well)
    assert project.phases[0].name == "CA Grand Auch Coeur de Gascogne" and "32013" in project.phases[0].communes
    summary = text[text.index("Wrote"):].splitlines()
    assert "CA Grand Auch Coeur de Gascogne" in summary[2]
    # what was detected rather than given is said (the INSEE code field of the premises)
    assert "guessed (premises): INSEE code: field 'code_insee_2026' (detected)" in text


def test_new_with_imported_phase_zones(shared_data, tmp_path, capsys):
    meta, _, wkb, cols = pyogrio.raw.read(COMMUNES_GPKG, layer="communes_l93", columns=["code_insee", "code_epci"])
    epci = cols[1].astype(str)
    order = {v: i + 1 for i, v in enumerate(sorted(set(epci)))}
    phase = np.array([order[v] for v in epci], dtype=np.int32)  # 1..17 as numbers
    phases_file = tmp_path / "rollout_phases.gpkg"
    pyogrio.raw.write(phases_file, wkb, [phase], ["PHASE"], driver="GPKG", crs="EPSG:2154",
                      geometry_type="MultiPolygon")
    out = tmp_path / "zones.gpkg"
    rc = main(["new", "--communes", str(COMMUNES_GPKG), "--communes-layer", "communes_l93",
               "--units-field", "locaux_insee_2018", "--phases", str(phases_file), "-o", str(out)])
    assert rc == 0
    project = load_project(out)
    assert [p.name for p in project.phases] == [f"Phase {i}" for i in range(1, 18)]
    geoms = shapely.from_wkb(wkb)
    tenth = project.phases[9].zone
    assert abs(tenth.area - shapely.area(geoms[phase == 10]).sum()) < 1e-4 * tenth.area  # dissolved
    text = capsys.readouterr().out
    assert "114,042 units (commune units field)" in text


def test_new_errors_exit_2_with_one_line(shared_data, tmp_path, capsys):
    out = tmp_path / "x.gpkg"
    rc = main(["new", "--communes", str(COMMUNES_GPKG), "--communes-layer", "communes_l93",
               "--phases-by", "no_such_field", "-o", str(out)])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and "no_such_field" in err and len(err.splitlines()) == 1 and not out.exists()
    rc = main(["new", "--communes", str(COMMUNES_GPKG), "--communes-layer", "communes_l93",
               "--phases", str(COMMUNES_GPKG), "--phases-layer", "communes_l93", "-o", str(out)])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and "--phase-field" in err and str(COMMUNES_GPKG) in err
