"""Importing layers in the GUI: options pre-filled from detection, roles, several layers, drops, bad files."""
from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

import planner.ui.common.errors as ui_errors
import planner.ui.project.import_dialog as import_dialog
from conftest import BANO_RAW_CSV, COMMUNES_GPKG
from gui_helpers import inner_point, make_window, wait_idle
from planner.core.errors import InputError


@pytest.fixture
def window(qtbot, tmp_path, shared_data):
    return make_window(qtbot, tmp_path)


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::RuntimeWarning")


@pytest.fixture
def errors(monkeypatch):
    shown = []
    monkeypatch.setattr(ui_errors, "show_error", lambda parent, exc, context=None: shown.append(exc))
    return shown


@pytest.fixture
def accept_defaults(monkeypatch):
    """The options dialog answers with the detected defaults (recorded)."""
    seen = []

    def ask(parent, schema, options):
        seen.append((schema, options))
        return options

    monkeypatch.setattr(import_dialog, "ask_options", ask)
    return seen


def _state(window):
    p = window.document.project
    return ([id(l) for l in p.layers()], window.document.session.count(), p.revision)


def test_raw_bano_csv_imports_in_the_gers(window, qtbot, accept_defaults, errors):
    window.import_path(str(BANO_RAW_CSV))
    wait_idle(qtbot, window)
    assert not errors
    schema, opts = accept_defaults[0]
    assert schema.is_csv and opts.x_field == "lon" and opts.y_field == "lat"
    assert opts.role == "other"  # the sample already has premises
    project = window.document.project
    layer = project.extra_layers[-1]
    assert len(layer) == 34_072
    item = window.item_for(layer)
    assert item is not None and item.point_count() == 34_072
    cb = project.communes.layer.bounds
    assert cb[0] - 5000 < np.median(layer.x) < cb[2] + 5000 and cb[1] - 5000 < np.median(layer.y) < cb[3] + 5000
    # the BANO points of Auch are inside Auch
    auch = window.commune_locator.row_at(float(np.median(layer.x[layer.fields["nom_comm"] == "Auch"])),
                                         float(np.median(layer.y[layer.fields["nom_comm"] == "Auch"])))
    assert project.communes.codes[auch] == "32013"
    assert window.layers_panel.layers()[0] is layer or layer in window.layers_panel.layers()
    window.act_undo.trigger()
    assert layer not in project.extra_layers and window.item_for(layer) is None


def test_several_layers_choose_one_and_replace_communes(window, qtbot, monkeypatch, errors):
    asked = []
    monkeypatch.setattr(import_dialog, "ask_layer", lambda parent, path, layers: (asked.append(layers), "communes_l93")[1])
    seen = []

    def ask(parent, schema, options):
        seen.append(options)
        options.role = "communes"
        return options

    monkeypatch.setattr(import_dialog, "ask_options", ask)
    old = window.document.project.communes
    window.import_path(str(COMMUNES_GPKG))
    wait_idle(qtbot, window)
    assert not errors
    assert sorted(name for name, _, _ in asked[0]) == ["communes_l93", "communes_wgs84"]
    assert seen[0].code_field == "code_insee" and seen[0].name_field == "nom"
    assert seen[0].units_field.startswith("locaux") or seen[0].units_field == "logements_2018+etablissements_2018"
    communes = window.document.project.communes
    assert communes is not old and len(communes) == 458
    assert window.commune_item.layer is communes.layer and window.commune_item.path_count() == 458
    assert window.commune_locator.communes is communes
    window.act_undo.trigger()
    assert window.document.project.communes is old and window.commune_item.layer is old.layer


def test_options_dialog_prefills_and_overrides(qtbot):
    schema = import_dialog.inspect(str(COMMUNES_GPKG), "communes_wgs84")
    assert schema.kind == "polygon" and schema.count == 458 and "code_insee" in schema.fields
    opts = import_dialog.default_options(schema, has_communes=False, has_premises=False)
    assert opts.role == "communes" and opts.code_field == "code_insee"
    dlg = import_dialog.ImportOptionsDialog(schema, opts)
    qtbot.addWidget(dlg)
    assert [dlg.role.itemData(i) for i in range(dlg.role.count())] == ["communes", "other"]
    assert dlg.code_field.currentData() == "code_insee"
    assert not dlg.insee_field.isVisibleTo(dlg) and dlg.units_field.isVisibleTo(dlg)
    dlg.units_field.setCurrentIndex(dlg.units_field.findData("population"))
    dlg.name_field.setCurrentIndex(dlg.name_field.findData("nom_epci"))
    out = dlg.options()
    assert out.units_field == "population" and out.name_field == "nom_epci" and out.role == "communes"
    dlg.role.setCurrentIndex(dlg.role.findData("other"))
    assert not dlg.units_field.isVisibleTo(dlg)
    csv = import_dialog.inspect(str(BANO_RAW_CSV), None)
    assert csv.is_csv and csv.xy == ("lon", "lat")
    dlg2 = import_dialog.ImportOptionsDialog(csv, import_dialog.default_options(csv, True, False))
    qtbot.addWidget(dlg2)
    assert dlg2.role.currentData() == "premises"
    assert dlg2.x_field.currentData() == "lon" and dlg2.y_field.currentData() == "lat"


