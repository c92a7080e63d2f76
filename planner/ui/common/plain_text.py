"""Names from data shown as typed: never read as markup by Qt's rich-text auto-detection.

QLabel, QMessageBox and tooltips guess whether a text is HTML (Qt.mightBeRichText): a phase named '<b>x</b>'
would be shown bold, and an unclosed '<a' could swallow the rest of a message. Labels that show names use
`plain_label()` (or setTextFormat(Qt.PlainText)); texts for tooltips and static message boxes, which have no
format setting, go through `as_plain()`, which escapes them only when Qt would take them for markup.
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import QLabel, QWidget


def might_be_rich(text: str) -> bool:
    return bool(text) and QtGuiNamespace.mightBeRichText(text)


def as_plain(text: str) -> str:
    """`text` unchanged when Qt shows it as plain text, else as HTML that displays exactly `text`."""
    if not might_be_rich(text):
        return text
    return "<qt>" + html.escape(text, quote=False).replace("\n", "<br>") + "</qt>"


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that shows its text as typed, whatever it holds."""
    label = QLabel(parent)
    label.setTextFormat(Qt.PlainText)
    label.setText(text)
    return label
