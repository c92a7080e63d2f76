"""What a simulation result says about the as-built start: `result.as_built` (an `AsBuiltView`) and its texts.

    annotate(result, start_state)         called by coverage.run when the run starts from what is built
    AsBuiltView: as_of 'YYYY-MM', as_of_index, actual (territory series up to as_of, None before the first
        figure), commune_built int64[C] (built at the as-of month), phase_state, phase_done ('YYYY-MM' or None,
        the month the figures show the phase complete), milestone_actual {pct: bool}, commune_actual_50 /
        commune_actual_100 int64[C] (absolute month the real figures reach 50 / 100 %, -1 not by as_of),
        notes, source
    milestone_text(result, pct, lang) -> '66 % — T3 2022, actual' / '66 % — 2024-03' / '66 % — not reached'
    status_of_communes(result) -> array of 'built' / 'under way' / 'planned' / 'unplanned' per commune
    commune_marketable_connected(result) -> (marketable, connected) int64[C, T], counting units built before the
        run's start (the commune rows' counterpart of the territory's series)

Phase dates of done and under-way phases are the real ones: `phase_start` and `phase_build_start` are the
month of the phase's first real units (the first figure showing them), `phase_end` of a done phase the month
its figures first reached all its units.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from planner.core.months import format_month, quarter_label
from planner.core.simulation.start_state import DONE, NOT_BEGUN, UNDER_WAY, StartState

PHASE_STATE_LABELS = {
    "fr": {DONE: "terminée", UNDER_WAY: "en cours", NOT_BEGUN: "pas commencée"},
    "en": {DONE: "done", UNDER_WAY: "under way", NOT_BEGUN: "not begun"},
}
ACTUAL_WORD = {"fr": "réel", "en": "actual"}


@dataclass
class AsBuiltView:
    as_of: str
    as_of_index: int
    actual: list
    commune_built: np.ndarray
    phase_state: list[str]
    phase_done: list[str | None]
    milestone_actual: dict[int, bool]
    commune_actual_50: np.ndarray
    commune_actual_100: np.ndarray
    notes: list[str] = field(default_factory=list)
    source: str = ""
    state: StartState | None = field(default=None, repr=False)

    def to_json_dict(self) -> dict:
        return {"as_of": self.as_of, "source": self.source, "notes": list(self.notes),
                "milestones_actual": {str(k): bool(v) for k, v in self.milestone_actual.items()}}


def _label(abs_month: int) -> str | None:
    return format_month(int(abs_month)) if abs_month >= 0 else None


def annotate(result, st: StartState) -> None:
    """Attach the as-built view to `result` and replace the dates the real figures decide."""
    T = len(result.months)
    first, done = st.phase_first_month(), st.phase_done_month()
    for p, state in enumerate(st.phase_state):
        if state in (DONE, UNDER_WAY):
            result.phase_start[p] = result.phase_build_start[p] = _label(first[p])
        if state == DONE:
            result.phase_end[p] = _label(done[p])
    actual = {}
    for m in result.milestones:
        reached = st.milestone_reached(m)
        actual[m] = reached >= 0
        if reached >= 0:
            result.milestones[m] = format_month(reached)
    units = np.asarray(result.commune_units, dtype=np.int64)
    result.as_built = AsBuiltView(
        as_of=st.as_of_month, as_of_index=st.as_of, actual=st.actual_series(T), commune_built=st.commune_built(),
        phase_state=list(st.phase_state), phase_done=[_label(d) if s == DONE else None
                                                     for d, s in zip(done, st.phase_state)],
        milestone_actual=actual, commune_actual_50=st.commune_reached(units, 50),
        commune_actual_100=st.commune_reached(units, 100), notes=list(st.notes), source=st.source, state=st)


def milestone_text(result, pct: int, lang: str = "fr") -> str:
    """'66 % — T3 2022, actual' for a milestone the real figures passed, '66 % — 2024-03' for a planned one."""
    month = result.milestones.get(pct)
    if month is None:
        return f"{pct} % — " + ("non atteint" if lang == "fr" else "not reached")
    ab = getattr(result, "as_built", None)
    if ab is not None and ab.milestone_actual.get(pct):
        from planner.core.months import parse_month

        return f"{pct} % — {quarter_label(parse_month(month), lang)}, {ACTUAL_WORD.get(lang, 'actual')}"
    return f"{pct} % — {month}"


def status_of_communes(result) -> np.ndarray:
    """Per commune: 'built' (all units built at the as-of month), 'under way' (some), 'planned' (units in a
    phase, none built yet) or 'unplanned' (no unit in any phase nor built)."""
    C = len(result.commune_units)
    units = np.asarray(result.commune_units, dtype=np.int64)
    ab = getattr(result, "as_built", None)
    built = ab.commune_built if ab is not None else np.zeros(C, dtype=np.int64)
    planned = np.zeros(C, dtype=np.int64)
    inp = result.inputs
    if inp is not None:
        inside = inp.cell_commune >= 0
        np.add.at(planned, inp.cell_commune[inside], inp.cell_units[inside])
    out = np.full(C, "unplanned", dtype=object)
    out[planned > 0] = "planned"
    out[built > 0] = "under way"
    out[(built >= units) & (units > 0)] = "built"
    return out


def add_to_json(out: dict, result, codes) -> None:
    """The as-built parts of the simulate JSON: `as_of`, the territory's `actual` series (months up to as_of,
    null before the first figure), per phase its `state`, per commune `built_at_as_of` and `status`."""
    ab = result.as_built
    out["as_of"] = ab.as_of
    out["as_built"] = ab.to_json_dict()
    out["territory"]["actual"] = list(ab.actual)
    for i, name in enumerate(result.phase_names):
        out["phases"][name]["state"] = ab.phase_state[i]
    status = status_of_communes(result)
    for i, code in enumerate(codes):
        entry = out["communes"][str(code)]
        entry["built_at_as_of"] = int(ab.commune_built[i])
        entry["status"] = str(status[i])


def commune_marketable_connected(result) -> tuple[np.ndarray, np.ndarray]:
    """Marketable and connected units per commune and month by the territory's rules; with an as-built start the
    units built before the run's start become marketable and connected as they really would have."""
    from planner.core.simulation.coverage import marketable_and_connected

    elig = np.asarray(result.commune_eligible)
    ab = getattr(result, "as_built", None)
    pre = ab.state.commune_pre_start() if ab is not None and ab.state is not None else None
    if pre is None or pre.shape[1] == 0:
        return marketable_and_connected(elig, result.inputs)
    m, c = marketable_and_connected(np.concatenate([pre, elig], axis=1), result.inputs)
    return m[:, pre.shape[1]:], c[:, pre.shape[1]:]
