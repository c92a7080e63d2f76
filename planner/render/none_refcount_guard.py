"""Guard against PySide6 6.12 on Python 3.11 dropping one reference to None on every void Qt call.

Every QPainter/QPainterPath method returning nothing decrements None's reference count (measured: -1 per
call; None starts near 4,500), so a few thousand drawing calls abort the interpreter with
"none_dealloc: deallocating None". Python 3.12+ makes None immortal and is unaffected. Until PySide6 is
fixed or pinned, we give None a reference count so large that no run can exhaust it.
"""
from __future__ import annotations

import ctypes
import sys

_BOOST = 1 << 50


def protect_none() -> None:
    """Raise None's reference count once per process (no-op on Python >= 3.12, where None is immortal)."""
    if sys.version_info >= (3, 12) or getattr(sys, "_rp_none_protected", False):
        return
    ctypes.c_ssize_t.from_address(id(None)).value += _BOOST
    sys._rp_none_protected = True
