"""render_map and MapPainter on the real Gers communes: pixel colours, formats, spatial index."""
import numpy as np
import pytest
import shapely

from planner.core.project.model import Communes, Layer, Premises, Project
from planner.core.project.paths import sample_communes
from planner.io.layers.readers import read_layer
from planner.render.map.point_index import PointGridIndex


@pytest.fixture(scope="module")
def communes_project():
    lay = read_layer(sample_communes(), "communes_l93")
    lay.style.fill = "#d0e4f5"
    return Project(name="Gers", communes=Communes(lay, units_field="locaux_insee_2018"))


def _pixel_of(extent, size, x, y):
    """Pixel of map point (x, y) for an extent already fitted to size (north up)."""
    from planner.render.map.map_painter import fit_extent

    e = fit_extent(extent, size[0], size[1])
    s = size[0] / (e[2] - e[0])
    return int((x - e[0]) * s), int((e[3] - y) * s)


def _padded(b, pad=0.02):
    """The default extent of render_map: everything, with a 2 % margin of the larger side."""
    d = pad * max(b[2] - b[0], b[3] - b[1])
    return (b[0] - d, b[1] - d, b[2] + d, b[3] + d)


def test_render_png_has_commune_fill_inside_auch(qapp, communes_project, tmp_path):
    from PySide6.QtGui import QColor, QImage

    from planner.render.map.export_map import render_map

    out = render_map(communes_project, tmp_path / "map.png", size=(800, 600), colour_by="none")
    img = QImage(str(out))
    assert (img.width(), img.height()) == (800, 600)
    com = communes_project.communes
    auch = com.geometries[com.index_of("32013")]
    p = shapely.point_on_surface(auch)
    px, py = _pixel_of(_padded(shapely.total_bounds(com.geometries)), (800, 600), p.x, p.y)
    assert img.pixelColor(px, py).name() == QColor("#d0e4f5").name()
    assert img.pixelColor(2, 2).name() == "#ffffff"  # outside the territory: the page stays white


def test_render_svg_and_pdf_are_written(qapp, communes_project, tmp_path):
    from planner.render.map.export_map import render_map

    svg = render_map(communes_project, tmp_path / "map.svg", size=(400, 300))
    assert "<svg" in svg.read_text()[:2000] and svg.read_text().count("<path") >= 1
    pdf = render_map(communes_project, tmp_path / "map.pdf", size=(400, 300))
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_render_unknown_extension_is_a_user_error(qapp, communes_project, tmp_path):
    from planner.core.errors import PlannerError
    from planner.render.map.export_map import render_map

    with pytest.raises(PlannerError):
        render_map(communes_project, tmp_path / "map.xyz")


def test_premises_drawn_in_their_colour(qapp, communes_project, tmp_path):
    """Real BANO-like points are not available for the whole Gers: use Auch's representative point cluster."""
    from PySide6.QtGui import QImage

    from planner.render.map.export_map import render_map

    com = communes_project.communes
    auch = com.geometries[com.index_of("32013")]
    c = shapely.point_on_surface(auch)
    x = c.x + np.linspace(-300, 300, 61)
    y = np.full_like(x, c.y)
    lay = Layer("premises", "point", x=x, y=y)
    lay.style.fill = "#aa0000"
    proj = Project(name="Gers", communes=com, premises=Premises(lay))
    ext = (c.x - 1000, c.y - 750, c.x + 1000, c.y + 750)
    out = render_map(proj, tmp_path / "p.png", size=(400, 300), extent=ext)
    img = QImage(str(out))
    assert img.pixelColor(200, 150).name() == "#aa0000"
    assert img.pixelColor(200, 100).name() != "#aa0000"


def test_point_grid_index_matches_brute_force():
    rng = np.random.default_rng(3)
    x, y = rng.uniform(4.3e5, 5.5e5, 50000), rng.uniform(6.24e6, 6.33e6, 50000)
    ix = PointGridIndex(x, y)
    for box in [(4.5e5, 6.25e6, 4.62e5, 6.27e6), (4.0e5, 6.0e6, 4.31e5, 6.4e6), (6e5, 6e6, 7e5, 6.1e6)]:
        ref = np.flatnonzero((x >= box[0]) & (x <= box[2]) & (y >= box[1]) & (y <= box[3]))
        assert np.array_equal(ix.query(*box), ref)


