"""The right dock on a small screen (issue 15): the coverage legend wraps into rows instead of holding the dock at
531 px, the Scenarios panel scrolls instead of needing 476 px of height, and the coverage plot's labels (targets,
'today') never overlap, whatever the plot's size and wherever 'today' falls."""
from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel

from planner.ui.simulation import as_built_view

from gui_helpers import make_window, wait_idle


@pytest.fixture(params=["en"])
def window(qtbot, tmp_path, request):
    from planner.ui.shell import i18n

    i18n.install_language(request.param)
    request.addfinalizer(lambda: i18n.install_language("en"))
    w = make_window(qtbot, tmp_path, plugins=True, sample=False)
    w.resize(1600, 1000)
    w.open_sample(demo_plan=True)
    wait_idle(qtbot, w)
    assert w.coverage_ui.runner.wait()
    yield w
    w.document.set_clean()


def _right_docks(w):
    return [d for d in w.findChildren(QDockWidget) if w.dockWidgetArea(d) == Qt.RightDockWidgetArea]


def _inside(child, parent) -> bool:
    top_left = child.mapTo(parent, child.rect().topLeft())
    return parent.rect().contains(QRect(top_left, child.size()))


@pytest.mark.parametrize("window", ["en", "fr"], indirect=True)  # French labels are longer
def test_the_right_dock_can_be_narrow_and_short_the_legend_wraps_and_the_scenarios_scroll(window, qtbot, tmp_path):
    w, cov = window, window.coverage_ui
    widths = {d.objectName(): d.minimumSizeHint().width() for d in _right_docks(w)}
    assert max(widths.values()) <= 400, widths  # the coverage legend held the whole right side at 531 px
    assert cov.scenario_dock.minimumSizeHint().height() <= 320  # was 476
    legend = cov.legend
    one_row = legend.sizeHint()
    # the user narrows the right side to its minimum: the legend takes more rows, every entry stays readable
    w.resizeDocks(_right_docks(w), [360] * len(_right_docks(w)), Qt.Horizontal)
    qtbot.waitUntil(lambda: cov.coverage_dock.width() <= 400)
    QApplication.processEvents()
    assert legend.height() >= 2 * one_row.height() - 8
    labels = legend.class_labels + legend.state_labels
    assert all(label.isVisible() and _inside(label, legend) for label in labels)
    assert all(label.width() >= label.sizeHint().width() for label in labels)  # none cut
    tops = sorted({label.mapTo(legend, label.rect().topLeft()).y() for label in legend.class_labels})
    assert len(tops) == 2  # the six classes on two rows of three, not five and one
    assert sum(1 for label in legend.class_labels if label.mapTo(legend, label.rect().topLeft()).y() == tops[0]) == 3
    cov.coverage_dock.grab().save(str(tmp_path / "narrow_coverage_dock.png"))
    # a short Scenarios panel scrolls its parameters rather than being cut or holding the dock tall
    cov.scenario_dock.show()
    cov.scenario_dock.raise_()
    w.resizeDocks([cov.scenario_dock], [330], Qt.Vertical)
    QApplication.processEvents()
    page = cov.scenario_panel.editor_page
    assert page.widget() is cov.scenario_panel.editor
    if page.height() < cov.scenario_panel.editor.minimumSizeHint().height():
        assert page.verticalScrollBar().maximum() > 0


def _label_rects(panel):
    labels = [line.label for line in panel.target_lines] + [panel.today.line.label]
    return [(lab.toPlainText(), panel.labels.rects[id(lab)]) for lab in labels if id(lab) in panel.labels.rects]


@pytest.mark.parametrize("window", ["en", "fr"], indirect=True)
def test_coverage_labels_never_overlap_even_when_today_falls_under_a_milestone(window, qtbot, monkeypatch):
    w, panel = window, window.coverage_ui.panel
    result = panel.result
    month_100 = panel.target_months()[100.0]
    assert month_100 is not None
    # plot heights from cramped to roomy; 'today' exactly under the '100 % — <month>' label (the overlap the
    # user saw), then elsewhere (one window per language: the heights are set on the same plot)
    for height, today in itertools.product((140, 200, 320),
                                           (result.month_index(month_100), len(result.months) - 3, 2)):
        monkeypatch.setattr(as_built_view, "today_index", lambda r, t=today: t)
        panel.plot.setFixedHeight(height)
        panel.set_result(result)
        QApplication.processEvents()
        panel.labels.place()
        rects = _label_rects(panel)
        texts = [t for t, _ in rects]
        assert {f"{t:g} % — " for t in panel.targets} <= {t.split("—")[0] + "— " for t in texts}, texts
        box = panel.plot.getPlotItem().getViewBox().sceneBoundingRect()
        for (ta, a), (tb, b) in itertools.combinations(rects, 2):
            assert not a.intersects(b), (height, today, ta, tb)
        assert all(box.contains(r) for _, r in rects), (height, today)
        today_label = panel.today.line.label
        if id(today_label) in panel.labels.rects:
            assert today_label.opacity() == 1.0
        else:  # no room left for it: hidden, the legend row names the red line
            assert today_label.opacity() == 0.0 and height < 200
    assert panel.tr("today") in panel.legend_label.text()
    panel.plot.setMinimumHeight(0)
    panel.plot.setMaximumHeight(16777215)


def test_the_today_label_shows_beside_the_milestones_at_the_first_launch_size(window, qtbot, tmp_path, monkeypatch):
    panel = window.coverage_ui.panel
    result = panel.result
    today = result.month_index(panel.target_months()[100.0])
    monkeypatch.setattr(as_built_view, "today_index", lambda r: today)
    panel.plot.setFixedHeight(170)
    panel.set_result(result)
    QApplication.processEvents()
    panel.labels.place()
    rects = dict(_label_rects(panel))
    assert "today" in rects and len(rects) == 4
    panel.grab().save(str(tmp_path / "coverage_labels.png"))
    panel.plot.setMinimumHeight(0)
    panel.plot.setMaximumHeight(16777215)


def test_one_tab_bar_per_tab_group(window, qtbot):
    """Qt leaves a copy of a tab group's bar where it first was ('Covera' beside the Gantt); it is hidden."""
    from PySide6.QtWidgets import QTabBar

    def visible_groups():
        return [tuple(b.tabText(i) for i in range(b.count())) for b in window.findChildren(QTabBar)
                if b.parent() is window and b.isVisible() and b.count()]

    qtbot.waitUntil(lambda: len(visible_groups()) == len(set(visible_groups())), timeout=3000)
    groups = visible_groups()
    assert ("Coverage", "Scenarios") in groups and len(groups) == len(set(groups))
    cov = window.coverage_ui.coverage_dock
    bar = next(b for b in window.findChildren(QTabBar) if b.isVisible() and b.count() and b.tabText(0) == "Coverage")
    assert abs(bar.x() - cov.x()) <= 2  # the one left is under the docks


def test_the_curves_and_the_spend_show_the_same_months_from_the_start(window, qtbot):
    """The spend plot, linked on x, has a right axis: the coverage curves used to start 8 months late."""
    cov = window.coverage_ui
    months = len(cov.panel.result.months)
    for size in (360, 520):
        window.resizeDocks([cov.coverage_dock], [size], Qt.Horizontal)
        QApplication.processEvents()
        (a0, a1), (b0, b1) = cov.panel.plot.viewRange()[0], cov.spend.plot.viewRange()[0]
        assert a0 <= 0 and a1 >= months - 1, (size, a0, a1)
        assert abs(a0 - b0) < 0.5 and abs(a1 - b1) < 0.5, (size, (a0, a1), (b0, b1))
