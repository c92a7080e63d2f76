"""A calibration as text (command line), as JSON (`calibrate --json`) and as a productivity distribution.

    summary_lines(cal) -> list[str]
    effort_classes(cal) -> [(class name, effort)]   # classes whose build effort is not 1 (paces count effort 1)
    to_json_dict(cal) -> dict
    uncertainty_spec(cal) -> dict | None      # Scenario.uncertainty from the 90 % intervals
    triangular_from_interval(lo, hi) -> [ 'triangular', a, 0, b ]

The distribution: each fitted factor's interval, relative to the fitted value, becomes a triangular
distribution with its mode at the fitted value whose 5 % and 95 % quantiles are the interval's ends (so the
uncertainty runs draw 90 % of their paces inside the interval). The territory's draw is shared by all phases
of a run (`productivity_shared`: one pace for the territory, as it was fitted); a phase with its own fit gets
its own draw (`productivity_phases`), independent of the others (fitted on other communes).
"""
from __future__ import annotations

import math

import numpy as np

MIN_RELATIVE = -0.95  # a draw never takes the pace below 5 % of the fitted one


def _triangular_quantiles(a: float, b: float) -> tuple[float, float]:
    """5 % and 95 % quantiles of triangular(a, 0, b)."""
    f0 = -a / (b - a)

    def q(p):
        return a + math.sqrt(p * (b - a) * -a) if p < f0 else b - math.sqrt((1 - p) * (b - a) * b)

    return q(0.05), q(0.95)


def triangular_from_interval(lo_rel: float, hi_rel: float) -> list | None:
    """['triangular', a, 0, b] (mode 0) whose 5 %/95 % quantiles are lo_rel ≤ 0 ≤ hi_rel (None if lo = hi)."""
    L, H = max(-float(lo_rel), 0.0), max(float(hi_rel), 0.0)
    if L + H <= 1e-12:
        return None
    lo_r, hi_r = -30.0, 30.0  # log of the ratio (−a)/b, found by bisection; then the scale
    for _ in range(200):
        mid = 0.5 * (lo_r + hi_r)
        q05, q95 = _triangular_quantiles(-math.exp(mid), 1.0)
        if -q05 * H - q95 * L < 0:
            lo_r = mid
        else:
            hi_r = mid
    a, b = -math.exp(0.5 * (lo_r + hi_r)), 1.0
    q05, q95 = _triangular_quantiles(a, b)
    scale = H / q95 if abs(q95) > 1e-12 else L / -q05
    a, b = a * scale, b * scale
    return ["triangular", round(max(a, MIN_RELATIVE), 6), 0.0, round(b, 6)]


def _relative(factor, lo, hi):
    if lo is None or hi is None or not factor:
        return None
    return triangular_from_interval(lo / factor - 1.0, hi / factor - 1.0)


def uncertainty_spec(cal) -> dict | None:
    """The scenario's productivity distribution from the intervals (None when an interval is missing)."""
    t = cal.territory
    shared = _relative(t.factor, t.factor_lo, t.factor_hi)
    if shared is None:
        return None
    spec = {"productivity_shared": shared}
    own = {}
    for row in cal.phases:
        if row.source == "phase":  # its own draw; 'start' phases take the territory's pace, so its draw
            d = _relative(row.factor, row.factor_lo, row.factor_hi)
            if d is None:
                return None
            own[str(row.phase_id)] = d
    if own:
        spec["productivity_phases"] = own
    return spec


def _r(v, nd=4):
    return None if v is None or (isinstance(v, float) and not math.isfinite(v)) else round(float(v), nd)


def _lohi(lo, hi, nd=4):
    if lo is None:
        return None
    if nd == 0:  # start shifts: whole months
        return {"lo": int(lo), "hi": int(hi)}
    return {"lo": _r(lo, nd), "hi": _r(hi, nd)}


def to_json_dict(cal) -> dict:
    """The JSON of `calibrate --json` (fields of issue 12, plus per-phase rows and the communes ahead/behind)."""
    t = cal.territory
    fit = ~np.asarray(cal.held_out)
    interval = {"level": 0.9, "method": "profile likelihood", "factor": _lohi(t.factor_lo, t.factor_hi, 6),
                "units_per_crew_month": {r.name: _lohi(r.upcm_lo, r.upcm_hi, 2) for r in cal.phases}}
    if cal.fit_start:
        interval["start_shift"] = _lohi(t.shift_lo, t.shift_hi, 0)
    holdout = None
    if (~fit).any():
        holdout = {"labels": [lab for lab, f in zip(cal.labels, fit) if not f],
                   "fitted": [_r(v, 1) for v in cal.fitted[~fit]], "actual": [_r(v, 1) for v in cal.actual[~fit]],
                   "error": [_r(v, 1) for v in cal.error[~fit]], "rmse": _r(cal.holdout_rmse, 1),
                   "in_sample_rmse": _r(cal.rmse, 1)}
    res = cal.result
    return {
        "factor": _r(cal.factor, 6),
        "start_shift": int(cal.start_shift),
        "start": cal.start,
        "units_per_crew_month": {r.name: _r(r.units_per_crew_month, 3) for r in cal.phases},
        "interval": interval,
        "rmse": _r(cal.rmse, 1),
        "labels": list(cal.labels),
        "fitted": [_r(v, 1) for v in cal.fitted],
        "actual": [_r(v, 1) for v in cal.actual],
        "error": [_r(v, 1) for v in cal.error],
        "held_out": [bool(h) for h in cal.held_out],
        "holdout": holdout,
        "warnings": list(cal.warnings),
        "phases": {r.name: {"source": r.source, "reason": r.reason, "factor": _r(r.factor, 6),
                            "units_per_crew_month": _r(r.units_per_crew_month, 3), "start_shift": r.shift,
                            "interval": {"units_per_crew_month": _lohi(r.upcm_lo, r.upcm_hi, 2),
                                         "start_shift": _lohi(r.shift_lo, r.shift_hi, 0)},
                            "quarters": r.quarters, "rmse": _r(r.rmse, 1)} for r in cal.phases},
        "ahead": cal.ahead,
        "behind": cal.behind,
        "projection": {"scenario": cal.scenario.name, "months": list(res.months),
                       "eligible": [int(v) for v in res.eligible],
                       "as_of": res.as_built.as_of if getattr(res, "as_built", None) is not None else None},
    }


