"""Python's cyclic garbage collector, kept on the GUI thread.

A collection can run in whatever thread happens to allocate when the thresholds are crossed. If it runs in a
worker thread and frees Qt objects (a closed window's menus, plots, timers left in reference cycles), their C++
destructors run off the GUI thread while the GUI thread deletes widgets: a lock-order inversion between the GIL
and a Qt mutex, and the application freezes (it stalled the test suite after ~400 tests). So automatic
collection is switched off and a timer on the GUI thread collects instead, as pyqtgraph's
`GarbageCollector` and calibre do. Generation 0 every second is cheap; the older generations follow
Python's own thresholds.
"""
from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

_guard: "GuiThreadCollector | None" = None


def collect_due(threshold: tuple[int, int, int] | None = None) -> None:
    """Collect the generations whose allocation counts passed their threshold: what the automatic collector would
    have done by now, but on the calling (GUI) thread. Young generations cost microseconds; a full collection
    comes only as often as Python's own thresholds call for it."""
    t0, t1, t2 = threshold or gc.get_threshold()
    l0, l1, l2 = gc.get_count()
    if l0 > t0:
        gc.collect(2 if l2 > t2 else 1 if l1 > t1 else 0)


class GuiThreadCollector(QObject):
    """Disables automatic collection and collects from a GUI-thread timer (`interval_ms`)."""

    def __init__(self, interval_ms: int = 1000, parent: QObject | None = None):
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        collect_due(self.threshold)

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()


def install_gui_thread_collector(app: QObject) -> GuiThreadCollector:
    """Once per process, on the GUI thread: move cyclic garbage collection onto that thread."""
    global _guard
    if _guard is None:
        _guard = GuiThreadCollector(parent=app)
    return _guard
