"""Month arithmetic: 'YYYY-MM' strings <-> integer month numbers, and quarter labels ('T1 2019')."""
import re

_MONTH_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


def parse_month(text: str) -> int:
    """'2019-03' -> absolute month number (year*12 + month-1). Raises ValueError on bad input."""
    m = _MONTH_RE.match(str(text))
    if not m:
        raise ValueError(f"not a month (expected YYYY-MM): {text!r}")
    year, month = int(m.group(1)), int(m.group(2))
    if not 1 <= month <= 12:
        raise ValueError(f"month out of range in {text!r}")
    return year * 12 + month - 1


def format_month(n: int) -> str:
    """Absolute month number -> 'YYYY-MM'."""
    n = int(n)
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def month_range(start: str, count: int) -> list[str]:
    """`count` consecutive 'YYYY-MM' labels from `start`."""
    s = parse_month(start)
    return [format_month(s + i) for i in range(count)]


def quarter_of(n: int) -> tuple[int, int]:
    """Absolute month number -> (quarter 1..4, year)."""
    n = int(n)
    return (n % 12) // 3 + 1, n // 12


def quarter_label(n: int, lang: str = "fr") -> str:
    """Absolute month number -> 'T1 2019' (French, regulator style) or 'Q1 2019' (English)."""
    q, y = quarter_of(n)
    return f"{'T' if lang == 'fr' else 'Q'}{q} {y}"


_QUARTER_RE = re.compile(r"^\s*[TQ]([1-4])\s*[ _-]?\s*(\d{4})\s*$", re.I)
_QUARTER_RE2 = re.compile(r"^\s*(\d{4})\s*[ _-]?\s*[TQ]([1-4])\s*$", re.I)


def parse_quarter(text: str) -> int:
    """'T1 2019', 'Q1 2019', 'T12019', '2019-T1' -> absolute month number of the quarter's last month."""
    m = _QUARTER_RE.match(str(text))
    if m:
        q, y = int(m.group(1)), int(m.group(2))
    else:
        m = _QUARTER_RE2.match(str(text))
        if not m:
            raise ValueError(f"not a quarter (expected e.g. 'T1 2019'): {text!r}")
        y, q = int(m.group(1)), int(m.group(2))
    return y * 12 + q * 3 - 1
