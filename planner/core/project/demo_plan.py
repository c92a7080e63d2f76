"""A demonstration rollout for the Gers sample: one phase per intercommunality, built in three waves."""
from __future__ import annotations

from planner.core.project.model import Dependency, Project
from planner.core.phases.phase_builders import phases_per_field

#: (first phase index of the wave, earliest start, crews) — phases are ordered by units, largest first
WAVES = [(0, "2018-01", 3.0), (5, "2019-04", 2.0), (11, "2020-04", 1.5)]
UNITS_PER_CREW_MONTH = 140.0


def add_demo_plan(project: Project) -> Project:
    """Add the demo phases to `project` (which must have communes with a `code_epci` field); returns it.

    Wave 1 (the five largest intercommunalities) starts in January 2018 with 3 crews each (6 for Auch's);
    wave 2 in April 2019 with 2 crews; wave 3 in April 2020 with 1.5, once Auch's phase has reached 80 %.
    Every phase builds 140 units per crew per month of build effort 1: the rural pace of the default cost
    classes (a crew builds 2.4 times as many units in Auch and Nogaro, the sample's two intermediate
    communes; every other commune is rural). On the sample this reaches half the premises in late 2019, two
    premises in three by mid-2020 (2020-05) and finishes in 2022 (tests/test_demo_plan.py).
    """
    phases_per_field(project, "code_epci").do(project)
    starts = [w[0] for w in WAVES] + [len(project.phases)]
    first = project.phases[0]
    for (begin, start, crews), end in zip(WAVES, starts[1:]):
        for phase in project.phases[begin:end]:
            phase.earliest_start = start
            phase.crews = crews
            phase.units_per_crew_month = UNITS_PER_CREW_MONTH
            if begin == WAVES[-1][0]:
                phase.depends_on = [Dependency(first.id, 80.0)]
    first.crews = 2 * WAVES[0][2]
    project.name = f"{project.name} — demo plan"
    return project
