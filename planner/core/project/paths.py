"""Where the bundled resources (sample data, icons, translations) live, in a checkout or a frozen bundle."""
from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The `resources/` folder: beside the package in a checkout, or inside a PyInstaller bundle."""
    base = getattr(sys, "_MEIPASS", None)
    if base:
        return Path(base) / "resources"
    return Path(__file__).resolve().parents[3] / "resources"


def sample_dir() -> Path:
    return resources_dir() / "sample"


SAMPLE_COMMUNES = "communes_gers_2026.gpkg"
SAMPLE_COMMUNES_LAYER = "communes_l93"
SAMPLE_PREMISES = "premises_gers_synthetic.gpkg"


def sample_communes() -> Path:
    return sample_dir() / SAMPLE_COMMUNES


def sample_premises() -> Path:
    return sample_dir() / SAMPLE_PREMISES
