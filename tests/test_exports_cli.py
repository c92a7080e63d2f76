"""The `export` subcommand: every format from a saved project file, reports, --force, errors, map images."""
import pyogrio
import pytest

from planner.cli import main
from planner.core.errors import PlannerError
from planner.io.exports.formats import export
from planner.io.project.project_file import save_project

from project_samples import sample_project


@pytest.fixture(scope="module")
def project_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "gers.gpkg"
    save_project(sample_project(per_commune_cap=40), path)
    return path


def test_export_gpkg_reports_and_refuses_to_overwrite(project_file, tmp_path, capsys):
    out = tmp_path / "plan.gpkg"
    assert main(["export", str(project_file), "--format", "gpkg", "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert f"wrote {out}" in text and "communes: 458 features" in text
    assert pyogrio.read_info(out, layer="communes")["features"] == 458
    before = out.read_bytes()
    assert main(["export", str(project_file), "--format", "gpkg", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and "already exists; use --force" in err and len(err.strip().splitlines()) == 1
    assert out.read_bytes() == before
    assert main(["export", str(project_file), "--format", "gpkg", "-o", str(out), "--force", "--layer", "phases"]) == 0
    assert [str(n) for n, _ in pyogrio.list_layers(out) if n != "layer_styles"] == ["phases"]


def test_export_errors_are_one_line(project_file, tmp_path, capsys):
    assert main(["export", str(project_file), "--format", "csv", "-o", str(tmp_path / "c"),
                 "--scenario", "Nope"]) == 2
    assert "no scenario named 'Nope'" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "missing.gpkg"), "--format", "csv", "-o", str(tmp_path / "c")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["export", str(project_file), "--format", "geojson", "-o", str(tmp_path / "g.geojson"),
                 "--layer", "roads"]) == 2
    assert "not available" in capsys.readouterr().err


def test_export_map_png_and_svg(project_file, tmp_path, capsys):
    png = tmp_path / "map.png"
    assert main(["export", str(project_file), "--format", "png", "-o", str(png), "--size", "400x300"]) == 0
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == 400 and int.from_bytes(data[20:24], "big") == 300
    svg = tmp_path / "map.svg"
    assert main(["export", str(project_file), "--format", "svg", "-o", str(svg), "--size", "400x300"]) == 0
    assert "<svg" in svg.read_text(encoding="utf-8")
    assert f"wrote {svg}" in capsys.readouterr().out


def test_map_export_needs_a_renderer_and_the_right_suffix(tmp_path):
    p = sample_project(with_premises=False)
    with pytest.raises(PlannerError, match="render layer"):
        export(p, "png", tmp_path / "m.png")
    with pytest.raises(PlannerError, match="must end in .pdf"):
        export(p, "pdf", tmp_path / "m.png", map_renderer=lambda *a, **k: None)
    with pytest.raises(PlannerError, match="unknown export format"):
        export(p, "kml", tmp_path / "m.kml")


def test_export_reports_progress(tmp_path):
    p = sample_project(per_commune_cap=20)
    seen = []
    export(p, "csv", tmp_path / "c", progress=lambda f, msg="": seen.append((f, msg)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(seen) >= 3
    assert seen[-1][1] == "Exported 2 file(s)"
