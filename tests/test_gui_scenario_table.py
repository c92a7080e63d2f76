"""The phase table and the Scenarios panel agree with what is simulated (issue 15, "The scenario and the phase
table disagree"): the table shows the active scenario's values (overrides shaded, edits say which scenario they
change), a reopened project shows its active scenario everywhere, the scenario header and the per-phase
studies/ramp-up columns, goal seek's preview over the same communes, uncertainty's target and its 0 %."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDoubleSpinBox, QLineEdit, QWidget

from planner.core.phases import phase_commands as pc
from planner.core.project.model import Scenario
from planner.core.simulation.scenario_commands import AddScenario
from planner.ui.phases.phase_table_model import (COL_CREWS, COL_NAME, COL_RAMP, COL_START, COL_STUDY,
                                                 OVERRIDE_COLOR)
from sim_fixtures import gers_project


@pytest.fixture
def window(qtbot):
    from planner.ui.shell.main_window import MainWindow

    mw = MainWindow()
    qtbot.addWidget(mw)
    mw.resize(1400, 900)
    mw.show()
    project = gers_project()
    project.phases[0].crews, project.phases[1].crews = 2.0, 5.0  # the Base crews the user saw
    mw.document.set_project(project)
    assert mw.coverage_ui.runner.wait()
    yield mw
    mw.document.set_clean()  # closing must not ask to save the test's edits


def _cell(window, row, col, role=Qt.DisplayRole):
    model = window.phase_ui.panel.model
    return model.index(row, col).data(role)


def _editor(table):
    """The open cell editor (a child of the table's viewport; the focus may be in another window)."""
    editors = [w for w in table.viewport().findChildren(QWidget) if w.isVisible() and w.parent() is table.viewport()]
    assert len(editors) == 1, editors
    return editors[0]


def _edit_cell(qtbot, window, row, col, text):
    """Double-click-style edit: open the cell's editor, type, press Enter (as the user does)."""
    table = window.phase_ui.panel.table
    index = table.model().index(row, col)
    table.setCurrentIndex(index)
    table.edit(index)
    editor = _editor(table)
    if isinstance(editor, QDoubleSpinBox):
        editor.lineEdit().selectAll()
        qtbot.keyClicks(editor.lineEdit(), text)
    else:
        assert isinstance(editor, QLineEdit)
        editor.selectAll()
        qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key_Return)
    QApplication.processEvents()


def test_after_goal_seek_the_table_shows_the_active_scenario_and_edits_say_which(window, qtbot):
    doc = window.document
    dlg = window.coverage_ui.open_goal_seek()
    dlg.by.setText("2019-06")
    dlg.find()
    assert dlg.wait()
    dlg.apply()
    project = doc.project
    active = project.scenario
    assert project.active_scenario == 1 and active.phase_overrides
    # every crews cell shows what the active scenario simulates, overridden cells are shaded and say so
    for row, phase in enumerate(project.phases):
        assert _cell(window, row, COL_CREWS) == f"{active.phase_value(phase, 'crews'):g}"
    first = project.phases[0]
    assert active.phase_value(first, "crews") != first.crews
    assert _cell(window, 0, COL_CREWS, Qt.BackgroundRole).name() == OVERRIDE_COLOR
    tip = _cell(window, 0, COL_CREWS, Qt.ToolTipRole)
    assert active.name in tip and f"the phase's own: {first.crews:g}" in tip
    assert _cell(window, 0, COL_RAMP, Qt.BackgroundRole) is None  # not overridden
    header = window.phase_ui.panel.header
    assert header.scenario_combo.currentText() == active.name
    assert "Shaded cells" in header.summary.text()
    # editing an overridden cell changes the active scenario only, and the status bar says so
    _edit_cell(qtbot, window, 0, COL_CREWS, "7")
    qtbot.waitUntil(lambda: active.phase_overrides[first.id]["crews"] == 7.0)  # the delegate commits next turn
    assert first.crews == 2.0 and project.scenarios[0].phase_value(first, "crews") == 2.0
    message = window.statusBar().currentMessage()
    assert f"in scenario '{active.name}' only" in message and first.name in message
    assert window.coverage_ui.runner.wait()
    # editing a cell no scenario overrides changes the phase, for every scenario
    _edit_cell(qtbot, window, 0, COL_NAME, "Auch and around")
    qtbot.waitUntil(lambda: first.name == "Auch and around")
    table = window.phase_ui.panel.table
    index = table.model().index(0, COL_RAMP)
    table.setCurrentIndex(index)
    table.edit(index)
    spin = _editor(table)
    spin.setValue(4)
    qtbot.keyClick(spin, Qt.Key_Return)
    qtbot.waitUntil(lambda: first.ramp_months == 4)
    assert first.ramp_months == 4 and "ramp_months" not in active.phase_overrides.get(first.id, {})
    assert "in every scenario" in window.statusBar().currentMessage()
    # undo restores the scenario's override value
    doc.undo()
    doc.undo()
    doc.undo()
    assert active.phase_overrides[first.id]["crews"] != 7.0
    assert _cell(window, 0, COL_CREWS) == f"{active.phase_overrides[first.id]['crews']:g}"


