"""Text columns of big layers come out of Arrow as fixed-width numpy text, not one Python string per row."""
import numpy as np
import pyarrow as pa

from planner.io.arrow_text import text_column, to_arrow


def test_short_repeated_codes_become_fixed_width_text():
    codes = np.array(["32013", "31555", "09001", "2A004"], dtype=object)[np.arange(50_000) % 4]
    out = text_column(pa.chunked_array([pa.array(codes[:20_000]), pa.array(codes[20_000:])]))
    assert out.dtype == np.dtype("<U5") and out.nbytes == 50_000 * 20
    assert out.tolist() == codes.tolist()
    assert (out == "2A004").sum() == 12_500 and isinstance(out[0], str)


def test_missing_values_long_or_unique_text_stay_objects():
    values = np.array(["a", None] * 10_000, dtype=object)
    out = text_column(pa.array(values))
    assert out.dtype == object and out[1] is None
    long = np.array(["x" * 40, "y" * 40] * 10_000, dtype=object)
    assert text_column(pa.array(long)).dtype == object
    unique = np.array([f"id{i}" for i in range(20_000)], dtype=object)
    assert text_column(pa.array(unique)).dtype == object
    assert text_column(pa.array(np.arange(20_000))).dtype == np.int64  # not text: as Arrow gives it


def test_a_project_saved_with_fixed_width_codes_reads_back(tmp_path):
    from planner.core.project.model import Layer, Premises, Project
    from planner.io.project.project_file import load_project, save_project

    from project_samples import sample_communes

    rng = np.random.default_rng(1)
    communes = sample_communes()
    n = 30_000
    codes = communes.codes[rng.integers(0, len(communes), n)].astype("<U5")
    layer = Layer("premises", "point", fields={"code_insee": codes, "units": np.ones(n, dtype=np.int64)},
                  x=rng.uniform(440_000, 550_000, n), y=rng.uniform(6_250_000, 6_330_000, n))
    p = Project(communes=communes, premises=Premises(layer, units_field="units", insee_field="code_insee"))
    save_project(p, tmp_path / "p.gpkg")
    back = load_project(tmp_path / "p.gpkg")
    got = back.premises.layer.fields["code_insee"]
    assert got.dtype == np.dtype("<U5") and got.tolist() == codes.tolist()


def test_fixed_width_text_goes_to_arrow_without_python_strings():
    values = np.array(["32013", "2A004", "9", ""], dtype="<U5")[np.arange(40_000) % 4]
    arr = to_arrow(values)
    assert arr.type == pa.string() and arr.to_pylist() == values.tolist()
    accents = np.array(["Auch", "Éauze"], dtype="<U5")[np.arange(20_000) % 2]
    assert to_arrow(accents).to_pylist() == accents.tolist()
