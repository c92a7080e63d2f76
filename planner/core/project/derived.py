"""Arrays derived from layers, kept with the content tokens of the layers they were computed from.

Some results cost seconds to compute from millions of premises but stay the same while those premises (and the
communes) do: the commune each premise falls in, the map's density pyramid. `remember(layer, name, tokens,
arrays)` keeps them on the layer they belong to with the content tokens (planner/core/project/content_tokens.py)
of every layer they were computed from; `lookup(layer, name, tokens)` gives them back only while the tokens
asked for are the ones they were computed with: a replaced or edited layer has new arrays, hence a new token,
so stale results are never used (the caller then computes and remembers them again).

A project file stores them (planner/io/project/derived_table.py) and gives them back lazily: `remember(...,
load=fn)` keeps a function that reads them on first use (and may answer None when the file no longer holds
them). Entries travel with the layer object (a snapshot shares their arrays, a pickled project carries them to
the writer process) and are only a cache: without them everything is computed as before.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

_ATTR = "_derived"
_LOCK = threading.Lock()


@dataclass
class Derived:
    """Named arrays computed from the layers whose content tokens are `tokens` (or how to read them)."""

    tokens: tuple[str, ...]
    arrays: dict[str, np.ndarray] | None = None
    load: Callable[[], dict[str, np.ndarray] | None] | None = field(default=None, repr=False)

    def get(self) -> dict[str, np.ndarray] | None:
        """The arrays, read on first use when they come from a file (None when they cannot be read)."""
        with _LOCK:
            if self.arrays is None and self.load is not None:
                load, self.load = self.load, None
                try:
                    self.arrays = load()
                except (OSError, ValueError, MemoryError):  # a file moved, damaged or too big: a cache miss
                    self.arrays = None
            return self.arrays

    def __deepcopy__(self, memo):  # a project snapshot shares the (never edited) arrays
        return Derived(self.tokens, self.arrays, self.load)


def remember(layer, name: str, tokens, arrays: dict[str, np.ndarray] | None = None,
             load: Callable[[], dict[str, np.ndarray] | None] | None = None) -> None:
    """Keep `arrays` (or a `load`er of them) computed from layers with these content tokens, on `layer`."""
    for a in (arrays or {}).values():
        a.setflags(write=False)  # shared by whoever looks them up: nobody edits them in place
    entry = Derived(tuple(str(t) for t in tokens), arrays, load)
    with _LOCK:
        layer.__dict__.setdefault(_ATTR, {})[name] = entry


def lookup(layer, name: str, tokens) -> dict[str, np.ndarray] | None:
    """The arrays remembered under `name` if they were computed from layers with exactly these tokens."""
    if layer is None:
        return None
    entry = layer.__dict__.get(_ATTR, {}).get(name)
    if entry is None or entry.tokens != tuple(str(t) for t in tokens):
        return None
    return entry.get()


def entries(layer) -> dict[str, Derived]:
    """Everything remembered on the layer (current or not: the writer checks the tokens)."""
    with _LOCK:
        return dict(layer.__dict__.get(_ATTR, {}))


def forget(layer, name: str | None = None) -> None:
    """Drop one entry (or all of them) of the layer."""
    with _LOCK:
        if name is None:
            layer.__dict__.pop(_ATTR, None)
        else:
            layer.__dict__.get(_ATTR, {}).pop(name, None)
