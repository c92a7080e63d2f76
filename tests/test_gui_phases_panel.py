"""Phase panel on real Gers data: add/rename/edit/reorder/delete phases through the widgets, undo, live counts."""
import numpy as np
import pytest

from planner.core.phases import phase_commands as pc
from planner.core.phases.assignment import assign
from planner.ui.phases import phase_panel as phase_panel_module
from planner.ui.common.document import ProjectDocument
from planner.ui.phases.phase_panel import PhasePanel
from planner.ui.phases.phase_table_model import COL_COMMUNES, COL_CREWS, COL_NAME, COL_SHARE, COL_START, COL_UNITS

from gui_helpers import gers_bano_project


@pytest.fixture
def panel(qtbot, shared_data):
    doc = ProjectDocument(gers_bano_project())
    w = PhasePanel(doc)
    qtbot.addWidget(w)
    w.resize(900, 300)
    w.show()
    assert w.cache.wait()
    return w


def _text(panel, row, col):
    return panel.model.index(row, col).data()


def _auch_communes(project, n=25):
    """The INSEE codes of the n communes nearest to Auch (32013), Auch included."""
    c = project.communes
    centre = c.geometries[c.index_of("32013")].centroid
    import shapely
    d = shapely.distance(c.geometries, centre)
    return [str(x) for x in c.codes[np.argsort(d)[:n]]]


def test_add_phase_row_appears_with_units(panel, qtbot):
    doc = panel.document
    qtbot.mouseClick(panel.add_button, phase_panel_module.Qt.LeftButton)
    assert panel.model.rowCount() == 1
    phase = doc.project.phases[0]
    assert doc.current_phase_id == phase.id
    assert panel.table.currentIndex().row() == 0
    codes = _auch_communes(doc.project)
    doc.push(pc.AddCommunesToPhase(doc.project, phase.id, codes))
    assert panel.cache.wait()
    expected = assign(doc.project)
    units = int(expected.phase_units[0])
    assert units > 1000  # Auch and its neighbours hold thousands of BANO addresses
    assert _text(panel, 0, COL_UNITS).replace("\u202f", "") == str(units)
    assert int(_text(panel, 0, COL_COMMUNES)) == int(expected.phase_commune_count[0])
    share = 100.0 * units / expected.total_units
    assert _text(panel, 0, COL_SHARE) == f"{share:.1f} %"
    assert doc.is_modified()


def test_edit_cells_in_place_undo_and_refusal(panel, qtbot):
    doc = panel.document
    panel.add_phase()
    panel.add_phase()
    model = panel.model
    assert model.setData(model.index(0, COL_NAME), "Auch centre")
    assert doc.project.phases[0].name == "Auch centre"
    assert model.setData(model.index(0, COL_START), "2019-3")
    assert doc.project.phases[0].earliest_start == "2019-03"
    assert model.setData(model.index(1, COL_CREWS), "3,5")
    assert doc.project.phases[1].crews == 3.5
    assert doc.undo_text() == "Change crews of Phase 2"
    # a duplicate name is refused with a message naming the phase and the field
    with qtbot.waitSignal(model.editRejected) as blocker:
        assert not model.setData(model.index(1, COL_NAME), "Auch centre")
    assert "Phase 2" in blocker.args[0] and "Name" in blocker.args[0]
    assert panel.status.isVisible()
    assert not model.setData(model.index(1, COL_START), "2019-13")
    assert doc.project.phases[1].earliest_start is None
    doc.undo()
    assert doc.project.phases[1].crews == 2.0
    assert _text(panel, 1, COL_CREWS) == "2"
    doc.undo()
    doc.undo()
    assert doc.project.phases[0].name == "Phase 1"
    assert _text(panel, 0, COL_NAME) == "Phase 1"


def test_reorder_changes_assignment(panel, qtbot):
    doc = panel.document
    project = doc.project
    codes = _auch_communes(project, 30)
    a = panel.add_phase()
    doc.push(pc.AddCommunesToPhase(project, a.id, codes[:20]))
    b = panel.add_phase()
    doc.push(pc.AddCommunesToPhase(project, b.id, codes[10:30]))  # overlaps a on 10 communes
    assert panel.cache.wait()
    before = panel.cache.units_by_phase_id()
    assert before[a.id] > 0 and before[b.id] > 0
    doc.set_current_phase(b.id)
    assert panel.up_button.isEnabled()
    qtbot.mouseClick(panel.up_button, phase_panel_module.Qt.LeftButton)
    assert [p.id for p in project.phases] == [b.id, a.id]
    assert _text(panel, 0, COL_NAME) == b.name
    assert panel.table.currentIndex().row() == 0  # the moved phase stays selected
    assert panel.cache.wait()
    after = panel.cache.units_by_phase_id()
    # the shared communes now go to b: b gains exactly what a loses
    assert after[b.id] > before[b.id]
    assert after[b.id] - before[b.id] == before[a.id] - after[a.id]
    expected = assign(project)
    assert after == {p.id: int(u) for p, u in zip(project.phases, expected.phase_units)}
    # drag and drop: dropping row 1 (a) before row 0 puts it first again
    data = panel.model.mimeData([panel.model.index(1, 0)])
    panel.model.dropMimeData(data, phase_panel_module.Qt.MoveAction, 0, 0, panel.model.index(-1, -1))
    assert [p.id for p in project.phases] == [a.id, b.id]
    assert panel.cache.wait()
    assert panel.cache.units_by_phase_id() == before
    doc.undo()
    assert [p.id for p in project.phases] == [b.id, a.id]