@pytest.mark.parametrize("name,content", [
    ("broken.gpkg", b"SQLite format 3\x00" + b"\x00" * 300),
    ("notjson.geojson", b"{ this is not json"),
    ("nocoords.csv", "nom;valeur\nAuch;trois\nCondom;deux\n".encode()),
    ("missing.shp", None),
])
def test_bad_files_show_an_error_and_leave_the_project(window, qtbot, tmp_path, accept_defaults, errors, name, content):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    before = _state(window)
    window.import_path(str(path))
    wait_idle(qtbot, window)
    assert len(errors) == 1
    assert isinstance(errors[0], InputError)
    assert name in str(errors[0])
    assert _state(window) == before


def test_dropping_a_file_imports_it(window, qtbot, tmp_path, accept_defaults, errors):
    path = tmp_path / "sites.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "NRO Auch"}, "geometry": {"type": "Point", "coordinates": [0.5857, 43.6465]}},
        {"type": "Feature", "properties": {"name": "NRO Condom"}, "geometry": {"type": "Point", "coordinates": [0.3728, 43.9582]}},
    ]}))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    pos = QPointF(600, 400)
    # as a window system does: drag enter (accepted: it holds local files), then drop
    enter = QDragEnterEvent(pos.toPoint(), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    ev = QDropEvent(pos, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window, ev)
    qtbot.waitUntil(lambda: len(window.document.project.extra_layers) == 1 and not window.is_busy(), timeout=20000)
    assert not errors
    layer = window.document.project.extra_layers[0]
    assert len(layer) == 2 and list(layer.fields["name"]) == ["NRO Auch", "NRO Condom"]
    assert window.commune_locator.label_at(float(layer.x[0]), float(layer.y[0])) == "Auch (32013)"
    assert window.item_for(layer) is not None


def test_guessed_crs_is_shown_as_a_warning(window, qtbot, tmp_path, accept_defaults, errors):
    from PySide6.QtWidgets import QMessageBox

    path = tmp_path / "nro_l93.csv"
    path.write_text("id;x;y\n1;507000;6287800\n2;498000;6282000\n")
    window.import_path(str(path))
    wait_idle(qtbot, window)
    assert not errors
    layer = window.document.project.extra_layers[-1]
    assert len(layer) == 2 and layer.warnings
    assert window.commune_locator.label_at(float(layer.x[0]), float(layer.y[0])) == "Auch (32013)"
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1 and not boxes[0].isModal()
    assert "nro_l93.csv" in boxes[0].text() and "EPSG:2154" in boxes[0].text()
    assert "guessed" in window.statusBar().currentMessage()
    boxes[0].close()


def test_shapefile_side_files_dropped_with_it_are_not_imported_alone():
    from planner.ui.project.file_opening import without_sidecars

    paths = ["/d/communes.shp", "/d/communes.shp.xml", "/d/communes.dbf", "/d/communes.shx", "/d/communes.prj", "/d/communes.cpg",
             "/d/other.dbf", "/d/bano.csv"]
    assert without_sidecars(paths) == ["/d/communes.shp", "/d/other.dbf", "/d/bano.csv"]


def test_first_layer_of_an_empty_project_is_shown(qtbot, tmp_path, monkeypatch, accept_defaults, errors):
    (tmp_path / "w").mkdir()
    window = make_window(qtbot, tmp_path / "w", sample=False)
    monkeypatch.setattr(import_dialog, "ask_layer", lambda parent, path, layers: "communes_l93")
    window.import_path(str(COMMUNES_GPKG))
    wait_idle(qtbot, window)
    assert not errors
    schema, opts = accept_defaults[0]
    assert opts.role == "communes"  # an empty project takes a polygon layer with INSEE codes as its communes
    communes = window.document.project.communes
    assert len(communes) == 458 and communes.code_field == "code_insee"
    xmin, ymin, xmax, ymax = window.canvas.extent()
    b = communes.layer.bounds
    assert xmin <= b[0] and ymin <= b[1] and xmax >= b[2] and ymax >= b[3] and xmax - xmin < 3 * (b[2] - b[0])
    assert window.commune_locator.label_at(*inner_point(window, "32013")) == "Auch (32013)"


def test_csv_without_detected_coordinates_asks_for_the_columns(window, qtbot, tmp_path, monkeypatch, errors):
    path = tmp_path / "sites.csv"
    # odd column names and a text value: the coordinates cannot be recognised
    path.write_text("site;c1;c2\nNRO1;507000;6287800\nNRO2;inconnu;inconnu\nNRO3;498000;6282000\n")
    schema = import_dialog.inspect(str(path), None)
    assert schema.is_csv and schema.xy is None
    dlg = import_dialog.ImportOptionsDialog(schema, import_dialog.default_options(schema, True, True))
    qtbot.addWidget(dlg)
    assert dlg.x_field.currentData() == "" and dlg.y_field.currentData() == ""  # nothing guessed
    # left unchosen: a clear message, nothing imported
    monkeypatch.setattr(import_dialog, "ask_options", lambda parent, schema, options: options)
    before = _state(window)
    window.import_path(str(path))
    wait_idle(qtbot, window)
    assert len(errors) == 1 and "X and Y" in str(errors[0]) and _state(window) == before
    # named by the user: imported in the right place

    def choose(parent, schema, options):
        options.x_field, options.y_field = "c1", "c2"
        return options

    monkeypatch.setattr(import_dialog, "ask_options", choose)
    window.import_path(str(path))
    wait_idle(qtbot, window)
    layer = window.document.project.extra_layers[-1]
    assert len(layer) == 2 and window.commune_locator.label_at(float(layer.x[0]), float(layer.y[0])) == "Auch (32013)"
    assert any("skipped" in w for w in layer.warnings)  # the row without coordinates is counted
