from datetime import date

import pytest

from planbro.model.cpr import age_on, birth_date, mask_cpr, parse_cpr


@pytest.mark.parametrize("text, normalised, born", [
    ("120379-1235", "120379-1235", date(1979, 3, 12)),
    ("1203791235", "120379-1235", date(1979, 3, 12)),
    (" 120379-1235 ", "120379-1235", date(1979, 3, 12)),
    # Seventh digit 0-3: 1900s whatever the year.
    ("010100-3999", "010100-3999", date(1900, 1, 1)),
    # 4 and 9: 2000-2036, otherwise 1900s.
    ("290200-4000", "290200-4000", date(2000, 2, 29)),
    ("010137-4000", "010137-4000", date(1937, 1, 1)),
    ("010136-9000", "010136-9000", date(2036, 1, 1)),
    # 5-8: 2000-2057, otherwise 1858-1899.
    ("010157-5000", "010157-5000", date(2057, 1, 1)),
    ("010158-8000", "010158-8000", date(1858, 1, 1)),
])
def test_parse_normalises_and_finds_the_century(text, normalised, born):
    assert parse_cpr(text) == (normalised, born)


def test_no_modulus_11_check():
    # 120379-1234 fails modulus 11; such numbers are issued since 2007.
    assert parse_cpr("120379-1234")[0] == "120379-1234"


@pytest.mark.parametrize("text, code", [
    ("12037-1235", "form"), ("120379_1235", "form"), ("abcdefghij", "form"), ("", "form"),
    ("320179-1235", "date"), ("290201-4000", "date"), ("311179-1235", "date"),
])
def test_refuses_bad_numbers(text, code):
    with pytest.raises(ValueError) as error:
        parse_cpr(text)
    assert str(error.value) == code


def test_mask_and_birth_date_and_age():
    assert mask_cpr("1203791235") == "120379-xxxx"
    assert mask_cpr("nonsense") == ""
    assert birth_date("120379-1235") == date(1979, 3, 12)
    assert birth_date("bad") is None
    assert age_on("120379-1235", date(2026, 3, 11)) == 46
    assert age_on("120379-1235", date(2026, 3, 12)) == 47
