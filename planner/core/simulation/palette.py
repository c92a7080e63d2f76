"""One palette for every view: coverage classes of communes and premise states, as hex colours (Qt-free).

The map, its legend, the curves, the printed pages and the web map all take their colours from here.
"""
from __future__ import annotations

#: commune coverage classes, light to dark: 0 %, 1–25, 25–50, 50–75, 75–99, 100 %
COVERAGE_COLOURS = ("#ececec", "#ffeda0", "#feb24c", "#a1d99b", "#41ab5d", "#005a32")
COVERAGE_THRESHOLDS = (0.0, 25.0, 50.0, 75.0, 100.0)
#: premise states
STATE_COLOURS = {"unplanned": "#b0b0b0", "planned": "#6a51a3", "eligible": "#fd8d3c",
                 "marketable": "#41ab5d", "connected": "#08519c"}
#: sequential ramp for "when": early quarters dark, late ones light (viridis)
QUARTER_RAMP = ("#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58",
                "#b5de2b", "#fde725")


def web_palette() -> dict:
    """The palette as the web map reads it."""
    return {"coverage": list(COVERAGE_COLOURS), "unplanned": STATE_COLOURS["unplanned"],
            "eligible": STATE_COLOURS["eligible"], "states": dict(STATE_COLOURS), "quarter_ramp": list(QUARTER_RAMP)}
