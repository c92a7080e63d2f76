"""Import a layer file: choose the layer, the role (communes/premises/other), the fields, then load off the UI thread."""
from __future__ import annotations

import html
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QInputDialog, QLabel, QVBoxLayout,
                               QWidget)

from planner.core.errors import InputError, PlannerError
from planner.core.project.layer_commands import AddLayer

CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
ROLES = ("communes", "premises", "other")
NONE = ""


translate = QCoreApplication.translate


@dataclass
class FileSchema:
    """What the dialog needs to know before reading: the layer's name, geometry kind, fields and detections."""

    path: str
    layer: str | None
    kind: str  # 'point', 'polygon', 'line' or '' (unknown)
    fields: list[str]
    count: int = -1
    xy: tuple[str, str] | None = None  # CSV coordinate columns (detected), None if not found
    is_csv: bool = False
    xy_by: str | None = None  # how the coordinate columns were found: 'name' or 'values'


@dataclass
class ImportOptions:
    """The user's choices: role and fields (NONE = '' for 'none'/'detect')."""

    role: str = "other"
    code_field: str = NONE
    name_field: str = NONE
    units_field: str = NONE
    insee_field: str = NONE
    x_field: str = NONE
    y_field: str = NONE


_KINDS = {"Point": "point", "MultiPoint": "point", "LineString": "line", "MultiLineString": "line",
          "Polygon": "polygon", "MultiPolygon": "polygon"}


def layers_of(path: str) -> list[tuple[str, str, int]]:
    """(name, geometry type, count) of the spatial layers of a non-CSV file (InputError if unreadable)."""
    from planner.io.layers.readers import list_layers

    return list_layers(path)


def inspect(path: str, layer: str | None) -> FileSchema:
    """Field names and geometry kind of one layer (cheap: no feature is read)."""
    p = Path(path)
    if p.suffix.lower() in CSV_SUFFIXES:
        from planner.io.layers.csv_points import sniff_csv

        info = sniff_csv(p)
        xy = tuple(info["xy"][:2]) if info.get("xy") else None
        return FileSchema(str(p), None, "point", list(info["names"]), xy=xy, is_csv=True, xy_by=info.get("xy_by"))
    import pyogrio

    try:
        info = pyogrio.read_info(p, layer=layer)
    except Exception as exc:
        raise InputError(p, f"cannot read the layer's description ({exc})") from None
    gtype = str(info.get("geometry_type") or "").replace(" Z", "").replace("25D", "")
    return FileSchema(str(p), layer, _KINDS.get(gtype, ""), [str(f) for f in info["fields"]], int(info["features"]))


def default_options(schema: FileSchema, has_communes: bool, has_premises: bool) -> ImportOptions:
    """Role and fields pre-filled from detection (the user can override them)."""
    from planner.io.layers.detect import detect_insee_field, detect_name_field, detect_units_field

    names = schema.fields
    opts = ImportOptions()
    insee = detect_insee_field(names) or NONE
    units = detect_units_field(names)
    if schema.kind == "polygon":
        opts.role = "communes" if (not has_communes and insee) else "other"
        opts.code_field = insee
        opts.name_field = detect_name_field(names) or NONE
        opts.units_field = units.label.replace(" ", "") if units else NONE
    elif schema.kind == "point":
        opts.role = "premises" if not has_premises else "other"
        opts.insee_field = insee
        opts.units_field = units.label.replace(" ", "") if units else NONE
    if schema.xy:
        opts.x_field, opts.y_field = schema.xy
    return opts


