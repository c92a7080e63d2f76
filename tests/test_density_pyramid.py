"""The density pyramid gives the same raster as the per-point raster where both apply (pixel = a level's cell)."""
import numpy as np
import pytest

from planner.core.project.model import Layer
from planner.render.map.density_pyramid import BASE_CELL, COUNT_CAP, LEVELS, DensityPyramid, point_raster


def _points(n=400_000, seed=4):
    """Clustered points like premises: dense towns, villages, scattered houses (Lambert-93 metres)."""
    rng = np.random.default_rng(seed)
    centres = np.column_stack([rng.uniform(450_000, 560_000, 300), rng.uniform(6_230_000, 6_340_000, 300)])
    owner = rng.integers(0, len(centres), n)
    spread = rng.choice([40.0, 300.0, 3000.0], n, p=[0.3, 0.5, 0.2])
    x = centres[owner, 0] + rng.normal(size=n) * spread
    y = centres[owner, 1] + rng.normal(size=n) * spread
    x[:50] = np.round(x[:50] / 64) * 64  # points exactly on cell corners of every level
    y[:50] = np.round(y[:50] / 64) * 64
    order = np.argsort(x, kind="stable")
    codes = rng.integers(0, 6, n).astype(np.int16)
    return x[order], y[order], codes[order]


@pytest.mark.parametrize("k", range(LEVELS))
def test_pyramid_equals_point_raster_at_every_level(k):
    xs, ys, codes = _points()
    pyramid = DensityPyramid(xs, ys)
    pyramid.set_codes(codes)
    cell = BASE_CELL * 2 ** k
    level = pyramid.level_for(cell)
    assert level.cell == cell
    # a view somewhere inside the data, its origin snapped to the pixel grid as the map item does
    for cx, cy, px_w, px_h in ((505_000.3, 6_285_000.7, 1500, 940), (470_123.0, 6_250_321.0, 640, 400)):
        x0 = np.floor((cx - px_w * cell / 2) / cell) * cell
        y0 = np.floor((cy - px_h * cell / 2) / cell) * cell
        want_counts, want_codes = point_raster(xs, ys, codes, x0, y0, px_w, px_h, cell)
        got_counts, got_codes = pyramid.raster(level, x0, y0, px_w, px_h, cell)
        # counts are kept up to COUNT_CAP per cell (the map shades up to a dozen premises per pixel)
        np.testing.assert_array_equal(got_counts, np.minimum(want_counts, COUNT_CAP))
        np.testing.assert_array_equal(got_codes, want_codes)
        assert want_counts.sum() > 100  # the view does hold premises


def test_pyramid_between_levels_keeps_every_premise_and_costs_cells():
    xs, ys, codes = _points()
    pyramid = DensityPyramid(xs, ys)
    cell = 37.0  # between the 32 m and 64 m levels: 32 m cells summed into 37 m pixels
    level = pyramid.level_for(cell)
    assert level.cell == 32.0 and pyramid.level_for(BASE_CELL / 2) is None
    x0, y0 = np.floor(440_000 / cell) * cell, np.floor(6_220_000 / cell) * cell
    nx, ny = int(130_000 / cell), int(130_000 / cell)
    counts, _ = pyramid.raster(level, x0, y0, nx, ny, cell)
    inside = (xs >= x0) & (xs < x0 + nx * cell) & (ys >= y0) & (ys < y0 + ny * cell)
    occupied = np.count_nonzero(counts)
    want, _ = point_raster(xs, ys, None, x0, y0, nx, ny, cell)
    # a cell goes to the pixel holding its centre: a premise moves by less than half a cell (16 m here)
    assert occupied == pytest.approx(np.count_nonzero(want), rel=0.05)
    assert np.minimum(counts, 12).sum() == pytest.approx(np.minimum(want, 12).sum(), rel=0.05)
    assert len(level.row) < len(xs)  # cells, not points
    assert inside.sum() > 0.9 * len(xs)
    for lv in pyramid.levels:  # every level covers every premise: the highest index is some cell's `last`
        assert lv.last.max() == len(xs) - 1 and len(lv.row) == lv.col_start[-1]


def test_map_item_image_same_with_and_without_pyramid(qtbot):
    from PySide6.QtGui import QImage

    from planner.ui.map.premises_item import PremisesItem, prepare_points

    xs, ys, codes = _points(n=300_000)
    layer = Layer("premises", "point", x=xs.copy(), y=ys.copy())
    index = prepare_points(layer)
    assert index.pyramid is not None
    item = PremisesItem(layer)
    palette = [(31, 119, 180, 255), (255, 127, 14, 255), (44, 160, 44, 255), (214, 39, 40, 255),
               (148, 103, 189, 255), (140, 86, 75, 255), (150, 150, 150, 255)]
    item.set_categories(codes, palette)
    cell = 64.0
    x0, y0 = np.floor(455_000 / cell) * cell, np.floor(6_240_000 / cell) * cell
    images = []
    for use in (True, False):
        counts, cats = item.raster_arrays(x0, y0, 1200, 900, cell, use_pyramid=use)
        assert item.last_source == ("pyramid 64 m" if use else "points")
        images.append((counts, cats))
    np.testing.assert_array_equal(images[0][0], images[1][0])
    np.testing.assert_array_equal(images[0][1], images[1][1])
    # and the drawn rasters (colour × density lookup into the QImage) are identical pixel for pixel
    built = []
    for use in (True, False):
        item.raster_cells = (lambda f, u: (lambda *a, **k: f(*a, use_pyramid=u)))(
            PremisesItem.raster_cells.__get__(item), use)
        built.append(item._build_raster(("k", use), x0 + 10, y0 + 10, x0 + 1000 * cell, y0 + 700 * cell, cell)[2])
    assert isinstance(built[0], QImage) and built[0] == built[1]


def test_no_stripes_where_cells_are_smaller_than_pixels():
    """A uniform carpet of premises (one per 16 m) at 23 m pixels: every pixel the same premises per area."""
    g = np.arange(0, 20_000, 16.0) + 8.0
    xx, yy = np.meshgrid(g + 500_000, g + 6_250_000)
    order = np.argsort(xx.ravel(), kind="stable")
    xs, ys = xx.ravel()[order], yy.ravel()[order]
    pyramid = DensityPyramid(xs, ys)
    cell = 23.0
    x0, y0 = np.floor(502_000 / cell) * cell, np.floor(6_252_000 / cell) * cell
    counts, _ = pyramid.raster(pyramid.level_for(cell), x0, y0, 500, 500, cell)
    inside = counts.reshape(500, 500)[5:-5, 5:-5]
    # 16 m cells map 1 or 2 to a 23 m pixel in each direction (1 to 4 per pixel): evened out to ~2 everywhere
    assert inside.min() == inside.max() == 2.0
    raw = np.bincount(((np.floor((ys - y0) / cell).clip(0, 499)) * 500 + np.floor((xs - x0) / cell).clip(0, 499))
                      .astype(np.int64), minlength=250_000).reshape(500, 500)[5:-5, 5:-5]
    assert raw.min() < raw.max()  # the points themselves do fall unevenly into pixels
