"""The import dialog says what it guessed, and the window says when imported premises fall outside the communes."""
from __future__ import annotations

import numpy as np
import pytest

import planner.ui.common.errors as ui_errors
import planner.ui.project.import_dialog as import_dialog
from conftest import BANO_RAW_CSV
from gui_helpers import make_window, wait_idle

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::RuntimeWarning")


@pytest.fixture
def window(qtbot, tmp_path, shared_data):
    return make_window(qtbot, tmp_path)


def test_options_dialog_lists_the_guesses(qtbot, tmp_path, shared_data):
    path = tmp_path / "ipe.csv"
    path.write_text("CodeInseeImmeuble;CoordonneeImmeubleX;CoordonneeImmeubleY;TypeProjectionGeographique;"
                    "NombreLogementsAdresseIPE;EtatImmeuble\n32013;502345,5;6284567,2;RGF93;3;DEPLOYE\n"
                    "32013;502355,5;6284577,2;RGF93;;CIBLE\n", encoding="utf-8")
    schema = import_dialog.inspect(str(path), None)
    opts = import_dialog.default_options(schema, has_communes=True, has_premises=False)
    dlg = import_dialog.ImportOptionsDialog(schema, opts)
    qtbot.addWidget(dlg)
    text = dlg.guessed_label.text()
    assert "CoordonneeImmeubleX / CoordonneeImmeubleY (recognised by name)" in text
    assert "coordinate system: row by row from TypeProjectionGeographique" in text
    assert "INSEE code: field CodeInseeImmeuble" in text and "units: field NombreLogementsAdresseIPE" in text
    assert dlg.x_field.currentData() == "CoordonneeImmeubleX" and dlg.units_field.currentData() == \
        "NombreLogementsAdresseIPE"
    dlg.resize(560, dlg.sizeHint().height())
    dlg.grab().save(str(tmp_path / "import_guesses.png"))


def test_premises_outside_the_communes_are_reported(window, qtbot, monkeypatch, tmp_path):
    errors = []
    monkeypatch.setattr(ui_errors, "show_error", lambda parent, exc, context=None: errors.append(exc))
    lines = BANO_RAW_CSV.read_text(encoding="utf-8").splitlines()
    shifted = []
    for i, line in enumerate(lines):  # a third of the points moved 3 degrees east, out of the Gers
        cells = line.split(",")
        if i % 3 == 0:
            cells[-1] = f"{float(cells[-1]) + 3.0:.6f}"
        shifted.append(",".join(cells))
    path = tmp_path / "bano_shifted.csv"
    path.write_text("\n".join(shifted) + "\n", encoding="utf-8")

    def ask(parent, schema, options):
        options.role = "premises"
        return options

    monkeypatch.setattr(import_dialog, "ask_options", ask)
    window.import_path(str(path))
    wait_idle(qtbot, window)
    assert not errors
    report = window._last_import_report
    assert "premises" in report and "fall outside every commune" in report and "coordinate system" in report
    count = int(report.split(" premises")[0].replace(" ", "").replace("\u202f", ""))
    assert abs(count - len(lines) / 3) < 20  # the moved third (and the few BANO points on the edges)
    assert "What was guessed" in report and "lon" in report
    from PySide6.QtWidgets import QApplication, QMessageBox

    box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
    assert box.text() == report
    box.grab().save(str(tmp_path / "outside.png"))
    premises = window.document.project.premises
    assert len(premises) == len(lines) and np.isfinite(premises.layer.x).all()
