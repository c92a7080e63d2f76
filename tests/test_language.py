"""Languages: View → Language stores the choice and restarts on the project; French UI and quarter labels."""
import sys

import pytest
from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QMessageBox

from gui_helpers import make_window
from planner.core.months import parse_month, quarter_label
from planner.ui.shell import i18n
from planner.ui.shell.language_menu import restart_command


@pytest.fixture
def english():
    i18n.install_language("en")
    yield
    i18n.install_language("en")


@pytest.fixture
def window(qtbot, tmp_path, english):
    return make_window(qtbot, tmp_path, plugins=True, sample=False)


def test_menu_lists_the_languages_and_checks_the_setting(window):
    menu = window.language_menu
    assert set(menu.actions) == {"", "en", "fr"}
    assert menu.actions[""].isChecked()  # default: follow the system


def test_choosing_french_restarts_on_the_saved_project(window, monkeypatch, tmp_path):
    window.document.project.path = str(tmp_path / "plan.gpkg")
    started = []
    monkeypatch.setattr(QProcess, "startDetached", staticmethod(lambda prog, args: started.append((prog, args)) or True))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Yes))
    quits = []
    monkeypatch.setattr("planner.ui.shell.language_menu.QCoreApplication.quit", staticmethod(lambda: quits.append(1)))
    window.language_menu.choose("fr")
    assert window.settings.language == "fr"
    assert window.language_menu.actions["fr"].isChecked()
    assert started == [(sys.executable, [restart_command(None)[1][0], str(tmp_path / "plan.gpkg")])]
    assert quits == [1]


def test_unsaved_changes_are_never_dropped_by_a_restart(window, monkeypatch, _no_blocking_message_boxes):
    from planner.core.phases.phase_commands import AddPhase
    from planner.io.layers.sample import load_sample_project

    window.set_project(load_sample_project())
    window.document.push(AddPhase(window.document.project, name="Unsaved"))
    started = []
    monkeypatch.setattr(QProcess, "startDetached", staticmethod(lambda prog, args: started.append(args) or True))
    window.language_menu.choose("fr")
    assert started == [] and window.settings.language == "fr"
    assert _no_blocking_message_boxes[-1][0] == "information"  # "next time you start"
    window.document.set_clean()


def test_french_interface_and_quarters(qtbot, tmp_path):
    i18n.install_language("fr")
    try:
        w = make_window(qtbot, tmp_path, plugins=True, sample=False)
        titles = [a.text().replace("&", "") for a in w.menuBar().actions()]
        assert "Fichier" in titles and "Aide" in titles, titles
        assert i18n.format_number(114042) == "114\u202f042" or i18n.format_number(114042) == "114\u00a0042"
        assert quarter_label(parse_month("2019-02"), i18n.current_language()) == "T1 2019"
    finally:
        i18n.install_language("en")
    assert quarter_label(parse_month("2019-02"), i18n.current_language()) == "Q1 2019"