def _n(v) -> str:
    return f"{v:,.0f}"


def effort_classes(cal) -> list[tuple[str, float]]:
    """(name, effort) of the calibrated scenario's density classes whose build effort is not 1, densest first
    (empty when every effort is 1: paces are then plain units per crew per month)."""
    classes = sorted(cal.scenario.costs.classes, key=lambda c: -c.min_density)
    return [(c.name, float(c.effort)) for c in classes if float(c.effort) != 1.0]


def summary_lines(cal) -> list[str]:
    """The text printed by `calibrate`: diagnostics first, then the fit, the interval, quarters and phases."""
    t = cal.territory
    out = [f"! {w}" for w in cal.warnings]
    what = "pace and start" if cal.fit_start else "pace"
    nfit = int((~np.asarray(cal.held_out)).sum())
    out.append(f"Calibration of the {what} on {nfit} quarter(s) ({cal.labels[0]} to {cal.labels[nfit - 1]})"
               + (f", {len(cal.labels) - nfit} held out" if nfit < len(cal.labels) else ""))
    paces = sorted({round(r.units_per_crew_month, 1) for r in cal.phases if r.source == "territory"})
    unit = "units per crew per month" + (" at build effort 1" if effort_classes(cal) else "")
    pace = (f" ({paces[0]:g} {unit})" if len(paces) == 1 else f" ({paces[0]:g}–{paces[-1]:g} {unit})" if paces else "")
    out.append(f"Territory: × {t.factor:.4g} the scenario's pace{pace}; start {cal.start} ({t.shift:+d} months)")
    if t.factor_lo is not None:
        line = f"  90 % interval (profile likelihood): × {t.factor_lo:.4g} to × {t.factor_hi:.4g}"
        if cal.fit_start and t.shift_lo is not None:
            line += f"; start shift {t.shift_lo:+d} to {t.shift_hi:+d} months"
        out.append(line)
    out.append(f"  RMSE {_n(cal.rmse)} units on the fitted quarters"
               + (f"; {_n(cal.holdout_rmse)} on the held-out quarters" if cal.holdout_rmse is not None else ""))
    out.append(f"  {'quarter':<10} {'fitted':>9} {'actual':>9} {'error':>9}")
    for lab, f, a, e, h in zip(cal.labels, cal.fitted, cal.actual, cal.error, cal.held_out):
        out.append(f"  {lab:<10} {_n(f):>9} {_n(a):>9} {e:>+9,.0f}" + ("  (held out)" if h else ""))
    if effort_classes(cal):
        out.append("  Paces count units of build effort 1 (a crew builds 1/effort as many units of a density class: "
                   + ", ".join(f"{name} × {1 / e:.2g}" for name, e in effort_classes(cal)) + ")")
    if cal.per_phase:
        out.append(f"  {'phase':<34} {'pace':>7} {'90 % interval':>15} {'shift':>6}  source")
        for r in cal.phases:
            iv = f"{r.upcm_lo:.0f}–{r.upcm_hi:.0f}" if r.upcm_lo is not None else "—"
            src = {"phase": "own fit", "start": "own start, territory pace"}.get(r.source, "territory") + (
                f" ({r.reason})" if r.reason and r.source == "territory" else "")
            out.append(f"  {r.name[:34]:<34} {r.units_per_crew_month:>7.1f} {iv:>15} {r.shift:>+6d}  {src}")
    for title, rows in (("ahead of", cal.ahead), ("behind", cal.behind)):
        if rows:
            out.append(f"Communes furthest {title} the fitted plan at {cal.labels[nfit - 1]}: " + ", ".join(
                f"{c['name']} ({c['code']}) {c['difference']:+,.0f}" for c in rows))
    ab = getattr(cal.result, "as_built", None)
    start = (f"from what is built at {ab.as_of} ({int(cal.result.eligible[ab.as_of_index]):,} eligible units, "
             f"actual)" if ab is not None else "from nothing (no actual figures to start from)")
    out.append(f"Projection: scenario '{cal.scenario.name}' {start}; milestones "
               + " | ".join(f"{k} % {v or 'not reached'}" for k, v in cal.result.milestones.items()))
    return out
