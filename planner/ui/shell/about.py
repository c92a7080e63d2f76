"""The About box's text: version, purpose, the data attributions and the versions of the libraries."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication

from planner import __version__


def about_html() -> str:
    """The About text: version, purpose and the data attributions."""
    return QCoreApplication.translate(
        "MainWindow",
        "<h3>Rollout Planner {version}</h3>"
        "<p>Plan fibre-to-the-home rollouts across a French département: phases, crews, coverage curves, "
        "commune maps and atlases.</p>"
        "<p><b>Data of the bundled Gers sample</b></p><ul>"
        "<li>Commune boundaries: IGN Admin Express (via france-geojson) — Etalab Licence Ouverte 2.0</li>"
        "<li>Populations, dwellings and business premises: INSEE — Licence Ouverte</li>"
        "<li>Fibre eligibility per commune: Arcep open data — Licence Ouverte</li>"
        "<li>Addresses: © OpenStreetMap contributors, BANO — ODbL 1.0</li></ul>"
        "<p><i>Premise positions in the sample are synthetic; the counts per commune are real "
        "(INSEE 2018 dwellings + business premises).</i></p>"
        "<p>Built with Qt (PySide6), pyqtgraph, shapely, GDAL (fiona, pyogrio), pyproj and numpy.</p>"
    ).format(version=__version__) + "<p><small>" + " · ".join(
        f"{name} {version}" for name, version in component_versions()) + "</small></p>"


def component_versions() -> list[tuple[str, str]]:
    """Versions of Python and of the libraries the app runs on (for About and bug reports)."""
    import platform

    import pyogrio
    import pyproj
    import pyqtgraph
    import PySide6
    import shapely
    from PySide6.QtCore import qVersion

    return [("Python", platform.python_version()), ("Qt", qVersion()), ("PySide6", PySide6.__version__),
            ("GDAL", pyogrio.__gdal_version_string__), ("PROJ", pyproj.proj_version_str),
            ("shapely", shapely.__version__), ("numpy", np.__version__), ("pyqtgraph", pyqtgraph.__version__)]
