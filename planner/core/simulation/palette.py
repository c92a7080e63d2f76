"""One palette for every view: commune coverage classes and premise states, as hex colours (Qt-free). The map and
its legend, the coverage curves, printed pages and the web map take their colours from here; never restate one.

Premise states go light to dark along the rollout (eligible, marketable, connected: one blue ramp, so they stay
apart in black and white); planned premises are a dark orange ring, unplanned ones grey. The curves of the
territory's eligible, marketable and connected units use the same three blues as the premises in those states.
"""
from __future__ import annotations

from types import MappingProxyType

from planner.core.simulation.premise_state import STATES

#: commune coverage classes (share of the commune's units eligible), light to dark: 0 %, 1–25, 25–50, 50–75,
#: 75–99, 100 %; communes without any unit are not filled
COVERAGE_COLOURS = ("#ececec", "#ffeda0", "#feb24c", "#a1d99b", "#41ab5d", "#005a32")
COVERAGE_THRESHOLDS = (0.0, 25.0, 50.0, 75.0, 100.0)

#: premise state -> colour (keys: planner.core.simulation.premise_state.STATES, in code order)
STATE_COLOURS = MappingProxyType({
    "unplanned": "#b0b0b0",
    "planned": "#d95f02",
    "eligible": "#6baed6",
    "marketable": "#2171b5",
    "connected": "#08306b",
})
#: states drawn as a ring rather than a dot (told apart from the filled states without colour)
STATE_HOLLOW = frozenset({"planned"})
#: colours in state code order (UNPLANNED..CONNECTED)
STATE_COLOUR_LIST = tuple(STATE_COLOURS[k] for k in STATES)

#: sequential ramp for "when": early quarters dark, late ones light (viridis)
QUARTER_RAMP = ("#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58",
                "#b5de2b", "#fde725")


def rgba(colour: str, alpha: int = 255) -> tuple[int, int, int, int]:
    """'#rrggbb' -> (r, g, b, alpha) integers."""
    c = colour.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16), alpha


def web_palette() -> dict:
    """The palette as the web map reads it."""
    return {"coverage": list(COVERAGE_COLOURS), "unplanned": STATE_COLOURS["unplanned"],
            "eligible": STATE_COLOURS["eligible"], "states": dict(STATE_COLOURS), "quarter_ramp": list(QUARTER_RAMP)}
