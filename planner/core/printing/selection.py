"""Which communes an atlas prints: all, some INSEE codes, the communes of a phase, or those matching a filter
(name contains, INSEE prefix, at least N units). The print dialog and `print` on the command line both describe
their choice as a `CommuneSelection`; pages always come in INSEE order."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np

from planner.core.errors import ParameterError

MODES = ("all", "codes", "phase", "filter")


def fold_accents(text: str) -> str:
    """Lower case without accents (so 'lectoure' finds 'Lectouré' and 'ile' finds 'L'Isle')."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", str(text)) if not unicodedata.combining(ch)).casefold()


def parse_codes(text: str) -> list[str]:
    """INSEE codes typed as '32013, 32107 32208;32160' (order and duplicates do not matter)."""
    return [c for c in re.split(r"[\s,;]+", text.strip()) if c]


def sorted_by_code(project, rows) -> list[int]:
    codes = project.communes.codes
    return sorted({int(r) for r in rows}, key=lambda r: str(codes[r]))


def phase_rows(project, assignment, index: int) -> list[int]:
    """Commune rows holding units of phase `index` (or belonging to it when the plan is by commune)."""
    if assignment is None:
        return []
    if assignment.commune_level:
        rows = np.flatnonzero(np.asarray(assignment.commune_phase) == index)
    else:
        cp, cc = np.asarray(assignment.cell_phase), np.asarray(assignment.cell_commune)
        rows = np.unique(cc[(cp == index) & (cc >= 0)])
    return [int(r) for r in rows]


@dataclass
class CommuneSelection:
    """`mode`: 'all', 'codes' (`codes`), 'phase' (the communes holding units of phase `phase`, a name) or
    'filter' (every filled criterion: `name_contains`, accents and case ignored; `insee_prefix`; `min_units`)."""

    mode: str = "all"
    codes: list[str] = field(default_factory=list)
    phase: str | None = None
    name_contains: str = ""
    insee_prefix: str = ""
    min_units: int = 0

    def __post_init__(self):
        if self.mode not in MODES:
            raise ParameterError(f"unknown commune selection {self.mode!r} ({', '.join(MODES)})", field="mode")

    def unknown_codes(self, project) -> list[str]:
        """The asked INSEE codes the project does not have (mode 'codes')."""
        if self.mode != "codes":
            return []
        known = set(str(c) for c in project.communes.codes)
        return [c for c in self.codes if c not in known]

    def rows(self, project, assignment) -> list[int]:
        """Commune rows to print, in INSEE order (unknown codes left out: see `unknown_codes`)."""
        com = project.communes
        if self.mode == "all":
            rows = range(len(com))
        elif self.mode == "codes":
            lookup = {str(c): i for i, c in enumerate(com.codes)}
            rows = [lookup[c] for c in self.codes if c in lookup]
        elif self.mode == "phase":
            rows = phase_rows(project, assignment, self.phase_index(project))
        else:
            rows = np.flatnonzero(self._filter(project, assignment))
        return sorted_by_code(project, rows)

    def phase_index(self, project) -> int:
        names = [ph.name for ph in project.phases]
        if self.phase not in names:
            raise ParameterError(f"no phase named {self.phase!r} (have: {', '.join(names) or 'none'})", field="phase")
        return names.index(self.phase)

    def _filter(self, project, assignment) -> np.ndarray:
        com = project.communes
        keep = np.ones(len(com), dtype=bool)
        name = fold_accents(self.name_contains.strip())
        if name:
            keep &= np.array([name in fold_accents(n) for n in com.names], dtype=bool)
        prefix = self.insee_prefix.strip()
        if prefix:
            keep &= np.char.startswith(com.codes.astype(str), prefix)
        if self.min_units > 0:
            units = np.asarray(assignment.commune_units) if assignment is not None else np.asarray(com.units)
            keep &= units >= self.min_units
        return keep
