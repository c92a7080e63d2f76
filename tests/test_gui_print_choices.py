"""Printing does what the planner chose (issue 15): Write PDF asks before replacing a file, and the month printed is
this month or the one last chosen in a print dialog (said in the dialog), never where the time slider was left."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFileDialog, QMessageBox

from test_gui_print import document, pdf_texts, plan_project, settings, wait_done  # noqa: F401


def test_write_pdf_asks_before_replacing_an_existing_file(qtbot, document, settings, tmp_path, monkeypatch):
    from planner.ui.printing.print_atlas_dialog import PrintAtlasDialog

    target = tmp_path / "atlas.pdf"
    target.write_bytes(b"%PDF-1.4 the council's copy")
    dlg = PrintAtlasDialog(document, settings)
    qtbot.addWidget(dlg)
    dlg.set_mode("codes", "32013")
    dlg.output.setText(str(target))
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda parent, title, text, *a, **k: asked.append((title, text)) or QMessageBox.No))
    assert dlg.write_button.isEnabled()
    dlg.write_button.click()
    assert asked == [("Replace the PDF?", f"{target} already exists.\n\nReplace it with this atlas?")]
    assert dlg.task is None and target.read_bytes() == b"%PDF-1.4 the council's copy"
    assert dlg.status.text() == "Not written: atlas.pdf is kept as it was."
    # Yes replaces it
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Yes))
    dlg.write_button.click()
    wait_done(qtbot, dlg)
    assert dlg.last_error is None and "32013" in pdf_texts(target)[0]
    # a file chosen (and confirmed) in the Save dialog is not asked about twice
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: asked.append("again") or QMessageBox.No))
    dlg._browse()
    dlg.write_button.click()
    wait_done(qtbot, dlg)
    assert "again" not in asked and dlg.last_error is None


def test_print_month_is_this_month_then_the_last_one_chosen_never_the_slider(qtbot, document, settings, tmp_path):
    from planner.ui.printing.print_atlas_dialog import PrintAtlasDialog
    from planner.ui.printing.print_commune_dialog import PrintCommuneDialog

    document.set_month(119)  # the slider, left at the end after playing the rollout
    auch = document.project.communes.index_of("32013")
    dlg = PrintCommuneDialog(document, settings, auch)
    qtbot.addWidget(dlg)
    box = dlg.options_box
    months = [box.month.itemData(i) for i in range(box.month.count())]
    today = dt.date.today().strftime("%Y-%m")
    expected = today if today in months else (months[0] if today < months[0] else months[-1])
    assert box.month.currentData() == expected != months[119]
    assert box.month_note.text().startswith(f"{expected}: ")
    assert box.month_note.isVisible() or not dlg.isVisible()
    # the planner picks 2021-03 and prints: the next print dialog (an atlas) starts there, and says why
    box.month.setCurrentIndex(box.month.findData("2021-03"))
    box.month.activated.emit(box.month.currentIndex())
    assert box.month_note.text() == "2021-03: chosen here"
    dlg.save_pdf(tmp_path / "auch.pdf")
    atlas = PrintAtlasDialog(document, settings)
    qtbot.addWidget(atlas)
    assert atlas.options_box.month.currentData() == "2021-03"
    assert atlas.options_box.month_note.text() == "2021-03: the month last chosen for printing"
    assert atlas.options_box.options().month == "2021-03"
