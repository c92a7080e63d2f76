"""Main window on the Gers sample: items drawn, status bar under the cursor, identify, title, menus, docks."""
from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMessageBox

from gui_helpers import click_map, inner_point, make_window, send_mouse
from planner.core.project.layer_commands import SetLayerStyle


def test_window_opens_on_the_sample(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path)
    project = w.document.project
    assert w.commune_item.path_count() == 458
    assert len(w.commune_item.paths) == 458
    assert not w.commune_item.paths[project.communes.index_of("32013")].isEmpty()
    n = w.premises_item.point_count()
    assert n == len(project.premises) and 100_000 < n < 130_000
    assert 110_000 < int(project.premises.units.sum()) < 120_000
    # the view shows the whole département
    xmin, ymin, xmax, ymax = w.canvas.extent()
    bx = project.communes.layer.bounds
    assert xmin <= bx[0] and ymin <= bx[1] and xmax >= bx[2] and ymax >= bx[3]
    assert w.windowTitle() == "Gers sample[*] — Rollout Planner"
    assert not w.isWindowModified()


def test_status_bar_under_the_cursor(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path)
    x, y = inner_point(w, "32013")
    send_mouse(w.canvas.viewport(), QEvent.MouseMove, w.canvas.map_to_widget(x, y))
    assert w.commune_label.text() == "Auch (32013)"
    text = w.coord_label.text()
    # Lambert-93 metres (within a pixel of the point) and lon/lat of Auch (0.585 E, 43.646 N)
    nums = [float(v.replace(" ", "")) for v in re.findall(r"([\d ]+) m\b", text)]
    px = w.canvas.pixel_size()
    assert abs(nums[-2] - x) <= 2 * px and abs(nums[-1] - y) <= 2 * px
    lon, lat = (float(v) for v in re.findall(r"(\d+\.\d+)°", text))
    assert abs(lon - 0.59) < 0.1 and abs(lat - 43.65) < 0.1
    assert "°E" in text and "°N" in text
    # outside every commune: no name
    bx = w.document.project.communes.layer.bounds
    send_mouse(w.canvas.viewport(), QEvent.MouseMove, w.canvas.map_to_widget(bx[0] - 2000, bx[1] - 2000))
    assert w.commune_label.text() == "" and "m (Lambert-93)" in w.coord_label.text()
    # leaving the map clears the position
    QApplication.sendEvent(w.canvas, QEvent(QEvent.Leave))
    assert w.coord_label.text() == ""


def test_identify_commune_and_premise(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path)
    project = w.document.project
    x, y = inner_point(w, "32013")
    # premises on top: a click in the middle of Auch hits the nearest premise, itself in Auch
    click_map(w.canvas, x, y)
    panel = w.identify_panel
    assert panel.layer is project.premises.layer
    row = panel.row
    d = np.hypot(project.premises.x - x, project.premises.y - y)
    assert d[row] == d.min() and d[row] <= 6 * w.canvas.pixel_size()
    assert panel.value(project.premises.insee_field) == "32013"
    assert panel.title.text() == f"Premise #{row} in Auch (32013)"
    # with premises hidden, the commune itself
    w.document.push(SetLayerStyle(project.premises.layer, visible=False))
    click_map(w.canvas, x, y)
    assert panel.layer is project.communes.layer
    assert panel.value("code_insee") == "32013"
    assert panel.value("nom") == "Auch"
    assert "Auch (32013)" in panel.title.text()
    auch = project.communes.index_of("32013")
    assert w.document.selected_communes == {auch}
    assert list(w.commune_item.highlighted_rows()) == [auch]
    # ctrl-click adds a second commune; a click outside clears
    x2, y2 = inner_point(w, "32107")  # Condom
    click_map(w.canvas, x2, y2, Qt.ControlModifier)
    assert w.document.selected_communes == {auch, project.communes.index_of("32107")}
    bx = project.communes.layer.bounds
    click_map(w.canvas, bx[0] - 1000, bx[1] - 1000)
    assert w.document.selected_communes == set()
    assert panel.layer is None


def test_title_shows_unsaved_edits_and_undo_names_the_step(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path)
    layer = w.document.project.communes.layer
    w.document.push(SetLayerStyle(layer, fill="#ff0000"))
    assert w.isWindowModified()
    assert "[*]" in w.windowTitle()
    assert w.act_undo.text() == "&Undo Change fill of Communes"
    w.act_undo.trigger()
    assert layer.style.fill != "#ff0000"
    assert not w.isWindowModified()
    assert w.act_redo.text() == "&Redo Change fill of Communes"


def test_menus_docks_and_extension_points(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path, sample=False)
    titles = [a.text().replace("&", "") for a in w.menuBar().actions()]
    assert titles[:3] == ["File", "Edit", "View"] and titles[-1] == "Help"
    tools = w.menu("Tools")
    phases = w.menu("Phases")
    assert w.menu("Tools") is tools
    titles = [a.text().replace("&", "") for a in w.menuBar().actions()]
    assert titles.index("View") < titles.index("Phases") < titles.index("Tools") < titles.index("Help")
    dock = w.add_dock(QLabel("x"), "Test panel")
    assert isinstance(dock, QDockWidget)
    assert dock.toggleViewAction() in w._docks_menu.actions()
    assert w.dockWidgetArea(dock) == Qt.RightDockWidgetArea
    file_texts = [a.text() for a in w.menu("File").actions()]
    assert "&Open project…" in file_texts and "&Import layer…" in file_texts and "&Quit" in file_texts
    assert w.recent_menu.menuAction() in w.menu("File").actions()


