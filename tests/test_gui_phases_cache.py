"""AssignmentCache: incremental results equal a from-scratch assignment, in the UI thread and in the worker path."""
import numpy as np
import pytest
import shapely
from shapely.geometry import box

from planner.core.phases import phase_commands as pc
from planner.core.phases.assignment import assign
from planner.ui.phases import assignment_cache as cache_module
from planner.ui.phases.assignment_cache import assignment_cache_for
from planner.ui.common.document import ProjectDocument

from gui_helpers import gers_bano_project


@pytest.fixture
def make_doc():
    """Documents made by a test."""
    return ProjectDocument


def _same(cache, project):
    expected = assign(project)
    a = cache.assignment
    assert cache.phase_ids == [p.id for p in project.phases]
    assert np.array_equal(a.premise_phase, expected.premise_phase)
    assert np.array_equal(a.phase_units, expected.phase_units)
    assert a.unplanned_units == expected.unplanned_units


def _edits(doc):
    """A burst of edits of every kind: add, zone, communes, reorder, delete, undo."""
    project = doc.project
    auch = project.communes.geometries[project.communes.index_of("32013")].centroid
    codes = [str(c) for c in project.communes.codes[:60]]
    doc.push(pc.AddPhase(project, communes=codes[:40]))
    doc.push(pc.AddPhase(project, zone=box(auch.x - 3000, auch.y - 3000, auch.x + 3000, auch.y + 3000)))
    doc.push(pc.AddPhase(project, communes=codes[20:60]))
    doc.push(pc.MovePhase(project, project.phases[2].id, 0))
    doc.push(pc.SetPhaseZone(project, project.phases[1].id, shapely.buffer(auch, 5000.0)))
    doc.push(pc.DeletePhase(project, project.phases[0].id))
    doc.undo()
    doc.push(pc.AddCommunesToPhase(project, project.phases[2].id, ["32013"]))


def test_synchronous_incremental_updates_equal_scratch(qtbot, make_doc, shared_data):
    doc = make_doc(gers_bano_project())
    cache = assignment_cache_for(doc)
    assert cache.wait()
    seen = []
    cache.updated.connect(lambda a: seen.append(a))
    _edits(doc)
    assert cache.wait()
    assert len(seen) >= 8  # each edit published a result (fast edits run at once on the UI thread)
    _same(cache, doc.project)


def test_worker_path_folds_edits_and_ends_equal(qtbot, make_doc, shared_data, monkeypatch):
    monkeypatch.setattr(cache_module, "SYNC_LIMIT_MS", -1.0)  # force every recompute into the worker
    doc = make_doc(gers_bano_project())
    cache = assignment_cache_for(doc)
    assert cache.wait()
    seen = []
    cache.updated.connect(lambda a: seen.append(a))
    _edits(doc)  # the UI thread is not blocked: the edits arrive while workers run
    assert cache.busy
    assert cache.wait()
    assert 1 <= len(seen) < 8  # edits made while a worker ran were folded into one follow-up
    _same(cache, doc.project)


def test_project_replaced_drops_stale_results(qtbot, make_doc, shared_data, monkeypatch):
    monkeypatch.setattr(cache_module, "SYNC_LIMIT_MS", -1.0)
    doc = make_doc(gers_bano_project())
    cache = assignment_cache_for(doc)
    assert cache.wait()
    doc.push(pc.AddPhase(doc.project, communes=[str(c) for c in doc.project.communes.codes[:100]]))
    other = gers_bano_project()
    other.premises = None  # commune-level project: units from the commune field
    other.phases = []
    doc.set_project(other)
    assert cache.wait()
    assert cache.assignment.commune_level
    assert cache.phase_ids == []
    assert cache.assignment.total_units == int(other.communes.units.sum())


def test_restyle_keeps_the_assignment_and_premise_phase_ids(qtbot, make_doc, shared_data):
    from planner.core.project.layer_commands import SetLayerStyle

    doc = make_doc(gers_bano_project())
    cache = assignment_cache_for(doc)
    assert cache.wait()
    doc.push(pc.AddPhase(doc.project, communes=["32013"]))
    assert cache.wait()
    before = cache.assignment
    seen = []
    cache.updated.connect(lambda a: seen.append(a))
    doc.push(SetLayerStyle(doc.project.communes.layer, opacity=0.5))
    doc.push(pc.SetPhaseAttribute(doc.project, doc.project.phases[0].id, "crews", 5))
    assert cache.wait()
    assert seen == [] and cache.assignment is before
    ids = cache.premise_phase_ids()
    auch = doc.project.communes.index_of("32013")
    in_auch = before.premise_commune == auch
    assert in_auch.any()
    assert np.all(ids[in_auch] == doc.project.phases[0].id) and np.all(ids[~in_auch] == -1)
