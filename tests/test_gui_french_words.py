"""What was still English in the French interface (issue 15): goal seek's reason for an impossible target (core
gives a code and its figures, the window words them; the command line keeps English) and the calibrated
scenario's name."""
from __future__ import annotations

import pytest

from planner.core.decisions.goal_seek import goal_seek
from planner.ui.shell import i18n

from test_gui_calibration import _dialog, _synthetic
from gui_helpers import gers_window


@pytest.fixture
def french():
    i18n.install_language("fr")
    yield
    i18n.install_language("en")


@pytest.fixture
def window(qtbot, french):
    mw = gers_window(qtbot)
    yield mw
    mw.document.set_clean()


def test_goal_seek_says_why_in_french_and_the_command_line_in_english(window):
    doc = window.document
    dlg = window.coverage_ui.open_goal_seek()
    dlg.target.setValue(50.0)
    dlg.by.setText("2018-02")  # three months of studies come first
    dlg.find()
    assert dlg.wait()
    answer = dlg.answer
    assert not answer.feasible and answer.why[0] == "studies_late"
    text = dlg.answer_label.text()
    assert "Impossible" in text and "Raison" in text
    p = answer.why[1]
    assert f"les études seules finissent en {p['end_studies']}" in text
    assert f"ses premiers locaux arrivent donc en {p['first']}, après 2018-02" in text
    assert "studies alone" not in text and "at best" not in text
    # the same search from core (the command line, JSON) keeps its English sentence, with the same figures
    core = goal_seek(doc.project, 50.0, "2018-02", vary="crews", assignment=window.coverage_ui.runner.cache.assignment)
    assert core.why == answer.why
    assert core.reason.startswith(f"at best {p['cov']:.1f} % by 2018-02: studies alone end in {p['end_studies']}")


def test_goal_seek_unplanned_reason_in_french(window):
    doc = window.document
    from planner.core.phases.phase_commands import DeletePhase

    for phase in list(doc.project.phases[1:]):
        doc.push(DeletePhase(doc.project, phase.id))
    assert window.coverage_ui.runner.wait()
    dlg = window.coverage_ui.open_goal_seek()
    dlg.target.setValue(90.0)
    dlg.by.setText("2030-12")
    dlg.find()
    assert dlg.wait()
    assert dlg.answer.why[0] == "unplanned"
    planned = dlg.answer.why[1]["planned"]
    assert f"seulement {planned:.1f}\u00a0% des locaux sont dans une phase (le reste est hors plan)" in \
        dlg.answer_label.text()


def test_the_calibrated_scenario_is_named_in_french(window):
    doc = window.document
    dlg = _dialog(window, _synthetic(window, 0.8))
    dlg.fit()
    assert dlg.wait()
    assert dlg.calibration.scenario.name == "Base – calibrated"  # core's (the command line's) name
    n = len(doc.project.scenarios)
    dlg.apply()
    assert len(doc.project.scenarios) == n + 1
    assert doc.project.scenario.name == "Base – calé sur le réel"
    assert "Base – calé sur le réel" in dlg.result_label.text()


def test_money_in_the_french_window_is_written_as_on_french_pages(window):
    """'199,35 M€', not '199.35 M€': the window writes euros as the printed pages do in its language."""
    import re

    from planner.core.printing.layout import euros
    from planner.ui.phases.phase_table_model import COL_COST

    ui = window.coverage_ui
    assert ui.runner.wait()
    costs = ui.runner.result.costs
    legend = ui.spend.legend.text()
    assert euros(costs.cost_total, "fr") in legend and "," in euros(costs.cost_total, "fr")
    assert not re.search(r"\d\.\d+\s?[kM]?€", legend), legend
    model = window.phase_ui.panel.model
    cell = model.data(model.index(0, COL_COST))
    assert cell == euros(costs.phase_cost[0], "fr") and not re.search(r"\d\.\d", cell)


def test_the_validation_panel_words_its_problems_in_french(window, qtbot):
    from planner.core.phases.phase_commands import AddPhase
    from planner.core.project.model import Phase

    doc, panel = window.document, window.phase_ui.validation
    doc.push(AddPhase(doc.project, phase=Phase(99, "Vide")))
    qtbot.waitUntil(lambda: any(i.phase_ids == [99] for i in panel.issues), timeout=30000)
    texts = [panel.tree.topLevelItem(k).text(1) for k in range(panel.tree.topLevelItemCount())]
    assert "Vide n’a ni zone ni communes" in texts
    assert panel.tree.topLevelItem(texts.index("Vide n’a ni zone ni communes")).text(0) == "Avertissement"