def test_recolour_and_delete(panel, qtbot, monkeypatch):
    doc = panel.document
    first = panel.add_phase()
    panel.add_phase()
    doc.set_current_phase(first.id)
    monkeypatch.setattr(phase_panel_module, "pick_color", lambda parent, initial: "#123456")
    qtbot.mouseClick(panel.color_button, phase_panel_module.Qt.LeftButton)
    assert doc.project.phases[0].color == "#123456"
    assert panel.model.index(0, 0).data(phase_panel_module.Qt.DecorationRole).name() == "#123456"
    qtbot.mouseClick(panel.delete_button, phase_panel_module.Qt.LeftButton)
    assert [p.name for p in doc.project.phases] == ["Phase 2"]
    assert panel.model.rowCount() == 1
    assert doc.current_phase_id == doc.project.phases[0].id
    doc.undo()
    assert panel.model.rowCount() == 2
    assert doc.project.phases[0].color == "#123456"


def test_selecting_a_row_sets_current_phase(panel, qtbot):
    doc = panel.document
    panel.add_phase()
    second = panel.add_phase()
    doc.set_current_phase(None)
    panel.table.selectRow(1)
    assert doc.current_phase_id == second.id


def test_depends_on_editor_and_delete_key(panel, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QLineEdit

    from planner.ui.phases.phase_table_model import COL_DEPENDS

    doc = panel.document
    first = panel.add_phase()
    second = panel.add_phase()
    index = panel.model.index(1, COL_DEPENDS)
    panel.table.setCurrentIndex(index)
    panel.table.edit(index)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.setText(f"{first.name} (50%)")
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: bool(doc.project.phases[1].depends_on))  # the delegate commits on the next turn
    deps = doc.project.phases[1].depends_on
    assert [(d.phase_id, d.pct) for d in deps] == [(first.id, 50.0)]
    assert _text(panel, 1, COL_DEPENDS) == f"{first.name} (50%)"
    # a cycle is refused with a message naming the phase and the field
    assert not panel.model.setData(panel.model.index(0, COL_DEPENDS), second.name)
    assert "cycle" in panel.status.text() and first.name in panel.status.text()
    assert doc.project.phases[0].depends_on == []
    # Delete on the table deletes the current phase (and the dependency on it, restored by undo)
    doc.set_current_phase(first.id)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key_Delete)
    assert [p.id for p in doc.project.phases] == [second.id]
    assert doc.project.phases[0].depends_on == []
    doc.undo()
    assert [p.id for p in doc.project.phases] == [first.id, second.id]
    assert [d.phase_id for d in doc.project.phases[1].depends_on] == [first.id]


def test_cost_column_follows_the_simulation_and_shades_waiting_phases(panel, qtbot):
    from planner.core.simulation.coverage import simulate
    from planner.core.simulation.scenario_commands import SetScenarioParam
    from planner.core.printing.layout import euros
    from planner.ui.phases.phase_table_model import COL_COST, MONEY_WAIT_COLOR
    from planner.ui.simulation.simulation_runner import simulation_runner_for

    doc = panel.document
    qtbot.mouseClick(panel.add_button, phase_panel_module.Qt.LeftButton)
    doc.push(pc.AddCommunesToPhase(doc.project, doc.project.phases[0].id, _auch_communes(doc.project)))
    runner = simulation_runner_for(doc)
    assert panel.cache.wait() and runner.wait()
    expected = simulate(doc.project, panel.cache.assignment)
    assert _text(panel, 0, COL_COST) == euros(expected.costs.phase_cost[0], "en")
    index = panel.model.index(0, COL_COST)
    assert index.data(phase_panel_module.Qt.BackgroundRole) is None
    costs = doc.project.scenario.costs.copy()
    costs.budget = [(2018, 100_000.0)]  # far too little: the phase waits from its first build month
    doc.push(SetScenarioParam(doc.project, doc.project.active_scenario, "costs", costs))
    assert runner.wait()
    assert index.data(phase_panel_module.Qt.BackgroundRole).name() == MONEY_WAIT_COLOR
    assert "Waits for money" in index.data(phase_panel_module.Qt.ToolTipRole)
