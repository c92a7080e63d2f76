"""The commune page (DESIGN §5): title, highlighted commune map, legend, scale bar, north arrow, locator,
figures, coverage curve and footer with sources — drawn with QPainter onto a PDF, printer or image page."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from planner.io.writer import write_file
from planner.core.errors import ParameterError, PlannerError
from planner.core.printing.layout import Box, PageLayout, attributions, month_name, text
from planner.core.printing.options import PageOptions
from planner.render.printing.curve import draw_curve, state_series
from planner.render.map.export_map import ensure_gui_app
from planner.render.printing.legend import LegendEntry, draw_legend
from planner.render.printing.locator import draw_locator
from planner.render.map.map_painter import MapContent, MapPainter
from planner.render.printing.north_arrow import draw_north_arrow
from planner.render.printing.page_facts import CommuneFacts, commune_facts
from planner.render.printing.scale_bar import ScaleBar, draw_scale_bar
from planner.render.map.styles import (ACCENT, FRAME, HIGHLIGHT_FILL, HIGHLIGHT_OUTLINE, MUTED, NEIGHBOUR_FILL, NEIGHBOUR_OUTLINE,
                     NEIGHBOUR_PREMISE, RULE, STATE_COLOURS, TEXT, font, lighter, pen, qcolor)
from planner.render.printing.text_blocks import draw_heading, draw_label_value_rows

PDF_DPI = 600
MAP_MARGIN = 0.08  # share of the commune's size left around it in the map frame


@dataclass
class DrawnPage:
    """What one page shows (for previews, tests and the atlas)."""

    code: str
    name: str
    map: MapContent
    legend: list[LegendEntry]
    scale_bar: ScaleBar
    facts: CommuneFacts
    layout: PageLayout
    u: float  # device units per millimetre
    page_rect: QRectF = field(default_factory=QRectF)

    def box(self, b: Box) -> QRectF:
        return QRectF(self.page_rect.left() + b.x * self.u, self.page_rect.top() + b.y * self.u, b.w * self.u, b.h * self.u)


class PageRenderer:
    """Draws commune pages (and the atlas overview) for one project state, sharing every cache between pages."""

    def __init__(self, project, assignment=None, result=None, options: PageOptions | None = None,
                 map_painter: MapPainter | None = None):
        if project.communes is None:
            raise PlannerError("the project has no commune layer to print")
        self.project = project
        self.options = options or PageOptions()
        if self.options.colour_by not in ("phase", "state", "none"):
            raise ParameterError(f"unknown colouring {self.options.colour_by!r} (phase, state or none)", field="colour_by")
        self.mp = map_painter or MapPainter(project, assignment=assignment, result=result, lang=self.options.lang)
        self.assignment = self.mp.ensure_assignment()
        self.result = result if result is not None else self.mp.result
        if self.options.month is None and self.result is not None and self.options.colour_by == "state":
            self.options.month = self.result.months[-1]
        self.layout = self.options.layout()
        self.sources = attributions(project, self.options.lang)

    def warm(self) -> None:
        """Build the shared caches (premise index and classes, territory, locator) ahead of the first page.

        Safe to call off the UI thread; the first page then costs what every other page costs."""
        from planner.render.printing.locator import _territory_paths

        self.mp.premise_index
        self.mp.premise_classes(self.options.colour_by, self.options.month)
        self.mp.label_points()
        u = PDF_DPI / 25.4
        lay = self.layout
        box = lay.locator
        ext = self.mp.full_extent()
        s = min(box.w * u / (ext[2] - ext[0]), box.h * u / (ext[3] - ext[1]))
        _territory_paths(self.mp, tolerance=0.3 * u / s)

    # ---------- one page ----------
    def draw_commune(self, painter: QPainter, row: int, page_rect: QRectF | None = None) -> DrawnPage:
        """Draw the page of commune `row` onto `painter`; `page_rect` (device units) defaults to the whole device.

        When `page_rect` is not at the device's resolution (a page fitted onto other paper), the painter is
        scaled so that fonts and lines keep their proportions; the returned geometry is then in the scaled
        page's coordinates."""
        painter.save()
        try:
            page, u = enter_page(painter, page_rect, self.layout)
            return self._draw_commune(painter, row, page, u)
        finally:
            painter.restore()

    def _draw_commune(self, painter: QPainter, row: int, page: QRectF, u: float) -> DrawnPage:
        o, lay = self.options, self.layout
        lang = o.lang
        k = lay.k
        R = lambda b: QRectF(page.left() + b.x * u, page.top() + b.y * u, b.w * u, b.h * u)  # noqa: E731
        facts = commune_facts(self.project, row, self.assignment, self.result, o.month, lang,
                              levels=self.mp.commune_levels())
        painter.setRenderHint(QPainter.Antialiasing, True)
        painter.setRenderHint(QPainter.TextAntialiasing, True)
        self._header(painter, R(lay.header), facts, u, k)
        # map
        map_rect = R(lay.map)
        geom_b = self.mp._commune_bounds[row]
        w, h = geom_b[2] - geom_b[0], geom_b[3] - geom_b[1]
        pad = MAP_MARGIN * max(w, h, 500.0)
        extent = (geom_b[0] - pad, geom_b[1] - pad, geom_b[2] + pad, geom_b[3] + pad)
        fill_entry = self.commune_level_fill(facts) if self.project.premises is None else None
        content = self.mp.draw(painter, map_rect, extent=extent, colour_by=o.colour_by, month=o.month, highlight=row,
                               labels=True, px_per_mm=u, commune_fill={row: fill_entry.colour} if fill_entry else None)
        painter.save()
        painter.setClipRect(map_rect)
        bar = draw_scale_bar(painter, map_rect.left() + 3.0 * u * k, map_rect.bottom() - 3.0 * u * k, content.scale,
                             map_rect.width() * 0.28, u, k, lang)
        draw_north_arrow(painter, map_rect.right() - 8.0 * u * k, map_rect.top() + 3.0 * u * k, u, k)
        painter.restore()
        painter.setBrush(Qt.NoBrush)
        painter.setPen(pen(FRAME, 0.3 * u * k, cap=Qt.FlatCap, join=Qt.MiterJoin))
        painter.drawRect(map_rect)
        self._scale_note(painter, map_rect, content, u, k)
        # side blocks
        entries = self.legend_entries(content, facts, fill_entry)
        draw_legend(painter, R(lay.legend), text("legend", lang), entries, u, k)
        self._figures(painter, R(lay.figures), facts, u, k)
        if facts.simulated:
            series = state_series(facts.series["eligible"], facts.series["marketable"], facts.series["connected"],
                                  lang)
            draw_curve(painter, R(lay.curve), facts.months, series, u, k, text("curve", lang), o.month, lang,
                       today=facts.today)
        draw_locator(painter, R(lay.locator), self.mp, row, content.extent, u, k, text("locator", lang))
        self._footer(painter, R(lay.footer), u, k)
        return DrawnPage(facts.code, facts.name, content, entries, bar, facts, lay, u, page)

    def commune_level_fill(self, facts: CommuneFacts) -> LegendEntry:
        """Without premise points the commune itself carries the colour: its main phase, or its dominant state."""
        lang = self.options.lang
        if self.options.colour_by == "state" and facts.shares is not None:
            from planner.render.map.premise_classes import STATE_LABELS

            e, m, c = (facts.shares[k] for k in ("eligible", "marketable", "connected"))
            parts = {"connected": c, "marketable": m - c, "eligible": e - m,
                     "planned" if facts.phase_colours else "unplanned": 100.0 - e}
            key = max(parts, key=parts.get)
            label = STATE_LABELS.get(lang, STATE_LABELS["en"])[key]
            return LegendEntry("fill", lighter(STATE_COLOURS[key], 0.3), f"{text('dominant', lang)} : {label}"
                               if lang == "fr" else f"{text('dominant', lang)}: {label}", HIGHLIGHT_OUTLINE)
        if facts.phase_colours:
            return LegendEntry("fill", lighter(facts.phase_colours[0], 0.45), facts.phase_parts[0] if facts.phase_parts
                               else facts.phase_label, HIGHLIGHT_OUTLINE)
        return LegendEntry("fill", "#efefef", text("no_phase", lang), HIGHLIGHT_OUTLINE)

    def legend_entries(self, content: MapContent, facts: CommuneFacts,
                       fill_entry: LegendEntry | None = None) -> list[LegendEntry]:
        """Only what the page shows: the commune, neighbours if drawn, premise classes present, zones drawn."""
        lang = self.options.lang
        out = [fill_entry or LegendEntry("fill", HIGHLIGHT_FILL, f"{text('commune', lang)} : {facts.name}"
                                         if lang == "fr" else f"{text('commune', lang)}: {facts.name}",
                                         HIGHLIGHT_OUTLINE)]
        if len(content.commune_rows) > 1:
            out.append(LegendEntry("fill", NEIGHBOUR_FILL, text("neighbours", lang), NEIGHBOUR_OUTLINE))
        from planner.core.printing.layout import group_thousands

        for st in content.classes:
            n = content.class_counts.get(st.key, 0)
            out.append(LegendEntry("ring" if st.hollow else "dot", st.colour, st.label,
                                   note=group_thousands(n, lang)))
        if content.faded_premises:
            out.append(LegendEntry("dot", NEIGHBOUR_PREMISE, text("neighbour_premises", lang)))
        for pid in content.zone_phase_ids:
            ph = self.project.phase_by_id(pid)
            out.append(LegendEntry("line", ph.color, f"{ph.name} ({text('zone', lang)})"))
        return out

    def _header(self, painter, r: QRectF, facts: CommuneFacts, u, k):
        lang = self.options.lang
        painter.save()
        painter.setPen(qcolor(TEXT))
        right_w = r.width() * 0.42
        size = 19.0
        painter.setFont(font(size * k, bold=True))
        while size > 12 and painter.fontMetrics().horizontalAdvance(facts.name) > r.width() - right_w:
            size -= 1.0  # long names shrink before they are cut
            painter.setFont(font(size * k, bold=True))
        fm = painter.fontMetrics()
        painter.setFont(font(19 * k, bold=True))
        title_h = painter.fontMetrics().height()
        painter.setFont(font(size * k, bold=True))
        name = fm.elidedText(facts.name, Qt.ElideRight, int(r.width() - right_w))
        painter.drawText(QRectF(r.left(), r.top(), r.width() - right_w, title_h), Qt.AlignLeft | Qt.AlignVCenter, name)
        painter.setFont(font(9 * k))
        painter.setPen(qcolor(MUTED))
        sub = f"{text('insee', lang)} {facts.code}"
        fields = self.project.communes.layer.fields
        if "nom_epci" in fields:
            sub += f"  ·  {fields['nom_epci'][facts.row]}"
        fm2 = painter.fontMetrics()
        sub = fm2.elidedText(sub, Qt.ElideRight, int(r.width() - right_w))
        painter.drawText(QRectF(r.left(), r.top() + title_h, r.width() - right_w, fm2.height()), Qt.AlignLeft | Qt.AlignTop, sub)
        # right: what the page is about
        painter.setFont(font(9 * k, bold=True))
        painter.setPen(qcolor(ACCENT))
        fm3 = painter.fontMetrics()
        rr = QRectF(r.right() - right_w, r.top() + 1.0 * u * k, right_w, fm3.height())
        painter.drawText(rr, Qt.AlignRight | Qt.AlignVCenter, text("subtitle", lang))
        painter.setFont(font(8 * k))
        painter.setPen(qcolor(TEXT))
        o = self.options
        what = (f"{text('by_state', lang)} {month_name(o.month, lang)}" if o.colour_by == "state"
                else text("by_phase", lang))
        if o.colour_by == "phase" and o.month and facts.simulated:
            what += f"  ·  {month_name(o.month, lang)}"
        painter.drawText(QRectF(rr.left(), rr.bottom() + 0.6 * u * k, right_w, painter.fontMetrics().height()),
                         Qt.AlignRight | Qt.AlignVCenter, what)
        painter.setPen(pen(ACCENT, 0.6 * u * k, cap=Qt.FlatCap))
        painter.drawLine(QPointF(r.left(), r.bottom()), QPointF(r.right(), r.bottom()))
        painter.restore()

    def _scale_note(self, painter, map_rect: QRectF, content: MapContent, u, k):
        ratio = 1000.0 * u / content.scale  # map millimetres per paper millimetre
        digits = max(len(str(int(ratio))) - 3, 0)
        rounded = int(round(ratio, -digits))
        label = f"{text('scale', self.options.lang)} 1:{rounded:,}".replace(",", "\u202f" if self.options.lang == "fr" else ",")
        painter.save()
        painter.setFont(font(6.2 * k))
        painter.setPen(qcolor(MUTED))
        fm = painter.fontMetrics()
        painter.drawText(QRectF(map_rect.left(), map_rect.bottom() + 0.6 * u * k, map_rect.width(), fm.height()),
                         Qt.AlignRight | Qt.AlignTop, label + "  ·  RGF93 / Lambert-93")
        painter.restore()

    def _figures(self, painter, r: QRectF, facts: CommuneFacts, u, k):
        lang = self.options.lang
        painter.save()
        y = draw_heading(painter, r, text("figures", lang), k) + 1.2 * u * k
        y = draw_label_value_rows(painter, r, facts.lines(lang), y, 4.3 * u * k, u, k)
        line = facts.shares_line(lang)
        if line:
            painter.setFont(font(7.2 * k, italic=True))
            painter.setPen(qcolor(TEXT))
            painter.drawText(QRectF(r.left(), y + 0.8 * u * k, r.width(), r.bottom() - y), Qt.AlignLeft | Qt.TextWordWrap, line)
        painter.restore()

    def _footer(self, painter, r: QRectF, u, k):
        o = self.options
        lang = o.lang
        scen = o.scenario_name or (self.result.scenario if self.result is not None else self.project.scenario.name)
        when = (o.print_date or _dt.date.today())
        date_txt = when.strftime("%d/%m/%Y") if lang == "fr" else when.isoformat()
        painter.save()
        painter.setPen(pen(RULE, 0.2 * u * k, cap=Qt.FlatCap))
        painter.drawLine(QPointF(r.left(), r.top()), QPointF(r.right(), r.top()))
        painter.setFont(font(6.4 * k))
        fm = painter.fontMetrics()
        y = r.top() + 0.8 * u * k
        painter.setPen(qcolor(TEXT))
        first = f"{self.project.name}  ·  {text('scenario', lang)} {scen}  ·  {text('printed', lang)} {date_txt}"
        painter.drawText(QRectF(r.left(), y, r.width(), fm.height()), Qt.AlignLeft | Qt.AlignVCenter, first)
        painter.setPen(qcolor(MUTED))
        painter.drawText(QRectF(r.left(), y, r.width(), fm.height()), Qt.AlignRight | Qt.AlignVCenter, "Rollout Planner")
        for line in self.sources:
            y += fm.height()
            painter.drawText(QRectF(r.left(), y, r.width(), fm.height()), Qt.AlignLeft | Qt.AlignVCenter,
                             fm.elidedText(line, Qt.ElideRight, int(r.width())))
        painter.restore()


