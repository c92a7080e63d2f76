"""Calibration diagnostics and warnings in the window's language. Core says each one in English for the command
line and the JSON report (planner/core/decisions/calibration_checks.py), with its key and figures (`Said.key`,
`.params`; `CalibrationError.diagnostic`, `.params`); the window words them here, as it words goal seek's
reasons and the validation panel's problems.

    text = say(warning_or_error)      # its English text when the key is unknown
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from planner.ui.shell.i18n import current_language

CONTEXT = "CalibrationWords"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _int(value: float) -> str:
    """A count as core's English sentence writes it ('1,234'), grouped the French way in French."""
    text = f"{value:,.0f}"
    return text.replace(",", "\u202f") if current_language() == "fr" else text


def _codes(codes: list[str], n: int = 6) -> str:
    more = len(codes) - n
    return ", ".join(codes[:n]) + (" " + _tr("and {0} more").format(more) if more > 0 else "")


def _names(names: list[str]) -> str:
    return ", ".join(_tr("'{0}'").format(n) for n in names)


def _flat(p: dict) -> str:
    when = (_tr("before {first}, after the last fitted quarter {last}").format(first=p["first"], last=p["last"])
            if p.get("first") else _tr("within its horizon"))
    todo = (_tr("move the plan's start (or its phases' earliest starts) before the figures, or pick other communes")
            if p.get("fit_start") else
            _tr("fit the start too, move the plan's start before the figures, or pick other communes"))
    return _tr("The fit cannot decide: the plan builds nothing in the communes with figures {when}, so every pace "
               "fits them equally badly. To calibrate, {todo}.").format(when=when, todo=todo)


def _bound(p: dict) -> str:
    what = {"pace low": _tr("the pace is at its lowest limit (the plan cannot build less)"),
            "pace high": _tr("the pace is at its highest limit (every phase finishes in its first building month)"),
            "start early": _tr("the start is at its earliest limit (one horizon before the scenario start)"),
            "start late": _tr("the start is at its latest limit (after it, nothing is built before the last "
                              "quarter)")}
    todo = {"pace low": _tr("the plan builds units these communes do not have yet: check the phases' communes and "
                            "order, fit the start too, or pick other communes"),
            "pace high": _tr("the figures grow faster than the plan can build: fit the start too, or check the "
                             "phases"),
            "start early": _tr("the figures need a much earlier start: check the plan's phases, or fit the pace "
                               "alone"),
            "start late": _tr("check the plan's phases and the communes chosen")}
    scope = _tr("The territory fit") if p.get("phase") is None else _tr("The fit of phase '{0}'").format(p["phase"])
    return _tr("{scope} stays on a limit of the search after widening it: {what}. The figures do not decide it: "
               "{todo}.").format(scope=scope, what="; ".join(what[b] for b in p["bounds"]),
                                 todo=_tr("; or ").join(todo[b] for b in p["bounds"]))


def _what(p: dict) -> str:
    return _tr("Territory") if p["what"] == "Territory" else p["what"]


def _open_ends(p: dict) -> str:
    sides = {"pace low": _tr("no lower bound on the pace"), "pace high": _tr("no upper bound on the pace"),
             "start early": _tr("no earliest bound on the start"), "start late": _tr("no latest bound on the start")}
    return _tr("{what}: the 90 % interval reaches the limits of the search ({sides}): the figures do not pin these "
               "values down.").format(what=_what(p), sides=", ".join(sides[e] for e in p["ends"]))


def _phases(p: dict, many: str, one: str) -> str:
    return (_tr(many) if len(p["names"]) > 1 else _tr(one)).format(_names(p["names"]))


_WORDS = {
    "unplanned_left_out": lambda p: _tr(
        "Figures of {n} communes that no phase plans are left out ({codes}; {units} eligible units at their latest "
        "quarter): no pace can build them.").format(n=len(p["codes"]), codes=_codes(p["codes"]), units=_int(p["units"])),
    "unmatched": lambda p: _tr("{n} codes of the file match no commune of the project ({codes}).").format(
        n=len(p["codes"]), codes=", ".join(p["codes"][:6]) + ("…" if len(p["codes"]) > 6 else "")),
    "no_figures": lambda p: _tr("No quarter has figures for the chosen communes and phases: pick communes that have "
                                "figures in the file."),
    "unplanned": lambda p: _tr(
        "The actual eligible premises are all in communes that no phase plans ({0}): no pace can reproduce them. "
        "Add these communes to a phase, or pick other communes.").format(_codes(p["codes"])),
    "all_zero": lambda p: _tr(
        "Every figure of the chosen communes is 0 up to {0}: there is nothing to fit a pace to. Pick communes with "
        "eligible premises, or wait for later figures.").format(p["last"]),
    "single_quarter": lambda p: _tr(
        "A single quarter of figures ({0}) cannot fix two values, the pace and the start: a later start with a "
        "faster pace fits it just as well. Fit the pace alone (without the start), or add figures from other "
        "quarters.").format(p["last"]),
    "flat": _flat,
    "bound": _bound,
    "exact": lambda p: _tr(
        "{what}: as many fitted values as quarters ({n}), so the fit is exact and has no interval; add quarters or "
        "fit fewer values.").format(what=_what(p), n=p["n"]),
    "open_ends": _open_ends,
    "phases_none": lambda p: _phases(
        p, "Phases {0} have as many fitted values as quarters: their fits are exact and have no interval.",
        "Phase {0} has as many fitted values as quarters: its fit is exact and has no interval."),
    "phases_open": lambda p: _phases(
        p, "Phases {0} have 90 % intervals that reach the limits of the search: the figures do not pin their values "
           "down (see the phase table).",
        "Phase {0} has 90 % intervals that reach the limits of the search: the figures do not pin its values down "
        "(see the phase table)."),
}


def say(item) -> str:
    """A calibration warning (Said) or error (CalibrationError) in the interface language."""
    words = _WORDS.get(getattr(item, "key", None))
    params = getattr(item, "params", None)
    if words is None or params is None:
        return str(item)
    try:
        return words(params)
    except (KeyError, IndexError, TypeError):  # figures missing: the English sentence is still right
        return str(item)
