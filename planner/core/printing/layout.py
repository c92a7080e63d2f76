"""Print layout without Qt: paper sizes, the blocks of a commune page in millimetres, page texts and sources."""
from __future__ import annotations

from dataclasses import dataclass

from planner.core.errors import ParameterError

PAPER_MM = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]

TEXTS = {
    "fr": {
        "insee": "Code INSEE", "subtitle": "Déploiement de la fibre optique (FTTH)", "by_phase": "Locaux par phase",
        "by_state": "État des locaux à fin", "legend": "Légende", "figures": "Chiffres clés", "commune": "Commune",
        "neighbours": "Communes voisines", "neighbour_premises": "Locaux des communes voisines",
        "zone": "limite de zone", "units": "Locaux (logements + entreprises)", "phase": "Phase",
        "no_phase": "Hors phase", "start": "Début des travaux", "q50": "50 % des locaux raccordables",
        "q100": "100 % des locaux raccordables", "never": "au-delà de l'horizon", "none": "—",
        "at": "À fin", "eligible": "raccordables", "marketable": "commercialisables", "connected": "raccordés",
        "curve": "Part des locaux raccordables", "scenario": "scénario", "printed": "imprimé le",
        "sources": "Sources", "licence": "IGN Admin Express, INSEE, Arcep — Licence Ouverte (Etalab)",
        "osm": "Adresses BANO : © les contributeurs d'OpenStreetMap sous licence ODbL",
        "synthetic": "Positions des locaux synthétiques (nombres réels par commune)",
        "overview": "Vue d'ensemble du territoire", "communes": "communes", "locator": "Situation",
        "phases": "Phases", "territory_curve": "Couverture du territoire", "schedule": "Calendrier des phases",
        "end": "Fin", "scale": "Échelle", "units_short": "locaux", "and": "et",
        "not_simulated": "Calendrier non simulé", "dominant": "État dominant",
        "actual": "réel", "today": "aujourd'hui", "as_of": "état réel à fin", "built_at": "Construits à fin",
        "cost": "Coût", "per_unit": "local", "plan_cost": "Coût du plan", "spent_at": "Dépensé à fin",
        "waits_money": "attend des crédits",
    },
    "en": {
        "insee": "INSEE code", "subtitle": "Fibre-to-the-home rollout (FTTH)", "by_phase": "Premises by phase",
        "by_state": "Premise state at the end of", "legend": "Legend", "figures": "Key figures", "commune": "Commune",
        "neighbours": "Neighbouring communes", "neighbour_premises": "Premises of neighbouring communes",
        "zone": "zone edge", "units": "Premises (dwellings + businesses)", "phase": "Phase",
        "no_phase": "Unplanned", "start": "Start of works", "q50": "50 % of premises eligible",
        "q100": "100 % of premises eligible", "never": "beyond the horizon", "none": "—",
        "at": "At the end of", "eligible": "eligible", "marketable": "marketable", "connected": "connected",
        "curve": "Share of premises eligible", "scenario": "scenario", "printed": "printed",
        "sources": "Sources", "licence": "IGN Admin Express, INSEE, Arcep — Licence Ouverte (Etalab)",
        "osm": "BANO addresses: © OpenStreetMap contributors, ODbL",
        "synthetic": "Synthetic premise positions (real counts per commune)",
        "overview": "Territory overview", "communes": "communes", "locator": "Location",
        "phases": "Phases", "territory_curve": "Territory coverage", "schedule": "Phase schedule",
        "end": "End", "scale": "Scale", "units_short": "premises", "and": "and",
        "not_simulated": "Schedule not simulated", "dominant": "Prevailing state",
        "actual": "actual", "today": "today", "as_of": "actual figures at the end of", "built_at": "Built by the end of",
        "cost": "Cost", "per_unit": "premise", "plan_cost": "Cost of the plan", "spent_at": "Spent by the end of",
        "waits_money": "waits for money",
    },
}


def text(key: str, lang: str = "fr") -> str:
    return TEXTS.get(lang, TEXTS["en"]).get(key, TEXTS["en"][key])


def month_name(month: str | None, lang: str = "fr") -> str:
    """'2020-06' -> 'juin 2020' / 'June 2020'."""
    if not month:
        return text("none", lang)
    y, m = month.split("-")
    names = MONTHS_FR if lang == "fr" else MONTHS_EN
    return f"{names[int(m) - 1]} {y}"


