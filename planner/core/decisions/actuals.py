"""Actual eligible units per commune and quarter (regulator figures) and plan-versus-actual tables; no file access.

Two table layouts are recognised from the header (rows are lists of cell values):
- wide, the regulator's open-data layout: one row per commune, an INSEE column (`code_insee`,
  `code_insee_2018`, `insee`, `codgeo`, ...) and one column per quarter (`T3 2017`, `racc_T32017`,
  `ftth_racc_T32017`, `Q3 2017`, `2017-T3`);
- long: columns `code_insee`, `quarter` (or `trimestre`) and `eligible` (or `raccordables`, `racc`).
INSEE codes are mapped to today's communes: a code is a commune's own `code_insee` or one of the codes listed
in its `codes_insee_2018` field (comma-separated, e.g. '32067,32260,32365,32413' for a commune made of four
former ones); figures of merged former communes are summed.

    parse_actuals(header, rows, communes, source='table') -> Actuals
    plan_vs_actual(result, actuals) -> PlanVsActual
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from planner.core.errors import InputError
from planner.core.months import format_month, parse_quarter, quarter_label

CODE_COLUMNS = ("code_insee", "code_insee_2026", "code_insee_2018", "insee", "codgeo", "code_commune",
                "insee_com", "code")
QUARTER_COLUMNS = ("quarter", "trimestre", "periode", "period")
VALUE_COLUMNS = ("eligible", "raccordables", "locaux_raccordables", "racc", "nb_raccordables", "value")


@dataclass
class Actuals:
    """Actual eligible units: `quarters` (absolute month number of each quarter's last month, sorted),
    `values` float[C, Q] per project commune row (NaN = no figure), `unmatched` codes that match no commune
    (with their units summed in `unmatched_units` per quarter), `source` for messages."""

    quarters: list[int]
    values: np.ndarray
    unmatched: list[str] = field(default_factory=list)
    unmatched_units: np.ndarray | None = None
    source: str = "table"
    # what the reader found (shown in the import summary; defaults for tables built in memory)
    kind: str = "quarterly"  # 'quarterly' (quarter columns or a quarter column), 'snapshot' (dated figures), 'series'
    sheet: str | None = None  # the workbook sheet read
    skipped_rows: int = 0  # rows that are not figures of eligible premises (e.g. the regulator's 'Catégorie' rows)
    empty_cells: int = 0  # cells without a figure (empty, '-', 's' secret): no figure, never 0
    notes: list[str] = field(default_factory=list)  # what was guessed or left out, for the summary

    def quarter_labels(self, lang: str = "fr") -> list[str]:
        return [quarter_label(q, lang) for q in self.quarters]

    def month_labels(self) -> list[str]:
        """'YYYY-MM' of each column (a dated snapshot need not fall on a quarter's last month)."""
        return [format_month(q) for q in self.quarters]

    def summary_lines(self, lang: str = "en") -> list[str]:
        """The import summary: the quarters, the totals per quarter, rows skipped, codes matching no commune."""
        labels = self.quarter_labels(lang) if self.kind == "quarterly" else self.month_labels()
        totals = self.totals()
        what = {"quarterly": "quarters", "snapshot": "dated snapshot(s)", "series": "dates"}.get(self.kind, "dates")
        lines = [f"{len(self.quarters)} {what}" + (f" (sheet '{self.sheet}')" if self.sheet else "") + ": "
                 + ", ".join(f"{lab} {int(round(t)):,}" for lab, t in zip(labels, totals)),
                 f"{int(self.has_commune().sum()):,} communes with figures"]
        if self.skipped_rows:
            lines.append(f"{self.skipped_rows:,} rows skipped (not figures of eligible premises)")
        if self.empty_cells:
            lines.append(f"{self.empty_cells:,} cells without a figure (left empty, never read as 0)")
        if self.unmatched:
            lines.append(f"{len(self.unmatched):,} codes match no commune of the project "
                         f"(e.g. {', '.join(self.unmatched[:5])})")
        return lines + list(self.notes)

    def totals(self) -> np.ndarray:
        """Territory total per quarter (communes with a figure), float[Q]."""
        return np.nansum(self.values, axis=0)

    def has_commune(self) -> np.ndarray:
        """bool[C]: communes with at least one figure."""
        return ~np.all(np.isnan(self.values), axis=1)


def code_to_row(communes) -> dict[str, int]:
    """INSEE code (today's or a former one from `codes_insee_2018`) -> commune row."""
    codes = communes.codes
    out = {str(c): i for i, c in enumerate(codes)}
    former = communes.layer.fields.get("codes_insee_2018")
    if former is not None:
        for i, text in enumerate(former):
            for c in re.split(r"[,;\s|]+", str(text or "")):
                c = c.strip()
                if c and c not in ("None", "nan"):
                    out.setdefault(c, i)
    return out


def _norm(name) -> str:
    return str(name).strip().lower().replace(" ", "_")


def _find(header_norm: list[str], names) -> int | None:
    for n in names:
        if n in header_norm:
            return header_norm.index(n)
    return None


def _number(v) -> float:
    if v is None:
        return np.nan
    if isinstance(v, (int, float, np.integer, np.floating)):
        return float(v)
    s = str(v).strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", ".")
    if s in ("", "-", "nan", "NA", "n/a", "s"):
        return np.nan
    return float(s)


def _code(v) -> str:
    s = str(v).strip()
    if s.endswith(".0"):
        s = s[:-2]
    return s.zfill(5) if s.isdigit() and len(s) == 4 else s


# A column is a quarter only when its name IS a quarter ('T1 2018', '2018 T1', '2018-T1', 'Q1 2019', 'T12018'),
# optionally after words that name eligible premises ('racc_T12018', 'ftth_racc_T32017', 'Locaux raccordables
# T1 2018'); never because it ends with one ('Meilleure estimation des locaux T1 2018', 'cat_T32017').
_QUARTER = r"(?:[TQ](?P<q1>[1-4])\s*[_-]?\s*(?P<y1>(?:19|20)\d\d)|(?P<y2>(?:19|20)\d\d)\s*[_-]?\s*[TQ](?P<q2>[1-4]))"
_ELIGIBLE_WORD = r"(?:ftth|racc|raccordables?|elig|[ée]ligibles?|locaux[\s_-]+raccordables|nb[\s_-]*racc)"
_QUARTER_COLUMN_RE = re.compile(rf"^\s*(?:{_ELIGIBLE_WORD}[\s_-]*)*{_QUARTER}\s*$", re.I)


def quarter_of_column(name) -> int | None:
    """The quarter (absolute month number of its last month) a column name is, or None (see the rule above)."""
    m = _QUARTER_COLUMN_RE.match(str(name))
    if not m:
        return None
    q, y = (m.group("q1"), m.group("y1")) if m.group("q1") else (m.group("q2"), m.group("y2"))
    return int(y) * 12 + int(q) * 3 - 1


def _wide_columns(header: list) -> list[tuple[int, int]]:
    """(column, quarter month) of the quarter columns (`quarter_of_column`)."""
    return [(i, q) for i, h in enumerate(header) if (q := quarter_of_column(h)) is not None]


def parse_actuals(header: list, rows: list, communes, source: str = "table") -> Actuals:
    """Actuals from a table's header and rows (wide or long layout, detected). InputError names `source`."""
    hn = [_norm(h) for h in header]
    code_col = _find(hn, CODE_COLUMNS)
    if code_col is None:
        raise InputError(source, f"no INSEE code column (expected one of {', '.join(CODE_COLUMNS)})")
    wide_cols = _wide_columns(header)
    triples = []  # (code, quarter month, value)
    try:
        if wide_cols:
            for r in rows:
                for i, q in wide_cols:
                    triples.append((_code(r[code_col]), q, _number(r[i])))
        else:
            qc, vc = _find(hn, QUARTER_COLUMNS), _find(hn, VALUE_COLUMNS)
            if qc is None or vc is None:
                raise InputError(source, "neither quarter columns (e.g. 'T3 2017') nor 'quarter' and 'eligible' "
                                         "columns were found")
            for r in rows:
                triples.append((_code(r[code_col]), parse_quarter(str(r[qc])), _number(r[vc])))
    except (ValueError, IndexError) as exc:
        raise InputError(source, f"unreadable value: {exc}") from None
    if not triples:
        raise InputError(source, "no rows of actual figures")
    quarters = sorted({q for _, q, _ in triples})
    qi = {q: j for j, q in enumerate(quarters)}
    mapping = code_to_row(communes)
    values = np.full((len(communes), len(quarters)), np.nan)
    unmatched_units = np.zeros(len(quarters))
    unmatched: list[str] = []
    seen: set[str] = set()
    for code, q, v in triples:
        if np.isnan(v):
            continue
        row = mapping.get(code)
        if row is None:
            if code not in seen:
                seen.add(code)
                unmatched.append(code)
            unmatched_units[qi[q]] += v
            continue
        cur = values[row, qi[q]]
        values[row, qi[q]] = v if np.isnan(cur) else cur + v
    return Actuals(quarters, values, unmatched, unmatched_units, source)


@dataclass
class PlanVsActual:
    """Plan and actual per commune (C) and quarter (Q): `plan` and `actual` float[C, Q] (NaN where unknown),
    `diff` = plan − actual; `behind` commune rows whose actual is below plan at the latest quarter they have a
    figure for, most behind first; `territory_plan`, `territory_actual` float[Q] over communes with figures."""

    quarters: list[int]
    labels: list[str]
    plan: np.ndarray
    actual: np.ndarray
    diff: np.ndarray
    behind: list[int]
    territory_plan: np.ndarray
    territory_actual: np.ndarray


def plan_at_quarters(result, quarters: list[int]) -> np.ndarray:
    """Planned eligible per commune at the end of each quarter (NaN outside the simulated months), float[C, Q]."""
    start = int(result.inputs.start) if result.inputs is not None else _abs(result.start)
    idx = np.asarray(quarters) - start
    inside = (idx >= 0) & (idx < len(result.months))
    out = np.full((len(result.commune_units), len(quarters)), np.nan)
    out[:, inside] = result.commune_eligible[:, idx[inside]]
    return out


def _abs(month: str) -> int:
    from planner.core.months import parse_month

    return parse_month(month)


def plan_vs_actual(result, actuals: Actuals, lang: str = "fr") -> PlanVsActual:
    """Compare a simulation result with actuals, commune by commune and quarter by quarter."""
    plan = plan_at_quarters(result, actuals.quarters)
    diff = plan - actuals.values
    behind = []
    last = np.full(len(diff), np.nan)
    for j in range(len(actuals.quarters)):
        col = diff[:, j]
        last = np.where(np.isnan(col), last, col)
    order = np.argsort(-np.nan_to_num(last, nan=-np.inf), kind="stable")
    behind = [int(i) for i in order if last[i] > 0]
    has = actuals.has_commune()
    return PlanVsActual(
        quarters=list(actuals.quarters), labels=actuals.quarter_labels(lang), plan=plan, actual=actuals.values,
        diff=diff, behind=behind,
        territory_plan=np.nansum(np.where(has[:, None], plan, np.nan), axis=0),
        territory_actual=actuals.totals(),
    )


def actual_month_labels(actuals: Actuals) -> list[str]:
    """'YYYY-MM' of each quarter's last month, for placing actual points on monthly curves."""
    return [format_month(q) for q in actuals.quarters]
