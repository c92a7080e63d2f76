"""Command-line habits (issue 17 §5): layer choice, files named after -o, total crews, examples, progress."""
from __future__ import annotations

import io
import json
import shlex

import numpy as np
import pyogrio
import pytest
import shapely

from planner.cli import build_parser, main
from planner.cli_commands._common import EXAMPLE_HEADER, StderrProgress, example_commands

from project_samples import ROOT

COMMUNES = ROOT / "resources" / "sample" / "communes_gers_2026.gpkg"


def _subparsers():
    action = next(a for a in build_parser()._actions if a.__class__.__name__ == "_SubParsersAction")
    return action.choices


@pytest.fixture(scope="module")
def two_layer_file(tmp_path_factory):
    """A GeoPackage with two different polygon layers (communes and a buffer of a few of them) and a point layer."""
    meta, _, wkb, cols = pyogrio.raw.read(COMMUNES, layer="communes_l93", columns=["code_insee"])
    path = tmp_path_factory.mktemp("layers") / "mixed.gpkg"
    pyogrio.raw.write(path, wkb, cols, ["code_insee"], layer="communes", driver="GPKG", crs="EPSG:2154",
                      geometry_type="MultiPolygon")
    zones = shapely.to_wkb(shapely.buffer(shapely.from_wkb(wkb[:5]), 100.0))
    pyogrio.raw.write(path, zones, [np.arange(5)], ["PHASE"], layer="zones", driver="GPKG", crs="EPSG:2154",
                      geometry_type="MultiPolygon", promote_to_multi=True, append=True)
    pts = shapely.to_wkb(shapely.point_on_surface(shapely.from_wkb(wkb)))
    pyogrio.raw.write(path, pts, [cols[0]], ["code_insee"], layer="points", driver="GPKG", crs="EPSG:2154",
                      geometry_type="Point", append=True)
    return path


