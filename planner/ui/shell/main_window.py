"""The main window: menus, toolbar, map canvas, docks, status bar, file opening/import and the plug-in hooks."""
from __future__ import annotations

import os
from typing import Any, Callable

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import (QDockWidget, QFileDialog, QMainWindow, QMenu, QMessageBox,
                               QStyle, QToolBar, QWidget)

from planner import __version__
from planner.core.project.layer_commands import draw_order
from planner.core.project.model import Layer, Project
from planner.core.project.paths import resources_dir
from planner.io.project.project_file import is_project
from planner.ui.common import errors as ui_errors
from planner.ui.map.commune_item import CommuneItem
from planner.ui.common.document import ProjectDocument
from planner.ui.shell.help_dialogs import GuideDialog, ShortcutsDialog
from planner.ui.shell.history_actions import HistoryActions
from planner.ui.shell.i18n import current_language
from planner.ui.map.identify import CommuneLocator, IdentifyPanel
from planner.ui.map.layers_panel import LayersPanel
from planner.ui.map.map_canvas import MapCanvas, prepare_loaded
from planner.ui.map.map_status import MapStatus
from planner.ui.shell.preferences_dialog import PreferencesDialog
from planner.ui.map.premises_item import PremisesItem
from planner.ui.shell.settings import Settings
from planner.ui.common.workers import Task, TaskProgressWidget, run_task

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
#: identify search radius in screen pixels
IDENTIFY_PX = 6
APP_NAME = "Rollout Planner"


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class MainWindow(QMainWindow):
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
        self._items: dict[int, Any] = {}
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

    @property
    def commune_item(self) -> CommuneItem | None:
        c = self.document.project.communes
        return self._items.get(id(c.layer)) if c is not None else None

    @property
    def premises_item(self) -> PremisesItem | None:
        p = self.document.project.premises
        return self._items.get(id(p.layer)) if p is not None else None

    def item_for(self, layer: Layer):
        """The map item drawing `layer` (None if not drawn)."""
        return self._items.get(id(layer))

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

    def _on_layers_changed(self) -> None:
        communes = self.document.project.communes
        if (communes is None) != (self.commune_locator.communes is None) or (
                communes is not None and communes is not self.commune_locator.communes):
            self.commune_locator = CommuneLocator(communes)
        self._rebuild_items()

    def _rebuild_items(self) -> None:
        """Create map items for new layers, drop items of removed ones, restack and restyle."""
        layers = draw_order(self.document.project)
        alive = {id(l) for l in layers}
        changed = False
        for key in list(self._items):
            if key not in alive:
                item = self._items.pop(key)
                self.canvas.view.removeItem(item)
                if getattr(item, "label_item", None) is not None:
                    self.canvas.view.removeItem(item.label_item)
                changed = True
        for layer in layers:
            if id(layer) not in self._items:
                item = make_item(layer)
                if item is None:
                    continue
                self.canvas.view.addItem(item)
                if getattr(item, "label_item", None) is not None:
                    self.canvas.view.addItem(item.label_item)
                self._items[id(layer)] = item
                changed = True
        self._apply_styles()
        c_item = self.commune_item
        if c_item is not None:
            c_item.set_highlight(self.document.selected_communes)
            self._apply_labels()
            c_item.label_item.setZValue(10_000)
        if changed:
            self.layersRebuilt.emit()

    def _apply_labels(self, *_args) -> None:
        item = self.commune_item
        if item is not None:
            item.set_labels(self.document.project.communes.names if self.act_labels.isChecked() else None)

    def _apply_styles(self) -> None:
        for z, layer in enumerate(draw_order(self.document.project)):
            item = self._items.get(id(layer))
            if item is not None:
                item.setZValue(z)
                item.apply_style()

    def _on_selection(self) -> None:
        item = self.commune_item
        if item is not None:
            item.set_highlight(self.document.selected_communes)
        self.act_zoom_selection.setEnabled(bool(self.document.selected_communes))

    # ================================================================ identify
    def _on_clicked(self, x: float, y: float, modifiers) -> None:
        self.identify_at(x, y, bool(modifiers & Qt.ControlModifier))

    def identify_at(self, x: float, y: float, add_to_selection: bool = False) -> tuple[Layer | None, int]:
        """Identify the premise (within a few pixels) or else the commune at (x, y); selects the commune."""
        project = self.document.project
        tol = IDENTIFY_PX * self.canvas.pixel_size()
        p_item = self.premises_item
        if p_item is not None and p_item.isVisible():
            row = p_item.nearest(x, y, tol)
            if row >= 0:
                px, py = float(project.premises.x[row]), float(project.premises.y[row])
                where = self.commune_locator.label_at(px, py)
                title = (self.tr("Premise #{row} in {commune}").format(row=row, commune=where) if where
                         else self.tr("Premise #{row}").format(row=row))
                self.identify_panel.show_feature(project.premises.layer, row, title)
                return project.premises.layer, row
        row = self.commune_locator.row_at(x, y)
        if row >= 0:
            layer = project.communes.layer
            self.identify_panel.show_feature(layer, row, self.commune_locator.label_at(x, y))
            sel = set(self.document.selected_communes) if add_to_selection else set()
            sel.symmetric_difference_update({row}) if add_to_selection else sel.add(row)
            self.document.set_selected_communes(sel)
            return layer, row
        self.identify_panel.show_feature(None, -1)
        if not add_to_selection and self.document.selected_communes:
            self.document.set_selected_communes([])
        return None, -1

    # ================================================================ zoom
    def zoom_full(self) -> None:
        bounds = [l.bounds for l in self.document.project.layers() if len(l) and l.style.visible]
        if not bounds:
            bounds = [l.bounds for l in self.document.project.layers() if len(l)]
        if bounds:
            b = np.array(bounds, dtype=float)
            self.canvas.zoom_to((np.nanmin(b[:, 0]), np.nanmin(b[:, 1]), np.nanmax(b[:, 2]), np.nanmax(b[:, 3])))

    def zoom_to_layer(self, layer: Layer) -> None:
        if len(layer):
            self.canvas.zoom_to(layer.bounds)

    def zoom_to_current_layer(self) -> None:
        layer = self.layers_panel.current_layer()
        if layer is None and self.document.project.communes is not None:
            layer = self.document.project.communes.layer
        if layer is not None:
            self.zoom_to_layer(layer)

    def zoom_to_selection(self) -> None:
        rows = sorted(self.document.selected_communes)
        communes = self.document.project.communes
        if not rows or communes is None:
            self.statusBar().showMessage(self.tr("No commune selected."), 3000)
            return
        import shapely
        self.canvas.zoom_to(shapely.total_bounds(communes.geometries[rows]), margin=0.15)

    # ================================================================ files
    def open_dialog(self) -> None:
        folder = self.settings.last_folder("data")
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open project or layer"), folder,
            self.tr("Projects and GIS files (*.gpkg *.shp *.geojson *.json *.fgb *.csv *.txt);;All files (*)"))
        if path:
            self.open_path(path)

    def import_dialog(self) -> None:
        folder = self.settings.last_folder("data")
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import layer"), folder,
            self.tr("GIS files (*.gpkg *.shp *.geojson *.json *.fgb *.csv *.txt);;All files (*)"))
        for path in paths:
            self.import_path(path)

    def open_paths(self, paths: list[str]) -> None:
        """Open/import several files (a Shapefile's side files dropped with it are not imported on their own)."""
        for path in without_sidecars(paths):
            self.open_path(path)

    def open_path(self, path: str) -> None:
        """A project GeoPackage replaces the project; any other file is imported as a layer."""
        if _is_project(path):
            self.open_project(path)
        else:
            self.import_path(path)

    def open_project(self, path: str) -> None:
        from planner.io.project.project_file import load_project

        def done(project: Project) -> None:
            self._remember(path)
            self.set_project(project)

        self.run_task(lambda progress, cancel: prepare_loaded(load_project(path, progress=progress)),
                      self.tr("Opening {name}").format(name=os.path.basename(path)), done)

    def import_path(self, path: str, role: str | None = None) -> None:
        """Import a layer file (asks the layer, role and fields in a dialog), loaded off the UI thread."""
        from planner.ui.project.import_dialog import import_layer_file

        import_layer_file(self, path, role=role)

    def _remember(self, path: str) -> None:
        self.settings.add_recent_file(path)
        self.settings.set_last_folder("data", path)
        self._refresh_recent_menu()

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files()
        for i, path in enumerate(files):
            act = self.recent_menu.addAction(f"&{i + 1} {os.path.basename(path)}")
            act.setToolTip(path)
            act.setStatusTip(path)
            act.triggered.connect(lambda checked=False, p=path: self._open_recent(p))
        self.recent_menu.setEnabled(bool(files))

    def _open_recent(self, path: str) -> None:
        if not os.path.exists(path):
            ui_errors.show_error(self, FileNotFoundError(path))
            self.settings.remove_recent_file(path)
            self._refresh_recent_menu()
            return
        self.open_path(path)

    def open_sample(self, prefetched=None, demo_plan: bool = False) -> None:
        """Load the bundled Gers sample off the UI thread (the window stays responsive).

        `prefetched`: a concurrent.futures.Future of the sample project already being read (startup).
        `demo_plan`: with the demonstration phases (planner/core/project/demo_plan.py).
        """
        from planner.io.layers.sample import load_sample_project

        if not hasattr(prefetched, "result"):  # e.g. the `checked` flag of a triggered action
            prefetched = None
        if prefetched is not None:
            fn = lambda progress, cancel: prepare_loaded(prefetched.result())  # noqa: E731
        else:
            fn = lambda progress, cancel: prepare_loaded(  # noqa: E731
                load_sample_project(progress, cancel, demo_plan=demo_plan))
        self.run_task(fn, self.tr("Loading the Gers sample"), self.set_project)

    def set_project(self, project: Project) -> None:
        """Show a freshly loaded project (clears undo history)."""
        _default_point_style(project)
        self.document.set_project(project)
        self.projectLoaded.emit()

    # ================================================================ drag and drop
    def dragEnterEvent(self, ev) -> None:
        if ev.mimeData().hasUrls() and any(u.isLocalFile() for u in ev.mimeData().urls()):
            ev.acceptProposedAction()
        else:
            ev.ignore()

    def dragMoveEvent(self, ev) -> None:
        self.dragEnterEvent(ev)

    def dropEvent(self, ev) -> None:
        paths = [u.toLocalFile() for u in ev.mimeData().urls() if u.isLocalFile()]
        if not paths:
            ev.ignore()
            return
        ev.acceptProposedAction()
        # let the drop finish before any dialog opens
        QTimer.singleShot(0, lambda: self.open_paths(paths))

    # ================================================================ help
    def about(self) -> None:
        QMessageBox.about(self, self.tr("About Rollout Planner"), about_html())

    def closeEvent(self, ev) -> None:
        """Closing: running tasks are cancelled and given a few seconds, then detached (one still running ends in
        the background; none calls back into the closed window), the document closes (its worker threads stop),
        the layout is remembered."""
        for task in list(self._tasks):
            task.cancel()
            task.wait(5000)
            task.detach()
        self._tasks.clear()
        self.settings.save_window(self)
        super().closeEvent(ev)
        if ev.isAccepted():
            self.document.close()


