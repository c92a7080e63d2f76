"""Plain map events fed to tool state machines: the canvas translates Qt events into these (map metres)."""
from __future__ import annotations

from dataclasses import dataclass

# kinds
PRESS = "press"
MOVE = "move"
RELEASE = "release"
DOUBLE_CLICK = "double_click"
KEY = "key"

# buttons
LEFT = "left"
RIGHT = "right"
MIDDLE = "middle"

# keys (names, not Qt codes)
KEY_ENTER = "enter"
KEY_ESCAPE = "escape"
KEY_BACKSPACE = "backspace"
KEY_DELETE = "delete"


@dataclass(frozen=True)
class MapEvent:
    """One input event in map coordinates (EPSG:2154 metres).

    `pixel_size` is the size of one screen pixel in metres at the current zoom, so tools can turn
    pixel tolerances (snapping, vertex hit-testing) into map distances.
    """

    kind: str
    x: float = 0.0
    y: float = 0.0
    button: str | None = None
    key: str | None = None
    shift: bool = False
    ctrl: bool = False
    alt: bool = False
    pixel_size: float = 1.0
