"""One rule for names that must not repeat (planner/core/project/names.py), used by phases, scenarios, layers."""
from planner.core.project.model import Layer, Phase, Project, Scenario
from planner.core.project.names import unique_name, unique_names


def test_unique_name_and_names():
    assert unique_name("Base", ["Other"]) == "Base"
    assert unique_name("Base", ["Base", "Base (2)", "Base (4)"]) == "Base (3)"
    assert unique_name("Phase", ["Phase 3", "Phase 4"], numbered=True, first=3) == "Phase 5"
    assert unique_names(["code", "nom", "code", "code"]) == ["code", "nom", "code_2", "code_3"]


def test_phases_scenarios_and_layers_take_the_same_rule():
    from planner.core.phases.phase_commands import AddPhase
    from planner.core.project.layer_commands import unique_layer_name
    from planner.core.simulation.scenario_commands import AddScenario

    p = Project(phases=[Phase(id=1, name="Phase 2")], scenarios=[Scenario(name="Base")])
    AddPhase(p).do(p)
    assert [ph.name for ph in p.phases] == ["Phase 2", "Phase 3"]  # 'Phase 2' is taken: the next free number
    AddScenario(Scenario(name="Base")).do(p)
    assert [s.name for s in p.scenarios] == ["Base", "Base (2)"]
    p.extra_layers = [Layer("Routes", "line"), Layer("Routes (2)", "line")]
    assert unique_layer_name(p, "Routes") == "Routes (3)"
