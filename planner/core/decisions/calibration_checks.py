"""Diagnostics of a calibration: the cases the figures cannot decide, said before (or instead of) any number.

    check_figures(problem, fit_start, lang) -> warnings     # raises CalibrationError when nothing can be fitted
    flat_error(problem, fit_start, lang) -> CalibrationError
    bound_message(fit, problem, lang) -> str | None          # a fit left at a limit of the search
    phase_reason(problem, group, fit_start, lang) -> str | None   # why a phase keeps the territory factor
    interval_warnings(fit, what) -> list[str]

Each message says which case it is and what to do about it. `CalibrationError.diagnostic` names the case:
'no_figures', 'unplanned', 'all_zero', 'single_quarter', 'flat' or 'bound'.
"""
from __future__ import annotations

import numpy as np

from planner.core.errors import PlannerError
from planner.core.months import format_month, quarter_label


class CalibrationError(PlannerError):
    """A calibration the figures cannot decide; the message says why and what to do (in English; `diagnostic`
    and `params` let a window say it in its own language)."""

    def __init__(self, diagnostic: str, message: str, **params):
        self.diagnostic = diagnostic
        self.key, self.params = diagnostic, params
        super().__init__(message)


def _figures(problem, error: CalibrationError) -> CalibrationError:
    """The error with the territory's actual figures (quarters as months since year 0, eligible units summed over
    the communes that count), so a window can still show what the file says when no pace can be fitted."""
    error.quarters = [int(q) for q in problem.quarters]
    error.actual = [float(v) for v in problem.actual[0]] if len(problem.quarters) else []
    return error


class Said(str):
    """An English sentence (what the command line prints and the JSON keeps) that also carries its key and its
    figures, so that a window can say it in its own language (planner/ui/decisions/calibration_words.py)."""

    key: str
    params: dict

    def __new__(cls, key: str, text: str, **params):
        said = super().__new__(cls, text)
        said.key, said.params = key, params
        return said


def _codes(codes: list[str], n: int = 6) -> str:
    return ", ".join(codes[:n]) + (f" and {len(codes) - n} more" if len(codes) > n else "")


def check_figures(problem, fit_start: bool, lang: str = "fr") -> list[str]:
    """Raise CalibrationError when no fit can mean anything; return warnings about figures left out."""
    warnings = []
    if problem.unplanned_codes:
        warnings.append(Said(
            "unplanned_left_out",
            f"Figures of {len(problem.unplanned_codes)} communes that no phase plans are left out "
            f"({_codes(problem.unplanned_codes)}; {problem.unplanned_units:,.0f} eligible units at "
            f"their latest quarter): no pace can build them.",
            codes=list(problem.unplanned_codes), units=float(problem.unplanned_units)))
    if not len(problem.quarters):
        raise CalibrationError("no_figures", "No quarter has figures for the chosen communes and phases: pick "
                                             "communes that have figures in the file.")
    last = quarter_label(problem.last_fit, lang)
    if not np.any(problem.actual[0, problem.fit] > 0):
        if problem.unplanned_codes:
            raise _figures(problem, CalibrationError("unplanned", (
                f"The actual eligible premises are all in communes that no phase plans "
                f"({_codes(problem.unplanned_codes)}): no pace can reproduce them. Add these communes to a "
                f"phase, or pick other communes."), codes=list(problem.unplanned_codes)))
        raise _figures(problem, CalibrationError("all_zero", (
            f"Every figure of the chosen communes is 0 up to {last}: there is nothing to fit a pace to. "
            f"Pick communes with eligible premises, or wait for later figures."), last=last))
    n = int(problem.group_quarters[0])
    if fit_start and n < 2:
        raise _figures(problem, CalibrationError("single_quarter", (
            f"A single quarter of figures ({last}) cannot fix two values, the pace and the start: a later start "
            f"with a faster pace fits it just as well. Fit the pace alone (without the start), or add figures "
            f"from other quarters."), last=last))
    return warnings


