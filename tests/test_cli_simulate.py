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
    assert f"50 % {data['milestones']['50']}" in text and "EPCI 200066926" in text
    assert set(data) == {"scenario", "start", "months", "territory", "phases", "communes", "milestones",
                         "unplanned_units"}
    assert data["scenario"] == "Base" and data["start"] == "2018-01" and len(data["months"]) == 120
    terr = data["territory"]
    assert terr["units"] == 114042 and set(terr) == {"units", "eligible", "marketable", "connected", "coverage_pct"}
    assert all(len(terr[k]) == 120 for k in ("eligible", "marketable", "connected", "coverage_pct"))
    assert terr["eligible"][-1] == 114042 and terr["coverage_pct"][-1] == 100
    assert len(data["phases"]) == 17
    assert set(next(iter(data["phases"].values()))) == {"units", "start", "build_start", "end"}
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
    assert main(["goal-seek", str(project_file), "--target", "66", "--by", "2020-12", "--json", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["feasible"] and data["vary"] == "crews" and data["coverage_pct"] >= 66 > data["below_coverage_pct"]
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
