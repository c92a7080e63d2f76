"""A name is only a name: names from data made safe as file names and as spreadsheet cells.

- `safe_file_name(name)`: a phase or commune name as one file name that stays inside the chosen folder on
  every system: no '/', '\\', ':' or other character Windows refuses, no '..' or leading dot, no reserved
  Windows device name (CON, PRN, AUX, NUL, COM1-9, LPT1-9), no trailing dot or space, at most 120 characters.
  Accents and apostrophes are kept ("Cœur d'Astarac" stays readable).
- `csv_text(value)`: OWASP's guidance on CSV (formula) injection for text fields: a text cell starting with
  '=', '+', '-', '@', a tab or a carriage return is prefixed with a single quote, so a spreadsheet shows it as
  text and never runs it; text that is a plain number ("-12", "+3,5") is left as is, and numbers stay numbers.
  Quotes and separators inside a cell are escaped by the csv module's quoting.
- Excel cells: see planner/io/exports/xlsx.py (`text_cell`): strings from data are stored as strings
  (data_type 's'), so '=HYPERLINK(...)' is shown, not evaluated.
"""
from __future__ import annotations

import re
import unicodedata

MAX_NAME = 120
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def safe_file_name(name: str, fallback: str = "unnamed", max_len: int = MAX_NAME) -> str:
    """`name` as a single, portable file name (no folder part); `fallback` when nothing usable is left."""
    text = unicodedata.normalize("NFC", str(name))
    text = _FORBIDDEN.sub("_", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\.{2,}", "_", text)  # no '..' anywhere
    text = re.sub(r"_{2,}", "_", text)
    text = text.lstrip(". ").rstrip(". ")
    if not text or set(text) <= {"_"}:
        text = fallback
    stem = text.split(".", 1)[0].strip().upper()
    if stem in _RESERVED:
        text = f"_{text}"
    if len(text) > max_len:
        text = text[:max_len].rstrip(". ")
    return text


def csv_text(value: str) -> str:
    """A text cell made harmless for spreadsheets (OWASP CSV injection): see the module doc."""
    if value and value.startswith(_FORMULA_START) and not PLAIN_NUMBER.match(value):
        return "'" + value
    return value
