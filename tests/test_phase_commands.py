"""Every phase command: do changes the project, undo restores it exactly, redo equals do; labels and validation."""
import numpy as np
import pytest
import shapely
from shapely.geometry import MultiPolygon, Polygon

from planner.core.project.session import Session
from planner.core.errors import ParameterError
from planner.core.project.model import Dependency, Phase, Project
from planner.core.phases.zones import zone_rings
from planner.core.phases.phase_commands import (
    AddCommunesToPhase, AddPhase, DeletePhase, DeleteVertex, ImportPhases, InsertVertex, MacroCommand, MovePhase,
    MoveVertex, RemoveCommunesFromPhase, RenamePhase, SetPhaseAttribute, SetPhaseZone, TranslateZone,
    phases_snapshot,
)

SQUARE_WITH_HOLE = Polygon([(0, 0), (1000, 0), (1000, 1000), (0, 1000)], [[(200, 200), (400, 200), (400, 400)]])
TWO_PARTS = MultiPolygon([SQUARE_WITH_HOLE, Polygon([(2000, 0), (2500, 0), (2500, 500), (2000, 500)])])


@pytest.fixture
def project(gers_communes_model):
    p = Project(communes=gers_communes_model())
    p.phases = [
        Phase(1, "Phase 1", communes=["32013"]),
        Phase(2, "Phase 2", zone=TWO_PARTS, depends_on=[Dependency(1, 50.0)]),
        Phase(3, "Phase 3", zone=SQUARE_WITH_HOLE, communes=["32160", "32107"], depends_on=[Dependency(2)]),
    ]
    return p


def _commands(p):
    """(factory, expected label, expected first_changed_phase): each built against the state it runs on."""
    return [
        (lambda: AddPhase(p), "Add Phase 4", 3),
        (lambda: AddPhase(p, name="North", index=0, communes=["32013"]), "Add North", 0),
        (lambda: DeletePhase(p, 1), "Delete Phase 1", 0),
        (lambda: DeletePhase(p, 2), "Delete Phase 2", 1),
        (lambda: RenamePhase(p, 3, "Lomagne"), "Rename Phase 3", None),
        (lambda: SetPhaseAttribute(p, 2, "color", "#AA0000"), "Change colour of Phase 2", None),
        (lambda: SetPhaseAttribute(p, 2, "crews", 4), "Change crews of Phase 2", None),
        (lambda: SetPhaseAttribute(p, 2, "earliest_start", "2019-3"), "Change earliest start of Phase 2", None),
        (lambda: SetPhaseAttribute(p, 3, "depends_on", [(1, 80)]), "Change dependencies of Phase 3", None),
        (lambda: SetPhaseAttribute(p, 3, "communes", ["32107", "32160"]), "Change communes of Phase 3", 2),
        (lambda: SetPhaseAttribute(p, 1, "use_pool", True), "Change crew pool use of Phase 1", None),
        (lambda: MovePhase(p, 3, 0), "Reorder Phase 3", 0),
        (lambda: MovePhase(p, 1, 1), "Move Phase 1 down", 0),
        (lambda: SetPhaseZone(p, 1, shapely.box(0, 0, 10, 10)), "Draw zone of Phase 1", 0),
        (lambda: SetPhaseZone(p, 2, None, label="Clear zone of Phase 2"), "Clear zone of Phase 2", 1),
        (lambda: MoveVertex(p, 2, 1, 0, 2, 2600, 600), "Move vertex of Phase 2", 1),
        (lambda: MoveVertex(p, 3, 0, 1, 0, 250, 210), "Move vertex of Phase 3", 2),
        (lambda: InsertVertex(p, 3, 0, 0, 1, 500, -50), "Insert vertex in Phase 3", 2),
        (lambda: DeleteVertex(p, 2, 0, 0, 3), "Delete vertex of Phase 2", 1),
        (lambda: TranslateZone(p, 3, 100, -20), "Move zone of Phase 3", 2),
        (lambda: AddCommunesToPhase(p, 2, ["32013"]), "Add Auch to Phase 2", 1),
        (lambda: AddCommunesToPhase(p, 2, ["32013", "32160"], take_from_others=True), "Add 2 communes to Phase 2", 0),
        (lambda: RemoveCommunesFromPhase(p, 3, ["32160"]), "Remove L'Isle-Jourdain from Phase 3", 2),
        (lambda: ImportPhases(p, [Phase(1, "Phase 1", zone=shapely.box(0, 0, 5, 5)), Phase(9, "X")]),
         "Import 2 phases", 3),
        (lambda: ImportPhases(p, [Phase(1, "Only")], replace=True), "Import Only", 0),
        (lambda: MacroCommand("Set crews of 2 phases", [SetPhaseAttribute(p, 1, "crews", 1),
                                                          SetPhaseAttribute(p, 2, "crews", 7)]),
         "Set crews of 2 phases", None),
    ]


