"""Smoke test of a built bundle: runs `--version` and `render` of the bundled sample, checks the PNG."""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def bundle_executable(dist: Path) -> Path:
    name = "rollout-planner.exe" if sys.platform == "win32" else "rollout-planner"
    return dist / "rollout-planner" / name


def run_smoke(exe: Path) -> list[str]:
    """Run the checks; returns a list of failures (empty = passed)."""
    failures = []
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True, env=env, timeout=120)
    if version.returncode != 0 or "rollout-planner" not in version.stdout:
        failures.append(f"--version failed ({version.returncode}): {version.stdout}{version.stderr}")
    sample = exe.parent / "_internal" / "resources" / "sample"
    if not sample.exists():
        sample = exe.parent / "resources" / "sample"
    internal = sample.parent.parent
    if sys.platform.startswith("linux") and not (internal / "adbc_driver_sqlite" / "libadbc_driver_sqlite.so").exists():
        failures.append("the SQLite ADBC driver library is missing from the bundle (big premise layers would be "
                        "written by GDAL's slower append)")
    out = Path(tempfile.mkdtemp()) / "smoke.png"
    render = subprocess.run(
        [str(exe), "render", "--communes", str(sample / "communes_gers_2026.gpkg"), "--communes-layer", "communes_l93",
         "--premises", str(sample / "premises_gers_synthetic.gpkg"), "-o", str(out), "--size", "800x600"],
        capture_output=True, text=True, env=env, timeout=300,
    )
    if render.returncode != 0 or not out.exists():
        failures.append(f"render failed ({render.returncode}): {render.stdout}{render.stderr}")
    else:
        from PySide6.QtGui import QImage

        image = QImage(str(out))
        colours = {image.pixel(x, y) for x in range(0, image.width(), 40) for y in range(0, image.height(), 40)}
        if image.width() != 800 or len(colours) < 3:
            failures.append(f"render produced a blank or wrong-size image: {image.width()}x{image.height()}, "
                            f"{len(colours)} colours")
    return failures


def main() -> int:
    exe = bundle_executable(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist")
    if not exe.exists():
        print(f"smoke test: no bundle at {exe}", file=sys.stderr)
        return 1
    failures = run_smoke(exe)
    for f in failures:
        print("smoke test FAILED:", f, file=sys.stderr)
    if not failures:
        print(f"smoke test passed: {exe}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
