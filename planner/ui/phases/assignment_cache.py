"""Keeps the current premise→phase Assignment up to date, incrementally, for every view of a document.

Usage (map, phase table, coverage curves…)::

    from planner.ui.phases.assignment_cache import assignment_cache_for
    cache = assignment_cache_for(document)          # one cache per ProjectDocument, created on first call
    cache.updated.connect(on_assignment)            # emitted (on the UI thread) after every recompute
    a = cache.assignment                            # latest planner.core.phases.assignment.Assignment, or None
    cache.units_by_phase_id()                       # {phase id: units}, consistent with `a`
    cache.communes_by_phase_id()                    # {phase id: communes with units in it}
    cache.premise_phase_ids()                       # phase id of every premise (-1 unplanned), int64[N]
    cache.phase_ids                                 # ids of project.phases, in order, when `a` was computed
    cache.failed.connect(show_message)              # a recompute raised (argument: the message)

How it stays current: on `document.changed(command)` it recomputes when the command touches
'geometry' or 'order', from `command.first_changed_phase` on (earlier phases keep their premises; see
`assign(project, previous, first_changed_phase)`), from scratch when it also touches 'layers' (a role
layer added or removed; a restyle touches 'layers' only and changes nothing); on `projectReplaced` it
recomputes everything in a worker. An incremental update runs at once on the UI thread while the last
incremental one took under `SYNC_LIMIT_MS` of CPU (so counts and colours follow an edit in the same
event-loop turn); otherwise it runs in a worker thread on a snapshot of the phases, and edits made
meanwhile are folded into one follow-up recompute, so the window never freezes. `wait()` blocks until
the cache is idle (tests, scripts). `busy`, `last_duration_ms` and `incremental_cpu_ms` tell how it goes.

The edit path (docs/architecture.md): every revision of the session ends in one `ready(revision)` once the
assignment is valid for it — at once for an edit that moves no premise, after the recompute otherwise; `changes`
then says what the commands since the previous `ready` touched (ALL_TOUCHES after a new project).
`revision` is the document revision the assignment is valid for (`assignment.revision` the one it was computed
from); `is_current()` says whether that is the document's. The simulation runner and the validation panel
listen to `ready` only, so an edit schedules each of them once. The worker thread stops when the document
closes (planner/ui/common/worker_pool.py).
"""
from __future__ import annotations

import threading
import time
import weakref
from concurrent.futures import Future

import numpy as np
from PySide6.QtCore import QObject, Signal

from planner.core.project.model import Project
from planner.ui.common.worker_pool import WorkerPool

#: updates that took less than this (milliseconds) the last time run synchronously on the UI thread
SYNC_LIMIT_MS = 50.0

_REASSIGN_TOUCHES = {"geometry", "order"}
#: what a whole new project changes
ALL_TOUCHES = frozenset({"phases", "geometry", "order", "scenario", "layers"})


