"""Start-up recovery dialog: lists the recovery files a crash left (project, time saved, phases, original file).

Buttons: Recover (the selected file; the dialog closes with `choice == RECOVER` and `chosen()`), Discard (deletes
the selected files; the dialog closes when none is left), Later (keeps everything for the next start).
"""
from __future__ import annotations

import datetime as _dt
import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QLabel, QMessageBox, QPushButton,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout)

from planner.io.project import autosave

RECOVER, DISCARD, LATER = "recover", "discard", "later"


def _when(saved_at: _dt.datetime | None) -> str:
    if saved_at is None:
        return "?"
    local = saved_at.astimezone() if saved_at.tzinfo else saved_at
    return local.strftime("%Y-%m-%d %H:%M")


class RecoveryDialog(QDialog):
    """What would be recovered, and the user's choice."""

    def __init__(self, recoveries: list, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recover unsaved work"))
        self.recoveries = list(recoveries)
        self.choice = LATER
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr("Rollout Planner did not close normally. These projects had unsaved changes that "
                               "can be recovered:"), self)
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.tree.setHeaderLabels([self.tr("Project"), self.tr("Saved"), self.tr("Phases"), self.tr("Original file")])
        for rec in self.recoveries:
            original = rec.source_path or self.tr("(never saved)")
            item = QTreeWidgetItem([rec.project_name, _when(rec.saved_at), str(rec.phases), original])
            item.setToolTip(3, original)
            item.setTextAlignment(2, Qt.AlignRight | Qt.AlignVCenter)
            item.setData(0, Qt.UserRole, rec)
            self.tree.addTopLevelItem(item)
        for col in range(3):
            self.tree.resizeColumnToContents(col)
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.tree.itemDoubleClicked.connect(lambda *_: self.recover())
        lay.addWidget(self.tree, 1)
        note = QLabel(self.tr("Recover opens the newest copy; save it to keep it. Later keeps the files for the "
                              "next start."), self)
        note.setWordWrap(True)
        lay.addWidget(note)
        box = QDialogButtonBox(self)
        self.recover_button = QPushButton(self.tr("&Recover"), self)
        self.recover_button.setToolTip(self.tr("Open the selected project as it was at the last autosave"))
        self.recover_button.setDefault(True)
        self.discard_button = QPushButton(self.tr("&Discard"), self)
        self.discard_button.setToolTip(self.tr("Delete the selected recovery files"))
        self.later_button = QPushButton(self.tr("&Later"), self)
        self.later_button.setToolTip(self.tr("Decide at the next start"))
        box.addButton(self.recover_button, QDialogButtonBox.AcceptRole)
        box.addButton(self.discard_button, QDialogButtonBox.DestructiveRole)
        box.addButton(self.later_button, QDialogButtonBox.RejectRole)
        self.recover_button.clicked.connect(self.recover)
        self.discard_button.clicked.connect(self.discard_selected)
        self.later_button.clicked.connect(self.reject)
        lay.addWidget(box)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()
        self.resize(720, 300)

    def _selected(self) -> list[QTreeWidgetItem]:
        return self.tree.selectedItems()

    def _update_buttons(self) -> None:
        n = len(self._selected())
        self.recover_button.setEnabled(n == 1)
        self.discard_button.setEnabled(n >= 1)

    def chosen(self):
        """The Recovery to open (after Recover), else None."""
        items = self._selected()
        return items[0].data(0, Qt.UserRole) if items and self.choice == RECOVER else None

    def recover(self) -> None:
        if len(self._selected()) == 1:
            self.choice = RECOVER
            self.accept()

    def discard_selected(self) -> None:
        items = self._selected()
        if not items:
            return
        names = "\n".join(i.text(0) for i in items)
        answer = QMessageBox.question(self, self.tr("Discard recovered work"),
                                      self.tr("Delete these recovery files? Their unsaved changes will be lost.\n\n"
                                              "{names}").format(names=names),
                                      QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer != QMessageBox.Yes:
            return
        for item in items:
            rec = item.data(0, Qt.UserRole)
            try:
                autosave.discard_recovery(rec.path)
            except Exception as exc:  # a file already gone or not ours: say so, keep going
                QMessageBox.warning(self, self.tr("Discard recovered work"),
                                    self.tr("{file}: {problem}").format(file=os.path.basename(str(rec.path)),
                                                                         problem=exc))
            self.recoveries.remove(rec)
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(item))
        if not self.recoveries:
            self.choice = DISCARD
            self.accept()
        else:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
