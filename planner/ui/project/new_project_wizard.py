"""File → New: a two-page wizard (commune layer with its code/name/units fields, optional premise layer).

The wizard only describes the project: `operation()` is the core NewProject (planner/core/operations/new_project.py,
the one `new` on the command line builds too), fields pre-filled from planner.io detection; the caller runs it
off the UI thread.
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QWidget, QWizard, QWizardPage)

from planner.core.errors import PlannerError
from planner.core.operations.layer_choice import preferred_layer
from planner.core.operations.new_project import NO_FIELD, NewProject

#: the "no field" entry of the field combos: the operation's NO_FIELD ("none", as opposed to None, "detect")
NONE = NO_FIELD


def _numeric(ftype: str) -> bool:
    return any(t in ftype for t in ("int", "float", "double", "real"))


class _LayerPage(QWizardPage):
    """A page choosing a file, one of its layers (of the wanted geometry) and fields of that layer."""

    def __init__(self, kind: str, optional: bool, settings=None, parent=None):
        super().__init__(parent)
        self.kind = kind  # 'polygon' or 'point'
        self.optional = optional
        self.settings = settings
        self.summaries: list[dict] = []
        self.form = QFormLayout(self)
        row = QWidget(self)
        lay = QHBoxLayout(row)
        lay.setContentsMargins(0, 0, 0, 0)
        self.path_edit = QLineEdit(row)
        self.path_edit.setPlaceholderText(self.tr("(none)") if optional else self.tr("Choose a file…"))
        self.path_edit.editingFinished.connect(lambda: self.set_path(self.path_edit.text()))
        self.browse = QPushButton(self.tr("Browse…"), row)
        self.browse.setToolTip(self.tr("Choose the layer file"))
        self.browse.clicked.connect(self._browse)
        lay.addWidget(self.path_edit, 1)
        lay.addWidget(self.browse)
        self.form.addRow(self.tr("File:"), row)
        self.layer_combo = QComboBox(self)
        self.layer_combo.setToolTip(self.tr("The layer of the file to use"))
        self.layer_combo.currentIndexChanged.connect(self._layer_changed)
        self.form.addRow(self.tr("Layer:"), self.layer_combo)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.PlainText)  # names from data, as typed
        self.status.setWordWrap(True)
        self._path = ""

    def _combo(self, label: str, tip: str, editable: bool = False) -> QComboBox:
        combo = QComboBox(self)
        combo.setEditable(editable)
        combo.setToolTip(tip)
        combo.currentTextChanged.connect(lambda *_: self.completeChanged.emit())
        self.form.addRow(label, combo)
        return combo

    def _browse(self) -> None:
        folder = self.settings.last_folder("data")
        path, _ = QFileDialog.getOpenFileName(self, self.title(), folder, self.tr(
            "GIS files (*.gpkg *.shp *.geojson *.json *.fgb *.csv *.txt);;All files (*)"))
        if path:
            self.set_path(path)

    def path(self) -> str:
        return self._path

    def set_path(self, path: str) -> None:
        """Describe `path` (its layers and detected fields) and fill the layer and field choices."""
        path = path.strip()
        if path == self._path and self.summaries:
            return
        self._path = path
        self.path_edit.setText(path)
        self.summaries = []
        self.status.setText("")
        if path:
            from planner.io.layers.readers import layer_summaries

            QGuiApplication.setOverrideCursor(Qt.WaitCursor)
            try:
                wanted = "Polygon" if self.kind == "polygon" else "Point"
                self.summaries = [s for s in layer_summaries(path) if wanted in str(s["geometry_type"])]
                if not self.summaries:
                    self.status.setText(self.tr("{file}: no {kind} layer in this file.").format(
                        file=os.path.basename(path), kind=self.tr("polygon") if self.kind == "polygon" else self.tr("point")))
            except PlannerError as exc:
                self.status.setText(str(exc))
            finally:
                QGuiApplication.restoreOverrideCursor()
            if os.path.exists(path):
                self.settings.set_last_folder("data", path)
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        for s in self.summaries:
            self.layer_combo.addItem(self.tr("{name} ({count} features, {crs})").format(
                name=s["name"], count=s["count"], crs=s.get("crs") or "?"), s["name"])
        # the layer plainly meant (the Lambert-93 one where the file holds the same outlines in several projections)
        best = next((i for i, s in enumerate(self.summaries) if s is preferred_layer(self.summaries, self.kind)[0]), 0)
        self.layer_combo.setCurrentIndex(best if self.summaries else -1)
        self.layer_combo.setEnabled(len(self.summaries) > 1)
        self.layer_combo.blockSignals(False)
        self._layer_changed()

    def set_layer(self, name: str) -> None:
        idx = self.layer_combo.findData(name)
        if idx < 0:
            raise KeyError(name)
        self.layer_combo.setCurrentIndex(idx)

    def layer_name(self) -> str | None:
        return self.layer_combo.currentData()

    def summary(self) -> dict | None:
        name = self.layer_name()
        return next((s for s in self.summaries if s["name"] == name), None)

    def _layer_changed(self, *_):
        self.fill_fields(self.summary())
        self.completeChanged.emit()

    def fill_fields(self, summary: dict | None) -> None:  # overridden
        pass

    @staticmethod
    def _set_items(combo: QComboBox, items: list[str], current: str | None, none_label: str | None = None) -> None:
        combo.blockSignals(True)
        combo.clear()
        if none_label is not None:
            combo.addItem(none_label, NONE)
        for name in items:
            combo.addItem(name, name)
        idx = combo.findData(current) if current is not None else -1
        if idx < 0 and current:
            combo.addItem(current, current)
            idx = combo.count() - 1
        combo.setCurrentIndex(max(idx, 0) if combo.count() else -1)
        combo.blockSignals(False)

    @staticmethod
    def combo_value(combo: QComboBox) -> str | None:
        """The chosen field name (an edited text counts, e.g. 'a + b'); NO_FIELD for the 'no field' entry."""
        text = combo.currentText().strip()
        idx = combo.findText(text)
        data = combo.itemData(idx) if idx >= 0 else text
        return data if data is not None else NO_FIELD

    @staticmethod
    def select(combo: QComboBox, value: str | None) -> None:
        idx = combo.findData(value if value else NONE)
        if idx < 0 and value:
            combo.addItem(value, value)
            idx = combo.count() - 1
        combo.setCurrentIndex(idx)


class CommunesPage(_LayerPage):
    """Page 1: the commune polygons, their INSEE code, name and units fields, and the project name."""

    def __init__(self, settings=None, parent=None):
        super().__init__("polygon", False, settings, parent)
        self.setTitle(self.tr("Communes"))
        self.setSubTitle(self.tr("The commune polygons of the territory. The fields are detected; check them."))
        self.code_combo = self._combo(self.tr("INSEE code field:"), self.tr("The 5-character INSEE code of each commune"))
        self.name_combo = self._combo(self.tr("Name field:"), self.tr("The commune name"))
        self.units_combo = self._combo(self.tr("Units field:"), self.tr(
            "Premise units per commune, used when there is no premise layer (e.g. locaux_insee_2018)"), editable=True)
        self.name_edit = QLineEdit(self)
        self.name_edit.setToolTip(self.tr("The project name, shown in the window title and on printed pages"))
        self.name_edit.textChanged.connect(lambda *_: self.completeChanged.emit())
        self.form.addRow(self.tr("Project name:"), self.name_edit)
        self.form.addRow(self.status)

    def fill_fields(self, summary):
        from planner.io.layers.detect import detect_name_field

        fields = [n for n, _ in summary["fields"]] if summary else []
        numeric = [n for n, t in summary["fields"] if _numeric(t)] if summary else []
        self._set_items(self.code_combo, fields, summary.get("insee_field") if summary else None)
        self._set_items(self.name_combo, fields, detect_name_field(fields) if fields else None)
        self._set_items(self.units_combo, numeric, summary.get("units_field") if summary else None,
                        none_label=self.tr("(none)"))
        if summary and not self.name_edit.text().strip():
            self.name_edit.setText(Path(self.path()).stem)

    def isComplete(self) -> bool:
        return bool(self.summary() and self.combo_value(self.code_combo) and self.name_edit.text().strip())


class PremisesPage(_LayerPage):
    """Page 2 (optional): the premise points, their units and INSEE code fields."""

    def __init__(self, settings=None, parent=None):
        super().__init__("point", True, settings, parent)
        self.setTitle(self.tr("Premises (optional)"))
        self.setSubTitle(self.tr("Premise points (addresses, IPE, GraceTHD t_adresse, BAN CSV…). Leave empty to use "
                                 "the commune units field."))
        self.units_combo = self._combo(self.tr("Units field:"), self.tr(
            "Units per premise: one field, or a sum such as 'ad_nblhab + ad_nblpro'; (one per premise) counts 1 each"),
            editable=True)
        self.insee_combo = self._combo(self.tr("INSEE code field:"), self.tr("The commune code of each premise (optional)"))
        self.form.addRow(self.status)

    def fill_fields(self, summary):
        fields = [n for n, _ in summary["fields"]] if summary else []
        numeric = [n for n, t in summary["fields"] if _numeric(t)] if summary else []
        self._set_items(self.units_combo, numeric, summary.get("units_field") if summary else None,
                        none_label=self.tr("(one per premise)"))
        self._set_items(self.insee_combo, fields, summary.get("insee_field") if summary else None,
                        none_label=self.tr("(none)"))

    def isComplete(self) -> bool:
        return not self.path() or self.summary() is not None


class NewProjectWizard(QWizard):
    """Two pages → `operation()`; the caller runs it (a NewProject) off the UI thread."""

    def __init__(self, settings=None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New project"))
        self.setWizardStyle(QWizard.ClassicStyle)
        self.setOption(QWizard.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.HaveFinishButtonOnEarlyPages, True)
        self.communes_page = CommunesPage(settings, self)
        self.premises_page = PremisesPage(settings, self)
        self.addPage(self.communes_page)
        self.addPage(self.premises_page)
        self.resize(620, 420)

    def operation(self) -> NewProject:
        """The NewProject the pages describe (every field as chosen: nothing is left to detection)."""
        c, p = self.communes_page, self.premises_page
        has_premises = bool(p.path()) and p.summary() is not None
        return NewProject(
            name=c.name_edit.text().strip(), communes=c.path(), communes_layer=c.layer_name(),
            code_field=c.combo_value(c.code_combo), name_field=c.combo_value(c.name_combo),
            commune_units_field=c.combo_value(c.units_combo),
            premises=p.path() if has_premises else None,
            premises_layer=p.layer_name() if has_premises else None,
            units_field=p.combo_value(p.units_combo) if has_premises else None,
            insee_field=p.combo_value(p.insee_combo) if has_premises else None)
