"""File ▸ Open on a text file that is neither a project nor a point layer says so plainly (issue 15), instead of a
"CSV points" import dialog that ends in "choose the X and Y columns"."""
from __future__ import annotations

from planner.ui.project import import_dialog

from gui_helpers import make_window, wait_idle


def test_opening_a_text_of_sentences_says_it_is_neither_a_project_nor_a_point_layer(qtbot, tmp_path, monkeypatch):
    from planner.ui.common import errors as ui_errors

    w = make_window(qtbot, tmp_path, plugins=True)
    before = [layer.name for layer in w.document.project.layers()]
    path = tmp_path / "notes.txt"
    path.write_text("Réunion du 12 mars : le conseil souhaite raccorder Auch en priorité.\n"
                    "Prochaine réunion en juin, avec le syndicat mixte.\n", encoding="utf-8")
    shown, dialogs = [], []
    monkeypatch.setattr(ui_errors, "show_error", lambda parent, exc, context=None: shown.append(str(exc)))
    monkeypatch.setattr(import_dialog, "ask_options", lambda *a: dialogs.append(a))
    w.open_path(str(path))
    wait_idle(qtbot, w)
    assert dialogs == []  # no import dialog
    assert len(shown) == 1 and shown[0].startswith(str(path))
    assert "neither a Rollout Planner project nor a point layer" in shown[0]
    assert [layer.name for layer in w.document.project.layers()] == before and not w.document.is_modified()


def test_a_table_with_two_number_columns_still_asks_for_them(tmp_path):
    path = tmp_path / "sites.txt"
    path.write_text("site;c1;c2\nNRO1;507000;6287800\nNRO2;inconnu;inconnu\nNRO3;498000;6282000\n")
    schema = import_dialog.inspect(str(path), None)
    assert schema.is_csv and schema.xy is None and schema.fields == ["site", "c1", "c2"]
