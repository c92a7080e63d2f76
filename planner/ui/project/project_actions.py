"""File actions on the open project: New, Open, Open Recent, Save, Save As, Revert, Export and the unsaved-changes prompt.

Loading, saving and exporting run off the UI thread (MainWindow.run_task, with progress and Cancel). A save
writes a snapshot of the project (so editing may go on meanwhile) through the atomic `save_project`, in the
writer process (see autosave_timer.call_in_writer_process: pyogrio holds the GIL while writing); on failure
the message names the file and the problem and the project keeps its unsaved state and its path.
Actions that would drop unsaved changes first ask Save / Discard / Cancel (`confirm_discard(then)`).
A project open in another session says so before opening, and saving onto a file changed since it was
loaded asks first (file_guard.FileGuard: lock beside the file, fingerprint).
"""
from __future__ import annotations

import dataclasses
import functools
import os
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QStyle

import planner.io.ports  # noqa: F401  (plugs file reading and exports into the operations run here)
import planner.render.ports  # noqa: F401  (and map drawing, for map exports)
from planner.core.project.model import Project
from planner.io.safe_names import safe_file_name
from planner.ui.common import errors as ui_errors
from planner.core.phases import cell_counts
from planner.io.project.light_copy import save_via
from planner.ui.common.plain_text import as_plain
from planner.ui.project.autosave_timer import call_in_writer_process, call_in_writer_process_until
from planner.ui.common.window_part import WindowPart
from planner.ui.project.file_guard import FileGuard

APP_NAME = "Rollout Planner"


def display_name(project: Project) -> str:
    """The project's name for the title bar: its name, else its file name, else 'Untitled'."""
    name = (project.name or "").strip()
    if name and name != "Untitled":
        return name
    if project.path:
        return Path(project.path).stem
    return QCoreApplication.translate("ProjectActions", "Untitled")


