"""Error dialogs: a PlannerError shows its message (naming file and problem); a bug shows a short report."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from planner.core.errors import Cancelled, InputError, PlannerError
from planner.io.write_errors import WriteError

translate = QCoreApplication.translate


def error_text(exc: BaseException) -> tuple[str, str]:
    """(title, message) for an exception, in words a planner can act on."""
    if isinstance(exc, InputError):
        return (translate("errors", "Cannot read file"),
                translate("errors", "File: {path}\nProblem: {what}").format(path=exc.path, what=exc.what))
    if isinstance(exc, WriteError):
        return translate("errors", "File not written"), str(exc)
    if isinstance(exc, PlannerError):
        return translate("errors", "Cannot do this"), str(exc)
    return (translate("errors", "Unexpected error"),
            translate("errors", "An unexpected error occurred (the project was left unchanged):\n{kind}: {msg}").format(
                kind=type(exc).__name__, msg=exc))


def show_error(parent: QWidget | None, exc: BaseException, context: str | None = None) -> None:
    """Show `exc` in a modal dialog (nothing for a cancellation)."""
    if isinstance(exc, Cancelled):
        return
    title, message = error_text(exc)
    if context:
        message = f"{context}\n\n{message}"
    box = QMessageBox(QMessageBox.Critical, title, message, QMessageBox.Ok, parent)
    box.setTextFormat(Qt.PlainText)  # names from data are shown as typed, never as markup
    details = getattr(exc, "traceback_text", None)
    if details:
        box.setDetailedText(details)
    box.exec()
