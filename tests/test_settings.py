"""Settings round-trip through QSettings (an INI file in tmp), defaults and the preferences dialog."""
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QDockWidget, QLabel
from PySide6.QtCore import Qt

from planner.ui.shell.preferences_dialog import PreferencesDialog
from planner.ui.shell.settings import MAX_RECENT, Settings


@pytest.fixture
def settings(tmp_path, qapp):
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))


def reopen(settings: Settings) -> Settings:
    settings.q.sync()
    return Settings(QSettings(settings.q.fileName(), QSettings.IniFormat))


def test_defaults(settings):
    assert settings.snapping_tolerance_px == 10
    assert settings.autosave_minutes == 5
    assert settings.paper == "A4"
    assert settings.language == ""
    assert settings.recent_files() == []


def test_recent_files_round_trip(settings, tmp_path):
    paths = [str(tmp_path / f"p{i}.gpkg") for i in range(MAX_RECENT + 3)]
    for p in paths:
        settings.add_recent_file(p)
    settings.add_recent_file(paths[3])  # re-opening moves it to the top, without duplicate
    again = reopen(settings)
    recent = again.recent_files()
    assert recent[0] == paths[3]
    assert len(recent) == MAX_RECENT and len(set(recent)) == MAX_RECENT
    assert recent[1] == paths[-1]


def test_values_round_trip(settings, tmp_path):
    settings.set_value("snapping/tolerance_px", 17)
    settings.set_value("print/paper", "A3")
    settings.set_value("autosave/minutes", 0)
    settings.set_value("ui/language", "fr")
    settings.set_last_folder("data", str(tmp_path / "x.gpkg"))
    again = reopen(settings)
    assert again.snapping_tolerance_px == 17
    assert again.paper == "A3"
    assert again.autosave_minutes == 0
    assert again.language == "fr"
    assert again.last_folder("data") == str(tmp_path)


def test_window_layout_round_trip(settings, qtbot):
    def make():
        w = QMainWindow()
        w.setCentralWidget(QLabel("map"))
        dock = QDockWidget("Phases", w)
        dock.setObjectName("phases_dock")
        dock.setWidget(QLabel("table"))
        w.addDockWidget(Qt.RightDockWidgetArea, dock)
        qtbot.addWidget(w)
        return w, dock

    w1, d1 = make()
    w1.resize(900, 600)
    w1.show()
    w1.addDockWidget(Qt.LeftDockWidgetArea, d1)
    settings.save_window(w1)
    w2, d2 = make()
    assert reopen(settings).restore_window(w2)
    assert w2.dockWidgetArea(d2) == Qt.LeftDockWidgetArea


def test_preferences_dialog_applies(settings, qtbot):
    dlg = PreferencesDialog(settings)
    qtbot.addWidget(dlg)
    dlg.tolerance_spin.setValue(23)
    dlg.paper_box.setCurrentText("A3")
    dlg.language_box.setCurrentIndex(dlg.language_box.findData("fr"))
    dlg.apply()
    again = reopen(settings)
    assert again.snapping_tolerance_px == 23
    assert again.paper == "A3"
    assert again.language == "fr"