def guessed_lines(schema: FileSchema, options: ImportOptions) -> list[str]:
    """What the dialog pre-filled by guessing (coordinate columns, INSEE and units fields), in the user's language."""
    out = []
    if schema.xy:
        how = (translate("ImportDialog", "recognised by name") if schema.xy_by == "name"
               else translate("ImportDialog", "guessed from their values"))
        out.append(translate("ImportDialog", "coordinates: columns {x} / {y} ({how})").format(
            x=schema.xy[0], y=schema.xy[1], how=how))
    projection = next((f for f in schema.fields if f.lower() == "typeprojectiongeographique"), None)
    if schema.is_csv and projection:
        out.append(translate("ImportDialog", "coordinate system: row by row from {field}").format(field=projection))
    elif schema.is_csv:
        out.append(translate("ImportDialog", "coordinate system: from the file's columns or guessed from the "
                                             "coordinate range"))
    insee = options.insee_field if schema.kind == "point" else options.code_field
    if insee:
        out.append(translate("ImportDialog", "INSEE code: field {field}").format(field=insee))
    if options.units_field:
        out.append(translate("ImportDialog", "units: field {field}").format(field=options.units_field))
    return out


class ImportOptionsDialog(QDialog):
    """Role and field choices for one layer, pre-filled from detection."""

    def __init__(self, schema: FileSchema, options: ImportOptions, parent: QWidget | None = None):
        super().__init__(parent)
        self.schema = schema
        self.setWindowTitle(self.tr("Import {name}").format(name=os.path.basename(schema.path)))
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self._describe(schema), self))
        form = QFormLayout()
        lay.addLayout(form)
        self.role = QComboBox(self)
        labels = {"communes": self.tr("Communes (polygons with INSEE codes)"),
                  "premises": self.tr("Premises (points with units)"), "other": self.tr("Other layer (display only)")}
        for role in ROLES:
            if role == "communes" and schema.kind not in ("polygon", ""):
                continue
            if role == "premises" and schema.kind not in ("point", ""):
                continue
            self.role.addItem(labels[role], role)
        form.addRow(self.tr("Use as"), self.role)
        self._field_rows(form, schema, options)
        guessed = guessed_lines(schema, options)
        if guessed:
            note = QLabel(self.tr("Guessed from the file — check before importing:") + "<br>"
                          + "<br>".join(f"• {html.escape(g)}" for g in guessed), self)
            note.setWordWrap(True)
            lay.addWidget(note)
            self.guessed_label = note
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Import"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.role.currentIndexChanged.connect(self._update_rows)
        i = self.role.findData(options.role)
        self.role.setCurrentIndex(max(0, i))
        self._update_rows()

    def _field_rows(self, form: QFormLayout, schema: FileSchema, options: ImportOptions) -> None:
        fields = schema.fields
        # coordinates found: pre-selected; not found: the user must name them
        choose = None if schema.xy else self.tr("(choose a column)")
        self.x_field = self._combo(fields, options.x_field, choose)
        self.y_field = self._combo(fields, options.y_field, choose)
        if schema.is_csv:
            form.addRow(self.tr("X / longitude column"), self.x_field)
            form.addRow(self.tr("Y / latitude column"), self.y_field)
        else:
            self.x_field.hide()
            self.y_field.hide()
        self.code_field = self._combo(fields, options.code_field, self.tr("(detect)"))
        self.name_field = self._combo(fields, options.name_field, self.tr("(same as code)"))
        self.insee_field = self._combo(fields, options.insee_field, self.tr("(none)"))
        units_choices = list(fields)
        if options.units_field and options.units_field not in units_choices:
            units_choices.insert(0, options.units_field)
        self.units_field = self._combo(units_choices, options.units_field, self.tr("(1 per feature)"))
        self._rows = {
            "code": (self.tr("INSEE code field"), self.code_field),
            "name": (self.tr("Name field"), self.name_field),
            "insee": (self.tr("INSEE code field"), self.insee_field),
            "units": (self.tr("Units field"), self.units_field),
        }
        self._labels = {}
        for key, (label, combo) in self._rows.items():
            self._labels[key] = QLabel(label, self)
            form.addRow(self._labels[key], combo)

    def _describe(self, schema: FileSchema) -> str:
        """'<b>file (layer)</b> — Polygon layer, 458 features' (HTML, names escaped)."""
        kind = {"point": self.tr("Point"), "polygon": self.tr("Polygon"), "line": self.tr("Line")}.get(schema.kind, "?")
        if schema.is_csv:
            what = self.tr("CSV points")
        else:
            what = self.tr("{kind} layer, {count} features").format(kind=kind, count=f"{schema.count:,}".replace(",", " "))
        name = os.path.basename(schema.path) + (f" ({schema.layer})" if schema.layer else "")
        what = f"<b>{html.escape(name)}</b> — {html.escape(what)}"
        return what

    def _combo(self, names: list[str], current: str, none_label: str | None) -> QComboBox:
        c = QComboBox(self)
        if none_label is not None:
            c.addItem(none_label, NONE)
        for n in names:
            c.addItem(n, n)
        i = c.findData(current)
        c.setCurrentIndex(max(0, i))
        return c

    def _update_rows(self) -> None:
        role = self.role.currentData()
        shown = {"communes": {"code", "name", "units"}, "premises": {"insee", "units"}, "other": set()}[role]
        for key, (_, combo) in self._rows.items():
            combo.setVisible(key in shown)
            self._labels[key].setVisible(key in shown)

    def options(self) -> ImportOptions:
        return ImportOptions(role=self.role.currentData(), code_field=self.code_field.currentData(),
                             name_field=self.name_field.currentData(), units_field=self.units_field.currentData(),
                             insee_field=self.insee_field.currentData(), x_field=self.x_field.currentData() or NONE,
                             y_field=self.y_field.currentData() or NONE)


