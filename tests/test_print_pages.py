"""Commune pages and atlases on the Gers sample with a four-phase plan: text, pixels, legend, scale bar, order."""
import re
import subprocess

import numpy as np
import pytest
import shapely

from planner.core.project.model import Phase
from pdf_text import pdf_text, pdf_texts

MONTH = "2020-06"


def gers_plan():
    """The bundled Gers sample with a plan: Grand Auch, the towns, then the north and south halves by zone."""
    from planner.io.layers.sample import load_sample_project

    p = load_sample_project()
    com = p.communes
    reps = shapely.get_coordinates(shapely.point_on_surface(com.geometries))
    auch = reps[com.index_of("32013")]
    near = com.codes[np.hypot(*(reps - auch).T) < 9000]
    towns = ["32107", "32208", "32160", "32132", "32119", "32256", "32296"]
    b = shapely.total_bounds(com.geometries)
    midy = (b[1] + b[3]) / 2
    p.phases = [Phase(1, "Phase 1 — Grand Auch", "#1f77b4", communes=list(near), crews=4),
                Phase(2, "Phase 2 — Villes", "#ff7f0e", communes=towns, crews=3),
                Phase(3, "Phase 3 — Nord", "#2ca02c", zone=shapely.box(b[0] - 1, midy, b[2] + 1, b[3] + 1), crews=6,
                      earliest_start="2019-06"),
                Phase(4, "Phase 4 — Sud", "#9467bd", zone=shapely.box(b[0] - 1, b[1] - 1, b[2] + 1, midy + 1), crews=6,
                      earliest_start="2020-06")]
    p.name = "Gers — plan FTTH"
    return p


@pytest.fixture(scope="module")
def plan():
    from planner.core.phases.assignment import assign
    from planner.core.simulation.coverage import simulate

    p = gers_plan()
    a = assign(p)
    return p, a, simulate(p, a)


@pytest.fixture(scope="module")
def renderer_state(qapp, plan):
    from planner.render.printing.commune_page import PageOptions, PageRenderer

    p, a, r = plan
    return PageRenderer(p, a, r, PageOptions(colour_by="state", month=MONTH))




def pdf_pages(path):
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def rasterise(pdf, tmp_path, dpi=100):
    from PySide6.QtGui import QImage

    stem = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
                   check=True)
    return QImage(str(stem) + ".png")


def close(c1, hex2, tol=4):
    from PySide6.QtGui import QColor

    c2 = QColor(hex2)
    return max(abs(c1.red() - c2.red()), abs(c1.green() - c2.green()), abs(c1.blue() - c2.blue())) <= tol


def test_page_text_holds_name_code_figures_and_sources(plan, renderer_state, tmp_path):
    from planner.core.printing.layout import group_thousands
    from planner.render.printing.commune_page import render_commune_page

    p, a, r = plan
    out = tmp_path / "auch.pdf"
    drawn = render_commune_page(p, "32013", out, renderer_state.options, a, r)
    assert pdf_pages(out) == 1
    txt = pdf_text(out)
    row = p.communes.index_of("32013")
    assert "Auch" in txt and "32013" in txt
    assert group_thousands(int(a.commune_units[row])).replace("\u202f", " ") in txt
    assert r.commune_quarter(row, 50) in txt and r.commune_quarter(row, 100) in txt
    from planner.core.printing.layout import month_name

    first_built = r.months[int(np.flatnonzero(r.commune_eligible[row] > 0)[0])]
    assert "Début des travaux" in txt and month_name(first_built) in txt  # value and label, in any order
    assert "Phase 1 — Grand Auch" in txt
    assert "Licence Ouverte" in txt and "synthétiques" in txt
    assert "OpenStreetMap" not in txt  # no BANO/OSM layer on this project
    assert drawn.facts.shares["eligible"] == pytest.approx(100.0 * r.commune_eligible[row, r.month_index(MONTH)]
                                                          / a.commune_units[row])
    from planner.core.printing.layout import euros

    cost = euros(r.costs.commune_cost[row]).replace("\u202f", " ")
    assert f"{cost} ({euros(r.costs.commune_eur_per_unit[row]).replace(chr(0x202f), ' ')}/local) Coût :" in txt