def euros(value: float, lang: str = "fr") -> str:
    """'1 900 €', '456,0 k€', '3,52 M€' (French decimal comma) or '456.0 k€' (English)."""
    from planner.core.simulation.spend import format_eur

    out = format_eur(value)
    return out.replace(".", ",") if lang == "fr" else out.replace("\u202f", ",", out.count("\u202f") - 1)


def group_thousands(n: int, lang: str = "fr") -> str:
    s = f"{int(n):,}"
    return s.replace(",", "\u202f") if lang == "fr" else s


@dataclass(frozen=True)
class Box:
    """A rectangle on the page in millimetres (x, y from the top-left corner)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass(frozen=True)
class PageLayout:
    """Where each block of a commune page goes, in millimetres; `k` scales fonts and lines (A3 = 1.41)."""

    paper: str
    landscape: bool
    width: float
    height: float
    k: float
    header: Box
    map: Box
    legend: Box
    figures: Box
    curve: Box
    locator: Box
    footer: Box


def page_size_mm(paper: str = "A4", landscape: bool = False) -> tuple[float, float]:
    key = str(paper).upper()
    if key not in PAPER_MM:
        raise ParameterError(f"unknown paper size {paper!r} (use A4 or A3)", field="paper")
    w, h = PAPER_MM[key]
    return (h, w) if landscape else (w, h)


def commune_page_layout(paper: str = "A4", landscape: bool = False) -> PageLayout:
    """The blocks of a commune page. Designed on A4 and scaled uniformly to A3."""
    w, h = page_size_mm(paper, landscape)
    k = w / (297.0 if landscape else 210.0)
    W, H = (297.0, 210.0) if landscape else (210.0, 297.0)  # design space (A4)
    m = 12.0
    header = Box(m, m, W - 2 * m, 17.0)
    footer = Box(m, H - m - 9.0, W - 2 * m, 9.0)
    if not landscape:
        map_box = Box(m, header.bottom + 3.0, W - 2 * m, 152.0)
        top = map_box.bottom + 5.0
        bottom = footer.y - 4.0
        col1 = 52.0
        col3 = 50.0
        gap = 6.0
        col2 = W - 2 * m - col1 - col3 - 2 * gap
        legend = Box(m, top, col1, bottom - top)
        figures = Box(m + col1 + gap, top, col2, 46.0)
        curve = Box(figures.x, figures.bottom + 3.0, col2, bottom - figures.bottom - 3.0)
        locator = Box(figures.right + gap, top, col3, min(bottom - top, 48.0))
    else:
        side = 100.0
        gap = 6.0
        map_box = Box(m, header.bottom + 3.0, W - 2 * m - side - gap, footer.y - 4.0 - header.bottom - 3.0)
        sx = map_box.right + gap
        legend = Box(sx, map_box.y, 56.0, 52.0)
        locator = Box(sx + 60.0, map_box.y, side - 60.0, 44.0)
        figures = Box(sx, legend.bottom + 3.0, side, 44.0)
        curve = Box(sx, figures.bottom + 3.0, side, map_box.bottom - figures.bottom - 3.0)

    def s(b: Box) -> Box:
        return Box(b.x * k, b.y * k, b.w * k, b.h * k)

    return PageLayout(str(paper).upper(), bool(landscape), w, h, k, s(header), s(map_box), s(legend), s(figures),
                      s(curve), s(locator), s(footer))


def shows_osm_data(project) -> bool:
    """True when a drawn layer comes from BANO/OpenStreetMap (by its source path or name)."""
    for lay in project.layers():
        if not lay.style.visible:
            continue
        ident = f"{lay.source} {lay.name}".lower()
        if "bano" in ident or "osm" in ident or "openstreetmap" in ident:
            return True
    return False


def shows_synthetic_premises(project) -> bool:
    p = project.premises
    if p is None:
        return False
    ident = f"{p.layer.source} {p.layer.name}".lower()
    return "synth" in ident


def attributions(project, lang: str = "fr") -> list[str]:
    """Source lines for the page footer: Licence Ouverte always; OSM only where BANO/OSM data is shown."""
    lines = [f"{text('sources', lang)} : {text('licence', lang)}" if lang == "fr"
             else f"{text('sources', lang)}: {text('licence', lang)}"]
    if shows_osm_data(project):
        lines.append(text("osm", lang))
    if shows_synthetic_premises(project):
        lines.append(text("synthetic", lang))
    return lines
