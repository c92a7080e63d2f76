"""What is really built, kept in the project: snapshots of actual figures (DESIGN §4 step 0).

    project.as_built: AsBuilt | None          None = no actual figures
    AsBuilt(snapshots=[...])                  several snapshots make a history (oldest first)
    CommuneSnapshot(source, quarters, codes, values, imported)
        eligible units per commune (INSEE code of the project's commune) at the end of each quarter, as the
        regulator's tables give them; `quarters` are absolute month numbers (planner.core.months) of each
        quarter's last month, `values` float[n_codes, Q] (NaN = no figure)
    PremiseSnapshot(source, state_field, built_states, date_field, month, imported)
        which premises of the premise layer are built: a premise is built when its `state_field` holds one
        of `built_states` (e.g. IPE EtatImmeuble 'deploye', GraceTHD ad_ietat 'DE') and/or its `date_field`
        holds a date; it is dated by that date, else by the snapshot's `month` (the file's date)
    snapshot_from_actuals(actuals, communes, imported=None) -> CommuneSnapshot
    AsBuilt.commune_table(communes) -> CommuneTable(quarters, values[C, Q], sources)   merged over snapshots
    AsBuilt.latest_month(premise_months=None) -> int | None
    premise_built_months(premises, snapshot) -> int64[N]   absolute month each premise was built, -1 not built
    SetAsBuilt(as_built, label)                the undoable edit (import, remove a snapshot)

Merging: a quarter given by several commune snapshots takes the figure of the latest imported one (a later
file corrects an earlier one); communes a snapshot does not list keep the other snapshots' figures.
The simulation's use of this state (as-of month, remaining work) is planner/core/simulation/start_state.py.
"""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np

from planner.core.errors import InputError
from planner.core.months import format_month, parse_month
from planner.core.project.commands import Command

#: states meaning "built": IPE EtatImmeuble 'DEPLOYE' and 'RACCORDABLE DEMANDE' (the rule of
#: planner/io/layers/ipe.py) and GraceTHD ad_ietat 'DE'; compared without case, accents, spaces or underscores
BUILT_STATES = ("DEPLOYE", "RACCORDABLE DEMANDE", "DE")


@dataclass
class CommuneSnapshot:
    """Eligible units per commune and quarter from one file (see the module docstring)."""

    source: str
    quarters: list[int]
    codes: list[str]
    values: np.ndarray
    imported: str = ""

    @property
    def level(self) -> str:
        return "communes"

    def describe(self) -> str:
        q = [format_month(m) for m in self.quarters]
        span = f"{q[0]}..{q[-1]}" if q else "no quarter"
        return f"{self.source}: {len(self.codes)} communes, {len(q)} quarters ({span})"


@dataclass
class PremiseSnapshot:
    """Built premises from fields of the project's premise layer (see the module docstring)."""

    source: str
    state_field: str | None = None
    built_states: list[str] = field(default_factory=lambda: list(BUILT_STATES))
    date_field: str | None = None
    month: int | None = None  # absolute month of the snapshot (the file's date); dates premises without one
    imported: str = ""

    @property
    def level(self) -> str:
        return "premises"

    def describe(self) -> str:
        what = " and ".join(f for f in (self.state_field, self.date_field) if f)
        when = f", as of {format_month(self.month)}" if self.month is not None else ""
        return f"{self.source}: premises built by field {what}{when}"


@dataclass
class CommuneTable:
    """Merged commune figures: `quarters` (absolute months, sorted), `values` float[C, Q] by commune row
    (NaN = no figure), `sources` the files that gave them."""

    quarters: np.ndarray
    values: np.ndarray
    sources: list[str]


@dataclass
class AsBuilt:
    """The project's actual figures: commune and premise snapshots, oldest first."""

    snapshots: list = field(default_factory=list)

    def commune_snapshots(self) -> list[CommuneSnapshot]:
        return [s for s in self.snapshots if isinstance(s, CommuneSnapshot)]

    def premise_snapshot(self) -> PremiseSnapshot | None:
        """The latest premise snapshot (it says which premises are built), or None."""
        found = [s for s in self.snapshots if isinstance(s, PremiseSnapshot)]
        return found[-1] if found else None

    def commune_table(self, communes) -> CommuneTable | None:
        """Figures of every commune snapshot on the project's commune rows (None without commune snapshots).
        Kept until the snapshots or the commune codes change (callers must not modify it)."""
        snaps = self.commune_snapshots()
        if not snaps:
            return None
        # the cache holds the objects themselves (compared by identity), so that none can be replaced unseen
        key = (communes.layer.fields.get(communes.code_field), *snaps, *(s.values for s in snaps))
        cached = self.__dict__.get("_table")
        if cached is not None and len(cached[0]) == len(key) and all(a is b for a, b in zip(cached[0], key)):
            return cached[1]
        table = self._merge(snaps, communes)
        self.__dict__["_table"] = (key, table)
        return table

    def _merge(self, snaps, communes) -> CommuneTable:
        quarters = np.array(sorted({q for s in snaps for q in s.quarters}), dtype=np.int64)
        codes = np.asarray(communes.codes).astype(str)
        values = np.full((len(codes), len(quarters)), np.nan)
        order = np.argsort(codes, kind="stable")
        for s in snaps:  # later snapshots overwrite earlier figures of the same commune and quarter
            mine = np.asarray(s.codes, dtype=str)
            pos = np.clip(np.searchsorted(codes[order], mine), 0, max(len(codes) - 1, 0))
            keep = (codes[order][pos] == mine) if len(codes) else np.zeros(len(mine), dtype=bool)
            rows = np.where(keep, order[pos], -1)
            cols = np.searchsorted(quarters, np.asarray(s.quarters, dtype=np.int64))
            v = np.asarray(s.values, dtype=float)[keep]
            block = values[rows[keep]][:, cols]
            values[np.ix_(rows[keep], cols)] = np.where(np.isnan(v), block, v)
        return CommuneTable(quarters, values, [s.source for s in snaps])

    def latest_month(self, premise_months: np.ndarray | None = None) -> int | None:
        """The latest month with an actual figure: the last quarter of the commune snapshots, the premise
        snapshot's month, or the latest built month of `premise_months`; None when there is none."""
        found = [max(s.quarters) for s in self.commune_snapshots() if s.quarters]
        ps = self.premise_snapshot()
        if ps is not None and ps.month is not None:
            found.append(ps.month)
        if premise_months is not None and np.any(premise_months >= 0):
            found.append(int(premise_months.max()))
        return max(found) if found else None

    def describe(self) -> list[str]:
        return [s.describe() for s in self.snapshots]


