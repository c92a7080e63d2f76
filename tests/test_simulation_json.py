"""`simulate --json` written from the arrays is the very document `to_json_dict` describes."""
import json

from planner.cli import main
from planner.core.phases.assignment import assign
from planner.core.simulation.coverage import simulate, to_json_dict
from planner.io.exports.simulation_json import simulation_json_text
from planner.io.project.project_file import save_project

from project_samples import sample_project


import pytest


@pytest.mark.parametrize("name", ['Saint-"Quote"\\ \u00e9t\u00e9 \n', 'L\'Isle-"Jourdain" \\ 2'])
def test_fast_json_equals_to_json_dict(name):
    p = sample_project(per_commune_cap=40)
    p.communes.layer.fields["nom"][3] = name  # names needing JSON escapes (control characters or not)
    r = simulate(p, assign(p))
    head = to_json_dict(r, p, communes=False)
    assert head["communes"] is None
    head["extra"] = {"bands": [1, 2]}  # what --runs adds around it
    text = simulation_json_text(head, r, p)
    want = to_json_dict(r, p)
    want["extra"] = {"bands": [1, 2]}
    assert json.loads(text) == want
    assert list(json.loads(text)) == list(want)  # same key order


def test_simulate_json_from_the_command_line(tmp_path, capsys):
    p = sample_project(per_commune_cap=20)
    assign(p)
    save_project(p, tmp_path / "p.gpkg")
    out = tmp_path / "sim.json"
    assert main(["simulate", str(tmp_path / "p.gpkg"), "--json", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["communes"]) == len(p.communes) and data["communes"]["32013"]["units"] > 0
    assert len(data["communes"]["32013"]["eligible"]) == len(data["months"])


@pytest.mark.parametrize("values", [
    [[0, 0, 3, 3, 17], [5, 5, 5, 5, 5]],  # few distinct values: formatted once each, then taken
    [[-2, 0, 7, 7, 9], [1, 2, 3, 4, 5]],  # negative: cast one by one
    [[0, 10 ** 12, 3, 3, 2 ** 62], [1, 1, 1, 1, 1]],  # sparse over a wide range: cast one by one
    [[], []],
])
def test_integer_text_is_python_s(values):
    import numpy as np

    from planner.io.exports.simulation_json import _int_text, _joined

    m = np.array(values, dtype=np.int64).reshape(2, -1)
    assert _int_text(m).to_pylist() == [str(v) for v in m.reshape(-1).tolist()]
    assert _joined(m).to_pylist() == [", ".join(str(v) for v in row) for row in m.tolist()]
