"""Commune × quarter table of eligible units in the regulator's style ('T1 2019'), sortable and filterable."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from planner.core.months import parse_month, quarter_label
from planner.core.simulation.coverage import commune_quarter_table
from planner.ui.shell.i18n import current_language

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_FULL = QBrush(QColor("#c7e9c0"))
_HALF = QBrush(QColor("#f2f7d9"))
_ACTUAL = QBrush(QColor("#dde6f3"))  # quarters given by the actual figures (up to the as-of month)


def actual_quarter_columns(result) -> np.ndarray:
    """bool per quarter column of commune_quarter_table: True where the column's month is at or before the
    as-of month and after the first actual figure (its figures are the real ones)."""
    T = len(result.months)
    months = parse_month(result.start) + np.arange(T)
    cols = np.flatnonzero((months % 3 == 2) | (np.arange(T) == T - 1))
    ab = getattr(result, "as_built", None)
    if ab is None:
        return np.zeros(len(cols), dtype=bool)
    known = np.array([v is not None for v in ab.actual] + [False] * (T - len(ab.actual)), dtype=bool)
    return known[cols]


class QuarterTableModel(QAbstractTableModel):
    """Rows: communes. Columns: code, name, units, one per quarter (eligible units at its end), 50 %, 100 %."""

    #: the figures changed, rows and columns stayed (the view re-sorts only if sorted by a figure)
    valuesChanged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.header: list[str] = []
        self.codes: list[str] = []
        self.names: list[str] = []
        self.units = np.zeros(0, dtype=np.int64)
        self.values = np.zeros((0, 0), dtype=np.int64)
        self.q50: list[str | None] = []
        self.q100: list[str | None] = []
        self.m50 = np.zeros(0, dtype=np.int64)
        self.m100 = np.zeros(0, dtype=np.int64)
        self.actual = np.zeros(0, dtype=bool)

    def set_result(self, result, project) -> None:
        """Fill from a SimulationResult; same shape as before -> dataChanged (keeps sort and selection)."""
        if result is None or project.communes is None:
            self.beginResetModel()
            self.header, self.codes, self.names = [], [], []
            self.values = np.zeros((0, 0), dtype=np.int64)
            self.endResetModel()
            return
        lang = current_language()  # "T1 2019" in French, "Q1 2019" in English
        header, rows = commune_quarter_table(result, project, lang=lang)
        self.actual = actual_quarter_columns(result)
        quarters = [self.tr("{0}\nactual").format(h) if a else h for h, a in zip(header[3:], self.actual)]
        header = [self.tr("INSEE code"), self.tr("commune"), self.tr("units")] + quarters + [
            self.tr("50 % in"), self.tr("100 % in")]
        codes = [r[0] for r in rows]
        same = header == self.header and codes == self.codes
        if not same:
            self.beginResetModel()
        self.header = header
        self.codes = codes
        self.names = [r[1] for r in rows]
        self.units = np.array([r[2] for r in rows], dtype=np.int64)
        self.values = np.array([r[3:] for r in rows], dtype=np.int64).reshape(len(rows), len(header) - 5)
        self.q50 = self._quarters(result, 50, lang)
        self.q100 = self._quarters(result, 100, lang)
        never = np.iinfo(np.int64).max
        self.m50 = np.where(result.commune_month_50 < 0, never, result.commune_month_50)
        self.m100 = np.where(result.commune_month_100 < 0, never, result.commune_month_100)
        if same:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(header) - 1))
            self.valuesChanged.emit()
        else:
            self.endResetModel()

    def _quarters(self, result, pct: int, lang: str) -> list[str | None]:
        """The quarter each commune reaches pct %, marked 'actual' when the real figures show it (labels made
        once per distinct month, not once per commune)."""
        ab = getattr(result, "as_built", None)
        real = (ab.commune_actual_50 if pct == 50 else ab.commune_actual_100) if ab is not None else None
        months = np.asarray(result.commune_month_50 if pct == 50 else result.commune_month_100)
        start = parse_month(result.start)
        actual = np.zeros(len(months), dtype=bool) if real is None else np.asarray(real) >= 0
        labels: dict[tuple[int, bool], str | None] = {}
        out = []
        for m, a in zip(months.tolist(), actual.tolist()):
            key = (m, a)
            if key not in labels:
                q = None if m < 0 else quarter_label(start + m, lang)
                labels[key] = self.tr("{0}, actual").format(q) if q and a else q
            out.append(labels[key])
        return out

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.codes)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.header)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.header[section] if section < len(self.header) else None
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        nq = self.values.shape[1]
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            sort = role == SORT_ROLE
            if c == 0:
                return self.codes[r]
            if c == 1:
                return self.names[r]
            if c == 2:
                return int(self.units[r])
            if c < 3 + nq:
                return int(self.values[r, c - 3])
            if c == 3 + nq:
                return int(self.m50[r]) if sort else (self.q50[r] or "—")
            return int(self.m100[r]) if sort else (self.q100[r] or "—")
        if role == Qt.ItemDataRole.TextAlignmentRole and c >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and 3 <= c < 3 + nq and self.actual[c - 3]:
            return self.tr("Actual figure (as built)")
        if role == Qt.ItemDataRole.BackgroundRole and 3 <= c < 3 + nq and self.actual[c - 3]:
            return _ACTUAL
        if role == Qt.ItemDataRole.BackgroundRole and 3 <= c < 3 + nq and self.units[r] > 0:
            v = self.values[r, c - 3]
            if v >= self.units[r]:
                return _FULL
            if 2 * v >= self.units[r]:
                return _HALF
        return None


class CommuneFilterProxy(QSortFilterProxyModel):
    """Sorts numerically (SORT_ROLE) and keeps rows whose INSEE code or name contains the filter text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.text = ""

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.text = text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row, parent) -> bool:
        if not self.text:
            return True
        m = self.sourceModel()
        return self.text in m.codes[row].lower() or self.text in m.names[row].lower()


