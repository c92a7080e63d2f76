"""The bundled Gers sample project: real commune outlines and counts, synthetic premise positions."""
from __future__ import annotations

from planner.core.project.demo_plan import add_demo_plan
from planner.core.project.model import Project, Scenario
from planner.core.project.paths import SAMPLE_COMMUNES_LAYER, sample_communes, sample_premises
from planner.core.progress import no_progress
from planner.io.layers.readers import load_communes, load_premises

SAMPLE_NAME = "Gers sample"
SAMPLE_UNITS_FIELD = "locaux_insee_2018"
SAMPLE_START = "2018-01"


def load_sample_project(progress=None, cancel=None, demo_plan: bool = False) -> Project:
    """The Gers sample: 458 communes (units field locaux_insee_2018) and ~114,000 synthetic premise units.

    demo_plan: also add the demonstration rollout (planner/core/project/demo_plan.py), as the GUI shows at start-up.
    """
    progress = progress or no_progress

    def part(lo: float, hi: float):
        return lambda f, msg="": progress(lo + (hi - lo) * f, msg)

    communes = load_communes(sample_communes(), layer=SAMPLE_COMMUNES_LAYER, code_field="code_insee",
                             name_field="nom", units_field=SAMPLE_UNITS_FIELD, progress=part(0.0, 0.5), cancel=cancel)
    premises = load_premises(sample_premises(), layer="premises", units_field="units", insee_field="code_insee",
                             progress=part(0.5, 1.0), cancel=cancel)
    communes.layer.name = "Communes"
    premises.layer.name = "Premises (synthetic)"
    project = Project(name=SAMPLE_NAME, communes=communes, premises=premises,
                      scenarios=[Scenario(name="Base", start=SAMPLE_START)])
    return add_demo_plan(project) if demo_plan else project
