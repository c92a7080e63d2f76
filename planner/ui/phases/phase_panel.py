"""The phase panel (dock): the phase table with add/delete/reorder/recolour buttons and in-place editors."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QColorDialog, QCompleter, QDoubleSpinBox, QHeaderView, QLabel, QLineEdit,
    QSpinBox, QStyledItemDelegate, QTableView, QToolButton, QVBoxLayout, QWidget,
)

from planner.core.phases import phase_commands as pc
from planner.core.errors import PlannerError
from planner.core.project.model import Phase

from planner.ui.common.figures import number
from planner.ui.common.flow_layout import FlowLayout, fixed
from planner.ui.common.plural import plural
from planner.ui.phases.assignment_cache import assignment_cache_for
from planner.ui.common.month_text import expected_format
from planner.ui.phases.scenario_header import ScenarioHeader
from planner.ui.phases.phase_table_model import (COL_COLOR, COL_CREWS, COL_DEPENDS, COL_NAME, COL_RAMP, COL_RATE,
                                                 COL_START, COL_STUDY, PhaseTableModel)

#: widest a name or dependency column grows to fit its text (longer texts are elided; the tooltip has them whole)
MAX_TEXT_COLUMN = 300


class MonthDelegate(QStyledItemDelegate):
    """Editor for a month: 'YYYY-MM' or 'June 2019' (empty = project start). Any text is accepted on Enter: the
    model reads it, or refuses it with a message saying the expected format (a validator silently dropped
    letters, leaving '2019' from 'June 2019')."""

    def createEditor(self, parent, option, index):
        edit = QLineEdit(parent)
        edit.setPlaceholderText(self.tr("{0} (empty: project start)").format(expected_format()))
        edit.setToolTip(edit.placeholderText())
        return edit


class NumberDelegate(QStyledItemDelegate):
    """Spin box for crews and productivity (non-negative, two decimals)."""

    def __init__(self, maximum: float, parent=None):
        super().__init__(parent)
        self.maximum = maximum

    def createEditor(self, parent, option, index):
        spin = QDoubleSpinBox(parent)
        spin.setRange(0.0, self.maximum)
        spin.setDecimals(2)
        return spin


class MonthsDelegate(QStyledItemDelegate):
    """Spin box for a whole number of months (studies, ramp-up)."""

    def createEditor(self, parent, option, index):
        spin = QSpinBox(parent)
        spin.setRange(0, 120)
        return spin


class DependsDelegate(QStyledItemDelegate):
    """Line edit for 'Phase 1, Phase 2 (50%)' that completes phase names after each comma."""

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document

    def createEditor(self, parent, option, index):
        edit = QLineEdit(parent)
        edit.setPlaceholderText(self.tr("Phase 1, Phase 2 (50%)"))
        names = [p.name for p in self.document.project.phases if p.id != index.data(Qt.UserRole)]
        completer = QCompleter(names, edit)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setWidget(edit)

        def complete(text: str) -> None:
            prefix = text.rsplit(",", 1)[-1].lstrip()
            completer.setCompletionPrefix(prefix)
            if prefix and completer.completionCount():
                completer.complete()

        def insert(name: str) -> None:
            head = edit.text().rsplit(",", 1)[0] if "," in edit.text() else ""
            edit.setText(f"{head}, {name}" if head else name)

        edit.textEdited.connect(complete)
        completer.activated.connect(insert)
        return edit


def pick_color(parent, initial: str) -> str | None:
    """Ask the user for a colour ('#rrggbb'), None when cancelled (tests patch this)."""
    c = QColorDialog.getColor(QColor(initial), parent, QColorDialog.tr("Phase colour"))
    return c.name() if c.isValid() else None


class PhasePanel(QWidget):
    """Phase table plus buttons; selecting a row makes it the document's current phase."""

    #: a message for the status bar (e.g. a refused edit)
    message = Signal(str)
    #: the user asked to see a phase on the map (double-click on its row number); argument: phase id
    zoomRequested = Signal(int)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.cache = assignment_cache_for(document)
        self.model = PhaseTableModel(document, self)
        self.setObjectName("PhasePanel")

        self.table = self._build_table(document)
        self.model.modelReset.connect(self._fit_columns)
        self.model.dataChanged.connect(self._fit_text_columns)
        self.cache.updated.connect(lambda *_: self._fit_columns())
        self._fit_columns()
        buttons = self._build_buttons()

        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.PlainText)  # names from data, as typed
        self.summary.setObjectName("phaseSummary")
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.PlainText)  # names from data, as typed
        self.status.setObjectName("phaseStatus")
        self.status.setStyleSheet("color: #b00020;")
        self.status.setWordWrap(True)
        self.status.hide()

        self.header = ScenarioHeader(document, self)
        self.header.message.connect(self._show_error)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.header)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.status)

        self.model.editRejected.connect(self._show_error)
        self.model.edited.connect(lambda text: self.message.emit(text) if text else None)
        self.model.modelReset.connect(self._select_current)
        document.selectionChanged.connect(self._select_current)
        document.changed.connect(lambda *_: self._update_buttons())
        document.changed.connect(lambda *_: self.status.hide())
        self.cache.updated.connect(lambda *_: self._update_summary())
        document.projectReplaced.connect(self._update_summary)
        self._update_summary()
        self._update_buttons()

    def _build_table(self, document) -> QTableView:
        """The phase table: drag to reorder, edit in place (month, number and dependency editors)."""
        table = QTableView(self)
        table.setObjectName("phaseTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.setSelectionMode(QAbstractItemView.SingleSelection)
        table.setDragEnabled(True)
        table.setAcceptDrops(True)
        table.setDropIndicatorShown(True)
        table.setDragDropMode(QAbstractItemView.InternalMove)
        table.setDefaultDropAction(Qt.MoveAction)
        table.setDragDropOverwriteMode(False)
        table.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                              | QAbstractItemView.AnyKeyPressed)
        table.setItemDelegateForColumn(COL_START, MonthDelegate(table))
        table.setItemDelegateForColumn(COL_CREWS, NumberDelegate(1000.0, table))
        table.setItemDelegateForColumn(COL_RATE, NumberDelegate(100000.0, table))
        table.setItemDelegateForColumn(COL_STUDY, MonthsDelegate(table))
        table.setItemDelegateForColumn(COL_RAMP, MonthsDelegate(table))
        table.setItemDelegateForColumn(COL_DEPENDS, DependsDelegate(document, table))
        delete = QShortcut(QKeySequence.Delete, table, self.delete_current)
        delete.setContext(Qt.WidgetShortcut)  # the table itself, not a cell editor
        table.verticalHeader().setDefaultSectionSize(22)
        header = table.horizontalHeader()
        # widths fit the contents when rows or counts change, not on every edit: ResizeToContents re-measured
        # every cell in Python after each edit (~25 ms with 17 phases)
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(False)
        table.setTextElideMode(Qt.ElideRight)
        table.doubleClicked.connect(self._on_double_click)
        table.verticalHeader().sectionDoubleClicked.connect(
            lambda row: self.zoomRequested.emit(self.model.phase_at(row).id))
        table.verticalHeader().setToolTip(self.tr("Double-click a row number to zoom the map to the phase"))
        table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        table.installEventFilter(self)
        return table

    def _build_buttons(self) -> FlowLayout:
        """Add, Delete, Up, Down, Colour… above the table."""
        self.add_button = self._button(self.tr("Add"), self.tr("Add an empty phase at the end"), self.add_phase)
        self.delete_button = self._button(self.tr("Delete"), self.tr("Delete the selected phase (Delete key)"),
                                          self.delete_current)
        self.up_button = self._button(self.tr("Up"), self.tr("Move the selected phase earlier (higher priority)"),
                                      lambda: self.move_current(-1))
        self.down_button = self._button(self.tr("Down"), self.tr("Move the selected phase later"),
                                        lambda: self.move_current(+1))
        self.color_button = self._button(self.tr("Colour…"), self.tr("Change the colour of the selected phase"),
                                         self.recolour_current)
        buttons = FlowLayout(spacing=4)  # a second row rather than a wider dock (the French labels are long)
        for b in (self.add_button, self.delete_button, self.up_button, self.down_button, self.color_button):
            buttons.addWidget(fixed(b))
        return buttons

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setToolTip(tip)
        b.clicked.connect(slot)
        return b

    # --- current phase ----------------------------------------------------------------------------
    def current_phase(self) -> Phase | None:
        pid = self.document.current_phase_id
        if pid is None:
            return None
        try:
            return self.document.project.phase_by_id(pid)
        except KeyError:
            return None

    def _on_selection_changed(self, *_args) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            pid = self.model.phase_at(rows[0].row()).id
            if pid != self.document.current_phase_id:
                self.document.set_current_phase(pid)
        elif self.current_phase() is not None and self.model.row_of(self.document.current_phase_id) >= 0:
            # the user unselected the row (Ctrl+click, Esc, a click below the rows): no current phase, so Draw
            # zone makes a new phase (a model reset clears the selection without this signal)
            self.document.set_current_phase(None)
        self._update_buttons()

    def eventFilter(self, obj, event) -> bool:
        """Esc in the phase table unselects the current phase (when no cell is being edited); with none selected,
        Esc is the window's again (back to Pan)."""
        kind = event.type()
        if obj is self.table and kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) \
                and event.key() == Qt.Key.Key_Escape and self.current_phase() is not None \
                and self.table.state() != QAbstractItemView.State.EditingState:
            event.accept()  # ShortcutOverride: the key goes to the table, not to the window's Esc shortcut
            if kind == QEvent.Type.KeyPress:
                self.document.set_current_phase(None)
            return True
        return super().eventFilter(obj, event)

    def _select_current(self) -> None:
        pid = self.document.current_phase_id
        row = -1 if pid is None else self.model.row_of(pid)
        sel = self.table.selectionModel()
        if row < 0:
            sel.clearSelection()
            self.table.setCurrentIndex(QModelIndex())
        elif self.table.currentIndex().row() != row or not sel.isRowSelected(row, QModelIndex()):
            col = max(0, self.table.currentIndex().column())
            self.table.setCurrentIndex(self.model.index(row, col))
            sel.select(self.model.index(row, 0), sel.SelectionFlag.ClearAndSelect | sel.SelectionFlag.Rows)
        self._update_buttons()

    def _update_buttons(self) -> None:
        phase = self.current_phase()
        row = -1 if phase is None else self.model.row_of(phase.id)
        n = self.model.rowCount()
        self.delete_button.setEnabled(row >= 0)
        self.color_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < n - 1)

    def _fit_columns(self) -> None:
        """Fit every column to its contents; names and dependencies up to MAX_TEXT_COLUMN (then elided)."""
        for col in range(self.model.columnCount()):
            if col not in (COL_NAME, COL_DEPENDS):
                self.table.resizeColumnToContents(col)
        self._fit_text_columns()

    def _fit_text_columns(self, *_args) -> None:
        """Widen the name and dependency columns to their longest text (never narrower than the user made them)."""
        for col in (COL_NAME, COL_DEPENDS):
            wanted = min(MAX_TEXT_COLUMN, max(self.table.sizeHintForColumn(col),
                                              self.table.horizontalHeader().sectionSizeHint(col)))
            if wanted > self.table.columnWidth(col):
                self.table.setColumnWidth(col, wanted)

    def _update_summary(self) -> None:
        a = self.cache.assignment
        if a is None:
            self.summary.setText(self.tr("Counting premises…") if self.cache.busy else "")
            return
        total = int(a.total_units)
        share = 100.0 * a.unplanned_units / total if total else 0.0
        n = len(self.document.project.phases)
        self.summary.setText(self.tr("{0} · unplanned: {1} units ({2:.1f} %) of {3}").format(
            plural(n, self.tr("{0} phase"), self.tr("{0} phases")),
            number(int(a.unplanned_units)), share, number(total)))

    def _show_error(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()
        self.message.emit(text)

    # --- actions ------------------------------------------------------------------------------
    def add_phase(self) -> Phase:
        """Append an empty phase ('Phase N', next palette colour) and make it current."""
        cmd = pc.AddPhase(self.document.project)
        self.document.push(cmd)
        self.document.set_current_phase(cmd.phase.id)
        self.scroll_to_phase(cmd.phase.id)
        return cmd.phase

    def scroll_to_phase(self, phase_id: int) -> None:
        """Bring a phase's row into view (now, and once the view has laid out a new row)."""
        def scroll() -> None:
            row = self.model.row_of(phase_id)
            if row >= 0:
                self.table.scrollTo(self.model.index(row, COL_NAME), QAbstractItemView.EnsureVisible)
        scroll()
        QTimer.singleShot(0, self.table, scroll)

    def delete_current(self) -> None:
        phase = self.current_phase()
        if phase is None:
            return
        row = self.model.row_of(phase.id)
        self.document.push(pc.DeletePhase(self.document.project, phase.id))
        phases = self.document.project.phases
        self.document.set_current_phase(phases[min(row, len(phases) - 1)].id if phases else None)

    def move_current(self, step: int) -> None:
        phase = self.current_phase()
        if phase is None:
            return
        row = self.model.row_of(phase.id)
        new = row + step
        if 0 <= new < self.model.rowCount():
            self.document.push(pc.MovePhase(self.document.project, phase.id, new))
            self._select_current()

    def recolour_current(self) -> None:
        phase = self.current_phase()
        if phase is None:
            return
        color = pick_color(self, phase.color)
        if color and color != phase.color:
            self._push(lambda: pc.SetPhaseAttribute(self.document.project, phase.id, "color", color))

    def _push(self, build) -> bool:
        """Build a command and push it; a refused one (PlannerError) is shown in the panel."""
        try:
            self.document.push(build())
        except PlannerError as exc:
            self._show_error(str(exc))
            return False
        return True

    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() == COL_COLOR:
            self.document.set_current_phase(self.model.phase_at(index.row()).id)
            self.recolour_current()
