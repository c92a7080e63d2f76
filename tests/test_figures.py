"""Counts and measures as the window writes them (planner/ui/common/figures.py), in English and in French."""
import math

import numpy as np
import pytest

from planner.ui.common import figures
from planner.ui.shell import i18n


@pytest.mark.parametrize("lang, expected", [
    ("en", ["1\u202f234\u202f567", "12\u202f345.7", "+1\u202f234", "-1\u202f234", "", "", "7"]),
    ("fr", ["1\u202f234\u202f567", "12\u202f345,7", "+1\u202f234", "-1\u202f234", "", "", "7"]),
])
def test_numbers_group_thousands_and_take_the_language_s_decimal_mark(monkeypatch, lang, expected):
    monkeypatch.setattr(i18n, "_current", lang)
    got = [figures.number(1234567), figures.number(12345.67, 1), figures.number(1234, sign=True),
           figures.number(-1234, sign=True), figures.number_or_blank(None), figures.number_or_blank(math.nan),
           figures.number_or_blank(np.int64(7))]
    assert got == expected
