"""Simulation ▸ Import actuals in the window: commune layers in the file filter, the window's progress bar, the import
summary, and a snapshot without any date asks for its month (then reads again with it)."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from planner.core.months import parse_month

from gui_helpers import gers_window, wait_idle


def _snapshot_without_date(tmp_path):
    path = tmp_path / "commune_techno.csv"  # the map site's commune statistics, its date column dropped
    lines = ["code_insee;nom_com;type;nbr;elig_ftth;elig_cu",
             "32013;Auch;all;14000;9100;13000", "32013;Auch;res;12000;8000;11000",
             "32107;Fleurance;all;4000;0;3900", "99999;Ailleurs;all;10;5;5"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_snapshot_without_a_date_asks_its_month_and_the_summary_is_shown(qtbot, tmp_path, monkeypatch):
    w = gers_window(qtbot)
    actuals_ui = w.coverage_ui._actuals()
    filters = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(
        lambda parent, caption, folder, filt, *a, **k: filters.append(filt) or ("", "")))
    actuals_ui.import_dialog()
    assert all(f"*.{ext}" in filters[0] for ext in ("csv", "xlsx", "zip", "dbf", "shp"))
    path = _snapshot_without_date(tmp_path)
    answers, asked = ["sometime", "June 2021"], []
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(
        lambda parent, title, label, *a, **k: (asked.append((title, label)), (answers.pop(0), True))[1]))
    reports = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(
        lambda parent, title, text, *a, **k: reports.append((title, text)) or QMessageBox.Ok))
    task = actuals_ui.import_file(str(path))
    assert w.task_progress.isVisible() and "commune_techno.csv" in w.task_progress.label.text()
    assert task is not None
    wait_idle(qtbot, w)
    qtbot.waitUntil(lambda: actuals_ui.actuals is not None, timeout=20000)
    wait_idle(qtbot, w)
    # asked once with the file named, once more after the answer that is no month (saying the format)
    assert [t for t, _ in asked] == ["Date of the snapshot"] * 2
    assert "commune_techno.csv" in asked[0][1] and "Which month" in asked[0][1]
    assert asked[1][1].startswith("'sometime' is not a month (expected YYYY-MM")
    act = actuals_ui.actuals
    communes = w.document.project.communes
    assert act.quarters == [parse_month("2021-06")]
    assert act.values[communes.index_of("32013"), 0] == 9100
    # the import summary: the lines the reader wrote (the month, rows skipped, codes matching no commune)
    assert len(reports) == 1 and reports[0][0] == "Actual figures imported"
    from planner.io.actuals.reader import read_actuals

    for line in read_actuals(path, communes, date=parse_month("2021-06")).summary_lines("en"):
        assert line in reports[0][1]
    assert "99999" in reports[0][1] and "rows skipped" in reports[0][1]
    w.document.set_clean()


def test_no_date_given_imports_nothing(qtbot, tmp_path, monkeypatch):
    w = gers_window(qtbot)
    actuals_ui = w.coverage_ui._actuals()
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("", False)))
    actuals_ui.import_file(str(_snapshot_without_date(tmp_path)))
    wait_idle(qtbot, w)
    assert actuals_ui.actuals is None and w.document.project.as_built is None
    assert w.statusBar().currentMessage() == "Actual figures not imported: no date given."
