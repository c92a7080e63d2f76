"""A scenario's cost model <-> JSON value of the project file, every value checked (SchemaError names it).

Written by `planner.io.project.schema.scenario_to_json` (dataclasses become objects, tuples lists) and read back
here: `{"classes": [{"name", "min_density", "eur_per_unit", "effort"}, ...], "area_field", "override_field",
"phase_fixed_eur", "budget": [[year, euros], ...]}`.
"""
from __future__ import annotations

from planner.core.project.cost_model import CostModel, DensityClass
from planner.io.project.schema import SchemaError, _dict, _int, _list, _num, _str


def _class_from_json(d, where: str) -> DensityClass:
    d = _dict(d, where)
    c = DensityClass(name=_str(d.get("name", ""), f"{where}.name"),
                     min_density=_num(d.get("min_density", 0.0), f"{where}.min_density", lo=0),
                     eur_per_unit=_num(d.get("eur_per_unit", 0.0), f"{where}.eur_per_unit", lo=0))
    if "effort" in d:
        c.effort = _num(d["effort"], f"{where}.effort", lo=0)
        if c.effort <= 0:
            raise SchemaError(f"{where}.effort", "the effort must be > 0")
    return c


def cost_model_from_json(d, where: str) -> CostModel:
    """The CostModel of a scenario read from a file (missing keys keep their defaults)."""
    d = _dict(d, where)
    cm = CostModel()
    if "classes" in d:
        cm.classes = [_class_from_json(c, f"{where}.classes[{i}]")
                      for i, c in enumerate(_list(d["classes"], f"{where}.classes"))]
    for key in ("area_field", "override_field"):
        if key in d:
            setattr(cm, key, _str(d[key], f"{where}.{key}", allow_none=True) or None)
    if "phase_fixed_eur" in d:
        cm.phase_fixed_eur = _num(d["phase_fixed_eur"], f"{where}.phase_fixed_eur", lo=0)
    if "budget" in d:
        steps = []
        for i, step in enumerate(_list(d["budget"], f"{where}.budget")):
            w = f"{where}.budget[{i}]"
            step = _list(step, w)
            if len(step) != 2:
                raise SchemaError(w, "expected [year, euros]")
            steps.append((_int(step[0], w, lo=1), _num(step[1], w, lo=0)))
        cm.budget = steps
    return cm