def flat_error(problem, fit_start: bool, lang: str = "fr") -> CalibrationError:
    """The objective is flat: nothing planned in the counted communes up to the last fitted quarter."""
    last = quarter_label(problem.last_fit, lang)
    first = problem.first_planned_month()
    when = (f"before {format_month(first)}, after the last fitted quarter {last}" if first is not None
            else "within its horizon")
    todo = ("move the plan's start (or its phases' earliest starts) before the figures, or pick other communes"
            if fit_start else
            "fit the start too, move the plan's start before the figures, or pick other communes")
    return _figures(problem, CalibrationError("flat", (
        f"The fit cannot decide: the plan builds nothing in the communes with figures {when}, so every pace "
        f"fits them equally badly. To calibrate, {todo}."),
        first=None if first is None else format_month(first), last=last, fit_start=bool(fit_start)))


_BOUND_TEXT = {
    "pace low": ("the pace is at its lowest limit (the plan cannot build less)",
                 "the plan builds units these communes do not have yet: check the phases' communes and order, "
                 "fit the start too, or pick other communes"),
    "pace high": ("the pace is at its highest limit (every phase finishes in its first building month)",
                  "the figures grow faster than the plan can build: fit the start too, or check the phases"),
    "start early": ("the start is at its earliest limit (one horizon before the scenario start)",
                    "the figures need a much earlier start: check the plan's phases, or fit the pace alone"),
    "start late": ("the start is at its latest limit (after it, nothing is built before the last quarter)",
                   "check the plan's phases and the communes chosen"),
}


def bound_message(fit, problem, lang: str = "fr") -> str | None:
    """Why a fit left at a limit of the search is no answer, and what to do (None when not at a limit)."""
    if not fit.bound:
        return None
    what = "; ".join(_BOUND_TEXT[b][0] for b in fit.bound)
    todo = "; or ".join(_BOUND_TEXT[b][1] for b in fit.bound)
    name = problem.group_names[fit.group]
    scope = "The territory fit" if fit.group == 0 else f"The fit of phase '{name}'"
    return Said("bound", f"{scope} stays on a limit of the search after widening it: {what}. The figures do not "
                         f"decide it: {todo}.", phase=None if fit.group == 0 else name, bounds=list(fit.bound))


def phase_reason(problem, group: int, fit_start: bool, lang: str = "fr") -> str | None:
    """Why a phase cannot get its own pace from the figures (None: it can be fitted)."""
    last = quarter_label(problem.last_fit, lang)
    if problem.group_quarters[group] == 0:
        return "no figures in its communes"
    if not np.any(problem.actual[group, problem.fit] > 0):
        return f"no eligible premises in its communes up to {last}"
    if fit_start and problem.group_quarters[group] < 2:
        return "a single quarter cannot fix both its pace and its start"
    fit = problem.fit & (problem.capacity[group] > 0)
    if np.all(problem.actual[group, fit] >= problem.capacity[group, fit] - 0.5):
        return "its communes are complete at every fitted quarter, so the figures cannot tell its pace"
    return None


def interval_warnings(fit, what: str) -> list[str]:
    """Warnings about a fit's interval: none (as many values as quarters) or ends left open at a search limit."""
    out = []
    if not fit.flat and not fit.bound and fit.critical() is None:
        out.append(Said("exact", f"{what}: as many fitted values as quarters ({fit.n}), so the fit is exact and has "
                                 f"no interval; add quarters or fit fewer values.", what=what, n=int(fit.n)))
    sides = {"pace low": "no lower bound on the pace", "pace high": "no upper bound on the pace",
             "start early": "no earliest bound on the start", "start late": "no latest bound on the start"}
    if fit.open_ends:
        out.append(Said("open_ends", f"{what}: the 90 % interval reaches the limits of the search ("
                        + ", ".join(sides[e] for e in fit.open_ends) + "): the figures do not pin these values down.",
                        what=what, ends=list(fit.open_ends)))
    return out