class ProjectActions(WindowPart):
    """The File menu's project actions for one MainWindow (`mw`), with an AutosaveController (`autosave`)."""

    def __init__(self, mw, autosave=None):
        super().__init__(mw)
        self.document = mw.document
        self.settings = mw.settings
        self.autosave = autosave
        #: a save is running (it notes the revision, to set clean only if nothing changed meanwhile)
        self.saving = False
        self.last_export = None
        #: the user already answered about unsaved changes for the close under way
        self.close_confirmed = False
        sp = QStyle.StandardPixmap
        self.act_new = self._action(self.tr("&New project…"), self.new_project, QKeySequence.New, sp.SP_FileIcon,
                                    self.tr("Start a project from a commune layer and, optionally, premise points"))
        self.act_save = self._action(self.tr("&Save"), self.save, QKeySequence.Save, sp.SP_DialogSaveButton,
                                     self.tr("Save the project (one GeoPackage file)"))
        self.act_save_as = self._action(self.tr("Save &as…"), self.save_as, QKeySequence.SaveAs, None,
                                        self.tr("Save the project to a new file"))
        self.act_revert = self._action(self.tr("Re&vert to saved"), self.revert, None, sp.SP_BrowserReload,
                                       self.tr("Drop the unsaved changes and reopen the saved file"))
        self.act_export = self._action(self.tr("&Export…"), self.export, "Ctrl+E", None,
                                       self.tr("Export the phase plan (GeoPackage, GeoJSON, Shapefile, CSV, Excel) "
                                               "or the map (PNG, SVG, PDF)"))
        self.act_publish = {
            "web": self._action(self.tr("&Web map…"), lambda: self.export("web"), None, None,
                                self.tr("A web map residents can search: a folder that opens in any browser")),
            "addresses": self._action(self.tr("Per-&address forecast…"), lambda: self.export("addresses"), None, None,
                                      self.tr("One row per premise with its planned eligibility month and quarter")),
            "qgis": self._action(self.tr("&QGIS project…"), lambda: self.export("qgis"), None, None,
                                 self.tr("A QGIS project whose time slider plays the rollout")),
        }
        #: the lock beside the open project file and its fingerprint (changed elsewhere?)
        self.guard = FileGuard(mw)
        self.document.cleanChanged.connect(self._on_clean_changed)
        self.document.projectReplaced.connect(lambda: self.guard.opened(self.document.project.path))
        self.document.projectReplaced.connect(self.update_title)
        self.document.changed.connect(lambda *_: self.update_title())  # a command may rename the project
        self.document.layersChanged.connect(self.update_actions)  # Export needs a commune layer
        self.update_actions()

    def _action(self, text: str, slot, shortcut, icon, tip: str) -> QAction:
        act = QAction(text, self.mw)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            act.setIcon(self.mw.style().standardIcon(icon))
        act.setToolTip(tip)
        act.setStatusTip(tip)
        act.triggered.connect(lambda checked=False: slot())
        return act

    # ================================================================ state shown to the user
    def update_title(self) -> None:
        """'plan.gpkg (~/folder)[*] — Rollout Planner' for a project file, '<project name>[*] — …' before it is
        saved (planner/ui/shell/window_layout.py); the [*] shown while there are unsaved changes."""
        from planner.ui.shell.window_layout import window_title

        self.mw.setWindowTitle(window_title(self.document.project, APP_NAME, display_name(self.document.project)))
        self.mw.setWindowModified(self.document.is_modified())
        if self.document.project.path:
            self.mw.setWindowFilePath(self.document.project.path)
        self.update_actions()

    def _on_clean_changed(self, _clean: bool) -> None:
        self.update_actions()

    def update_actions(self) -> None:
        project = self.document.project
        self.act_revert.setEnabled(bool(project.path) and self.document.is_modified() and not self.saving)
        self.act_save.setEnabled(not self.saving)
        self.act_save_as.setEnabled(not self.saving)
        self.act_export.setEnabled(project.communes is not None)
        for fmt, act in self.act_publish.items():
            act.setEnabled(project.communes is not None and (fmt != "addresses" or project.premises is not None))

    def _status(self, text: str) -> None:
        self.mw.statusBar().showMessage(text, 6000)

    # ================================================================ unsaved changes
    def ask_save_changes(self) -> QMessageBox.StandardButton:
        """Save / Discard / Cancel for the open project's unsaved changes."""
        return QMessageBox.question(
            self.mw, self.tr("Unsaved changes"),
            as_plain(self.tr("“{name}” has unsaved changes. Save them first?").format(
                name=display_name(self.document.project))),
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)

    def confirm_discard(self, then: Callable[[], None]) -> bool:
        """Run `then` once the unsaved changes are saved or discarded (asks); False if the user cancelled."""
        if not self.document.is_modified():
            then()
            return True
        answer = self.ask_save_changes()
        if answer == QMessageBox.Save:
            self.save(then=then)
            return True
        if answer == QMessageBox.Discard:
            if self.autosave is not None:
                self.autosave.clear()
            then()
            return True
        return False

    # ================================================================ new
    def new_project(self) -> None:
        self.confirm_discard(self._new_project)

    def _new_project(self) -> None:
        from planner.ui.project.new_project_wizard import NewProjectWizard

        wizard = NewProjectWizard(self.settings, self.mw)
        if wizard.exec() != QDialog.Accepted:
            return
        self.create_project(wizard.operation())

    def create_project(self, operation):
        """Run a NewProject (planner/core/operations/new_project.py) off the UI thread, then show the new
        (untitled, unsaved) project."""

        def done(project: Project) -> None:
            self.mw.set_project(project)
            self._status(self.tr("New project “{name}”: save it to keep it.").format(name=project.name))

        return self.mw.run_task(functools.partial(operation.run, None), self.tr("Creating the project"), done,
                                lambda exc: ui_errors.show_error(self.mw, exc, self.tr("The project was not created.")))

    # ================================================================ open
    def open_dialog(self) -> None:
        """File → Open: a project replaces the open one (after asking); another GIS file is imported as a layer."""
        folder = self.settings.last_folder("data")
        path, _ = QFileDialog.getOpenFileName(
            self.mw, self.tr("Open project or layer"), folder,
            self.tr("Projects and GIS files (*.gpkg *.shp *.geojson *.json *.fgb *.csv *.txt);;"
                    "Rollout Planner projects (*.gpkg);;All files (*)"))
        if path:
            self.mw.open_path(path)

    def open_project(self, path: str) -> None:
        """Open a project file (asks first when it is open elsewhere, then about unsaved changes)."""
        if not self.guard.confirm_open(str(path)):
            from planner.ui.project import prefetch

            prefetch.take(path)  # a reading started at start-up is dropped with the answer
            self._status(self.tr("{file} was not opened.").format(file=os.path.basename(str(path))))
            return
        self.confirm_discard(lambda: self.load(path))

    def load(self, path: str, then: Callable[[], None] | None = None):
        """Read a project file off the UI thread and show it (no question asked)."""
        from planner.io.project.project_file import load_project

        path = str(path)

        def done(project: Project) -> None:
            self._remember(path)
            self.mw.set_project(project)
            if then is not None:
                then()

        from planner.ui.map.polygon_levels import prepare_polygons
        from planner.ui.map.map_canvas import prepare_loaded
        from planner.ui.project import prefetch

        started = prefetch.take(path)  # read since start-up (planner/ui/project/prefetch.py)

        def work(progress, cancel):
            project = started.result() if started is not None else None
            # the map's drawing data (premise index, density pyramid, simplified outlines) is built in the worker
            if project is None:
                project = load_project(path, progress=progress, on_layer=prepare_polygons)
            return prepare_loaded(project)

        return self.mw.run_task(work,
                                self.tr("Opening {name}").format(name=os.path.basename(path)), done,
                                lambda exc: ui_errors.show_error(self.mw, exc, self.tr(
                                    "{file} was not opened; the open project is unchanged.").format(file=path)))

    def open_recent(self, path: str) -> None:
        """Open Recent: a missing file is removed from the list (with a message)."""
        if not os.path.exists(path):
            QMessageBox.warning(self.mw, self.tr("File not found"), as_plain(self.tr(
                "{file} no longer exists; it was removed from the recent files.").format(file=path)))
            self.settings.remove_recent_file(path)
            self.mw._refresh_recent_menu()
            return
        self.mw.open_path(path)

    def open_sample(self, original: Callable[[], None]) -> None:
        self.confirm_discard(original)

    def _remember(self, path: str) -> None:
        self.settings.add_recent_file(path)
        self.settings.set_last_folder("data", path)
        self.settings.set_last_folder("project", path)
        self.mw._refresh_recent_menu()

    # ================================================================ save
    def save(self, then: Callable[[], None] | None = None) -> None:
        """Save to the project's file; the first save asks where (suggesting <name>.gpkg)."""
        path = self.document.project.path
        if not path or not str(path).lower().endswith(".gpkg"):
            self.save_as(then=then)
        else:
            self.save_to(path, then=then)

    def save_as(self, then: Callable[[], None] | None = None) -> None:
        path = self.ask_save_path()
        if path:
            self.save_to(path, then=then)

    def ask_save_path(self) -> str | None:
        project = self.document.project
        if project.path:
            suggested = str(Path(project.path).with_suffix(".gpkg"))
        else:
            folder = self.settings.last_folder("project")
            # a name is only a name: '../x' or 'a/b' never leads the suggestion out of the folder
            suggested = os.path.join(folder, safe_file_name(display_name(project), "project") + ".gpkg")
        path, _ = QFileDialog.getSaveFileName(self.mw, self.tr("Save project as"), suggested,
                                              self.tr("Rollout Planner project (*.gpkg)"))
        if not path:
            return None
        if not path.lower().endswith(".gpkg"):
            path += ".gpkg"
        return path

    def save_to(self, path: str, then: Callable[[], None] | None = None):
        """Write the project to `path` off the UI thread; on success the document is clean and `then()` runs."""
        from planner.io.project.project_file import save_project

        if self.saving:
            self._status(self.tr("A save is already running."))
            return None
        choice = self.guard.before_save(path)
        if choice != "save":
            return self._changed_elsewhere(choice, then)
        document = self.document
        project = document.project
        try:
            snapshot = project.snapshot()
            cell_counts.adopt(snapshot, cell_counts.raw(project))  # saved with it when still current
        except Exception as exc:
            ui_errors.show_error(self.mw, exc, self.tr("The project was not saved."))
            return None
        session = document.session
        revision = project.revision  # every edit, merged or not, undo and redo bumps it
        self.saving = True
        self.update_actions()

        def done(written) -> None:
            self.saving = False
            if document.project is project:
                project.path = str(written)
                self.guard.saved(str(written))
                if project.revision == revision:  # nothing changed while the file was written
                    session.set_clean()
                    if self.autosave is not None:
                        self.autosave.clear()
                self._remember(str(written))
                self.update_title()
            self._status(self.tr("Saved {file}").format(file=written))
            if then is not None:
                then()

        def failed(exc) -> None:
            self.saving = False
            self.update_actions()
            ui_errors.show_error(self.mw, exc, self.tr(
                "{file} was not saved; your changes are still open and unsaved.").format(file=path))

        def work(progress, cancel):
            progress(0.05, self.tr("writing"))
            # onto a file holding the same layers, only the changes cross to the writer and reach the disk
            return save_via(call_in_writer_process, snapshot, path, save_project)

        return self.mw.run_task(work,
                                self.tr("Saving {name}").format(name=os.path.basename(path)), done, failed)

    def _changed_elsewhere(self, choice: str, then):
        """The project file changed since it was loaded: save under another name, reload it, or nothing."""
        if choice == "save_as":
            self.save_as(then=then)
        elif choice == "reload":
            if self.autosave is not None:
                self.autosave.clear()
            self.load(self.document.project.path)
        else:
            self._status(self.tr("Not saved: the file on disk was kept as it is."))
        return None

    # ================================================================ revert
    def revert(self) -> None:
        path = self.document.project.path
        if not path or not os.path.exists(path):
            return
        answer = QMessageBox.question(
            self.mw, self.tr("Revert to saved"),
            as_plain(self.tr("Drop all changes since the last save and reopen {file}?").format(file=path)),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer != QMessageBox.Yes:
            return
        if self.autosave is not None:
            self.autosave.clear()
        self.load(path)

    # ================================================================ export
    def export(self, fmt: str | None = None) -> None:
        """File → Export… (or File → Publish → …, with `fmt` chosen in advance)."""
        from planner.ui.project.export_dialog import ExportDialog

        dialog = ExportDialog(self.document.project, self.settings, self.mw)
        if fmt is not None:
            dialog.set_format(fmt)
        if dialog.exec() != QDialog.Accepted:
            return
        operation = dialog.operation()
        # the next export starts where this one writes (a folder export: beside its folder)
        self.settings.set_folder("export", os.path.dirname(os.path.abspath(str(operation.output))))
        self.run_export(operation)

    def run_export(self, operation):
        """Run an Export (planner/core/operations/export.py) off the UI thread, asking before any existing file
        is replaced; a map is the view shown now. None if not started."""
        from planner.core.operations.export import MAP_FORMATS
        from planner.io.ports import run_operation

        project = self.document.project
        existing = operation.existing_targets(project)
        if existing:
            names = "\n".join(str(p) for p in existing[:8]) + ("\n…" if len(existing) > 8 else "")
            answer = QMessageBox.question(self.mw, self.tr("Replace files?"),
                                          as_plain(self.tr("These files already exist:\n{names}\n\nReplace them?").format(
                                              names=names)),
                                          QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
            if answer != QMessageBox.Yes:
                self._status(self.tr("Export cancelled: nothing was overwritten."))
                return None
            operation = dataclasses.replace(operation, force=True)
        snapshot = project.snapshot()
        targets = operation.targets(project)
        if operation.fmt in MAP_FORMATS:
            extent = tuple(float(v) for v in self.mw.canvas.extent())
            w, h = extent[2] - extent[0], extent[3] - extent[1]
            size = (1600, int(min(4800, max(16, round(1600 * h / w))))) if w > 0 and h > 0 else (1600, 1200)
            operation = dataclasses.replace(operation, extent=extent, size=size)  # the map view's proportions

        def work(progress, cancel):
            if operation.fmt in MAP_FORMATS:  # maps are drawn with Qt, here
                return operation.run(snapshot, progress, cancel)
            progress(0.05, self.tr("writing"))  # the writer process: pyogrio holds the GIL while writing
            return call_in_writer_process_until(functools.partial(run_operation, operation, snapshot), cancel,
                                                targets)

        def done(report) -> None:
            self.last_export = report
            self._status(self.tr("Exported {name}.").format(name=os.path.basename(str(operation.output))))
            self.show_export_report(report)

        return self.mw.run_task(work, self.tr("Exporting {name}").format(name=os.path.basename(operation.output)),
                                done, lambda exc: ui_errors.show_error(self.mw, exc, self.tr("The export was not written.")))

    def show_export_report(self, report) -> None:
        kind = self.tr("rows") if report.format in ("csv", "xlsx") else self.tr("features")
        lines = [self.tr("Written:")] + [f"  {f}" for f in report.files]
        if report.counts:
            lines.append("")
            lines += [f"  {name}: {n:,} {kind}".replace(",", " ") for name, n in report.counts.items()]
        lines += [f"  {note}" for note in report.notes]
        QMessageBox.information(self.mw, self.tr("Export finished"), "\n".join(lines))

    # ================================================================ closing
    def quit(self) -> None:
        """File → Quit: asks about unsaved changes, then closes the window."""
        if self.handle_close():
            self.close_confirmed = True
            self.mw.close()

    def handle_close(self) -> bool:
        """The user is closing the window: True to let it close (saved, discarded or clean), False to keep it open.

        Choosing Save starts the save and keeps the window open; it closes itself once the save succeeded.
        """
        if not self.document.is_modified():
            if self.autosave is not None:
                self.autosave.clear()
            self.guard.release()
            return True
        answer = self.ask_save_changes()
        if answer == QMessageBox.Discard:
            if self.autosave is not None:
                self.autosave.clear()
            self.guard.release()
            return True
        if answer == QMessageBox.Save:
            self.save(then=self._close_after_save)
        return False

    def _close_after_save(self) -> None:
        self.guard.release()
        self.close_confirmed = True
        self.mw.close()
