"""Dispatch of the publication formats (`web`, `addresses`, `qgis`) from the export entry point."""
from __future__ import annotations

from pathlib import Path

from planner.core.errors import PlannerError
from planner.io.exports.plan import build_plan


def default_language(project) -> str:
    """The project's language for published pages and quarter labels: its setting, else French."""
    lang = str(project.settings.get("language") or "fr").lower()
    return "en" if lang.startswith("en") else "fr"


def publish(project, fmt: str, out: Path, report, force: bool = False, scenario: str | None = None,
            lang: str | None = None, progress=None):
    """Write `fmt` for `project` to `out`; fills and returns `report` (an ExportReport)."""
    from planner.io.exports.formats import check_targets

    lang = lang or default_language(project)
    if lang not in ("fr", "en"):
        raise PlannerError(f"language {lang!r}: choose fr or en")
    out = Path(out)
    if fmt == "web":
        from planner.io.publish.web_site import check_site_target, write_site

        check_site_target(out, force)
    elif fmt == "addresses":
        from planner.io.publish.addresses import targets

        check_targets(targets(out), force)
    else:
        from planner.io.publish.qgis_project import targets

        check_targets(targets(out), force)

    def sub(lo, hi):
        return None if progress is None else (lambda f, msg="": progress(lo + (hi - lo) * f, msg))

    plan = build_plan(project, scenario=scenario, progress=sub(0.0, 0.6))
    from planner.io.exports.formats import estimate_bytes
    from planner.io.writer import ensure_room

    ensure_room(out, estimate_bytes(plan, fmt), estimate=True)  # a region-size forecast stops here if it cannot fit
    if progress is not None:
        progress(0.7, f"Writing {fmt}")
    if fmt == "web":
        write_site(plan, out, lang=lang, force=force, report=report)
    elif fmt == "addresses":
        from planner.io.publish.addresses import write_forecast

        write_forecast(plan, out, lang=lang, report=report)
    else:
        from planner.io.publish.qgis_project import write_qgis_project

        write_qgis_project(plan, out, report=report)
    if progress is not None:
        progress(1.0, "Published")
    return report