def test_run_task_delivers_result_and_errors_on_the_ui_thread(qtbot, tmp_path):
    from planner.core.errors import InputError

    w = make_window(qtbot, tmp_path, sample=False)
    seen = []

    def work(progress, cancel):
        for k in range(5):
            progress(k / 5, f"step {k}")
        return sum(range(10))

    w.run_task(work, "Adding", seen.append)
    qtbot.waitUntil(lambda: seen == [45], timeout=10000)
    errors = []

    def bad(progress, cancel):
        raise InputError("/data/x.gpkg", "truncated file")

    w.run_task(bad, "Failing", seen.append, errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=10000)
    assert str(errors[0]) == "/data/x.gpkg: truncated file" and seen == [45]
    # a cancelled task reports Cancelled, not a result
    import threading
    from planner.core.errors import Cancelled
    gate = threading.Event()

    def slow(progress, cancel):
        gate.wait(5)
        return "late"

    task = w.run_task(slow, "Slow", seen.append, errors.append)
    assert w.task_progress.isVisible()
    w.task_progress.cancel_button.click()
    gate.set()
    qtbot.waitUntil(lambda: len(errors) == 2, timeout=10000)
    assert isinstance(errors[1], Cancelled) and seen == [45]
    assert not task.is_running()


def test_about_names_the_data_sources(qtbot, tmp_path, monkeypatch):
    from planner.ui.shell.about import about_html

    text = about_html()
    for needle in ("IGN Admin Express", "Licence Ouverte", "INSEE", "Arcep", "OpenStreetMap", "BANO", "ODbL",
                   "synthetic"):
        assert needle in text
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, body: shown.append(body))
    w = make_window(qtbot, tmp_path, sample=False)
    w.act_about.trigger()
    assert shown and "0." in shown[0]


def test_plugins_install_on_the_real_window(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path, plugins=True)
    assert w.commune_item.path_count() == 458
    # whatever docks the plug-ins add, their toggles are in View > Panels
    docks = w.findChildren(QDockWidget)
    toggles = set(w._docks_menu.actions())
    assert all(d.toggleViewAction() in toggles for d in docks if d.parent() is w)


def test_open_project_file_and_recent_files(qtbot, tmp_path):
    from planner.io.project.project_file import save_project

    w = make_window(qtbot, tmp_path)
    project = w.document.project
    project.name = "Gers plan"
    x, y = inner_point(w, "32013")
    w.canvas.set_extent(x - 5000, y - 3000, x + 5000, y + 3000)
    saved_extent = w.canvas.extent()
    assert project.view["extent"] == pytest.approx(list(saved_extent), abs=0.01)
    auch = project.communes.index_of("32013")
    path = tmp_path / "gers_plan.gpkg"
    save_project(project, path)
    (tmp_path / "other").mkdir()
    w2 = make_window(qtbot, tmp_path / "other", sample=False)
    assert w2.document.project.communes is None
    w2.open_path(str(path))
    qtbot.waitUntil(lambda: w2.document.project.communes is not None and not w2.is_busy(), timeout=30000)
    opened = w2.document.project
    assert opened.name == "Gers plan" and len(opened.communes) == 458 and len(opened.premises) == len(project.premises)
    assert w2.windowTitle() == "Gers plan[*] — Rollout Planner"
    assert w2.commune_item.path_count() == 458 and w2.premises_item.point_count() == len(project.premises)
    assert w2.commune_locator.row_at(*inner_point(w2, "32013")) == auch
    # the saved view comes back (same centre and scale, whatever the canvas size)
    e = w2.canvas.extent()
    assert ((e[0] + e[2]) / 2, (e[1] + e[3]) / 2) == pytest.approx(
        ((saved_extent[0] + saved_extent[2]) / 2, (saved_extent[1] + saved_extent[3]) / 2), abs=2 * w2.canvas.pixel_size())
    assert min(e[2] - e[0], e[3] - e[1]) <= max(saved_extent[2] - saved_extent[0], saved_extent[3] - saved_extent[1])
    assert e[2] - e[0] >= (saved_extent[2] - saved_extent[0]) * 0.99 or e[3] - e[1] >= (saved_extent[3] - saved_extent[1]) * 0.99
    assert w2.settings.recent_files()[0] == str(path)
    assert [a.toolTip() for a in w2.recent_menu.actions()] == [str(path)]


def test_sample_loads_off_the_ui_thread(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path, sample=False)
    w.open_sample()
    # the call returns at once: the window is still empty, the status bar shows the running task
    assert w.document.project.communes is None and w.is_busy()
    assert w.task_progress.isVisible() and "Gers sample" in w.task_progress.label.text()
    qtbot.waitUntil(lambda: not w.is_busy(), timeout=60000)
    assert w.commune_item.path_count() == 458 and not w.task_progress.isVisible()


def test_app_starts_on_the_sample_from_the_command_line():
    """`python main.py` (what `make run` does) opens the window on the sample; the bench hook quits once drawn."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ROLLOUT_PLANNER_STARTUP_BENCH="1")
    out = subprocess.run([sys.executable, str(root / "main.py")], env=env, cwd=root, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    seconds = [float(line.split()[1]) for line in out.stdout.splitlines() if line.startswith("startup-seconds")]
    assert len(seconds) == 1 and 0 < seconds[0] < 60
    assert "Traceback" not in out.stderr
