"""The project model: layers (communes, premises, others), phases, scenarios — plain data, no Qt.

All coordinates are Lambert-93 metres (EPSG:2154). Months are 'YYYY-MM' strings.
Columns are numpy arrays (one value per feature) so that nothing loops over features in Python.
"""
from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely

from planner.core.project.cost_model import CostModel

L93 = "EPSG:2154"


@dataclass
class LayerStyle:
    """How a layer is drawn: fill/outline colours ('#rrggbb'), opacity 0..1, visibility, point size in px."""

    fill: str = "#f2efe6"
    outline: str = "#7a7a7a"
    opacity: float = 1.0
    visible: bool = True
    point_size: float = 3.0


@dataclass(eq=False)  # identity: a layer can key a weak cache (its arrays make field equality meaningless)
class Layer:
    """A vector layer in EPSG:2154.

    kind: 'polygon', 'point' or 'line'.
    For points, `x`/`y` hold the coordinates (float64) and `geometries` may be None (built on demand).
    For polygons/lines, `geometries` is a numpy object array of shapely geometries.
    `fields` maps column name -> numpy array (len == feature count).
    """

    name: str
    kind: str
    fields: dict[str, np.ndarray] = field(default_factory=dict)
    geometries: np.ndarray | None = None
    x: np.ndarray | None = None
    y: np.ndarray | None = None
    source: str = ""
    source_crs: str = L93
    style: LayerStyle = field(default_factory=LayerStyle)
    warnings: list[str] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)  # what the reader guessed (columns, CRS, units), for new/import

    def __len__(self) -> int:
        if self.kind == "point" and self.x is not None:
            return int(len(self.x))
        return 0 if self.geometries is None else int(len(self.geometries))

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(xmin, ymin, xmax, ymax) of the layer; NaNs when empty."""
        if len(self) == 0:
            return (np.nan, np.nan, np.nan, np.nan)
        if self.kind == "point" and self.x is not None:
            return (float(self.x.min()), float(self.y.min()), float(self.x.max()), float(self.y.max()))
        return tuple(float(v) for v in shapely.total_bounds(self.geometries))

    def point_geometries(self) -> np.ndarray:
        """Shapely points for a point layer (built once, on demand)."""
        if self.geometries is None:
            self.geometries = shapely.points(self.x, self.y)
        return self.geometries

    def field_names(self) -> list[str]:
        return list(self.fields)

    def __getstate__(self):  # a copy in another process (the writer) keeps the content token of these arrays
        from planner.core.project.content_tokens import content_token

        return {**self.__dict__, "_content_token": content_token(self)}

    def __setstate__(self, state):
        from planner.core.project.content_tokens import adopt_token

        state = dict(state)
        token = state.pop("_content_token", "")
        self.__dict__.update(state)
        adopt_token(self, token)


@dataclass
class Communes:
    """The commune layer role: a polygon layer with INSEE codes, names and (optionally) a units field."""

    layer: Layer
    code_field: str = "code_insee"
    name_field: str = "nom"
    units_field: str | None = None

    @property
    def codes(self) -> np.ndarray:
        return self.layer.fields[self.code_field].astype(str)

    @property
    def names(self) -> np.ndarray:
        if self.name_field in self.layer.fields:
            return self.layer.fields[self.name_field].astype(str)
        return self.codes

    def code_of(self, row: int) -> str:
        """`codes[row]` without converting the whole column (a page of an atlas of 4,485 communes)."""
        return str(np.asarray(self.layer.fields[self.code_field][row:row + 1]).astype(str)[0])

    def name_of(self, row: int) -> str:
        """`names[row]` without converting the whole column."""
        if self.name_field not in self.layer.fields:
            return self.code_of(row)
        return str(np.asarray(self.layer.fields[self.name_field][row:row + 1]).astype(str)[0])

    @property
    def geometries(self) -> np.ndarray:
        return self.layer.geometries

    @property
    def units(self) -> np.ndarray:
        """Units per commune from the units field (0 where missing), int64."""
        if self.units_field and self.units_field in self.layer.fields:
            v = np.asarray(self.layer.fields[self.units_field], dtype=float)
            return np.nan_to_num(v, nan=0.0).round().astype(np.int64)
        return np.zeros(len(self.layer), dtype=np.int64)

    def index_of(self, code: str) -> int:
        """Row of a commune by INSEE code; KeyError if absent."""
        hits = np.flatnonzero(self.codes == str(code))
        if len(hits) == 0:
            raise KeyError(code)
        return int(hits[0])

    def __len__(self) -> int:
        return len(self.layer)


@dataclass
class Premises:
    """The premise layer role: points with a number of units each (dwellings + business premises)."""

    layer: Layer
    units_field: str | None = None
    insee_field: str | None = None

    @property
    def x(self) -> np.ndarray:
        return self.layer.x

    @property
    def y(self) -> np.ndarray:
        return self.layer.y

    @property
    def units(self) -> np.ndarray:
        """Units per premise (>= 0, default 1), int64."""
        if self.units_field and self.units_field in self.layer.fields:
            v = np.array(self.layer.fields[self.units_field], dtype=float)  # one copy, cleaned in place
            np.nan_to_num(v, copy=False, nan=1.0)
            np.clip(v, 0, None, out=v)
            np.round(v, out=v)
            return v.astype(np.int64)
        return np.ones(len(self.layer), dtype=np.int64)

    def __len__(self) -> int:
        return len(self.layer)


@dataclass
class Dependency:
    """Phase `phase_id` must reach `pct` % of its units eligible (100 = finished) before the dependent starts."""

    phase_id: int
    pct: float = 100.0


@dataclass
class Phase:
    """An ordered piece of the rollout: a zone (drawn polygons and/or picked communes) and its build parameters."""

    id: int
    name: str
    color: str = "#1f77b4"
    zone: Any = None  # shapely Polygon/MultiPolygon in EPSG:2154, drawn by hand; None if only communes
    communes: list[str] = field(default_factory=list)  # INSEE codes picked into the phase
    earliest_start: str | None = None  # 'YYYY-MM'; None = project start
    crews: float = 2.0
    units_per_crew_month: float = 150.0
    study_months: int = 3
    ramp_months: int = 2
    depends_on: list[Dependency] = field(default_factory=list)
    order: str = "by_commune"  # or 'pro_rata'
    commune_order: str = "largest"  # 'manual' (the `communes` order), 'largest', 'nearest'
    origin: tuple[float, float] | None = None  # for commune_order == 'nearest'
    use_pool: bool = False  # True: crews come from the scenario's crew pool
    fixed_cost_eur: float | None = None  # paid when studies start; None = the scenario's CostModel.phase_fixed_eur
    #: premises whose `premise_field` value is one of `premise_values` belong to the phase (phases below the
    #: commune: one per PM zone code such as IPE's ReferencePM); their outline is drawn from the premises
    premise_field: str | None = None
    premise_values: list[str] = field(default_factory=list)

    def copy(self) -> "Phase":
        return copy.deepcopy(self)


DEFAULT_CALENDAR = [1.0] * 7 + [0.5] + [1.0] * 4  # August at half pace


@dataclass
class CrewPool:
    """A shared pool of crews with a staffing plan: list of ('YYYY-MM', crews from that month on)."""

    plan: list[tuple[str, float]] = field(default_factory=list)


@dataclass
class TakeUp:
    """Logistic take-up after marketability: connected share = max_share / (1 + exp(-k (t - midpoint)))."""

    max_share: float = 0.7
    midpoint_months: float = 18.0
    steepness: float = 0.25


@dataclass
class Scenario:
    """One set of simulation parameters over the same phases.

    `phase_overrides` maps phase id -> {field name: value} (e.g. {'crews': 4}) applied over the phase's own values.
    """

    name: str = "Base"
    start: str = "2018-01"
    horizon_months: int = 120
    calendar: list[float] = field(default_factory=lambda: list(DEFAULT_CALENDAR))
    marketing_delay_months: int = 3
    take_up: TakeUp = field(default_factory=TakeUp)
    crew_pool: CrewPool | None = None
    phase_overrides: dict[int, dict[str, Any]] = field(default_factory=dict)
    uncertainty: dict[str, Any] = field(default_factory=dict)  # e.g. {'productivity': ['triangular', -0.2, 0.2]}
    costs: CostModel = field(default_factory=CostModel)  # density classes, fixed cost per phase, budget
    # as-built start (planner/core/simulation/start_state.py): plan from what is really built at `as_of`
    use_as_built: bool = True  # False: plan from nothing, ignoring the project's actual figures
    as_of: str | None = None  # 'YYYY-MM'; None = the latest month with an actual figure
    resume_at: str | None = None  # 'YYYY-MM': remaining work starts no earlier (None = the month after as_of)
    resume_studies: bool = False  # phases under way redo their studies when they resume
    resume_ramp: bool = False  # phases under way ramp up again when they resume

    def copy(self, name: str | None = None) -> "Scenario":
        s = copy.deepcopy(self)
        if name is not None:
            s.name = name
        return s

    def phase_value(self, phase: Phase, name: str):
        """A phase parameter as seen by this scenario (override if any, else the phase's own)."""
        return self.phase_overrides.get(phase.id, {}).get(name, getattr(phase, name))


PHASE_PALETTE = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#bcbd22", "#393b79", "#ad494a", "#637939", "#7b4173", "#3182bd", "#e6550d", "#31a354",
]


