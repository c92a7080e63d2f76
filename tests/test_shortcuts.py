"""Keyboard shortcuts: none ambiguous, every toolbar button has a tooltip, and shortcuts trigger their actions."""
from collections import defaultdict

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolBar, QToolButton

from gui_helpers import make_window, wait_idle
from planner.ui.shell.help_dialogs import ShortcutsDialog, window_shortcuts


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path, plugins=True)


def _actions_with_shortcuts(window):
    return [a for a in window.findChildren(QAction) if any(not k.isEmpty() for k in a.shortcuts())]


def test_no_two_actions_share_a_shortcut(window):
    by_key = defaultdict(list)
    for action in _actions_with_shortcuts(window):
        for key in action.shortcuts():
            if not key.isEmpty():
                by_key[key.toString(QKeySequence.PortableText)].append(action.text().replace("&", ""))
    clashes = {k: v for k, v in by_key.items() if len(set(v)) > 1}
    assert not clashes, f"ambiguous shortcuts (Qt fires neither): {clashes}"


def test_every_toolbar_button_has_a_tooltip(window):
    missing = []
    for bar in window.findChildren(QToolBar):
        for action in bar.actions():
            if action.isSeparator() or bar.widgetForAction(action) is None:
                continue
            if not isinstance(bar.widgetForAction(action), QToolButton):
                continue
            tip = action.toolTip().replace("&", "").strip()
            if not tip or tip == action.text().replace("&", "").strip():
                missing.append(action.text())
    assert not missing, f"toolbar buttons without a real tooltip: {missing}"


def test_shortcuts_dialog_lists_the_window_shortcuts(window, qtbot):
    rows = window_shortcuts(window)
    texts = {text for _, text, _ in rows}
    assert len(rows) >= 20
    assert any("Undo" in t for t in texts) and any("Draw zone" in t for t in texts)
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == len(rows)


def _press(window, qtbot, sequence: str):
    key = QKeySequence(sequence)[0]
    window.activateWindow()
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, key.key(), key.keyboardModifiers())
    qtbot.wait(20)


def _action(window, text):
    for a in window.findChildren(QAction):
        if a.text().replace("&", "") == text:
            return a
    raise AssertionError(f"no action {text!r}")


def test_shortcuts_trigger_their_actions(window, qtbot):
    # a map tool: 'D' turns on the draw tool, 'S' toggles snapping
    draw = _action(window, "Draw zone")
    _press(window, qtbot, draw.shortcut().toString())
    assert draw.isChecked()
    snap = _action(window, "Snapping")
    before = snap.isChecked()
    _press(window, qtbot, snap.shortcut().toString())
    assert snap.isChecked() != before
    # a phase command, then Ctrl+Z undoes it through the undo stack
    new_phase = _action(window, "New phase")
    n = len(window.document.project.phases)
    _press(window, qtbot, new_phase.shortcut().toString())
    wait_idle(qtbot, window)
    assert len(window.document.project.phases) == n + 1
    _press(window, qtbot, QKeySequence(QKeySequence.Undo).toString())
    assert len(window.document.project.phases) == n
    # zoom full restores the whole territory after zooming in
    window.canvas.set_extent(500000, 6280000, 505000, 6285000)
    zoom_full = _action(window, "Zoom full")
    _press(window, qtbot, zoom_full.shortcut().toString())
    xmin, ymin, xmax, ymax = window.canvas.extent()
    assert xmax - xmin > 100000


def test_help_guide_opens_in_the_window_language(window, qtbot, monkeypatch):
    from planner.ui.shell import help_dialogs
    from planner.ui.shell import i18n

    shown = []
    monkeypatch.setattr(help_dialogs.GuideDialog, "exec", lambda self: shown.append(self.browser.toPlainText()))
    _action(window, "User guide").trigger()
    assert shown and "Getting started with Rollout Planner" in shown[-1]
    i18n.install_language("fr")
    try:
        _action(window, "User guide").trigger()
    finally:
        i18n.install_language("en")
    fr = help_dialogs.guide_path("fr")
    if fr is not None and fr.name.endswith(".fr.md"):
        assert shown[-1] != shown[0]  # the French guide


def test_about_names_versions_and_attributions():
    from planner import __version__
    from planner.ui.shell.about import about_html, component_versions

    html = about_html()
    assert __version__ in html and "Licence Ouverte" in html and "ODbL" in html and "synthetic" in html
    for name, version in component_versions():
        assert f"{name} {version}" in html and version
