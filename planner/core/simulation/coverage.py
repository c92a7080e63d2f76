"""Coverage simulation (DESIGN §4): `simulate(project)` -> `SimulationResult`, plus the regulator-style tables.

Public API (see docs/simulation.md for the model itself):

    simulate(project, assignment=None, scenario=None, *, progress=None, cancel=None) -> SimulationResult
    run(inputs: SimInputs) -> SimulationResult            # the engine on plain arrays (no project needed)
    inputs_from(project, assignment, scenario=None) -> SimInputs
    commune_quarter_table(result, project, lang='fr') -> (header: list[str], rows: list[list])
    to_json_dict(result, project) -> dict                  # the JSON schema of issue 4
    milestone_month(coverage_pct, months, pct) -> 'YYYY-MM' | None

`scenario` may be a Scenario, a scenario name or None (the project's active scenario). A run is
deterministic: the same inputs give the same arrays.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from planner.core.errors import ParameterError
from planner.core.months import format_month, parse_month, quarter_label
from planner.core.progress import check_cancel
from planner.core.simulation.engine import run_phases
from planner.core.simulation.inputs import SimInputs, inputs_from
from planner.core.simulation.spend import CostOutputs, cost_json, cost_outputs

MILESTONES = (50, 66, 100)

__all__ = ["SimulationResult", "simulate", "run", "inputs_from", "SimInputs", "commune_quarter_table",
           "to_json_dict", "milestone_month", "MILESTONES", "take_up_curve"]


@dataclass
class SimulationResult:
    """One simulation run. Month t of every series is `months[t]` ('YYYY-MM'); series hold cumulative units
    at the end of the month.

    Territory: `units` (all units, planned or not), `eligible`, `marketable`, `connected` int64[T],
    `coverage_pct` float[T] (eligible / units × 100), `marketable_pct`, `connected_pct`.
    Phases (P, in project order): `phase_names`, `phase_ids`, `phase_units` int64[P], `phase_eligible`
    int64[P,T], `phase_start`, `phase_build_start`, `phase_end` lists of 'YYYY-MM' or None (not within the
    horizon; `phase_end` = month the last unit is built).
    Communes (C, rows of project.communes): `commune_units` int64[C], `commune_eligible` int64[C,T],
    `commune_month_50` / `commune_month_100` int64[C] month index at which the commune reaches 50 % / 100 %
    of its units (-1: never, or no units).
    `milestones` {50: 'YYYY-MM' | None, 66: ..., 100: ...} months territory coverage first reaches that %.
    `unplanned_units` units in no phase (never eligible).
    """

    scenario: str
    start: str
    months: list[str]
    units: int
    eligible: np.ndarray
    marketable: np.ndarray
    connected: np.ndarray
    coverage_pct: np.ndarray
    marketable_pct: np.ndarray
    connected_pct: np.ndarray
    phase_names: list[str]
    phase_ids: list[int]
    phase_units: np.ndarray
    phase_eligible: np.ndarray
    phase_start: list[str | None]
    phase_build_start: list[str | None]
    phase_end: list[str | None]
    commune_units: np.ndarray
    commune_eligible: np.ndarray
    commune_month_50: np.ndarray
    commune_month_100: np.ndarray
    milestones: dict[int, str | None]
    unplanned_units: int
    inputs: SimInputs | None = field(default=None, repr=False)
    costs: CostOutputs | None = field(default=None, repr=False)  # money (planner/core/simulation/spend.py)
    as_built: "object | None" = field(default=None, repr=False)  # AsBuiltView (as_built_result.py) or None
    #: project.revision the result was computed from (set by `simulate`; -1 when unknown)
    revision: int = -1

    def month_index(self, month: str) -> int:
        """Index of a 'YYYY-MM' month in the series (ParameterError when outside the horizon)."""
        i = parse_month(month) - parse_month(self.start)
        if not 0 <= i < len(self.months):
            raise ParameterError(f"{month} is outside the simulated months {self.months[0]}..{self.months[-1]}")
        return i

    def marketable_connected(self, eligible: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Marketable and connected series for any eligible series [..., T] of this run (a phase's row, some
        communes' rows), by the same rules as the territory's (marketing delay, take-up)."""
        return marketable_and_connected(np.asarray(eligible), self.inputs)

    def commune_quarter(self, row: int, pct: int = 50, lang: str = "fr") -> str | None:
        """Quarter label ('T1 2019') in which commune `row` passes `pct` (50 or 100) % of its units."""
        m = (self.commune_month_50 if pct == 50 else self.commune_month_100)[row]
        ab = self.as_built  # reached in the real figures (possibly before the run's start): that quarter
        real = -1 if ab is None else int((ab.commune_actual_50 if pct == 50 else ab.commune_actual_100)[row])
        if real >= 0:
            return quarter_label(real, lang)
        return None if m < 0 else quarter_label(parse_month(self.start) + int(m), lang)


