"""Autosave in the GUI: a recovery file every N minutes and shortly after the last edit, written off the UI thread.

Writing the Gers sample's recovery takes ~0.5-2 s (GeoPackage with 105k points, on the shared 2-core machine),
far above 50 ms. pyogrio's write_arrow holds the GIL while it writes the premise layer (~0.45 s for the
sample), which would pause every Python handler on the UI thread even from a worker thread, so the file is
written by a separate *writer process* (`call_in_writer_process`: one `python -c` child started on first use,
own GIL; the UI thread spends 0.7 ms on the snapshot, the worker thread ~25 ms pickling it) and, where no
process can be started (frozen build), in the worker thread.
The snapshot (`Project.snapshot`) is a structural copy that shares the big, never-mutated-in-place arrays
(coordinates, geometries, field columns) and copies everything else (phases, scenarios, settings, styles).
It is one persistent "shadow" object per open project, so `planner.io.project.autosave.recovery_path_for` gives a
stable recovery file even while the project is untitled.
"""
from __future__ import annotations

import atexit
import datetime as _dt
import os
import pickle
import struct
import subprocess
import sys
import shutil
import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from planner.core.errors import Cancelled, PlannerError
from planner.core.project.model import Project
from planner.io.project import autosave
from planner.core.phases import cell_counts
from planner.io.project.light_copy import save_via
from planner.io.project.project_file import write_project_file
from planner.io.writer import remove_quietly, stale_temps

#: seconds after the last edit before a recovery file is written
DEBOUNCE_SECONDS = 10.0
#: after a failed autosave (full disk, read-only folder), try again this many seconds later, quietly
RETRY_SECONDS = 60.0
#: set to '0' to write in the worker thread instead of the writer process
WRITER_PROCESS_ENV = "ROLLOUT_PLANNER_WRITER_PROCESS"

#: the writer process: reads length-prefixed pickles (fn, args) on stdin, answers (kind, value) on stdout; it
#: exits when its stdin closes (the application ended or crashed), so it never outlives the application
_CHILD = r"""
import pickle, struct, sys
sys.path[:0] = [p for p in sys.argv[1:] if p not in sys.path]
inp, out = sys.stdin.buffer, sys.stdout.buffer
sys.stdout = sys.stderr  # a stray print must not corrupt the channel
from planner.core.errors import Cancelled, PlannerError
while True:
    head = inp.read(8)
    if len(head) < 8:
        break
    try:
        fn, args = pickle.loads(inp.read(struct.unpack("<Q", head)[0]))
        reply = ("ok", fn(*args))
    except PlannerError as exc:
        try:
            pickle.dumps(exc, protocol=5)
            reply = ("planner_exc", exc)
        except Exception:
            reply = ("planner", str(exc))
    except OSError as exc:
        reply = ("os", (exc.errno, exc.strerror, exc.filename))
    except Exception as exc:
        reply = ("other", type(exc).__name__ + ": " + str(exc))
    try:
        data = pickle.dumps(reply, protocol=5)
    except Exception as exc:
        data = pickle.dumps(("other", "cannot send the result back: " + str(exc)), protocol=5)
    out.write(struct.pack("<Q", len(data)) + data)
    out.flush()
"""


class _WriterGone(Exception):
    """The writer process could not be started or died mid-call."""


