"""Month and quarter arithmetic."""
import pytest

from planner.core.months import format_month, month_range, parse_month, parse_quarter, quarter_label


def test_roundtrip():
    assert format_month(parse_month("2019-03")) == "2019-03"
    assert parse_month("2019-01") - parse_month("2018-12") == 1


def test_range_and_quarters():
    assert month_range("2018-11", 3) == ["2018-11", "2018-12", "2019-01"]
    assert quarter_label(parse_month("2019-03")) == "T1 2019"
    assert quarter_label(parse_month("2019-04"), "en") == "Q2 2019"
    assert parse_quarter("T3 2017") == parse_month("2017-09")
    assert parse_quarter("2018-T1") == parse_month("2018-03")


@pytest.mark.parametrize("bad", ["2019-13", "19-01", "", "march"])
def test_bad_month(bad):
    with pytest.raises(ValueError):
        parse_month(bad)
