"""Print commune / print atlas dialogs on the Gers sample: PDFs written, page order, overview, cancel, preview, menu."""
import re

import pypdf
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from planner.core.errors import Cancelled
from planner.core.project.model import Phase
from pdf_text import pdf_texts

TOWNS = ["32296", "32107", "32208", "32160", "32132", "32119"]  # phase 2, deliberately not in INSEE order


@pytest.fixture(scope="module")
def plan_project():
    """The bundled sample with three phases by commune list."""
    from planner.io.layers.sample import load_sample_project

    p = load_sample_project()
    p.name = "Gers — essai impression"
    p.phases = [Phase(1, "Phase 1 — Auch", "#1f77b4", communes=["32013"], crews=4),
                Phase(2, "Phase 2 — Villes", "#ff7f0e", communes=list(TOWNS), crews=3),
                Phase(3, "Phase 3 — Sud", "#2ca02c", communes=["32256", "32462", "32319"], crews=3,
                      earliest_start="2019-06")]
    return p


@pytest.fixture
def settings(tmp_path):
    from planner.ui.shell.settings import Settings

    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))


@pytest.fixture
def document(qapp, plan_project):
    from planner.ui.common.document import ProjectDocument

    doc = ProjectDocument(plan_project)
    yield doc
    doc.deleteLater()




def page_code(text):
    m = re.search(r"INSEE[^0-9]{0,12}(32\d{3})", text)
    return m.group(1) if m else None


def wait_done(qtbot, dlg, timeout=90000):
    qtbot.waitUntil(lambda: not dlg.is_running(), timeout=timeout)


# ------------------------------------------------------------------ print commune
def test_print_commune_save_as_pdf(qtbot, document, settings, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from planner.ui.printing.print_commune_dialog import PrintCommuneDialog

    communes = document.project.communes
    document.set_month(30)  # the time slider, left at 2020-07 after playing: not a month chosen for printing
    dlg = PrintCommuneDialog(document, settings, communes.index_of("32013"))
    qtbot.addWidget(dlg)
    assert dlg.selected_row() == communes.index_of("32013")
    month, why = dlg.options_box.default_month([dlg.options_box.month.itemData(i)
                                               for i in range(dlg.options_box.month.count())])
    assert dlg.options_box.month.currentData() == month != "2020-07"
    assert dlg.options_box.month_note.text() == f"{month}: {why}"
    assert dlg.options_box.paper.currentData() == "A4" and dlg.options_box.orientation.currentData() is False
    target = tmp_path / "auch.pdf"
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (asked.append(a[2]) or str(target), "PDF documents (*.pdf)"))
    dlg.pdf_button.click()
    assert asked and asked[0].endswith("32013_Auch.pdf")
    texts = pdf_texts(target)
    assert len(texts) == 1
    assert "Auch" in texts[0] and "32013" in texts[0]
    assert "auch.pdf" in dlg.status.text()
    assert not list(tmp_path.glob(".*.part"))


def test_print_commune_options_and_chooser(qtbot, document, settings, tmp_path):
    from planner.ui.printing.print_commune_dialog import PrintCommuneDialog

    settings.set_value("print/paper", "A3")
    settings.set_value("print/landscape", True)
    communes = document.project.communes
    dlg = PrintCommuneDialog(document, settings)
    qtbot.addWidget(dlg)
    opts = dlg.options_box.options()
    assert (opts.paper, opts.landscape) == ("A3", True)  # defaults from Settings
    dlg.commune.setEditText("32107")  # an INSEE code typed
    assert dlg.selected_row() == communes.index_of("32107")
    dlg.commune.setEditText("lectouré")  # a name fragment, case and accents ignored
    assert dlg.selected_row() == communes.index_of("32208")
    dlg.options_box.set_options(paper="A4", landscape=False, colour_by="state", month="2021-03")
    out = dlg.save_pdf(tmp_path / "lectoure.pdf")
    reader = pypdf.PdfReader(str(out))
    box = reader.pages[0].mediabox
    assert len(reader.pages) == 1 and abs(float(box.width) - 595) < 2 and abs(float(box.height) - 842) < 2
    text = pdf_texts(out)[0]
    assert "Lectoure" in text and "32208" in text and "2021" in text