SHAPEFILE_SIDECARS = {".dbf", ".shx", ".prj", ".cpg", ".qpj", ".sbn", ".sbx", ".qmd", ".qix", ".fix", ".xml"}


def without_sidecars(paths: list[str]) -> list[str]:
    """`paths` without the side files of a Shapefile that is itself in the list (order kept)."""
    stems = {os.path.splitext(p)[0].lower() for p in paths if p.lower().endswith(".shp")}
    out = []
    for p in paths:
        stem, ext = os.path.splitext(p)
        stem = stem.lower().removesuffix(".shp")  # communes.shp.xml is a side file too
        if ext.lower() in SHAPEFILE_SIDECARS and stem in stems:
            continue
        out.append(p)
    return out


def about_html() -> str:
    """The About text: version, purpose and the data attributions."""
    return QCoreApplication.translate(
        "MainWindow",
        "<h3>Rollout Planner {version}</h3>"
        "<p>Plan fibre-to-the-home rollouts across a French département: phases, crews, coverage curves, "
        "commune maps and atlases.</p>"
        "<p><b>Data of the bundled Gers sample</b></p><ul>"
        "<li>Commune boundaries: IGN Admin Express (via france-geojson) — Etalab Licence Ouverte 2.0</li>"
        "<li>Populations, dwellings and business premises: INSEE — Licence Ouverte</li>"
        "<li>Fibre eligibility per commune: Arcep open data — Licence Ouverte</li>"
        "<li>Addresses: © OpenStreetMap contributors, BANO — ODbL 1.0</li></ul>"
        "<p><i>Premise positions in the sample are synthetic; the counts per commune are real "
        "(INSEE 2018 dwellings + business premises).</i></p>"
        "<p>Built with Qt (PySide6), pyqtgraph, shapely, GDAL (fiona, pyogrio), pyproj and numpy.</p>"
    ).format(version=__version__) + "<p><small>" + " · ".join(
        f"{name} {version}" for name, version in component_versions()) + "</small></p>"