# ---------- devices ----------
def enter_page(painter: QPainter, page_rect: QRectF | None, layout: PageLayout) -> tuple[QRectF, float]:
    """(page rectangle, device units per mm) to draw a page in; scales the painter when `page_rect` is not at
    the device's own resolution, so that point sizes of fonts stay in proportion with the page."""
    dev = painter.device()
    page = QRectF(page_rect) if page_rect is not None else QRectF(0, 0, dev.width(), dev.height())
    u = page.width() / layout.width
    dev_u = dev.logicalDpiX() / 25.4
    if dev_u > 0 and abs(u / dev_u - 1.0) > 1e-3:
        painter.translate(page.left(), page.top())
        painter.scale(u / dev_u, u / dev_u)
        page = QRectF(0, 0, layout.width * dev_u, layout.height * dev_u)
        u = dev_u
    return page, u



def pdf_writer(path, layout: PageLayout, title: str = "", dpi: int = PDF_DPI) -> QPdfWriter:
    """A QPdfWriter on the layout's paper with no margins (the layout holds its own)."""
    writer = QPdfWriter(str(path))
    writer.setResolution(dpi)
    writer.setCreator("Rollout Planner")
    if title:
        writer.setTitle(title)
    size = QPageSize(QSizeF(min(layout.width, layout.height), max(layout.width, layout.height)), QPageSize.Millimeter)
    orient = QPageLayout.Landscape if layout.landscape else QPageLayout.Portrait
    writer.setPageLayout(QPageLayout(size, orient, QMarginsF(0, 0, 0, 0)))
    return writer


