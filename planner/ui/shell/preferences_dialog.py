"""Edit → Preferences: language, what opens at start-up, snapping tolerance, default paper, autosave interval."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QWidget,
)

from planner.ui.shell.i18n import LANGUAGES
from planner.ui.shell.settings import Settings


class PreferencesDialog(QDialog):
    """Shows the current settings; `apply()` writes them back. Returns the chosen language via `language()`."""

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Preferences"))
        form = QFormLayout(self)

        self.language_box = QComboBox(self)
        self.language_box.addItem(self.tr("System language"), "")
        for code, name in LANGUAGES.items():
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(settings.language)))
        form.addRow(self.tr("Language"), self.language_box)

        self.startup_box = QComboBox(self)
        self.startup_box.addItem(self.tr("Reopen the last project"), "last")
        self.startup_box.addItem(self.tr("Open the Gers sample (demo plan)"), "sample")
        self.startup_box.setCurrentIndex(max(0, self.startup_box.findData(settings.value("startup/open"))))
        self.startup_box.setToolTip(self.tr("What Rollout Planner opens when it starts without a file"))
        form.addRow(self.tr("At start-up"), self.startup_box)

        self.snapping_box = QCheckBox(self.tr("Snap to commune vertices and edges"), self)
        self.snapping_box.setChecked(bool(settings.value("snapping/enabled")))
        form.addRow(self.tr("Snapping"), self.snapping_box)

        self.tolerance_spin = QSpinBox(self)
        self.tolerance_spin.setRange(1, 50)
        self.tolerance_spin.setSuffix(self.tr(" px"))
        self.tolerance_spin.setValue(settings.snapping_tolerance_px)
        form.addRow(self.tr("Snapping tolerance"), self.tolerance_spin)

        self.paper_box = QComboBox(self)
        self.paper_box.addItems(["A4", "A3"])
        self.paper_box.setCurrentText(settings.paper)
        form.addRow(self.tr("Default paper"), self.paper_box)

        self.landscape_box = QCheckBox(self.tr("Landscape"), self)
        self.landscape_box.setChecked(bool(settings.value("print/landscape")))
        form.addRow(self.tr("Orientation"), self.landscape_box)

        self.autosave_spin = QSpinBox(self)
        self.autosave_spin.setRange(0, 120)
        self.autosave_spin.setSpecialValueText(self.tr("Off"))
        self.autosave_spin.setSuffix(self.tr(" min"))
        self.autosave_spin.setValue(settings.autosave_minutes)
        form.addRow(self.tr("Autosave every"), self.autosave_spin)

        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def language(self) -> str:
        return self.language_box.currentData() or ""

    def apply(self) -> None:
        s = self.settings
        s.set_value("ui/language", self.language())
        s.set_value("startup/open", self.startup_box.currentData())
        s.set_value("snapping/enabled", self.snapping_box.isChecked())
        s.set_value("snapping/tolerance_px", self.tolerance_spin.value())
        s.set_value("print/paper", self.paper_box.currentText())
        s.set_value("print/landscape", self.landscape_box.isChecked())
        s.set_value("autosave/minutes", self.autosave_spin.value())
