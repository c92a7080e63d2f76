"""Validation of a phase plan on the real Gers communes and BANO premises: overlaps, empty phases, cycles."""
import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon

from planner.core.phases.assignment import assign
from planner.core.project.model import Dependency, Phase, Project
from planner.core.phases.validation import (CYCLE, EMPTY, INVALID_ZONE, OVERLAP, PART_TAKEN, UNKNOWN_COMMUNE,
                                           UNKNOWN_DEPENDENCY, validate)

AUCH = "32013"


@pytest.fixture
def project(gers_communes_model, bano_premises_model):
    return Project(communes=gers_communes_model(), premises=bano_premises_model())


def _auch(project):
    return project.communes.geometries[project.communes.index_of(AUCH)]


def test_overlap_between_commune_phase_and_drawn_zone(project):
    auch = _auch(project)
    xmin, ymin, xmax, ymax = auch.bounds
    east = shapely.box((xmin + xmax) / 2, ymin, xmax + 3000, ymax)
    project.phases = [Phase(1, "Auch", communes=[AUCH]), Phase(2, "East", zone=east)]
    a = assign(project)
    issues = [i for i in validate(project, a) if i.kind == OVERLAP]
    assert len(issues) == 1
    ov = issues[0]
    assert ov.phase_ids == [1, 2]
    assert ov.area == pytest.approx(shapely.intersection(auch, east).area)
    # the units in the overlap are the Auch premises inside the box: brute force on the real points
    x, y = project.premises.x, project.premises.y
    in_auch = a.premise_commune == project.communes.index_of(AUCH)
    expected = int((in_auch & shapely.intersects_xy(east, x, y)).sum())
    assert ov.units == expected > 1000
    assert "Auch and East overlap" in ov.message
    bx0, by0, bx1, by1 = ov.bounds
    assert bx0 == pytest.approx((xmin + xmax) / 2) and bx1 <= xmax + 1e-6


def test_neighbouring_commune_phases_do_not_overlap(project):
    codes = project.communes.codes
    auch = _auch(project)
    neighbours = codes[shapely.intersects(project.communes.geometries, auch)]
    others = [c for c in neighbours.tolist() if c != AUCH]
    assert len(others) >= 3
    project.phases = [Phase(1, "Auch", communes=[AUCH]), Phase(2, "Around", communes=others)]
    assert [i for i in validate(project) if i.kind == OVERLAP] == []


def test_empty_phases_and_reasons(project):
    auch = _auch(project)
    far = shapely.box(0, 0, 1000, 1000)  # far outside the Gers
    project.phases = [Phase(1, "Auch", communes=[AUCH]), Phase(2, "Inside Auch", zone=auch.buffer(-500)),
                      Phase(3, "Nothing"), Phase(4, "Far", zone=far)]
    issues = {i.phase_ids[0]: i for i in validate(project) if i.kind == EMPTY}
    assert sorted(issues) == [2, 3, 4]
    assert "earlier phases (Auch)" in issues[2].message and issues[2].holder_ids == [1]
    x, y = project.premises.x, project.premises.y
    inside = shapely.intersects_xy(auch.buffer(-500), x, y)
    assert issues[2].units == int(project.premises.units[inside].sum()) > 1000  # what Auch took from it
    assert issues[3].holder_ids == [] and issues[4].holder_ids == [] and issues[4].units == 0
    assert "no zone and no communes" in issues[3].message and issues[3].bounds is None
    assert "contains no units" in issues[4].message and issues[4].bounds == (0, 0, 1000, 1000)


