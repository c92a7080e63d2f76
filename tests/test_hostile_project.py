"""Damaged or hostile project files never crash the command line: one line naming the file, exit status 2."""
import json
import sqlite3

import pytest

from planner.cli import main
from planner.core.errors import InputError, ParameterError
from planner.core.phases.assignment import assign
from planner.core.simulation.inputs import inputs_from
from planner.io.project import schema
from planner.io.project.incremental import register_gpkg_functions
from planner.io.project.project_file import load_project, save_project

from project_samples import sample_project


@pytest.fixture
def saved(tmp_path):
    p = sample_project(per_commune_cap=20)
    assign(p)
    target = tmp_path / "plan.gpkg"
    save_project(p, target)
    return target


def _set_meta(path, key, text):
    con = sqlite3.connect(path)
    con.execute("UPDATE rp_project SET value = ? WHERE key = ?", (text, key))
    con.commit()
    con.close()


def _connect(path):
    con = sqlite3.connect(path)
    register_gpkg_functions(con)  # the phases table's R-tree triggers call them
    return con


def _set_phase(path, column, text):
    con = _connect(path)
    con.execute(f'UPDATE phases SET "{column}" = ? WHERE fid = 1', (text,))
    con.commit()
    con.close()


def _cli(capsys, *args) -> tuple[int, str]:
    code = main(list(args))
    err = capsys.readouterr().err.strip()
    return code, err


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("command", ["info", "simulate"])
@pytest.mark.parametrize("where", ["settings", "scenarios", "phase_extra", "phase_depends_on"])
def test_json_nested_thousands_deep_is_a_clear_error(saved, capsys, command, where):
    deep = _nested(100_000)
    if where == "settings":
        _set_meta(saved, "settings", '{"a": ' + deep + "}")
    elif where == "scenarios":
        _set_meta(saved, "scenarios", deep)
    elif where == "phase_extra":
        _set_phase(saved, "extra", '{"x": ' + deep + "}")
    else:
        _set_phase(saved, "depends_on", deep)
    code, err = _cli(capsys, command, str(saved))
    assert code == 2, err
    assert str(saved) in err and "nested more than" in err, err
    assert "Traceback" not in err and "RecursionError" not in err and len(err.splitlines()) == 1


def test_moderately_deep_json_is_refused_before_recursing():
    with pytest.raises(schema.SchemaError, match="nested more than 64"):
        schema.loads(_nested(500), "settings")
    assert schema.loads(_nested(10), "settings") is not None


@pytest.mark.parametrize("key, value, words", [
    ("horizon_months", 10 ** 9, "horizon_months: 1000000000 is out of range (from 1 to 1200)"),
    ("marketing_delay_months", 10 ** 12, "marketing_delay_months"),
    ("take_up", {"max_share": 0.7, "midpoint_months": 1e300, "steepness": 0.2}, "midpoint_months"),
    ("take_up", {"max_share": 5}, "max_share"),
    ("calendar", [1e300] * 12, "calendar"),
    ("calendar", [1.0] * 10 ** 5, "calendar"),
])
def test_scenario_values_out_of_bounds_are_refused(saved, capsys, key, value, words):
    scenarios = json.loads(sqlite3.connect(saved).execute(
        "SELECT value FROM rp_project WHERE key = 'scenarios'").fetchone()[0])
    scenarios[0][key] = value
    _set_meta(saved, "scenarios", json.dumps(scenarios))
    code, err = _cli(capsys, "simulate", str(saved))
    assert code == 2 and str(saved) in err and words in err, err
    assert "Traceback" not in err and "MemoryError" not in err


def test_phase_months_out_of_bounds_are_refused(saved, capsys):
    _set_phase(saved, "study_months", 10 ** 9)
    code, err = _cli(capsys, "simulate", str(saved))
    assert code == 2 and str(saved) in err and "study_months" in err, err


def test_the_model_bounds_what_it_allocates():
    p = sample_project(per_commune_cap=5)
    a = assign(p)
    p.scenario.horizon_months = 10 ** 9  # set in memory (a script), not read from a file
    with pytest.raises(ParameterError, match="horizon_months.*out of range"):
        inputs_from(p, a)
    p.scenario.horizon_months = 120
    p.phases[0].study_months = 10 ** 30
    with pytest.raises(ParameterError, match="study_months"):
        inputs_from(p, a)


@pytest.mark.parametrize("damage, words", [
    ("cycle", "dependency cycle"),
    ("unknown", "depends on unknown phase id 999"),
])
def test_simulate_validation_errors_name_the_file(saved, capsys, damage, words):
    p = load_project(saved)
    if damage == "cycle":
        deps = json.dumps([[p.phases[-1].id, 100.0]])  # phase 1 waits for the last, which waits for phase 1
        _set_phase(saved, "depends_on", deps)
        con = _connect(saved)
        con.execute("UPDATE phases SET depends_on = ? WHERE id = ?", (json.dumps([[p.phases[0].id, 50.0]]),
                                                                       p.phases[-1].id))
        con.commit()
        con.close()
    else:
        _set_phase(saved, "depends_on", json.dumps([[999, 100.0]]))
    for command in (["simulate", str(saved)], ["goal-seek", str(saved), "--target", "50", "--by", "2022-12"]):
        code, err = _cli(capsys, *command)
        assert code == 2, err
        assert err.startswith(f"error: {saved}: ") and words in err, err


def test_damaged_values_through_load_project_are_input_errors(saved):
    _set_meta(saved, "active_scenario", _nested(5000))
    with pytest.raises(InputError, match="nested more than"):
        load_project(saved)
