"""The project's as-built state (planner/core/project/as_built.py) <-> the JSON value of the `as_built` key of
the `rp_project` table, every value checked (a damaged or hostile file gives a SchemaError naming the value).

    {"snapshots": [
       {"level": "communes", "source": "arcep.csv", "imported": "2026-12-05",
        "quarters": ["2017-09", "2017-12", "2018-03"],                 # each quarter's last month
        "figures": {"32013": [5364, 5364, 5808], "32107": [0, null, 12], ...}},   # null = no figure
       {"level": "premises", "source": "ipe_2019-06.csv", "imported": "2026-12-05",
        "state_field": "EtatImmeuble", "built_states": ["deploye"], "date_field": null, "month": "2019-06"}]}
"""
from __future__ import annotations

import math

import numpy as np

from planner.core.months import format_month, parse_month
from planner.core.project.as_built import AsBuilt, CommuneSnapshot, PremiseSnapshot
from planner.io.project.schema import SchemaError, _dict, _list, _month, _str


def as_built_to_json(ab: AsBuilt | None):
    if ab is None:
        return None
    out = []
    for s in ab.snapshots:
        if isinstance(s, CommuneSnapshot):
            v = np.asarray(s.values, dtype=float)
            rows = [[None if math.isnan(x) else (int(x) if float(x).is_integer() else float(x)) for x in r]
                    for r in v.tolist()]
            out.append({"level": "communes", "source": s.source, "imported": s.imported,
                        "quarters": [format_month(q) for q in s.quarters],
                        "figures": {str(c): r for c, r in zip(s.codes, rows)}})
        else:
            out.append({"level": "premises", "source": s.source, "imported": s.imported,
                        "state_field": s.state_field, "built_states": list(s.built_states),
                        "date_field": s.date_field, "month": None if s.month is None else format_month(s.month)})
    return {"snapshots": out}


def _figure(x, where: str) -> float:
    if x is None:
        return math.nan
    if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x) or x < 0:
        raise SchemaError(where, f"expected a number of premises >= 0 or null, found {x!r}")
    return float(x)


def _commune_snapshot(d: dict, w: str) -> CommuneSnapshot:
    quarters = [parse_month(_month(q, f"{w}.quarters[{i}]")) for i, q in enumerate(_list(d.get("quarters"), f"{w}.quarters"))]
    if len(set(quarters)) != len(quarters):
        raise SchemaError(f"{w}.quarters", "a quarter is listed twice")
    figures = _dict(d.get("figures") or {}, f"{w}.figures")
    codes, rows = [], []
    for code, row in figures.items():
        wr = f"{w}.figures[{code}]"
        row = _list(row, wr)
        if len(row) != len(quarters):
            raise SchemaError(wr, f"expected {len(quarters)} figures (one per quarter), found {len(row)}")
        codes.append(_str(code, wr))
        rows.append([_figure(x, wr) for x in row])
    values = np.array(rows, dtype=float).reshape(len(codes), len(quarters))
    order = np.argsort(quarters, kind="stable")
    return CommuneSnapshot(source=_str(d.get("source", ""), f"{w}.source"), quarters=[quarters[i] for i in order],
                           codes=codes, values=values[:, order], imported=_str(d.get("imported", ""), f"{w}.imported"))


def _premise_snapshot(d: dict, w: str) -> PremiseSnapshot:
    states = [_str(x, f"{w}.built_states") for x in _list(d.get("built_states") or [], f"{w}.built_states")]
    month = _month(d.get("month"), f"{w}.month", allow_none=True)
    s = PremiseSnapshot(source=_str(d.get("source", ""), f"{w}.source"),
                        state_field=_str(d.get("state_field"), f"{w}.state_field", allow_none=True),
                        date_field=_str(d.get("date_field"), f"{w}.date_field", allow_none=True),
                        month=None if month is None else parse_month(month),
                        imported=_str(d.get("imported", ""), f"{w}.imported"))
    if states:
        s.built_states = states
    if not (s.state_field or s.date_field):
        raise SchemaError(w, "a premise snapshot needs a state field or a date field")
    return s


def as_built_from_json(value, where: str = "as_built") -> AsBuilt | None:
    if value is None:
        return None
    snaps = []
    for i, d in enumerate(_list(_dict(value, where).get("snapshots") or [], f"{where}.snapshots")):
        w = f"{where}.snapshots[{i}]"
        d = _dict(d, w)
        level = d.get("level")
        if level == "communes":
            snaps.append(_commune_snapshot(d, w))
        elif level == "premises":
            snaps.append(_premise_snapshot(d, w))
        else:
            raise SchemaError(f"{w}.level", f"expected 'communes' or 'premises', found {level!r}")
    return AsBuilt(snaps)