@pytest.mark.parametrize("case", range(26))
def test_do_undo_redo_is_exact(project, case):
    make, label, first = _commands(project)[case]
    before = phases_snapshot(project)
    stack = Session(project)
    cmd = make()
    assert cmd.label == label
    assert cmd.first_changed_phase == first
    stack.push(cmd)
    after = phases_snapshot(project)
    assert after != before
    stack.undo()
    assert phases_snapshot(project) == before
    stack.redo()
    assert phases_snapshot(project) == after
    stack.undo()
    assert phases_snapshot(project) == before


def test_case_count_matches():
    assert len(_commands(Project())) == 26


def test_effects(project):
    AddPhase(project).do(project)
    assert project.phases[-1].id == 4 and project.phases[-1].name == "Phase 4"
    DeletePhase(project, 1).do(project)
    assert [d.phase_id for d in project.phase_by_id(2).depends_on] == []
    cmd = MoveVertex(project, 2, 1, 0, 2, 2600, 600)
    cmd.do(project)
    assert zone_rings(project.phase_by_id(2).zone)[1][0][2].tolist() == [2600, 600]
    cmd = InsertVertex(project, 3, 0, 1, 3, 300, 250)
    cmd.do(project)
    assert len(zone_rings(project.phase_by_id(3).zone)[0][1]) == 4
    TranslateZone(project, 3, 10, 20).do(project)
    assert project.phase_by_id(3).zone.bounds == (10, 20, 1010, 1020)
    AddCommunesToPhase(project, 2, ["32160"], take_from_others=True).do(project)
    assert project.phase_by_id(3).communes == ["32107"] and project.phase_by_id(2).communes == ["32160"]


def test_validation_names_phase_and_field(project):
    cases = [
        (lambda: SetPhaseAttribute(project, 2, "crews", -1), "crews"),
        (lambda: SetPhaseAttribute(project, 2, "units_per_crew_month", 0), "units_per_crew_month"),
        (lambda: SetPhaseAttribute(project, 2, "color", "red"), "color"),
        (lambda: SetPhaseAttribute(project, 2, "earliest_start", "2019-13"), "earliest_start"),
        (lambda: SetPhaseAttribute(project, 2, "study_months", 1.5), "study_months"),
        (lambda: SetPhaseAttribute(project, 2, "order", "random"), "order"),
        (lambda: SetPhaseAttribute(project, 1, "depends_on", [3]), "depends_on"),  # 3 -> 2 -> 1: a cycle
        (lambda: SetPhaseAttribute(project, 1, "depends_on", [1]), "depends_on"),
        (lambda: SetPhaseAttribute(project, 1, "depends_on", [42]), "depends_on"),
        (lambda: SetPhaseAttribute(project, 1, "nonsense", 1), "nonsense"),
        (lambda: RenamePhase(project, 1, "Phase 2"), "name"),
        (lambda: AddCommunesToPhase(project, 1, ["99999"]), "communes"),
        (lambda: DeleteVertex(project, 3, 0, 1, 0), "zone"),  # the hole has only 3 vertices
        (lambda: MoveVertex(project, 3, 0, 0, 9, 0, 0), "zone"),
        (lambda: MoveVertex(project, 1, 0, 0, 0, 0, 0), "zone"),  # phase 1 has no drawn zone
    ]
    for make, field in cases:
        with pytest.raises(ParameterError) as info:
            make()
        assert info.value.field == field
        assert info.value.phase is not None and f"field '{field}'" in str(info.value)


def test_set_zone_normalises_invalid_bowtie(project):
    bowtie = Polygon([(0, 0), (10, 10), (10, 0), (0, 10)])
    SetPhaseZone(project, 1, bowtie).do(project)
    z = project.phase_by_id(1).zone
    assert z.is_valid and z.area == pytest.approx(50.0)
    assert np.isclose(shapely.area(z), 50.0)
