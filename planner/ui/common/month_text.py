"""Months typed by a person: 'YYYY-MM' and also 'June 2019', 'juin 2019', 'Jun 2019', '06/2019', '2019/6'.

Month names are accepted in English and in the interface language (Qt's locale names, accents and case
ignored). A text that is not a month raises ValueError saying which format is expected.
"""
from __future__ import annotations

import re
import unicodedata

from PySide6.QtCore import QCoreApplication, QLocale

from planner.core.months import parse_month

_NAME_YEAR = re.compile(r"^\s*([^\W\d_][^\W\d_.]*)\.?\s+(\d{4})\s*$")
_YEAR_NAME = re.compile(r"^\s*(\d{4})\s+([^\W\d_][^\W\d_.]*)\.?\s*$")
_NUMERIC = re.compile(r"^\s*(\d{1,2})\s*[/.\s]\s*(\d{4})\s*$")
_NUMERIC_YEAR_FIRST = re.compile(r"^\s*(\d{4})\s*[/.]\s*(\d{1,2})\s*$")


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip(". ")


def month_names() -> dict[str, int]:
    """Lower-case, accent-free month names and abbreviations (English and the interface language) -> 1..12."""
    from planner.ui.shell.i18n import current_language

    names: dict[str, int] = {}
    for lang in dict.fromkeys(("en", current_language())):
        locale = QLocale(lang)
        for m in range(1, 13):
            for fmt in (QLocale.LongFormat, QLocale.ShortFormat):
                names.setdefault(_plain(locale.monthName(m, fmt)), m)
                names.setdefault(_plain(locale.standaloneMonthName(m, fmt)), m)
    return names


def _month_of_name(name: str) -> int | None:
    """1..12 for a month name or a clear abbreviation of one ('sept', 'déc'), else None."""
    names = month_names()
    if name in names:
        return names[name]
    months = {m for full, m in names.items() if len(name) >= 3 and full.startswith(name)}
    return months.pop() if len(months) == 1 else None


def expected_format() -> str:
    """How a month is written, for error messages and placeholders."""
    return QCoreApplication.translate("MonthText", "YYYY-MM, e.g. 2019-06 or June 2019")


def parse_month_text(text: str) -> int:
    """The absolute month number (planner.core.months) of a month written as a person would."""
    raw = str(text).strip()
    try:
        return parse_month(raw)
    except ValueError:
        pass
    month = year = None
    for pattern, name_first in ((_NAME_YEAR, True), (_YEAR_NAME, False)):
        m = pattern.match(raw)
        if m:
            name, year = (m.group(1), m.group(2)) if name_first else (m.group(2), m.group(1))
            month = _month_of_name(_plain(name))
            break
    else:
        m = _NUMERIC.match(raw) or _NUMERIC_YEAR_FIRST.match(raw)
        if m:
            a, b = m.group(1), m.group(2)
            month, year = (int(b), a) if len(a) == 4 else (int(a), b)
    if month is None or not 1 <= month <= 12:
        raise ValueError(QCoreApplication.translate("MonthText", "'{0}' is not a month (expected {1})")
                         .format(raw, expected_format()))
    return int(year) * 12 + month - 1
