"""Calibration recovers the pace and start that produced (noisy) actuals from the simulation itself."""
import numpy as np
import pytest

from planner.core.decisions.actuals import parse_actuals
from planner.core.decisions.calibration import calibrate
from planner.core.months import parse_month, quarter_label
from planner.core.simulation.whatif import shifted_start, with_phase_value
from planner.core.simulation.coverage import simulate
from sim_fixtures import gers_assignment, gers_project


@pytest.fixture(scope="module")
def gers():
    project = gers_project()
    return project, gers_assignment(project)


def _noisy_actuals(project, a, scenario, first: str, quarters: int, noise: float, seed: int):
    r = simulate(project, a, scenario)
    rng = np.random.default_rng(seed)
    rows = []
    for k in range(quarters):
        q = parse_month(first) + 3 * k
        v = r.commune_eligible[:, r.month_index(f"{q // 12}-{q % 12 + 1:02d}")]
        v = np.rint(v * (1 + rng.normal(0, noise, len(v))))
        rows += [[c, quarter_label(q), int(x)] for c, x in zip(project.communes.codes, v)]
    return parse_actuals(["code_insee", "quarter", "eligible"], rows, project.communes)


def test_recovers_productivity(gers):
    project, a = gers
    truth = with_phase_value(project.scenario, project, "units_per_crew_month", 110.0)
    act = _noisy_actuals(project, a, truth, "2018-06", 8, 0.03, seed=11)
    c = calibrate(project, act, a)
    assert c.start_shift == 0
    assert all(abs(v - 110) / 110 < 0.03 for v in c.units_per_crew_month.values())
    assert len(c.labels) == 8 and np.allclose(c.error, c.fitted - c.actual)
    assert c.rmse < 0.02 * c.actual[-1]
    # the projection is a new scenario whose run follows the fitted curve
    t = c.result.month_index("2020-03")
    assert abs(c.result.eligible[t] - c.fitted[-1]) < 0.01 * c.fitted[-1] + 200
    assert c.scenario.name.endswith("calibrated") and c.scenario is not project.scenario


def test_recovers_productivity_and_start(gers):
    project, a = gers
    truth = shifted_start(with_phase_value(project.scenario, project, "units_per_crew_month", 180.0),
                          project, "2018-05")
    act = _noisy_actuals(project, a, truth, "2018-09", 7, 0.02, seed=3)
    c = calibrate(project, act, a, fit_start=True, start_span=12)
    assert c.start == "2018-05" and c.start_shift == 4
    assert all(abs(v - 180) / 180 < 0.03 for v in c.units_per_crew_month.values())
    assert c.result.phase_start[0] == "2018-05"
