"""The as-built start of a run (DESIGN §4 step 0): up to the as-of month the real history, after it the plan.

API (for the simulation, goal seek, uncertainty, comparison and the calibrated projection):

    start_state_for(project, assignment, scenario, inp) -> StartState | None
        the start of a run from `project.as_built` at `scenario.as_of` (None = the latest actual month,
        kept inside the simulated months), or None when the project has no actual figures or the scenario
        plans from nothing (`scenario.use_as_built = False`). `inputs_from` attaches it as `inp.start_state`.
    StartState.remaining(inp) -> SimInputs     the work still to do, as engine inputs (no start state)
    StartState.phase_base(T), commune_base(T), other_base(T), territory_base(T), cell_base(T)
        the real figures per month of the run: history up to `as_of`, held after it (int64 arrays)
    cell_series(inp) -> int64[K, T]            eligible units of every cell of the inputs (history + plan)

Rules (docs/simulation.md, "Starting from what is built"):
- Figures are per commune and quarter (regulator's tables) or per premise (a premise snapshot). Between two
  published quarters a commune keeps its last published figure (a step); before its first figure it has 0.
  Per commune, premise data decides when it marks any premise of the commune built, else commune figures.
- Figures above a commune's units are capped (listed in `notes`), figures of communes without units are left
  out (listed), figures dated after the as-of month are left out (noted).
- A commune's built units fill its (phase, commune) cells in phase order (the plan's priority); what exceeds
  its planned units is built outside any phase (it counts for the commune and the territory).
- A phase is `done` when all its units are built (it ended in the month its figures first reached them), `under
  way` when some are, `not begun` otherwise. The remaining work: each cell keeps its unbuilt units in build
  order; phases under way resume the month after `as_of` without studies or ramp (unless the scenario's
  `resume_studies` / `resume_ramp`), phases not begun start as scheduled but not before that month (nor before
  `scenario.resume_at`); a dependency already met by the real figures is dropped, one not yet met waits for the
  units still missing.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np

from planner.core.errors import ParameterError
from planner.core.months import format_month, parse_month, quarter_label
from planner.core.simulation.costs import remaining_costs
from planner.core.simulation.inputs import SimInputs

DONE, UNDER_WAY, NOT_BEGUN = "done", "under_way", "not_begun"
PRE_START_MONTHS = 60  # months of history before the scenario start kept for the marketing delay and take-up


@dataclass
class StartState:
    """The real state of a run up to its as-of month.

    `start` absolute month of the run's month 0; `as_of` month offset (0..T-1) at whose end the state holds;
    `points` absolute months of the figures kept (sorted, <= the as-of month; may precede `start`);
    `cell_points` int64[K, Q] built units of each cell of the inputs at each point, `other_points`
    int64[C + 1, Q] built units outside every phase per commune (last row: outside every commune);
    `phase_state` per phase ('done', 'under_way', 'not_begun'); `notes` messages for the planner
    (capped figures, figures left out) naming the file and the communes; `source` the files used.
    """

    start: int
    as_of: int
    points: np.ndarray
    cell_points: np.ndarray
    other_points: np.ndarray
    phase_units: np.ndarray
    cell_phase: np.ndarray
    cell_commune: np.ndarray
    n_communes: int
    total_units: int
    phase_state: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source: str = ""
    resume_at: int = 0  # month offset: no remaining work starts before it (>= as_of + 1)
    resume_studies: bool = False
    resume_ramp: bool = False
    premise_months: np.ndarray | None = None  # int64[N] absolute month each premise was built (-1 not), if known
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    # --- figures at the points --------------------------------------------------------------------
    @property
    def as_of_month(self) -> str:
        return format_month(self.start + self.as_of)

    def phase_points(self) -> np.ndarray:
        """int64[P, Q] built units of each phase at each point (computed once; do not modify)."""
        if "phase" not in self._cache:
            out = np.zeros((len(self.phase_units), len(self.points)), dtype=np.int64)
            np.add.at(out, self.cell_phase, self.cell_points)
            self._cache["phase"] = out
        return self._cache["phase"]

    def commune_points(self) -> np.ndarray:
        """int64[C, Q] built units of each commune (in a phase or not) at each point (computed once)."""
        if "commune" not in self._cache:
            out = self.other_points[: self.n_communes].copy()
            inside = self.cell_commune >= 0
            np.add.at(out, self.cell_commune[inside], self.cell_points[inside])
            self._cache["commune"] = out
        return self._cache["commune"]

    def territory_points(self) -> np.ndarray:
        if "territory" not in self._cache:
            self._cache["territory"] = self.cell_points.sum(axis=0) + self.other_points.sum(axis=0)
        return self._cache["territory"]

    @property
    def cell_built(self) -> np.ndarray:
        """int64[K] built units of each cell at the as-of month."""
        return self.cell_points[:, -1] if len(self.points) else np.zeros(len(self.cell_phase), dtype=np.int64)

    def phase_built(self) -> np.ndarray:
        pts = self.phase_points()
        return pts[:, -1] if len(self.points) else np.zeros(len(self.phase_units), dtype=np.int64)

    def commune_built(self) -> np.ndarray:
        """int64[C] built units of each commune at the as-of month."""
        pts = self.commune_points()
        return pts[:, -1] if len(self.points) else np.zeros(self.n_communes, dtype=np.int64)

    # --- figures per month of the run -----------------------------------------------------------------
    def point_index(self, T: int) -> np.ndarray:
        """For each month of the run, the index of the last point at or before min(month, as-of); -1 none."""
        months = self.start + np.minimum(np.arange(T), self.as_of)
        return np.searchsorted(self.points, months, side="right") - 1

    def _base(self, pts: np.ndarray, T: int) -> np.ndarray:
        j = self.point_index(T)
        if pts.shape[-1] == 0:
            return np.zeros(pts.shape[:-1] + (T,), dtype=np.int64)
        out = pts[..., np.maximum(j, 0)]  # a new array (fancy indexing): callers may modify it
        out[..., j < 0] = 0
        return out

    def phase_base(self, T: int) -> np.ndarray:
        return self._base(self.phase_points(), T)

    def commune_base(self, T: int) -> np.ndarray:
        return self._base(self.commune_points(), T)

    def add_commune_base(self, ce: np.ndarray) -> None:
        """Add `commune_base` to a (C, T) array in place, without building it: the history is gathered over the
        months up to the as-of month only, the as-of figures are broadcast over the months after it."""
        T = ce.shape[1]
        a = min(self.as_of + 1, T)
        pts = self.commune_points()
        if pts.shape[1] == 0:
            return
        j = self.point_index(a)
        head = pts[:, np.maximum(j, 0)]
        head[:, j < 0] = 0
        ce[:, :a] += head
        if a < T:
            ce[:, a:] += pts[:, j[-1]][:, None] if j[-1] >= 0 else 0

    def cell_base(self, T: int) -> np.ndarray:
        return self._base(self.cell_points, T)

    def other_base(self, T: int) -> np.ndarray:
        """int64[T] units built outside every phase (history, then held)."""
        return self._base(self.other_points.sum(axis=0), T)

    def territory_base(self, T: int) -> np.ndarray:
        return self._base(self.territory_points(), T)

    def actual_series(self, T: int) -> list:
        """The territory's actual eligible units for months 0..as_of (None before the first figure)."""
        j = self.point_index(T)[: self.as_of + 1]
        tot = self.territory_points()
        return [int(tot[i]) if i >= 0 else None for i in j]

    def pre_start(self) -> np.ndarray:
        """Territory eligible units in the months before the run's start (from the first point, at most
        PRE_START_MONTHS), for the marketing delay and take-up of units built before the start."""
        if not len(self.points) or self.points[0] >= self.start:
            return np.zeros(0, dtype=np.int64)
        first = max(int(self.points[0]), self.start - PRE_START_MONTHS)
        months = np.arange(first, self.start)
        j = np.searchsorted(self.points, months, side="right") - 1
        tot = self.territory_points()
        return np.where(j >= 0, tot[np.maximum(j, 0)], 0).astype(np.int64)

    def commune_pre_start(self) -> np.ndarray:
        """int64[C, M] each commune's eligible units in the months before the run's start (the same months as
        `pre_start`), for the marketing delay and take-up of communes built before the start."""
        n = len(self.pre_start())
        if n == 0:
            return np.zeros((self.n_communes, 0), dtype=np.int64)
        months = np.arange(self.start - n, self.start)
        j = np.searchsorted(self.points, months, side="right") - 1
        pts = self.commune_points()
        out = pts[:, np.maximum(j, 0)]
        out[:, j < 0] = 0
        return out

    def commune_first_month(self) -> np.ndarray:
        """Absolute month of each commune's first real units (-1 none by the as-of month)."""
        return self._first_point(self.commune_points(), np.ones(self.n_communes, dtype=np.int64))

    # --- dates -----------------------------------------------------------------------------------------
    def _first_point(self, pts: np.ndarray, need: np.ndarray) -> np.ndarray:
        """Absolute month of the first point where each row reaches `need` (-1 never)."""
        if not len(self.points):
            return np.full(len(pts), -1, dtype=np.int64)
        hit = pts >= need[:, None]
        return np.where(hit.any(axis=1), self.points[hit.argmax(axis=1)], -1)

    def phase_first_month(self) -> np.ndarray:
        """Absolute month of each phase's first real units (-1 none)."""
        return self._first_point(self.phase_points(), np.ones(len(self.phase_units), dtype=np.int64))

    def phase_done_month(self) -> np.ndarray:
        """Absolute month each phase was complete according to the figures (-1 not complete)."""
        U = self.phase_units
        done = self._first_point(self.phase_points(), np.maximum(U, 1))
        return np.where(U > 0, done, -1)

    def commune_reached(self, units: np.ndarray, pct: float) -> np.ndarray:
        """Absolute month each commune's real figures first reach pct % of its units (-1 not by the as-of)."""
        need = np.ceil(units * pct / 100.0 - 1e-9).astype(np.int64)
        out = self._first_point(self.commune_points(), np.maximum(need, 1))
        return np.where(units > 0, out, -1)

    def milestone_reached(self, pct: float) -> int:
        """Absolute month the territory's real figures first reach pct % (-1 not by the as-of month)."""
        need = np.array([int(np.ceil(self.total_units * pct / 100.0 - 1e-9))])
        if self.total_units <= 0:
            return -1
        return int(self._first_point(self.territory_points()[None, :], np.maximum(need, 1))[0])

    # --- the remaining work ----------------------------------------------------------------------------
    def remaining(self, inp: SimInputs) -> SimInputs:
        """Engine inputs for the work still to do after the as-of month (see the module docstring)."""
        built_p = self.phase_built()
        U = inp.phase_units - built_p
        state = np.array(self.phase_state)
        under = state == UNDER_WAY
        first = max(self.as_of + 1, self.resume_at)
        earliest = np.maximum(inp.earliest, first)
        study = np.where(under & ~self.resume_studies, 0, inp.study)
        ramp = np.where(under & ~self.resume_ramp, 0, inp.ramp)
        rest = inp.cell_units - self.cell_built
        keep = rest > 0
        need = np.ceil(inp.phase_units[inp.dep_phase] * inp.dep_pct / 100.0 - 1e-9).astype(np.int64)
        missing = need - built_p[inp.dep_phase]
        wait = missing > 0
        pct = np.where(wait, 100.0 * missing / np.maximum(U[inp.dep_phase], 1), 100.0)
        return dataclasses.replace(
            inp, phase_units=U, earliest=earliest, study=study, ramp=ramp,
            cell_phase=inp.cell_phase[keep], cell_commune=inp.cell_commune[keep], cell_units=rest[keep],
            dep_phase=inp.dep_phase[wait], dep_dependent=inp.dep_dependent[wait], dep_pct=pct[wait],
            start_state=None, **remaining_costs(inp, keep, state != NOT_BEGUN, self.as_of))

    def kept_cells(self, inp: SimInputs) -> np.ndarray:
        """Indices (into the inputs' cells) of the cells `remaining` keeps, in its order."""
        return np.flatnonzero(inp.cell_units - self.cell_built > 0)