def test_sorted_x_index_answers_as_the_grid_without_building_one():
    from planner.render.map.point_index import SortedXIndex, points_index

    rng = np.random.default_rng(4)
    x, y = rng.uniform(4.3e5, 5.5e5, 50000), rng.uniform(6.24e6, 6.33e6, 50000)
    x[:20] = 4.5e5  # equal x and points on the box edges
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], y[order]
    sorted_ix, grid = points_index(xs, ys), points_index(x, y)
    assert isinstance(sorted_ix, SortedXIndex) and isinstance(grid, PointGridIndex)
    for box in [(4.5e5, 6.25e6, 4.62e5, 6.27e6), (4.0e5, 6.0e6, 4.31e5, 6.4e6), (6e5, 6e6, 7e5, 6.1e6)]:
        ref = np.flatnonzero((xs >= box[0]) & (xs <= box[2]) & (ys >= box[1]) & (ys <= box[3]))
        assert np.array_equal(sorted_ix.query(*box), ref)
        assert np.array_equal(np.sort(order[sorted_ix.query(*box)]), grid.query(*box))


def test_render_cli_draws_auch_in_the_commune_colour(qapp, tmp_path, capsys):
    from PySide6.QtGui import QColor, QImage

    from planner.cli import main
    from planner.io.layers.readers import load_communes

    out = tmp_path / "cli.png"
    assert main(["render", "--communes", str(sample_communes()), "--communes-layer", "communes_l93", "-o", str(out),
                 "--size", "900x700"]) == 0
    assert "wrote" in capsys.readouterr().out
    com = load_communes(sample_communes(), layer="communes_l93")
    auch = shapely.point_on_surface(com.geometries[com.index_of("32013")])
    px, py = _pixel_of(_padded(shapely.total_bounds(com.geometries)), (900, 700), auch.x, auch.y)
    img = QImage(str(out))
    assert (img.width(), img.height()) == (900, 700)
    assert img.pixelColor(px, py).name() == QColor(com.layer.style.fill).name()
    assert main(["render", "--communes", str(sample_communes()), "-o", str(tmp_path / "x.png"), "--size", "big"]) == 2


def test_render_cli_with_premises_zoomed_on_a_commune(qapp, tmp_path):
    from PySide6.QtGui import QImage

    from planner.cli import main
    from planner.core.project.paths import sample_premises

    out = tmp_path / "auch.png"
    assert main(["render", "--communes", str(sample_communes()), "--communes-layer", "communes_l93",
                 "--premises", str(sample_premises()), "--commune", "32013", "-o", str(out), "--size", "600x450"]) == 0
    from planner.render.map.styles import HIGHLIGHT_FILL, NEIGHBOUR_FILL

    img = QImage(str(out))
    colours = [img.pixelColor(x, y).name() for x in range(0, 600, 3) for y in range(0, 450, 3)]
    assert colours.count(HIGHLIGHT_FILL) > 500 and colours.count(NEIGHBOUR_FILL) > 500
    assert colours.count("#3949ab") > 50  # premise dots in the default point colour


def test_qt_bindings_keep_reference_counts(qapp):
    """PySide6 6.12.0 on Python 3.11 dropped a reference to None on every void call and to True on every
    emit, aborting the interpreter after a few thousand calls; pyproject.toml excludes it. This catches any
    binding with the same fault before it crashes (a few hundred calls, far below the abort)."""
    import sys

    from PySide6.QtCore import QObject, Signal
    from PySide6.QtGui import QImage, QPainter

    class Emitter(QObject):
        fired = Signal(int)

    img = QImage(10, 10, QImage.Format_ARGB32_Premultiplied)
    p = QPainter(img)
    emitter = Emitter()
    emitter.fired.connect(lambda v: None)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for i in range(300):
        p.setOpacity(1.0)
        emitter.fired.emit(i)
    p.end()
    assert sys.getrefcount(None) - none_before > -50, "this PySide6 leaks references to None: pin another version"
    assert sys.getrefcount(True) - true_before > -50, "this PySide6 leaks references to True: pin another version"
