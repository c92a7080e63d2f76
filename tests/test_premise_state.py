"""One premise state at a month (planner/core/simulation/premise_state.py) and one palette, for every view.

The Gers sample with four phases of every kind (a drawn commune, a holed zone built pro rata, a two-part zone on
the crew pool, listed communes): per commune and month the premises shown eligible, marketable and connected hold
the simulated units; the window's map and the printed page give every premise the same state; the legend, the
curves and the printed pages use the very same colour objects.
"""
from __future__ import annotations

import numpy as np
import pytest

from planner.core.phases.assignment import assign
from planner.core.simulation import palette
from planner.core.simulation.coverage import simulate
from planner.core.simulation.premise_state import (CONNECTED, ELIGIBLE, MARKETABLE, NEVER, PLANNED, STATES, UNPLANNED,
                                                   BuildOrder, commune_levels, premise_states, premise_timeline)

from project_samples import sample_project


@pytest.fixture(scope="module")
def plan():
    p = sample_project(per_commune_cap=300)
    a = assign(p)
    r = simulate(p, a)
    order = BuildOrder(a, p.premises.x, p.premises.y, p.premises.units)
    return p, a, r, premise_timeline(r, order)


def _units_by_commune(p, a, mask):
    c = np.asarray(a.premise_commune)
    ok = (c >= 0) & mask
    return np.bincount(c[ok], weights=p.premises.units[ok], minlength=len(p.communes)).astype(np.int64)


def test_states_hold_each_communes_simulated_units(plan):
    p, a, r, tl = plan
    levels = commune_levels(r)
    biggest = int(p.premises.units.max())
    cells_per_commune = np.bincount(np.asarray(a.cell_commune), minlength=len(p.communes))
    checked = 0
    for t in range(0, len(r.months), 5):
        s = premise_states(tl, t)
        for key, level in ((ELIGIBLE, "eligible"), (MARKETABLE, "marketable"), (CONNECTED, "connected")):
            shown = _units_by_commune(p, a, s >= key)
            gap = levels[level][:, t] - shown
            # whole premises: a commune shows its simulated units, at most one premise short per cell; connections
            # follow the take-up draws, which may run a few premises ahead of the marketable ones
            assert gap.min() >= 0, (r.months[t], level)
            slack = 3 * biggest if level == "connected" else biggest * np.maximum(cells_per_commune, 1)
            assert (gap <= slack).all(), (r.months[t], level)
            checked += int(levels[level][:, t].sum() > 0)
    assert checked > 20  # the months checked do hold eligible, marketable and connected units
    # the run ends with every planned unit eligible: then premises and simulation agree exactly
    last = premise_states(tl, len(r.months) - 1)
    assert np.array_equal(_units_by_commune(p, a, last >= ELIGIBLE), levels["eligible"][:, -1])


def test_states_only_move_forward_and_follow_the_rules(plan):
    p, a, r, tl = plan
    planned = np.asarray(a.premise_phase) >= 0
    previous = premise_states(tl, -1)
    assert set(np.unique(previous)) == {UNPLANNED, PLANNED}
    assert np.array_equal(previous == PLANNED, planned)
    for t in range(len(r.months)):
        s = premise_states(tl, t)
        assert (s >= previous).all()  # eligible premises stay eligible, connected ones connected
        assert (s[~planned] == UNPLANNED).all()
        previous = s
    delay = r.inputs.marketing_delay
    ok = tl.marketable != NEVER
    assert np.array_equal(tl.marketable[ok], tl.eligible[ok] + delay)
    conn = tl.connected != NEVER
    assert conn.any() and (tl.connected[conn] >= tl.marketable[conn]).all()
    # a month given as text is the same month
    assert np.array_equal(premise_states(tl, r.months[30]), premise_states(tl, 30))


def test_premises_of_a_phase_outside_every_commune_are_built_with_it():
    import shapely

    from planner.core.project.model import Phase

    p = sample_project(per_commune_cap=20)
    prem = p.premises.layer
    n = 40  # points south of the Gers, in no commune
    x, y = np.linspace(480000, 490000, n), np.full(n, 6240000.0)
    prem.x, prem.y = np.r_[prem.x, x], np.r_[prem.y, y]
    prem.fields = {k: np.r_[v, np.full(n, v[0], dtype=v.dtype)] for k, v in prem.fields.items()}
    p.phases.append(Phase(id=20, name="South", zone=shapely.box(479000, 6239000, 491000, 6241000)))
    a = assign(p)
    r = simulate(p, a)
    tl = premise_timeline(r, BuildOrder(a, p.premises.x, p.premises.y, p.premises.units))
    outside = np.arange(len(p.premises)) >= len(p.premises) - n
    assert (np.asarray(a.premise_commune)[outside] == -1).all()
    assert (tl.eligible[outside] != NEVER).all()
    # their phase's units outside every commune (one cell) become eligible by the same counts
    t = int(tl.eligible[outside].max())
    units = p.premises.units[outside]
    assert units[tl.eligible[outside] <= t].sum() == units.sum()