class _Writer:
    """One persistent writer process (a plain `python -c`, so no main module is re-imported), one call at a time."""

    def __init__(self):
        self.proc: subprocess.Popen | None = None
        self.lock = threading.Lock()
        self._calls = 0  # calls made so far: the number of the one running is `_running`
        self._running: int | None = None
        self._aborted: int | None = None

    def abort(self) -> bool:
        """Stop the call running now (its result is no longer wanted: a recovery of discarded work): the process
        is killed and the call raises Cancelled. False when no call runs."""
        running, proc = self._running, self.proc
        if running is None or proc is None:
            return False
        self._aborted = running
        try:
            proc.kill()
        except OSError:
            pass
        return True

    def _start(self) -> subprocess.Popen:
        if self.proc is None or self.proc.poll() is not None:
            self.proc = subprocess.Popen([sys.executable, "-c", _CHILD, *[p for p in sys.path if p]],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        return self.proc

    def call(self, data: bytes):
        with self.lock:
            self._calls += 1
            self._running = token = self._calls
            try:
                proc = self._start()
                proc.stdin.write(struct.pack("<Q", len(data)) + data)
                proc.stdin.flush()
                head = proc.stdout.read(8)
                if len(head) < 8:
                    raise _WriterGone("the writer process ended")
                body = proc.stdout.read(struct.unpack("<Q", head)[0])
            except (OSError, ValueError) as exc:
                self.stop()
                if self._aborted == token:
                    raise Cancelled() from None
                raise _WriterGone(str(exc)) from None
            except _WriterGone:
                self.stop()
                if self._aborted == token:
                    raise Cancelled() from None
                raise
            finally:
                self._running = None
        return pickle.loads(body)

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None:
            try:
                proc.stdin.close()
                proc.wait(5)
            except Exception:  # noqa: BLE001 - stuck or gone: make sure it ends
                proc.kill()


_WRITER = _Writer()
atexit.register(_WRITER.stop)


def call_in_writer_process(fn, *args):
    """fn(*args) in the writer process (its own GIL: the UI thread never pauses); in this thread if impossible.

    fn and args must pickle (module-level io functions and a Project snapshot do). Errors come back as
    PlannerError (message naming the file), OSError or RuntimeError. A frozen build (PyInstaller) has no
    `python -c`: it writes in the calling thread, as it does with ROLLOUT_PLANNER_WRITER_PROCESS=0.
    """
    if os.environ.get(WRITER_PROCESS_ENV, "1") == "0" or getattr(sys, "frozen", False):
        return fn(*args)
    try:
        data = pickle.dumps((fn, args), protocol=5)
        kind, value = _WRITER.call(data)
    except (_WriterGone, pickle.PicklingError, TypeError, AttributeError):  # cannot go there: write here
        return fn(*args)
    if kind == "ok":
        return value
    if kind == "planner_exc":
        raise value
    if kind == "planner":
        raise PlannerError(value)
    if kind == "os":
        raise OSError(*value)
    raise RuntimeError(value)


def call_in_writer_process_until(fn, cancel, targets=()):
    """`call_in_writer_process(fn)` that the user can cancel: while it runs, `cancel()` is polled and, once true,
    the writer process is stopped (the call raises Cancelled) and the temporary files it had begun beside
    `targets` are removed, so a cancelled write leaves the previous files as they were and nothing else."""
    stop = threading.Event()

    def watch():
        while not stop.wait(0.05):
            if cancel():
                _WRITER.abort()
                return

    watcher = threading.Thread(target=watch, name="writer-cancel", daemon=True)
    watcher.start()
    try:
        return call_in_writer_process(fn)
    except Cancelled:
        for target in map(Path, targets):  # files beside each target, or the folder a site is built as
            for temp in stale_temps(target) + stale_temps(target.parent):
                if temp.is_dir():
                    shutil.rmtree(temp, ignore_errors=True)
                else:
                    remove_quietly(temp)
        raise
    finally:
        stop.set()


def _write_recovery_file(project: Project, path: Path) -> Path:
    """What planner.io.project.autosave.write_recovery writes, at a path chosen on the UI thread, in the writer
    process: after the first one, only the changed tables of the recovery file (the layers are already there)."""
    extra = {"recovery_of": project.path, "recovery_pid": os.getpid(),
             "recovery_saved_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")}
    return Path(save_via(call_in_writer_process, project, path, write_project_file, extra, extra_meta=extra))


