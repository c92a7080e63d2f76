"""Reading the project named at start-up while Python imports the window and lays it out.

`python main.py project.gpkg` (or the last project, reopened at start-up) spends its first second or two
importing Qt, pyqtgraph and the window's modules and building the window; the project file (5 million premises
for a region) is read only afterwards. `start(path)` begins reading it at once in a background thread (io and
numpy only: the reading and GDAL release the interpreter most of the time), with the map's drawing data
(`prepare_loaded`, once the GUI thread has imported the widget modules); `ProjectActions.load` then `take`s the reading under way instead of starting another.
Whatever was not taken (the user declined to open the file, a recovery was offered first) is dropped by
`discard`, so the memory does not stay held.
"""
from __future__ import annotations

import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor

_LOCK = threading.Lock()
_PENDING: dict[str, Future] = {}
#: set by the GUI thread once it has imported the window (pyqtgraph and Qt's widget modules): the worker only
#: then builds the map's drawing data, so no Qt module is first imported outside the GUI thread
UI_IMPORTED = threading.Event()
#: how long the worker waits for that before leaving the drawing data to the opening worker (seconds)
UI_WAIT_S = 60.0


def _key(path: str) -> str:
    return os.path.normcase(os.path.realpath(os.fspath(path)))


def prepare_outlines(layer) -> None:
    """`on_layer` of load_project: a polygon layer's outlines prepared in its reading thread, while the premises
    are still being read (once the widget modules are imported, see UI_IMPORTED)."""
    if UI_IMPORTED.wait(UI_WAIT_S):
        from planner.ui.map.polygon_levels import prepare_polygons

        prepare_polygons(layer)


def _read(path: str):
    from planner.io.project.project_file import is_project, load_project

    if not is_project(path):  # a layer file: imported by the window as usual
        return None
    project = load_project(path, on_layer=prepare_outlines)
    if UI_IMPORTED.wait(UI_WAIT_S):
        from planner.ui.map.map_canvas import prepare_loaded

        prepare_loaded(project)
    return project


def start(path: str) -> Future:
    """Begin reading the file `path` in a background thread, as a project (its result is None when the file is
    not a project; errors are raised by `result()`, for the window to show as from a normal open)."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="prefetch")
    future = pool.submit(_read, path)
    pool.shutdown(wait=False)
    with _LOCK:
        _PENDING[_key(path)] = future
    return future


def take(path: str) -> Future | None:
    """The reading of `path` started at start-up, if any (handed over once)."""
    with _LOCK:
        return _PENDING.pop(_key(path), None)


def discard() -> None:
    """Drop readings nobody took (their result is released when the thread ends)."""
    with _LOCK:
        pending = list(_PENDING.values())
        _PENDING.clear()
    for future in pending:
        future.cancel()