def test_print_commune_preview_paints_the_page(qtbot, document, settings, tmp_path):
    from planner.ui.printing.print_commune_dialog import PrintCommuneDialog

    dlg = PrintCommuneDialog(document, settings, document.project.communes.index_of("32119"))
    qtbot.addWidget(dlg)
    preview = dlg.make_preview()
    qtbot.addWidget(preview)
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "preview.pdf"))
    preview.paintRequested.emit(printer)  # what the preview does to draw its pages
    texts = pdf_texts(tmp_path / "preview.pdf")
    assert len(texts) == 1 and "Eauze" in texts[0] and "32119" in texts[0]
    dlg.update_thumbnail()  # the live thumbnail of the page
    assert not dlg.thumbnail.pixmap().isNull() and dlg.thumbnail.pixmap().height() > 300


# ------------------------------------------------------------------ print atlas
def test_atlas_of_a_phase_in_insee_order_with_and_without_overview(qtbot, document, settings, tmp_path, monkeypatch):
    from planner.ui.printing.print_atlas_dialog import PrintAtlasDialog

    dlg = PrintAtlasDialog(document, settings)
    qtbot.addWidget(dlg)
    dlg.set_mode("phase", 1)
    assert dlg.overview_check.isChecked()  # a phase's atlas starts with the overview by default
    dlg.overview_check.setChecked(False)
    assert dlg.count_label.text() == "6 communes, 6 pages"
    target = tmp_path / "villes.pdf"
    assert dlg.write_pdf(str(target)) is not None
    wait_done(qtbot, dlg)
    assert dlg.last_error is None, dlg.last_error
    texts = pdf_texts(target)
    assert [page_code(t) for t in texts] == sorted(TOWNS)
    names = document.project.communes.names
    for code, text in zip(sorted(TOWNS), texts):
        assert names[document.project.communes.index_of(code)] in text
    assert re.search(r"Wrote 6 pages to villes\.pdf in [\d.]+ s \([\d.]+ (KB|MB)\)", dlg.status.text())

    dlg.overview_check.setChecked(True)
    assert dlg.count_label.text() == "6 communes, 7 pages"
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Yes))
    dlg.write_pdf(str(target))  # replaces the previous atlas (the user said Yes)
    wait_done(qtbot, dlg)
    texts = pdf_texts(target)
    assert len(texts) == 7
    assert page_code(texts[0]) is None and "Phase 2 — Villes" in texts[0]  # the overview: the phase table
    assert [page_code(t) for t in texts[1:]] == sorted(TOWNS)


def test_atlas_reprints_listed_codes_and_refuses_unknown_ones(qtbot, document, settings, tmp_path):
    from planner.ui.printing.print_atlas_dialog import PrintAtlasDialog

    dlg = PrintAtlasDialog(document, settings)
    qtbot.addWidget(dlg)
    dlg.set_mode("codes", "32107, 32013 99999")
    assert "99999" in dlg.count_label.text() and not dlg.write_button.isEnabled()
    dlg.set_mode("codes", "32107, 32013;32107")
    assert not dlg.overview_check.isChecked()  # a reprint of some pages: no overview by default
    assert dlg.write_button.isEnabled() and dlg.count_label.text() == "2 communes, 2 pages"
    dlg.output.setText(str(tmp_path / "reprint"))
    dlg.write_button.click()
    wait_done(qtbot, dlg)
    assert dlg.output.text().endswith("reprint.pdf")
    assert [page_code(t) for t in pdf_texts(tmp_path / "reprint.pdf")] == ["32013", "32107"]


