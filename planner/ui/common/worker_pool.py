"""One background worker thread for a window's recomputations, that never outlives its window's objects.

The assignment cache, the simulation runner and the validation panel each compute in a worker thread and
report through a queued Qt signal. `WorkerPool` starts its thread on first use, and `close()` (called when the
window's document closes) stops it: queued work is dropped, the running job finishes in the background, and from
then on its results are not emitted: `emit(signal, ...)` and `close()` take one lock, so an emission never runs
while the receiver is being destroyed, and the window never waits for a long computation to close.
"""
from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable


class WorkerPool:
    """A one-thread executor, started lazily, closed with the window (see the module doc)."""

    def __init__(self, name: str):
        self.name = name
        self._lock = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None
        self.closed = False

    def submit(self, fn: Callable[[], None]) -> Future | None:
        """Run fn() in the worker thread; None (nothing runs) once the pool is closed."""
        with self._lock:
            if self.closed:
                return None
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=self.name)
            return self._executor.submit(fn)

    def emit(self, signal, *args) -> bool:
        """From the worker: emit `signal(*args)` unless the pool was closed; True if emitted."""
        with self._lock:
            if self.closed:
                return False
            signal.emit(*args)
            return True

    def close(self) -> None:
        """No more work: drop what is queued; the running job ends on its own and emits nothing."""
        with self._lock:
            self.closed = True
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
