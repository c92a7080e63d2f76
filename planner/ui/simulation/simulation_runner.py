"""Re-runs the active scenario's simulation once per revision of the session, off the UI thread when slow.

Usage::

    runner = simulation_runner_for(document)   # one per ProjectDocument
    runner.updated.connect(on_result)          # argument: planner.core.simulation.coverage.SimulationResult
    runner.result                              # latest result, or None
    runner.assignment                          # the Assignment that result was computed on
    runner.revision                            # the document revision both belong to (= result.revision)

The edit path is one way (docs/architecture.md): an edit bumps the session's revision; the assignment cache
catches up with it and says `ready(revision)` once; only then does the runner ask for a run, so each edit asks
once. When the last run took under `SYNC_LIMIT_MS`, the first request of an event-loop turn runs at once on the
UI thread (curves and map follow the edit before anything repaints) and later requests of the same turn fold
into one run at the end of the turn, skipped when the revision did not change; a slower run goes to a worker on a
snapshot of the project, and edits made meanwhile fold into one follow-up run. A result is published with the
assignment it was computed on, so views never pair a result with an assignment of another revision. The worker
thread stops when the document closes.
"""
from __future__ import annotations

import threading
import time
import weakref

from PySide6.QtCore import QObject, QTimer, Signal

from planner.ui.common.worker_pool import WorkerPool
from planner.ui.phases.assignment_cache import assignment_cache_for

SYNC_LIMIT_MS = 40.0


def simulate_active(project, assignment):
    """One run of the project's active scenario on `assignment` (the simulation engine's entry point)."""
    from planner.core.simulation.coverage import simulate

    return simulate(project, assignment=assignment)


class SimulationRunner(QObject):
    """The latest SimulationResult of a document's active scenario, recomputed once per revision."""

    #: a new result is available (argument: SimulationResult)
    updated = Signal(object)
    #: the simulation failed (argument: message naming the phase and field)
    failed = Signal(str)
    _workerDone = Signal(int, object, object, float, str)

    def __init__(self, document, parent: QObject | None = None):
        super().__init__(parent if parent is not None else document)
        self._document = weakref.ref(document)  # the document holds the runner: no cycle back
        self.cache = assignment_cache_for(document)
        self.result = None
        self.assignment = None
        self.revision = -1
        self.error: str = ""
        self.last_duration_ms = 0.0
        self.runs = 0
        #: how many times a run was asked for (one per revision of the session)
        self.requests = 0
        self._token = 0
        self._running = False
        self._pending = False
        self._idle = threading.Event()
        self._idle.set()
        self._pool = WorkerPool("simulation")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._end_of_turn)
        self._turn_pending = False
        self._last_key = None
        self._workerDone.connect(self._on_worker_done)
        document.projectReplaced.connect(self._on_replaced)
        document.closing.connect(self.close)
        self.cache.ready.connect(self._on_ready)
        if self.cache.is_current():
            self.schedule()

    @property
    def document(self):
        return self._document()

    # --- public ---------------------------------------------------------------------------------
    def schedule(self) -> None:
        """Ask for a run: now if runs are fast and none ran this turn, else once at the end of the turn."""
        self.requests += 1
        self._idle.clear()
        if self._timer.isActive():
            self._turn_pending = True
            return
        self._timer.start()  # marks this event-loop turn
        if self.result is not None and self.last_duration_ms < SYNC_LIMIT_MS and not self._running:
            self._turn_pending = False
            self.run_now()
        else:
            self._turn_pending = True

    def close(self) -> None:
        """The window closed: stop the worker thread (a running simulation ends unheard)."""
        self._pool.close()
        self._timer.stop()
        self._turn_pending = self._running = self._pending = False
        self._idle.set()

    def _on_ready(self, _revision: int) -> None:
        self.schedule()

    def _end_of_turn(self) -> None:
        if self._turn_pending:
            self._turn_pending = False
            self.run_now()
        self._mark_idle_if_done()

    def _key(self):
        project = self.document.project
        return (id(project), project.revision)

    def run_now(self) -> None:
        """Run now (synchronously when the last run was fast); a run already in progress gets a follow-up."""
        if not self.cache.is_current():
            self._mark_idle_if_done()
            return  # the cache's `ready` will ask again
        if self._running:
            self._pending = True
            return
        if self._key() == self._last_key and self.result is not None and not self.error:
            self._mark_idle_if_done()
            return  # nothing changed since the last run
        self._last_key = self._key()
        if self.last_duration_ms < SYNC_LIMIT_MS:
            self._run_sync(self.cache.assignment)
        else:
            self._start_worker(self.cache.assignment)

    def wait(self, timeout_s: float = 30.0) -> bool:
        """Block until no run is scheduled, running or pending, delivering results; True when idle."""
        from PySide6.QtCore import QCoreApplication

        self.cache.wait(timeout_s)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            QCoreApplication.processEvents()
            if not (self._timer.isActive() or self._turn_pending or self._running or self._pending
                    or self.cache.busy):
                return True
            self._idle.wait(0.005)
        return False

    # --- computing ------------------------------------------------------------------------------
    def _run_sync(self, assignment) -> None:
        t0 = time.perf_counter()
        try:
            result = simulate_active(self.document.project, assignment)
        except Exception as exc:  # noqa: BLE001 - shown to the user in the panel
            self._publish_error(str(exc) or type(exc).__name__)
            return
        self._publish(result, assignment, time.perf_counter() - t0)

    def _start_worker(self, assignment) -> None:
        snap = self.document.project.snapshot()
        token = self._token
        pool, done = self._pool, self._workerDone

        def work():
            t0 = time.perf_counter()
            try:
                result = simulate_active(snap, assignment)
                pool.emit(done, token, result, assignment, time.perf_counter() - t0, "")
            except Exception as exc:  # noqa: BLE001
                pool.emit(done, token, None, assignment, 0.0, str(exc) or type(exc).__name__)

        self._running = self._pool.submit(work) is not None

    def _on_worker_done(self, token: int, result, assignment, seconds: float, error: str) -> None:
        self._running = False
        if token == self._token:
            if error:
                self._publish_error(error)
            else:
                self._publish(result, assignment, seconds)
        if self._pending:
            self._pending = False
            self.schedule()
        self._mark_idle_if_done()

    def _publish(self, result, assignment, seconds: float) -> None:
        self.result = result
        self.assignment = assignment
        self.revision = result.revision
        self.error = ""
        self.last_duration_ms = seconds * 1000.0
        self.runs += 1
        self.updated.emit(result)
        self._mark_idle_if_done()

    def _publish_error(self, message: str) -> None:
        self.error = message
        self.failed.emit(message)
        self._mark_idle_if_done()

    def _mark_idle_if_done(self) -> None:
        if not (self._turn_pending or self._running or self._pending):
            self._idle.set()

    def _on_replaced(self) -> None:
        self._token += 1
        self.result = None
        self.assignment = None
        self.revision = -1
        self._last_key = None


def simulation_runner_for(document) -> SimulationRunner:
    """The document's SimulationRunner (created on first call and kept as the document's child)."""
    runner = getattr(document, "_simulation_runner", None)
    if runner is None:
        runner = SimulationRunner(document)
        document._simulation_runner = runner
    return runner