def test_atlas_filters_and_selection(qtbot, document, settings):
    from planner.ui.printing.print_atlas_dialog import PrintAtlasDialog

    com = document.project.communes
    document.set_selected_communes([com.index_of("32160"), com.index_of("32013")])
    dlg = PrintAtlasDialog(document, settings)
    qtbot.addWidget(dlg)
    assert dlg.mode() == "selected" and dlg.codes() == ["32013", "32160"]
    dlg.set_mode("filter", {"name": "isle"})
    assert dlg.codes() and all("isle" in com.names[com.index_of(c)].lower() for c in dlg.codes())
    assert "32160" in dlg.codes()
    dlg.set_mode("filter", {"prefix": "3201", "units": 0})
    assert dlg.codes() == [c for c in sorted(map(str, com.codes)) if c.startswith("3201")]
    dlg.set_mode("filter", {"units": 4000})
    assert set(dlg.codes()) == {"32013", "32107", "32160"}
    dlg.set_mode("all")
    assert dlg.codes() is None and dlg.overview_check.isChecked()
    assert dlg.count_label.text() == f"{len(com)} communes, {len(com) + 1} pages"


def test_cancelling_an_atlas_leaves_no_file(qtbot, document, settings, tmp_path):
    from planner.ui.printing.print_atlas_dialog import PrintAtlasDialog

    dlg = PrintAtlasDialog(document, settings)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.set_mode("all")
    target = tmp_path / "atlas.pdf"
    dlg.write_pdf(str(target))
    assert dlg.is_running() and not dlg.write_button.isEnabled()
    progress = dlg.progress_dialog
    qtbot.waitUntil(lambda: progress.value() >= 2, timeout=60000)  # some pages are written
    assert re.match(r"Page \d+ of 459: ", progress.labelText())
    from PySide6.QtWidgets import QPushButton

    cancel_button = progress.findChild(QPushButton)
    assert cancel_button.text() == "Cancel"
    cancel_button.click()
    wait_done(qtbot, dlg)
    assert isinstance(dlg.last_error, Cancelled)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "settings.ini"]  # no half-written part file either
    assert "Cancelled" in dlg.status.text() and dlg.progress_dialog is None and dlg.write_button.isEnabled()
    # closing the dialog while an atlas runs cancels it too, without waiting on the UI thread
    dlg.write_pdf(str(target))
    qtbot.waitUntil(lambda: dlg.progress_dialog is not None and dlg.progress_dialog.value() >= 1, timeout=60000)
    dlg.reject()
    assert not dlg.isVisible()
    wait_done(qtbot, dlg)
    assert isinstance(dlg.last_error, Cancelled) and not target.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "settings.ini"]


def test_atlas_preview_shows_the_first_pages(qtbot, document, settings, tmp_path):
    from planner.ui.printing.print_atlas_dialog import PrintAtlasDialog
    from planner.ui.printing.print_preview import PREVIEW_PAGES

    dlg = PrintAtlasDialog(document, settings)
    qtbot.addWidget(dlg)
    dlg.set_mode("phase", 1)
    dlg.overview_check.setChecked(True)
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "preview.pdf"))
    assert dlg.paint_preview(printer) == PREVIEW_PAGES
    texts = pdf_texts(tmp_path / "preview.pdf")
    assert len(texts) == PREVIEW_PAGES
    assert [page_code(t) for t in texts[1:]] == sorted(TOWNS)[:PREVIEW_PAGES - 1]


def test_atlas_to_a_printer_in_the_background(qtbot, document, settings, tmp_path):
    from planner.ui.printing.print_atlas_dialog import PrintAtlasDialog

    dlg = PrintAtlasDialog(document, settings)
    qtbot.addWidget(dlg)
    dlg.set_mode("phase", 2)
    dlg.options_box.set_options(paper="A3", landscape=True)
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printer.pdf"))
    from planner.ui.printing.print_preview import configure_printer

    configure_printer(printer, dlg.renderer().layout)
    dlg.print_atlas(printer)
    wait_done(qtbot, dlg)
    assert dlg.last_report == 4 and "Sent 4 pages" in dlg.status.text()
    reader = pypdf.PdfReader(str(tmp_path / "printer.pdf"))
    assert len(reader.pages) == 4
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 1191) < 3 and abs(float(box.height) - 842) < 3  # A3 landscape
    assert [page_code(t) for t in pdf_texts(tmp_path / "printer.pdf")] == [None, "32256", "32319", "32462"]


