"""Content tokens: a name for "these exact layer arrays", so saves and caches know what changed without hashing.

Layer arrays (coordinates, geometries, field columns) are never edited in place: an edit replaces them (see
`Project.snapshot`). So a layer whose arrays are the very objects that were written to a file, or counted by
an assignment, still holds that content. `content_token(layer)` returns the same random token while the arrays
are the same objects (a snapshot shares them, so it shares the token) and a new one once any is replaced,
added or removed. The project file stores each layer's token; loading it gives the loaded arrays that token
again (`adopt_token`), so a save onto the same file can tell the premise table needs no rewrite.

The registry holds weak references only: it never keeps a replaced 5-million-point array alive.
"""
from __future__ import annotations

import threading
import uuid
import weakref

from planner.core.project.model import Layer

#: id of the layer's first array -> (names, weak references to the arrays, token)
_REGISTRY: dict[int, tuple[tuple, tuple, str]] = {}
_LOCK = threading.Lock()


def _arrays(layer: Layer) -> tuple[tuple, tuple]:
    names = ("<x>", "<y>", "<geometries>", *layer.fields)
    arrays = (layer.x, layer.y, layer.geometries, *layer.fields.values())
    return names, arrays


def _key(arrays) -> int | None:
    for a in arrays:
        if a is not None:
            return id(a)
    return None


def _lookup(names, arrays) -> str | None:
    key = _key(arrays)
    entry = _REGISTRY.get(key) if key is not None else None
    if entry is None or entry[0] != names or len(entry[1]) != len(arrays):
        return None
    for ref, a in zip(entry[1], arrays):
        if (ref is None) != (a is None) or (ref is not None and ref() is not a):
            return None
    return entry[2]


def _register(names, arrays, token: str) -> None:
    key = _key(arrays)
    if key is None:
        return
    try:
        refs = tuple(None if a is None else weakref.ref(a) for a in arrays)
    except TypeError:  # a column that is not a numpy array (a list): no token can outlive it safely
        return
    _REGISTRY[key] = (names, refs, token)
    if len(_REGISTRY) > 64:  # forget layers whose arrays are gone
        for k in [k for k, e in _REGISTRY.items() if any(r is not None and r() is None for r in e[1])]:
            _REGISTRY.pop(k, None)


def content_token(layer: Layer | None) -> str:
    """The token of the layer's current arrays (a new random one the first time, or after an array changed)."""
    if layer is None:
        return ""
    names, arrays = _arrays(layer)
    with _LOCK:
        token = _lookup(names, arrays)
        if token is None:
            token = uuid.uuid4().hex
            _register(names, arrays, token)
        return token


def adopt_token(layer: Layer, token: str) -> None:
    """Give the layer's arrays a known token (the one stored with them in a project file)."""
    if not token:
        return
    names, arrays = _arrays(layer)
    with _LOCK:
        _register(names, arrays, str(token))


def has_token(layer: Layer, token: str) -> bool:
    """True when the layer's arrays are the ones `token` was given to."""
    names, arrays = _arrays(layer)
    with _LOCK:
        return bool(token) and _lookup(names, arrays) == token
