"""Slow map layers render a new zoom level in a background thread; the frame shows their previous image meanwhile.

A region's premises raster or its 4,485 commune outlines take 20–30 ms to draw on a laptop core; drawn at every
frame of a wheel zoom they would make each frame miss 40 ms. A layer whose view would take more than `SLOW_MS`
to draw (`DrawCost`, learnt from its direct drawings) asks `request(item, key, render, on_ready)` instead: `render()` (numpy, or QPainter on a QImage — no
QObject) runs in one background thread, and `on_ready(key, result)` is called on the GUI thread when it is done,
while the frames in between draw the layer's previous image, scaled by the view (as QGIS's canvas does); a
render that fails hands its exception to `on_ready` (the layer then draws directly again).
Requests do not queue up: while one render runs, only the latest request of an item is kept, and it starts when
the running one ends. Fast layers (the Gers: a few milliseconds) keep drawing directly, frame by frame.
"""
from __future__ import annotations

import time
import weakref
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from planner.ui.common.worker_pool import WorkerPool

#: a view whose drawing would take longer than this (milliseconds) is rendered in the background
SLOW_MS = 15.0


class DrawCost:
    """How long a layer takes to draw per unit of work (vertices, premises in view), learnt per kind of drawing
    (`key`: a level of detail) from its direct drawings and from its background renders: a view is slow when its
    work at that rate would exceed SLOW_MS (a town view of France's communes stays direct, the whole country goes
    to the background). A kind never drawn yet is not slow: it is drawn directly once, and measured."""

    def __init__(self):
        self.rates: dict = {}
        self.assumed: float | None = None  # one rate for every kind (tests, benchmarks)

    def slow(self, work: float, key=None) -> bool:
        rate = self.assumed if self.assumed is not None else self.rates.get(key)
        return rate is not None and work * rate > SLOW_MS

    def learn(self, work: float, ms: float, key=None) -> None:
        rate = ms / max(work, 1.0)
        old = self.rates.get(key)
        self.rates[key] = rate if old is None else 0.5 * (old + rate)

    def forget(self) -> None:
        self.rates = {}
        self.assumed = None


def timed(render: Callable[[], Any]) -> tuple[Any, float]:
    """(render(), milliseconds it took): what a background render reports, for `DrawCost.learn`."""
    t0 = time.perf_counter()
    result = render()
    return result, (time.perf_counter() - t0) * 1000


class _Relay(QObject):
    """Lives on the GUI thread: results cross to it through a queued signal."""

    ready = Signal(object, object, object, object)  # weak item, key, on_ready, result or exception

    def __init__(self):
        super().__init__()
        self.ready.connect(self._deliver)

    def _deliver(self, ref, key, on_ready, result) -> None:
        item = ref()
        state = _STATE.pop(id(item), None) if item is not None else None
        if item is None or not _alive(item):
            return
        on_ready(key, result)  # an exception: the layer draws directly again
        if state is not None and state.get("next") is not None and state["next"][0] != key:
            request(item, *state["next"])


_RELAY: _Relay | None = None
_POOL = WorkerPool("map-render")
_STATE: dict[int, dict[str, Any]] = {}  # id(item) -> {"running": key, "next": (key, render, on_ready) | None}


def _alive(item) -> bool:
    try:
        import shiboken6

        return shiboken6.isValid(item)
    except ImportError:  # pragma: no cover
        return True


def busy(item) -> bool:
    """Whether a background render of this item is running (tests, benchmarks)."""
    return id(item) in _STATE


def request(item, key, render: Callable[[], Any], on_ready: Callable[[Any, Any], None]) -> None:
    """Render `key` of `item` in the background (GUI thread only); `on_ready(key, result)` follows on it."""
    global _RELAY
    if _RELAY is None:
        _RELAY = _Relay()
    state = _STATE.get(id(item))
    if state is not None:  # one at a time per item: the latest request waits for the running one
        if state["running"] != key:
            state["next"] = (key, render, on_ready)
        return
    _STATE[id(item)] = {"running": key, "next": None}
    ref = weakref.ref(item)
    relay = _RELAY

    def work() -> None:
        try:
            result = render()
        except Exception as exc:  # noqa: BLE001 - the layer draws directly next time
            result = exc
        _POOL.emit(relay.ready, ref, key, on_ready, result)

    if _POOL.submit(work) is None:
        _STATE.pop(id(item), None)