def take_up_curve(take_up: tuple[float, float, float], horizon: int) -> np.ndarray:
    """Connected share a months after marketability: max_share / (1 + exp(-k (a - midpoint))), a = 0..T-1."""
    share, mid, k = take_up
    a = np.arange(horizon, dtype=float)
    return share / (1.0 + np.exp(-k * (a - mid)))


def marketable_and_connected(eligible: np.ndarray, inp: SimInputs) -> tuple[np.ndarray, np.ndarray]:
    """Marketable = eligible `marketing_delay` months earlier; connected = take-up convolved over the month
    each unit became marketable, floored to whole units. Works on [..., T] arrays."""
    T = eligible.shape[-1]
    d = int(inp.marketing_delay)
    marketable = np.zeros_like(eligible)
    if d < T:
        marketable[..., d:] = eligible[..., : T - d]
    new = np.diff(marketable, axis=-1, prepend=0).astype(float)
    f = take_up_curve(inp.take_up, T)
    # connected[t] = sum_{m <= t} new[m] * f[t - m], as one product with a triangular (T, T) matrix
    lag = np.arange(T)[None, :] - np.arange(T)[:, None]
    F = np.where(lag >= 0, f[np.clip(lag, 0, T - 1)], 0.0)
    conn = new @ F
    connected = np.floor(conn + 1e-9).astype(np.int64)
    return marketable, np.minimum(connected, marketable)


def milestone_month(coverage_pct: np.ndarray, months: list[str], pct: float) -> str | None:
    """First month whose coverage reaches `pct` %, or None."""
    hit = np.flatnonzero(coverage_pct >= pct - 1e-9)
    return months[int(hit[0])] if len(hit) else None


def _labels(offsets: np.ndarray, start: int, horizon: int) -> list[str | None]:
    return [format_month(start + int(o)) if o < horizon else None for o in offsets]


def _first_reaching(eligible: np.ndarray, units: np.ndarray, pct: float) -> np.ndarray:
    """Month index where each row first reaches pct % of its units (-1 never or no units)."""
    need = np.ceil(units * pct / 100.0 - 1e-9)
    hit = eligible >= need[:, None]  # real figures may fall back (corrections): the first month reaching it
    first = hit.argmax(axis=1)
    return np.where(hit[np.arange(len(first)), first] & (units > 0), first, -1)


def commune_eligible(inp: SimInputs, built: np.ndarray) -> np.ndarray:
    """Per commune (C, T) eligible units from each phase's built units (P, T): by_commune fills cells in build
    order, pro_rata gives each cell floor(cell units × built / phase units)."""
    cp, cu = inp.cell_phase, inp.cell_units
    C = len(inp.commune_units)
    offset = np.cumsum(cu) - cu
    first = np.searchsorted(cp, np.arange(inp.n_phases))
    offset = offset - offset[first[cp]] if len(cp) else offset
    # cells in commune order (cells outside every commune dropped), gathered once and clipped in place
    keep = np.flatnonzero(inp.cell_commune >= 0)
    keep = keep[np.argsort(inp.cell_commune[keep], kind="stable")]
    cc, cp, cu, offset = inp.cell_commune[keep], cp[keep], cu[keep], offset[keep]
    cell = built[cp]
    cell -= offset[:, None]
    np.clip(cell, 0, cu[:, None], out=cell)
    pr = inp.pro_rata[cp]
    if pr.any():
        U = inp.phase_units[cp[pr]]
        cell[pr] = (cu[pr, None] * built[cp[pr]]) // U[:, None]
    starts = np.flatnonzero(np.diff(cc, prepend=-1))
    if len(cc) == C and len(starts) == C:  # one cell for every commune, in commune order: the result itself
        return cell.astype(np.int64, copy=False)
    out = np.zeros((C, inp.horizon), dtype=np.int64)
    if len(starts) == len(cc):  # one cell per commune: no sum needed
        out[cc] = cell
    elif len(cc):
        out[cc[starts]] = np.add.reduceat(cell, starts, axis=0)
    return out


