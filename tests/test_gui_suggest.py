"""Phases ▸ Suggest… in the window, and Phase from selection moving the picked communes as the planner means."""
from __future__ import annotations

import numpy as np
import pytest
import shapely

from planner.core.phases.assignment import assign
from planner.core.phases.phase_builders import phases_per_field
from planner.core.phases.phase_commands import AddPhase

from gui_helpers import sample_copy, window_on

pytestmark = pytest.mark.usefixtures("no_modal_dialogs")


@pytest.fixture
def window(qtbot, sample):
    project = sample_copy(sample)
    phases_per_field(project, "code_epci").do(project)
    mw = window_on(qtbot, project)
    qtbot.waitUntil(lambda: not mw.is_busy(), timeout=60000)
    yield mw
    mw.close()


def test_suggest_dialog_shows_the_plan_beside_the_current_one_and_applies_as_one_edit(window, qtbot, tmp_path):
    ui = window.phase_ui
    assert ui.act_suggest in window.menu("Phases").actions() and ui.act_suggest.isEnabled()
    ui.act_suggest.trigger()
    dlg = ui.suggest_dialog
    dlg.n_phases.setValue(9)
    dlg.pool.setValue(12)
    op = dlg.operation()
    assert (op.n_phases, op.pool, op.target_pct, op.group) == (9, 12.0, None, "communes")
    dlg.suggest()
    assert dlg.wait(60000) and dlg.result is not None
    assert dlg.table.rowCount() == 9 and dlg.table.item(0, 0).text().startswith("Phase 1")
    units = [int(dlg.table.item(i, 1).text().replace(" ", "")) for i in range(9)]
    assert sum(units) == sum(dlg.result.plan.units) == int(assign(window.document.project).phase_units.sum())
    x_cur, y_cur = dlg.current_curve.getData()
    x_new, y_new = dlg.suggested_curve.getData()
    assert len(x_cur) == len(x_new) > 12 and y_new[-1] <= 100 and np.any(y_cur != y_new)
    text = dlg.summary.text()
    assert "Suggested plan: 50 %" in text and "Current plan: 50 %" in text
    assert dlg.result.score.milestones[66] in text
    dlg.grab().save(str(tmp_path / "suggest.png"))
    before = [p.name for p in window.document.project.phases]
    dlg.apply_button.click()
    assert [p.name for p in window.document.project.phases] == [p.name for p in dlg.result.plan.phases]
    assert window.document.session.undo_label() == "Suggest 9 phases"
    window.document.undo()
    assert [p.name for p in window.document.project.phases] == before
    dlg.close()


def test_phase_from_selection_moves_the_communes_even_from_a_drawn_zone(window, qtbot):
    mw, ui = window, window.phase_ui
    project = mw.document.project
    communes = project.communes
    auch = communes.index_of("32013")
    ring = shapely.buffer(communes.geometries[auch], 50.0)
    mw.document.push(AddPhase(project, name="Drawn around Auch", zone=ring, index=0))
    assert ui.cache.wait()
    nb = [int(r) for r in np.flatnonzero(shapely.touches(communes.geometries, communes.geometries[auch]))][:2]
    picked = [auch] + nb
    mw.document.set_selected_communes(picked)
    pid = ui.phase_from_selection()
    assert ui.cache.wait()
    a = assign(project)
    index = [p.id for p in project.phases].index(pid)
    assert index == 0  # placed before the drawn phase that held Auch, so it takes the picked communes
    held = a.cell_phase[np.isin(a.cell_commune, picked)]
    assert set(held.tolist()) == {index}
    assert a.phase_units[index] == a.commune_units[picked].sum() > 0
    for p in project.phases[1:]:
        assert not set(p.communes) & {str(communes.codes[r]) for r in picked}
    assert "takes the selected communes from" in mw.statusBar().currentMessage()
