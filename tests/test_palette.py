"""The one palette (planner/core/simulation/palette.py) tells apart what the map shows side by side (issue 15): every
commune coverage class, every premise state, the selection outline and the "behind plan" red, in colour (CIEDE2000
colour difference, hue families) and in black and white (lightness order)."""
from __future__ import annotations

import itertools
import math

import numpy as np

from planner.core.simulation import palette
from planner.core.simulation.premise_state import STATES


def lab(colour: str) -> tuple[float, float, float]:
    """'#rrggbb' (sRGB, D65) -> CIE L*a*b*."""
    rgb = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)]) / 255.0
    rgb = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = m @ rgb / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 216 / 24389, np.cbrt(xyz), (24389 / 27 * xyz + 16) / 116)
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def hue(colour: str) -> float:
    _, a, b = lab(colour)
    return math.degrees(math.atan2(b, a)) % 360


def delta_e2000(c1: str, c2: str) -> float:
    """CIEDE2000 colour difference of two '#rrggbb' colours."""
    return _de2000(lab(c1), lab(c2))


def _de2000(lab1, lab2) -> float:
    """CIEDE2000 colour difference of two L*a*b* triples (Sharma, Wu & Dalal 2005)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    cbar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(cbar ** 7 / (cbar ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p, h2p = math.degrees(math.atan2(b1, a1p)) % 360, math.degrees(math.atan2(b2, a2p)) % 360
    dh = 0.0 if c1p * c2p == 0 else (h2p - h1p + 180) % 360 - 180
    d_l, d_c = l2 - l1, c2p - c1p
    d_h = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    lbar, cbarp = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        hbar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hbar = (h1p + h2p) / 2
    else:
        hbar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(hbar - 30)) + 0.24 * math.cos(math.radians(2 * hbar))
         + 0.32 * math.cos(math.radians(3 * hbar + 6)) - 0.2 * math.cos(math.radians(4 * hbar - 63)))
    rt = (-2 * math.sqrt(cbarp ** 7 / (cbarp ** 7 + 25 ** 7))
          * math.sin(math.radians(60 * math.exp(-(((hbar - 275) / 25) ** 2)))))
    sl = 1 + 0.015 * (lbar - 50) ** 2 / math.sqrt(20 + (lbar - 50) ** 2)
    sc, sh = 1 + 0.045 * cbarp, 1 + 0.015 * cbarp * t
    return math.sqrt((d_l / sl) ** 2 + (d_c / sc) ** 2 + (d_h / sh) ** 2 + rt * (d_c / sc) * (d_h / sh))


def _named() -> dict[str, str]:
    named = {f"class {i}": c for i, c in enumerate(palette.COVERAGE_COLOURS)}
    named.update({f"premise {k}": c for k, c in palette.STATE_COLOURS.items()})
    named["selection"] = palette.SELECTION_COLOUR
    named["behind plan"] = palette.BEHIND_PLAN_COLOUR
    return named


def test_the_difference_formula_matches_the_published_test_data():
    for lab1, lab2, expected in (((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
                                 ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
                                 ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
                                 ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644)):
        assert abs(_de2000(lab1, lab2) - expected) < 1e-4
    assert delta_e2000("#808080", "#808080") == 0.0
    assert abs(delta_e2000("#ffffff", "#000000") - 100.0) < 0.01
    assert 20 < delta_e2000("#d95f02", "#feb24c") < 25  # the old 'planned' orange vs the old 25–50 % orange


def test_every_class_state_selection_and_behind_plan_colour_is_told_apart():
    named = _named()
    assert len(set(named.values())) == len(named)
    nearest = min((delta_e2000(a, b), na, nb) for (na, a), (nb, b) in itertools.combinations(named.items(), 2))
    assert nearest[0] >= 12, nearest  # the old 'planned' ring vs '25–50 %' was 23 but the same orange hue
    # a thin ring or outline is told by its hue: 'planned', the selection and 'behind plan' share no hue family
    # with any coloured commune class (the 0 % grey has none)
    for key in ("premise planned", "selection", "behind plan"):
        for i, c in enumerate(palette.COVERAGE_COLOURS[1:], start=1):
            gap = abs((hue(named[key]) - hue(c) + 180) % 360 - 180)
            assert gap >= 45, (key, i, gap)  # the old orange ring was 20° from the 25–50 % class
    assert abs((hue(palette.STATE_COLOURS["planned"]) - hue(palette.BEHIND_PLAN_COLOUR) + 180) % 360 - 180) >= 45


def test_black_and_white_keeps_the_order():
    classes = [lab(c)[0] for c in palette.COVERAGE_COLOURS]
    assert all(a - b >= 6 for a, b in zip(classes, classes[1:])), classes  # light to dark with coverage
    ramp = [lab(palette.STATE_COLOURS[k])[0] for k in ("unplanned", "eligible", "marketable", "connected")]
    assert all(a - b >= 10 for a, b in zip(ramp, ramp[1:])), ramp  # light to dark along the rollout
    assert tuple(palette.STATE_COLOURS) == STATES and palette.STATE_HOLLOW == {"planned"}  # the ring: its shape


def test_the_behind_plan_fill_on_the_map_is_the_palette_s():
    from planner.ui.simulation.coverage_ui import MARK_RGBA

    assert MARK_RGBA == palette.rgba(palette.BEHIND_PLAN_COLOUR)
