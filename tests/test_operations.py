"""One operation per job: the dialog and the subcommand build the same parameters and get the same result.

Each test builds the operation once from the command line's arguments (planner.cli's parser and the subcommand's
`operation(args)`), once from the dialog a user fills in, compares the two dataclasses, then runs the command
line for real and checks that it gives what the dialog gave.
"""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QSettings, Qt

import planner.io.ports  # noqa: F401  (operations read and write files through planner.io)
import planner.render.ports  # noqa: F401
from planner.cli import build_parser, main
from planner.cli_commands import export as export_cli
from planner.cli_commands import goal_seek as goal_seek_cli
from planner.cli_commands import new as new_cli
from planner.cli_commands import print as print_cli
from planner.cli_commands import render as render_cli
from planner.cli_commands import simulate as simulate_cli
from planner.core.operations.simulate import Simulate
from planner.core.project.model import Phase
from planner.io.project.project_file import load_project, save_project
from planner.ui.shell.i18n import current_language

from pdf_text import pdf_texts
from project_samples import ROOT

SAMPLE = ROOT / "resources" / "sample"
COMMUNES = str(SAMPLE / "communes_gers_2026.gpkg")
PREMISES = str(SAMPLE / "premises_gers_synthetic.gpkg")
LANG = "fr" if current_language() == "fr" else "en"


def args_of(*argv):
    return build_parser().parse_args([str(a) for a in argv])


@pytest.fixture
def settings(tmp_path):
    from planner.ui.shell.settings import Settings

    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))


@pytest.fixture(scope="module")
def towns_project(tmp_path_factory):
    """The bundled sample with three phases by commune list, saved for the command line."""
    from planner.io.layers.sample import load_sample_project

    p = load_sample_project()
    p.name = "Gers — opérations"
    p.phases = [Phase(1, "Auch", "#1f77b4", communes=["32013"], crews=2),
                Phase(2, "Villes", "#ff7f0e", communes=["32296", "32107", "32208", "32160"], crews=2),
                Phase(3, "Sud", "#2ca02c", communes=["32256", "32462", "32319"], crews=1, earliest_start="2019-06")]
    path = tmp_path_factory.mktemp("ops") / "towns.gpkg"
    save_project(p, path)
    return load_project(path), path


@pytest.fixture
def document(qapp, towns_project):
    from planner.ui.common.document import ProjectDocument

    doc = ProjectDocument(towns_project[0])
    yield doc
    doc.deleteLater()


def test_new_project_wizard_and_new_build_the_same_project(qtbot, settings, tmp_path, capsys):
    from planner.ui.project.new_project_wizard import NewProjectWizard

    wizard = NewProjectWizard(settings)
    qtbot.addWidget(wizard)
    page = wizard.communes_page
    page.set_path(COMMUNES)
    assert page.layer_name() == "communes_l93"  # the Lambert-93 twin, as `new` takes it
    page.name_edit.setText("Gers rollout")
    wizard.premises_page.set_path(PREMISES)
    out = tmp_path / "new.gpkg"
    args = args_of("new", "--communes", COMMUNES, "--communes-layer", "communes_l93", "--code-field", "code_insee",
                   "--name-field", "nom", "--commune-units-field", "locaux_insee_2018", "--premises", PREMISES,
                   "--premises-layer", "premises", "--units-field", "units", "--insee-field", "code_insee",
                   "--name", "Gers rollout", "-o", out)
    assert wizard.operation() == new_cli.operation(args)
    # without the detected fields spelled out, the command line detects the same ones
    gui = wizard.operation().run(None)
    assert main(["new", "--communes", COMMUNES, "--premises", PREMISES, "--name", "Gers rollout", "-o", str(out)]) == 0
    cli = load_project(out)
    assert (cli.name, len(cli.communes), len(cli.premises)) == (gui.name, len(gui.communes), len(gui.premises))
    assert (cli.communes.code_field, cli.communes.units_field) == (gui.communes.code_field, gui.communes.units_field)
    assert int(cli.premises.units.sum()) == int(gui.premises.units.sum()) == 114_042
    # a units field set to "(none)" in the wizard is the operation's NO_FIELD: every premise counts one unit
    wizard.premises_page.select(wizard.premises_page.units_combo, None)
    assert wizard.operation().units_field == "" and wizard.operation().run(None).premises.units.sum() == 104_680


