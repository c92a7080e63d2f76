"""render_map: the project's map written to a PNG/JPEG, SVG or PDF file, chosen by the file extension.

The map is drawn into memory and written through planner/io/writer.py (temporary file, check, rename).
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from planner.core.errors import PlannerError
from planner.io.writer import write_bytes
from planner.render.map.map_painter import MapPainter

RASTER_EXTS = {".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp"}
SCREEN_DPI = 96.0


def ensure_gui_app():
    """A QGuiApplication (fonts and painting need one); reuses an existing application.

    Drawing into files needs no screen: when this creates the application (command line, scripts), it uses
    Qt's offscreen platform unless the user chose one, so `print`/`render` work on servers without a display.
    """
    app = QGuiApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["rollout-planner"])
    return app


def render_map(project, out_path, size=(1600, 1200), extent=None, colour_by: str = "phase", month: str | None = None,
               assignment=None, result=None, painter_cache: MapPainter | None = None, lang: str = "fr",
               highlight: str | None = None) -> Path:
    """Draw the map of `extent` (default: the view extent, else everything) into `out_path`; returns the path.

    size: pixels for images; for SVG and PDF the same size at 96 dpi (1600x1200 -> 423x317 mm).
    colour_by: 'phase', 'state' (at `month`) or 'none'.
    highlight: an INSEE code drawn highlighted, its neighbours faded.
    """
    ensure_gui_app()
    out = Path(out_path)
    ext = out.suffix.lower()
    w, h = int(size[0]), int(size[1])
    if w < 16 or h < 16:
        raise PlannerError(f"image size too small: {w}x{h}")
    mp = painter_cache or MapPainter(project, assignment=assignment, result=result, lang=lang)
    row = None
    if highlight is not None:
        try:
            row = project.communes.index_of(highlight)
        except KeyError:
            raise PlannerError(f"no commune with INSEE code {highlight}") from None
    opts = dict(extent=extent, colour_by=colour_by, month=month, highlight=row, labels=row is not None)
    if ext not in RASTER_EXTS and ext not in (".svg", ".pdf"):
        raise PlannerError(f"{out}: unknown image type '{ext}' (use .png, .jpg, .svg or .pdf)")
    data = _draw_bytes(project, mp, ext, w, h, opts)  # drawn in memory: the file is written in one go below
    if not data:
        raise PlannerError(f"{out}: the map could not be drawn")
    return write_bytes(out, data)


def _draw_bytes(project, mp: MapPainter, ext: str, w: int, h: int, opts: dict) -> bytes:
    """The map encoded as PNG/JPEG/..., SVG or PDF bytes."""
    buf = QBuffer()
    buf.open(QIODevice.WriteOnly)
    if ext in RASTER_EXTS:
        img = QImage(QSize(w, h), QImage.Format_ARGB32_Premultiplied)
        dpm = int(round(SCREEN_DPI / 0.0254))
        img.setDotsPerMeterX(dpm)
        img.setDotsPerMeterY(dpm)
        img.fill(QColor("#ffffff"))
        p = QPainter(img)
        mp.draw(p, QRectF(0, 0, w, h), **opts)
        p.end()
        fmt = {".jpg": "JPEG", ".jpeg": "JPEG", ".tif": "TIFF", ".tiff": "TIFF"}.get(ext, ext[1:].upper())
        if not img.save(buf, fmt):
            return b""
    elif ext == ".svg":
        from PySide6.QtSvg import QSvgGenerator

        gen = QSvgGenerator()
        gen.setOutputDevice(buf)
        gen.setSize(QSize(w, h))
        gen.setViewBox(QRectF(0, 0, w, h))
        gen.setResolution(int(SCREEN_DPI))
        gen.setTitle(project.name)
        p = QPainter(gen)
        p.fillRect(QRectF(0, 0, w, h), QColor("#ffffff"))
        mp.draw(p, QRectF(0, 0, w, h), **opts)
        p.end()
    else:
        writer = QPdfWriter(buf)
        writer.setResolution(int(SCREEN_DPI) * 3)
        writer.setTitle(project.name)
        writer.setCreator("Rollout Planner")
        mm = QSizeF(w / SCREEN_DPI * 25.4, h / SCREEN_DPI * 25.4)
        writer.setPageLayout(QPageLayout(QPageSize(mm, QPageSize.Millimeter), QPageLayout.Portrait, QMarginsF(0, 0, 0, 0)))
        p = QPainter(writer)
        dev = QRectF(0, 0, writer.width(), writer.height())
        mp.draw(p, dev, **opts)
        p.end()
        del p, writer
    buf.close()
    return bytes(buf.data())