# ------------------------------------------------------------------ building the state
def _step_fill(values: np.ndarray) -> np.ndarray:
    """Carry each row's last figure forward over missing ones (NaN); 0 before the first figure."""
    if values.shape[1] == 0:
        return np.zeros(values.shape)
    have = ~np.isnan(values)
    idx = np.where(have, np.arange(values.shape[1])[None, :], -1)
    np.maximum.accumulate(idx, axis=1, out=idx)
    out = np.take_along_axis(np.nan_to_num(values), np.maximum(idx, 0), axis=1)
    out[idx < 0] = 0.0
    return out


def _names(project, rows, limit: int = 8) -> str:
    codes, names = project.communes.codes, project.communes.names
    shown = [f"{names[r]} ({codes[r]})" for r in rows[:limit]]
    more = f" and {len(rows) - limit} more" if len(rows) > limit else ""
    return ", ".join(shown) + more


def _commune_figures(project, table, units: np.ndarray, as_of_abs: int, notes: list[str]):
    """(quarters <= as-of, capped step-filled figures float[C, Q]) of the merged commune table."""
    src = ", ".join(dict.fromkeys(table.sources))
    late = table.quarters > as_of_abs
    if late.any():
        labels = ", ".join(quarter_label(int(q)) for q in table.quarters[late])
        notes.append(f"{src}: figures after the as-of month {format_month(as_of_abs)} left out ({labels})")
    quarters, values = table.quarters[~late], table.values[:, ~late]
    filled = _step_fill(values)
    peak = filled.max(axis=1, initial=0.0)
    empty = np.flatnonzero((units <= 0) & (peak > 0))
    if len(empty):
        notes.append(f"{src}: figures for {len(empty)} commune(s) without premises left out: "
                     f"{_names(project, empty)}")
    over = np.flatnonzero((units > 0) & (peak > units))
    if len(over):
        listed = ", ".join(f"{project.communes.names[r]} ({project.communes.codes[r]}) {int(peak[r]):,} > "
                           f"{int(units[r]):,}" for r in over[:8])
        more = f" and {len(over) - 8} more" if len(over) > 8 else ""
        notes.append(f"{src}: figures above the commune's units capped for {len(over)} commune(s): {listed}{more}")
    return quarters, np.minimum(filled, np.maximum(units, 0)[:, None])


