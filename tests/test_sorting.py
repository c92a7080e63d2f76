"""planner/core/sorting.stable_argsort gives numpy's stable order, faster, on every kind of input it serves."""
import numpy as np
import pytest

from planner.core.sorting import stable_argsort

RNG = np.random.default_rng(7)
N = 50_000


@pytest.mark.parametrize("values", [
    RNG.uniform(4e5, 1.2e6, N),  # coordinates: few ties
    np.round(RNG.uniform(0, 100, N), 1),  # many ties: numpy's stable sort
    np.r_[RNG.uniform(0, 1, N), RNG.uniform(0, 1, 200)[RNG.integers(0, 200, N // 10)]],  # some ties
    np.r_[np.nan, 2.0, np.nan, RNG.uniform(0, 4, N), 2.0, np.nan, -np.inf, np.inf],  # NaNs and infinities tie
    (RNG.integers(0, 2 ** 17, N).astype(np.int64) << 32) | RNG.integers(0, 2 ** 17, N),  # pyramid cell keys
    RNG.integers(-5, 5, N).astype(np.int32),  # negative integers, heavy ties
    RNG.integers(0, 2 ** 62, N, dtype=np.int64),  # too wide for value·n + i: the float path
    RNG.integers(0, 2 ** 16, N).astype(np.uint16),
    np.sort(RNG.uniform(0, 1, N)),  # already sorted
    np.arange(N, 0, -1, dtype=np.int64),  # reversed
], ids=["coords", "rounded", "some-ties", "nan", "cell-keys", "int32", "wide-int", "uint16", "sorted", "reversed"])
def test_equals_numpys_stable_order(values):
    order = stable_argsort(values)
    assert np.array_equal(order, np.argsort(values, kind="stable"))


def test_small_and_empty_arrays():
    assert stable_argsort(np.array([], dtype=float)).tolist() == []
    assert stable_argsort(np.array([3.0, 1.0, 3.0, 1.0])).tolist() == [1, 3, 0, 2]
