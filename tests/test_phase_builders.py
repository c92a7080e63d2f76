"""Phase builders on the real Gers communes: from a selection, one phase per EPCI, import of a PHASE layer."""
import numpy as np
import pytest
import shapely

from planner.core.phases.assignment import assign
from planner.core.project.session import Session
from planner.core.errors import InputError, ParameterError
from planner.core.project.model import Layer, Phase, Project
from planner.core.phases.phase_builders import (import_phase_zones, import_phase_zones_command, phase_from_selection,
                                         phases_per_field)
from planner.core.phases.phase_commands import phases_snapshot


@pytest.fixture
def project(gers_communes_model):
    return Project(communes=gers_communes_model())


def test_phase_from_selection(project):
    stack = Session(project)
    auch = project.communes.index_of("32013")
    stack.push(phase_from_selection(project, [auch]))
    assert project.phases[0].name == "Auch" and project.phases[0].communes == ["32013"]
    rows = [auch, project.communes.index_of("32107")]
    cmd = phase_from_selection(project, rows, take_from_others=True)
    stack.push(cmd)
    assert stack.undo_label() == "Add Phase 2"
    assert project.phases[0].communes == [] and project.phases[1].communes == ["32013", "32107"]
    stack.undo()
    assert project.phases[0].communes == ["32013"] and len(project.phases) == 1
    with pytest.raises(ParameterError):
        phase_from_selection(project, [])


def test_one_phase_per_epci_by_units(project):
    before = phases_snapshot(project)
    stack = Session(project)
    stack.push(phases_per_field(project, "code_epci"))
    f = project.communes.layer.fields
    epci = f["code_epci"].astype(str)
    assert len(project.phases) == len(np.unique(epci)) == 17
    units = project.communes.units
    totals = [units[np.isin(project.communes.codes, p.communes)].sum() for p in project.phases]
    assert totals == sorted(totals, reverse=True)
    # names from nom_epci; every commune in exactly one phase
    first = project.phases[0]
    row = project.communes.index_of(first.communes[0])
    assert first.name == str(f["nom_epci"][row])
    all_codes = sum((p.communes for p in project.phases), [])
    assert sorted(all_codes) == sorted(project.communes.codes.tolist())
    a = assign(project)  # commune-level: everything is planned
    assert a.unplanned_units == 0 and a.phase_units.tolist() == totals
    stack.undo()
    assert phases_snapshot(project) == before
    with pytest.raises(ParameterError) as info:
        phases_per_field(project, "no_such_field")
    assert info.value.field == "no_such_field"


def test_one_phase_per_value_sorted_by_value(project):
    cmd = phases_per_field(project, "code_epci", order="value")
    cmd.do(project)
    firsts = [project.communes.layer.fields["code_epci"].astype(str)[project.communes.index_of(p.communes[0])]
              for p in project.phases]
    assert firsts == sorted(firsts)


def _phase_layer(project):
    """A real-looking roll-out phases layer: one polygon per commune, PHASE = 1..12 as text by EPCI rank."""
    epci = project.communes.layer.fields["code_epci"].astype(str)
    ranks = {v: i % 12 + 1 for i, v in enumerate(sorted(set(epci)))}
    phase = np.array([str(ranks[v]) for v in epci], dtype=object)
    phase[:3] = None  # a few features without a phase
    return Layer("rollout", "polygon", fields={"PHASE": phase}, geometries=project.communes.geometries.copy(),
                 source="rollout_phases.gpkg")


def test_import_phase_zones_numeric_order_and_dissolve(project, bano_premises_model):
    layer = _phase_layer(project)
    phases = import_phase_zones(layer, "PHASE")
    # a text field keeps its text as names, plain integers in their numeric order (1, 2, ..., 10, not 1, 10, 2)
    assert [p.name for p in phases] == [str(i) for i in range(1, 13)]
    phase = layer.fields["PHASE"]
    for p in (phases[0], phases[9]):
        value = p.name.split()[-1]
        parts = layer.geometries[phase == value]
        assert p.zone.area == pytest.approx(shapely.area(parts).sum(), rel=1e-4)  # dissolved, no double area
        assert p.zone.is_valid
    # the imported zones give the same premise counts as commune-based phases (borders aside)
    project.premises = bano_premises_model()
    import_phase_zones_command(project, layer, "PHASE").do(project)
    zone_counts = assign(project).phase_units
    project.phases = [Phase(p.id, p.name, communes=project.communes.codes[
        np.flatnonzero(phase == p.name.split()[-1])].tolist()) for p in project.phases]
    commune_counts = assign(project).phase_units
    assert np.abs(zone_counts - commune_counts).sum() <= 0.001 * commune_counts.sum()
    assert zone_counts.sum() > 30000


def test_import_phase_zones_errors(project):
    layer = _phase_layer(project)
    with pytest.raises(InputError) as info:
        import_phase_zones(layer, "phase_number")
    assert "rollout_phases.gpkg" in str(info.value) and "PHASE" in str(info.value)
    points = Layer("pts", "point", x=np.zeros(2), y=np.zeros(2), fields={"PHASE": np.array([1, 2])})
    with pytest.raises(InputError):
        import_phase_zones(points, "PHASE")
    named = Layer("named", "polygon", fields={"lot": np.array(["Nord", "Sud", "Nord"], dtype=object)},
                  geometries=np.array([shapely.box(0, 0, 1, 1), shapely.box(5, 5, 6, 6), shapely.box(1, 0, 2, 1)]))
    phases = import_phase_zones(named, "lot")
    assert [p.name for p in phases] == ["Nord", "Sud"]
    assert phases[0].zone.equals(shapely.box(0, 0, 2, 1))
