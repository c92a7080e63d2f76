"""The French interface as the user met it after switching language (issue 15): the dock layout kept across the
restart, and no English left in what the window wrote itself (the sample's names, the scenario names it makes,
Identify's rows), months typed with French names, French plurals."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDockWidget

from planner.ui.shell import i18n

from gui_helpers import click_map, inner_point, make_window, wait_idle


@pytest.fixture
def french():
    i18n.install_language("fr")
    yield
    i18n.install_language("en")


def _layout(window) -> dict:
    """Each dock: its area, whether shown, the docks tabbed with it (by name), and its place in its area (the
    order of the stacked docks: top to bottom, left to right)."""
    out = {}
    for d in window.findChildren(QDockWidget):
        tabbed = sorted(o.objectName() for o in window.tabifiedDockWidgets(d))
        out[d.objectName()] = [window.dockWidgetArea(d), d.isVisible(), tabbed]
    for area in {v[0] for v in out.values()}:
        raised = [d for d in window.findChildren(QDockWidget)
                  if window.dockWidgetArea(d) == area and not d.visibleRegion().isEmpty()]
        for rank, d in enumerate(sorted(raised, key=lambda d: (d.y(), d.x()))):
            for name in [d.objectName()] + out[d.objectName()][2]:
                out[name].append(rank)
    return {k: tuple(v) for k, v in out.items()}


def test_the_dock_layout_survives_the_language_restart(qtbot, tmp_path):
    from planner.ui.shell.main_window import MainWindow
    from planner.ui.shell.settings import Settings

    def window():
        w = MainWindow(settings=Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)))
        qtbot.addWidget(w)
        return w

    english = window()
    english.resize(1500, 950)
    english.show()
    qtbot.waitUntil(lambda: english.width() == 1500)
    QApplication.processEvents()
    english.resizeDocks([english.layers_dock], [300], Qt.Horizontal)  # the user widens the Layers dock
    QApplication.processEvents()
    before = _layout(english)
    english.close()  # the restart: the layout is saved
    i18n.install_language("fr")
    try:
        french_window = window()
        assert french_window.settings.restore_window(french_window)
        french_window.show()
        qtbot.wait(300)
        assert "Communes par trimestre" in [d.windowTitle() for d in french_window.findChildren(QDockWidget)]
        after = _layout(french_window)
    finally:
        i18n.install_language("en")
    assert after == before  # the same docks (named alike in both languages), areas, tab groups and order
    # under the map, the Gantt's tab group takes the whole width (no narrow dock squeezed beside it)
    gantt = next(d for d in french_window.findChildren(QDockWidget) if d.objectName() == "dock_ganttChart")
    assert abs(gantt.width() - french_window.canvas.width()) <= 12


def test_no_english_in_what_the_french_window_writes(qtbot, tmp_path, french):
    w = make_window(qtbot, tmp_path, plugins=True, sample=False)
    w.open_sample(demo_plan=True)
    wait_idle(qtbot, w)
    project = w.document.project
    assert project.name == "Exemple du Gers — plan de démonstration"
    assert project.premises.layer.name == "Locaux (synthétiques)"
    assert w.layers_panel.list.item(0).text().startswith("Locaux (synthétiques)")
    assert w.phase_ui.cache.wait() and w.coverage_ui.runner.wait() and w.coverage_ui.map_colours.wait()
    # Identify's own rows
    x, y = inner_point(w, "32013")
    click_map(w.canvas, x, y)
    rows = [w.identify_panel.table.item(i, 0).text() for i in range(w.identify_panel.table.rowCount())]
    assert rows[0] == "Phase" and rows[1].startswith("État en ") and rows[2] == "Raccordable prévu"
    assert "x (L93)" in rows  # a coordinate label reads the same in French
    # the scenario goal seek makes, and a duplicate
    dlg = w.coverage_ui.open_goal_seek()
    dlg.by.setText("2020-12")
    dlg.find()
    assert dlg.wait() and dlg.answer.feasible, dlg.answer_label.text()
    dlg.apply()
    assert project.scenario.name == "Base – équipes pour 66\u00a0% en 2020-12"
    scenarios = w.coverage_ui.scenario_panel.scenarios
    scenarios.list.setCurrentRow(project.active_scenario)
    scenarios.duplicate()
    assert project.scenario.name == "Base – équipes pour 66\u00a0% en 2020-12 (copie)"
    # a month with its French name, plurals
    model = w.phase_ui.panel.model
    from planner.ui.phases.phase_table_model import COL_START

    assert model.setData(model.index(0, COL_START), "juin 2019")
    assert project.phases[0].earliest_start == "2019-06"
    assert w.phase_ui.panel.summary.text().startswith(f"{len(project.phases)} phases · ")
    w.document.set_clean()