class QuarterTable(QWidget):
    """The table with a filter box; double-clicking a row selects the commune on the map."""

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("quarterTable")
        self.document = document
        self.model = QuarterTableModel(self)
        self.proxy = CommuneFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        # sorted once per change of the sort column or of the figures it sorts by, not on every dataChanged
        # (a dynamic re-sort calls data() in Python for every comparison: tens of milliseconds per edit)
        self.proxy.setDynamicSortFilter(False)
        self.model.valuesChanged.connect(self._resort_if_needed)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(20)
        self.view.verticalHeader().hide()
        self.view.doubleClicked.connect(self._select_commune)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter by name or INSEE code"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.set_text)
        self.count_label = QLabel(self)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.filter, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self._pending = None
        self.proxy.layoutChanged.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)

    def set_result(self, result) -> None:
        """Show `result`; while the table is hidden (e.g. a tab behind another dock) it refills when shown."""
        self._pending = result
        if self.isVisible():
            self._fill()

    def _fill(self) -> None:
        result, self._pending = self._pending, None
        if result is None and self.model.rowCount() == 0:
            return
        old_header = list(self.model.header)
        self.model.set_result(result, self.document.project)
        if self.model.header != old_header:
            self.view.resizeColumnToContents(1)
        self._update_count()

    def _resort_if_needed(self) -> None:
        """New figures: re-sort only when the table is sorted by a column of figures (codes and names stay)."""
        column = self.view.horizontalHeader().sortIndicatorSection()
        if column >= 2:
            self.proxy.sort(column, self.view.horizontalHeader().sortIndicatorOrder())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._pending is not None:
            self._fill()

    def _update_count(self, *args) -> None:
        self.count_label.setText(self.tr("{0} of {1} communes").format(self.proxy.rowCount(), self.model.rowCount()))

    def _select_commune(self, index) -> None:
        row = self.proxy.mapToSource(index).row()
        self.document.set_selected_communes([row])
