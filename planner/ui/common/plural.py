"""Singular or plural of a count in the interface language ("1 phase", "2 phases"; French: "0 phase" too)."""
from __future__ import annotations


def plural(n: int, one: str, many: str) -> str:
    """`one` or `many` (both already translated, with the count as {0} or {n}) formatted with n."""
    from planner.ui.shell.i18n import current_language

    singular = abs(n) == 1 or (n == 0 and current_language() == "fr")
    return (one if singular else many).format(n, n=n)
