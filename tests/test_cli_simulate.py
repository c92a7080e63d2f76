"""Command line `simulate` and `goal-seek` on a saved Gers project: printed dates, JSON schema, CSV, bands, errors."""
import csv
import json

import pytest

from planner.cli import main
from planner.core.project.model import CrewPool
from planner.io.project.project_file import save_project
from sim_fixtures import gers_project


@pytest.fixture(scope="module")
def project_file(tmp_path_factory):
    project = gers_project()
    alt = project.scenarios[0].copy("Late")
    alt.start = "2019-01"
    pool = project.scenarios[0].copy("Pool")
    pool.crew_pool = CrewPool(plan=[("2018-01", 6)])
    pool.phase_overrides = {p.id: {"use_pool": True} for p in project.phases}
    project.scenarios += [alt, pool]
    path = tmp_path_factory.mktemp("cli") / "gers.gpkg"
    save_project(project, path)
    return path


def test_simulate_prints_and_writes_json_and_csv(project_file, tmp_path, capsys):
    out_json, out_csv = tmp_path / "r.json", tmp_path / "r.csv"
    assert main(["simulate", str(project_file), "--json", str(out_json), "--csv", str(out_csv)]) == 0
    text = capsys.readouterr().out
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert f"50 % — {data['milestones']['50']}" in text and "EPCI 200066926" in text
    assert set(data) == {"scenario", "start", "months", "territory", "phases", "communes", "milestones",
                         "unplanned_units"}
    assert data["scenario"] == "Base" and data["start"] == "2018-01" and len(data["months"]) == 120
    terr = data["territory"]
    assert terr["units"] == 114042 and set(terr) == {"units", "eligible", "marketable", "connected", "coverage_pct",
                                                  "spend_eur", "cost_eur", "spend_per_year_eur", "milestones_cost_eur"}
    assert all(len(terr[k]) == 120 for k in ("eligible", "marketable", "connected", "coverage_pct"))
    assert terr["eligible"][-1] == 114042 and terr["coverage_pct"][-1] == 100
    assert len(data["phases"]) == 17
    assert set(next(iter(data["phases"].values()))) == {"units", "start", "build_start", "end", "cost_eur",
                                                        "fixed_eur", "spend_eur", "money_wait_months"}
    assert len(terr["spend_eur"]) == 120 and terr["spend_eur"][-1] == pytest.approx(terr["cost_eur"])
    assert sum(p["cost_eur"] for p in data["phases"].values()) == pytest.approx(terr["cost_eur"])
    auch = data["communes"]["32013"]
    assert auch["name"] == "Auch" and len(auch["eligible"]) == 120 and auch["eligible"][-1] == auch["units"]
    assert sum(c["eligible"][30] for c in data["communes"].values()) == terr["eligible"][30]
    rows = list(csv.reader(out_csv.open(encoding="utf-8-sig"), delimiter=";"))
    assert rows[0][:4] == ["code_insee", "nom", "units", "T1 2018"] and rows[0][-1] == "T4 2027"
    assert len(rows) == 459
    auch_row = next(r for r in rows if r[0] == "32013")
    assert int(auch_row[-1]) == auch["units"] and int(auch_row[3]) == auch["eligible"][2]


def test_simulate_overrides_and_scenarios(project_file, tmp_path):
    base, fast, late, pool = (tmp_path / f"{n}.json" for n in ("b", "f", "l", "p"))
    assert main(["simulate", str(project_file), "--json", str(base)]) == 0
    assert main(["simulate", str(project_file), "--json", str(fast), "--crews", "4",
                 "--units-per-crew-month", "200"]) == 0
    assert main(["simulate", str(project_file), "--json", str(late), "--start", "2018-07"]) == 0
    assert main(["simulate", str(project_file), "--json", str(pool), "--scenario", "Pool"]) == 0
    b, f, l, p = (json.loads(x.read_text()) for x in (base, fast, late, pool))
    assert f["milestones"]["100"] < b["milestones"]["100"]
    first = next(iter(l["phases"].values()))
    assert first["start"] == "2018-07" and l["milestones"]["50"] > b["milestones"]["50"]
    assert p["scenario"] == "Pool" and p["milestones"]["100"] != b["milestones"]["100"]


