"""Progress and cancel callables for long work: core functions take `progress(fraction, message)` and `cancel()`."""
from __future__ import annotations

from typing import Callable, Protocol

from planner.core.errors import Cancelled


class Progress(Protocol):
    def __call__(self, fraction: float, message: str = "") -> None: ...


def no_progress(fraction: float, message: str = "") -> None:
    """A progress callback that does nothing."""


def never_cancel() -> bool:
    return False


def check_cancel(cancel: Callable[[], bool] | None) -> None:
    """Raise Cancelled when the user asked to stop."""
    if cancel is not None and cancel():
        raise Cancelled()
