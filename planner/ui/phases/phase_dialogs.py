"""Dialogs that build many phases at once: one phase per value of a commune field, and importing phase zones."""
from __future__ import annotations

import os

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QInputDialog, QLabel, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout,
)

from planner.core.errors import PlannerError
from planner.core.phases.phase_builders import (
    _missing, default_name_field, import_phase_zones_command, phases_per_field,
)

from planner.ui.common import errors as ui_errors
from planner.ui.common.figures import number
from planner.ui.phases.assignment_cache import assignment_cache_for
from planner.ui.common.plural import plural

#: rows shown in a preview list
PREVIEW_ROWS = 200


translate = QCoreApplication.translate


def _value_groups(values: np.ndarray) -> list[tuple[str, int]]:
    """(value, count) of the non-empty values of a column, most frequent first."""
    values = np.asarray(values, dtype=object)
    text = values.astype(str)[~_missing(values)]
    if len(text) == 0:
        return []
    uniq, counts = np.unique(text, return_counts=True)
    order = np.argsort(-counts, kind="stable")
    return [(str(uniq[i]), int(counts[i])) for i in order]


class _PreviewDialog(QDialog):
    """A form on top, a preview list of value groups below, OK/Cancel."""

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(520, 460)
        self.form = QFormLayout()
        self.preview = QTreeWidget(self)
        self.preview.setRootIsDecorated(False)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.PlainText)  # names from data, as typed
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.summary)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)

    def _fill_preview(self, headers: list[str], rows: list[list[str]], total: int, what: str) -> None:
        self.preview.clear()
        self.preview.setHeaderLabels(headers)
        for r in rows[:PREVIEW_ROWS]:
            self.preview.addTopLevelItem(QTreeWidgetItem(r))
        for c in range(len(headers)):
            self.preview.resizeColumnToContents(c)
        self.summary.setText(what)
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(total > 0)


class PhasesByFieldDialog(_PreviewDialog):
    """One commune-based phase per value of a commune field (e.g. code_epci → one phase per intercommunality)."""

    def __init__(self, document, parent=None):
        super().__init__(translate("PhaseDialogs", "One phase per value of a field"), parent)
        self.document = document
        layer = document.project.communes.layer
        self.fields = [f for f in layer.field_names()]
        self.field_combo = QComboBox(self)
        self.field_combo.setObjectName("fieldCombo")
        self.field_combo.addItems(self.fields)
        self.name_combo = QComboBox(self)
        self.name_combo.setObjectName("nameCombo")
        self.order_combo = QComboBox(self)
        self.order_combo.addItem(translate("PhaseDialogs", "Most units first"), "units")
        self.order_combo.addItem(translate("PhaseDialogs", "By value"), "value")
        self.replace_check = QCheckBox(translate("PhaseDialogs", "Replace the existing phases"), self)
        self.replace_check.setChecked(not document.project.phases)
        self.form.addRow(translate("PhaseDialogs", "Field:"), self.field_combo)
        self.form.addRow(translate("PhaseDialogs", "Phase names from:"), self.name_combo)
        self.form.addRow(translate("PhaseDialogs", "Order:"), self.order_combo)
        self.form.addRow("", self.replace_check)
        self.field_combo.currentTextChanged.connect(self._on_field)
        self.name_combo.currentIndexChanged.connect(lambda *_: self._update_preview())
        self.order_combo.currentIndexChanged.connect(lambda *_: self._update_preview())
        default = next((f for f in ("code_epci", "CODE_EPCI", "epci") if f in self.fields), None)
        if default is None:
            default = next((f for f in self.fields if f != document.project.communes.code_field), self.fields[0])
        self.field_combo.setCurrentText(default)
        self._on_field(default)

    def _on_field(self, field: str) -> None:
        self.name_combo.blockSignals(True)
        self.name_combo.clear()
        self.name_combo.addItem(translate("PhaseDialogs", "(the value itself)"), None)
        for f in self.fields:
            self.name_combo.addItem(f, f)
        auto = default_name_field(self.document.project, field) if field else None
        if auto:
            self.name_combo.setCurrentIndex(self.name_combo.findData(auto))
        self.name_combo.blockSignals(False)
        self._update_preview()

    def _update_preview(self) -> None:
        """List the phases exactly as the command will create them (order, names, communes, units)."""
        field = self.field_combo.currentText()
        if not field:
            return
        try:
            cmd = self.command(replace=False)
        except PlannerError as exc:
            self._fill_preview([translate("PhaseDialogs", "Phase name")], [], 0, str(exc))
            return
        project = self.document.project
        a = _current_assignment(self.document)
        units = a.commune_units if a is not None else project.communes.units
        codes = project.communes.codes
        rows = []
        for k, phase in enumerate(cmd.new):
            mask = np.isin(codes, np.asarray(phase.communes, dtype=str))
            rows.append([str(k + 1), phase.name, str(len(phase.communes)),
                         number(int(units[mask].sum()))])
        headers = ["", translate("PhaseDialogs", "Phase name"), translate("PhaseDialogs", "Communes"),
                   translate("PhaseTableModel", "Units")]
        self._fill_preview(headers, rows, len(rows),
                           plural(len(rows), translate("PhaseDialogs", "{0} phase will be created."),
                                  translate("PhaseDialogs", "{0} phases will be created.")))

    def command(self, replace: bool | None = None):
        """The ImportPhases command for the chosen options (ParameterError if the field cannot be used)."""
        return phases_per_field(self.document.project, self.field_combo.currentText(),
                                name_field=self.name_combo.currentData(), order=self.order_combo.currentData(),
                                replace=self.replace_check.isChecked() if replace is None else replace,
                                assignment=_current_assignment(self.document))


