"""Benchmark reading a national per-commune actuals file (issue 22: <= 3 s for 35,357 communes x 33 quarters).

Builds, in a cache outside the repository (~/.cache/rollout-planner-bench), the regulator's table as published
for every commune of France (../shared/data/france): title lines, `Code commune,Champ,T4 2017 ... T4 2025`,
two rows per commune (`Locaux Raccordables` and `Catégorie`), and the same in the tidy wide layout and as an
.xlsx workbook; then times `read_actuals` on each and prints the figures.

    .venv/bin/python bench/bench_actuals.py
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from planner.core.months import quarter_label  # noqa: E402
from planner.core.project.model import Communes, Layer  # noqa: E402
from planner.io.actuals.reader import read_actuals  # noqa: E402

FRANCE = ROOT.parent / "shared" / "data" / "france" / "france_communes_2018.gpkg"
CACHE = Path(os.environ.get("ROLLOUT_BENCH_CACHE", Path.home() / ".cache" / "rollout-planner-bench"))
QUARTERS = [2017 * 12 + 11 + 3 * k for k in range(33)]  # T4 2017 .. T4 2025


def france_communes() -> Communes:
    import pyogrio.raw

    meta, _, _, values = pyogrio.raw.read(FRANCE, read_geometry=False, columns=["code"])
    codes = np.asarray(values[0]).astype(str)
    layer = Layer("communes", "polygon", fields={"code_insee": codes.astype(object)},
                  geometries=np.full(len(codes), None, dtype=object))
    return Communes(layer, "code_insee", "code_insee")


def figures(n: int) -> np.ndarray:
    rng = np.random.default_rng(22)
    final = rng.integers(0, 3000, n)
    share = np.clip(np.linspace(0, 1.2, len(QUARTERS))[None, :] - rng.random((n, 1)) * 0.5, 0, 1)
    return np.round(final[:, None] * share).astype(np.int64)


def make_files(codes: np.ndarray) -> dict[str, Path]:
    CACHE.mkdir(parents=True, exist_ok=True)
    labels = [quarter_label(q) for q in QUARTERS]
    published = CACHE / "arcep_france_as_published.csv"
    wide = CACHE / "arcep_france_wide.csv"
    xlsx = CACHE / "arcep_france_as_published.xlsx"
    values = figures(len(codes))
    if not published.exists():
        head = "Réseaux en fibre optique jusqu'à l'abonné (FttH)\nDéploiement par Commune\n\n\n"
        rows = []
        for code, v in zip(codes, values):
            rows.append(f"{code},Locaux Raccordables," + ",".join(map(str, v)))
            rows.append(f"{code},Catégorie," + ",".join(["25"] * len(v)))
        published.write_text(head + "Code commune,Champ," + ",".join(labels) + "\n" + "\n".join(rows) + "\n",
                             encoding="utf-8")
    if not wide.exists():
        rows = [f"{code};" + ";".join(map(str, v)) for code, v in zip(codes, values)]
        wide.write_text("code_insee;" + ";".join(labels) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    if not xlsx.exists():
        import openpyxl

        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet("Communes")
        for title in ("Réseaux en fibre optique jusqu'à l'abonné (FttH)", "Déploiement par Commune", "", ""):
            ws.append([title])
        ws.append(["Code commune", "Champ"] + labels)
        for code, v in zip(codes, values):
            ws.append([code, "Locaux Raccordables"] + v.tolist())
            ws.append([code, "Catégorie"] + [25] * len(v))
        wb.save(xlsx)
    return {"as published CSV (2 rows/commune)": published, "wide CSV": wide, "as published .xlsx": xlsx}


def main() -> int:
    communes = france_communes()
    files = make_files(communes.codes)
    print(f"France: {len(communes):,} communes x {len(QUARTERS)} quarters; files in {CACHE}")
    expected = figures(len(communes)).sum(axis=0)
    for label, path in files.items():
        t = time.perf_counter()
        act = read_actuals(path, communes)
        dt = time.perf_counter() - t
        ok = np.array_equal(act.totals(), expected)
        print(f"read_actuals {label:<36} {dt:6.2f} s  ({path.stat().st_size / 1e6:.1f} MB, totals match: {ok})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