def test_simulate_runs_write_bands(project_file, tmp_path, capsys):
    out = tmp_path / "bands.json"
    assert main(["simulate", str(project_file), "--runs", "200", "--seed", "7", "--json", str(out)]) == 0
    terr = json.loads(out.read_text())["territory"]
    assert all(len(terr[k]) == 120 for k in ("p10", "p50", "p90"))
    assert all(a <= b <= c for a, b, c in zip(terr["p10"], terr["p50"], terr["p90"]))
    assert any(a < c for a, c in zip(terr["p10"], terr["p90"]))
    assert "200 runs (seed 7)" in capsys.readouterr().out


def test_simulate_errors_exit_2_with_one_line(project_file, capsys):
    assert main(["simulate", str(project_file), "--crews", "-1"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "field 'crews'" in err and "phase 'EPCI" in err
    assert main(["simulate", str(project_file), "--scenario", "Nope"]) == 2
    assert main(["simulate", str(project_file) + ".missing"]) == 2


def test_goal_seek_cli(project_file, tmp_path, capsys):
    out = tmp_path / "gs.json"
    assert main(["goal-seek", str(project_file), "--target", "80", "--by", "2020-12", "--json", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["feasible"] and data["vary"] == "crews" and data["coverage_pct"] >= 80 > data["below_coverage_pct"]
    assert f"crews: {data['value']} reaches" in capsys.readouterr().out
    assert main(["goal-seek", str(project_file), "--target", "66", "--by", "2018-02"]) == 1
    assert "studies alone end in 2018-03" in capsys.readouterr().out


def test_saved_scenarios_simulate_as_in_memory(project_file, tmp_path):
    from planner.core.simulation.coverage import simulate, to_json_dict
    from sim_fixtures import gers_assignment

    project = gers_project()
    pool = project.scenarios[0].copy("Pool")
    pool.crew_pool = CrewPool(plan=[("2018-01", 6)])
    pool.phase_overrides = {p.id: {"use_pool": True} for p in project.phases}
    expected = to_json_dict(simulate(project, gers_assignment(project), pool), project)
    out = tmp_path / "pool.json"
    assert main(["simulate", str(project_file), "--scenario", "Pool", "--json", str(out)]) == 0
    got = json.loads(out.read_text(encoding="utf-8"))
    assert got["milestones"] == expected["milestones"] and got["phases"] == expected["phases"]
    assert got["territory"]["eligible"] == expected["territory"]["eligible"]


def test_simulate_budget_and_goal_seek_on_budget(project_file, tmp_path, capsys):
    out = tmp_path / "b.json"
    assert main(["simulate", str(project_file), "--budget", "5000000", "--json", str(out)]) == 0
    text = capsys.readouterr().out
    terr = json.loads(out.read_text())["territory"]
    assert len(terr["budget_eur"]) == 120 and terr["budget_eur"][11] == 5_000_000  # twelfths, one a month
    assert all(s <= b + 1e-6 for s, b in zip(terr["spend_eur"], terr["budget_eur"]))
    assert "Note: the budget is too small to finish by 2027-12: coverage reaches" in text
    assert f"{terr['coverage_pct'][-1]:.1f} %" in text
    gs = tmp_path / "gs.json"
    assert main(["goal-seek", str(project_file), "--target", "66", "--by", "2023-12", "--vary", "budget",
                 "--json", str(gs)]) == 0
    data = json.loads(gs.read_text())
    assert data["vary"] == "budget" and data["value"] % 1000 == 0 and data["below_value"] == data["value"] - 1000
    assert data["coverage_pct"] >= 66 > data["below_coverage_pct"]
    assert f"budget (€ per year): {data['value']:,} reaches" in capsys.readouterr().out
    assert main(["simulate", str(project_file), "--budget", "-3"]) == 2
    assert "field 'budget'" in capsys.readouterr().err


def test_simulate_goal_seek_from_actuals(project_file, tmp_path, capsys, shared_data):
    """--actuals FILE [--as-of]: the real Arcep file; JSON as_of, actual series, built_at_as_of; errors exit 2."""
    from conftest import ARCEP_CSV

    out = tmp_path / "a.json"
    assert main(["simulate", str(project_file), "--actuals", str(ARCEP_CSV), "--json", str(out)]) == 0
    text = capsys.readouterr().out
    assert "As of 2018-03: 7,834 eligible units (6.9 %, actual" in text
    assert "phases done 0, under way 4, not begun 13" in text
    auch_phase = next(line for line in text.splitlines() if line.startswith("EPCI 200066926"))
    assert auch_phase.split()[-2:] == ["under", "way"] and "2017-09" in auch_phase
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["as_of"] == "2018-03" and data["territory"]["actual"] == [7030, 7030, 7834]
    assert data["territory"]["eligible"][2] == 7834 and data["communes"]["32013"]["built_at_as_of"] == 5808
    assert data["communes"]["32013"]["status"] == "under way" and data["communes"]["32001"]["status"] == "planned"
    assert min(data["territory"]["eligible"][2:]) == 7834
    assert main(["simulate", str(project_file), "--actuals", str(ARCEP_CSV), "--as-of", "2018-02"]) == 0
    text = capsys.readouterr().out
    assert "As of 2018-02: 7,030 eligible units" in text
    assert "figures after the as-of month 2018-02 left out (T1 2018)" in text
    assert main(["goal-seek", str(project_file), "--target", "66", "--by", "2020-12", "--actuals", str(ARCEP_CSV)]) == 0
    assert "(from what is built as of 2018-03)" in capsys.readouterr().out
    for args, message in [
        (["--as-of", "2017-11"], "error: field 'as_of': the as-of month 2017-11 is before the scenario start 2018-01"),
        (["--as-of", "2028-01"], "is past the horizon (last simulated month 2027-12)"),
        (["--as-of", "2018-13"], "error: field '--as-of': month out of range in '2018-13'"),
    ]:
        assert main(["simulate", str(project_file), "--actuals", str(ARCEP_CSV), *args]) == 2
        assert message in capsys.readouterr().err
    assert main(["simulate", str(project_file), "--as-of", "2018-03"]) == 2
    assert "the project holds no actual figures; give them with --actuals FILE" in capsys.readouterr().err
    assert main(["simulate", str(project_file), "--actuals", str(tmp_path / "none.csv")]) == 2
    assert "none.csv: no such file" in capsys.readouterr().err


def test_actuals_subcommand_stores_figures_in_the_project(project_file, tmp_path, capsys, shared_data):
    import shutil

    from conftest import ARCEP_CSV

    path = tmp_path / "g.gpkg"
    shutil.copy(project_file, path)
    assert main(["actuals", str(path), "--add", str(ARCEP_CSV)]) == 0
    assert "1. " in capsys.readouterr().out
    late = tmp_path / "late.csv"
    late.write_text("code_insee;trimestre;raccordables\n32013;T2 2018;6500\n", encoding="utf-8")
    assert main(["actuals", str(path), "--add", str(late)]) == 0
    listed = capsys.readouterr().out
    assert "2. " in listed and "late.csv: 1 communes, 1 quarters (2018-06..2018-06)" in listed
    out = tmp_path / "s.json"
    assert main(["simulate", str(path), "--json", str(out)]) == 0  # the stored figures, latest quarter
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["as_of"] == "2018-06" and data["communes"]["32013"]["built_at_as_of"] == 6500
    assert main(["simulate", str(path), "--from-scratch", "--json", str(out)]) == 0
    assert "as_of" not in json.loads(out.read_text(encoding="utf-8"))
    assert main(["actuals", str(path), "--remove", "2"]) == 0 and "2. " not in capsys.readouterr().out
    assert main(["actuals", str(path), "--remove", "5"]) == 2
    assert "no snapshot number 5 (the project has 1)" in capsys.readouterr().err
