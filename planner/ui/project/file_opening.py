"""Opening files in the main window: File → Open / Import, recent files, the bundled sample, drag and drop.

`FileOpening` is a part of planner.ui.shell.main_window.MainWindow (a mixin): a project GeoPackage replaces the open
project, any other GIS file is imported as a layer (planner/ui/project/import_dialog.py); reading runs off the UI
thread (`run_task`). The project UI (planner/ui/project/project_ui.py) routes Open, Open recent and the sample
through its unsaved-changes question.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QFileDialog

from planner.core.project.model import Project
from planner.io.project.project_file import is_project
from planner.ui.common import errors as ui_errors
from planner.ui.map.map_canvas import prepare_loaded

translate = QCoreApplication.translate


class FileOpening:
    """File opening for the main window (uses its `settings`, `recent_menu`, `run_task` and `set_project`)."""

    def open_dialog(self) -> None:
        folder = self.settings.last_folder("data")
        path, _ = QFileDialog.getOpenFileName(
            self, translate("MainWindow", "Open project or layer"), folder,
            translate("MainWindow", "Projects and GIS files (*.gpkg *.shp *.geojson *.json *.fgb *.csv *.txt);;All files (*)"))
        if path:
            self.open_path(path)

    def import_dialog(self) -> None:
        folder = self.settings.last_folder("data")
        paths, _ = QFileDialog.getOpenFileNames(
            self, translate("MainWindow", "Import layer"), folder,
            translate("MainWindow", "GIS files (*.gpkg *.shp *.geojson *.json *.fgb *.csv *.txt);;All files (*)"))
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
                      translate("MainWindow", "Opening {name}").format(name=os.path.basename(path)), done)

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
        self.run_task(fn, translate("MainWindow", "Loading the Gers sample"), self.set_project)

    # --- drag and drop ----------------------------------------------------------------------
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


def _is_project(path: str) -> bool:
    return str(path).lower().endswith(".gpkg") and is_project(path)
