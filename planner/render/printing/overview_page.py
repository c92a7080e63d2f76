"""The atlas's first page: the whole territory by phase, the territory coverage curve and the phase table."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter

from planner.core.printing.layout import euros, group_thousands, month_name, text
from planner.render.printing.curve import draw_curve, state_series
from planner.render.printing.legend import LegendEntry, draw_legend
from planner.render.printing.north_arrow import draw_north_arrow
from planner.render.printing.scale_bar import draw_scale_bar
from planner.render.map.styles import ACCENT, FRAME, MUTED, TEXT, font, lighter, pen, qcolor
from planner.render.printing.text_blocks import draw_heading, draw_label_value_rows


def short_month(month: str | None) -> str:
    """'2020-06' -> '06/2020' ('…' beyond the horizon)."""
    return f"{month[5:7]}/{month[:4]}" if month else "…"


def commune_phase_fills(renderer) -> tuple[list[str], np.ndarray]:
    """A fill per commune: its main phase's colour, lightened (grey when in no phase); and the main phase index."""
    project, a = renderer.project, renderer.assignment
    n = len(project.communes)
    main = np.full(n, -1, dtype=np.int64)
    if a is not None and project.phases:
        if a.commune_level:
            main = a.commune_phase.astype(np.int64)
        elif len(a.cell_units):
            order = np.lexsort((-a.cell_units, a.cell_commune))  # per commune, the largest cell first
            cc = a.cell_commune[order]
            first = np.flatnonzero(np.r_[True, cc[1:] != cc[:-1]])
            ok = cc[first] >= 0
            main[cc[first][ok]] = a.cell_phase[order][first][ok]
    palette = [lighter(p.color, 0.62) for p in project.phases] + ["#efefef"]
    return [palette[i] for i in main], main


def draw_overview(renderer, painter: QPainter, page_rect: QRectF | None = None) -> dict:
    """Draw the overview page; returns {'phases': names in the legend, 'map': MapContent}."""
    from planner.render.printing.commune_page import enter_page

    painter.save()
    try:
        page, u = enter_page(painter, page_rect, renderer.layout)
        return _draw_overview(renderer, painter, page, u)
    finally:
        painter.restore()


def _overview_header(painter: QPainter, r: QRectF, proj, o, u: float, k: float) -> None:
    """The project's name, the page's subject and, at a month, what the premises show; a rule under it."""
    lang = o.lang
    painter.save()
    painter.setPen(qcolor(TEXT))
    painter.setFont(font(19 * k, bold=True))
    fm = painter.fontMetrics()
    painter.drawText(QRectF(r.left(), r.top(), r.width() * 0.6, fm.height()), Qt.AlignLeft | Qt.AlignVCenter,
                     fm.elidedText(proj.name, Qt.ElideRight, int(r.width() * 0.6)))
    painter.setFont(font(9 * k))
    painter.setPen(qcolor(MUTED))
    painter.drawText(QRectF(r.left(), r.top() + fm.height(), r.width() * 0.6, painter.fontMetrics().height()),
                     Qt.AlignLeft | Qt.AlignTop,
                     f"{text('overview', lang)}  ·  {len(proj.communes)} {text('communes', lang)}")
    painter.setFont(font(9 * k, bold=True))
    painter.setPen(qcolor(ACCENT))
    painter.drawText(QRectF(r.left(), r.top() + 1.0 * u * k, r.width(), painter.fontMetrics().height()),
                     Qt.AlignRight | Qt.AlignVCenter, text("subtitle", lang))
    if o.month:
        painter.setFont(font(8 * k))
        painter.setPen(qcolor(TEXT))
        what = (f"{text('by_state', lang)} {month_name(o.month, lang)}" if o.colour_by == "state"
                else f"{text('by_phase', lang)}  ·  {month_name(o.month, lang)}")
        painter.drawText(QRectF(r.left(), r.top() + 6.0 * u * k, r.width(), painter.fontMetrics().height()),
                         Qt.AlignRight | Qt.AlignVCenter, what)
    painter.setPen(pen(ACCENT, 0.6 * u * k, cap=Qt.FlatCap))
    painter.drawLine(QPointF(r.left(), r.bottom()), QPointF(r.right(), r.bottom()))
    painter.restore()


def _overview_legend(proj, o, main, present: list[int], content) -> list[LegendEntry]:
    """Phases present (communes filled), no phase, then the premise classes drawn with their units."""
    lang = o.lang
    entries = [LegendEntry("fill", lighter(proj.phases[i].color, 0.62), proj.phases[i].name, proj.phases[i].color)
               for i in present]
    if (main < 0).any():
        entries.append(LegendEntry("fill", "#efefef", text("no_phase", lang), "#9a9a9a"))
    if o.colour_by == "state":
        entries += [LegendEntry("ring" if st.hollow else "dot", st.colour, st.label,
                                note=group_thousands(content.class_counts.get(st.key, 0), lang)) for st in content.classes]
    return entries