def test_a_drawn_part_that_takes_nothing_names_the_phases_holding_its_premises(project):
    auch = _auch(project)
    codes = project.communes.codes
    others = [c for c in codes[shapely.touches(project.communes.geometries, auch)].tolist()][:2]
    own = project.communes.geometries[project.communes.index_of("32107")].buffer(-100)  # Condom: its own part
    over_auch = auch.buffer(-800)  # drawn over Auch while "East" was selected
    project.phases = [Phase(1, "Auch", communes=[AUCH]), Phase(2, "Around", communes=others),
                      Phase(3, "North", zone=shapely.MultiPolygon([own, over_auch]))]
    a = assign(project)
    assert a.phase_units[2] > 0  # the phase has units, from its own part
    taken = [i for i in validate(project, a) if i.kind == PART_TAKEN]
    assert len(taken) == 1
    issue = taken[0]
    assert issue.phase_ids == [3] and issue.holder_ids == [1] and issue.part == 2
    x, y = project.premises.x, project.premises.y
    assert issue.units == int(project.premises.units[shapely.intersects_xy(over_auch, x, y)].sum()) > 100
    assert issue.bounds == pytest.approx(over_auch.bounds)
    assert a.phase_units[2] == int(project.premises.units[shapely.intersects_xy(own, x, y)].sum())
    assert "Part 2 of North's zone takes no units" in issue.message and "(Auch)" in issue.message
    assert not [i for i in validate(project, a) if i.kind == EMPTY]
    # the same part drawn first in the order takes its premises: nothing to flag
    project.phases = [project.phases[2], project.phases[0], project.phases[1]]
    assert not [i for i in validate(project) if i.kind == PART_TAKEN]


def test_dependency_cycle_and_unknown(project):
    project.phases = [Phase(1, "A", depends_on=[Dependency(3)]), Phase(2, "B", depends_on=[Dependency(1)]),
                      Phase(3, "C", depends_on=[Dependency(2)]), Phase(4, "D", depends_on=[Dependency(99)])]
    issues = validate(project)
    cycles = [i for i in issues if i.kind == CYCLE]
    assert len(cycles) == 1 and sorted(cycles[0].phase_ids) == [1, 2, 3]
    assert cycles[0].severity == "error"
    unknown = [i for i in issues if i.kind == UNKNOWN_DEPENDENCY]
    assert len(unknown) == 1 and unknown[0].phase_ids == [4] and "99" in unknown[0].message
    assert issues[0].severity == "error"  # errors come first


def test_invalid_zone_and_unknown_code(project):
    bowtie = Polygon([(500000, 6280000), (501000, 6281000), (501000, 6280000), (500000, 6281000)])
    project.phases = [Phase(1, "Bow", zone=bowtie, communes=["99999"])]
    kinds = {i.kind for i in validate(project)}
    assert INVALID_ZONE in kinds and UNKNOWN_COMMUNE in kinds


def test_commune_level_overlap_units(project):
    project.premises = None
    auch = _auch(project)
    big = auch.buffer(8000)
    project.phases = [Phase(1, "Big", zone=big), Phase(2, "Auch", communes=[AUCH])]
    ov = [i for i in validate(project) if i.kind == OVERLAP]
    assert len(ov) == 1
    assert ov[0].units == project.communes.units[project.communes.index_of(AUCH)]
    assert ov[0].area == pytest.approx(auch.area, rel=1e-6)
    assert np.isfinite(ov[0].bounds).all()


def test_phase_areas_are_remembered_until_their_phase_changes(project):
    from planner.core.phases.phase_area import phase_area_geometry

    codes = [str(c) for c in project.communes.codes[:6]]
    first, second = Phase(id=1, name="A", communes=codes[:3]), Phase(id=2, name="B", communes=codes[3:])
    project.phases = [first, second]
    area = phase_area_geometry(project, first)
    rows = [project.communes.index_of(c) for c in first.communes]
    assert shapely.equals(area, shapely.union_all(project.communes.geometries[rows]))
    assert phase_area_geometry(project, first) is area  # the next check reuses the union
    other = phase_area_geometry(project, second)
    first.communes = first.communes + second.communes[:1]
    grown = phase_area_geometry(project, first)
    assert grown is not area and shapely.area(grown) > shapely.area(area)
    assert phase_area_geometry(project, second) is other  # an edit of one phase recomputes that phase only
