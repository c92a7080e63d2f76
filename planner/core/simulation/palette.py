"""One palette for every view: commune coverage classes and premise states, as hex colours (Qt-free). The map and
its legend, the coverage curves, printed pages and the web map take their colours from here; never restate one.

Chosen so that every commune class, every premise state, the selection outline and the "behind plan" red are told
apart, on screen and in black and white (tests/test_palette.py measures it, CIEDE2000):
- commune coverage classes: a neutral grey for 0 %, then one yellow-to-green ramp that darkens with coverage
  (no orange or red, so nothing reads as the "behind plan" red or a warning);
- premise states go light to dark along the rollout: unplanned light grey, then eligible, marketable, connected on
  one blue ramp; planned premises are a purple ring, a hue no class or other state uses, told apart by its shape too;
- the selection outline is cyan on a dark casing; communes behind plan are red.
The curves of the territory's eligible, marketable and connected units use the same three blues as the premises in
those states.
"""
from __future__ import annotations

from types import MappingProxyType

from planner.core.simulation.premise_state import STATES

#: commune coverage classes (share of the commune's units eligible), light to dark: 0 %, 1–25, 25–50, 50–75,
#: 75–99, 100 %; communes without any unit are not filled
COVERAGE_COLOURS = ("#f3f3f3", "#f3e083", "#b6ce5d", "#72b356", "#378f51", "#09613e")
COVERAGE_THRESHOLDS = (0.0, 25.0, 50.0, 75.0, 100.0)

#: premise state -> colour (keys: planner.core.simulation.premise_state.STATES, in code order)
STATE_COLOURS = MappingProxyType({
    "unplanned": "#bdbdbd",
    "planned": "#7b3294",
    "eligible": "#42a1d9",
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

#: outline of selected communes on screen (cyan on a dark casing): a colour no class, state or phase uses
SELECTION_COLOUR = "#00e5ff"
SELECTION_CASING = "#1a1a1a"

#: fill of communes behind plan (plan versus actual figures, on the map)
BEHIND_PLAN_COLOUR = "#d7191c"


def rgba(colour: str, alpha: int = 255) -> tuple[int, int, int, int]:
    """'#rrggbb' -> (r, g, b, alpha) integers."""
    c = colour.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16), alpha


def web_palette() -> dict:
    """The palette as the web map reads it."""
    return {"coverage": list(COVERAGE_COLOURS), "unplanned": STATE_COLOURS["unplanned"],
            "eligible": STATE_COLOURS["eligible"], "states": dict(STATE_COLOURS), "quarter_ramp": list(QUARTER_RAMP),
            "selection": SELECTION_COLOUR, "selection_casing": SELECTION_CASING}