def _draw_overview(renderer, painter: QPainter, page: QRectF, u: float) -> dict:
    o, lay, proj = renderer.options, renderer.layout, renderer.project
    lang = o.lang
    k = lay.k
    R = lambda b: QRectF(page.left() + b.x * u, page.top() + b.y * u, b.w * u, b.h * u)  # noqa: E731
    painter.setRenderHint(QPainter.Antialiasing, True)
    fills, main = commune_phase_fills(renderer)
    _overview_header(painter, R(lay.header), proj, o, u, k)
    # map
    map_rect = R(lay.map)
    full = renderer.mp.full_extent()
    pad = 0.02 * max(full[2] - full[0], full[3] - full[1])
    content = renderer.mp.draw(painter, map_rect, extent=(full[0] - pad, full[1] - pad, full[2] + pad, full[3] + pad),
                               colour_by=o.colour_by, month=o.month, commune_fill=fills, px_per_mm=u, point_mm=0.3,
                               background="#ffffff")
    painter.save()
    painter.setClipRect(map_rect)
    draw_scale_bar(painter, map_rect.left() + 3.0 * u * k, map_rect.bottom() - 3.0 * u * k, content.scale,
                   map_rect.width() * 0.25, u, k, lang)
    draw_north_arrow(painter, map_rect.right() - 8.0 * u * k, map_rect.top() + 3.0 * u * k, u, k)
    painter.restore()
    painter.setPen(pen(FRAME, 0.3 * u * k, cap=Qt.FlatCap, join=Qt.MiterJoin))
    painter.setBrush(Qt.NoBrush)
    painter.drawRect(map_rect)
    present = sorted(set(int(i) for i in main if i >= 0))
    draw_legend(painter, R(lay.legend), text("legend", lang), _overview_legend(proj, o, main, present, content), u, k)
    _territory_figures(renderer, painter, R(lay.figures), u, k)
    res = renderer.result
    if res is not None:
        series = state_series(res.coverage_pct, res.marketable_pct, res.connected_pct, lang)
        ab = getattr(res, "as_built", None)
        draw_curve(painter, R(lay.curve), res.months, series, u, k, text("territory_curve", lang), o.month, lang,
                   today=ab.as_of if ab is not None else None)
    _phase_table(renderer, painter, R(lay.locator), u, k)
    renderer._footer(painter, R(lay.footer), u, k)
    return {"phases": [proj.phases[i].name for i in present], "map": content}


def _territory_figures(renderer, painter, r: QRectF, u, k):
    lang = renderer.options.lang
    proj, res, a = renderer.project, renderer.result, renderer.assignment
    total = a.total_units if a is not None else proj.territory_units()
    rows = [(text("units", lang), group_thousands(total, lang)),
            (text("phases", lang), str(len(proj.phases)))]
    if res is not None:
        for pct in (50, 100):
            m = res.milestones.get(pct)
            rows.append((text("q50" if pct == 50 else "q100", lang), month_name(m, lang) if m else text("never", lang)))
        rows += _money_rows(res, renderer.options.month, lang)
    painter.save()
    y = draw_heading(painter, r, text("figures", lang), k) + 1.2 * u * k
    draw_label_value_rows(painter, r, rows, y, 4.6 * u * k, u, k)
    painter.restore()


def _phase_table(renderer, painter, r: QRectF, u, k):
    """Phases with their units and dates (start, end) from the simulation."""
    lang = renderer.options.lang
    proj, res, a = renderer.project, renderer.result, renderer.assignment
    painter.save()
    y = draw_heading(painter, r, text("schedule", lang), k) + 1.0 * u * k
    h = 3.9 * u * k
    painter.setFont(font(6.2 * k))
    fm = painter.fontMetrics()
    for i, ph in enumerate(proj.phases):
        if y + 2 * h > r.bottom():
            break
        painter.setPen(pen(ph.color, 2.2 * u * k))
        painter.drawPoint(QPointF(r.left() + 1.2 * u * k, y + h / 2))
        painter.setPen(qcolor(TEXT))
        cost = ""
        if res is not None and getattr(res, "costs", None) is not None and i < len(res.costs.phase_cost):
            cost = euros(res.costs.phase_cost[i], lang)  # right-aligned on the name's line
        cost_w = fm.horizontalAdvance(cost) + (1.0 * u * k if cost else 0)
        line = QRectF(r.left() + 3.0 * u * k, y, r.width() - 3.0 * u * k, h)
        painter.drawText(line, Qt.AlignRight | Qt.AlignVCenter, cost)
        painter.drawText(line, Qt.AlignLeft | Qt.AlignVCenter,
                         fm.elidedText(ph.name, Qt.ElideRight, int(line.width() - cost_w)))
        units = int(a.phase_units[i]) if a is not None and i < len(a.phase_units) else 0
        dates = ""
        if res is not None and i < len(res.phase_start):
            dates = f"{short_month(res.phase_start[i])} → {short_month(res.phase_end[i])}"
        painter.setPen(qcolor(MUTED))
        painter.drawText(QRectF(r.left() + 3.0 * u * k, y + h, r.width() - 3.0 * u * k, h), Qt.AlignLeft | Qt.AlignVCenter,
                         fm.elidedText(f"{group_thousands(units, lang)} {text('units_short', lang)}  {dates}",
                                       Qt.ElideRight, int(r.width() - 3.0 * u * k)))
        y += 2 * h + 0.6 * u * k
    painter.restore()


def _money_rows(res, month: str | None, lang: str) -> list[tuple[str, str]]:
    """The plan's cost and, at the page's month, what it has spent (and whether phases wait for money)."""
    c = getattr(res, "costs", None)
    if c is None:
        return []
    rows = [(text("plan_cost", lang), euros(c.cost_total, lang))]
    if month and month in res.months:
        t = res.months.index(month)
        spent = euros(c.spend[t], lang)
        if c.money_wait is not None and c.money_wait[:, t].any():
            spent += f" ({int(c.money_wait[:, t].sum())} {text('phases', lang).lower()} {text('waits_money', lang)})"
        rows.append((f"{text('spent_at', lang)} {month_name(month, lang)}", spent))
    return rows
