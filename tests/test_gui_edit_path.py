"""The path of one edit (issue 17 §3): session revision → assignment → simulation → views, one way, tagged.

A vertex move asks for one simulation run and one validation check; every result carries the revision it was
computed from; the map colours pair a result only with the assignment it was computed on; the scenario
comparison is simulated off the UI thread.
"""
from __future__ import annotations

import copy
import threading

import numpy as np
import pytest
import shapely
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from planner.core.phases.phase_commands import MoveVertex, SetPhaseAttribute
from planner.core.project.model import Phase
from planner.ui.phases import assignment_cache
from test_gui_phases_tools import _pos, _send

pytestmark = pytest.mark.usefixtures("no_modal_dialogs")


@pytest.fixture
def window(qtbot, sample):
    from planner.ui.shell.main_window import MainWindow

    mw = MainWindow()
    qtbot.addWidget(mw)
    mw.resize(1400, 900)
    mw.show()
    project = copy.copy(sample)
    auch = project.communes.geometries[project.communes.index_of("32013")]
    codes = project.communes.codes
    project.phases = [Phase(id=1, name="Auch", zone=shapely.box(*shapely.bounds(auch))),
                      Phase(id=2, name="North", communes=[str(c) for c in codes[:40]])]
    mw.set_project(project)
    assert mw.coverage_ui.runner.wait(60)
    qtbot.waitUntil(lambda: not mw.phase_ui.validation.busy, timeout=30000)
    mw.canvas.zoom_to(shapely.bounds(auch), margin=0.3)
    QApplication.processEvents()
    yield mw
    mw.document.set_clean()


def _settle(qtbot, mw) -> None:
    assert mw.coverage_ui.runner.wait(60)
    qtbot.waitUntil(lambda: not mw.phase_ui.validation.busy, timeout=30000)


def test_a_vertex_move_runs_the_simulation_once_and_the_checks_once(window, qtbot):
    mw = window
    runner, validation, cache = mw.coverage_ui.runner, mw.phase_ui.validation, mw.phase_ui.cache
    doc = mw.document
    mw.phase_ui.tools.set_snapping(False)
    doc.set_current_phase(1)
    mw.phase_ui.act_edit.trigger()
    corner = np.asarray(doc.project.phases[0].zone.exterior.coords)[0]
    before = (runner.requests, runner.runs, validation.requests, doc.revision)
    start, target = _pos(mw, *corner), (corner[0] - 2500.0, corner[1] - 2500.0)
    _send(mw.canvas, "move", start)
    _send(mw.canvas, "press", start)
    _send(mw.canvas, "move", _pos(mw, *target), Qt.LeftButton)
    _send(mw.canvas, "release", _pos(mw, *target))
    assert doc.undo_text() == "Move vertex of Auch" and doc.revision == before[3] + 1
    _settle(qtbot, mw)
    assert runner.requests == before[0] + 1 and runner.runs == before[1] + 1
    assert validation.requests == before[2] + 1
    # every piece is tagged with the revision it belongs to
    assert cache.revision == runner.revision == runner.result.revision == doc.revision
    assert runner.assignment is cache.assignment and cache.assignment.revision == doc.revision
    # and a parameter edit moves no premise: the same assignment serves the new revision, one run again
    doc.push(SetPhaseAttribute(doc.project, 2, "crews", 5.0))
    _settle(qtbot, mw)
    assert runner.requests == before[0] + 2 and validation.requests == before[2] + 2
    assert runner.result.revision == doc.revision and runner.assignment is cache.assignment
    assert cache.assignment.revision == doc.revision - 1


def test_map_colours_never_pair_a_result_with_another_revisions_assignment(window, qtbot, monkeypatch):
    mw = window
    runner, cache, colours = mw.coverage_ui.runner, mw.phase_ui.cache, mw.coverage_ui.map_colours
    doc = mw.document
    mw.coverage_ui.act_coverage_map.setChecked(True)
    assert colours.wait()  # the premises' timeline of the shown result (computed in its own worker)
    shown = runner.result
    monkeypatch.setattr(assignment_cache, "SYNC_LIMIT_MS", -1.0)  # the recompute goes to the worker
    zone = doc.project.phases[0].zone
    x, y = np.asarray(zone.exterior.coords)[0]
    doc.push(MoveVertex(doc.project, 1, 0, 0, 0, x + 4000.0, y + 4000.0))
    assert cache.busy and not cache.is_current()
    doc.set_month(30)  # the slider moves while the new assignment is computed: the old pair is drawn
    assert runner.result is shown and runner.assignment.revision <= shown.revision < doc.revision
    states_old = colours.last_states.copy()
    assert cache.wait(60) and runner.wait(60)
    assert runner.result is not shown and runner.result.revision == doc.revision
    assert runner.assignment.revision == doc.revision
    assert colours.wait()
    colours.apply()
    a = runner.assignment
    planned_now = np.asarray(a.premise_phase) >= 0
    assert np.array_equal(colours.last_states > 0, planned_now)  # unplanned is state 0
    assert not np.array_equal(states_old, colours.last_states)  # the premises the vertex took in changed


def test_scenario_comparison_runs_off_the_ui_thread(window, qtbot, monkeypatch):
    from planner.ui.simulation import scenario_comparison

    threads = []
    original = scenario_comparison.simulate_scenarios

    def recording(project, assignment):
        threads.append(threading.current_thread())
        return original(project, assignment)

    monkeypatch.setattr(scenario_comparison, "simulate_scenarios", recording)
    ui = window.coverage_ui
    ui.open_comparison()
    cmp = ui.scenario_panel.comparison
    assert cmp.wait(60)
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert cmp.revision == window.document.revision and len(cmp.curves) == len(window.document.project.scenarios)
    assert np.allclose(cmp.results[0].coverage_pct, ui.runner.result.coverage_pct)
