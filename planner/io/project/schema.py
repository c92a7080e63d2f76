"""Project model <-> JSON values and phase rows of the project file, with type checks and schema migrations.

Everything here is plain data: JSON text (never pickle, never eval) and Python lists/dicts. A value read from a
file is checked before it reaches the model, so a hostile or damaged file gives a clear `InputError`.
"""
from __future__ import annotations

import dataclasses
import json
import math
from typing import Any, Callable

import numpy as np

from planner.core.errors import InputError
from planner.core.project.model import CrewPool, Dependency, LayerStyle, Phase, Scenario, TakeUp
from planner.core.months import parse_month

#: the version this code writes; `migrate` brings older files up to it
SCHEMA_VERSION = 1
#: JSON values read from a file may nest this deep (settings, scenarios, phase fields need a handful)
MAX_JSON_DEPTH = 64
#: scenario bounds the simulation model needs (planner/core/simulation/inputs.py checks the same)
MAX_HORIZON_MONTHS = 1200

#: columns of the `phases` layer, in order, with their kind ('int', 'float', 'str', 'bool', 'json')
PHASE_COLUMNS: list[tuple[str, str]] = [
    ("id", "int"),
    ("order", "int"),  # position in the project's phase list (priority), 1-based
    ("name", "str"),
    ("color", "str"),
    ("earliest_start", "str"),
    ("crews", "float"),
    ("units_per_crew_month", "float"),
    ("study_months", "int"),
    ("ramp_months", "int"),
    ("depends_on", "json"),
    ("order_mode", "str"),  # Phase.order: 'by_commune' or 'pro_rata'
    ("commune_order", "str"),
    ("origin", "json"),
    ("use_pool", "bool"),
    ("communes", "json"),
    ("extra", "json"),  # any Phase field added later, as a JSON object
]
_PHASE_EXPLICIT = {"id", "name", "color", "earliest_start", "crews", "units_per_crew_month", "study_months",
                   "ramp_months", "depends_on", "order", "commune_order", "origin", "use_pool", "communes", "zone"}


class SchemaError(ValueError):
    """A value in the file has the wrong type or form; `where` names it (e.g. "scenarios[0].calendar")."""

    def __init__(self, where: str, what: str):
        self.where = where
        super().__init__(f"{where}: {what}")


# ---------------------------------------------------------------- JSON helpers
def _json_default(value):
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"cannot store a {type(value).__name__} in a project file")


def dumps(value: Any, where: str = "value") -> str:
    """Compact JSON text of `value` (numpy scalars/arrays allowed); SchemaError for anything else."""
    try:
        return json.dumps(value, default=_json_default, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise SchemaError(where, str(exc)) from None


def loads(text: Any, where: str) -> Any:
    """Parse JSON text read from a file; SchemaError if it is not text or not JSON."""
    if text is None:
        return None
    if not isinstance(text, str):
        raise SchemaError(where, f"expected JSON text, found {type(text).__name__}")
    try:
        value = json.loads(text, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(f"{c} is not allowed")))
    except ValueError as exc:
        raise SchemaError(where, f"not valid JSON ({exc})") from None
    except RecursionError:  # the C decoder gives up on thousands of nested brackets
        raise SchemaError(where, f"JSON nested more than {MAX_JSON_DEPTH} levels deep") from None
    # fewer brackets than the limit cannot nest deeper: a phase's list of thousands of codes is not walked
    if text.count("[") + text.count("{") > MAX_JSON_DEPTH and json_depth(value) > MAX_JSON_DEPTH:
        raise SchemaError(where, f"JSON nested more than {MAX_JSON_DEPTH} levels deep")
    return value


def json_depth(value, limit: int | None = None) -> int:
    """Nesting depth of a parsed JSON value (0 for a scalar), without recursion; stops past `limit`."""
    limit = MAX_JSON_DEPTH + 1 if limit is None else limit
    deepest, stack = 0, [(value, 0)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, (list, dict)):
            d += 1
            deepest = max(deepest, d)
            if deepest > limit:
                return deepest
            stack.extend((x, d) for x in (v.values() if isinstance(v, dict) else v))
    return deepest