class AutosaveController(QObject):
    """Writes the open project's recovery file on a timer and after edits; clears it after a save or a clean exit.

    `run_task(fn, title, on_done, on_error)` runs the writing off the UI thread (MainWindow.run_task without
    the status-bar noise is fine too). Signals: `written(path)` after each recovery file, `failed(message)`
    after a failed one (then it retries quietly every RETRY_SECONDS until a write succeeds; `failing` is True
    meanwhile; the window shows one status-bar line, never a dialog).
    """

    written = Signal(object)
    failed = Signal(str)

    def __init__(self, document, settings, run_task, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.settings = settings
        self._run_task = run_task
        self.shadow = Project()
        self.busy = False
        self._task = None
        self._pending = False
        self._written: set[Path] = set()
        self.last_seconds: float | None = None
        self.last_path: Path | None = None
        self.last_target: Path | None = None  # the recovery file being (or last) written
        #: a recovery file the current project was recovered from: removed once it is superseded
        self.adopted_recovery: Path | None = None

        self.timer = QTimer(self)
        self.timer.timeout.connect(self.autosave_now)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(int(DEBOUNCE_SECONDS * 1000))
        self.debounce.timeout.connect(self.autosave_now)
        self.failing = False
        self.retry = QTimer(self)
        self.retry.setSingleShot(True)
        self.retry.setInterval(int(RETRY_SECONDS * 1000))
        self.retry.timeout.connect(self.autosave_now)
        document.changed.connect(self._on_changed)
        document.projectReplaced.connect(self._on_project_replaced)
        self.apply_settings()

    # --- configuration -----------------------------------------------------------------------
    def minutes(self) -> int:
        return int(getattr(self.settings, "autosave_minutes", 0) or 0)

    def apply_settings(self) -> None:
        """(Re)start the periodic timer from Settings.autosave_minutes (0 = periodic autosave off)."""
        minutes = self._minutes = self.minutes()
        if minutes > 0:
            self.timer.start(minutes * 60 * 1000)
        else:
            self.timer.stop()

    def _on_changed(self, *_) -> None:
        """After each command (batch): write the recovery once the edits pause; follow a changed interval."""
        self.debounce.start()
        if self.minutes() != self._minutes:  # Preferences changed the interval
            self.apply_settings()

    # --- writing -----------------------------------------------------------------------------
    def autosave_now(self) -> bool:
        """Write the recovery file now if the project has unsaved changes; False if nothing was started."""
        if not self.document.is_modified():
            return False
        if self.busy:
            self._pending = True
            return False
        try:
            self.document.project.snapshot(into=self.shadow)
            cell_counts.adopt(self.shadow, cell_counts.raw(self.document.project))
        except Exception as exc:  # a layer holding something that cannot be copied: skip, do not crash
            self.failed.emit(str(exc))
            return False
        self.busy = True
        self._pending = False
        shadow = self.shadow
        started = time.perf_counter()
        path = autosave.recovery_path_for(shadow)
        self._written.add(path)
        self.last_target = path

        def work(progress, cancel):
            return _write_recovery_file(shadow, path)

        def done(path) -> None:
            self.busy = False
            self._task = None
            if shadow is not self.shadow:  # the project was replaced meanwhile: this file recovers nothing
                self._remove(path)
                return
            self.last_seconds = time.perf_counter() - started
            self.last_path = Path(path)
            self.failing = False
            self.retry.stop()
            if self.adopted_recovery is not None and Path(self.adopted_recovery) != self.last_path:
                self._discard_adopted()
            self.written.emit(self.last_path)
            if self._pending:
                self._pending = False
                self.debounce.start()

        def error(exc) -> None:
            self.busy = False
            self._task = None
            if isinstance(exc, Cancelled):  # abandoned on purpose (see clear): nothing failed
                self._remove(path)
                return
            self.failing = True
            self.retry.start()
            self.failed.emit(str(exc))

        self._task = self._run_task(work, self.tr("Autosaving"), done, error)
        return True

    def clear(self) -> None:
        """Remove this project's recovery files (after a clean save, or when the user discards the changes).

        A recovery being written now recovers nothing any more: its writer process is stopped rather than waited
        for (quitting with Discard waited seconds for it), and what it had begun is removed."""
        self.debounce.stop()
        self._pending = False
        task = self._task
        if task is not None and _WRITER.abort():
            self.wait()  # the worker ends at once (Cancelled)
            for temp in stale_temps(self.last_target) if self.last_target is not None else []:
                remove_quietly(temp)  # what the stopped writer had begun
        else:
            self.wait()  # written in a thread of this process: it cannot be stopped midway
        self._remove_written()
        self._discard_adopted()

    def stop(self) -> None:
        """The window is closing: no more autosaves, and the one being written is finished first."""
        self.debounce.stop()
        self.timer.stop()
        self.retry.stop()
        self.wait()

    def wait(self, ms: int = 30000) -> None:
        """Block until a recovery being written is on disk."""
        task = self._task
        if task is not None and hasattr(task, "wait"):
            task.wait(ms)

    def _remove(self, path: Path) -> None:
        try:
            autosave.discard_recovery(path)
        except Exception:  # noqa: BLE001 - already gone, or the folder changed (tests)
            pass
        self._written.discard(path)

    def _remove_written(self) -> None:
        """Delete every recovery file this controller wrote for the current project (its name may have changed)."""
        for path in list(self._written):
            self._remove(path)
        autosave.clear_recovery_for(self.shadow)

    def _discard_adopted(self) -> None:
        if self.adopted_recovery is not None:
            try:
                autosave.discard_recovery(self.adopted_recovery)
            except Exception:
                pass
            self.adopted_recovery = None

    def _on_project_replaced(self) -> None:
        """A new project: the old one's recovery is dropped (it was saved or discarded) and a new shadow starts."""
        self.debounce.stop()
        self._pending = False
        if not self.busy:
            self._remove_written()
        else:
            self._written = set()  # the running write removes its own file when it finishes (see done)
        self._discard_adopted()
        self.shadow = Project()
