"""The architecture (docs/architecture.md, DESIGN §3): what each package may import, and what a package holds.

Layers, bottom up: core (plain data and algorithms) ← io (files) ← render (drawing, QtGui only) ← ui (widgets).
Imports point down only; core and io import no Qt; render imports no QtWidgets and no pyqtgraph; the command line
(planner/cli.py, planner/cli_commands) builds on core, io and render and never on widgets — except that
planner/cli.py opens the GUI (planner.ui.shell.app) when no subcommand is given. Nothing imports the command line
but itself. Every import counts, also those inside functions.
"""
import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "planner"
LAYERS = ["core", "io", "render", "ui"]
#: what each part of planner may import from planner (besides itself)
ALLOWED = {"core": set(), "io": {"core"}, "render": {"core", "io"}, "ui": {"core", "io", "render"},
           "cli": {"core", "io", "render"}}
#: the one import from the command line into the widgets: no subcommand opens the window
CLI_GUI_ENTRY = "planner.ui.shell.app"


def _part(path: Path) -> str:
    """'core', 'io', 'render', 'ui' or 'cli' (planner/cli.py and planner/cli_commands) for a file of planner."""
    top = path.relative_to(PKG).parts[0]
    if top in ("cli.py", "cli_commands"):
        return "cli"
    return top.removesuffix(".py")


def _module(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _imports(path: Path, module: str | None = None) -> set[str]:
    """Absolute names of every module `path` imports (relative imports resolved), wherever the import stands.
    `module`: the file's dotted name (default: from its place in planner)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = module or _module(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            names.add(base)
            names.update(f"{base}.{a.name}" for a in node.names)  # `from planner import ui` imports planner.ui
    return names


def _files(*parts: str):
    return sorted(f for f in PKG.rglob("*.py") if _part(f) in parts)


def _planner_part(name: str) -> str | None:
    bits = name.split(".")
    if bits[0] != "planner" or len(bits) < 2 or bits[1] == "__version__":
        return None
    return "cli" if bits[1] in ("cli", "cli_commands") else bits[1]


def test_every_file_belongs_to_a_known_part():
    strays = [str(f.relative_to(PKG)) for f in PKG.rglob("*.py")
              if f.parent != PKG or f.name not in ("__init__.py", "cli.py")]
    strays = [s for s in strays if _part(PKG / s) not in ALLOWED]
    assert not strays, f"modules outside core/io/render/ui/cli: {strays}"


@pytest.mark.parametrize("part", sorted(ALLOWED))
def test_imports_point_down_only(part):
    bad = {}
    for f in _files(part):
        hits = []
        for name in _imports(f):
            other = _planner_part(name)
            if other is None or other == part or other in ALLOWED[part]:
                continue
            if part == "cli" and f.name == "cli.py" and name in (CLI_GUI_ENTRY, CLI_GUI_ENTRY + ".run_gui"):
                continue
            hits.append(name)
        if hits:
            bad[str(f.relative_to(PKG))] = sorted(hits)
    assert not bad, f"planner/{part} imports what it may not ({part} may use {sorted(ALLOWED[part])}): {bad}"


@pytest.mark.parametrize("part", ["core", "io"])
def test_headless_layers_import_no_qt(part):
    bad = {str(f.relative_to(PKG)): hits for f in _files(part)
           if (hits := sorted(n for n in _imports(f) if n.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph")))}
    assert not bad, f"Qt imported from planner/{part}: {bad}"


@pytest.mark.parametrize("part", ["render", "cli"])
def test_render_and_command_line_use_no_widgets(part):
    bad = {str(f.relative_to(PKG)): hits for f in _files(part)
           if (hits := sorted(n for n in _imports(f) if "QtWidgets" in n or n.split(".")[0] == "pyqtgraph"))}
    assert not bad, f"widgets imported from planner/{part}: {bad}"


def test_every_folder_is_a_package_whose_init_holds_only_a_docstring():
    folders = sorted({f.parent for f in PKG.rglob("*.py")} | {PKG})
    missing = [str(d.relative_to(PKG.parent)) for d in folders if not (d / "__init__.py").exists()]
    assert not missing, f"folders without __init__.py: {missing}"
    busy = []
    for d in folders:
        body = ast.parse((d / "__init__.py").read_text(encoding="utf-8")).body
        docstring_only = (len(body) == 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                          and isinstance(body[0].value.value, str) and body[0].value.value.strip())
        if not docstring_only and d != PKG:
            busy.append(str(d.relative_to(PKG.parent)))
    assert not busy, f"package __init__.py files holding more (or less) than one docstring: {busy}"


def test_the_planner_package_holds_its_version_and_a_docstring_only():
    body = ast.parse((PKG / "__init__.py").read_text(encoding="utf-8")).body
    assert isinstance(body[0], ast.Expr) and isinstance(body[0].value.value, str)
    assert all(isinstance(n, ast.Assign) and [t.id for t in n.targets] == ["__version__"] for n in body[1:])


def test_every_module_has_a_docstring():
    missing = [str(f.relative_to(PKG)) for f in PKG.rglob("*.py") if ast.get_docstring(ast.parse(f.read_text())) is None]
    assert not missing, missing


def test_the_checks_see_a_violation(tmp_path):
    """The import resolution finds relative, nested and `from planner import x` imports."""
    assert _part(PKG / "core" / "phases" / "x.py") == "core"
    assert _module(PKG / "core" / "phases" / "__init__.py") == "planner.core.phases"
    probe = tmp_path / "probe.py"
    probe.write_text('"""probe"""\ndef f():\n    from ...ui.shell import app\n    from planner import render\n'
                     "    import PySide6.QtGui\n", encoding="utf-8")
    names = _imports(probe, "planner.core.phases.probe")
    assert {"planner.ui.shell", "planner.render", "PySide6.QtGui"} <= names
    assert {_planner_part(n) for n in names} >= {"ui", "render"}
