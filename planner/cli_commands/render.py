"""`render --communes FILE [--premises FILE] -o map.png`: the map drawn to an image/SVG/PDF by the render layer."""
from __future__ import annotations

from planner.cli_commands._common import SAMPLE_COMMUNES, SAMPLE_PREMISES, add_parser
from planner.core.errors import ParameterError


def register(subparsers) -> None:
    p = add_parser(
        subparsers, "render",
        help="draw communes (and premises) to a PNG, JPEG, SVG or PDF map",
        description="Draw a commune layer, and optionally a premise layer, with the same painter the application "
                    "uses for exports and print. The output type follows the extension of -o.",
        example=[f"python main.py render --communes {SAMPLE_COMMUNES} --premises {SAMPLE_PREMISES} "
                 "--commune 32013 -o auch.png"])
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
    from planner.core.operations.export import check_map_size

    return check_map_size((w, h))


def operation(args):
    from planner.core.operations.render import RenderMap

    return RenderMap(communes=args.communes, communes_layer=args.communes_layer, premises=args.premises,
                     premises_layer=args.premises_layer, output=args.output, size=parse_size(args.size),
                     commune=args.commune)


def run(args) -> int:
    print(operation(args).run(None))
    return 0
