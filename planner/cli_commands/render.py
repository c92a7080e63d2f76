"""`render --communes FILE [--premises FILE] -o map.png`: the map drawn to an image/SVG/PDF by the render layer."""
from __future__ import annotations

from planner.core.errors import ParameterError


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "render",
        help="draw communes (and premises) to a PNG, JPEG, SVG or PDF map",
        description="Draw a commune layer, and optionally a premise layer, with the same painter the application "
                    "uses for exports and print. The output type follows the extension of -o.",
    )
    p.add_argument("--communes", required=True, metavar="FILE", help="commune polygons (any supported vector file)")
    p.add_argument("--communes-layer", metavar="NAME", help="layer of the commune file, when it has several")
    p.add_argument("--premises", metavar="FILE", help="premise points (any supported vector file or CSV)")
    p.add_argument("--premises-layer", metavar="NAME", help="layer of the premise file, when it has several")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="map.png, map.jpg, map.svg or map.pdf")
    p.add_argument("--size", default="1600x1200", metavar="WxH", help="image size in pixels (default 1600x1200)")
    p.add_argument("--commune", metavar="CODE", help="zoom on this commune (INSEE code), highlighted")
    p.set_defaults(func=run)


def parse_size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in str(text).lower().replace("×", "x").split("x"))
    except ValueError:
        raise ParameterError(f"expected WIDTHxHEIGHT in pixels, got {text!r}", field="size") from None
    if not (16 <= w <= 20000 and 16 <= h <= 20000):
        raise ParameterError(f"size {w}x{h} out of range (16..20000 pixels a side)", field="size")
    return w, h


def run(args) -> int:
    from planner.core.project.model import Project
    from planner.io.layers.readers import load_communes, load_premises

    size = parse_size(args.size)
    communes = load_communes(args.communes, layer=args.communes_layer)
    premises = load_premises(args.premises, layer=args.premises_layer) if args.premises else None
    project = Project(name=communes.layer.name or "map", communes=communes, premises=premises)
    from planner.render.map.export_map import render_map

    extent = None
    if args.commune:
        try:
            row = communes.index_of(args.commune)
        except KeyError:
            raise ParameterError(f"no commune with INSEE code {args.commune}", field="commune") from None
        extent = tuple(communes.geometries[row].buffer(500).bounds)
    out = render_map(project, args.output, size=size, extent=extent, colour_by="none", highlight=args.commune)
    print(f"wrote {out} ({size[0]}x{size[1]}, {len(communes)} communes"
          + (f", {len(premises)} premises)" if premises is not None else ")"))
    return 0