def _cells_from_communes(inp: SimInputs, commune_pts: np.ndarray):
    """Built units per cell (K, Q) and outside every phase per commune (C + 1, Q) from commune figures:
    each commune's built units fill its cells in phase order."""
    K, Q = len(inp.cell_phase), commune_pts.shape[1]
    C = len(inp.commune_units)
    cells = np.zeros((K, Q), dtype=np.int64)
    inside = np.flatnonzero(inp.cell_commune >= 0)
    order = inside[np.lexsort((inp.cell_phase[inside], inp.cell_commune[inside]))]
    cc, cu = inp.cell_commune[order], inp.cell_units[order]
    cum = np.cumsum(cu) - cu
    firsts = np.searchsorted(cc, cc)  # position of each cell's commune's first cell
    before = cum - cum[firsts] if len(cum) else cum
    pts = commune_pts.astype(np.int64)
    cells[order] = np.clip(pts[cc] - before[:, None], 0, cu[:, None])
    planned = np.bincount(cc, weights=cu, minlength=C).astype(np.int64)
    other = np.zeros((C + 1, Q), dtype=np.int64)
    other[:C] = pts - np.minimum(pts, planned[:, None])
    return cells, other


def _cells_from_premises(inp: SimInputs, assignment, units: np.ndarray, months: np.ndarray, points: np.ndarray):
    """Built units per cell (K, Q) and outside every phase (C + 1, Q) from each premise's built month."""
    K, Q, C = len(inp.cell_phase), len(points), len(inp.commune_units)
    ph = np.asarray(assignment.premise_phase, dtype=np.int64)
    co = np.asarray(assignment.premise_commune, dtype=np.int64)
    built = np.flatnonzero((months >= 0) & (months <= (points[-1] if Q else -1)))
    j = np.searchsorted(points, months[built], side="left")
    C1 = C + 1
    cell_key = inp.cell_phase.astype(np.int64) * C1 + (inp.cell_commune + 1)
    order = np.argsort(cell_key, kind="stable")
    sorted_keys = cell_key[order]
    in_phase = ph[built] >= 0
    key = ph[built] * C1 + (co[built] + 1)
    pos = np.clip(np.searchsorted(sorted_keys, key), 0, max(K - 1, 0))
    found = in_phase & (sorted_keys[pos] == key) if K else np.zeros(len(built), dtype=bool)
    u = units[built]
    cells = np.bincount(order[pos[found]] * Q + j[found], weights=u[found], minlength=K * Q).reshape(K, Q)
    rows = np.where(co[built] >= 0, co[built], C)[~found]
    other = np.bincount(rows * Q + j[~found], weights=u[~found], minlength=C1 * Q).reshape(C1, Q)
    return np.cumsum(cells, axis=1).astype(np.int64), np.cumsum(other, axis=1).astype(np.int64)


