"""`synth-premises COMMUNES -o OUT.gpkg --units-field FIELD [--seed N] [--layer L]`: generate a premise layer."""
from __future__ import annotations

import sys

from planner.cli_commands._common import SAMPLE_COMMUNES, add_parser


def register(subparsers) -> None:
    p = add_parser(
        subparsers, "synth-premises",
        help="generate synthetic premise points from per-commune counts",
        description="Generate premise points inside each commune polygon, as many units as the commune's count "
                    "field says, clustered around the village centre with scattered hamlets (deterministic by seed).",
        example=[f"python main.py synth-premises {SAMPLE_COMMUNES} --units-field locaux_insee_2018 "
                 "-o premises.gpkg --seed 1"])
    p.add_argument("communes", help="commune polygon layer (GeoPackage, Shapefile, GeoJSON, ...)")
    p.add_argument("-o", "--output", required=True, help="output GeoPackage")
    p.add_argument("--units-field", required=True, help="commune field with the number of units (e.g. locaux_insee_2018)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--communes-layer", "--layer", dest="layer", default=None,
                   help="layer of the commune file (when it has several)")
    p.add_argument("--code-field", default=None, help="INSEE code field of the communes (detected when omitted)")
    p.add_argument("--no-spatial-index", action="store_true", help="leave out the R-tree (smaller file)")
    p.set_defaults(func=run)


def run(args) -> int:
    from planner.core.operations.new_project import NewProject
    from planner.io.layers.synth import synth_premises, write_premises

    project = NewProject(communes=args.communes, communes_layer=args.layer, code_field=args.code_field,
                         commune_units_field=args.units_field).run(None)  # the same layer choice as `new`
    from planner.cli_commands.new import guess_lines

    for line in guess_lines(project):
        print(line)
    communes = project.communes
    premises = synth_premises(communes, args.units_field, seed=args.seed)
    out = write_premises(premises, args.output, spatial_index=not args.no_spatial_index)
    print(f"{out}: {len(premises):,} premises, {int(premises.units.sum()):,} units "
          f"in {len(communes)} communes (seed {args.seed})", file=sys.stdout)
    return 0
