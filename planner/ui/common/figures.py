"""Figures as the window's language writes them, the way printed pages do (planner/core/printing/layout.py):
'3,52 M€', '1 900 €' and '0,25' in French; '3.52 M€', '1,900 €' and '0.25' in English. Thousands are grouped
with a narrow no-break space in counts of units, as everywhere else in the window."""
from __future__ import annotations

from planner.core.printing.layout import euros
from planner.ui.shell.i18n import current_language


def money(value: float) -> str:
    """A cost or a budget for a label or a table cell, in the current language."""
    return euros(value, current_language())


def decimal(text: str) -> str:
    """A number already formatted ('0.0788', '11.5') with the current language's decimal mark."""
    return text.replace(".", ",") if current_language() == "fr" else text


def number(value: float, decimals: int = 0, sign: bool = False) -> str:
    """A count or a measure: thousands grouped by a narrow no-break space, the language's decimal mark (`sign`:
    '+' before positive values too)."""
    return decimal(f"{value:{'+' if sign else ''},.{decimals}f}".replace(",", "\u202f"))


def number_or_blank(value) -> str:
    """`number(value)`, or '' when the value is unknown (None, NaN)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return number(value)