def test_reopened_project_shows_its_active_scenario_in_the_list_and_parameters(window, qtbot, tmp_path):
    from planner.io.project.project_file import save_project

    project = gers_project()
    project.scenarios.append(Scenario(name="Faster", start="2019-04", horizon_months=84))
    project.active_scenario = 1
    path = tmp_path / "two scenarios.gpkg"
    save_project(project, path)
    # the user had Base selected in the list before opening
    window.coverage_ui.scenario_panel.scenarios.list.setCurrentRow(0)
    window.open_project(str(path))
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=30000)
    panel = window.coverage_ui.scenario_panel
    assert window.document.project.active_scenario == 1
    assert panel.scenarios.list.currentRow() == 1
    assert panel.scenarios.list.currentItem().text() == "Faster (active)"
    assert panel.editor.index == 1
    window.coverage_ui.scenario_dock.show()
    window.coverage_ui.scenario_dock.raise_()
    QApplication.processEvents()
    assert panel.editor.horizon.value() == 84 and panel.editor.start.text() == "2019-04"
    header = window.phase_ui.panel.header
    assert header.scenario_combo.currentText() == "Faster"
    assert header.start.text() == "2019-04" and header.horizon.value() == 84
    assert header.end.text() == "(to 2026-03)"


def test_scenario_header_edits_start_and_horizon_and_phases_have_study_and_ramp_columns(window, qtbot):
    doc = window.document
    header = window.phase_ui.panel.header
    assert header.start.text() == "2018-01"
    header.start.setFocus()
    header.start.selectAll()
    qtbot.keyClicks(header.start, "June 2019")
    qtbot.keyClick(header.start, Qt.Key_Return)
    assert doc.project.scenario.start == "2019-06"
    assert header.start.text() == "2019-06"
    assert "2019-06" == window.coverage_ui.scenario_panel.editor.scenario().start
    header.horizon.setValue(60)
    header.horizon.editingFinished.emit()
    assert doc.project.scenario.horizon_months == 60 and header.end.text() == "(to 2024-05)"
    # a text that is no month is refused, saying the expected format
    header.start.setFocus()
    header.start.selectAll()
    qtbot.keyClicks(header.start, "soon")
    qtbot.keyClick(header.start, Qt.Key_Return)
    assert doc.project.scenario.start == "2019-06"
    assert "YYYY-MM" in window.phase_ui.panel.status.text()
    # studies and ramp-up per phase, editable
    phase = doc.project.phases[2]
    assert _cell(window, 2, COL_STUDY) == str(phase.study_months)
    assert _cell(window, 2, COL_RAMP) == str(phase.ramp_months)
    model = window.phase_ui.panel.model
    assert model.setData(model.index(2, COL_STUDY), "6")
    assert phase.study_months == 6
    assert not model.setData(model.index(2, COL_STUDY), "1.5")
    assert "whole number" in window.phase_ui.panel.status.text()
    # switching the scenario in the header activates it (undoable)
    doc.push(AddScenario(Scenario(name="Second", start="2020-01")))
    assert header.scenario_combo.currentText() == "Second" and header.start.text() == "2020-01"
    header.scenario_combo.setCurrentIndex(0)
    header.scenario_combo.activated.emit(0)
    assert doc.project.active_scenario == 0
    assert header.start.text() == "2019-06"


def test_earliest_start_accepts_month_names_and_says_the_format(window, qtbot):
    doc = window.document
    _edit_cell(qtbot, window, 1, COL_START, "June 2019")
    assert doc.project.phases[1].earliest_start == "2019-06"
    assert _cell(window, 1, COL_START) == "2019-06"
    _edit_cell(qtbot, window, 1, COL_START, "sometime")
    assert doc.project.phases[1].earliest_start == "2019-06"
    status = window.phase_ui.panel.status
    assert status.isVisible() and "YYYY-MM" in status.text() and "June 2019" in status.text()


