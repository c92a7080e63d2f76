"""A dialog that runs one background task at a time (goal seek, uncertainty, calibration) and can wait for it."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, QThread
from PySide6.QtWidgets import QDialog


class TaskDialog(QDialog):
    """Holds the running task in `self.task` (None when idle); subclasses set it and clear it when delivered."""

    task = None

    def wait(self, timeout_ms: int = 30000) -> bool:
        """Process events until the running task is delivered (tests, scripts); False on time-out."""
        timer = QElapsedTimer()
        timer.start()
        while self.task is not None and timer.elapsed() < timeout_ms:
            QCoreApplication.processEvents(QEventLoop.AllEvents, 50)
            QThread.msleep(2)
        return self.task is None
