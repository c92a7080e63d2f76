"""Thirty projects opened and closed in one session: threads and live Qt objects return to baseline (issue 17).

Each closed window used to leave ~270 live Qt objects (parentless pyqtgraph menus and widget groups, a
SignalProxy, a QSettings…) reachable only through reference cycles, and two idle worker threads; a garbage
collection on a worker thread then destroyed those Qt objects there and froze the suite. Here the window is closed
and deleted as the application and pytest-qt do (close, deleteLater), and — with automatic collection off, as in
the app — nothing Qt of it may stay alive, and no thread.
"""
from __future__ import annotations

import gc
import threading
import time
import weakref

import numpy as np
import shapely
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication

from planner.core.phases.phase_commands import SetPhaseAttribute, SetPhaseZone
from planner.core.project.model import Communes, Layer, Phase, Project, Scenario
from sim_fixtures import _gers_layer

WINDOWS = 30


def small_project() -> Project:
    """Two intercommunalities of the Gers (a few dozen communes), one phase each, a zone phase across both."""
    fields, geoms = _gers_layer()
    epci = fields["code_epci"].astype(str)
    keep = np.isin(epci, sorted(set(epci))[:2])
    layer = Layer(name="communes", kind="polygon", fields={k: v[keep] for k, v in fields.items()},
                  geometries=geoms[keep].copy())
    project = Project(name="Leak test", communes=Communes(layer, units_field="locaux_insee_2018"))
    codes = layer.fields["code_insee"].astype(str)
    for i, e in enumerate(sorted(set(epci[keep]))):
        project.phases.append(Phase(id=i + 1, name=f"EPCI {e}", communes=codes[epci[keep] == e].tolist()))
    zone = shapely.box(*shapely.total_bounds(layer.geometries[:3]))
    project.phases.append(Phase(id=3, name="Zone", zone=zone))
    project.scenarios = [Scenario(name="Base", start="2018-01", horizon_months=96)]
    return project


def live_qobjects() -> int:
    """Qt objects with a Python wrapper whose C++ side still exists."""
    return sum(1 for o in gc.get_objects() if isinstance(o, QObject) and shiboken6.isValid(o))


def open_work_close(project, settings, k: int):
    """A full main window on `project`; some work (an edit, the scenario comparison); closed and deleted."""
    from planner.ui.shell.main_window import MainWindow

    w = MainWindow(settings=settings)
    w.show()
    w.set_project(project.snapshot())
    cov = w.coverage_ui
    if k % 2 == 0:  # half of them close while the assignment, simulation and checks are under way
        assert cov.runner.wait(30)
        doc = w.document
        doc.push(SetPhaseAttribute(doc.project, 1, "crews", 4.0))
        doc.push(SetPhaseZone(doc.project, 3, doc.project.phases[2].zone.buffer(500.0)))
        cov.scenario_panel.show_comparison()
    w.document.set_clean()
    w.close()
    w.deleteLater()
    QApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    return weakref.ref(w)


def threads_settle(names: set[str], timeout_s: float = 20.0) -> set[str]:
    """Names of live threads once those not in `names` have ended (a running job finishes unheard)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        now = {t.name for t in threading.enumerate()}
        if now <= names:
            return now
        QApplication.processEvents()
        time.sleep(0.02)
    return {t.name for t in threading.enumerate()}


def test_thirty_windows_leave_no_qt_object_and_no_thread(qapp, tmp_path):
    assert not gc.isenabled()  # as in the app: no collection may run on a worker thread
    from planner.ui.shell.settings import Settings

    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    settings.set_value("autosave/minutes", 0)
    project = small_project()
    open_work_close(project, settings, 0)  # warm-up: module-level objects of Qt and pyqtgraph
    for _ in range(2):  # what earlier tests left for later (deferred deletes, cycles) goes now
        QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
        gc.collect()
    threads = threads_settle({t.name for t in threading.enumerate()
                              if not t.name.startswith(("assignment", "simulation", "validation", "comparison"))})
    widgets, objects = len(QApplication.allWidgets()), live_qobjects()

    refs = [open_work_close(project, settings, k) for k in range(WINDOWS)]

    # without any garbage collection: every Qt object of the 30 windows is gone, and every worker thread
    assert len(QApplication.allWidgets()) <= widgets
    assert live_qobjects() <= objects
    assert threads_settle(threads) <= threads
    # what Python still holds of them are plain reference cycles, which a collection (on this thread) frees
    gc.collect()
    assert sum(r() is not None for r in refs) == 0


def test_closing_a_window_never_destroys_a_running_task(qapp, tmp_path, monkeypatch):
    """A task still running when its window closes and is deleted finishes in the background, calls nothing back
    into the dead window, and then goes (destroying a running QThread would abort the process)."""
    from planner.ui.common.workers import _RUNNING
    from planner.ui.shell.main_window import MainWindow
    from planner.ui.shell.settings import Settings

    monkeypatch.setattr(MainWindow, "CLOSE_WAIT_MS", 50)
    w = MainWindow(settings=Settings(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)), plugins=False)
    w.show()
    release, called = threading.Event(), []

    def slow(progress, cancel):
        release.wait(20)
        return "late"

    task = w.run_task(slow, "slow", called.append, called.append)
    thread = task.thread
    gone = []
    task.destroyed.connect(lambda *_: gone.append(True))
    QApplication.processEvents()
    w.close()  # waits a moment for the task (it ignores Cancel), then detaches it
    w.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    assert not shiboken6.isValid(w) and shiboken6.isValid(thread) and thread.isRunning()
    release.set()
    deadline = time.monotonic() + 20
    while not gone and time.monotonic() < deadline:
        QApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
        time.sleep(0.01)
    assert gone and called == [] and task not in _RUNNING