def test_goal_seek_dialog_and_goal_seek_ask_and_answer_the_same(qtbot, towns_project, tmp_path, capsys):
    from planner.ui.shell.main_window import MainWindow

    project, path = towns_project
    mw = MainWindow()
    qtbot.addWidget(mw)
    mw.document.set_project(load_project(path))
    assert mw.coverage_ui.runner.wait()
    dlg = mw.coverage_ui.open_goal_seek()
    dlg.target.setValue(80.0)
    dlg.by.setText("2019-12")
    dlg.phases.item(0).setCheckState(Qt.CheckState.Unchecked)  # Auch keeps its crews
    mw.document.set_selected_communes([project.communes.index_of(c) for c in ("32107", "32208")])
    dlg.scope_communes.setChecked(True)
    args = args_of("goal-seek", path, "--target", "80", "--by", "2019-12", "--vary", "crews",
                   "--communes", "32107,32208", "--phases", "Villes,Sud")
    assert dlg.operation() == goal_seek_cli.operation(args)
    dlg.find()
    assert dlg.wait() and dlg.answer.feasible
    out = tmp_path / "gs.json"
    assert main(["goal-seek", str(path), "--target", "80", "--by", "2019-12", "--communes", "32107,32208",
                 "--phases", "Villes,Sud", "--json", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["value"] == dlg.answer.value and data["coverage_pct"] == pytest.approx(dlg.answer.coverage)
    # two phases varied, Auch kept its 2 crews: the total the answer means
    assert data["total_crews"] == 2 * dlg.answer.value + 2 == dlg.answer.crews.total
    dlg.close()
    mw.document.set_clean()


def test_export_dialog_and_export_write_the_same_files(qtbot, towns_project, settings, tmp_path, capsys):
    from planner.ui.project.export_dialog import ExportDialog

    project, path = towns_project
    dlg = ExportDialog(project, settings)
    qtbot.addWidget(dlg)
    dlg.set_format("geojson")
    dlg.set_layer("communes")
    dlg.set_path(tmp_path / "gui.geojson")
    op = dlg.operation()
    args = args_of("export", path, "--format", "geojson", "--layer", "communes", "-o", tmp_path / "gui.geojson",
                   "--lang", LANG, "--scenario", "Base")  # the dialog always names the scenario
    assert op == export_cli.operation(args)
    op.run(project)
    assert main(["export", str(path), "--format", "geojson", "--layer", "communes", "-o", str(tmp_path / "cli.geojson"),
                 "--lang", LANG]) == 0
    gui, cli = (json.loads((tmp_path / f"{n}.geojson").read_text(encoding="utf-8")) for n in ("gui", "cli"))
    assert gui["features"] == cli["features"] and len(cli["features"]) == 458
    # the quarter labels follow the language, as the window's quarter table shows them
    quarter = next(f["properties"]["planned_quarter_100"] for f in cli["features"]
                   if f["properties"]["code_insee"] == "32013")
    assert quarter[0] == ("T" if LANG == "fr" else "Q")
    # the Excel workbook's quarter columns are the window's quarter table's (issue 15: one convention a language)
    import openpyxl

    from planner.core.simulation.coverage import commune_quarter_table, simulate

    dlg.set_format("xlsx")
    dlg.set_path(tmp_path / "plan.xlsx")
    dlg.operation().run(project)
    sheet = openpyxl.load_workbook(tmp_path / "plan.xlsx")["Communes x quarters"]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    table = commune_quarter_table(simulate(project, scenario="Base"), project, current_language())[0]
    assert header[-len(table[3:]):] == table[3:] and table[3][0] == ("T" if LANG == "fr" else "Q")


def test_print_dialogs_and_print_choose_the_same_pages(qtbot, document, settings, towns_project, tmp_path, capsys):
    from planner.ui.printing.print_atlas_dialog import PrintAtlasDialog
    from planner.ui.printing.print_commune_dialog import PrintCommuneDialog

    project, path = towns_project
    out = tmp_path / "atlas.pdf"
    dlg = PrintAtlasDialog(document, settings)
    qtbot.addWidget(dlg)
    dlg.output.setText(str(out))
    dlg.options_box.set_options(paper="A4", landscape=False, colour_by="state", month="2020-06")
    common = ["-o", out, "--month", "2020-06", "--lang", LANG, "--scenario", "Base"]
    cases = [(("phase", 1), ["--phase", "Villes", "--overview"]), (("codes", "32208 32013"), ["--commune", "32208", "32013"]),
             (("filter", {"name": "lect", "prefix": "322"}), ["--name-contains", "lect", "--insee-prefix", "322"]),
             (("all", None), ["--all"])]
    for (mode, value), argv in cases:
        dlg.set_mode(mode, value)
        cli = print_cli.operation(args_of("print", path, *argv, *common))
        assert dlg.operation() == cli, mode
        assert dlg.rows() == cli.rows(project, document_assignment(project)), mode
    dlg.set_mode("codes", "32208 32013")
    dlg.overview_check.setChecked(False)
    assert dlg.write_pdf() is not None
    qtbot.waitUntil(lambda: not dlg.is_running(), timeout=90000)
    gui_pages = pdf_texts(out)
    cli_out = tmp_path / "cli.pdf"
    assert main(["print", str(path), "--commune", "32208", "32013", "-o", str(cli_out), "--month", "2020-06",
                 "--lang", LANG]) == 0
    cli_pages = pdf_texts(cli_out)
    assert len(gui_pages) == len(cli_pages) == 2
    assert [_without_date(t) for t in gui_pages] == [_without_date(t) for t in cli_pages]
    # the commune dialog is `print --commune CODE`
    one = PrintCommuneDialog(document, settings, project.communes.index_of("32107"))
    qtbot.addWidget(one)
    one.options_box.set_options(colour_by="phase", month="2020-06")
    args = args_of("print", path, "--commune", "32107", "--colour-by", "phase", "--month", "2020-06", "--lang", LANG,
                   "--scenario", "Base", "-o", tmp_path / "one.pdf")
    assert one.operation(tmp_path / "one.pdf") == print_cli.operation(args)


def document_assignment(project):
    from planner.core.phases.assignment import assign

    return assign(project)


def _without_date(text: str) -> str:
    """A page's text without the print date of its footer."""
    import re

    return re.sub(r"\d{1,2}[ /.]\w+[ /.]\d{4}|\d{4}-\d{2}-\d{2}", "", text)


def test_simulate_and_render_build_their_operations(tmp_path):
    args = args_of("simulate", "p.gpkg", "--scenario", "Base", "--crews", "3", "--start", "2019-01", "--runs", "50",
                   "--seed", "4")
    assert simulate_cli.operation(args) == Simulate(scenario="Base", crews=3.0, start="2019-01", runs=50, seed=4)
    args = args_of("render", "--communes", COMMUNES, "--commune", "32013", "--size", "300x200",
                   "-o", tmp_path / "m.png")
    op = render_cli.operation(args)
    assert (op.size, op.commune, op.communes_layer) == ((300, 200), "32013", None)
    report = op.run(None)
    assert report.path.exists() and report.communes == 458
    assert any("communes_l93" in n for n in report.notes)
