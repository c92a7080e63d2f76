"""File → Export (and File → Publish): the dialog choosing format, output path, scenario and layer.

The dialog only describes the export: `operation()` is the core Export (planner/core/operations/export.py, the
one `export` on the command line builds too). ProjectActions asks before overwriting (`Export.existing_targets`)
and runs it off the UI thread.
"""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QWidget)

import planner.io.ports  # noqa: F401  (Export.targets asks planner.io which files an export writes)
from planner.core.operations.export import FORMATS, MAP_FORMATS, MULTI_FILE_FORMATS, Export
from planner.core.project.model import Project
from planner.io.exports.formats import plan_layer_names
from planner.ui.shell.i18n import current_language

#: file suffix written by each format when it is not a folder
_SUFFIX = {"addresses": ".csv", "qgis": ".qgz", "web": ""}


def layers_for(fmt: str, project: Project) -> list[str]:
    """The layers an export format can write one of (empty: the format writes one fixed file)."""
    return plan_layer_names(fmt, project) if fmt in MULTI_FILE_FORMATS else []


def _slug(name: str) -> str:
    return re.sub(r"[^0-9A-Za-z_-]+", "_", name).strip("_") or "export"


class ExportDialog(QDialog):
    """Choose what to export and where."""

    def __init__(self, project: Project, settings=None, parent=None):
        super().__init__(parent)
        self.project = project
        self.settings = settings
        self.setWindowTitle(self.tr("Export"))
        form = QFormLayout(self)
        self.format_combo = QComboBox(self)
        self.format_combo.setToolTip(self.tr("What to write"))
        for fmt in FORMATS:
            self.format_combo.addItem(self._format_label(fmt), fmt)
        form.addRow(self.tr("Format:"), self.format_combo)
        self.layer_combo = QComboBox(self)
        self.layer_combo.setToolTip(self.tr("One layer into one file, or every layer into a folder"))
        form.addRow(self.tr("Layer:"), self.layer_combo)
        self.scenario_combo = QComboBox(self)
        self.scenario_combo.setToolTip(self.tr("The scenario whose simulation gives the planned dates"))
        for s in project.scenarios:
            self.scenario_combo.addItem(s.name, s.name)
        self.scenario_combo.setCurrentIndex(min(project.active_scenario, len(project.scenarios) - 1))
        form.addRow(self.tr("Scenario:"), self.scenario_combo)
        row = QWidget(self)
        lay = QHBoxLayout(row)
        lay.setContentsMargins(0, 0, 0, 0)
        self.path_edit = QLineEdit(row)
        self.path_edit.setToolTip(self.tr("The file (or folder) to write"))
        self.browse = QPushButton(self.tr("Browse…"), row)
        self.browse.setToolTip(self.tr("Choose where to write"))
        lay.addWidget(self.path_edit, 1)
        lay.addWidget(self.browse)
        form.addRow(self.tr("Output:"), row)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        form.addRow(self.hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("&Export"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.layer_combo.currentIndexChanged.connect(self._layer_changed)
        self.path_edit.textChanged.connect(self._update_ok)
        self.path_edit.textChanged.connect(self._update_hint)
        self.browse.clicked.connect(self._browse)
        self._format_changed()
        self.resize(560, self.sizeHint().height())

    def _format_label(self, fmt: str) -> str:
        return {
            "gpkg": self.tr("GeoPackage: phase plan with QGIS styles (.gpkg)"),
            "geojson": self.tr("GeoJSON, RFC 7946 (.geojson)"),
            "shp": self.tr("Shapefile (.shp)"),
            "csv": self.tr("CSV tables, ';' separated (.csv)"),
            "xlsx": self.tr("Excel workbook (.xlsx)"),
            "png": self.tr("Map of the current view, image (.png)"),
            "svg": self.tr("Map of the current view, SVG (.svg)"),
            "pdf": self.tr("Map of the current view, PDF (.pdf)"),
            "web": self.tr("Web map residents can search (a folder with index.html)"),
            "addresses": self.tr("Per-address forecast (.csv, or .gpkg)"),
            "qgis": self.tr("QGIS project with a time slider (.qgz beside the plan .gpkg)"),
        }[fmt]

    # --- state ------------------------------------------------------------------------------
    def fmt(self) -> str:
        return self.format_combo.currentData()

    def set_format(self, fmt: str) -> None:
        self.format_combo.setCurrentIndex(self.format_combo.findData(fmt))

    def set_layer(self, layer: str | None) -> None:
        self.layer_combo.setCurrentIndex(self.layer_combo.findData(layer or ""))

    def set_path(self, path) -> None:
        self.path_edit.setText(str(path))

    def operation(self) -> Export:
        """The Export the form describes; quarters are labelled (and the web map speaks) in the interface's
        language, as the window's quarter table shows them."""
        layer = (self.layer_combo.currentData() or None) if self.layer_combo.isEnabled() else None
        return Export(fmt=self.fmt(), output=self.path_edit.text().strip(), scenario=self.scenario_combo.currentData(),
                      layer=layer, lang="fr" if current_language() == "fr" else "en")

    def _folder_mode(self) -> bool:
        return self.fmt() == "web"

    def _format_changed(self, *_):
        fmt = self.fmt()
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        layers = layers_for(fmt, self.project)
        if layers:
            self.layer_combo.addItem(self.tr("All layers (one file each, named after the output)"), "")
            labels = {"phases": self.tr("Phases"), "communes": self.tr("Communes"), "premises": self.tr("Premises")}
            if fmt == "csv":
                labels["communes"] = self.tr("Communes × quarters table")
                labels["phases"] = self.tr("Phase table")
            for name in layers:
                self.layer_combo.addItem(labels[name], name)
        self.layer_combo.setEnabled(bool(layers))
        self.layer_combo.blockSignals(False)
        self._layer_changed()

    def _layer_changed(self, *_):
        self._retarget_path()
        self._update_hint()
        self._update_ok()

    def _update_hint(self) -> None:
        fmt = self.fmt()
        if fmt in MAP_FORMATS:
            self.hint.setText(self.tr("The map as shown now in the window."))
        elif fmt == "web":
            self.hint.setText(self.tr("A new or empty folder: open its index.html in any browser, or copy the folder "
                                      "onto a web host. No server and no network needed."))
        elif fmt == "addresses":
            self.hint.setText(self.tr("One row per premise with its planned eligibility month and quarter "
                                      "(';' separated, UTF-8)."))
        elif fmt == "qgis":
            self.hint.setText(self.tr("Open it in QGIS 3.22 or later; the Temporal Controller plays the rollout."))
        elif fmt in MULTI_FILE_FORMATS and not self.layer_combo.currentData() and self.path_edit.text().strip():
            names = [p.name for p in self.operation().targets(self.project) if p.suffix.lower() == f".{fmt}"]
            self.hint.setText(self.tr("Writes {files} beside it.").format(files=", ".join(names)))
        else:
            self.hint.setText("")

    def _suffix(self) -> str:
        return "" if self._folder_mode() else _SUFFIX.get(self.fmt(), f".{self.fmt()}")

    def _retarget_path(self) -> None:
        """Keep the typed path but give it the extension (or none, for a folder) of the new choice."""
        text = self.path_edit.text().strip()
        if not text:
            folder = self.settings.last_folder("export")
            base = Path(folder) / _slug(self.project.name or "project")
        else:
            base = Path(text)
            if base.suffix.lower().lstrip(".") in FORMATS + ("qgz",):
                base = base.with_suffix("")
        self.path_edit.setText(str(base) + self._suffix())

    def _update_ok(self, *_):
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(bool(self.path_edit.text().strip()))

    def _filter(self) -> str:
        return {
            "gpkg": self.tr("GeoPackage (*.gpkg)"), "geojson": self.tr("GeoJSON (*.geojson)"),
            "shp": self.tr("Shapefile (*.shp)"), "csv": self.tr("CSV (*.csv)"), "xlsx": self.tr("Excel workbook (*.xlsx)"),
            "png": self.tr("PNG image (*.png)"), "svg": self.tr("SVG drawing (*.svg)"), "pdf": self.tr("PDF document (*.pdf)"),
            "addresses": self.tr("CSV or GeoPackage (*.csv *.gpkg)"), "qgis": self.tr("QGIS project (*.qgz)"),
        }[self.fmt()]

    def _browse(self) -> None:
        current = self.path_edit.text().strip()
        if self._folder_mode():
            path = QFileDialog.getExistingDirectory(self, self.tr("Export into folder"), current)
        else:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), current, self._filter(),
                                                  options=QFileDialog.DontConfirmOverwrite)
            accepted = (".csv", ".gpkg") if self.fmt() == "addresses" else (self._suffix(),)
            if path and not path.lower().endswith(accepted):
                path += self._suffix()
        if path:
            self.path_edit.setText(path)
            self.settings.set_last_folder("export", path)
