"""The validation panel's problems in the window's language (issue 15: core's English messages were shown as they
are in the French window). English sentences are core's own; French ones carry the same figures."""
from __future__ import annotations

import pytest
import shapely
from shapely.geometry import Polygon

from planner.core.phases.assignment import assign
from planner.core.phases.validation import (CYCLE, EMPTY, INVALID_ZONE, OVERLAP, PART_TAKEN, UNKNOWN_COMMUNE,
                                           UNKNOWN_DEPENDENCY, validate)
from planner.core.project.model import Dependency, Phase, Project
from planner.ui.phases.validation_words import issue_text
from planner.ui.shell import i18n

AUCH, CONDOM = "32013", "32107"


@pytest.fixture
def issues(gers_communes_model, bano_premises_model):
    """A plan with every kind of problem: an overlap, empty phases, a drawn part taken by an earlier phase, a
    cycle, an unknown dependency, a self-crossing zone and an unknown INSEE code."""
    project = Project(communes=gers_communes_model(), premises=bano_premises_model())
    auch = project.communes.geometries[project.communes.index_of(AUCH)]
    xmin, ymin, xmax, ymax = auch.bounds
    condom = project.communes.geometries[project.communes.index_of(CONDOM)].buffer(-100)
    bowtie = Polygon([(500000, 6280000), (501000, 6281000), (501000, 6280000), (500000, 6281000)])
    project.phases = [
        Phase(1, "Auch", communes=[AUCH], depends_on=[Dependency(7)]),
        Phase(2, "East", zone=shapely.box((xmin + xmax) / 2, ymin, xmax + 3000, ymax)),
        Phase(3, "Nothing"),
        Phase(4, "North", zone=shapely.MultiPolygon([condom, auch.buffer(-800)])),
        Phase(5, "Lost", depends_on=[Dependency(99)]),
        Phase(6, "Bow", zone=bowtie, communes=["99999", "99998"]),
        Phase(7, "Loop", communes=["32001"], depends_on=[Dependency(1)]),
    ]
    found = validate(project, assign(project))
    assert {i.kind for i in found} == {OVERLAP, EMPTY, PART_TAKEN, CYCLE, UNKNOWN_DEPENDENCY, INVALID_ZONE,
                                       UNKNOWN_COMMUNE}
    return found, {p.id: p.name for p in project.phases}


def test_english_words_are_cores_own(issues):
    found, names = issues
    for issue in found:
        assert issue_text(issue, names).replace("\u202f", "") == issue.message


def test_french_words_carry_the_same_figures(issues):
    found, names = issues
    i18n.install_language("fr")
    try:
        texts = {i.kind + str(i.phase_ids): issue_text(i, names) for i in found}
    finally:
        i18n.install_language("en")
    by_kind = {}
    for issue in found:
        by_kind.setdefault(issue.kind, []).append(texts[issue.kind + str(issue.phase_ids)])
    overlap = next(i for i in found if i.kind == OVERLAP and i.phase_ids == [1, 2])
    area = f"{overlap.area / 1e6:.2f}".replace(".", ",")
    units = f"{overlap.units:,}".replace(",", "\u202f")
    assert texts[OVERLAP + "[1, 2]"] == f"Auch et East se chevauchent ({area} km², {units} locaux) : ils vont à Auch"
    assert "Nothing n’a ni zone ni communes" in by_kind[EMPTY]
    part = next(i for i in found if i.kind == PART_TAKEN)
    assert by_kind[PART_TAKEN] == [f"La partie 2 de la zone de North ne prend aucun local : ses "
                                   f"{part.units:,} locaux tombent dans des phases antérieures (Auch)"
                                   .replace(",", "\u202f")]
    assert by_kind[UNKNOWN_DEPENDENCY] == ["Lost dépend d’une phase inconnue (id 99)"]
    assert by_kind[CYCLE] in (["Cycle de dépendances : Auch → Loop → Auch"],
                              ["Cycle de dépendances : Loop → Auch → Loop"])
    assert by_kind[INVALID_ZONE][0].startswith("La zone de Bow est invalide : ")
    assert by_kind[UNKNOWN_COMMUNE] == ["Bow cite des codes INSEE absents des communes : 99999, 99998"]
    english = {i.message for i in found}
    assert not english & set(texts.values())