def test_several_layers_without_a_choice_name_the_option_and_list_them(two_layer_file, tmp_path, capsys):
    out = tmp_path / "x.gpkg"
    assert main(["new", "--communes", str(two_layer_file), "--units-field", "code_insee", "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("error:") and str(two_layer_file) in err
    assert "--communes-layer" in err and "communes (458 MultiPolygon, EPSG:2154)" in err
    assert "zones (5 MultiPolygon, EPSG:2154)" in err and "points" not in err  # only the layers that could be meant
    assert not out.exists()
    # the one point layer of the same file is plainly the premises: no option needed
    assert main(["new", "--communes", str(two_layer_file), "--communes-layer", "communes", "--premises",
                 str(two_layer_file), "-o", str(out), "--quiet"]) == 0
    assert "458 communes, 458 units (premises)" in capsys.readouterr().out


def test_the_same_outlines_in_lambert93_and_wgs84_take_lambert93_and_say_so(tmp_path, capsys):
    from planner.io.project.project_file import load_project

    out = tmp_path / "gers.gpkg"
    assert main(["new", "--communes", str(COMMUNES), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "took layer 'communes_l93' (Lambert-93, 458 features)" in text and "'communes_wgs84' (EPSG:4326)" in text
    assert "--communes-layer" in text
    assert load_project(out).communes.layer.source_crs == "EPSG:2154"
    # render and synth-premises choose alike
    png = tmp_path / "m.png"
    assert main(["render", "--communes", str(COMMUNES), "--size", "200x150", "-o", str(png)]) == 0
    assert "took layer 'communes_l93'" in capsys.readouterr().out and png.exists()


def test_export_geojson_o_plan_geojson_writes_named_files_and_lists_them(tmp_path, capsys):
    project = tmp_path / "gers.gpkg"
    assert main(["new", "--communes", str(COMMUNES), "--phases-by", "code_epci", "-o", str(project)]) == 0
    capsys.readouterr()
    out = tmp_path / "out" / "plan.geojson"
    out.parent.mkdir()
    assert main(["export", str(project), "--format", "geojson", "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert sorted(p.name for p in out.parent.iterdir()) == ["plan_communes.geojson", "plan_phases.geojson"]
    assert f"wrote {out.parent / 'plan_phases.geojson'}" in text and "communes: 458 features" in text
    # -o naming a folder: one file per layer in it
    assert main(["export", str(project), "--format", "shp", "-o", str(out.parent)]) == 0
    assert (out.parent / "phases.shp").exists() and (out.parent / "communes.fields.csv").exists()
    assert f"wrote {out.parent / 'communes.shp'}" in capsys.readouterr().out


def test_goal_seek_crews_prints_and_writes_the_total(tmp_path, capsys):
    from planner.io.project.project_file import load_project

    project = tmp_path / "gers.gpkg"
    assert main(["new", "--communes", str(COMMUNES), "--phases-by", "code_epci", "-o", str(project)]) == 0
    capsys.readouterr()
    out = tmp_path / "crews.json"
    assert main(["goal-seek", str(project), "--target", "66", "--by", "2021-06", "--vary", "crews",
                 "--json", str(out)]) == 0
    text = capsys.readouterr().out
    data = json.loads(out.read_text())
    phases = len(load_project(project).phases)
    assert data["total_crews"] == data["value"] * phases and data["phases_varied"] == phases == 17
    assert f"total crews: {data['total_crews']:g} ({data['value']} in each of the 17 phases)" in text
    assert data["peak_crews"] <= data["total_crews"] and data["peak_crews_month"] in text


def test_every_subcommand_help_ends_with_an_example_on_the_sample_and_it_runs(tmp_path, monkeypatch, capsys):
    parsers = _subparsers()
    commands = {}
    for name, parser in parsers.items():
        help_text = parser.format_help()
        tail = help_text.rstrip().split(EXAMPLE_HEADER)[-1]
        assert EXAMPLE_HEADER in help_text and tail.strip().startswith("python main.py " + name), name
        commands[name] = example_commands(parser)
        assert all(c.startswith(f"python main.py {name} ") for c in commands[name]), name
        assert "resources/sample" in tail or "gers.gpkg" in tail, name
    (tmp_path / "resources").symlink_to(ROOT / "resources")
    monkeypatch.chdir(tmp_path)
    # actuals writes the sample's real figures into gers.gpkg: the runs on a plan from scratch come first
    order = ["new", "info", "simulate", "goal-seek", "export", "print", "render", "synth-premises", "suggest",
             "actuals", "calibrate"]
    assert sorted(order) == sorted(commands)
    for name in order:
        for command in commands[name]:
            assert main(shlex.split(command)[2:]) in (0, 1), command  # 1: no answer (goal seek, calibration)
    out = capsys.readouterr().out
    assert "gers.gpkg\n458 communes, 114,042 units (premises)" in out and "plan_phases.geojson\n" in out
    assert (tmp_path / "auch.png").exists() and (tmp_path / "premises.gpkg").exists()
    assert (tmp_path / "auch_condom.pdf").exists() and (tmp_path / "gers.json").exists()


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_is_one_updating_line_on_a_terminal_and_quarters_with_progress():
    class Args:
        quiet = progress = False

    term = _Terminal()
    p = StderrProgress("exporting", Args(), stream=term)
    for i in range(11):
        p(i / 10, f"step {i}")
    p.close()
    text = term.getvalue()
    assert "\n" not in text and text.count("\r") >= 3 and "exporting: 100.0 %" in text
    assert text.endswith("\r") and text.split("\r")[-2].strip() == ""  # erased: an error after it stays one line
    log = io.StringIO()
    Args.progress = True
    p = StderrProgress("exporting", Args(), stream=log)
    for i in range(101):
        p(i / 100, "")
    assert log.getvalue().count("\n") == 5  # 0, 25, 50, 75, 100 %
    quiet = io.StringIO()
    Args.progress, Args.quiet = False, True
    StderrProgress("x", Args(), stream=quiet)(0.5, "")
    assert quiet.getvalue() == "" and io.StringIO().isatty() is False


def test_long_subcommands_report_progress(tmp_path, capsys):
    project = tmp_path / "gers.gpkg"
    assert main(["new", "--communes", str(COMMUNES), "--phases-by", "code_epci", "-o", str(project),
                 "--progress"]) == 0
    err = capsys.readouterr().err
    assert "reading:   0.0 %" in err and "reading: 100.0 %" in err
    assert main(["print", str(project), "--commune", "32013", "-o", str(tmp_path / "a.pdf"), "--progress"]) == 0
    assert "printing: 100.0 %  32013 Auch" in capsys.readouterr().err