class AssignmentCache(QObject):
    """The latest Assignment of a document's project, recomputed incrementally after each edit."""

    #: a new Assignment is available (argument: the Assignment)
    updated = Signal(object)
    #: the assignment is valid for this document revision (once per revision the cache caught up with)
    ready = Signal(int)
    #: a recompute failed (argument: the error message)
    failed = Signal(str)
    #: internal: a worker finished (token, assignment, phase ids, timing, error message)
    _workerDone = Signal(int, object, object, object, str)

    def __init__(self, document, parent: QObject | None = None):
        super().__init__(parent if parent is not None else document)
        self._document = weakref.ref(document)  # the document holds the cache: no cycle back
        self.assignment = None
        self.phase_ids: list[int] = []
        #: document revision the assignment is valid for (-1: none yet)
        self.revision = -1
        #: what the commands between the previous `ready` and the last one touched (Command.touches)
        self.changes: frozenset[str] = ALL_TOUCHES
        self._touched: set[str] = set(ALL_TOUCHES)
        self.last_duration_ms: float = 0.0  # wall time of the last recompute
        #: CPU time of the last incremental recompute (not counting waits for the GIL): decides sync vs worker
        self.incremental_cpu_ms: float = 0.0
        self._pending_first: int | None = None  # first phase to recompute once the running worker ends
        self._future: Future | None = None
        self._token = 0
        self._scratch = False  # the next recompute may not reuse the previous assignment
        self._idle = threading.Event()
        self._idle.set()
        self._pool = WorkerPool("assignment")
        self._workerDone.connect(self._on_worker_done)
        document.changed.connect(self._on_changed)
        document.projectReplaced.connect(self._on_replaced)
        document.closing.connect(self.close)
        if self._has_layers(document.project):
            self.refresh(0)

    # --- public ---------------------------------------------------------------------------------
    @property
    def document(self):
        return self._document()

    @property
    def busy(self) -> bool:
        return self._future is not None

    def is_current(self) -> bool:
        """True when the assignment is valid for the document's revision (nothing running or pending)."""
        return (self.assignment is not None and self._future is None and self._pending_first is None
                and self.revision == self.document.revision)

    def close(self) -> None:
        """The window closed: stop the worker thread (a running recompute ends unheard)."""
        self._pool.close()
        self._future = None
        self._pending_first = None
        self._idle.set()

    def refresh(self, first_changed_phase: int | None = 0) -> None:
        """Recompute from phase `first_changed_phase` on (0 = all); synchronous when it has been fast."""
        first = 0 if first_changed_phase is None else max(0, int(first_changed_phase))
        if self.assignment is None:
            first = 0
        if self._future is not None:  # a worker is running: fold this edit into one follow-up recompute
            self._pending_first = first if self._pending_first is None else min(self._pending_first, first)
            return
        if self.assignment is not None and not self._scratch and self.incremental_cpu_ms < SYNC_LIMIT_MS:
            self._run_sync(first)
        else:
            self._start_worker(first)

    def wait(self, timeout_s: float = 30.0) -> bool:
        """Block until no recompute is running or pending, delivering results; True when idle."""
        from PySide6.QtCore import QCoreApplication

        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self._future is None and self._pending_first is None:
                return True
            self._idle.wait(0.01)
            QCoreApplication.processEvents()
        return self._future is None and self._pending_first is None

    def units_by_phase_id(self) -> dict[int, int]:
        """Premise units per phase id, from the latest assignment ({} before the first one)."""
        if self.assignment is None:
            return {}
        return {pid: int(u) for pid, u in zip(self.phase_ids, np.asarray(self.assignment.phase_units))}

    def communes_by_phase_id(self) -> dict[int, int]:
        """Number of communes with units in each phase, by phase id."""
        if self.assignment is None:
            return {}
        return {pid: int(c) for pid, c in zip(self.phase_ids, np.asarray(self.assignment.phase_commune_count))}

    def premise_phase_ids(self) -> np.ndarray:
        """Phase id of every premise (-1 unplanned), from the latest assignment (empty before the first)."""
        if self.assignment is None or len(self.assignment.premise_phase) == 0:
            return np.zeros(0, dtype=np.int64)
        lut = np.append(np.asarray(self.phase_ids, dtype=np.int64), -1)
        return lut[np.asarray(self.assignment.premise_phase)]

    # --- document signals -----------------------------------------------------------------------
    def _on_changed(self, command) -> None:
        touches = set(getattr(command, "touches", ()) or ())
        self._touched |= touches
        first = getattr(command, "first_changed_phase", 0)
        if not touches & _REASSIGN_TOUCHES or first is None:
            # attributes, styles, scenarios: the assignment stands, and is valid for this revision too
            if self.assignment is not None and self._future is None and self._pending_first is None:
                self._caught_up()
            return
        if "layers" in touches:  # a commune or premise layer came or went: nothing previous is reusable
            self._scratch = True
            first = 0
        self.refresh(first)

    def _on_replaced(self) -> None:
        self._token += 1  # results of a worker on the old project are dropped
        self._pending_first = None
        self._scratch = False
        self.assignment = None
        self.phase_ids = []
        self.revision = -1
        self._touched = set(ALL_TOUCHES)
        if self._future is not None:
            self._pending_first = 0  # recompute the new project as soon as the old worker returns
            return
        if self._has_layers(self.document.project):
            self._start_worker(0)

    # --- computing ------------------------------------------------------------------------------
    @staticmethod
    def _has_layers(project: Project) -> bool:
        return project.communes is not None or project.premises is not None

    @staticmethod
    def _compute(project: Project, previous, first: int):
        from planner.core.phases.assignment import assign

        t0, c0 = time.perf_counter(), time.thread_time()
        result = assign(project, previous=previous, first_changed_phase=first)
        return result, (time.perf_counter() - t0, time.thread_time() - c0, previous is not None)

    def _run_sync(self, first: int) -> None:
        project = self.document.project
        try:
            result, seconds = self._compute(project, self.assignment, first)
        except Exception as exc:  # noqa: BLE001 - shown to the user, not swallowed
            self.failed.emit(str(exc))
            return
        self._publish(result, [p.id for p in project.phases], seconds)
        self._caught_up()

    def _start_worker(self, first: int) -> None:
        project = self.document.project
        if not self._has_layers(project):
            return
        snap = project.snapshot()
        ids = [p.id for p in snap.phases]
        previous = None if self._scratch else self.assignment  # first=0 still reuses premise→commune
        self._scratch = False
        token = self._token
        self._idle.clear()

        pool, done = self._pool, self._workerDone

        def work():
            try:
                result, seconds = self._compute(snap, previous, first)
                pool.emit(done, token, result, ids, seconds, "")
            except Exception as exc:  # noqa: BLE001
                pool.emit(done, token, None, ids, None, str(exc) or type(exc).__name__)

        self._future = self._pool.submit(work)
        if self._future is None:  # closed
            self._idle.set()

    def _on_worker_done(self, token: int, result, ids, seconds, error: str) -> None:
        self._future = None
        self._idle.set()
        if token == self._token:
            if error:
                self.failed.emit(error)
            elif result is not None:
                self._publish(result, list(ids), seconds)
        if self._pending_first is not None:
            first, self._pending_first = self._pending_first, None
            if self._has_layers(self.document.project):
                self._start_worker(first if self.assignment is not None else 0)
                return
        if token == self._token and not error:
            self._caught_up()  # edits made meanwhile moved no premise: valid for the current revision

    def _caught_up(self) -> None:
        self.revision = self.document.revision
        self.changes, self._touched = frozenset(self._touched), set()
        self.ready.emit(self.revision)

    def _publish(self, result, ids: list[int], timing) -> None:
        wall, cpu, incremental = timing
        self.assignment = result
        if getattr(result, "counts", None) is not None:  # saved with the project (fingerprint-checked when used)
            from planner.core.phases.cell_counts import adopt

            adopt(self.document.project, result.counts)
        self.phase_ids = ids
        self.last_duration_ms = wall * 1000.0
        if incremental:
            self.incremental_cpu_ms = cpu * 1000.0
        self.updated.emit(result)


def assignment_cache_for(document) -> AssignmentCache:
    """The document's AssignmentCache (created on first call and kept as the document's child)."""
    cache = getattr(document, "_assignment_cache", None)
    if cache is None:
        cache = AssignmentCache(document)
        document._assignment_cache = cache
    return cache
