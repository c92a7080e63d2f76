"""The as-built start in the window: imported figures kept in the project (undoable), the run starts from them,
today line, real history, Gantt done/under-way bars, actual quarters in the table, as-of edits, passed targets."""
from __future__ import annotations

import numpy as np
import pytest

from conftest import ARCEP_CSV
from planner.core.decisions.actuals import parse_actuals
from planner.core.project.as_built import AsBuilt, SetAsBuilt, snapshot_from_actuals
from planner.ui.shell.i18n import current_language
from gui_helpers import gers_window


@pytest.fixture
def window(qtbot):
    mw = gers_window(qtbot)
    yield mw
    mw.document.set_clean()  # closing must not ask to save the test's edits


def _import(window, qtbot):
    ui = window.coverage_ui
    actuals_ui = ui._actuals()
    actuals_ui.import_file(str(ARCEP_CSV))
    qtbot.waitUntil(lambda: window.document.project.as_built is not None and not window.is_busy(), timeout=10000)
    assert ui.runner.wait()
    qtbot.waitUntil(lambda: getattr(ui.runner.result, "as_built", None) is not None, timeout=10000)
    return ui, actuals_ui


def test_imported_figures_are_kept_and_the_plan_starts_from_them(window, qtbot, shared_data):
    ui, actuals_ui = _import(window, qtbot)
    doc = window.document
    result = ui.runner.result
    assert result.as_built.as_of == "2018-03" and result.eligible[2] == 7834
    assert doc.undo_text().startswith("Import actual figures")
    # the curves: the real history drawn over months 0..2, the today line at the as-of month
    x, y = ui.panel.history.curve.getData()
    assert list(x) == [0, 1, 2] and np.allclose(y, np.array([7030, 7030, 7834]) * 100 / result.units)
    assert ui.panel.today.value == 2 and "2018-03" in ui.panel.today.line.label.toPlainText()
    assert ui.gantt.today.value == 2
    # the Gantt: under-way phases have a real (hatched) part up to the as-of month, no studies before it
    under = [b for b in ui.gantt.bars if b["state"] == "under_way"]
    assert len(under) == 4 and all(b["actual_end"] == 3 and b["build_start"] < 0 for b in under)
    assert all(b["study_start"] == b["build_start"] for b in under)
    # the quarter table marks the actual quarter column (T1 2018 ends at the as-of month)
    ui.quarter_table.model.set_result(result, doc.project)
    header = ui.quarter_table.model.header
    q = "T1 2018" if current_language() == "fr" else "Q1 2018"
    assert header[3] == ui.quarter_table.model.tr("{0}\nactual").format(q)
    assert not ui.quarter_table.model.actual[1:].any()
    # the as-built box says what the run starts from
    text = actuals_ui.box.summary.text()
    assert "2018-03" in text and "7\u202f834" in text
    # undo: the figures leave the project and the plan starts from nothing again
    doc.undo()
    assert doc.project.as_built is None
    assert ui.runner.wait()
    qtbot.waitUntil(lambda: ui.runner.result.as_built is None, timeout=10000)
    assert ui.runner.result.eligible[2] == 0
    hx = ui.panel.history.curve.getData()[0]
    assert hx is None or len(hx) == 0


def test_as_of_month_and_start_from_nothing_are_undoable_edits(window, qtbot, shared_data):
    ui, actuals_ui = _import(window, qtbot)
    doc = window.document
    box = actuals_ui.box
    box.as_of.setText("2018-02")
    box.as_of.editingFinished.emit()
    assert doc.project.scenario.as_of == "2018-02"
    assert ui.runner.wait()
    qtbot.waitUntil(lambda: ui.runner.result.as_built.as_of == "2018-02", timeout=10000)
    assert ui.runner.result.eligible[1] == 7030 and ui.panel.today.value == 1
    assert "figures after the as-of month 2018-02 left out" in box.notes.text()
    box.use.setChecked(False)
    assert doc.project.scenario.use_as_built is False
    assert ui.runner.wait()
    qtbot.waitUntil(lambda: ui.runner.result.as_built is None, timeout=10000)
    assert "plans from nothing" in box.summary.text()
    doc.undo()
    doc.undo()
    assert doc.project.scenario.as_of is None and doc.project.scenario.use_as_built is True
    # removing the snapshot is undoable too
    box.load()
    box.snapshots.setCurrentRow(0)
    box.remove_selected()
    assert doc.project.as_built is None


def test_passed_target_is_labelled_with_its_real_quarter(window, qtbot):
    doc = window.document
    project = doc.project
    units = project.communes.units
    order = np.argsort(-units)
    rows = order[: np.searchsorted(np.cumsum(units[order]), 0.55 * units.sum()) + 1]  # > 50 % of the units
    table = [[str(project.communes.codes[r]), "T3 2018", int(units[r])] for r in rows]
    act = parse_actuals(["code_insee", "trimestre", "raccordables"], table, project.communes, source="big.csv")
    doc.push(SetAsBuilt(AsBuilt([snapshot_from_actuals(act, project.communes)])))
    ui = window.coverage_ui
    assert ui.runner.wait()
    qtbot.waitUntil(lambda: getattr(ui.runner.result, "as_built", None) is not None, timeout=10000)
    q = "T3 2018" if current_language() == "fr" else "Q3 2018"
    labels = [line.label.toPlainText() for line in ui.panel.target_lines]
    assert f"50 % — {q}, " + ui.panel.tr("actual") in labels
    assert ui.panel.target_months()[50.0] == "2018-09"
    assert not any(label.startswith("66 %") and "actual" in label for label in labels)


def test_snapshot_without_a_date_asks_for_its_month(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    path = tmp_path / "stats.csv"  # no date column, no date in the name
    path.write_text("code_insee;elig_ftth\n32013;6000\n", encoding="utf-8")
    asked = []

    def answer(parent, title, label, *args, **kw):
        asked.append(label)
        return "2018-06", True
    monkeypatch.setattr(QInputDialog, "getText", answer)
    ui = window.coverage_ui
    ui._actuals().import_file(str(path))
    qtbot.waitUntil(lambda: window.document.project.as_built is not None and not window.is_busy(), timeout=10000)
    assert asked and "stats.csv" in asked[0]
    assert ui.runner.wait()
    qtbot.waitUntil(lambda: getattr(ui.runner.result, "as_built", None) is not None, timeout=10000)
    r = ui.runner.result
    assert r.as_built.as_of == "2018-06" and r.commune_eligible[window.document.project.communes.index_of("32013"),
                                                                 r.month_index("2018-06")] == 6000
