"""The main window: menus, toolbar, map canvas, docks, status bar and the plug-in hooks.

Its map side (items per layer, identify, zoom) is planner/ui/map/window_map.py and its file opening (Open, Import,
recent files, the sample, drops) planner/ui/project/file_opening.py: parts of the one MainWindow class.
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import (QDockWidget, QMainWindow, QMenu, QMessageBox,
                               QStyle, QToolBar, QWidget)

from planner.core.project.model import Project
from planner.core.project.paths import resources_dir
from planner.ui.common import errors as ui_errors
from planner.ui.common.document import ProjectDocument
from planner.ui.common.workers import Task, TaskProgressWidget, run_task
from planner.ui.map.identify import CommuneLocator, IdentifyPanel
from planner.ui.map.layers_panel import LayersPanel
from planner.ui.map.map_canvas import MapCanvas
from planner.ui.map.map_status import MapStatus
from planner.ui.map.window_map import WindowMap, default_point_style
from planner.ui.project.file_opening import FileOpening
from planner.ui.shell.about import about_html
from planner.ui.shell.help_dialogs import GuideDialog, ShortcutsDialog
from planner.ui.shell.history_actions import HistoryActions
from planner.ui.shell.i18n import current_language
from planner.ui.shell.preferences_dialog import PreferencesDialog
from planner.ui.shell.settings import Settings

#: menus in the order they appear in the menu bar; menu(name) creates unknown names before 'Help'
MENU_ORDER = ["File", "Edit", "View", "Project", "Phases", "Simulation", "Print", "Tools", "Window", "Help"]
#: shown titles (with keyboard mnemonics), marked for translation; other names are shown as given
MENU_TITLES = {
    "File": QT_TRANSLATE_NOOP("MainWindow", "&File"),
    "Edit": QT_TRANSLATE_NOOP("MainWindow", "&Edit"),
    "View": QT_TRANSLATE_NOOP("MainWindow", "&View"),
    "Project": QT_TRANSLATE_NOOP("MainWindow", "P&roject"),
    "Phases": QT_TRANSLATE_NOOP("MainWindow", "&Phases"),
    "Simulation": QT_TRANSLATE_NOOP("MainWindow", "&Simulation"),
    "Print": QT_TRANSLATE_NOOP("MainWindow", "Pri&nt"),
    "Tools": QT_TRANSLATE_NOOP("MainWindow", "&Tools"),
    "Window": QT_TRANSLATE_NOOP("MainWindow", "&Window"),
    "Help": QT_TRANSLATE_NOOP("MainWindow", "&Help"),
}
# ---- PLUG-IN HOOKS: the optional UI modules that install themselves into the main window, in this order ----
#: (module, function): function(main_window) adds its docks, menus, toolbar actions and map colouring
PLUGINS = [
    ("planner.ui.project.project_ui", "install_project_ui"),    # File: new/save/revert, unsaved-changes prompts, autosave
    ("planner.ui.phases.phase_ui", "install_phase_ui"),        # phases dock, drawing tools, premises by phase
    ("planner.ui.simulation.coverage_ui", "install_coverage_ui"),  # coverage curves, time slider, Simulation menu
    ("planner.ui.printing.print_ui", "install_print_ui"),        # File: print commune (Ctrl+P) / atlas (Ctrl+Shift+P)
    ("planner.ui.shell.language_menu", "install_language_menu"),  # View → Language
]
APP_NAME = "Rollout Planner"


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class MainWindow(WindowMap, FileOpening, QMainWindow):
    """The Rollout Planner main window.

    Extension points for other modules (phase UI, coverage UI, tools, print…):
      - `document`  : the ProjectDocument (observes the core Session: project, undo stack; selection, month, signals)
      - `canvas`    : the MapCanvas (see planner/ui/map/map_canvas.py: view, set_tool, pixel_size, extent…)
      - `toolbar`   : the main QToolBar; add actions to it
      - `menu(name) -> QMenu` : a top-level menu by English name ('File', 'Edit', 'View', 'Phases',
                                'Simulation', 'Print', 'Tools', 'Help'…), created on demand in that order
      - `add_dock(widget, title, area=Qt.RightDockWidgetArea) -> QDockWidget` : a dock whose toggle goes to View
      - `run_task(fn, title, on_done, on_error=None) -> Task` : fn(progress, cancel) in a worker thread with
                                the status-bar progress bar and Cancel; on_done(result) on the UI thread;
                                errors are shown in a dialog unless on_error is given
      - `commune_item` / `premises_item` : the CommuneItem / PremisesItem of the current project (or None);
        call set_fill_colors / set_categories on them. They are rebuilt when the project or its layers
        change: connect to `layersRebuilt` to re-apply colours.
      - `commune_locator` : CommuneLocator (row_at(x, y), label_at(x, y)) for the current communes
    Modules install themselves from one place: the PLUGINS list at the top of this file (module, function),
    called by `_install_plugins` in that order.
    """

    #: how long closing waits for a cancelled task before detaching it (it then ends in the background)
    CLOSE_WAIT_MS = 5000
    #: the map items were rebuilt (new project, layer added/removed): re-apply colours
    layersRebuilt = Signal()
    #: a project finished loading (after the items are drawn)
    projectLoaded = Signal()

    def __init__(self, document: ProjectDocument | None = None, settings=None, plugins: bool = True):
        super().__init__()
        self.setObjectName("MainWindow")
        self.document = document if document is not None else ProjectDocument(parent=self)
        self.settings = settings if settings is not None else _default_settings(self)
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        icon = resources_dir() / "icons" / "rollout-planner.svg"
        if icon.exists():
            self.setWindowIcon(QIcon(str(icon)))

        self.canvas = MapCanvas(self)
        self.setCentralWidget(self.canvas)
        self._items: dict = {}  # layer -> its map item (planner/ui/map/window_map.py)
        self.commune_locator = CommuneLocator(None)
        self._menus: dict[str, QMenu] = {}
        self._tasks: list[Task] = []
        self._arranged = False

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_docks()
        self._build_status_bar()

        doc = self.document
        doc.projectReplaced.connect(self._on_project_replaced)
        doc.layersChanged.connect(self._on_layers_changed)
        doc.changed.connect(self._on_changed)
        doc.selectionChanged.connect(self._on_selection)
        doc.cleanChanged.connect(self._on_clean_changed)
        self.canvas.clicked.connect(self._on_clicked)
        self.canvas.extentChanged.connect(self._remember_extent)
        self._update_title()
        self.act_zoom_selection.setEnabled(False)
        if plugins:
            self._install_plugins()
        self._refresh_recent_menu()

    # ================================================================ extension points
    def menu(self, name: str) -> QMenu:
        """The top-level menu called `name` (English), created on demand in MENU_ORDER order."""
        if name in self._menus:
            return self._menus[name]
        menu = QMenu(_tr(MENU_TITLES.get(name, name)), self)
        menu.setObjectName(f"menu{name}")
        rank = MENU_ORDER.index(name) if name in MENU_ORDER else MENU_ORDER.index("Help") - 0.5
        before = None
        for other, m in self._menus.items():
            other_rank = MENU_ORDER.index(other) if other in MENU_ORDER else MENU_ORDER.index("Help") - 0.5
            if other_rank > rank and (before is None or other_rank < before[0]):
                before = (other_rank, m)
        if before is None:
            self.menuBar().addMenu(menu)
        else:
            self.menuBar().insertMenu(before[1].menuAction(), menu)
        self._menus[name] = menu
        return menu

    def add_dock(self, widget: QWidget, title: str, area=Qt.RightDockWidgetArea) -> QDockWidget:
        """Put `widget` in a dock (object name from the title, so the layout is saved); its toggle goes to View."""
        dock = QDockWidget(title, self)
        dock.setObjectName("dock_" + "".join(ch for ch in title if ch.isalnum()))
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetClosable | QDockWidget.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        self._docks_menu.addAction(dock.toggleViewAction())
        return dock

    def run_task(self, fn: Callable, title: str, on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None] | None = None) -> Task:
        """Run fn(progress, cancel) off the UI thread; on_done(result) / on_error(exc) on the UI thread."""
        handler = on_error if on_error is not None else (lambda exc: ui_errors.show_error(self, exc))
        task = run_task(self, fn, title, on_done, handler, self.task_progress)
        self._tasks.append(task)
        task.finished.connect(lambda: self._tasks.remove(task) if task in self._tasks else None)
        return task

    def is_busy(self) -> bool:
        """True while a task runs (tests wait on this)."""
        return bool(self._tasks)

    def _install_plugins(self) -> None:
        """Let every UI module of PLUGINS install itself, in order."""
        import importlib

        for module_name, function_name in PLUGINS:
            getattr(importlib.import_module(module_name), function_name)(self)

    # ================================================================ building the window
    def _action(self, text: str, slot, shortcut=None, icon=None, tip: str | None = None, checkable=False) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            act.setIcon(self.style().standardIcon(icon) if isinstance(icon, QStyle.StandardPixmap) else icon)
        if tip:
            act.setStatusTip(tip)
            act.setToolTip(tip)
        act.setCheckable(checkable)
        if slot is not None:
            act.triggered.connect(slot)
        return act

    def _build_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.act_open = self._action(self.tr("&Open project…"), self.open_dialog, QKeySequence.Open, sp.SP_DialogOpenButton,
                                     self.tr("Open a Rollout Planner project or a GIS file"))
        self.act_import = self._action(self.tr("&Import layer…"), self.import_dialog, "Ctrl+I", sp.SP_FileDialogNewFolder,
                                       self.tr("Import a GeoPackage, Shapefile, GeoJSON, FlatGeobuf or CSV layer"))
        self.act_sample = self._action(self.tr("Open the Gers &sample"), self.open_sample, None, None,
                                       self.tr("Open the bundled Gers sample project"))
        # through the attribute at call time, so that the project UI's unsaved-changes check applies
        self.act_demo = self._action(self.tr("Open the Gers &demo plan"), lambda: self.open_sample(demo_plan=True),
                                     None, None, self.tr("Open the Gers sample with a demonstration rollout plan "
                                                         "(one phase per intercommunality, in three waves)"))
        self.act_quit = self._action(self.tr("&Quit"), self.close, QKeySequence.Quit)
        # the text follows the step ("Undo Move vertex of Phase 3"); the tooltip adds the shortcut
        self.history_actions = HistoryActions(self.document, self, self.tr("&Undo"), self.tr("&Redo"),
                                              _icon("undo"), _icon("redo"))
        self.act_undo, self.act_redo = self.history_actions.undo, self.history_actions.redo
        self.act_zoom_full = self._action(self.tr("Zoom &full"), self.zoom_full, "Ctrl+Shift+F", _icon("zoom_full"),
                                          self.tr("Show the whole territory"))
        self.act_zoom_layer = self._action(self.tr("Zoom to &layer"), self.zoom_to_current_layer, None, _icon("zoom_layer"),
                                           self.tr("Zoom to the layer selected in the Layers panel"))
        self.act_zoom_selection = self._action(self.tr("Zoom to &selection"), self.zoom_to_selection, "Ctrl+J",
                                               _icon("zoom_selection"), self.tr("Zoom to the selected communes"))
        self.act_zoom_rect = self._action(self.tr("Zoom &rectangle"), self.canvas.set_rect_zoom, None, _icon("zoom_rect"),
                                          self.tr("Drag a rectangle on the map to zoom in"), checkable=True)
        self.act_pan = self._action(self.tr("&Pan / identify"), None, "Esc", _icon("pan"),
                                    self.tr("Drag to pan, click to identify"), checkable=True)
        self.act_pan.setChecked(True)
        self.act_pan.triggered.connect(lambda: (self.canvas.set_rect_zoom(False), self.canvas.set_tool(None)))
        group = QActionGroup(self)
        group.addAction(self.act_pan)
        group.addAction(self.act_zoom_rect)
        self.map_mode_group = group
        self.act_about = self._action(self.tr("&About Rollout Planner"), self.about)

    def _build_menus(self) -> None:
        f = self.menu("File")
        f.addAction(self.act_open)
        f.addAction(self.act_import)
        self.recent_menu = f.addMenu(self.tr("Open &recent"))
        f.addAction(self.act_sample)
        f.addAction(self.act_demo)
        f.addSeparator()
        f.addAction(self.act_quit)
        e = self.menu("Edit")
        e.addAction(self.act_undo)
        e.addAction(self.act_redo)
        v = self.menu("View")
        for act in (self.act_pan, self.act_zoom_rect):
            v.addAction(act)
        v.addSeparator()
        for act in (self.act_zoom_full, self.act_zoom_layer, self.act_zoom_selection):
            v.addAction(act)
        v.addSeparator()
        self.act_labels = self._action(self.tr("Commune &names"), self._apply_labels, None, None,
                                       self.tr("Write commune names on the map when zoomed in"), checkable=True)
        self.act_labels.setChecked(True)
        v.addAction(self.act_labels)
        v.addSeparator()
        self._docks_menu = v.addMenu(self.tr("&Panels"))
        h = self.menu("Help")
        self._add_shell_help(h)
        h.addAction(self.act_about)

    def _add_shell_help(self, help_menu: QMenu) -> None:
        """User guide and shortcuts in Help; Preferences in Edit."""
        help_menu.addAction(self._action(self.tr("User &guide"), lambda: GuideDialog(self, current_language()).exec(),
                                         "F1"))
        help_menu.addAction(self._action(self.tr("&Keyboard shortcuts"), lambda: ShortcutsDialog(self).exec()))
        help_menu.addSeparator()
        e = self.menu("Edit")
        e.addSeparator()
        e.addAction(self._action(self.tr("&Preferences…"), self.edit_preferences, QKeySequence.Preferences))

    def edit_preferences(self) -> None:
        """Edit → Preferences; a new language goes through View → Language (which offers the restart)."""
        dialog = PreferencesDialog(self.settings, self)
        before = self.settings.language
        if dialog.exec():
            dialog.apply()
            menu = getattr(self, "language_menu", None)
            if menu is not None and dialog.language() != before:
                menu.choose(dialog.language())

    def _build_toolbar(self) -> None:
        tb = QToolBar(self.tr("Main toolbar"), self)
        tb.setObjectName("mainToolbar")
        tb.setIconSize(QSize(20, 20))
        tb.setMovable(False)
        for act in (self.act_open, self.act_import):
            tb.addAction(act)
        tb.addSeparator()
        tb.addAction(self.act_undo)
        tb.addAction(self.act_redo)
        tb.addSeparator()
        for act in (self.act_pan, self.act_zoom_rect, self.act_zoom_full, self.act_zoom_layer, self.act_zoom_selection):
            tb.addAction(act)
        tb.addSeparator()
        self.addToolBar(Qt.TopToolBarArea, tb)
        self.toolbar = tb

    def _build_docks(self) -> None:
        # side docks run the full height; bottom docks (tables, Gantt) sit under the map only
        self.setCorner(Qt.BottomLeftCorner, Qt.LeftDockWidgetArea)
        self.setCorner(Qt.BottomRightCorner, Qt.RightDockWidgetArea)
        self.setDockOptions(QMainWindow.AnimatedDocks | QMainWindow.AllowTabbedDocks | QMainWindow.AllowNestedDocks)
        self.layers_panel = LayersPanel(self.document, self)
        self.layers_panel.zoomRequested.connect(self.zoom_to_layer)
        self.layers_dock = self.add_dock(self.layers_panel, self.tr("Layers"), Qt.LeftDockWidgetArea)
        self.identify_panel = IdentifyPanel(self)
        self.identify_dock = self.add_dock(self.identify_panel, self.tr("Identify"), Qt.LeftDockWidgetArea)
        self.splitDockWidget(self.layers_dock, self.identify_dock, Qt.Vertical)
        self.resizeDocks([self.layers_dock], [260], Qt.Horizontal)

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        sb.setStyleSheet("QStatusBar::item { border: none; }")
        self.task_progress = TaskProgressWidget(self)
        sb.addWidget(self.task_progress)
        self.map_status = MapStatus(sb, self.canvas, lambda x, y: self.commune_locator.label_at(x, y))
        self.commune_label = self.map_status.commune_label
        self.coord_label = self.map_status.coord_label
        self.scale_label = self.map_status.scale_label

    # ================================================================ project and items
    def _update_title(self) -> None:
        name = self.document.project.name or self.tr("Untitled")
        self.setWindowTitle(f"{name}[*] — {APP_NAME}")
        self.setWindowModified(self.document.is_modified())

    def showEvent(self, ev) -> None:
        super().showEvent(ev)
        if not self._arranged:
            self._arranged = True
            restored = hasattr(self.settings, "q") and self.settings.q.contains("window/state")
            if not restored:
                QTimer.singleShot(0, self.arrange_docks)

    def arrange_docks(self) -> None:
        """Default layout: the map gets most of the room; side docks narrow, bottom docks short and tabbed."""
        docks = [d for d in self.findChildren(QDockWidget) if d.parent() is self and not d.isFloating()]
        by_area: dict[Any, list[QDockWidget]] = {}
        for d in docks:
            by_area.setdefault(self.dockWidgetArea(d), []).append(d)
        bottom = by_area.get(Qt.BottomDockWidgetArea, [])
        # bottom docks side by side or stacked leave no room for the map: one tab group
        for d in bottom[1:]:
            if d not in self.tabifiedDockWidgets(bottom[0]):
                self.tabifyDockWidget(bottom[0], d)
        if bottom:
            # the timeline first when there is one (it reads best under the map)
            first = next((d for d in bottom if d.objectName() == "dock_Gantt"), bottom[0])
            QTimer.singleShot(0, first.raise_)
        width = self.width()
        sizes = {Qt.LeftDockWidgetArea: int(width * 0.17), Qt.RightDockWidgetArea: int(width * 0.30)}
        for area, size in sizes.items():
            if by_area.get(area):
                self.resizeDocks(by_area[area], [size] * len(by_area[area]), Qt.Horizontal)
        if bottom:
            self.resizeDocks(bottom, [int(self.height() * 0.2)] * len(bottom), Qt.Vertical)

    def _remember_extent(self) -> None:
        """The view is part of the project (saved with it, restored on open); not an undoable edit."""
        if self.document.project.layers():
            self.document.project.view["extent"] = [round(v, 2) for v in self.canvas.extent()]

    def _on_clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def _on_project_replaced(self) -> None:
        self._update_title()
        self.act_zoom_selection.setEnabled(bool(self.document.selected_communes))
        self.commune_locator = CommuneLocator(self.document.project.communes)
        self._rebuild_items()
        self.identify_panel.show_feature(None, -1)
        self.identify_panel.title.setText(self.tr("Click a commune or a premise on the map."))
        extent = self.document.project.view.get("extent")
        if extent and len(extent) == 4:
            self.canvas.set_extent(*extent)
        else:
            self.zoom_full()

    def _on_changed(self, command) -> None:
        if "layers" in getattr(command, "touches", frozenset()):
            self.document.layersChanged.emit()

    def set_project(self, project: Project) -> None:
        """Show a freshly loaded project (clears undo history)."""
        default_point_style(project)
        self.document.set_project(project)
        self.projectLoaded.emit()

    # ================================================================ help
    def about(self) -> None:
        QMessageBox.about(self, self.tr("About Rollout Planner"), about_html())

    def closeEvent(self, ev) -> None:
        """Closing: running tasks are cancelled and given a few seconds, then detached (one still running ends in
        the background; none calls back into the closed window), the document closes (its worker threads stop),
        the layout is remembered."""
        for task in list(self._tasks):
            task.cancel()
            task.wait(self.CLOSE_WAIT_MS)
            task.detach()
        self._tasks.clear()
        self.settings.save_window(self)
        super().closeEvent(ev)
        if ev.isAccepted():
            self.document.close()


def _default_settings(window) -> Settings:
    """The application's settings, their QSettings a Qt child of the window (deleted with it, on this thread)."""
    return Settings(QSettings(window))


def _icon(name: str) -> QIcon:
    """A toolbar icon: resources/icons/<name>.svg when present, else drawn by planner.ui.map.map_icons."""
    path = resources_dir() / "icons" / f"{name}.svg"
    if path.exists():
        return QIcon(str(path))
    from planner.ui.map.map_icons import map_icon

    return map_icon(name)
