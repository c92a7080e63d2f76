"""The main window's layout: dock names that do not depend on the language, the first launch (the whole screen, the
map taking most of it), the default arrangement of the docks, and the title naming the project's file.

The layout the user makes is saved on close (Settings.save_window) and restored at the next start — in any
language: a dock is named after its panel (its object name, else its class), never after its translated title,
so the French restart finds the English layout.
"""
from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

#: share of the window given to each dock area by the default arrangement (the map keeps the rest)
LEFT_SHARE, RIGHT_SHARE, BOTTOM_SHARE = 0.15, 0.27, 0.19
#: the bottom dock shown first when there is one (the timeline reads best under the map)
FIRST_BOTTOM = "dock_ganttChart"


def dock_name(window: QMainWindow, widget: QWidget) -> str:
    """'dock_<panel>' from the panel's object name (or class), unique in the window, the same in every language."""
    base = "dock_" + (widget.objectName() or type(widget).__name__)
    taken = {d.objectName() for d in window.findChildren(QDockWidget)}
    name, k = base, 2
    while name in taken:
        name, k = f"{base}_{k}", k + 1
    return name


def show_first_time(window: QMainWindow) -> bool:
    """Show the window as the user left it; the first time, maximised on its screen (the docks are then arranged
    for that size, see `arrange_docks`). Returns True when the saved layout was restored."""
    restored = window.settings.restore_window(window)
    if restored:
        window.show()
        QTimer.singleShot(0, window, lambda: hide_stale_tab_bars(window))
        return True
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:  # arranged at the screen's size, not at the default size the maximising replaces
        window.resize(screen.availableGeometry().size())
    window.showMaximized()
    return False


def arrange_docks(window: QMainWindow) -> None:
    """Default layout: the map gets most of the room; side docks narrow, bottom docks short and tabbed."""
    docks = [d for d in window.findChildren(QDockWidget) if d.parent() is window and not d.isFloating()]
    by_area: dict[Any, list[QDockWidget]] = {}
    for d in docks:
        by_area.setdefault(window.dockWidgetArea(d), []).append(d)
    bottom = by_area.get(Qt.BottomDockWidgetArea, [])
    # bottom docks side by side or stacked leave no room for the map: one tab group
    for d in bottom[1:]:
        if d not in window.tabifiedDockWidgets(bottom[0]):
            window.tabifyDockWidget(bottom[0], d)
    if bottom:
        first = next((d for d in bottom if d.objectName() == FIRST_BOTTOM), bottom[0])
        QTimer.singleShot(0, first.raise_)
    width, height = window.width(), window.height()
    for area, share in ((Qt.LeftDockWidgetArea, LEFT_SHARE), (Qt.RightDockWidgetArea, RIGHT_SHARE)):
        if by_area.get(area):
            window.resizeDocks(by_area[area], [int(width * share)] * len(by_area[area]), Qt.Horizontal)
    if bottom:
        window.resizeDocks(bottom, [int(height * BOTTOM_SHARE)] * len(bottom), Qt.Vertical)
    for area in (Qt.LeftDockWidgetArea, Qt.RightDockWidgetArea):
        stacked = _one_per_tab_group(window, by_area.get(area, []))
        if len(stacked) > 1:  # docks stacked in a side area: each its minimum, the rest of the height shared
            window.resizeDocks(stacked, _shares(window, stacked, height), Qt.Vertical)
    QTimer.singleShot(0, window, lambda: hide_stale_tab_bars(window))  # once the docks have their places


def hide_stale_tab_bars(window: QMainWindow) -> int:
    """Hide the extra tab bar Qt (6.11) leaves behind when docks are tabified in a second area: a copy of a tab
    group's bar that no longer follows the docks ("Covera" showing beside the Gantt). A group's live bar sits
    right under its shown dock; copies with the same tabs elsewhere are hidden. Returns how many were hidden."""
    from PySide6.QtWidgets import QTabBar

    bars = [b for b in window.findChildren(QTabBar) if b.parent() is window and b.isVisible() and b.count()]
    docks = {d.windowTitle(): d for d in window.findChildren(QDockWidget) if d.parent() is window}
    hidden = 0
    groups: dict[tuple, list] = {}
    for b in bars:
        groups.setdefault(tuple(b.tabText(i) for i in range(b.count())), []).append(b)
    for texts, same in groups.items():
        shown = [docks[t] for t in texts
                 if t in docks and docks[t].isVisible() and not docks[t].visibleRegion().isEmpty()]
        if len(same) < 2 or not shown:
            continue
        d = shown[0]
        live = [b for b in same if abs(b.x() - d.x()) <= 2 and abs(b.y() - (d.y() + d.height())) <= 6]
        if len(live) == 1:
            for b in same:
                if b is not live[0]:
                    b.hide()
                    hidden += 1
    return hidden


def _shares(window: QMainWindow, docks: list[QDockWidget], height: int) -> list[int]:
    """Heights of docks stacked in `height` (one per tab group): each gets the minimum of its tab group (the
    coverage curves and their controls need more than the phase table, which scrolls), then what is left is
    shared equally."""
    groups = [[d] + window.tabifiedDockWidgets(d) for d in docks]
    mins = [max(o.minimumSizeHint().height() for o in g) for g in groups]
    laid = sum(max((o.height() for o in g if o.isVisible()), default=0) for g in groups)
    height = laid if laid > 0 else height  # the area the docks have now (the window less menus and toolbars)
    spare = max(0, height - sum(mins)) // len(docks)
    return [m + spare for m in mins]


def _one_per_tab_group(window: QMainWindow, docks: list[QDockWidget]) -> list[QDockWidget]:
    """One dock of each tab group (a group takes one place in the stack)."""
    out, seen = [], set()
    for d in docks:
        if id(d) in seen:
            continue
        out.append(d)
        seen.add(id(d))
        seen.update(id(o) for o in window.tabifiedDockWidgets(d))
    return out


def short_folder(path: str) -> str:
    """The folder of `path`, with the home folder written '~'."""
    folder = os.path.dirname(os.path.abspath(path))
    home = os.path.expanduser("~")
    if folder == home or folder.startswith(home + os.sep):
        folder = "~" + folder[len(home):]
    return folder


def window_title(project, app_name: str, name: str | None = None) -> str:
    """'plan.gpkg[*] (~/projets/gers) — Rollout Planner' for a project file (two projects named alike are told
    apart by their file and folder); '<name>[*] — Rollout Planner' for one never saved."""
    if project.path:
        return f"{os.path.basename(project.path)}[*] ({short_folder(project.path)}) — {app_name}"
    name = name or project.name or QCoreApplication.translate("MainWindow", "Untitled")
    return f"{name}[*] — {app_name}"
