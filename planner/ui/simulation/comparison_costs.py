"""Money rows of the scenario comparison table: total cost of each plan and spend per calendar year.

Values are text ('97.29 M€ (+2.10 M€)': the difference from the active scenario beside the others), so the
comparison table shows and highlights them like its month rows.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from planner.ui.common.figures import money


def cost_rows_for_table(comparison, ok: list[int], count: int) -> tuple[list[str], list[tuple[list, list]]]:
    """(labels, rows) for the core Comparison's `cost_rows`; `ok` maps compared results to scenario indices,
    `count` is the number of scenarios (failed ones get None)."""
    labels, rows = [], []
    for row in comparison.cost_rows:
        if row.kind == "total":
            labels.append(QCoreApplication.translate("ScenarioComparison", "Total cost"))
        else:
            labels.append(QCoreApplication.translate("ScenarioComparison", "Spend {0}").format(row.year))
        values, diffs = [None] * count, [None] * count
        for j, i in enumerate(ok):
            v, d = row.values[j], row.diffs[j]
            if v is None:
                continue
            text = money(v)
            if j != comparison.reference and d:
                text += f" ({'+' if d > 0 else '−'}{money(abs(d))})"
            values[i] = text
        rows.append((values, diffs))
    return labels, rows
