"""The worked example of docs/simulation.md, reproduced number for number through project, assignment and engine."""
import math

import numpy as np
import shapely

from planner.core.phases.assignment import assign
from planner.core.project.cost_model import legacy_cost_model
from planner.core.project.model import Communes, Dependency, Layer, Phase, Project, Scenario, TakeUp
from planner.core.simulation.coverage import commune_quarter_table, simulate, to_json_dict


def example_project() -> Project:
    squares = np.array([shapely.box(i * 1000, 0, i * 1000 + 1000, 1000) for i in range(3)], dtype=object)
    layer = Layer("communes", "polygon", fields={
        "code_insee": np.array(["32001", "32002", "32003"], dtype=object),
        "nom": np.array(["X", "Y", "Z"], dtype=object),
        "units": np.array([300, 100, 200]),
    }, geometries=squares)
    project = Project(communes=Communes(layer, units_field="units"))
    project.phases = [
        Phase(id=1, name="A", communes=["32002", "32001"], crews=2, units_per_crew_month=50, study_months=1,
              ramp_months=1, commune_order="largest"),
        Phase(id=2, name="B", communes=["32003"], crews=1, units_per_crew_month=80, study_months=0,
              ramp_months=0, depends_on=[Dependency(1, 50)]),
    ]
    cal = [1.0] * 12
    cal[7] = 0.5
    project.scenarios = [Scenario(name="Example", start="2019-06", horizon_months=8, calendar=cal,
                                  marketing_delay_months=3,
                                  take_up=TakeUp(max_share=0.4, midpoint_months=2, steepness=math.log(3)),
                                  costs=legacy_cost_model())]  # every build effort 1
    return project


def test_worked_example_numbers():
    project = example_project()
    r = simulate(project, assign(project))
    assert r.months == ["2019-06", "2019-07", "2019-08", "2019-09", "2019-10", "2019-11", "2019-12", "2020-01"]
    assert r.phase_eligible[0].tolist() == [0, 50, 100, 200, 300, 400, 400, 400]
    assert r.phase_eligible[1].tolist() == [0, 0, 0, 0, 80, 160, 200, 200]
    assert r.eligible.tolist() == [0, 50, 100, 200, 380, 560, 600, 600]
    assert np.allclose(r.coverage_pct, [0, 50 / 6, 100 / 6, 200 / 6, 380 / 6, 560 / 6, 100, 100])
    assert r.marketable.tolist() == [0, 0, 0, 0, 50, 100, 200, 380]
    assert r.connected.tolist() == [0, 0, 0, 0, 2, 7, 19, 42]
    assert r.phase_start == ["2019-06", "2019-10"]
    assert r.phase_build_start == ["2019-07", "2019-10"]
    assert r.phase_end == ["2019-11", "2019-12"]
    assert r.milestones == {50: "2019-10", 66: "2019-11", 100: "2019-12"}
    assert r.commune_eligible.tolist() == [
        [0, 50, 100, 200, 300, 300, 300, 300],
        [0, 0, 0, 0, 0, 100, 100, 100],
        [0, 0, 0, 0, 80, 160, 200, 200],
    ]
    assert [r.commune_quarter(i, 50) for i in range(3)] == ["T3 2019", "T4 2019", "T4 2019"]
    assert [r.commune_quarter(i, 100, "en") for i in range(3)] == ["Q4 2019", "Q4 2019", "Q4 2019"]
    assert r.unplanned_units == 0


def test_worked_example_tables():
    project = example_project()
    r = simulate(project, assign(project))
    header, rows = commune_quarter_table(r, project)
    assert header == ["code_insee", "nom", "units", "T2 2019", "T3 2019", "T4 2019", "T1 2020"]
    assert rows == [["32001", "X", 300, 0, 200, 300, 300], ["32002", "Y", 100, 0, 0, 100, 100],
                    ["32003", "Z", 200, 0, 0, 200, 200]]
    data = to_json_dict(r, project)
    assert data["phases"]["B"] == {"units": 200, "start": "2019-10", "build_start": "2019-10", "end": "2019-12",
                                   "cost_eur": 160000.0, "fixed_eur": 0.0, "spend_eur": 160000.0,
                                   "money_wait_months": 0}  # Z: 200 units/km², intermediate class, 800 € a unit
    assert data["milestones"] == {"50": "2019-10", "66": "2019-11", "100": "2019-12"}
    assert data["communes"]["32002"] == {"name": "Y", "units": 100, "eligible": [0, 0, 0, 0, 0, 100, 100, 100]}
    assert data["territory"]["units"] == 600 and data["territory"]["connected"][-1] == 42


