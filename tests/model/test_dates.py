from datetime import UTC, date

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


@pytest.mark.parametrize("text, expected", [
    ("15-12-2026", date(2026, 12, 15)), ("15.12.2026", date(2026, 12, 15)),
    ("15/12/2026", date(2026, 12, 15)), ("15-12-26", date(2026, 12, 15)),
    ("1.3.2027", date(2027, 3, 1)), ("01-03-27", date(2027, 3, 1)),
    ("2027-03-01", date(2027, 3, 1)), ("  29.2.2028 ", date(2028, 2, 29)),
    # Two-digit years are 20YY: the plan's dates are in this century.
    ("1-1-00", date(2000, 1, 1)), ("31-12-99", date(2099, 12, 31)),
    # Four digits reach any year.
    ("31-12-1999", date(1999, 12, 31)),
])
def test_parses_danish_dates(text, expected):
    from planbro.model.dates import parse_danish_date
    assert parse_danish_date(text) == expected


@pytest.mark.parametrize("text", [
    "", "  ", "30-02-2027", "29.2.2027", "32-01-2026", "15-13-2026", "0-1-2026",
    "15-12.2026", "15 12 2026", "15122026", "15-12-202", "15-12-2", "2027-3-1",
    "20270301", "15. december 2026", "juni", "15-12-2026x", "١٥-١٢-٢٠٢٦", "٢٠٢٦-١٢-١٥",
])
def test_refuses_what_is_not_a_danish_date(text):
    from planbro.model.dates import parse_danish_date
    with pytest.raises(ValueError):
        parse_danish_date(text)


def test_shows_dates_in_danish_form():
    from planbro.model.dates import format_danish_date, parse_danish_date
    assert format_danish_date(date(2026, 12, 15)) == "15-12-2026"
    assert format_danish_date(date(2027, 3, 1)) == "01-03-2027"
    assert format_danish_date(None) == ""
    # What is shown reads back as the same date.
    assert parse_danish_date(format_danish_date(date(2031, 7, 4))) == date(2031, 7, 4)


def test_reads_back_its_own_timestamps():
    from datetime import datetime

    from planbro.model.dates import local_time, parse_timestamp

    moment = parse_timestamp("2026-11-02T10:40:00Z")
    assert moment == datetime(2026, 11, 2, 10, 40, tzinfo=UTC)
    assert parse_timestamp(now_timestamp()).tzinfo is not None
    # The same moment, told in the computer's time zone.
    local = local_time("2026-11-02T10:40:00Z")
    assert local == moment and local.utcoffset() == moment.astimezone().utcoffset()


@pytest.mark.parametrize("stamp", ["", "i går", "2026-13-02T10:40:00Z", None, 20261102])
def test_a_damaged_timestamp_is_no_moment(stamp):
    from planbro.model.dates import local_time, parse_timestamp

    assert parse_timestamp(stamp) is None and local_time(stamp) is None


def test_an_end_may_not_lie_before_its_start_and_a_missing_one_is_no_breach():
    from planbro.model.dates import ends_before_start

    assert ends_before_start(date(2027, 1, 1), date(2027, 1, 2))
    assert not ends_before_start(date(2027, 1, 2), date(2027, 1, 2))
    assert not ends_before_start(None, date(2027, 1, 2))
    assert not ends_before_start(date(2027, 1, 1), None)
