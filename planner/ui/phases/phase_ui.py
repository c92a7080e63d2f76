"""Installs the phase features in the main window: phase and validation docks, map colouring, tools and actions.

`install_phase_ui(main_window)` is called by MainWindow._install_plugins; it returns the PhaseUI (also kept
as `main_window.phase_ui`) whose attributes tests and other modules may use: `cache`, `panel`,
`validation`, `zones_item`, `tools` (ToolContext), `draw`, `edit`, `select` (adapters) and the actions.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from planner.core.phases import phase_commands as pc
from planner.core.errors import PlannerError
from planner.core.phases.phase_builders import phase_from_selection

from planner.ui.common import errors as ui_errors
from planner.ui.phases.assignment_cache import assignment_cache_for
from planner.ui.map.phase_overlay import IssueHighlightItem, PhaseZonesItem, PremisePhaseColours
from planner.ui.phases.phase_flags import phase_flags
from planner.ui.phases.phase_panel import PhasePanel
from planner.ui.map.tool_adapters import DrawZoneAdapter, EditZoneAdapter, SelectCommunesAdapter, ToolContext
from planner.ui.phases.validation_panel import ValidationPanel
from planner.ui.common.window_part import WindowPart


class PhaseUI(WindowPart):
    """Everything the phase issue adds to the main window."""

    def __init__(self, mw):
        super().__init__(mw)
        doc = self.document = mw.document
        self.cache = assignment_cache_for(doc)

        self.panel = PhasePanel(doc, mw)
        self.panel.message.connect(lambda text: mw.statusBar().showMessage(text, 6000))
        self.panel.zoomRequested.connect(lambda pid: (doc.set_current_phase(pid), self.zoom_to_current_phase()))
        self.panel_dock = mw.add_dock(self.panel, self.tr("Phases"), Qt.RightDockWidgetArea)
        self.issue_item = IssueHighlightItem()
        mw.canvas.view.addItem(self.issue_item)
        self.validation = ValidationPanel(doc, zoom_to=lambda b: mw.canvas.zoom_to(b, margin=0.1), parent=mw,
                                          highlight=self.issue_item.set_geometry)
        self.validation_dock = mw.add_dock(self.validation, self.tr("Validation"), Qt.BottomDockWidgetArea)
        # a zone that takes no premise is flagged in the phase table too (the Validation tab is often hidden)
        self.validation.checked.connect(
            lambda issues: self.panel.model.set_flags(phase_flags(doc.project, issues)))

        self.zones_item = PhaseZonesItem(doc)
        mw.canvas.view.addItem(self.zones_item)
        self.colours = PremisePhaseColours(doc, self.cache, lambda: mw.premises_item)
        mw.layersRebuilt.connect(self.colours.apply)
        self.cache.failed.connect(lambda text: mw.statusBar().showMessage(
            self.tr("Counting premises failed: {0}").format(text), 10000))

        self.tools = ToolContext(doc, mw.canvas, status=lambda text: mw.statusBar().showMessage(text, 6000),
                                 settings=getattr(mw, "settings", None), parent=self)
        self.draw = DrawZoneAdapter(self.tools)
        self.edit = EditZoneAdapter(self.tools)
        self.select = SelectCommunesAdapter(self.tools)
        self._build_actions()
        mw.canvas.toolChanged.connect(self._on_tool_changed)
        doc.selectionChanged.connect(self._update_actions)
        self._hinted_phase = None  # the phase the draw hint last named
        doc.selectionChanged.connect(self._on_current_phase)
        doc.changed.connect(lambda *_: self._update_actions())
        doc.projectReplaced.connect(self._update_actions)
        self._update_actions()
        QTimer.singleShot(0, self._link_coverage)  # the coverage UI installs after us

    def _link_coverage(self) -> None:
        """Premises are coloured either by phase (ours) or by coverage state (the coverage UI): one at a time."""
        cov = getattr(self.mw, "coverage_ui", None)
        act = getattr(cov, "act_coverage_map", None)
        if act is not None:
            act.toggled.connect(lambda on: self.act_by_phase.setChecked(not on))
            self.act_by_phase.toggled.connect(lambda on: act.setChecked(not on))
            self.act_by_phase.setChecked(not act.isChecked())
        scenarios = getattr(cov, "scenario_dock", None)
        if scenarios is not None:
            self.panel.header.detailsRequested.connect(lambda: (scenarios.show(), scenarios.raise_()))
        gantt = getattr(cov, "gantt_dock", None)
        if gantt is not None:
            self.mw.tabifyDockWidget(gantt, self.validation_dock)
            gantt.raise_()
        self.mw.resizeDocks([self.panel_dock], [320], Qt.Vertical)

    def set_colour_by_phase(self, on: bool) -> None:
        self.colours.enabled = bool(on)
        if on:
            self.colours.apply()

    # --- actions --------------------------------------------------------------------------------
    def _action(self, text, tip, shortcut, slot, checkable=False) -> QAction:
        act = QAction(text, self.mw)
        act.setToolTip(f"{tip} ({QKeySequence(shortcut).toString(QKeySequence.NativeText)})")
        act.setStatusTip(tip)
        act.setShortcut(QKeySequence(shortcut))
        act.setCheckable(checkable)
        act.setProperty("shortcut_group", self.tr("Phases"))
        act.triggered.connect(slot)
        self.mw.addAction(act)
        return act

    def _build_actions(self) -> None:
        mw = self.mw
        self.act_draw = self._action(self.tr("&Draw zone"), self.tr(
            "Draw a zone polygon for the current phase (click vertices, double-click or Enter to finish, "
            "Ctrl+finish cuts a hole); with no current phase a new phase is created"), "D",
            lambda: self.activate(self.draw), checkable=True)
        self.act_edit = self._action(self.tr("&Edit zone"), self.tr(
            "Edit the current phase's zone: drag vertices, double-click an edge to insert, Delete removes "
            "the vertex under the cursor, drag inside to move"), "E", lambda: self.activate(self.edit), checkable=True)
        self.act_select = self._action(self.tr("&Select communes"), self.tr(
            "Select communes: click, Shift+click to add or remove, drag a rectangle, Alt+drag a lasso"), "C",
            lambda: self.activate(self.select), checkable=True)
        group = getattr(mw, "map_mode_group", None)
        if group is None:
            group = QActionGroup(self)
        for act in (self.act_draw, self.act_edit, self.act_select):
            group.addAction(act)
        self.act_snap = self._action(self.tr("S&napping"), self.tr(
            "Snap to commune vertices and edges and to zone vertices"), "S", self.tools.set_snapping, checkable=True)
        self.act_snap.setChecked(self.tools.snapping_enabled)
        self.act_by_phase = self._action(self.tr("Premises by &phase"), self.tr(
            "Colour premises by phase (grey: unplanned) instead of by coverage state"), "Ctrl+Shift+H",
                                         lambda *_: None, checkable=True)
        self.act_by_phase.setChecked(True)
        self.act_by_phase.toggled.connect(self.set_colour_by_phase)
        self.act_zoom_phase = self._action(self.tr("&Zoom to phase"), self.tr(
            "Zoom the map to the current phase (double-click a row number in the phase table does the same)"),
                                           "Ctrl+Shift+J", self.zoom_to_current_phase)
        self.act_new = self._action(self.tr("&New phase"), self.tr("Add an empty phase at the end"), "Ctrl+Shift+N",
                                    self.panel.add_phase)
        self.act_from_selection = self._action(self.tr("Phase from &selection"), self.tr(
            "Create a new phase made of the selected communes"), "Ctrl+Shift+L", self.phase_from_selection)
        self.act_add_selection = self._action(self.tr("&Add selection to current phase"), self.tr(
            "Add the selected communes to the current phase"), "Ctrl+Shift+A", self.add_selection_to_phase)
        self.act_by_field = self._action(self.tr("One phase per &value of a field…"), self.tr(
            "Create one phase per value of a commune field (e.g. one per intercommunality, code_epci)"),
                                         "Ctrl+Shift+V", self.phases_by_field)
        self.act_import = self._action(self.tr("&Import phase zones…"), self.tr(
            "Import phase zones from a polygon layer with a phase number or name field"), "Ctrl+Shift+I",
                                       self.import_zones)
        self.act_suggest = self._action(self.tr("S&uggest phases…"), self.tr(
            "Cut the planned territory into contiguous, balanced phases ordered to reach coverage early"),
                                        "Ctrl+Shift+X", self.suggest)
        menu = mw.menu("Phases")
        for act in (self.act_new, self.act_from_selection, self.act_add_selection, self.act_zoom_phase):
            menu.addAction(act)
        menu.addSeparator()
        for act in (self.act_by_field, self.act_import, self.act_suggest):
            menu.addAction(act)
        tools = mw.menu("Tools")
        for act in (self.act_draw, self.act_edit, self.act_select, self.act_snap):
            tools.addAction(act)
        tb = mw.toolbar
        for act in (self.act_draw, self.act_edit, self.act_select, self.act_snap, self.act_by_phase):
            tb.addAction(act)
        mw.menu("View").addAction(self.act_by_phase)

    def activate(self, adapter) -> None:
        """Make `adapter` the canvas tool (draw / edit / select)."""
        if hasattr(self.mw.canvas, "set_rect_zoom"):
            self.mw.canvas.set_rect_zoom(False)
        self.tools.apply_settings()
        self.mw.canvas.set_tool(adapter)
        hints = {
            self.draw: self.draw_hint(),
            self.edit: self.tr("Edit: drag a vertex or the zone, double-click an edge to add a vertex, "
                               "Delete removes the vertex under the cursor."),
            self.select: self.tr("Select: click a commune, Shift+click to add or remove, drag a rectangle, "
                                 "Alt+drag a lasso."),
        }
        if adapter is not self.select and not self.act_by_phase.isChecked():
            # shaping a zone: premises in phase colours show what it takes (said, and Ctrl+Shift+M gives them back);
            # selecting communes keeps the user's map (coverage stays coverage)
            self.act_by_phase.setChecked(True)
            hints[adapter] += " " + self.tr("Premises are now coloured by phase (Ctrl+Shift+M: coverage).")
        if adapter in hints:
            self.mw.statusBar().showMessage(hints[adapter], 8000)
        self._hinted_phase = self.document.current_phase_id
        self.mw.canvas.setFocus()
        self.tools.refresh_overlay()

    def draw_hint(self) -> str:
        """What Draw zone will do with the polygon: which phase it goes to, or a new phase (status bar text)."""
        pid = self.draw._phase_id()
        how = self.tr("Click vertices, double-click or Enter to finish (Ctrl: cut a hole), Backspace removes the "
                      "last vertex.")
        if pid is None:
            return self.tr("Drawing a new phase: no phase is selected, so the polygon makes a new one.") + " " + how
        phase = self.document.project.phase_by_id(pid)
        has_zone = (phase.zone is not None and not phase.zone.is_empty) or bool(phase.communes or phase.premise_values)
        what = (self.tr("Drawing a zone for '{0}': it becomes another part of it.") if has_zone
                else self.tr("Drawing the zone of '{0}'.")).format(phase.name)
        return " ".join((what, self.tr("Esc in the phase table unselects it: with no phase selected, a drawing "
                                       "makes a new phase."), how))

    def _on_current_phase(self) -> None:
        """While Draw zone waits for a first vertex, the status bar follows the phase the polygon will go to."""
        pid = self.document.current_phase_id
        if pid == self._hinted_phase or self.mw.canvas.tool() is not self.draw or self.draw.has_work():
            return
        self._hinted_phase = pid
        self.mw.statusBar().showMessage(self.draw_hint(), 8000)

    def _on_tool_changed(self, tool) -> None:
        for act, adapter in ((self.act_draw, self.draw), (self.act_edit, self.edit), (self.act_select, self.select)):
            if act.isChecked() != (tool is adapter):
                act.setChecked(tool is adapter)

    def _update_actions(self) -> None:
        has_sel = bool(self.document.selected_communes)
        self.act_from_selection.setEnabled(has_sel)
        self.act_add_selection.setEnabled(has_sel and self.document.current_phase_id is not None)
        self.act_by_field.setEnabled(self.document.project.communes is not None)
        self.act_suggest.setEnabled(self.document.project.communes is not None)

    def zoom_to_current_phase(self) -> bool:
        """Zoom the map to the current phase's zone and communes; False when it has none."""
        pid = self.document.current_phase_id
        try:
            phase = self.document.project.phase_by_id(pid)
        except KeyError:
            return False
        rect = self.zones_item.phase_bounds(phase)
        if rect is None:
            self.mw.statusBar().showMessage(self.tr("This phase has no zone and no communes yet."), 4000)
            return False
        self.mw.canvas.zoom_to((rect.left(), rect.top(), rect.right(), rect.bottom()), margin=0.1)
        return True

    # --- commands -------------------------------------------------------------------------------
    def _push(self, build, what: str) -> bool:
        try:
            self.document.push(build())
        except PlannerError as exc:
            ui_errors.show_error(self.mw, exc, what)
            return False
        return True

    def _selected_codes(self) -> list[str]:
        communes = self.document.project.communes
        if communes is None:
            return []
        codes = communes.codes
        return [str(codes[r]) for r in sorted(self.document.selected_communes) if 0 <= r < len(codes)]

    def phase_from_selection(self) -> int | None:
        """A new phase made of the selected communes; returns its id (None when nothing is selected)."""
        rows = sorted(self.document.selected_communes)
        if not rows:
            self.mw.statusBar().showMessage(self.tr("Select communes first."), 4000)
            return None
        project = self.document.project
        before = {p.id: p.name for p in project.phases}
        holders = self._holders(rows)
        if not self._push(lambda: phase_from_selection(project, rows, take_from_others=True,
                                                       assignment=self.cache.assignment),
                          self.tr("Phase from selection")):
            return None
        new = [p for p in project.phases if p.id not in before]
        if new:
            self.document.set_current_phase(new[0].id)
            if holders:
                self.mw.statusBar().showMessage(self.tr("{new} takes the selected communes from {old}.").format(
                    new=new[0].name, old=", ".join(before[h] for h in holders if h in before)), 8000)
        return new[0].id if new else None

    def _holders(self, rows) -> list[int]:
        """Ids of the phases that hold units of these communes now (before a move)."""
        a = self.cache.assignment
        if a is None or list(a.phase_ids) != [p.id for p in self.document.project.phases]:
            return []
        import numpy as np

        phases = np.unique(a.cell_phase[np.isin(a.cell_commune, list(rows))])
        return [self.document.project.phases[int(i)].id for i in phases]

    def add_selection_to_phase(self) -> bool:
        codes = self._selected_codes()
        pid = self.document.current_phase_id
        if not codes or pid is None:
            self.mw.statusBar().showMessage(self.tr("Select communes and a phase first."), 4000)
            return False
        return self._push(lambda: pc.AddCommunesToPhase(self.document.project, pid, codes),
                          self.tr("Add selection to current phase"))

    def phases_by_field(self) -> None:
        from planner.ui.phases.phase_dialogs import PhasesByFieldDialog

        dlg = PhasesByFieldDialog(self.document, self.mw)
        if dlg.exec():
            self._push(dlg.command, self.tr("One phase per value of a field"))

    def suggest(self) -> None:
        """Phases ▸ Suggest…: a non-modal dialog (the map stays usable while it computes)."""
        from planner.ui.phases.suggest_dialog import SuggestDialog

        dlg = SuggestDialog(self.document, self.mw)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.suggest_dialog = dlg
        dlg.show()

    def import_zones(self) -> None:
        from planner.ui.phases.phase_dialogs import import_phase_zones

        import_phase_zones(self.mw, self.document)


def install_phase_ui(main_window) -> PhaseUI:
    """Add the phase docks, map colouring, tools and actions to `main_window` (see module doc)."""
    ui = PhaseUI(main_window)
    main_window.phase_ui = ui
    return ui
