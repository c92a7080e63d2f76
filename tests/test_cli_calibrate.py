"""Command line `calibrate`: printed fit, JSON fields, calibrated copy, backtest, and exit 2 on a degenerate fit."""
import csv
import json

import numpy as np
import pytest

from conftest import ARCEP_CSV
from planner.cli import main
from planner.core.months import parse_month, quarter_label
from planner.core.simulation.coverage import simulate
from planner.core.simulation.whatif import with_phase_value
from planner.io.project.project_file import load_project, save_project
from sim_fixtures import gers_assignment, gers_project

JSON_FIELDS = {"factor", "units_per_crew_month", "start_shift", "interval", "rmse", "labels", "fitted", "actual",
               "holdout", "warnings", "projection"}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """A saved Gers project and actuals (long CSV) the simulation produced at 0.8 × its pace, 2 % noise."""
    project = gers_project()
    tmp = tmp_path_factory.mktemp("calib")
    path = tmp / "gers.gpkg"
    save_project(project, path)
    a = gers_assignment(project)
    truth = with_phase_value(project.scenario, project, "units_per_crew_month", 120.0)
    r = simulate(project, a, truth)
    rng = np.random.default_rng(1)
    actuals = tmp / "actuals.csv"
    with actuals.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["code_insee", "trimestre", "raccordables"])
        for k in range(6):
            q = parse_month("2018-06") + 3 * k
            v = np.rint(r.commune_eligible[:, q - parse_month("2018-01")] * (1 + rng.normal(0, 0.02, 458)))
            w.writerows([c, quarter_label(q), int(x)] for c, x in zip(project.communes.codes, v))
    return path, actuals


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory, shared_data):
    """The demo plan on the bundled sample, built as docs/simulation.md's worked example builds it."""
    from conftest import ROOT

    path = tmp_path_factory.mktemp("demo") / "gers_demo.gpkg"
    sample = ROOT / "resources" / "sample"
    assert main(["new", "--communes", str(sample / "communes_gers_2026.gpkg"), "--communes-layer", "communes_l93",
                 "--premises", str(sample / "premises_gers_synthetic.gpkg"), "--units-field", "units",
                 "--demo-plan", "-o", str(path)]) == 0
    project = load_project(path)
    assert len(project.phases) == 17 and project.phases[0].crews == 6 and project.phases[0].earliest_start == "2018-01"
    return path


def test_calibrate_prints_writes_json_and_a_calibrated_copy(files, tmp_path, capsys):
    path, actuals = files
    out_json, out_gpkg = tmp_path / "c.json", tmp_path / "calibrated.gpkg"
    assert main(["calibrate", str(path), "--actuals", str(actuals), "--holdout", "2", "--json", str(out_json),
                 "-o", str(out_gpkg), "--use-uncertainty"]) == 0
    text = capsys.readouterr().out
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert JSON_FIELDS <= set(data)
    assert data["factor"] == pytest.approx(0.8, rel=0.02) and data["start_shift"] == 0
    assert f"× {data['factor']:.4g}" in text and "90 % interval (profile likelihood)" in text and "(held out)" in text
    assert len(data["units_per_crew_month"]) == 17
    assert all(v == pytest.approx(150 * data["factor"], rel=1e-3) for v in data["units_per_crew_month"].values())
    iv = data["interval"]
    assert iv["factor"]["lo"] < data["factor"] < iv["factor"]["hi"] and "start_shift" not in iv
    assert all(iv["units_per_crew_month"][n]["lo"] < v < iv["units_per_crew_month"][n]["hi"]
               for n, v in data["units_per_crew_month"].items())
    assert data["labels"] == ["T2 2018", "T3 2018", "T4 2018", "T1 2019", "T2 2019", "T3 2019"]
    assert len(data["fitted"]) == len(data["actual"]) == 6
    assert data["holdout"]["labels"] == ["T2 2019", "T3 2019"] and data["holdout"]["rmse"] >= 0
    errors = np.array(data["fitted"][:4]) - np.array(data["actual"][:4])
    assert data["rmse"] == pytest.approx(np.sqrt(np.mean(errors ** 2)), abs=0.2)
    assert data["warnings"] == []
    proj = data["projection"]
    assert len(proj["months"]) == len(proj["eligible"]) == 120 and proj["months"][0] == "2018-01"
    assert proj["eligible"][-1] <= 114042 and proj["eligible"] == sorted(proj["eligible"])
    # the copy has the calibrated scenario, active, with the interval as productivity distribution
    copy = load_project(out_gpkg)
    assert [s.name for s in copy.scenarios] == ["Base", "Base – calibrated"] and copy.active_scenario == 1
    sc = copy.scenario
    assert sc.phase_overrides[1]["units_per_crew_month"] == pytest.approx(150 * data["factor"], rel=1e-6)
    kind, lo, mode, hi = sc.uncertainty["productivity_shared"]
    assert kind == "triangular" and lo < iv["factor"]["lo"] / data["factor"] - 1 < 0 < hi
    assert copy.as_built is not None and proj["as_of"] == "2019-09"  # the projection goes on from the figures
    r = simulate(copy, gers_assignment(copy))
    assert list(r.eligible) == proj["eligible"]