def _plain(value):
    """Dataclass/tuple/numpy value -> JSON-able value (dict keys as text)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value


# ---------------------------------------------------------------- checks
def _num(v, where, lo=None, hi=None) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        raise SchemaError(where, f"expected a number, found {v!r}")
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        raise SchemaError(where, f"{v!r} is out of range")
    return float(v)


def _int(v, where, lo=None, hi=None) -> int:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, bool) or not isinstance(v, int):
        raise SchemaError(where, f"expected a whole number, found {v!r}")
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        bounds = f" (from {lo} to {hi})" if lo is not None and hi is not None else ""
        raise SchemaError(where, f"{v!r} is out of range{bounds}")
    return v


def _str(v, where, allow_none=False):
    if v is None and allow_none:
        return None
    if not isinstance(v, str):
        raise SchemaError(where, f"expected text, found {v!r}")
    return v


def _month(v, where, allow_none=False):
    v = _str(v, where, allow_none)
    if v is None:
        return None
    try:
        parse_month(v)
    except ValueError as exc:
        raise SchemaError(where, str(exc)) from None
    return v.strip()


def _bool(v, where) -> bool:
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)) and v in (0, 1):
        return bool(v)
    raise SchemaError(where, f"expected true/false, found {v!r}")


def _list(v, where) -> list:
    if not isinstance(v, list):
        raise SchemaError(where, f"expected a list, found {type(v).__name__}")
    return v


def _dict(v, where) -> dict:
    if not isinstance(v, dict):
        raise SchemaError(where, f"expected an object, found {type(v).__name__}")
    return v


def _color(v, where) -> str:
    v = _str(v, where)
    if not (len(v) in (7, 9) and v[0] == "#" and all(c in "0123456789abcdefABCDEF" for c in v[1:])):
        raise SchemaError(where, f"expected a colour '#rrggbb', found {v!r}")
    return v


def _json_only(v, where):
    """Any JSON value (already parsed) — checked to be made of plain JSON types only."""
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if isinstance(v, list):
        return [_json_only(x, where) for x in v]
    if isinstance(v, dict):
        return {_str(k, where): _json_only(x, where) for k, x in v.items()}
    raise SchemaError(where, f"unexpected value {v!r}")


# ---------------------------------------------------------------- scenarios
def scenario_to_json(s: Scenario) -> dict:
    return _plain(s)


def _crew_pool_from_json(value, w: str) -> CrewPool:
    plan = _list(_dict(value, w).get("plan", []), f"{w}.plan")
    steps = []
    for i, step in enumerate(plan):
        step = _list(step, f"{w}.plan[{i}]")
        if len(step) != 2:
            raise SchemaError(f"{w}.plan[{i}]", "expected [month, crews]")
        steps.append((_month(step[0], f"{w}.plan[{i}]"), _num(step[1], f"{w}.plan[{i}]", lo=0)))
    return CrewPool(plan=steps)


def _overrides_from_json(value, w: str) -> dict[int, dict]:
    out = {}
    for pid, over in _dict(value, w).items():
        try:
            pid_int = int(pid)
        except ValueError:
            raise SchemaError(w, f"phase id {pid!r} is not a number") from None
        out[pid_int] = dict(_json_only(_dict(over, f"{w}[{pid}]"), f"{w}[{pid}]"))
    return out


def scenario_from_json(d, where: str) -> Scenario:
    d = _dict(d, where)
    s = Scenario()
    known = {f.name for f in dataclasses.fields(Scenario)}
    for key, value in d.items():
        w = f"{where}.{key}"
        if key == "name":
            s.name = _str(value, w)
        elif key == "start":
            s.start = _month(value, w)
        elif key == "horizon_months":
            s.horizon_months = _int(value, w, lo=1, hi=MAX_HORIZON_MONTHS)
        elif key == "calendar":
            cal = [_num(x, w, lo=0, hi=100) for x in _list(value, w)[:13]]
            if len(cal) != 12:
                raise SchemaError(w, f"expected 12 monthly factors, found {len(cal)}")
            s.calendar = cal
        elif key == "marketing_delay_months":
            s.marketing_delay_months = _int(value, w, lo=0, hi=MAX_HORIZON_MONTHS)
        elif key == "take_up":
            t = _dict(value, w)
            bounds = {"max_share": (0, 1), "midpoint_months": (-MAX_HORIZON_MONTHS, MAX_HORIZON_MONTHS),
                      "steepness": (0, 100)}
            s.take_up = TakeUp(**{k: _num(t[k], f"{w}.{k}", *bounds[k]) for k in bounds if k in t})
        elif key == "crew_pool":
            s.crew_pool = None if value is None else _crew_pool_from_json(value, w)
        elif key == "phase_overrides":
            s.phase_overrides = _overrides_from_json(value, w)
        elif key == "uncertainty":
            s.uncertainty = _json_only(_dict(value, w), w)
        elif key == "costs":
            from planner.io.project.cost_schema import cost_model_from_json

            s.costs = cost_model_from_json(value, w)
        elif key in ("as_of", "resume_at"):  # as-built start (planner/core/simulation/start_state.py)
            setattr(s, key, _month(value, w, allow_none=True))
        elif key in ("use_as_built", "resume_studies", "resume_ramp"):
            setattr(s, key, _bool(value, w))
        elif key in known:  # a field added to Scenario after this code: plain JSON value
            setattr(s, key, _json_only(value, w))
    if "costs" not in d:  # saved before costs existed: keep the pace it had (every effort 1)
        from planner.core.project.cost_model import legacy_cost_model

        s.costs = legacy_cost_model()
    return s


# ---------------------------------------------------------------- layer styles / layer descriptions
def style_to_json(st: LayerStyle) -> dict:
    return _plain(st)


def style_from_json(d, where: str) -> LayerStyle:
    d = _dict(d, where)
    st = LayerStyle()
    for key, value in d.items():
        w = f"{where}.{key}"
        if key in ("fill", "outline"):
            setattr(st, key, _color(value, w))
        elif key == "opacity":
            st.opacity = _num(value, w, lo=0, hi=1)
        elif key == "visible":
            st.visible = _bool(value, w)
        elif key == "point_size":
            st.point_size = _num(value, w, lo=0)
    return st


# ---------------------------------------------------------------- phases
def phase_to_row(phase: Phase, position: int) -> dict:
    """One row of the `phases` layer (without the zone geometry)."""
    extra = {f.name: _plain(getattr(phase, f.name)) for f in dataclasses.fields(Phase)
             if f.name not in _PHASE_EXPLICIT}
    return {
        "id": int(phase.id),
        "order": int(position),
        "name": str(phase.name),
        "color": str(phase.color),
        "earliest_start": phase.earliest_start,
        "crews": float(phase.crews),
        "units_per_crew_month": float(phase.units_per_crew_month),
        "study_months": int(phase.study_months),
        "ramp_months": int(phase.ramp_months),
        "depends_on": dumps([[int(d.phase_id), float(d.pct)] for d in phase.depends_on], "depends_on"),
        "order_mode": str(phase.order),
        "commune_order": str(phase.commune_order),
        "origin": dumps(None if phase.origin is None else [float(phase.origin[0]), float(phase.origin[1])], "origin"),
        "use_pool": bool(phase.use_pool),
        "communes": dumps([str(c) for c in phase.communes], "communes"),
        "extra": dumps(extra, "extra"),
    }


def phase_from_row(row: dict, zone, where: str) -> tuple[int, Phase]:
    """(order, Phase) from a row of the `phases` layer, every value checked."""
    def w(k):
        return f"{where}.{k}"

    p = Phase(id=_int(row.get("id"), w("id")), name=_str(row.get("name"), w("name")))
    p.zone = zone
    order = _int(row.get("order", 0), w("order"))
    if row.get("color") is not None:
        p.color = _color(row["color"], w("color"))
    p.earliest_start = _month(row.get("earliest_start"), w("earliest_start"), allow_none=True)
    for key in ("crews", "units_per_crew_month"):
        if row.get(key) is not None:
            setattr(p, key, _num(row[key], w(key), lo=0))
    for key in ("study_months", "ramp_months"):
        if row.get(key) is not None:
            setattr(p, key, _int(row[key], w(key), lo=0, hi=MAX_HORIZON_MONTHS))
    deps = loads(row.get("depends_on"), w("depends_on")) or []
    p.depends_on = []
    for i, dep in enumerate(_list(deps, w("depends_on"))):
        wi = f"{w('depends_on')}[{i}]"
        if isinstance(dep, dict):
            dep = [dep.get("phase_id"), dep.get("pct", 100.0)]
        dep = _list(dep, wi)
        if len(dep) != 2:
            raise SchemaError(wi, "expected [phase id, percent]")
        p.depends_on.append(Dependency(_int(dep[0], wi), _num(dep[1], wi, lo=0, hi=100)))
    mode = row.get("order_mode")
    if mode is not None:
        p.order = _str(mode, w("order_mode"))
        if p.order not in ("by_commune", "pro_rata"):
            raise SchemaError(w("order_mode"), f"unknown order {p.order!r}")
    if row.get("commune_order") is not None:
        p.commune_order = _str(row["commune_order"], w("commune_order"))
        if p.commune_order not in ("manual", "largest", "nearest"):
            raise SchemaError(w("commune_order"), f"unknown commune order {p.commune_order!r}")
    origin = loads(row.get("origin"), w("origin"))
    if origin is not None:
        origin = _list(origin, w("origin"))
        if len(origin) != 2:
            raise SchemaError(w("origin"), "expected [x, y]")
        p.origin = (_num(origin[0], w("origin")), _num(origin[1], w("origin")))
    if row.get("use_pool") is not None:
        p.use_pool = _bool(row["use_pool"], w("use_pool"))
    communes = loads(row.get("communes"), w("communes")) or []
    where_communes = w("communes")
    p.communes = [_str(c, where_communes) for c in _list(communes, where_communes)]
    extra = loads(row.get("extra"), w("extra")) or {}
    known = {f.name for f in dataclasses.fields(Phase)}
    for key, value in _dict(extra, w("extra")).items():
        if key in known and key not in _PHASE_EXPLICIT:
            setattr(p, key, _json_only(value, w(key)))
    return order, p


# ---------------------------------------------------------------- migrations
#: MIGRATIONS[v] upgrades a raw project (meta dict, phase rows) from schema v to v + 1, in place
MIGRATIONS: dict[int, Callable[[dict, list[dict]], None]] = {}


def migration(from_version: int):
    """Register a function upgrading (meta, phase_rows) from `from_version` to `from_version + 1`."""
    def register(fn):
        MIGRATIONS[from_version] = fn
        return fn
    return register


@migration(0)
def _v0_to_v1(meta: dict, rows: list[dict]) -> None:
    """Version 0 (prototype files): 'project_name', a single 'scenario', phase column 'mode'."""
    if "project_name" in meta and "name" not in meta:
        meta["name"] = meta.pop("project_name")
    if "scenario" in meta and "scenarios" not in meta:
        meta["scenarios"] = [meta.pop("scenario")]
        meta.setdefault("active_scenario", 0)
    for row in rows:
        if "mode" in row and "order_mode" not in row:
            row["order_mode"] = row.pop("mode")


def migrate(meta: dict, rows: list[dict], path) -> None:
    """Bring a raw project to SCHEMA_VERSION in place; InputError for newer or unknown versions."""
    version = meta.get("schema_version", 0)
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise InputError(path, f"schema_version {version!r} is not a version number")
    if version > SCHEMA_VERSION:
        raise InputError(path, f"written by a newer Rollout Planner (schema {version}); "
                               f"this version reads up to {SCHEMA_VERSION}")
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise InputError(path, f"no migration from schema {version}")
        step(meta, rows)
        version += 1
    meta["schema_version"] = version