# ------------------------------------------------------------------ main window
def test_print_actions_in_the_file_menu(qtbot, tmp_path, plan_project):
    from planner.ui.shell import main_window
    from planner.ui.shell.main_window import MainWindow
    from planner.ui.printing.print_ui import install_print_ui
    from planner.ui.shell.settings import Settings

    assert ("planner.ui.printing.print_ui", "install_print_ui") in main_window.PLUGINS
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    w = MainWindow(settings=settings, plugins=False)
    qtbot.addWidget(w)
    ui = install_print_ui(w)
    assert not ui.act_print_commune.isEnabled()  # no commune layer yet
    w.set_project(plan_project)
    file_actions = w.menu("File").actions()
    assert ui.act_print_commune in file_actions and ui.act_print_atlas in file_actions
    assert file_actions.index(ui.act_print_atlas) < file_actions.index(w.act_quit)
    assert ui.act_print_commune.shortcut().toString() == "Ctrl+P"
    assert ui.act_print_atlas.shortcut().toString() == "Ctrl+Shift+P"
    assert ui.act_print_commune.toolTip() and ui.act_print_atlas.toolTip()
    com = plan_project.communes
    w.document.set_selected_communes([com.index_of("32208"), com.index_of("32107")])
    ui.act_print_commune.trigger()
    dlg = ui.commune_dialog
    assert dlg.isVisible() and dlg.selected_row() == com.index_of("32107")  # lowest INSEE code of the selection
    dlg.reject()
    # no selection: the commune under the cursor
    import shapely

    w.document.set_selected_communes([])
    pt = shapely.point_on_surface(com.geometries[com.index_of("32296")])
    w.canvas.mouseMoved.emit(float(pt.x), float(pt.y))
    assert ui.hover_row == com.index_of("32296")
    w.canvas.underMouse = lambda: True
    ui.act_print_commune.trigger()
    assert ui.commune_dialog.selected_row() == com.index_of("32296")
    ui.commune_dialog.reject()
    w.document.set_selected_communes([com.index_of("32208"), com.index_of("32107")])
    ui.act_print_atlas.trigger()
    atlas = ui.atlas_dialog
    assert atlas.isVisible() and atlas.mode() == "selected" and atlas.codes() == ["32107", "32208"]
    atlas.reject()


def test_print_commune_with_another_scenario(qtbot, settings, tmp_path, plan_project):
    import copy

    from planner.core.project.model import Scenario
    from planner.ui.common.document import ProjectDocument
    from planner.ui.printing.print_commune_dialog import PrintCommuneDialog

    p = copy.copy(plan_project)
    p.scenarios = [Scenario(), Scenario(name="Rapide", start="2019-01", horizon_months=60)]
    p.path = str(tmp_path / "plan.gpkg")
    doc = ProjectDocument(p)
    dlg = PrintCommuneDialog(doc, settings, p.communes.index_of("32132"))
    qtbot.addWidget(dlg)
    box = dlg.options_box
    assert box.scenario.isEnabled() and box.scenario.currentData() == "Base"
    box.scenario.setCurrentIndex(box.scenario.findData("Rapide"))
    assert box.month.itemData(0) == "2019-01" and box.month.count() == 60
    out = dlg.save_pdf(tmp_path / "fleurance.pdf")
    text = pdf_texts(out)[0]
    assert "Fleurance" in text and "32132" in text and "Rapide" in text
    from planner.ui.printing.print_atlas_dialog import PrintAtlasDialog

    atlas = PrintAtlasDialog(doc, settings)
    qtbot.addWidget(atlas)
    assert atlas.output.text() == str(tmp_path / "atlas_Gers_essai_impression.pdf")  # beside the project
