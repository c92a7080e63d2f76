"""What the one writer's checks cost (planner/io/writer.py): the project save of the 105k-premise Gers sample,
the GeoPackage quick_check alone, and the page-count check of an atlas PDF.

    .venv/bin/python bench/bench_writes.py

Prints the median of 5 saves with the checks, the quick_check and fsync alone, and the PDF check on a
60-page atlas (written once into a temporary folder).
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from planner.io.layers.sample import load_sample_project  # noqa: E402
from planner.io.project.project_file import save_project  # noqa: E402
from planner.io.write_checks import check_gpkg, check_pdf, pdf_page_count  # noqa: E402
from planner.io.writer import fsync_file  # noqa: E402


def timed(fn, runs: int = 5) -> float:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return statistics.median(out)


def main() -> None:
    project = load_sample_project()
    with tempfile.TemporaryDirectory() as d:
        target = Path(d) / "gers.gpkg"
        save = timed(lambda: save_project(project, target))
        size = target.stat().st_size
        check = timed(lambda: check_gpkg(target))
        sync = timed(lambda: fsync_file(target))
        print(f"save of the sample ({len(project.premises):,} premises, {size / 1e6:.1f} MB): {save:.2f} s median; "
              f"of which quick_check {check * 1000:.0f} ms, fsync {sync * 1000:.0f} ms")
        from planner.core.phases.assignment import assign
        from planner.core.simulation.coverage import simulate
        from planner.render.printing.atlas import write_atlas

        assignment = assign(project)
        result = simulate(project, assignment)
        codes = sorted(project.communes.codes)[:60]
        pdf = Path(d) / "atlas.pdf"
        t = time.perf_counter()
        write_atlas(project, pdf, codes=codes, assignment=assignment, result=result)
        atlas = time.perf_counter() - t
        pages = pdf_page_count(pdf)
        pcheck = timed(lambda: check_pdf(pages)(pdf))
        print(f"atlas of {pages} pages ({pdf.stat().st_size / 1e6:.1f} MB): {atlas:.1f} s; "
              f"page-count check {pcheck * 1000:.0f} ms")


if __name__ == "__main__":
    main()