def page_image(renderer: PageRenderer, row: int, dpi: float = 100.0) -> tuple[QImage, DrawnPage]:
    """A page as a white QImage at `dpi` (print preview, PNG) and what it shows."""
    ensure_gui_app()
    lay = renderer.layout
    w, h = int(round(lay.width / 25.4 * dpi)), int(round(lay.height / 25.4 * dpi))
    img = QImage(w, h, QImage.Format_ARGB32_Premultiplied)
    dpm = int(round(dpi / 0.0254))
    img.setDotsPerMeterX(dpm)
    img.setDotsPerMeterY(dpm)
    img.fill(QColor("#ffffff"))
    p = QPainter(img)
    drawn = renderer.draw_commune(p, row, QRectF(0, 0, w, h))
    p.end()
    return img, drawn


def render_commune_page(project, code: str, out_path, options: PageOptions | None = None, assignment=None,
                        result=None, dpi: float = 150.0) -> DrawnPage:
    """One commune page to a PDF (vector) or an image (by extension); returns what it shows."""
    ensure_gui_app()
    renderer = PageRenderer(project, assignment, result, options)
    try:
        row = project.communes.index_of(code)
    except KeyError:
        raise PlannerError(f"no commune with INSEE code {code}") from None
    out = Path(out_path)
    drawn = []

    def _write(tmp: Path) -> None:
        if out.suffix.lower() == ".pdf":
            writer = pdf_writer(tmp, renderer.layout, f"{project.communes.names[row]} ({code})")
            p = QPainter(writer)
            drawn.append(renderer.draw_commune(p, row))
            p.end()
            del p, writer
        else:
            img, page = page_image(renderer, row, dpi)
            drawn.append(page)
            if not img.save(str(tmp)):
                raise OSError(f"cannot write the image {tmp.name}")

    write_file(out, _write)
    drawn = drawn[0]
    return drawn
