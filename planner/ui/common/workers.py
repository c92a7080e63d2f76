"""Long work off the UI thread: fn(progress, cancel) in a QThread, with a status-bar progress bar and Cancel.

A task is not a Qt child of the window or dialog that started it (its `owner`): destroying a QThread that still
runs aborts the process. It belongs to the application until its thread ends, then deletes itself. When its owner
closes or is destroyed first, the task is detached (`detach()`): cancelled, its callbacks dropped, so nothing runs
on a closed window, and the thread finishes in the background.
"""
from __future__ import annotations

import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, QThread, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from planner.core.errors import Cancelled, PlannerError


class _TaskThread(QThread):
    """Runs one task; reports progress and the outcome through queued signals (delivered on the UI thread)."""

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable, parent: QObject | None = None):
        super().__init__(parent)
        self.fn = fn
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        def progress(fraction: float, message: str = "") -> None:
            self.progressed.emit(float(fraction), str(message))

        try:
            result = self.fn(progress, self.is_cancelled)
        except PlannerError as exc:
            self.failed.emit(exc)
        except Exception as exc:  # an unexpected bug: keep the app alive and show it
            exc.traceback_text = traceback.format_exc()
            self.failed.emit(exc)
        else:
            if self._cancel.is_set():
                self.failed.emit(Cancelled())
            else:
                self.succeeded.emit(result)


class Task(QObject):
    """A handle on one running task: `cancel()`, `is_running()`, and the `finished` signal (after the callbacks)."""

    finished = Signal()

    def __init__(self, fn: Callable, title: str, on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None] | None, owner: QObject | None = None):
        super().__init__(QCoreApplication.instance())  # never deleted with its owner while the thread runs
        self.title = title
        self.on_done = on_done
        self.on_error = on_error
        self.thread = _TaskThread(fn, self)
        self.thread.succeeded.connect(self._done, Qt.QueuedConnection)
        self.thread.failed.connect(self._failed, Qt.QueuedConnection)
        self.finished.connect(self.deleteLater)
        self._running = False
        if owner is not None:
            owner.destroyed.connect(self.detach)

    def start(self) -> None:
        self._running = True
        self.thread.start()

    def cancel(self) -> None:
        self.thread.cancel()

    def is_running(self) -> bool:
        return self._running

    def wait(self, ms: int = 30000) -> bool:
        return self.thread.wait(ms)

    def detach(self, *_args) -> None:
        """The owner closed: cancel, and drop the callbacks (the thread ends in the background)."""
        self.thread.cancel()
        self.on_done = None
        self.on_error = None

    def _done(self, result) -> None:
        self._running = False
        self.thread.wait()
        try:
            if self.on_done is not None:
                self.on_done(result)
        finally:
            self.finished.emit()

    def _failed(self, exc) -> None:
        self._running = False
        self.thread.wait()
        try:
            if self.on_error is not None:
                self.on_error(exc)
        finally:
            self.finished.emit()


class TaskProgressWidget(QWidget):
    """Status-bar widget: task title, a progress bar and a Cancel button; hidden when nothing runs."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.bar.setFixedWidth(160)
        self.bar.setFixedHeight(14)
        self.bar.setTextVisible(False)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAutoRaise(True)
        lay.addWidget(self.label)
        lay.addWidget(self.bar)
        lay.addWidget(self.cancel_button)
        self._task: Task | None = None
        self.cancel_button.clicked.connect(self._cancel)
        self.hide()

    def track(self, task: Task) -> None:
        self._task = task
        self.label.setText(task.title)
        self.bar.setValue(0)
        self.cancel_button.setEnabled(True)
        task.thread.progressed.connect(self._progress, Qt.QueuedConnection)
        task.finished.connect(self._finished)
        self.show()

    def _progress(self, fraction: float, message: str) -> None:
        if self._task is None or self.sender() is not self._task.thread:
            return  # an older task still running in the background: the bar follows the newest
        self.bar.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
        if message and self._task is not None:
            self.label.setText(f"{self._task.title}: {message}")

    def _cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Cancelling…"))

    def _finished(self) -> None:
        if self.sender() is self._task:
            self._task = None
            self.hide()


def run_task(parent: QObject, fn: Callable, title: str, on_done: Callable[[Any], None],
             on_error: Callable[[BaseException], None] | None = None,
             progress_widget: TaskProgressWidget | None = None) -> Task:
    """Start fn(progress, cancel) in a worker thread; on_done(result) / on_error(exc) run on the UI thread.

    `parent` owns the task: when it is destroyed first, the task is detached (see the module doc)."""
    task = Task(fn, title, on_done, on_error, parent)
    if progress_widget is not None:
        progress_widget.track(task)
    _RUNNING.add(task)
    task.finished.connect(lambda: _RUNNING.discard(task))
    task.start()
    return task


#: running tasks, kept referenced until they finish
_RUNNING: set[Task] = set()