def _resolve_as_of(scenario, latest: int | None, start: int, T: int) -> int | None:
    """Month offset of the as-of month: the scenario's (checked) or the latest actual month kept inside the run."""
    if scenario.as_of not in (None, ""):
        try:
            a = parse_month(scenario.as_of)
        except ValueError as exc:
            raise ParameterError(str(exc), field="as_of") from None
        if a < start:
            raise ParameterError(f"the as-of month {scenario.as_of} is before the scenario start "
                                 f"{format_month(start)}", field="as_of")
        if a > start + T - 1:
            raise ParameterError(f"the as-of month {scenario.as_of} is past the horizon (last simulated month "
                                 f"{format_month(start + T - 1)})", field="as_of")
        return a - start
    if latest is None:
        return None
    return int(np.clip(latest - start, 0, T - 1))


def _phase_states(phase_units: np.ndarray, built: np.ndarray) -> list[str]:
    return [DONE if u > 0 and b >= u else UNDER_WAY if b > 0 else NOT_BEGUN
            for u, b in zip(phase_units.tolist(), built.tolist())]


def _premise_overlay(project, assignment, inp, pmonths, points, as_of_abs, cells, other):
    """Cells and outside-phase figures where premise data decides (communes where it marks a premise built)."""
    C = len(inp.commune_units)
    pu = np.asarray(project.premises.units, dtype=np.int64)
    pc, po = _cells_from_premises(inp, assignment, pu, pmonths, points)
    covered = np.zeros(C + 1, dtype=bool)
    marked = np.asarray(assignment.premise_commune, dtype=np.int64)[(pmonths >= 0) & (pmonths <= as_of_abs)]
    covered[np.where(marked >= 0, marked, C)] = True
    cell_cov = covered[np.where(inp.cell_commune >= 0, inp.cell_commune, C)]
    return np.where(cell_cov[:, None], pc, cells), np.where(covered[:, None], po, other)


