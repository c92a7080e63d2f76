"""The demo plan of the Gers sample: one phase per intercommunality in three waves, reaching 2 in 3 in 2020."""
import numpy as np

from planner.core.phases.assignment import assign
from planner.core.project.demo_plan import WAVES, add_demo_plan
from planner.core.simulation.coverage import simulate
from planner.io.layers.sample import load_sample_project


def test_demo_plan_covers_the_territory_in_waves():
    project = load_sample_project(demo_plan=True)
    epcis = set(project.communes.layer.fields["code_epci"].astype(str))
    assert len(project.phases) == len(epcis)
    assignment = assign(project)
    assert assignment.unplanned_units == 0
    starts = [p.earliest_start for p in project.phases]
    assert starts[0] == WAVES[0][1] and starts[-1] == WAVES[-1][1]
    last_wave = project.phases[WAVES[-1][0]:]
    assert all(d.phase_id == project.phases[0].id for p in last_wave for d in p.depends_on)
    result = simulate(project, assignment)
    # the political target of the motivating case: two premises in three eligible by the end of 2020
    assert result.milestones[66] is not None and result.milestones[66] <= "2020-12"
    assert result.milestones[100] is not None
    # wave 3 starts only after Auch's phase has reached 80 % (and not before its own earliest start)
    auch = result.phase_eligible[0] / assignment.phase_units[0]
    reached_80 = int(np.argmax(auch >= 0.8))
    assert auch[reached_80] >= 0.8
    for i in range(WAVES[-1][0], len(project.phases)):
        start = result.month_index(result.phase_start[i])
        assert start > reached_80 and result.phase_start[i] >= WAVES[-1][1]


def test_plain_sample_has_no_phases():
    assert load_sample_project().phases == []
    assert add_demo_plan(load_sample_project()).name.endswith("demo plan")