def test_connections_are_scattered_over_the_marketable_premises(plan):
    p, a, r, tl = plan
    row = p.communes.index_of("32013")
    inside = np.asarray(a.premise_commune) == row
    t = r.month_index("2021-06")
    s = premise_states(tl, t)[inside]
    x, y = p.premises.x[inside], p.premises.y[inside]
    d = np.hypot(x - x.mean(), y - y.mean())
    connected, marketable = s == CONNECTED, s == MARKETABLE
    assert connected.sum() > 20 and marketable.sum() > 20
    # not a disc at the centre: connected and marketable premises lie at much the same distances
    assert abs(np.median(d[connected]) - np.median(d[marketable])) < 0.5 * np.median(d[inside[inside]])


def test_cells_are_built_from_their_centre_outwards(plan):
    p, a, r, tl = plan
    row = p.communes.index_of("32013")  # Auch: the first phase's only commune
    inside = (np.asarray(a.premise_commune) == row) & (np.asarray(a.premise_phase) == 0)
    x, y = p.premises.x[inside], p.premises.y[inside]
    d = np.hypot(x - x.mean(), y - y.mean())
    months = tl.eligible[inside]
    first = months.min()
    assert (months > first).any()
    assert d[months == first].max() <= d[months > first].min() + 1e-9


def test_export_eligible_month_is_the_maps(plan):
    from planner.io.exports.plan import build_plan

    p, a, r, tl = plan
    from planner.core.months import format_month

    table = build_plan(p).premises
    expected = np.array([format_month(m) if m >= 0 else None for m in tl.eligible], dtype=object)
    assert np.array_equal(table.columns["eligible_month"], expected)


def test_screen_and_print_give_every_premise_the_same_state(qtbot):
    from planner.render.map.map_painter import MapPainter
    from planner.ui.shell.main_window import MainWindow

    project = sample_project(per_commune_cap=200)
    mw = MainWindow()
    qtbot.addWidget(mw)
    mw.show()
    mw.document.set_project(project)
    ui = mw.coverage_ui
    assert ui.runner.wait() and ui.runner.result is not None, ui.runner.error
    assert ui.map_colours.wait()  # the premises' timeline comes from a worker
    result, assignment = ui.runner.result, ui.runner.cache.assignment
    painter = MapPainter(project, assignment=assignment, result=result)
    compared = 0
    for month in (0, 9, 20, 31, 47, len(result.months) - 1):
        ui.slider.slider.setValue(month)
        screen = ui.map_colours.last_states
        printed = painter.premise_classes("state", result.months[month])
        keys = [printed.styles[i].key for i in printed.codes]
        assert [STATES[s] for s in screen] == keys, result.months[month]
        compared += int((screen >= ELIGIBLE).sum())
    assert compared > 1000
    mw.document.set_clean()


def test_one_palette_the_same_objects_everywhere(qtbot):
    from planner.render.map import styles
    from planner.render.map.premise_classes import state_classes
    from planner.render.printing.curve import state_series
    from planner.ui.simulation.coverage_legend import CoverageLegend
    from planner.ui.simulation.coverage_panel import SERIES_COLORS
    from planner.ui.simulation.coverage_ui import state_palette

    legend = CoverageLegend()
    qtbot.addWidget(legend)
    for key in STATES:
        assert legend.state_colours[key] is palette.STATE_COLOURS[key]
        assert styles.STATE_COLOURS[key] is palette.STATE_COLOURS[key]
    for key in ("eligible", "marketable", "connected"):
        assert SERIES_COLORS[key] is palette.STATE_COLOURS[key]
    printed = state_series(np.zeros(3), np.zeros(3), np.zeros(3), "en")
    assert [s.colour for s in printed] == [SERIES_COLORS[k] for k in ("eligible", "marketable", "connected")]
    assert all(s.colour is palette.STATE_COLOURS[k] for s, k in zip(printed, ("eligible", "marketable", "connected")))

    class _A:  # an assignment with one premise in a phase, one outside
        premise_phase = np.array([0, -1])

    classes = state_classes(_A(), None, None, "en")
    assert all(st.colour is palette.STATE_COLOURS[st.key] for st in classes.styles)
    assert [st.key for st in classes.styles] == list(STATES)
    # the map's premise colours are the palette's, in state code order
    assert state_palette() == [palette.rgba(palette.STATE_COLOURS[k]) for k in STATES]
    # the five states stay apart in black and white: eligible, marketable, connected darken in that order
    from PySide6.QtGui import QColor

    light = [QColor(palette.STATE_COLOURS[k]).lightness() for k in ("eligible", "marketable", "connected")]
    assert light == sorted(light, reverse=True) and min(np.diff(light[::-1])) > 30


def test_a_build_order_nobody_wants_any_more_stops_between_its_sorts(plan):
    from planner.core.errors import Cancelled

    p, a, r, timeline = plan
    asked = []

    def cancel():
        asked.append(1)
        return len(asked) >= 2  # wanted at the first check, not at the second

    with pytest.raises(Cancelled):
        BuildOrder(a, p.premises.x, p.premises.y, p.premises.units, cancel=cancel)
    order = BuildOrder(a, p.premises.x, p.premises.y, p.premises.units, cancel=lambda: False)
    np.testing.assert_array_equal(premise_timeline(r, order).eligible, timeline.eligible)
