"""Helpers for the main-window GUI tests: a window on the Gers sample with throw-away settings."""
from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QEvent, QPointF, QSettings, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication


def make_window(qtbot, tmp_path, plugins: bool = False, sample: bool = True):
    """A MainWindow (1280×800) with settings in tmp_path, on the loaded Gers sample."""
    from planner.ui.shell.main_window import MainWindow
    from planner.ui.shell.settings import Settings

    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    w = MainWindow(settings=settings, plugins=plugins)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    if sample:
        w.open_sample()
        wait_idle(qtbot, w)
    return w


def wait_idle(qtbot, window, timeout: int = 60000) -> None:
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=timeout)
    QApplication.processEvents()


def inner_point(window, code: str) -> tuple[float, float]:
    """A point inside the commune with this INSEE code (L93 metres)."""
    communes = window.document.project.communes
    p = shapely.point_on_surface(communes.geometries[communes.index_of(code)])
    return float(p.x), float(p.y)


def send_mouse(widget, kind, pos: QPointF, button=Qt.NoButton, buttons=Qt.NoButton, modifiers=Qt.NoModifier) -> None:
    """Deliver a synthetic mouse event to a widget (what the window system would send)."""
    ev = QMouseEvent(kind, pos, widget.mapToGlobal(pos), button, buttons, modifiers)
    QApplication.sendEvent(widget, ev)


def click_map(canvas, x: float, y: float, modifiers=Qt.NoModifier) -> None:
    """A left click at map point (x, y)."""
    pos = canvas.map_to_widget(x, y)
    vp = canvas.viewport()
    send_mouse(vp, QEvent.MouseButtonPress, pos, Qt.LeftButton, Qt.LeftButton, modifiers)
    send_mouse(vp, QEvent.MouseButtonRelease, pos, Qt.LeftButton, Qt.NoButton, modifiers)


def drag_map(canvas, start: QPointF, end: QPointF, steps: int = 5) -> None:
    """A left-button drag in widget pixels."""
    vp = canvas.viewport()
    send_mouse(vp, QEvent.MouseButtonPress, start, Qt.LeftButton, Qt.LeftButton)
    for k in range(1, steps + 1):
        p = start + (end - start) * (k / steps)
        send_mouse(vp, QEvent.MouseMove, p, Qt.NoButton, Qt.LeftButton)
    send_mouse(vp, QEvent.MouseButtonRelease, end, Qt.LeftButton, Qt.NoButton)


def pixel_rgb(image, pos: QPointF) -> tuple[int, int, int]:
    c = image.pixelColor(int(round(pos.x())), int(round(pos.y())))
    return c.red(), c.green(), c.blue()


def visible_premises(layer, extent) -> int:
    xmin, ymin, xmax, ymax = extent
    return int(np.count_nonzero((layer.x >= xmin) & (layer.x <= xmax) & (layer.y >= ymin) & (layer.y <= ymax)))


_GERS_BANO_LAYERS = {}


def gers_bano_project():
    """Real Gers communes + real BANO address points as premises (layers read once per session)."""
    from conftest import BANO_GPKG, COMMUNES_GPKG
    from planner.core.project.model import Communes, Premises, Project
    from planner.io.layers.readers import read_layer

    if not _GERS_BANO_LAYERS:
        _GERS_BANO_LAYERS["c"] = read_layer(COMMUNES_GPKG, "communes_l93")
        _GERS_BANO_LAYERS["p"] = read_layer(BANO_GPKG)
    return Project(communes=Communes(_GERS_BANO_LAYERS["c"], units_field="locaux_insee_2018"),
                   premises=Premises(_GERS_BANO_LAYERS["p"]))


def gers_window(qtbot):
    """A shown main window on the Gers test project (sim_fixtures.gers_project: one phase per EPCI), simulated.
    The caller cleans its undo stack at the end so that closing asks nothing."""
    from planner.ui.shell.main_window import MainWindow
    from sim_fixtures import gers_project

    mw = MainWindow()
    qtbot.addWidget(mw)
    mw.show()
    mw.document.set_project(gers_project())
    assert mw.coverage_ui.runner.wait()
    return mw


def window_on(qtbot, project, size=(1400, 900)):
    """A shown main window (size) on `project` (the caller's copy), its assignment counted."""
    from planner.ui.shell.main_window import MainWindow

    mw = MainWindow()
    qtbot.addWidget(mw)
    mw.resize(*size)
    mw.show()
    mw.set_project(project)
    assert mw.phase_ui.cache.wait()
    return mw


def sample_copy(sample, phases=()):
    """A shallow copy of the module's Gers sample project with these phases (the layers are shared, read-only)."""
    import copy

    project = copy.copy(sample)
    project.phases = list(phases)
    return project


def drawing_window(qtbot, project, size=(1600, 1000)):
    """A window on `project` zoomed on Auch with snapping off: where the drawing tests click and drag."""
    mw = window_on(qtbot, project, size)
    qtbot.waitExposed(mw)
    mw.phase_ui.tools.set_snapping(False)
    auch = project.communes.geometries[project.communes.index_of("32013")]
    mw.canvas.zoom_to(shapely.bounds(auch), margin=0.3)
    QApplication.processEvents()
    return mw