def _current_assignment(document):
    cache = assignment_cache_for(document)
    if cache.assignment is not None and cache.phase_ids == [p.id for p in document.project.phases]:
        return cache.assignment
    return None


class ImportZonesDialog(_PreviewDialog):
    """Choose the phase field (number or name) of a polygon layer; preview the phases it makes."""

    def __init__(self, layer, document, parent=None):
        super().__init__(translate("PhaseDialogs", "Import phase zones"), parent)
        self.layer = layer
        self.document = document
        summary = translate("PhaseDialogs", "{0} — {1} polygons").format(layer.name, len(layer))
        self.form.addRow(translate("PhaseDialogs", "Layer:"), QLabel(summary, self))
        self.field_combo = QComboBox(self)
        self.field_combo.setObjectName("fieldCombo")
        self.field_combo.addItems(layer.field_names())
        self.replace_check = QCheckBox(translate("PhaseDialogs", "Replace the existing phases"), self)
        self.replace_check.setChecked(not document.project.phases)
        self.form.addRow(translate("PhaseDialogs", "Phase field:"), self.field_combo)
        self.form.addRow("", self.replace_check)
        self.field_combo.currentTextChanged.connect(self._update_preview)
        self.field_combo.setCurrentText(guess_phase_field(layer.field_names()) or "")
        self._update_preview(self.field_combo.currentText())

    def _update_preview(self, field: str) -> None:
        if not field:
            self._fill_preview([translate("PhaseDialogs", "Value"), translate("PhaseDialogs", "Polygons")], [], 0,
                               translate("PhaseDialogs", "The layer has no field."))
            return
        groups = _value_groups(self.layer.fields[field])
        self._fill_preview([translate("PhaseDialogs", "Value"), translate("PhaseDialogs", "Polygons")],
                           [[v, str(n)] for v, n in groups], len(groups),
                           plural(len(groups), translate("PhaseDialogs", "{0} phase will be imported."),
                                  translate("PhaseDialogs", "{0} phases will be imported.")))

    def command(self):
        return import_phase_zones_command(self.document.project, self.layer, self.field_combo.currentText(),
                                          replace=self.replace_check.isChecked())


def guess_phase_field(names) -> str | None:
    """The field most likely to hold the phase: PHASE, phase, num_phase, …"""
    lower = {n.lower(): n for n in names}
    for key in ("phase", "num_phase", "phase_num", "no_phase", "id_phase", "phase_id", "nom_phase", "lot"):
        if key in lower:
            return lower[key]
    return next((n for n in names if "phase" in n.lower()), None)


def choose_zones_file(parent) -> str:
    """Ask for a polygon layer file ('' when cancelled; tests patch this)."""
    path, _ = QFileDialog.getOpenFileName(parent, translate("PhaseDialogs", "Import phase zones"), "",
                                          translate("PhaseDialogs",
                                                    "GIS files (*.gpkg *.shp *.geojson *.json *.fgb);;All files (*)"))
    return path


def choose_layer(parent, path: str, layers: list[str]) -> str | None:
    """Ask which layer of a multi-layer file holds the zones (None when cancelled)."""
    name, ok = QInputDialog.getItem(parent, translate("PhaseDialogs", "Choose a layer"),
                                    translate("PhaseDialogs", "{0} holds several layers:").format(os.path.basename(path)),
                                    layers, 0, False)
    return name if ok else None


def run_import_dialog(parent, document, layer) -> bool:
    """Show ImportZonesDialog for a read layer and push its command; True when phases were imported."""
    dlg = ImportZonesDialog(layer, document, parent)
    if not dlg.exec():
        return False
    try:
        document.push(dlg.command())
    except PlannerError as exc:
        ui_errors.show_error(parent, exc, translate("PhaseDialogs", "Import phase zones"))
        return False
    return True


def import_phase_zones(mw, document, path: str | None = None, layer_name: str | None = None) -> None:
    """File → (layer) → read off the UI thread → field dialog → one undoable ImportPhases."""
    from planner.io.layers.readers import LayerChoiceNeeded, list_layers, read_layer

    path = path or choose_zones_file(mw)
    if not path:
        return
    if layer_name is None:
        try:
            polys = [name for name, gtype, _n in list_layers(path) if "olygon" in str(gtype)]
        except PlannerError as exc:
            ui_errors.show_error(mw, exc)
            return
        except Exception:  # noqa: BLE001 - CSV or unusual files: let read_layer report
            polys = []
        if len(polys) > 1:
            layer_name = choose_layer(mw, path, polys)
            if layer_name is None:
                return
        elif len(polys) == 1:
            layer_name = polys[0]

    def done(layer) -> None:
        if layer.kind != "polygon":
            ui_errors.show_error(mw, PlannerError(translate("PhaseDialogs",
                                                            "{0}: phase zones need a polygon layer, this one holds {1}s")
                                                  .format(os.path.basename(path), layer.kind)))
            return
        run_import_dialog(mw, document, layer)

    def failed(exc) -> None:
        if isinstance(exc, LayerChoiceNeeded):
            name = choose_layer(mw, path, exc.layers)
            if name:
                import_phase_zones(mw, document, path, name)
            return
        ui_errors.show_error(mw, exc)

    mw.run_task(lambda progress, cancel: read_layer(path, layer_name, progress=progress, cancel=cancel),
                translate("PhaseDialogs", "Reading {0}").format(os.path.basename(path)), done, failed)