def test_marketable_and_connected_of_any_series():
    project = example_project()
    r = simulate(project, assign(project))
    m, c = r.marketable_connected(r.commune_eligible)
    assert m[0].tolist() == [0, 0, 0, 0, 50, 100, 200, 300]  # X, 3 months after its eligibility
    assert c[0, -1] == 15 + 10 + 10 + 4  # 50×0.3 + 50×0.2 + 100×0.1 + 100×0.04
    tm, tc = r.marketable_connected(r.eligible)
    assert tm.tolist() == r.marketable.tolist() and tc.tolist() == r.connected.tolist()


def example_as_built(project, rows):
    """The example project with actual figures (long layout rows [code, quarter, eligible]) kept in it."""
    from planner.core.decisions.actuals import parse_actuals
    from planner.core.project.as_built import AsBuilt, snapshot_from_actuals

    act = parse_actuals(["code_insee", "trimestre", "raccordables"], rows, project.communes, source="actuals.csv")
    project.as_built = AsBuilt([snapshot_from_actuals(act, project.communes)])
    return project


def test_worked_example_as_of():
    """docs/simulation.md, 'Worked example, as of 2019-09': X had 120 units in T2 2019 and 300 in T3 2019."""
    project = example_as_built(example_project(), [["32001", "T2 2019", 120], ["32001", "T3 2019", 300]])
    project.scenario.as_of = "2019-09"
    r = simulate(project, assign(project))
    assert r.as_built.as_of == "2019-09" and r.as_built.phase_state == ["under_way", "not_begun"]
    assert r.phase_eligible[0].tolist() == [120, 120, 120, 300, 400, 400, 400, 400]
    assert r.phase_eligible[1].tolist() == [0, 0, 0, 0, 80, 160, 200, 200]
    assert r.eligible.tolist() == [120, 120, 120, 300, 480, 560, 600, 600]
    assert r.commune_eligible.tolist() == [
        [120, 120, 120, 300, 300, 300, 300, 300],
        [0, 0, 0, 0, 100, 100, 100, 100],
        [0, 0, 0, 0, 80, 160, 200, 200],
    ]
    assert r.marketable.tolist() == [0, 0, 0, 120, 120, 120, 300, 480]
    assert r.connected.tolist() == [0, 0, 0, 4, 12, 24, 43, 68]
    assert r.phase_start == ["2019-06", "2019-10"] and r.phase_build_start == ["2019-06", "2019-10"]
    assert r.phase_end == ["2019-10", "2019-12"]
    assert r.milestones == {50: "2019-09", 66: "2019-10", 100: "2019-12"}
    assert r.as_built.milestone_actual == {50: True, 66: False, 100: False}
    from planner.core.simulation.as_built_result import milestone_text

    assert milestone_text(r, 50, "en") == "50 % — Q3 2019, actual" and milestone_text(r, 66) == "66 % — 2019-10"
    assert [r.commune_quarter(i, 100) for i in range(3)] == ["T3 2019", "T4 2019", "T4 2019"]
    header, rows = commune_quarter_table(r, project)
    assert rows == [["32001", "X", 300, 120, 300, 300, 300], ["32002", "Y", 100, 0, 0, 100, 100],
                    ["32003", "Z", 200, 0, 0, 200, 200]]
    data = to_json_dict(r, project)
    assert data["as_of"] == "2019-09" and data["territory"]["actual"] == [120, 120, 120, 300]
    assert data["communes"]["32001"]["built_at_as_of"] == 300 and data["communes"]["32002"]["built_at_as_of"] == 0
    assert data["phases"]["A"]["state"] == "under_way" and data["communes"]["32001"]["status"] == "built"


def test_worked_example_as_of_before_figures_and_dependency_not_met():
    """As of 2019-09 with only 150 units in X: A resumes with 250 to build; B waits for the 50 units A still
    lacks for its 50 % (reached in October), so it starts in November."""
    project = example_as_built(example_project(), [["32001", "T3 2019", 150]])
    r = simulate(project, assign(project))  # as of the latest actual quarter: 2019-09
    assert r.as_built.as_of == "2019-09" and r.as_built.actual == [None, None, None, 150]
    assert r.phase_eligible[0].tolist() == [0, 0, 0, 150, 250, 350, 400, 400]
    assert r.phase_eligible[1].tolist() == [0, 0, 0, 0, 0, 80, 160, 200]
    assert r.phase_start == ["2019-09", "2019-11"] and r.phase_end == ["2019-12", "2020-01"]