@dataclass(eq=False)  # identity, as for Layer: hashable, usable as a weak key
class Project:
    """Everything a planner edits and saves: layers, phases, scenarios, settings and the view."""

    name: str = "Untitled"
    communes: Communes | None = None
    premises: Premises | None = None
    extra_layers: list[Layer] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)
    scenarios: list[Scenario] = field(default_factory=lambda: [Scenario()])
    active_scenario: int = 0
    settings: dict[str, Any] = field(default_factory=dict)
    view: dict[str, Any] = field(default_factory=dict)  # e.g. {'extent': [xmin, ymin, xmax, ymax]}
    path: str | None = None
    as_built: Any = None  # planner.core.project.as_built.AsBuilt: the actual figures kept (None: none)
    revision: int = 0  # bumped by every command; observers compare it

    @property
    def scenario(self) -> Scenario:
        return self.scenarios[self.active_scenario]

    def snapshot(self, into: "Project | None" = None) -> "Project":
        """A copy that a worker thread may read (or write to a file) while the UI keeps editing this project.

        The big arrays (layer coordinates, geometries, field columns) and phase zones (immutable shapely
        geometries) are shared, since commands replace them rather than edit them in place; everything else is
        deep-copied (~1 ms for the Gers sample). `into`: an existing Project to fill (keeps its identity).
        """
        memo: dict[int, object] = {}
        for layer in self.layers():
            for arr in (layer.x, layer.y, layer.geometries, *layer.fields.values()):
                if arr is not None:
                    memo[id(arr)] = arr
        for phase in self.phases:
            if phase.zone is not None:
                memo[id(phase.zone)] = phase.zone
        target = into if into is not None else Project()
        for f in dataclasses.fields(Project):
            setattr(target, f.name, copy.deepcopy(getattr(self, f.name), memo))
        return target

    def layers(self) -> list[Layer]:
        """All layers, bottom to top: communes, extra layers, premises."""
        out = []
        if self.communes is not None:
            out.append(self.communes.layer)
        out.extend(self.extra_layers)
        if self.premises is not None:
            out.append(self.premises.layer)
        return out

    def phase_by_id(self, phase_id: int) -> Phase:
        for p in self.phases:
            if p.id == phase_id:
                return p
        raise KeyError(phase_id)

    def phase_by_name(self, name: str) -> Phase:
        for p in self.phases:
            if p.name == name:
                return p
        raise KeyError(name)

    def next_phase_id(self) -> int:
        return max((p.id for p in self.phases), default=0) + 1

    def next_phase_color(self) -> str:
        return PHASE_PALETTE[len(self.phases) % len(PHASE_PALETTE)]

    def territory_units(self) -> int:
        """All premise units of the territory (premise layer if any, else the commune units field)."""
        if self.premises is not None:
            return int(self.premises.units.sum())
        if self.communes is not None:
            return int(self.communes.units.sum())
        return 0