def component_versions() -> list[tuple[str, str]]:
    """Versions of Python and of the libraries the app runs on (for About and bug reports)."""
    import platform

    import pyogrio
    import pyproj
    import pyqtgraph
    import PySide6
    import shapely
    from PySide6.QtCore import qVersion

    return [("Python", platform.python_version()), ("Qt", qVersion()), ("PySide6", PySide6.__version__),
            ("GDAL", pyogrio.__gdal_version_string__), ("PROJ", pyproj.proj_version_str),
            ("shapely", shapely.__version__), ("numpy", np.__version__), ("pyqtgraph", pyqtgraph.__version__)]


def make_item(layer: Layer):
    """The map item for a layer: PremisesItem for points, CommuneItem for polygons and lines."""
    if layer.kind == "point" and layer.x is not None:
        return PremisesItem(layer)
    if layer.kind in ("polygon", "line") and layer.geometries is not None:
        return CommuneItem(layer)
    return None


def _default_point_style(project: Project) -> None:
    """Premise layers with the polygon default fill get a point colour (the model default suits polygons)."""
    from planner.core.project.model import LayerStyle
    for layer in project.layers():
        if layer.kind == "point" and layer.style.fill == LayerStyle().fill:
            layer.style.fill = "#3949ab"


def _is_project(path: str) -> bool:
    return str(path).lower().endswith(".gpkg") and is_project(path)


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