def _history(project, assignment, inp, table, pmonths, psnap, as_of_abs: int, notes: list[str]):
    """(points, cell figures K×Q, outside-phase figures (C+1)×Q) from commune tables and premise months."""
    units = np.asarray(inp.commune_units, dtype=np.int64)
    quarters, figures = np.zeros(0, dtype=np.int64), np.zeros((len(units), 0))
    if table is not None:
        quarters, figures = _commune_figures(project, table, units, as_of_abs, notes)
    pts_premise = np.zeros(0, dtype=np.int64)
    if pmonths is not None:
        late = pmonths > as_of_abs
        if late.any():
            notes.append(f"{psnap.source}: {int(late.sum()):,} premise(s) built after the as-of month "
                         f"{format_month(as_of_abs)} left out")
        pts_premise = np.unique(pmonths[(pmonths >= 0) & ~late])
    points = np.union1d(quarters, pts_premise).astype(np.int64)
    j = np.searchsorted(quarters, points, side="right") - 1
    commune_pts = np.where(j >= 0, figures[:, np.maximum(j, 0)], 0.0) if len(quarters) else \
        np.zeros((len(units), len(points)))
    cells, other = _cells_from_communes(inp, commune_pts)
    if pmonths is not None and len(points):
        cells, other = _premise_overlay(project, assignment, inp, pmonths, points, as_of_abs, cells, other)
    return points, cells, other


