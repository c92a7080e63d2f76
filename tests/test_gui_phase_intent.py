"""Phases that do what the planner meant (issue 14): Draw zone says in the status bar which phase the polygon goes
to; with no phase selected (Esc or Ctrl+click in the phase table) a drawing makes a new phase; a phase whose zone,
or one drawn part of it, takes no premise is flagged in the phase table with the phases that hold them."""
from __future__ import annotations

import pytest
import shapely
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from planner.core.phases.assignment import assign
from planner.core.project.model import Phase
from planner.ui.phases.phase_table_model import COL_NAME

from gui_helpers import drawing_window, sample_copy
from test_gui_phases_tools import _click, _pos

pytestmark = pytest.mark.usefixtures("no_modal_dialogs")

AUCH, CONDOM = "32013", "32107"


@pytest.fixture
def window(qtbot, sample):
    mw = drawing_window(qtbot, sample_copy(sample, [Phase(1, "Auch", communes=[AUCH]),
                                                    Phase(2, "Condom", communes=[CONDOM])]))
    yield mw
    mw.document.set_clean()


def _inside_auch(mw, half=700.0):
    """A small square well inside Auch (its premises belong to the phase 'Auch', first in the order)."""
    auch = mw.document.project.communes.geometries[mw.document.project.communes.index_of(AUCH)]
    c = shapely.point_on_surface(auch.buffer(-2000))
    return [(c.x - half, c.y - half), (c.x + half, c.y - half), (c.x + half, c.y + half), (c.x - half, c.y + half)]


def _draw(mw, qtbot, pts):
    for x, y in pts:
        _click(mw.canvas, _pos(mw, x, y))
    qtbot.keyClick(mw.canvas, Qt.Key_Return)


def _row_rect(panel, row):
    return panel.table.visualRect(panel.model.index(row, COL_NAME))


def _checked(qtbot, mw):
    """Wait for the assignment and the validation checks of the latest edit."""
    ui = mw.phase_ui
    assert ui.cache.wait()
    qtbot.waitUntil(lambda: ui.cache.is_current() and not ui.validation.busy, timeout=20000)
    QApplication.processEvents()


def test_the_status_bar_says_which_phase_a_drawing_goes_to_and_no_phase_makes_a_new_one(window, qtbot):
    mw, ui = window, window.phase_ui
    bar = mw.statusBar()
    # the planner selects 'Condom' in the table, then picks Draw zone
    qtbot.mouseClick(ui.panel.table.viewport(), Qt.LeftButton, pos=_row_rect(ui.panel, 1).center())
    assert mw.document.current_phase_id == 2
    ui.act_draw.trigger()
    assert "Drawing a zone for 'Condom': it becomes another part of it." in bar.currentMessage()
    assert "with no phase selected, a drawing makes a new phase" in bar.currentMessage()
    # selecting another phase while the tool waits: the status bar follows
    qtbot.mouseClick(ui.panel.table.viewport(), Qt.LeftButton, pos=_row_rect(ui.panel, 0).center())
    assert "Drawing a zone for 'Auch'" in bar.currentMessage()
    # Esc in the phase table unselects it: the next drawing makes a new phase, and the status bar says so
    ui.panel.table.setFocus()
    qtbot.keyClick(ui.panel.table, Qt.Key_Escape)
    assert mw.document.current_phase_id is None
    assert not ui.panel.table.selectionModel().selectedRows()
    assert bar.currentMessage().startswith("Drawing a new phase")
    x0, y0 = _inside_auch(mw)[0]
    square = [(x0 - 6000 + dx, y0 + dy) for dx, dy in ((0, 0), (1500, 0), (1500, 1500), (0, 1500))]
    _draw(mw, qtbot, square)
    project = mw.document.project
    assert [p.name for p in project.phases] == ["Auch", "Condom", "Phase 3"]
    new = project.phases[2]
    assert new.zone is not None and new.zone.area == pytest.approx(1500.0 ** 2, rel=0.05)
    assert project.phases[0].zone is None and project.phases[1].zone is None  # nobody else got a part
    assert mw.document.current_phase_id == new.id
    assert "New phase 'Phase 3' made of the drawn zone" in bar.currentMessage()
    assert mw.document.undo_text() == "Add Phase 3"
    # Ctrl+click on the selected row also unselects it (Qt's single selection), with the same effect
    row = _row_rect(ui.panel, 2).center()
    qtbot.mouseClick(ui.panel.table.viewport(), Qt.LeftButton, Qt.ControlModifier, pos=row)
    assert mw.document.current_phase_id is None
    _draw(mw, qtbot, [(x + 2500, y) for x, y in square])
    assert [p.name for p in project.phases] == ["Auch", "Condom", "Phase 3", "Phase 4"]


def test_a_zone_that_takes_no_premise_is_flagged_with_the_phase_that_holds_them(window, qtbot, tmp_path):
    mw, ui = window, window.phase_ui
    model = ui.panel.model
    _checked(qtbot, mw)
    assert model.zone_flags == {}
    assert model.index(1, COL_NAME).data(Qt.DecorationRole) is None
    # 'Condom' is selected and the planner draws over Auch: the polygon becomes a second part of 'Condom' and
    # takes nothing, since 'Auch' comes first in the order
    mw.document.set_current_phase(2)
    ui.act_draw.trigger()
    _draw(mw, qtbot, _inside_auch(mw))
    project = mw.document.project
    assert project.phases[1].zone is not None
    _checked(qtbot, mw)
    a = assign(project)
    assert a.phase_units[1] > 0  # Condom keeps its commune's units
    inside = shapely.intersects_xy(project.phases[1].zone, project.premises.x, project.premises.y)
    held = int(project.premises.units[inside].sum())
    assert held > 50 and (a.premise_phase[inside] == 0).all()  # all taken by 'Auch'
    assert set(model.zone_flags) == {2}
    icon = model.index(1, COL_NAME).data(Qt.DecorationRole)
    assert icon is not None and not icon.isNull()
    tip = model.index(1, COL_NAME).data(Qt.ToolTipRole)
    assert tip.startswith("Condom\n\nPart 1 of the zone of 'Condom' takes no premise")
    assert f"its {held:,} units go to 'Auch'".replace(",", "\u202f") in tip
    assert model.index(0, COL_NAME).data(Qt.DecorationRole) is None  # 'Auch' is fine
    ui.panel.table.resizeColumnToContents(COL_NAME)
    ui.panel.grab().save(str(tmp_path / "phase_flag.png"))
    # a new phase drawn inside Auch with no phase selected takes nothing at all: flagged too, naming 'Auch'
    mw.document.set_current_phase(None)
    _draw(mw, qtbot, [(x + 300, y + 300) for x, y in _inside_auch(mw, 200.0)])
    _checked(qtbot, mw)
    new = project.phases[2]
    assert set(model.zone_flags) == {2, new.id}
    assert model.zone_flags[new.id].startswith(f"The zone of '{new.name}' takes no premise")
    assert "go to 'Auch', earlier in the order" in model.zone_flags[new.id]
    # moving the new phase first fixes it: it takes its premises, and the flag goes
    model.move_phase(new.id, 0)
    _checked(qtbot, mw)
    assert new.id not in model.zone_flags
    # undo everything: no flag is left
    while mw.document.session.can_undo():
        mw.document.undo()
    _checked(qtbot, mw)
    assert model.zone_flags == {}
