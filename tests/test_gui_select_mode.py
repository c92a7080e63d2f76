"""Select communes keeps the user's map (issue 15): coverage stays coverage, and the selection outline has a colour
no coverage class, premise state or phase uses."""
from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor

from planner.core.project.model import PHASE_PALETTE
from planner.core.simulation.palette import COVERAGE_COLOURS, SELECTION_COLOUR, STATE_COLOURS

from gui_helpers import click_map, inner_point, make_window, wait_idle


def _rgb(hex_colour: str) -> np.ndarray:
    c = QColor(hex_colour)
    return np.array([c.red(), c.green(), c.blue()], dtype=float)


def test_the_selection_colour_is_far_from_every_class_state_and_phase_colour():
    sel = _rgb(SELECTION_COLOUR)
    others = list(COVERAGE_COLOURS) + list(STATE_COLOURS.values()) + list(PHASE_PALETTE)
    nearest = min(np.linalg.norm(sel - _rgb(c)) for c in others)
    assert nearest > 60  # e.g. the old orange outline was 47 from the 25–50 % class


def test_select_communes_keeps_coverage_on_the_map_and_outlines_in_the_selection_colour(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path, plugins=True, sample=False)
    w.open_sample(demo_plan=True)
    wait_idle(qtbot, w)
    cov, ui = w.coverage_ui, w.phase_ui
    assert cov.runner.wait()
    assert cov.act_coverage_map.isChecked() and not ui.act_by_phase.isChecked()
    fill_before = cov.map_colours.last_fill.copy()
    ui.act_select.trigger()
    assert w.canvas.tool() is ui.select
    assert cov.act_coverage_map.isChecked() and not ui.act_by_phase.isChecked()
    assert cov.map_colours.enabled
    cov.map_colours.apply()
    assert np.array_equal(cov.map_colours.last_fill, fill_before)  # communes still coloured by coverage
    before = w.canvas.grab().toImage()
    x, y = inner_point(w, "32013")
    click_map(w.canvas, x, y)
    auch = w.document.project.communes.index_of("32013")
    assert w.document.selected_communes == {auch}
    after = w.canvas.grab().toImage()
    sel = QColor(SELECTION_COLOUR)

    def count(image, colour):
        data = np.asarray(image.convertToFormat(image.Format.Format_RGB32).constBits(), dtype=np.uint8)
        pixels = data.reshape(image.height(), image.width(), 4)[..., :3][..., ::-1]
        return int(np.all(np.abs(pixels.astype(int) - [colour.red(), colour.green(), colour.blue()]) <= 8,
                          axis=-1).sum())

    assert count(before, sel) == 0
    assert count(after, sel) > 50  # the outline of Auch, in the selection colour
    # drawing a zone, by contrast, shows premises by phase, and says so
    ui.act_draw.trigger()
    assert ui.act_by_phase.isChecked() and not cov.act_coverage_map.isChecked()
    assert "coloured by phase" in w.statusBar().currentMessage()
    w.document.set_clean()
