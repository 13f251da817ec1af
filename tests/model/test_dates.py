from datetime import date

import pytest

from planbro.model.dates import now_timestamp, parse_date


def test_parses_real_iso_dates():
    assert parse_date("2027-03-01") == date(2027, 3, 1)
    assert parse_date("2028-02-29") == date(2028, 2, 29)


@pytest.mark.parametrize("text", ["2027-02-29", "2027-13-01", "20270301", "2027-W09-1",
                                  "1.3.2027", "2027-3-1", " 2027-03-01", ""])
def test_refuses_anything_else(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_timestamp_is_utc_to_the_second():
    stamp = now_timestamp()
    assert stamp.endswith("Z") and len(stamp) == 20
