"""Shared test fixtures: paths to the shared real data, headless Qt."""
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
GERS = SHARED / "gers"
COMMUNES_GPKG = GERS / "communes_gers_2026.gpkg"
BANO_RAW_CSV = GERS / "bano_gers_2015_raw.csv"
BANO_GPKG = GERS / "bano_gers_2015.gpkg"
ARCEP_CSV = GERS / "arcep_ftth_gers_2017T3_2018T1.csv"
OCCITANIE_GPKG = SHARED / "occitanie" / "occitanie_communes_2018.gpkg"
FRANCE_GPKG = SHARED / "france" / "france_communes_2018.gpkg"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared/data is not beside the checkout")
    return SHARED
