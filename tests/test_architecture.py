"""The dependency direction of DESIGN §3: core and io import no Qt; render imports no QtWidgets/pyqtgraph."""
import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "planner"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module if node.level == 0 else "." * node.level + node.module)
    return names


def _files(sub: str):
    return sorted((PKG / sub).rglob("*.py"))


@pytest.mark.parametrize("layer", ["core", "io"])
def test_headless_layers_import_no_qt(layer):
    bad = {}
    for f in _files(layer):
        hits = [n for n in _imports(f) if n.split(".")[0] in ("PySide6", "pyqtgraph") or ".ui" in n or ".render" in n
                or n.startswith("planner.ui") or n.startswith("planner.render")]
        if hits:
            bad[str(f.relative_to(PKG))] = hits
    assert not bad, f"Qt/ui/render imported from planner/{layer}: {bad}"


def test_core_does_not_import_io():
    bad = {str(f.relative_to(PKG)): [n for n in _imports(f) if n.startswith("planner.io") or n.startswith("..io")]
           for f in _files("core")}
    assert not any(bad.values()), bad


def test_render_uses_no_widgets():
    bad = {}
    for f in _files("render"):
        hits = [n for n in _imports(f) if "QtWidgets" in n or n.startswith("pyqtgraph") or "planner.ui" in n]
        if hits:
            bad[str(f.relative_to(PKG))] = hits
    assert not bad, bad


def test_every_module_has_a_docstring():
    missing = [str(f.relative_to(PKG)) for f in PKG.rglob("*.py") if ast.get_docstring(ast.parse(f.read_text())) is None]
    assert not missing, missing