def test_long_names_fit_and_a_new_row_is_scrolled_into_view(window, qtbot):
    panel = window.phase_ui.panel
    doc = window.document
    long_name = "CA Grand Auch Coeur de Gascogne"
    doc.push(pc.RenamePhase(doc.project, doc.project.phases[0].id, long_name))
    QApplication.processEvents()
    fm = panel.table.fontMetrics()
    assert panel.table.columnWidth(COL_NAME) >= fm.horizontalAdvance(long_name)
    assert _cell(window, 0, COL_NAME, Qt.ToolTipRole) == long_name
    # a name longer than the column can grow to is cut with "…"; its tooltip has it whole
    longer = "Communauté de communes des Coteaux d'Arrats et de la Gimone, Lomagne et Savès réunis"
    doc.push(pc.RenamePhase(doc.project, doc.project.phases[1].id, longer))
    QApplication.processEvents()
    assert panel.table.columnWidth(COL_NAME) < fm.horizontalAdvance(longer)
    assert _cell(window, 1, COL_NAME, Qt.ToolTipRole) == longer
    for _ in range(6):
        phase = panel.add_phase()
    qtbot.waitUntil(lambda: panel.table.rowViewportPosition(panel.model.row_of(phase.id)) >= 0)
    row = panel.model.row_of(phase.id)
    top = panel.table.rowViewportPosition(row)
    assert 0 <= top and top + panel.table.rowHeight(row) <= panel.table.viewport().height()
    n = len(doc.project.phases)
    assert panel.summary.text().startswith(f"{n} phases")


def test_one_phase_is_singular(qtbot):
    from planner.core.project.model import Project, Phase
    from planner.ui.common.document import ProjectDocument
    from planner.ui.phases.phase_panel import PhasePanel

    project = gers_project(phases_per_epci=False)
    project.phases.append(Phase(id=1, name="Only", communes=["32013"]))
    panel = PhasePanel(ProjectDocument(project))
    qtbot.addWidget(panel)
    assert panel.cache.wait()
    QApplication.processEvents()
    assert panel.summary.text().startswith("1 phase ·")
    assert isinstance(Project(), Project)


def test_goal_seek_preview_compares_the_selected_communes_with_the_same_communes(window):
    ui = window.coverage_ui
    doc = window.document
    rows = [doc.project.communes.index_of(c) for c in ("32013", "32107")]
    doc.set_selected_communes(rows)
    dlg = ui.open_goal_seek()
    dlg.scope_communes.setChecked(True)
    dlg.target.setValue(50.0)
    dlg.by.setText("2020-06")
    dlg.find()
    assert dlg.wait()
    base = ui.runner.result
    expected = base.commune_eligible[rows].sum(axis=0) * 100.0 / base.commune_units[rows].sum()
    assert np.allclose(dlg.base_curve.getData()[1], expected)
    assert not np.allclose(dlg.base_curve.getData()[1], base.coverage_pct)
    assert "selected communes" in dlg.plot.getPlotItem().getAxis("left").labelText


def test_uncertainty_asks_goal_seeks_question_and_explains_zero(window):
    ui = window.coverage_ui
    gs = ui.open_goal_seek()
    assert gs.by.text() == "2020-12"
    dlg = ui.open_uncertainty()
    assert dlg.target_by.text() == gs.by.text() and dlg.target_pct.value() == gs.target.value()
    gs.close()
    dlg.close()
    gs.by.setText("2018-06")
    gs.target.setValue(90.0)
    dlg = ui.open_uncertainty()  # reopened: follows goal seek's new question (not typed over here)
    assert dlg.target_by.text() == "2018-06" and dlg.target_pct.value() == 90.0
    dlg.runs.setValue(50)
    dlg.start()
    assert dlg.wait()
    assert dlg.ensemble.probability == 0
    best = dlg.ensemble.target_range[1]
    assert "0%" in dlg.summary.text().replace(" ", "")
    assert f"No run reaches 90 % by 2018-06: the best of the 50 runs is at {best:.1f} % then." in dlg.summary.text()
    # a target typed in the dialog is kept when goal seek asks something else
    dlg.target_by.setText("2021-06")
    dlg.close()
    gs.by.setText("2022-12")
    ui.open_uncertainty()
    assert dlg.target_by.text() == "2021-06"


def test_scenarios_panel_start_accepts_a_month_name(window, qtbot):
    editor = window.coverage_ui.scenario_panel.editor
    window.coverage_ui.scenario_dock.show()
    window.coverage_ui.scenario_dock.raise_()
    editor.start.setFocus()
    editor.start.selectAll()
    qtbot.keyClicks(editor.start, "March 2019")
    qtbot.keyClick(editor.start, Qt.Key_Return)
    assert window.document.project.scenario.start == "2019-03" and editor.start.text() == "2019-03"
    assert window.phase_ui.panel.header.start.text() == "2019-03"  # the header above the phase table follows
