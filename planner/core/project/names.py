"""Names that must not repeat: phases, scenarios and layers of a project ('Base (2)', 'Phase 4'), and the
columns of a table read from a file ('code', 'code_2')."""
from __future__ import annotations

from typing import Iterable


def unique_name(wanted: str, taken: Iterable[str], numbered: bool = False, first: int = 2) -> str:
    """`wanted` when no name in `taken` is it, else `wanted (2)`, `wanted (3)`, ...; with `numbered`, always
    `wanted N`, the first free N from `first` on ('Phase 4')."""
    taken = set(taken)
    if not numbered and wanted not in taken:
        return wanted
    form = (lambda k: f"{wanted} {k}") if numbered else (lambda k: f"{wanted} ({k})")  # noqa: E731
    k = first
    while form(k) in taken:
        k += 1
    return form(k)


def unique_names(names: Iterable[str]) -> list[str]:
    """Column names in order, a repeated one suffixed '_2', '_3', ... (its first use keeps the name)."""
    seen: dict[str, int] = {}
    out = []
    for n in names:
        k = seen.get(n, 0)
        out.append(n if k == 0 else f"{n}_{k + 1}")
        seen[n] = k + 1
    return out
