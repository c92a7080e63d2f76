"""The validation panel (dock): overlaps, empty phases and dependency problems; clicking a row zooms to it.

Checks run once the assignment cache is ready for an edit that touched the phases (one request per edit: the
panel asks on the cache's `ready` when its `changes` concern the phases), in a worker thread on a snapshot of
the phases (overlap unions can take a few hundred milliseconds), and the list is replaced when they finish. The
worker thread stops when the document closes.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from planner.core.phases.validation import validate

from planner.ui.common.worker_pool import WorkerPool
from planner.ui.phases.assignment_cache import assignment_cache_for
from planner.ui.phases.validation_words import issue_text

#: wait this long (ms) after the last change before checking again
DEBOUNCE_MS = 150
#: what a command must touch for the checks to run again
_CHECKED_TOUCHES = frozenset({"phases", "geometry", "order", "layers"})


class ValidationPanel(QWidget):
    """A list of the phase plan's issues; a click zooms the map to the issue and selects its phase."""

    #: the checks finished; argument: the list of planner.core.phases.validation.Issue
    checked = Signal(object)
    _done = Signal(int, object, str)

    def __init__(self, document, zoom_to=None, parent=None, highlight=None):
        super().__init__(parent)
        self.setObjectName("ValidationPanel")
        self.document = document
        self.cache = assignment_cache_for(document)
        self.zoom_to = zoom_to
        self.highlight = highlight  # highlight(geometry | None): shows the place of the clicked issue
        self.issues: list = []
        self._token = 0
        self._running = False
        self._again = False
        #: how many times a check was asked for (one per edit of the phases)
        self.requests = 0
        self._waiting = False  # a check found the assignment recomputing: the next `ready` brings it back
        self._pool = WorkerPool("validation")

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("validationTree")
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([self.tr("Severity"), self.tr("Problem")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.tree.setWordWrap(True)
        self.tree.itemClicked.connect(self._on_item_clicked)
        self.tree.itemActivated.connect(self._on_item_clicked)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.PlainText)  # names from data, as typed
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.check_now)
        self._done.connect(self._on_done)
        self.cache.ready.connect(self._on_ready)
        document.projectReplaced.connect(self._on_replaced)
        document.closing.connect(self._pool.close)
        self.schedule()

    # --- scheduling ------------------------------------------------------------------------------
    def _on_ready(self, _revision: int) -> None:
        """The assignment is ready for a new revision: check again if what changed concerns the phases."""
        if self._waiting or self.cache.changes & _CHECKED_TOUCHES:
            self.schedule()

    def _on_replaced(self) -> None:
        self._token += 1
        self.issues = []
        self.tree.clear()
        if self.highlight is not None:
            self.highlight(None)

    def schedule(self) -> None:
        """Check again shortly (edits in quick succession are checked once)."""
        self.requests += 1
        self._timer.start()

    @property
    def busy(self) -> bool:
        return self._running or self._timer.isActive()

    def check_now(self) -> bool:
        """Start the checks now when the assignment matches the phases; False when they must wait."""
        a = self.cache.assignment
        project = self.document.project
        if a is None or not self.cache.is_current():
            self._waiting = True
            return False  # the cache is recomputing; its `ready` signal schedules us again
        self._waiting = False
        if self._running:
            self._again = True
            return True
        snap, token = project.snapshot(), self._token
        pool, done = self._pool, self._done

        def work():
            try:
                pool.emit(done, token, validate(snap, a), "")
            except Exception as exc:  # noqa: BLE001 - reported in the panel
                pool.emit(done, token, None, str(exc) or type(exc).__name__)

        self._running = pool.submit(work) is not None
        if self._running:
            self.status.setText(self.tr("Checking the phases…"))
        return self._running

    def _on_done(self, token: int, issues, error: str) -> None:
        self._running = False
        if token == self._token:
            if error:
                self.status.setText(self.tr("The checks failed: {0}").format(error))
            else:
                self._show(issues)
        if self._again:
            self._again = False
            self.schedule()

    # --- list -----------------------------------------------------------------------------------
    def _show(self, issues) -> None:
        self.issues = list(issues)
        self.tree.clear()
        if self.highlight is not None:
            self.highlight(None)
        labels = {"error": self.tr("Error"), "warning": self.tr("Warning")}
        colors = {"error": QColor("#b00020"), "warning": QColor("#9a6700")}
        names = {p.id: p.name for p in self.document.project.phases}
        for i, issue in enumerate(self.issues):
            text = issue_text(issue, names)
            item = QTreeWidgetItem([labels.get(issue.severity, issue.severity), text])
            item.setData(0, Qt.UserRole, i)
            item.setForeground(0, QBrush(colors.get(issue.severity, QColor("black"))))
            item.setToolTip(1, text + ("" if issue.bounds else "\n" + self.tr("(no place to zoom to)")))
            self.tree.addTopLevelItem(item)
        n = len(self.issues)
        self.status.setText(self.tr("No problem found.") if n == 0 else self.tr("{0} problem(s).").format(n))
        self.checked.emit(self.issues)

    def _on_item_clicked(self, item, _column=0) -> None:
        issue = self.issues[int(item.data(0, Qt.UserRole))]
        if issue.phase_ids:
            self.document.set_current_phase(issue.phase_ids[0])
        if self.highlight is not None:
            self.highlight(issue.geometry)
        if issue.bounds is not None and self.zoom_to is not None:
            self.zoom_to(issue.bounds)