def start_state_for(project, assignment, scenario, inp: SimInputs) -> StartState | None:
    """The as-built start of a run of `inp` (see the module docstring); None without actual figures."""
    ab = getattr(project, "as_built", None)
    if ab is None or not getattr(scenario, "use_as_built", True) or not ab.snapshots:
        return None
    from planner.core.project.as_built import premise_built_months

    start, T = int(inp.start), int(inp.horizon)
    psnap = ab.premise_snapshot()
    pmonths = None
    if psnap is not None and project.premises is not None and len(assignment.premise_phase) == len(project.premises):
        pmonths = premise_built_months(project.premises, psnap)
    a = _resolve_as_of(scenario, ab.latest_month(pmonths), start, T)
    if a is None:
        return None
    notes: list[str] = []
    table = ab.commune_table(project.communes) if project.communes is not None else None
    points, cells, other = _history(project, assignment, inp, table, pmonths, psnap, start + a, notes)
    sources = list(dict.fromkeys(table.sources if table else [])) + ([psnap.source] if psnap is not None else [])
    st = StartState(start=start, as_of=a, points=points, cell_points=cells, other_points=other,
                    phase_units=np.asarray(inp.phase_units, dtype=np.int64), cell_phase=inp.cell_phase,
                    cell_commune=inp.cell_commune, n_communes=len(inp.commune_units),
                    total_units=int(inp.total_units), notes=notes, source=", ".join(sources),
                    resume_studies=bool(getattr(scenario, "resume_studies", False)),
                    resume_ramp=bool(getattr(scenario, "resume_ramp", False)), premise_months=pmonths)
    st.phase_state = _phase_states(st.phase_units, st.phase_built())
    st.resume_at = a + 1
    if getattr(scenario, "resume_at", None):
        try:
            st.resume_at = max(a + 1, parse_month(scenario.resume_at) - start)
        except ValueError as exc:
            raise ParameterError(str(exc), field="resume_at") from None
    return st


def cell_series(inp: SimInputs) -> np.ndarray:
    """int64[K, T] eligible units of every cell of the inputs, month by month (real history, then the plan)."""
    from planner.core.simulation.coverage import commune_eligible
    from planner.core.simulation.engine import run_phases

    st = inp.start_state
    core = st.remaining(inp) if st is not None else inp
    built = run_phases(core, 1).built[0]
    K = len(core.cell_phase)
    as_cells = dataclasses.replace(core, cell_commune=np.arange(K), commune_units=np.zeros(K, dtype=np.int64))
    planned = commune_eligible(as_cells, built)
    if st is None:
        return planned
    out = st.cell_base(inp.horizon)
    out[st.kept_cells(inp)] += planned
    return out
