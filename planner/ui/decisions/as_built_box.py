"""The as-built start of the active scenario: the actual figures the project keeps, the as-of month, how phases
resume, and what the run starts from (docs/simulation.md §0). Every change is an undoable command."""
from __future__ import annotations

import os

from PySide6.QtWidgets import (QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPushButton,
                               QVBoxLayout, QWidget)

from planner.core.errors import PlannerError
from planner.core.months import parse_month
from planner.core.project.as_built import AsBuilt, SetAsBuilt
from planner.core.simulation.scenario_commands import SetScenarioParam
from planner.ui.common.figures import number
from planner.ui.common.errors import show_error


class AsBuiltBox(QWidget):
    """Stored snapshots (remove), 'start from what is built', as-of month, resume options, and the run's start."""

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("asBuiltBox")
        self.document = document
        self._loading = False
        self.summary = QLabel(self)
        self.summary.setObjectName("asBuiltSummary")
        self.summary.setWordWrap(True)
        self.use = QCheckBox(self.tr("Start from what is built"), self)
        self.use.setToolTip(self.tr("Up to the as-of month the curves show the real figures; the plan builds only "
                                    "what remains"))
        self.as_of = QLineEdit(self)
        self.as_of.setObjectName("asOfEdit")
        self.as_of.setMaximumWidth(110)
        self.as_of.setToolTip(self.tr("YYYY-MM; empty: the latest month with an actual figure"))
        self.resume_studies = QCheckBox(self.tr("studies again"), self)
        self.resume_ramp = QCheckBox(self.tr("ramp-up again"), self)
        self.resume_studies.setToolTip(self.tr("Phases under way redo their studies when they resume"))
        self.resume_ramp.setToolTip(self.tr("Phases under way ramp up again when they resume"))
        self.snapshots = QListWidget(self)
        self.snapshots.setObjectName("asBuiltSnapshots")
        self.snapshots.setMaximumHeight(64)
        self.remove = QPushButton(self.tr("Remove"), self)
        self.remove.setToolTip(self.tr("Remove the selected snapshot of actual figures from the project"))
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #8a4b00;")
        self._lay_out()
        self.use.toggled.connect(lambda on: self._set("use_as_built", bool(on)))
        self.resume_studies.toggled.connect(lambda on: self._set("resume_studies", bool(on)))
        self.resume_ramp.toggled.connect(lambda on: self._set("resume_ramp", bool(on)))
        self.as_of.editingFinished.connect(self._as_of_edited)
        self.remove.clicked.connect(self.remove_selected)
        document.changed.connect(lambda _c: self.load())
        document.projectReplaced.connect(self.load)
        self.load()

    def _lay_out(self) -> None:
        def row(*widgets, stretch=True) -> QHBoxLayout:
            box = QHBoxLayout()
            box.setContentsMargins(0, 0, 0, 0)
            for w in widgets:
                box.addWidget(w, 1 if w is self.snapshots else 0)
            if stretch:
                box.addStretch(1)
            return box

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Phases under way resume with"), row(self.resume_studies, self.resume_ramp))
        form.addRow(self.tr("Actual figures"), row(self.snapshots, self.remove, stretch=False))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addLayout(row(self.use, QLabel(self.tr("as of"), self), self.as_of))
        layout.addLayout(form)
        layout.addWidget(self.notes)

    def _scenario(self):
        return self.document.project.scenario

    def load(self) -> None:
        s, ab = self._scenario(), self.document.project.as_built
        self._loading = True
        try:
            self.use.setChecked(bool(s.use_as_built))
            self.as_of.setText(s.as_of or "")
            self.resume_studies.setChecked(bool(s.resume_studies))
            self.resume_ramp.setChecked(bool(s.resume_ramp))
            lines = ab.describe() if ab is not None else []
            short = [line.replace(snap.source, os.path.basename(snap.source) or snap.source, 1)
                     for line, snap in zip(lines, ab.snapshots if ab is not None else [])]
            if [self.snapshots.item(i).text() for i in range(self.snapshots.count())] != short:
                self.snapshots.clear()
                self.snapshots.addItems(short)
                for i, line in enumerate(lines):
                    self.snapshots.item(i).setToolTip(line)
            has = bool(lines)
            for w in (self.use, self.as_of, self.resume_studies, self.resume_ramp, self.remove):
                w.setEnabled(has)
        finally:
            self._loading = False

    def _set(self, name: str, value) -> None:
        if self._loading:
            return
        project = self.document.project
        try:
            self.document.push(SetScenarioParam(project, project.active_scenario, name, value))
        except PlannerError as exc:
            show_error(self, exc)

    def _as_of_edited(self) -> None:
        text = self.as_of.text().strip()
        if text == (self._scenario().as_of or ""):
            return
        if text:
            try:
                parse_month(text)
            except ValueError as exc:
                show_error(self, PlannerError(str(exc)))
                self.load()
                return
        self._set("as_of", text or None)

    def remove_selected(self) -> None:
        ab = self.document.project.as_built
        row = self.snapshots.currentRow()
        if ab is None or not 0 <= row < len(ab.snapshots):
            return
        snaps = list(ab.snapshots)
        gone = snaps.pop(row)
        self.document.push(SetAsBuilt(AsBuilt(snaps) if snaps else None,
                                      self.tr("Remove actual figures {0}").format(gone.source)))

    def set_result(self, result) -> None:
        """What the run starts from: the as-of month, the real figure, phase states; the notes on the figures."""
        ab = getattr(result, "as_built", None) if result is not None else None
        if ab is None:
            stored = self.document.project.as_built is not None
            self.summary.setText(self.tr("The plan starts from nothing (no unit built at its start).") if not stored
                                 else self.tr("Actual figures are stored but this scenario plans from nothing."))
            self.notes.setText("")
            return
        t = ab.as_of_index
        self.as_of.setPlaceholderText(self.tr("latest: {0}").format(ab.as_of))
        states = [ab.phase_state.count(k) for k in ("done", "under_way", "not_begun")]
        self.summary.setText(self.tr("As of {0}: {1} units built ({2:.1f} %, actual figures). Phases: {3} done, "
                                     "{4} under way, {5} not begun; the plan builds the remaining {6} units.").format(
            ab.as_of, number(result.eligible[t]), float(result.coverage_pct[t]), *states,
            number(int(result.phase_units.sum()) - int(result.phase_eligible[:, t].sum()))))
        self.notes.setText("\n".join(ab.notes))