def test_osm_attribution_only_where_bano_is_shown(qapp, gers_communes_model, bano_premises_model, tmp_path):
    from planner.core.project.model import Project
    from planner.render.printing.commune_page import PageOptions, render_commune_page

    proj = Project(name="BANO", communes=gers_communes_model(), premises=bano_premises_model())
    out = tmp_path / "bano.pdf"
    drawn = render_commune_page(proj, "32013", out, PageOptions(colour_by="none"))
    assert "OpenStreetMap" in pdf_text(out)
    assert drawn.map.class_counts["premises"] > 1000  # Auch's real BANO addresses are on the page
    proj.premises.layer.style.visible = False
    render_commune_page(proj, "32013", out, PageOptions(colour_by="none"))
    assert "OpenStreetMap" not in pdf_text(out)


def test_highlight_colour_inside_the_commune_faded_outside(plan, renderer_state, tmp_path):
    from planner.render.printing.commune_page import PDF_DPI, render_commune_page
    from planner.render.map.styles import HIGHLIGHT_FILL, NEIGHBOUR_FILL

    p, a, r = plan
    code = "32208"  # Lectoure
    out = tmp_path / "lectoure.pdf"
    drawn = render_commune_page(p, code, out, renderer_state.options, a, r)
    img = rasterise(out, tmp_path, dpi=100)
    row = p.communes.index_of(code)
    geom = p.communes.geometries[row]
    b = geom.bounds
    gx, gy = np.meshgrid(np.linspace(b[0] - 800, b[2] + 800, 120), np.linspace(b[1] - 800, b[3] + 800, 120))
    gx, gy = gx.ravel(), gy.ravel()
    d_edge = shapely.distance(shapely.boundary(geom), shapely.points(gx, gy))
    # far from every premise dot (2 mm on paper) and from the neighbour labels
    mm = drawn.u / drawn.map.scale  # metres per paper millimetre
    cell = 2 * mm  # occupancy grid: a free cell whose 8 neighbours are free is >= 2 mm from any dot
    x0, y0 = b[0] - 1000, b[1] - 1000
    nx, ny = int((b[2] - b[0] + 2000) // cell) + 3, int((b[3] - b[1] + 2000) // cell) + 3
    ix, iy = ((p.premises.x - x0) // cell).astype(int) + 1, ((p.premises.y - y0) // cell).astype(int) + 1
    ok = (ix >= 1) & (ix < nx - 1) & (iy >= 1) & (iy < ny - 1)
    occ = np.zeros((ny, nx), dtype=bool)
    occ[iy[ok], ix[ok]] = True
    dil = occ.copy()
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            dil[1:-1, 1:-1] |= occ[1 + dy:ny - 1 + dy, 1 + dx:nx - 1 + dx]
    free = ~dil[((gy - y0) // cell).astype(int) + 1, ((gx - x0) // cell).astype(int) + 1]
    lp = shapely.get_coordinates(shapely.point_on_surface(p.communes.geometries))
    far_label = np.min(np.hypot(lp[:, 0][:, None] - gx, lp[:, 1][:, None] - gy), axis=0) > 8 * mm
    X, Y = drawn.map.to_device(gx, gy)
    f = 100.0 / PDF_DPI
    px, py = (X * f).astype(int), (Y * f).astype(int)
    rect = drawn.map.rect
    in_frame = (X > rect.left() + 40 * drawn.u) & (Y < rect.bottom() - 20 * drawn.u) & (X < rect.right() - 20 * drawn.u)
    base = free & far_label & in_frame & (d_edge > 0.8 * mm) & (d_edge < 6 * mm)
    inside = base & shapely.contains_xy(geom, gx, gy)
    outside = base & ~shapely.contains_xy(geom, gx, gy)
    assert inside.sum() >= 5 and outside.sum() >= 5
    got_in = [close(img.pixelColor(int(x), int(y)), HIGHLIGHT_FILL) for x, y in zip(px[inside], py[inside])]
    got_out = [close(img.pixelColor(int(x), int(y)), NEIGHBOUR_FILL) for x, y in zip(px[outside], py[outside])]
    assert np.mean(got_in) > 0.95, np.mean(got_in)
    assert np.mean(got_out) > 0.95, np.mean(got_out)


@pytest.mark.parametrize("code", ["32013", "32001", "32208"])
def test_legend_lists_exactly_the_phases_present(qapp, plan, tmp_path, code):
    from planner.render.printing.commune_page import PageOptions, PageRenderer, page_image

    p, a, r = plan
    renderer = PageRenderer(p, a, r, PageOptions(colour_by="phase"))
    row = p.communes.index_of(code)
    img, drawn = page_image(renderer, row, dpi=60)
    present = {p.phases[i].name for i in np.unique(a.premise_phase[a.premise_commune == row]) if i >= 0}
    names = {ph.name for ph in p.phases}
    listed = {e.label for e in drawn.legend if e.label in names}
    assert present and listed == present
    # the zone legend line appears only for zone phases present on the page
    zones = {e.label for e in drawn.legend if e.kind == "line"}
    assert all(any(n in z for n in present) for z in zones)


def test_scale_bar_length_matches_its_label(qapp, plan, renderer_state):
    from PySide6.QtGui import QColor

    from planner.render.printing.commune_page import page_image
    from planner.render.map.styles import TEXT

    p, a, r = plan
    for code in ("32013", "32107"):
        img, drawn = page_image(renderer_state, p.communes.index_of(code), dpi=300)
        bar = drawn.scale_bar
        assert str(int(bar.length_m))[0] in "125"
        metres = float(bar.label.split()[0].replace(",", ".")) * (1000 if bar.label.endswith("km") else 1)
        assert metres == bar.length_m
        # measure the drawn bar on the pixels: its dark outline along the middle row
        y = int(bar.bar.center().y())
        dark = [x for x in range(int(bar.bar.left()) - 20, int(bar.bar.right()) + 20)
                if img.pixelColor(x, y).lightness() < 80]
        measured_px = dark[-1] - dark[0] + 1
        ext = drawn.map.extent
        px_per_m = drawn.map.rect.width() / (ext[2] - ext[0])
        assert measured_px / px_per_m == pytest.approx(metres, rel=0.01)
        assert QColor(TEXT).lightness() < 80


def test_a3_landscape_page_size_and_text(qapp, plan, tmp_path):
    from planner.render.printing.commune_page import PageOptions, render_commune_page

    p, a, r = plan
    out = tmp_path / "a3.pdf"
    render_commune_page(p, "32107", out, PageOptions(paper="A3", landscape=True, colour_by="phase"), a, r)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    w, h = (float(v) for v in re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert w == pytest.approx(420 / 25.4 * 72, abs=1) and h == pytest.approx(297 / 25.4 * 72, abs=1)
    assert "Condom" in pdf_text(out)


def test_atlas_pages_in_insee_order_with_overview(qapp, plan, tmp_path):
    from planner.render.printing.atlas import write_atlas
    from planner.render.printing.commune_page import PageOptions

    p, a, r = plan
    codes = ["32208", "32013", "32001", "32107"]
    seen = []
    out = tmp_path / "atlas.pdf"
    rep = write_atlas(p, out, codes=codes, options=PageOptions(month=MONTH), assignment=a, result=r, overview=True,
                      progress=lambda f, m="": seen.append(f))
    assert pdf_pages(out) == 5 == rep.pages
    assert seen[-1] == pytest.approx(1.0) and seen == sorted(seen)
    pages = pdf_texts(out)
    overview = pages[0]
    assert "Vue d'ensemble" in overview
    from planner.core.printing.layout import euros, month_name

    assert f"{euros(r.costs.cost_total)} Coût du plan".replace("\u202f", " ") in overview  # value, then label
    spent = euros(r.costs.spend[r.month_index(MONTH)]).replace("\u202f", " ")
    assert f"{spent} Dépensé à fin {month_name(MONTH)}" in overview.replace("\ufb01", "fi")  # PDF 'ﬁ' ligature
    assert euros(r.costs.phase_cost[0]).replace("\u202f", " ") in overview  # the phase schedule's cost
    found = [re.search(r"INSEE\s+(\d{5})", pg).group(1) for pg in pages[1:]]
    assert found == sorted(codes) == rep.codes


def test_atlas_cancel_leaves_no_file(qapp, plan, tmp_path):
    from planner.core.errors import Cancelled
    from planner.render.printing.atlas import write_atlas

    p, a, r = plan
    done = []
    out = tmp_path / "cancelled.pdf"
    with pytest.raises(Cancelled):
        write_atlas(p, out, codes=list(p.communes.codes[:20]), assignment=a, result=r,
                    progress=lambda f, m="": done.append(f), cancel=lambda: len(done) >= 3)
    assert len(done) == 3 and not out.exists() and not list(tmp_path.glob("*.part"))


def test_atlas_unknown_code_is_a_user_error(qapp, plan, tmp_path):
    from planner.core.errors import PlannerError
    from planner.render.printing.atlas import write_atlas

    p, a, r = plan
    with pytest.raises(PlannerError, match="99999"):
        write_atlas(p, tmp_path / "x.pdf", codes=["32013", "99999"], assignment=a, result=r)


@pytest.fixture(scope="module")
def project_file(plan, tmp_path_factory):
    from planner.io.project.project_file import save_project

    path = tmp_path_factory.mktemp("proj") / "gers_plan.gpkg"
    save_project(plan[0], path)
    return path


def test_print_cli_communes_and_phase(qapp, project_file, tmp_path, capsys):
    from planner.cli import main

    out = tmp_path / "two.pdf"
    assert main(["print", str(project_file), "--commune", "32208", "32013", "--month", MONTH, "-o", str(out),
                 "--quiet"]) == 0
    assert pdf_pages(out) == 2
    assert "32013" in pdf_text(out, 0) and "32208" in pdf_text(out, 1)
    out2 = tmp_path / "phase.pdf"
    assert main(["print", str(project_file), "--phase", "Phase 2 — Villes", "-o", str(out2), "--quiet"]) == 0
    assert pdf_pages(out2) == 7
    assert main(["print", str(project_file), "--commune", "00000", "-o", str(tmp_path / "bad.pdf")]) == 2
    assert "00000" in capsys.readouterr().err
    assert main(["print", str(project_file), "--phase", "nope", "-o", str(tmp_path / "bad.pdf")]) == 2


@pytest.mark.slow
def test_print_cli_whole_atlas(qapp, project_file, tmp_path):
    from planner.cli import main

    out = tmp_path / "all.pdf"
    assert main(["print", str(project_file), "--all", "--month", MONTH, "-o", str(out), "--quiet"]) == 0
    assert pdf_pages(out) == 459
    assert out.stat().st_size < 64 * 2 ** 20


def _ink_box(img, top=0.0, bottom=1.0, right=1.0):
    """(left, top, right, bottom) of the non-white pixels in a band of the page, as fractions of its size."""
    w, h = img.width(), img.height()
    a = np.frombuffer(img.constBits(), dtype=np.uint8).reshape(h, img.bytesPerLine())[:, : w * 4].reshape(h, w, 4)
    ink = (a[:, :, :3] < 235).any(axis=2)
    ink[: int(top * h)] = False
    ink[int(bottom * h):] = False
    ink[:, int(right * w):] = False
    ys, xs = np.nonzero(ink)
    return np.array([xs.min() / w, ys.min() / h, xs.max() / w, ys.max() / h])


def test_page_fitted_at_another_resolution_keeps_its_proportions(qapp, plan, renderer_state):
    """A page drawn into a rectangle that is not at the device's resolution (print preview, other paper)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from planner.render.printing.commune_page import page_image

    p, a, r = plan
    row = p.communes.index_of("32107")
    ref, _ = page_image(renderer_state, row, dpi=80)
    lay = renderer_state.layout
    w, h = int(lay.width / 25.4 * 160), int(lay.height / 25.4 * 160)
    img = QImage(w, h, QImage.Format_ARGB32_Premultiplied)  # default 96 dpi, page drawn at 160 dpi
    img.fill(QColor("#ffffff"))
    painter = QPainter(img)
    drawn = renderer_state.draw_commune(painter, row, QRectF(0, 0, w, h))
    painter.end()
    assert drawn.u == pytest.approx(img.logicalDpiX() / 25.4)
    assert np.abs(_ink_box(img) - _ink_box(ref)).max() < 0.01
    # the title block (name and INSEE line, left of the header) has the same height on both: fonts scaled too
    t_img, t_ref = _ink_box(img, bottom=0.09, right=0.5), _ink_box(ref, bottom=0.09, right=0.5)
    assert (t_img[3] - t_img[1]) == pytest.approx(t_ref[3] - t_ref[1], rel=0.08)


def test_premise_states_on_a_page_match_the_simulation(qapp, plan, renderer_state):
    from planner.render.printing.commune_page import page_image
    from planner.render.printing.sim_view import commune_levels

    p, a, r = plan
    t = r.month_index(MONTH)
    levels = commune_levels(r)
    for code in ("32013", "32160"):
        row = p.communes.index_of(code)
        _, drawn = page_image(renderer_state, row, dpi=40)
        n = drawn.map.class_counts
        elig, mark, conn = (int(levels[k][row, t]) for k in ("eligible", "marketable", "connected"))
        assert elig > 0
        # units are whole premises: a level falls inside a premise's units at most
        assert n.get("connected", 0) == pytest.approx(conn, abs=int(p.premises.units.max()))
        assert n.get("connected", 0) + n.get("marketable", 0) == pytest.approx(mark, abs=int(p.premises.units.max()))
        assert sum(n.get(k, 0) for k in ("connected", "marketable", "eligible")) == pytest.approx(
            elig, abs=int(p.premises.units.max()))
        assert sum(n.values()) == a.commune_units[row]


def test_commune_level_page_fills_the_commune_with_its_phase(qapp, plan):
    from PySide6.QtGui import QColor

    from planner.core.phases.assignment import assign
    from planner.core.simulation.coverage import simulate
    from planner.render.printing.commune_page import PageOptions, PageRenderer, page_image
    from planner.render.map.styles import lighter

    p = gers_plan()
    p.premises = None
    a = assign(p)
    renderer = PageRenderer(p, a, simulate(p, a), PageOptions(colour_by="phase"))
    row = p.communes.index_of("32256")  # Mirande, in the towns' phase
    img, drawn = page_image(renderer, row, dpi=80)
    assert drawn.legend[0].label == "Phase 2 — Villes"
    pt = shapely.point_on_surface(p.communes.geometries[row])
    x, y = drawn.map.to_device(pt.x, pt.y)
    assert close(img.pixelColor(int(x), int(y)), lighter("#ff7f0e", 0.45), tol=2)
    assert not any(e.kind in ("dot", "ring") for e in drawn.legend)  # no premise points, none listed
    assert QColor(lighter("#ff7f0e", 0.45)).name() != QColor("#fdf3d0").name()