def today() -> str:
    return _dt.date.today().isoformat()


def snapshot_from_actuals(actuals, communes, imported: str | None = None) -> CommuneSnapshot:
    """A commune snapshot from figures read by planner/io/actuals (rows of `communes`), keyed by INSEE code.

    Communes without any figure are left out; codes that match no commune are not kept (the reader lists them).
    """
    values = np.asarray(actuals.values, dtype=float)
    rows = np.flatnonzero(~np.all(np.isnan(values), axis=1)) if values.size else np.zeros(0, dtype=np.int64)
    codes = [str(c) for c in np.asarray(communes.codes)[rows]]
    return CommuneSnapshot(source=str(actuals.source), quarters=[int(q) for q in actuals.quarters], codes=codes,
                           values=values[rows].copy(), imported=imported or today())


_DATE_RES = (
    (re.compile(r"^\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[ T].*)?$"), (1, 2)),
    (re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})(?:\s.*)?$"), (3, 2)),
    (re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$"), (1, 2)),
)


def month_of_date(value) -> int:
    """Absolute month of a date value ('2018-03-15', '2018-03', '15/03/2018', '20180315', datetime); -1 when
    the value is empty; ValueError when it is not a date."""
    if value is None:
        return -1
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.year * 12 + value.month - 1
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            return -1
        d = value.astype("datetime64[M]").astype(int)
        return int(d) + 1970 * 12
    text = str(value).strip()
    if text in ("", "nan", "NaT", "None", "NULL"):
        return -1
    for rx, (y, m) in _DATE_RES:
        hit = rx.match(text)
        if hit:
            month = int(hit.group(m))
            if 1 <= month <= 12:
                return int(hit.group(y)) * 12 + month - 1
    raise ValueError(f"not a date: {text!r}")


def state_key(text) -> str:
    """A state compared without case, accents, spaces or underscores ('Déployé' -> 'DEPLOYE')."""
    t = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii").upper()
    return re.sub(r"[^A-Z0-9]+", " ", t).strip()


def premise_built_months(premises, snap: PremiseSnapshot) -> np.ndarray:
    """Absolute month each premise of the layer was built (-1: not built), from a premise snapshot.

    Vectorised over the distinct values of the fields (a few hundred dates at most), never per premise.
    InputError names the snapshot's source and the field when a field is missing or holds a non-date.
    """
    n = len(premises)
    fields = premises.layer.fields
    built = np.ones(n, dtype=bool)
    if snap.state_field:
        if snap.state_field not in fields:
            raise InputError(snap.source, f"the premise layer has no field {snap.state_field!r}")
        uniq, inverse = np.unique(np.asarray(fields[snap.state_field]).astype(str), return_inverse=True)
        wanted = {state_key(s) for s in snap.built_states}
        built = np.array([state_key(u) in wanted for u in uniq], dtype=bool)[inverse.reshape(-1)]
    months = np.full(n, -1 if snap.month is None else int(snap.month), dtype=np.int64)
    if snap.date_field:
        if snap.date_field not in fields:
            raise InputError(snap.source, f"the premise layer has no field {snap.date_field!r}")
        raw = np.asarray(fields[snap.date_field])
        uniq, inverse = np.unique(raw.astype(str) if raw.dtype.kind in "OU" else raw, return_inverse=True)
        try:
            um = np.array([month_of_date(u) for u in uniq], dtype=np.int64)
        except ValueError as exc:
            raise InputError(snap.source, f"field {snap.date_field!r}: {exc}") from None
        dated = um[inverse.reshape(-1)]
        months = np.where(dated >= 0, dated, months)
        if not snap.state_field:
            built = dated >= 0
    return np.where(built & (months >= 0), months, -1)


def parse_month_arg(text: str, fld: str = "as_of") -> int:
    """Absolute month of a 'YYYY-MM' text (ParameterError naming `fld` otherwise)."""
    from planner.core.errors import ParameterError

    try:
        return parse_month(text)
    except ValueError as exc:
        raise ParameterError(str(exc), field=fld) from None


class SetAsBuilt(Command):
    """Replace the project's as-built state (import a snapshot, remove one, clear): undoable."""

    touches = frozenset({"scenario"})
    first_changed_phase = None

    def __init__(self, as_built: AsBuilt | None, label: str = "Set actual figures"):
        self.new = as_built
        self.old = None
        self.label = label

    def do(self, project) -> None:
        self.old = getattr(project, "as_built", None)
        project.as_built = self.new

    def undo(self, project) -> None:
        project.as_built = self.old


def with_snapshot(current: AsBuilt | None, snapshot) -> AsBuilt:
    """A new AsBuilt holding `current`'s snapshots plus `snapshot` (the current one is not modified)."""
    return AsBuilt(list(current.snapshots if current is not None else []) + [snapshot])
