"""Phases below the commune: one phase per PM zone code of the premises (IPE's ReferencePM), their outline, and
suggestions that group PM zones instead of communes."""
import numpy as np
import pytest
import shapely

from planner.core.phases.adjacency import adjacency, components, is_connected
from planner.core.phases.assignment import assign
from planner.core.phases.outline import phase_outline, phase_outlines
from planner.core.phases.suggest_groups import GROUP_TOLERANCE_M
from planner.core.phases.phase_builders import phases_per_premise_field
from planner.core.phases.suggest import SuggestOptions, suggest_phases
from planner.core.project.model import Project


@pytest.fixture(scope="module")
def pm_project():
    """The Gers sample's premises with an IPE-like ReferencePM: one PM zone per 4 km grid cell, codes with zeros."""
    from planner.io.layers.sample import load_sample_project

    p = load_sample_project()
    x, y = p.premises.x, p.premises.y
    cell = (np.floor(x / 4000).astype(int) * 1000 + np.floor(y / 4000).astype(int) % 1000)
    _, code = np.unique(cell, return_inverse=True)
    p.premises.layer.fields["ReferencePM"] = np.array([f"FI-32-PM{c:05d}" for c in code], dtype=object)
    return Project(name="PM", communes=p.communes, premises=p.premises)


def test_one_phase_per_pm_code_takes_exactly_its_premises(pm_project):
    p = pm_project.snapshot()
    cmd = phases_per_premise_field(p, "ReferencePM")
    cmd.do(p)
    codes = np.asarray(p.premises.layer.fields["ReferencePM"]).astype(str)
    assert len(p.phases) == len(np.unique(codes)) and p.phases[0].name.startswith("FI-32-PM0")
    a = assign(p)
    assert a.unplanned_units == 0
    names = np.array([ph.name for ph in p.phases])
    assert (names[a.premise_phase] == codes).all()  # every premise in the phase of its own PM code
    units = p.premises.units
    biggest = p.phases[0]
    assert a.phase_units[0] == units[codes == biggest.name].sum() == a.phase_units.max()
    outline = phase_outline(p, biggest)
    m = codes == biggest.name
    assert outline.geom_type in ("Polygon", "MultiPolygon")
    assert shapely.covers(outline.buffer(1e-6), shapely.points(p.premises.x[m], p.premises.y[m])).all()
    cmd.undo(p)
    assert p.phases == []


def test_suggest_groups_pm_zones_into_contiguous_phases(pm_project):
    p = pm_project.snapshot()
    phases_per_premise_field(p, "ReferencePM").do(p)
    a = assign(p)
    plan = suggest_phases(p, SuggestOptions(n_phases=6, group="phases", seed=2), assignment=a)
    assert len(plan.phases) == 6
    values = [v for ph in plan.phases for v in ph.premise_values]
    assert sorted(values) == sorted(ph.premise_values[0] for ph in p.phases)  # each PM zone in exactly one phase
    assert all(ph.premise_field == "ReferencePM" for ph in plan.phases)
    grouped = Project(name="g", communes=p.communes, premises=p.premises, phases=plan.phases)
    b = assign(grouped)
    assert b.unplanned_units == 0 and list(b.phase_units) == plan.units
    outlines = phase_outlines(p)
    assert all(o.equals(phase_outline(p, ph)) for o, ph in list(zip(outlines, p.phases))[:20])
    graph = adjacency(outlines, GROUP_TOLERANCE_M)
    island = np.bincount(components(graph))[components(graph)] < 5  # zones with (almost) no neighbour
    index = {ph.premise_values[0]: i for i, ph in enumerate(p.phases)}
    for ph in plan.phases:
        members = [index[v] for v in ph.premise_values if not island[index[v]]]
        assert is_connected(graph, members), ph.name
    assert any("touch no other" in w for w in plan.warnings) == bool(island.any())
