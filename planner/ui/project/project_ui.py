"""Installs the project-file features in the main window: File menu, title, unsaved-changes prompts, autosave, recovery.

`install_project_ui(main_window)` is called by MainWindow._install_plugins and returns the ProjectUI (also kept as
`main_window.project_ui`), whose `actions` (ProjectActions) and `autosave` (AutosaveController) tests and other
modules may use. It takes over the window's own File entries without duplicating them: File → Open project…,
Open recent, Open the Gers sample and opening a dropped project now ask about unsaved changes first (the
window's `open_project`, `_open_recent` and `open_sample` are routed through ProjectActions). Closing the window
(from the window system, or File → Quit) asks Save / Discard / Cancel; a close() from code does not ask, so no
test or script can hang on a dialog. `main_window.check_recoveries()` offers the recovery files a crash left; the
application calls it once the window is shown.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel, QMenu

from planner.ui.common import errors as ui_errors
from planner.ui.project.autosave_timer import AutosaveController
from planner.ui.project.project_actions import ProjectActions
from planner.ui.common.workers import run_task
from planner.ui.common.window_part import WindowPart


class ProjectUI(WindowPart):
    """Everything the project-file issue adds to the main window."""

    def __init__(self, mw):
        super().__init__(mw)
        self.document = mw.document
        # autosave runs quietly (no status-bar progress, not counted as the window's busy work)
        self.autosave = AutosaveController(
            mw.document, mw.settings,
            lambda fn, title, done, error: run_task(mw, fn, title, done, error), self)
        # a failed autosave (full disk, read-only folder) shows one quiet status-bar line until a retry succeeds
        self.autosave_line = QLabel(mw)
        self.autosave_line.setTextFormat(Qt.PlainText)
        self.autosave_line.hide()
        mw.statusBar().addPermanentWidget(self.autosave_line)
        self.autosave.failed.connect(self._autosave_failed)
        self.autosave.written.connect(lambda *_: self.autosave_line.hide())
        self.actions = ProjectActions(mw, self.autosave)
        self.autosave.written.connect(lambda *_: self.actions.guard.refresh())
        self._take_over_window_entries()
        self._build_menu()
        mw.installEventFilter(self)
        self.actions.update_title()

    def _autosave_failed(self, text: str) -> None:
        self.autosave_line.setText(self.tr("Autosave failed, retrying every minute; your work is still open"))
        self.autosave_line.setToolTip(text)
        self.autosave_line.show()

    # --- wiring ------------------------------------------------------------------------------
    def _take_over_window_entries(self) -> None:
        mw, actions = self.mw, self.actions
        original_sample = mw.open_sample
        for act, old, new in ((getattr(mw, "act_open", None), mw.open_dialog, actions.open_dialog),
                              (getattr(mw, "act_quit", None), mw.close, actions.quit),
                              (getattr(mw, "act_sample", None), original_sample,
                               lambda: actions.open_sample(original_sample))):
            if act is None:
                continue
            try:
                act.triggered.disconnect(old)
            except (RuntimeError, TypeError):
                pass
            act.triggered.connect(lambda checked=False, slot=new: slot())
        # instance attributes take precedence over the class's methods for every caller (drops, argv, recent menu)
        mw.open_project = actions.open_project
        mw._open_recent = actions.open_recent
        # through the class, not the bound method: a window attribute holding the window makes a reference cycle
        mw.open_sample = lambda *args, **kwargs: actions.open_sample(
            lambda: type(self.mw).open_sample(self.mw, *args, **kwargs))
        mw.check_recoveries = self.check_recoveries

    def _build_menu(self) -> None:
        mw, a = self.mw, self.actions
        f = mw.menu("File")
        acts = f.actions()
        first = acts[0] if acts else None
        f.insertAction(first, a.act_new)
        quit_act = getattr(mw, "act_quit", None)
        before = quit_act if quit_act in acts else None
        # Save, Save as, Revert, Export go above Quit, in their own groups
        sep = f.insertSeparator(before) if before is not None else f.addSeparator()
        for act in (a.act_save, a.act_save_as, a.act_revert):
            f.insertAction(sep, act)
        f.insertSeparator(sep)
        f.insertAction(sep, a.act_export)
        publish = QMenu(QCoreApplication.translate("ProjectUi", "&Publish"), f)
        publish.setObjectName("publishMenu")
        for act in a.act_publish.values():
            publish.addAction(act)
        f.insertMenu(sep, publish)
        tb = getattr(mw, "toolbar", None)
        if tb is not None:
            tb_acts = tb.actions()
            open_act = getattr(mw, "act_open", None)
            tb.insertAction(open_act if open_act in tb_acts else (tb_acts[0] if tb_acts else None), a.act_new)
            after_open = tb_acts[tb_acts.index(open_act) + 1] if open_act in tb_acts and \
                tb_acts.index(open_act) + 1 < len(tb_acts) else None
            tb.insertAction(after_open, a.act_save)

    def eventFilter(self, obj, ev) -> bool:
        """Closing asks Save / Discard / Cancel when the user closes the window (window system or File → Quit).

        A close() from code (tests, embedding) never opens a dialog; it keeps the recovery file of unsaved work.
        """
        if obj is self.mw and ev.type() == QEvent.Close:
            actions = self.actions
            if actions.close_confirmed:
                actions.close_confirmed = False
            elif ev.spontaneous():
                if not actions.handle_close():
                    ev.ignore()
                    return True
            elif not self.document.is_modified():
                self.autosave.clear()
            if ev.isAccepted():
                self.actions.guard.release()
            self.autosave.stop()  # the worker writing a recovery must not outlive the window
        return False

    # --- recovery ----------------------------------------------------------------------------
    def check_recoveries(self) -> bool:
        """Offer the recovery files a crash left; True if one is being recovered (loaded off the UI thread)."""
        from planner.io.project.autosave import find_recoveries
        from planner.ui.project.recovery_dialog import RecoveryDialog

        try:
            recoveries = find_recoveries()
        except Exception as exc:  # an unreadable recovery folder must not stop the start
            self.mw.statusBar().showMessage(self.tr("Cannot look for recovery files: {0}").format(exc), 10000)
            return False
        if not recoveries:
            return False
        dialog = RecoveryDialog(recoveries, self.mw)
        dialog.exec()
        chosen = dialog.chosen()
        if chosen is None:
            return False
        self.recover(chosen)
        return True

    def recover(self, recovery):
        """Load a recovery file as the open project, marked as having unsaved changes."""
        from planner.io.project.autosave import load_recovery

        def done(project) -> None:
            self.mw.set_project(project)
            self.document.reset_clean()
            self.autosave.adopted_recovery = recovery.path
            self.actions.update_title()
            self.mw.statusBar().showMessage(self.tr("Recovered “{name}”: save it to keep it.").format(
                name=project.name), 10000)

        return self.mw.run_task(lambda progress, cancel: load_recovery(recovery),
                                self.tr("Recovering {name}").format(name=recovery.project_name), done,
                                lambda exc: ui_errors.show_error(self.mw, exc, self.tr(
                                    "The recovery file was not opened; it is kept for a later try.")))


def install_project_ui(main_window) -> ProjectUI:
    """Add the project-file features to `main_window`; returns the ProjectUI (also `main_window.project_ui`)."""
    ui = ProjectUI(main_window)
    main_window.project_ui = ui
    return ui