def run(inp: SimInputs, *, with_communes: bool = True) -> SimulationResult:
    """Run the model on validated inputs and assemble the result (DESIGN §4 steps 0–6).

    With an as-built start (`inp.start_state`) the engine builds only the remaining work; the real history
    is added below it (planner/core/simulation/start_state.py)."""
    st = inp.start_state
    core = st.remaining(inp) if st is not None else inp
    ph = run_phases(core, 1)
    built, phase_elig = ph.built[0], ph.eligible[0]
    T = inp.horizon
    months = [format_month(inp.start + i) for i in range(T)]
    if st is not None:
        phase_elig = phase_elig + st.phase_base(T)
    eligible = phase_elig.sum(axis=0) + (st.other_base(T) if st is not None else 0)
    if st is not None and len(pre := st.pre_start()):
        mk, cn = marketable_and_connected(np.concatenate([pre, eligible]), inp)
        marketable, connected = mk[len(pre):], cn[len(pre):]
    else:
        marketable, connected = marketable_and_connected(eligible, inp)
    units = int(inp.total_units)
    scale = 100.0 / units if units > 0 else 0.0
    coverage = eligible * scale
    if with_communes:
        ce = commune_eligible(core, built)
        if st is not None:
            st.add_commune_base(ce)
    else:
        ce = np.zeros((len(inp.commune_units), T), dtype=np.int64)
    cu = inp.commune_units
    result = SimulationResult(
        scenario=inp.scenario_name, start=format_month(inp.start), months=months, units=units,
        eligible=eligible, marketable=marketable, connected=connected, coverage_pct=coverage,
        marketable_pct=marketable * scale, connected_pct=connected * scale,
        phase_names=list(inp.phase_names), phase_ids=list(inp.phase_ids), phase_units=inp.phase_units.copy(),
        phase_eligible=phase_elig,
        phase_start=_labels(ph.start[0], inp.start, T), phase_build_start=_labels(ph.build_start[0], inp.start, T),
        phase_end=_labels(ph.end[0], inp.start, T),
        commune_units=cu, commune_eligible=ce,
        commune_month_50=_first_reaching(ce, cu, 50), commune_month_100=_first_reaching(ce, cu, 100),
        milestones={m: milestone_month(coverage, months, m) for m in MILESTONES},
        unplanned_units=inp.unplanned_units, inputs=inp, costs=cost_outputs(core, ph),
    )
    if st is not None:
        from planner.core.simulation.as_built_result import annotate

        annotate(result, st)
    return result


def _scenario(project, scenario):
    if scenario is None:
        return project.scenario
    if isinstance(scenario, str):
        for s in project.scenarios:
            if s.name == scenario:
                return s
        names = ", ".join(s.name for s in project.scenarios)
        raise ParameterError(f"no scenario named {scenario!r} (have: {names})", field="scenario")
    return scenario


def simulate(project, assignment=None, scenario=None, *, progress=None, cancel=None) -> SimulationResult:
    """Simulate a project: assign premises if no `assignment` is given, resolve the scenario, run the model."""
    sc = _scenario(project, scenario)
    if assignment is None:
        from planner.core.phases.assignment import assign

        assignment = assign(project, progress=progress, cancel=cancel)
    check_cancel(cancel)
    if progress:
        progress(0.5, "simulating")
    inp = inputs_from(project, assignment, sc)
    result = run(inp)
    result.revision = int(getattr(project, "revision", -1))
    if progress:
        progress(1.0, "simulated")
    return result


def commune_quarter_table(result: SimulationResult, project, lang: str = "fr") -> tuple[list[str], list[list]]:
    """Regulator-style table: header ['code_insee', 'nom', 'units', 'T1 2019', ...] and one row per commune
    (eligible units at the end of each quarter; a partial last quarter shows its last simulated month)."""
    start = parse_month(result.start)
    T = len(result.months)
    abs_months = start + np.arange(T)
    quarter_end = (abs_months % 3 == 2) | (np.arange(T) == T - 1)
    cols = np.flatnonzero(quarter_end)
    header = ["code_insee", "nom", "units"] + [quarter_label(int(abs_months[c]), lang) for c in cols]
    codes = project.communes.codes
    names = project.communes.names
    values = result.commune_eligible[:, cols]
    rows = [[str(codes[i]), str(names[i]), int(result.commune_units[i])] + values[i].tolist()
            for i in range(len(codes))]
    return header, rows


def to_json_dict(result: SimulationResult, project, communes: bool = True) -> dict:
    """The result in the JSON schema of issue 4 (plain Python types, ready for json.dump).

    `communes=False` leaves `communes` None (planner/io/exports/simulation_json.py writes them from the arrays).
    """
    codes = project.communes.codes if project.communes is not None else []
    names = project.communes.names if project.communes is not None else []
    ce = result.commune_eligible.tolist() if communes else None
    out = {
        "scenario": result.scenario,
        "start": result.start,
        "months": list(result.months),
        "territory": {
            "units": int(result.units),
            "eligible": result.eligible.tolist(),
            "marketable": result.marketable.tolist(),
            "connected": result.connected.tolist(),
            "coverage_pct": [round(float(v), 4) for v in result.coverage_pct],
        },
        "phases": {
            name: {"units": int(result.phase_units[i]), "start": result.phase_start[i],
                   "build_start": result.phase_build_start[i], "end": result.phase_end[i]}
            for i, name in enumerate(result.phase_names)
        },
        "communes": {
            str(codes[i]): {"name": str(names[i]), "units": int(result.commune_units[i]), "eligible": ce[i]}
            for i in range(len(codes))
        } if communes else None,
        "milestones": {str(m): result.milestones[m] for m in MILESTONES},
        "unplanned_units": int(result.unplanned_units),
    }
    if result.costs is not None:
        money = cost_json(result)
        out["territory"].update(money["territory"])
        for name, extra in money["phases"].items():
            out["phases"][name].update(extra)
    if result.as_built is not None:
        from planner.core.simulation.as_built_result import add_to_json

        add_to_json(out, result, codes)
    return out
