"""Money as the window's language writes it, the way printed pages do (planner/core/printing/layout.euros):
'3,52 M€' and '1 900 €' in French, '3.52 M€' and '1,900 €' in English."""
from __future__ import annotations

from planner.core.printing.layout import euros
from planner.ui.shell.i18n import current_language


def money(value: float) -> str:
    """A cost or a budget for a label or a table cell, in the current language."""
    return euros(value, current_language())