def ask_layer(parent: QWidget | None, path: str, layers: list[tuple[str, str, int]]) -> str | None:
    """Ask which layer of a multi-layer file to import (None: cancelled)."""
    items = [f"{name} — {gtype}, {count}" for name, gtype, count in layers]
    choice, ok = QInputDialog.getItem(parent, translate("ImportDialog", "Choose a layer"),
                                      translate("ImportDialog", "{file} holds several layers. Import:").format(file=os.path.basename(path)),
                                      items, 0, False)
    if not ok:
        return None
    return layers[items.index(choice)][0]


def ask_options(parent: QWidget | None, schema: FileSchema, options: ImportOptions) -> ImportOptions | None:
    """Show the options dialog (None: cancelled). Tests monkeypatch this."""
    dlg = ImportOptionsDialog(schema, options, parent)
    if dlg.exec() != QDialog.Accepted:
        return None
    return dlg.options()


def read_for_role(schema: FileSchema, opts: ImportOptions, progress=None, cancel=None) -> AddLayer:
    """Read the file in the chosen role (in a worker) and return the command that adds it to the project."""
    from planner.io.layers.readers import load_communes, load_premises, read_layer

    xy = dict(x_field=opts.x_field or None, y_field=opts.y_field or None) if schema.is_csv else {}
    if opts.role == "communes":
        c = load_communes(schema.path, schema.layer, code_field=opts.code_field or None,
                          name_field=opts.name_field or None, units_field=opts.units_field or None,
                          progress=progress, cancel=cancel)
        if not opts.units_field:
            c.units_field = None
        return AddLayer(c.layer, "communes", code_field=c.code_field, name_field=c.name_field,
                        units_field=c.units_field)
    if opts.role == "premises":
        p = load_premises(schema.path, schema.layer, units_field=opts.units_field or None,
                          insee_field=opts.insee_field or None, progress=progress, cancel=cancel, **xy)
        if not opts.units_field:
            p.units_field = None
        return AddLayer(p.layer, "premises", units_field=p.units_field, insee_field=p.insee_field)
    layer = read_layer(schema.path, schema.layer, progress=progress, cancel=cancel, **xy)
    return AddLayer(layer, "other")