def test_several_files_make_one_history(files, tmp_path):
    path, actuals = files
    rows = list(csv.reader(actuals.open(encoding="utf-8"), delimiter=";"))
    early, late = tmp_path / "early.csv", tmp_path / "late.csv"
    for out, keep in ((early, ("T2 2018", "T3 2018", "T4 2018")), (late, ("T1 2019", "T2 2019", "T3 2019"))):
        with out.open("w", newline="", encoding="utf-8") as fh:
            csv.writer(fh, delimiter=";").writerows([rows[0]] + [r for r in rows[1:] if r[1] in keep])
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    assert main(["calibrate", str(path), "--actuals", str(actuals), "--json", str(one)]) == 0
    assert main(["calibrate", str(path), "--actuals", str(early), str(late), "--json", str(two)]) == 0
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (one, two))
    assert a["factor"] == b["factor"] and a["actual"] == b["actual"] and a["interval"] == b["interval"]


def test_per_phase_and_restricted_communes(files, tmp_path):
    path, actuals = files
    out = tmp_path / "p.json"
    assert main(["calibrate", str(path), "--actuals", str(actuals), "--per-phase", "--fit-start",
                 "--communes", "32013,32107,32160", "--json", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    phases = data["phases"]
    own = [n for n, p in phases.items() if p["source"] == "phase"]
    assert 1 <= len(own) <= 3  # only the phases of the three communes can have their own pace
    for n, p in phases.items():
        assert (p["reason"] is None) == (n in own)
        if n in own:
            assert p["units_per_crew_month"] == pytest.approx(120, rel=0.05) and p["start_shift"] == 0
    assert "start_shift" in data["interval"]


def test_degenerate_fits_exit_2_with_the_diagnostic(demo_file, tmp_path, capsys):
    out = tmp_path / "never.json"
    # the case: the demo plan builds nothing before 2018-04, the Arcep figures end in T1 2018
    assert main(["calibrate", str(demo_file), "--actuals", str(ARCEP_CSV), "--json", str(out)]) == 2
    captured = capsys.readouterr()
    err = captured.err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: The fit cannot decide") and "2018-04" in err[0]
    assert "×" not in captured.out and not out.exists()
    # with the start fitted it decides (beyond the first ±24 months), with a warning on the open start
    assert main(["calibrate", str(demo_file), "--actuals", str(ARCEP_CSV), "--fit-start", "--json", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["start_shift"] < -24 and data["actual"] == [5189, 7030, 7834]
    assert any("earliest bound on the start" in w for w in data["warnings"])
    # a missing file and a bad option value are one-line errors too
    assert main(["calibrate", str(demo_file), "--actuals", str(tmp_path / "none.csv")]) == 2
    assert "none.csv" in capsys.readouterr().err
    assert main(["calibrate", str(demo_file), "--actuals", str(ARCEP_CSV), "--holdout", "3"]) == 2
    assert "holdout" in capsys.readouterr().err


def test_the_worked_example_in_the_docs_is_what_the_command_line_prints(demo_file, tmp_path, capsys):
    """docs/simulation.md, "Worked example: the Gers demo plan and the Arcep figures": the numbers quoted."""
    from conftest import ROOT

    doc = (ROOT / "docs" / "simulation.md").read_text(encoding="utf-8")
    example = doc[doc.index("### Worked example: the Gers demo plan"):]

    def run(*opts):
        out = tmp_path / "x.json"
        assert main(["calibrate", str(demo_file), "--actuals", str(ARCEP_CSV), *opts, "--json", str(out)]) == 0
        capsys.readouterr()
        return json.loads(out.read_text(encoding="utf-8"))

    d = run("--fit-start")
    iv = d["interval"]
    for text in (f"× {d['factor']:.4g} the scenario's pace", f"start {d['start']} ({d['start_shift']} months)",
                 f"× {iv['factor']['lo']:.4g} to × {iv['factor']['hi']:.4g}",
                 f"start shift {iv['start_shift']['lo']} to {iv['start_shift']['hi']} months",
                 f"RMSE {d['rmse']:,.0f} units", f"fitted {d['fitted'][0]:,.0f}   actual 5,189"):
        assert text in example, text
    proj = dict(zip(d["projection"]["months"], d["projection"]["eligible"]))
    for month in ("2019-12", "2020-12", "2025-12"):
        assert f"{proj[month]:,}" in example, month
    d = run("--fit-start", "--per-phase")
    auch = d["phases"]["CA Grand Auch Coeur de Gascogne"]
    lo, hi = auch["interval"]["units_per_crew_month"]["lo"], auch["interval"]["units_per_crew_month"]["hi"]
    assert (f"{auch['units_per_crew_month']:.1f} units per crew per month (90 %: {lo:.1f}–{hi:.1f}), start "
            f"{auch['start_shift']} months") in example.replace("**", "").replace("−", "-")
    plain = " ".join(example.replace("**", "").replace("−", "-").split())  # line breaks as spaces
    a = auch["interval"]["start_shift"]
    assert f"start {auch['start_shift']} months ({a['lo']} to {a['hi']})" in plain
    own = [d["phases"][n]["start_shift"] for n in ("CC de la Gascogne Toulousaine", "CC du Saves",
                                                  "CC Coeur d'Astarac en Gascogne")]
    assert f"({own[0]}, {own[1]} and {own[2]} months)" in plain
    assert f"keep the territory's {d['phases']['CC du Saves']['units_per_crew_month']:.1f}" in plain
    assert f"RMSE with these values is {d['rmse']:,.0f}" in plain
    d = run("--fit-start", "--communes", "32013")
    iv = d["interval"]
    assert (f"× {d['factor']:.4g} ({140 * d['factor']:.1f} units of effort 1 per crew per month, i.e. "
            f"{140 * d['factor'] / 0.42:.1f} of Auch's units), start {d['start']} ({d['start_shift']} months), "
            f"RMSE {d['rmse']:,.0f}, interval × {iv['factor']['lo']:.4g}–{iv['factor']['hi']:.4g} and start "
            f"{iv['start_shift']['lo']} to {iv['start_shift']['hi']} months") in plain
    d = run("--fit-start", "--holdout", "1")
    assert f"error {d['holdout']['error'][0]:+,.0f} on the held-out quarter" in example
    assert f"× {d['factor']:.4g}, start {d['start_shift']} months".replace("-", "−") in example
    # the demo plan as typed, for comparison
    from planner.core.simulation.coverage import simulate

    assert f"the demo plan as typed reached it in {simulate(load_project(demo_file)).milestones[50]}" in plain
