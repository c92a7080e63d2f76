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


def test_new_from_an_ipe_file_makes_pm_phases_and_groups_them(tmp_path, shared_data, capsys):
    """An IPE-like file written here (BANO Gers points, standard columns, decimal commas, ReferencePM): one phase
    per PM zone, then suggested groups of them, from the command line."""
    import pyogrio

    from planner.cli import main
    from planner.io.project.project_file import load_project
    from test_ipe_and_guesses import BANO_GPKG, write_ipe

    meta, _, wkb, values = pyogrio.raw.read(BANO_GPKG)
    fields = dict(zip(meta["fields"], values))
    g = shapely.from_wkb(wkb)
    bano = (shapely.get_x(g), shapely.get_y(g), fields["code_insee_2026"].astype(str), fields["nom_comm"].astype(str))
    ipe = tmp_path / "ipe_gers_20240315.csv"
    write_ipe(ipe, bano, n=6000)
    communes = shared_data / "gers" / "communes_gers_2026.gpkg"
    one_each = tmp_path / "pm.gpkg"
    assert main(["new", "--communes", str(communes), "--communes-layer", "communes_l93", "--premises", str(ipe),
                 "--phases-by-premise", "ReferencePM", "-o", str(one_each)]) == 0
    p = load_project(one_each)
    codes = np.asarray(p.premises.layer.fields["ReferencePM"]).astype(str)
    assert sorted(ph.name for ph in p.phases) == sorted(np.unique(codes))
    a = assign(p)
    names = np.array([ph.name for ph in p.phases])
    assert (names[a.premise_phase] == codes).all() and a.unplanned_units == 0
    grouped = tmp_path / "pm6.gpkg"
    assert main(["new", "--communes", str(communes), "--communes-layer", "communes_l93", "--premises", str(ipe),
                 "--phases-by-premise", "ReferencePM", "--suggest-phases", "6", "-o", str(grouped)]) == 0
    q = load_project(grouped)
    assert len(q.phases) == 6 and {ph.premise_field for ph in q.phases} == {"ReferencePM"}
    values = [v for ph in q.phases for v in ph.premise_values]
    assert sorted(values) == sorted(np.unique(codes))  # every PM zone in exactly one suggested phase
    b = assign(q)
    assert b.unplanned_units == 0 and b.phase_units.sum() == p.premises.units.sum()