def show_warnings(parent: QWidget, path: str, warnings: list[str], guessed: list[str] | None = None,
                  outside=None) -> None:
    """Say what the import guessed (status bar) and show warnings and premises outside every commune (CRS guessed,
    geometries repaired or skipped, unit counts replaced) in a box that does not block."""
    from PySide6.QtWidgets import QMessageBox

    name = os.path.basename(path)
    if guessed:
        parent.statusBar().showMessage(translate("ImportDialog", "{file}: guessed {what}").format(
            file=name, what="; ".join(guessed)), 15000)
    if not warnings and outside is None:
        return
    parts = []
    if outside is not None:
        parts.append(translate("ImportDialog", "{count} premises ({share} % of the units) fall outside every "
                                               "commune: {cause}").format(
            count=f"{outside.premises:,}".replace(",", " "), share=f"{100 * outside.share:.1f}", cause=outside.cause))
    if warnings:
        parts.append(translate("ImportDialog", "{file} was imported with warnings:").format(file=name) + "\n"
                     + "\n".join(f"• {w}" for w in warnings))
    if guessed:
        parts.append(translate("ImportDialog", "What was guessed:") + "\n" + "\n".join(f"• {g}" for g in guessed))
    if outside is None:
        parent.statusBar().showMessage(f"{name}: {warnings[0]}", 15000)
    else:
        parent.statusBar().showMessage(f"{name}: {parts[0]}", 15000)
    box = QMessageBox(QMessageBox.Warning, translate("ImportDialog", "Imported with warnings"), "\n\n".join(parts),
                      QMessageBox.Ok, parent)
    box.setModal(False)
    box.setAttribute(Qt.WA_DeleteOnClose)
    box.show()
    parent._last_import_report = box.text()


def read_and_check(schema: FileSchema, opts: ImportOptions, communes, progress=None, cancel=None):
    """`read_for_role` in the worker, plus the premises-outside-the-communes report (or None)."""
    command = read_for_role(schema, opts, progress, cancel)
    report = None
    if opts.role == "premises" and communes is not None:
        from planner.core.phases.assignment import assign
        from planner.core.project.model import Premises, Project
        from planner.io.layers.placement import outside_report

        trial = Project(communes=communes, premises=Premises(command.layer, **command.role_options))
        report = outside_report(trial, assign(trial, cancel=cancel))
    return command, report


def import_layer_file(window, path: str, role: str | None = None, layer: str | None = None) -> None:
    """The whole import: layer choice, options dialog, read in a worker, then an undoable AddLayer."""
    from planner.ui.common import errors as ui_errors

    path = str(path)
    try:
        if not os.path.exists(path):
            raise InputError(path, "file not found")
        if Path(path).suffix.lower() not in CSV_SUFFIXES and layer is None:
            layers = layers_of(path)
            if not layers:
                raise InputError(path, "no spatial layer in this file")
            if len(layers) > 1:
                layer = ask_layer(window, path, layers)
                if layer is None:
                    return
            else:
                layer = layers[0][0]
        schema = inspect(path, layer)
    except PlannerError as exc:
        ui_errors.show_error(window, exc)
        return
    except Exception as exc:  # a reader bug must not take the app down
        ui_errors.show_error(window, InputError(path, f"cannot open ({type(exc).__name__}: {exc})"))
        return
    project = window.document.project
    opts = default_options(schema, project.communes is not None, project.premises is not None)
    if role is not None:
        opts.role = role
    opts = ask_options(window, schema, opts)
    if opts is None:
        return
    if schema.is_csv and not (opts.x_field and opts.y_field):
        ui_errors.show_error(window, InputError(path, "choose the X and Y (or longitude and latitude) columns"))
        return

    def done(result) -> None:
        command, outside = result
        if hasattr(window, "_remember"):
            window._remember(path)
        first = not window.document.project.layers()
        window.document.push(command)
        if first:  # the first layer of an empty project: show it
            window.zoom_full()
        show_warnings(window, path, command.layer.warnings, command.layer.guessed, outside)

    from planner.ui.map.map_canvas import prepare_loaded

    communes = project.communes

    def work(progress, cancel):
        command, outside = read_and_check(schema, opts, communes, progress, cancel)
        return prepare_loaded(command), outside

    window.run_task(work, translate("ImportDialog", "Importing {name}").format(name=os.path.basename(path)), done)
