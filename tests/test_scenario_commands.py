"""Scenario commands: each one done, undone and redone leaves the project exactly as expected."""
import copy

import pytest

from planner.core.project.session import Session
from planner.core.errors import ParameterError
from planner.core.project.model import Phase, Project, Scenario
from planner.core.simulation.scenario_commands import (AddScenario, DeleteScenario, DuplicateScenario, RenameScenario,
                                            SetActiveScenario, SetScenarioParam)


def _project() -> Project:
    p = Project(phases=[Phase(id=1, name="P1", crews=2), Phase(id=2, name="P2", crews=3)])
    p.scenarios = [Scenario(name="Base"), Scenario(name="Fast", start="2019-01")]
    return p


def _state(p: Project):
    return copy.deepcopy((p.scenarios, p.active_scenario))


def _round_trip(p: Project, cmd):
    stack = Session(p)
    before = _state(p)
    stack.push(cmd)
    after = _state(p)
    assert after != before
    stack.undo()
    assert _state(p) == before
    stack.redo()
    assert _state(p) == after
    return after


def test_add_scenario_activates_and_undoes():
    p = _project()
    scenarios, active = _round_trip(p, AddScenario(Scenario(name="Base")))
    assert [s.name for s in scenarios] == ["Base", "Fast", "Base (2)"]
    assert active == 2


def test_duplicate_is_a_deep_copy():
    p = _project()
    p.scenarios[0].phase_overrides = {1: {"crews": 5}}
    _round_trip(p, DuplicateScenario(p, 0))
    dup = p.scenarios[2]
    assert dup.name == "Base (copy)" and p.active_scenario == 2
    dup.phase_overrides[1]["crews"] = 9
    assert p.scenarios[0].phase_overrides[1]["crews"] == 5


def test_rename_refuses_duplicates_and_empty():
    p = _project()
    scenarios, _ = _round_trip(p, RenameScenario(p, 1, "  Late  "))
    assert scenarios[1].name == "Late"
    with pytest.raises(ParameterError, match="already"):
        RenameScenario(p, 1, "Base")
    with pytest.raises(ParameterError, match="name"):
        RenameScenario(p, 1, "")


def test_set_scenario_param_plain_nested_and_phase_override():
    p = _project()
    scenarios, _ = _round_trip(p, SetScenarioParam(p, 0, "start", "2020-06"))
    assert scenarios[0].start == "2020-06"
    scenarios, _ = _round_trip(p, SetScenarioParam(p, 0, "take_up.max_share", 0.5))
    assert scenarios[0].take_up.max_share == 0.5
    scenarios, _ = _round_trip(p, SetScenarioParam(p, 1, "crews", 6, phase_id=2))
    assert scenarios[1].phase_overrides == {2: {"crews": 6}}
    assert p.scenarios[1].phase_value(p.phase_by_id(2), "crews") == 6
    # clearing the override gives the phase's own value back
    scenarios, _ = _round_trip(p, SetScenarioParam(p, 1, "crews", None, phase_id=2))
    assert scenarios[1].phase_overrides == {}
    with pytest.raises(ParameterError, match="bogus"):
        SetScenarioParam(p, 0, "bogus", 1)
    with pytest.raises(ParameterError, match="P1"):
        SetScenarioParam(p, 0, "bogus", 1, phase_id=1)


def test_consecutive_param_edits_merge_into_one_undo_step():
    p = _project()
    stack = Session(p)
    stack.push(SetScenarioParam(p, 0, "marketing_delay_months", 4))
    stack.push(SetScenarioParam(p, 0, "marketing_delay_months", 5))
    assert p.scenarios[0].marketing_delay_months == 5
    stack.undo()
    assert p.scenarios[0].marketing_delay_months == 3
    assert not stack.can_undo()


def test_set_active_scenario():
    p = _project()
    _, active = _round_trip(p, SetActiveScenario(p, 1))
    assert active == 1


@pytest.mark.parametrize("active,delete,expected_active", [(0, 0, 0), (1, 0, 0), (0, 1, 0), (1, 1, 0)])
def test_delete_scenario_keeps_a_valid_active_index(active, delete, expected_active):
    p = _project()
    p.active_scenario = active
    deleted = p.scenarios[delete].name
    scenarios, new_active = _round_trip(p, DeleteScenario(p, delete))
    assert deleted not in [s.name for s in scenarios]
    assert new_active == expected_active
    assert p.scenario is p.scenarios[new_active]


def test_last_scenario_cannot_be_deleted():
    p = Project()
    with pytest.raises(ParameterError, match="last"):
        DeleteScenario(p, 0)
    with pytest.raises(ParameterError):
        SetActiveScenario(p, 3)
