"""Names in the window are shown as typed: a phase or commune named '<b>x</b>' is not bold anywhere, a long
phase name is elided with the whole name in a tooltip (never dropped), and message boxes show names as text."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel

from gui_helpers import make_window, wait_idle
from planner.ui.common.plain_text import might_be_rich
from test_hostile_names import HOSTILE, hostile_project

LONG = "Communauté de communes Cœur d'Astarac 2"  # 39 characters
assert len(LONG) == 39


def shown_text(label: QLabel) -> str:
    """What a label displays, as plain text (rich text rendered the way Qt renders it)."""
    text = label.text()
    fmt = label.textFormat()
    if fmt == Qt.PlainText or (fmt == Qt.AutoText and not might_be_rich(text)):
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


@pytest.fixture
def window(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path, plugins=True, sample=False)
    p = hostile_project()
    p.phases[2].name = LONG
    names = np.asarray(p.communes.names, dtype=object).copy()
    p.communes.layer.fields[p.communes.name_field] = names
    w.set_project(p)
    wait_idle(qtbot, w)
    qtbot.wait(300)
    wait_idle(qtbot, w)
    return w


def _gantt(w):
    from planner.ui.simulation.gantt import GanttChart

    charts = w.findChildren(GanttChart)
    assert charts
    return charts[0]


def test_labels_show_names_as_typed(window, qtbot):
    # hover the commune named '<b>x</b>': the status bar names it
    communes = window.document.project.communes
    row = list(communes.names).index("<b>x</b>")
    import shapely

    pt = shapely.point_on_surface(communes.geometries[row])
    from planner.ui.map.map_status import MapStatus

    status = window.findChildren(MapStatus)[0]
    status.show_position(pt.x, pt.y)
    assert "x" in status.commune_label.text()
    wrong = []
    seen = 0
    for label in window.findChildren(QLabel):
        raw = label.text()
        if "<b>x</b>" in raw or "&lt;b&gt;x" in raw or "'=HYPERLINK" in raw or LONG[:20] in raw:
            seen += 1
            shown = shown_text(label)
            if "<b>x</b>" in raw and "<b>x</b>" not in shown:
                wrong.append((label.objectName() or type(label.parent()).__name__, raw[:120]))
    assert not wrong, wrong
    assert seen >= 1, "no label showing a commune name was found: the test saw nothing"


def test_a_long_phase_name_is_elided_with_a_tooltip(window, qtbot, tmp_path):
    gantt = _gantt(window)
    qtbot.waitUntil(lambda: len(gantt.bars) == 3, timeout=30000)
    ticks = gantt.left_axis._tickLevels[0]
    labels = [t[1] for t in ticks]
    assert labels[0] == HOSTILE[0][: len(labels[0]) - 1] + "…" or labels[0] == HOSTILE[0]
    assert labels[1] == "Cœur d'Astarac"
    long_label = labels[2]
    assert long_label and long_label != LONG and long_label.endswith("…") and LONG.startswith(long_label[:-1])
    # the whole name in the tooltip of its row
    vb = gantt.plot.getPlotItem().getViewBox()
    scene = vb.mapViewToScene(QPointF(5, 2))
    assert gantt.name_at(scene) == LONG
    gantt._hover(scene)
    assert gantt.plot.toolTip() == LONG
    gantt.resize(700, 260)
    QApplication.processEvents()
    gantt.grab().save(str(tmp_path / "gantt.png"))


def test_message_boxes_show_names_as_text(window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda parent, title, text, *a, **k: asked.append(text) or QMessageBox.Cancel))
    window.document.project.name = "<b>x</b>"
    window.document.reset_clean()
    window.project_ui.actions.ask_save_changes()
    assert asked and might_be_rich(asked[0])  # escaped as HTML, so it displays...
    doc = QTextDocument()
    doc.setHtml(asked[0])
    assert "“<b>x</b>”" in doc.toPlainText()  # ...exactly the name as typed
