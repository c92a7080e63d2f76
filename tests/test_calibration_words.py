"""Calibration diagnostics in the window's language (issue 12's "diagnostics before numbers", seen by a French
planner): the English sentence is core's own, word for word; the French one carries the same figures."""
from __future__ import annotations

import pytest

from conftest import ARCEP_CSV
from planner.core.decisions.actuals import parse_actuals
from planner.core.decisions.calibration import CalibrationError, calibrate
from planner.ui.decisions.calibration_words import say
from planner.ui.shell import i18n
from sim_fixtures import gers_assignment, gers_project


def _error(*args, **kwargs) -> CalibrationError:
    with pytest.raises(CalibrationError) as err:
        calibrate(*args, **kwargs)
    return err.value


@pytest.fixture(scope="module")
def said(shared_data):
    """Warnings and errors of every key, from the real Arcep figures on the demo plan and from made-up ones."""
    from planner.core.phases.assignment import assign
    from planner.io.actuals.reader import read_actuals
    from planner.io.layers.sample import load_sample_project

    demo = load_sample_project(demo_plan=True)
    da = assign(demo)
    real = read_actuals(ARCEP_CSV, demo.communes)
    out = [_error(demo, real, da)]  # flat
    out += calibrate(demo, real, da, fit_start=True, per_phase=True).warnings  # open ends, phases left open
    short = demo.scenario.copy("short")
    short.horizon_months = 12
    out += calibrate(demo, real, da, scenario=short, fit_start=True).warnings  # bound
    project = gers_project()
    a = gers_assignment(project)
    codes = list(project.communes.codes)
    plan = project.snapshot()
    plan.phases.remove(next(p for p in plan.phases if "32013" in p.communes))
    rows = [[c, "T4 2018", 500 if c == "32013" else 0] for c in codes]
    out.append(_error(plan, parse_actuals(["code_insee", "quarter", "eligible"], rows, plan.communes)))  # unplanned
    rows = [[c, "T4 2018", 500 if c == "32013" else 50] for c in codes] + [["99999", "T4 2018", 5]]
    one = parse_actuals(["code_insee", "quarter", "eligible"], rows, plan.communes)
    out += calibrate(plan, one).warnings  # figures left out, an unknown code, an exact fit
    out.append(_error(project, one, a, fit_start=True))  # single quarter
    zeros = parse_actuals(["code_insee", "quarter", "eligible"], [[c, "T4 2018", 0] for c in codes], project.communes)
    out.append(_error(project, zeros, a))  # all zero
    return out


def test_every_diagnostic_has_words_and_english_is_cores_own(said):
    keys = {getattr(s, "key", None) for s in said}
    assert {"flat", "open_ends", "bound", "unplanned", "unplanned_left_out", "unmatched", "exact", "single_quarter",
            "all_zero"} <= keys, keys
    for s in said:
        assert say(s) == str(s), s


def test_french_words_carry_the_same_figures(said):
    i18n.install_language("fr")
    try:
        french = {s.key + str(i): say(s) for i, s in enumerate(said)}
    finally:
        i18n.install_language("en")
    for i, s in enumerate(said):
        text = french[s.key + str(i)]
        assert text != str(s) and (": " not in str(s) or " : " in text), text  # French, French punctuation
        for figure in ("2018-04", "T1 2018", "32013", "99999"):
            assert (figure in text) == (figure in str(s)), (figure, text, str(s))
    flat = [t for k, t in french.items() if k.startswith("flat")]
    assert flat[0].startswith("Le calage ne peut pas trancher : le plan ne construit rien") and "calez aussi" in flat[0]
    assert any(t.startswith("Territoire : l’intervalle à 90 %") for t in french.values())
    assert any(t.startswith("Le calage du territoire reste sur une limite") for t in french.values())


def test_phases_left_without_interval_or_open_are_worded_too():
    from types import SimpleNamespace

    from planner.core.decisions.calibration import _phase_warnings

    problem = SimpleNamespace(group_names=["Territory", "Auch", "Condom"])
    exact = SimpleNamespace(group=1, critical=lambda: None, open_ends=[])
    loose = SimpleNamespace(group=2, critical=lambda: 1.0, open_ends=["start early"])
    said = _phase_warnings(problem, [exact, loose]) + _phase_warnings(problem, [exact, loose, exact])
    assert [s.key for s in said] == ["phases_none", "phases_open", "phases_none", "phases_open"]
    for s in said:
        assert say(s) == str(s)
    i18n.install_language("fr")
    try:
        french = [say(s) for s in said]
    finally:
        i18n.install_language("en")
    assert french[0] == "La phase « Auch » a autant de valeurs calées que de trimestres : son calage est exact et sans " \
                        "intervalle."
    assert french[2].startswith("Les phases « Auch », « Auch » ont autant de valeurs calées")
    assert french[1].startswith("La phase « Condom » a des intervalles à 90 %")
