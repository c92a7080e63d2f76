"""The premise table of a new project written ahead, in a child process, while the parent goes on (`new`).

Writing 5 million premises into a GeoPackage is GDAL's work for seconds, and `pyogrio.write_arrow` holds the
interpreter lock throughout: a thread cannot overlap it with anything. The premise table, though, is known as soon
as the premises are read and sorted — it does not depend on the phases or on the assignment. So `new` forks once
there: the child writes the table, by the very function a save uses (`layer_tables.write_bulk_points`), into a
temporary file beside the output; the parent meanwhile assigns the premises, builds the phases and the map's
density pyramid. The save then starts from the child's file and writes everything else into it, and the writer
checks and renames the whole as always (planner/io/writer.py).

Safe by construction:
- the child's file is used only if the child exited cleanly AND the premise layer still holds the very arrays it
  wrote (its content token, planner/core/project/content_tokens.py); otherwise the save writes the table itself,
  as without this module (and so reports a full disk or a bad field in its usual words);
- the temporary name carries the parent's process id: a parent killed meanwhile leaves a file the next save to
  that output removes (writer.stale_temps); on Linux the child dies with its parent (PR_SET_PDEATHSIG);
- an error or Ctrl-C in the parent kills the child and removes its file (a context manager);
- only on Linux and while the parent runs no other thread yet (forking a threaded process is unsafe; macOS
  forbids forks once some system frameworks are loaded); elsewhere, and for layers of the normal path (a few
  hundred thousand points), nothing is done ahead: the save writes the table as it always did.
"""
from __future__ import annotations

import gc
import os
import signal
import sys
import threading
import time
from pathlib import Path

from planner.core.project.content_tokens import content_token
from planner.core.project.model import Layer
from planner.io.project.layer_tables import is_bulk, write_bulk_points
from planner.io.writer import remove_quietly, temp_path_for

TABLE = "premises"
#: how long the parent waits for the child before writing the table itself (a child stuck — on a disk that stopped
#: answering, say — is killed; the parent's own write then says what is wrong)
WAIT_LIMIT_S = 3600.0
_PR_SET_PDEATHSIG = 1


def can_fork() -> bool:
    """Whether this process may fork now: Linux (macOS forbids forking once some system frameworks are loaded;
    Windows has no fork) and no thread but this one."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


def _die_with_parent(parent: int) -> None:
    """In the child: be killed if the parent dies (Linux); leave at once if it already has."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(3)


class PremisesAhead:
    """`with PremisesAhead(output) as ahead: ahead.start(layer) … save_project(…, ahead=ahead)`."""

    def __init__(self, target: str | os.PathLike):
        self.target = Path(target).absolute()
        self.path: Path | None = None
        self._pid: int | None = None
        self._token = ""
        self._layer: Layer | None = None

    def start(self, layer: Layer) -> bool:
        """Fork a child writing `layer` as the premise table of a new temporary GeoPackage. False (nothing done)
        when the layer is small or this process cannot fork now."""
        if self._pid is not None or not is_bulk(layer) or not can_fork():
            return False
        self.path = temp_path_for(self.target)
        self._token, self._layer = content_token(layer), layer
        parent = os.getpid()
        sys.stdout.flush()
        sys.stderr.flush()
        gc.freeze()  # the collector's passes would touch, hence copy, every page of objects the two processes share
        try:
            pid = os.fork()
        except OSError:  # no process to spare (limits, memory): the save writes the table itself
            gc.unfreeze()
            self.path = self._layer = None
            return False
        if pid == 0:  # the child: write, then leave without running the parent's clean-ups
            code = 1
            gc.disable()
            try:
                signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends it; the parent removes the file
                _die_with_parent(parent)
                write_bulk_points(self.path, TABLE, layer)
                code = 0
            finally:
                os._exit(code)
        self._pid = pid
        return True

    def _wait(self) -> bool:
        """Wait for the child (at most WAIT_LIMIT_S: then it is killed); True if it wrote its file completely."""
        if self._pid is None:
            return False
        deadline = time.monotonic() + WAIT_LIMIT_S
        while True:  # interrupted (Ctrl-C): _pid kept, close() kills and reaps it
            pid, status = os.waitpid(self._pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                os.kill(self._pid, signal.SIGKILL)
                _, status = os.waitpid(self._pid, 0)
                break
            time.sleep(0.01)
        self._pid = None
        gc.unfreeze()  # frozen while the child lived: the parent's collections left their pages shared
        return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0

    def take(self, layer: Layer, dest: Path) -> bool:
        """Move the child's file to `dest` (which must not exist) when it holds `layer` exactly as it is now;
        else discard it. True when `dest` now holds the premise table."""
        current = layer is self._layer and content_token(layer) == self._token
        if not current:
            self.close()
            return False
        ok = self._wait()
        if ok and self.path is not None and self.path.exists():
            os.replace(self.path, dest)
            self.path = None
            return True
        self.close()
        return False

    def close(self) -> None:
        """Stop the child if it still runs and remove its file."""
        if self._pid is not None:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._wait()
        if self.path is not None:
            remove_quietly(self.path)
            self.path = None
        self._layer = None

    def __enter__(self) -> "PremisesAhead":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
