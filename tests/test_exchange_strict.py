"""What json.loads and a JSON Schema would let through but a plan file may not hold
(#10): non-ASCII digits, impossible or padded values, duplicate keys, foreign
encodings, deep nesting, huge numbers, files that are no files. Each refusal names
its field and never repeats a CPR number."""

from __future__ import annotations

import json
import os

import pytest

from planbro.exchange import MAX_DEPTH, plan_from_json, read_plan_file
from planbro.model import ValidationError
from planbro.model.cpr import hide_cpr, parse_cpr
from planbro.model.dates import is_timestamp, parse_danish_date, parse_date
from planbro.model.limits import MAX_PLAN_FILE_BYTES, MAX_VERSION

PLAN_ID = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"


def minimal(**more):
    return {"format": "planbro-plan/1", "citizen": {"name": "Eva Holm"}, **more}


def refused(text: str | bytes) -> dict[str, str]:
    with pytest.raises(ValidationError) as error:
        plan_from_json(text)
    return {p.field: p.reason for p in error.value.problems}


@pytest.mark.parametrize("cpr", ["１２０３７９-１２３４", "١٢٠٣٧٩-١٢٣٤", "۱۲۰۳۷۹۱۲۳۴", "12037９-1234"])
def test_only_ascii_digits_make_a_cpr_number(cpr):
    with pytest.raises(ValueError):
        parse_cpr(cpr)
    reasons = refused(json.dumps(minimal(citizen={"name": "Eva", "cpr": cpr})))
    assert list(reasons) == ["citizen.cpr"]
    # The refusal does not repeat the number, in any digits.
    assert "1234" not in reasons["citizen.cpr"] and "１２３４" not in reasons["citizen.cpr"]
    assert "xxxxxx-xxxx" in reasons["citizen.cpr"]


@pytest.mark.parametrize("text", ["٢٠٢٧-٠٣-٠١", "２０２７-03-01", "2027-03-01\n"])
def test_only_ascii_digits_make_a_date(text):
    with pytest.raises(ValueError):
        parse_date(text)
    with pytest.raises(ValueError):
        parse_danish_date(text.replace("\n", "x"))
    assert list(refused(json.dumps(minimal(offer={"date": text})))) == ["offer.date"]


@pytest.mark.parametrize("stamp", ["2026-99-99T99:99:99Z", "2026-11-02T10:40:00Z\n",
                                   "٢٠٢٦-11-02T10:40:00Z", "2026-11-02T10:40:00+99:00",
                                   " 2026-11-02T10:40:00Z"])
def test_impossible_or_padded_timestamps_are_refused(stamp):
    assert not is_timestamp(stamp)
    reasons = refused(json.dumps(minimal(id=PLAN_ID, updated=stamp)))
    assert list(reasons) == ["updated"]


def test_real_timestamps_are_taken():
    for stamp in ("2026-11-02T10:40:00Z", "2026-11-02T10:40:00.5+01:00"):
        assert plan_from_json(json.dumps(minimal(updated=stamp))).updated == stamp


@pytest.mark.parametrize("plan_id", [PLAN_ID + "\n", PLAN_ID + " ", PLAN_ID.upper(),
                                     "٣f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"])
def test_an_id_is_a_whole_uuid(plan_id):
    assert list(refused(json.dumps(minimal(id=plan_id)))) == ["id"]


@pytest.mark.parametrize("goal_id", ["g1\n", "g 1", "g\u200b1"])
def test_a_goal_id_and_a_reference_to_it_hold_no_spaces_or_controls(goal_id):
    reasons = refused(json.dumps(minimal(goals=[{"id": goal_id}],
                                         services=[{"goal_ids": [goal_id]}])))
    assert set(reasons) == {"goals[0].id", "services[0].goal_ids[0]"}


@pytest.mark.parametrize("version", ["2.0", "1e308", "true", "0", str(MAX_VERSION + 1), "-1"])
def test_a_version_is_a_whole_number_within_bounds(version):
    text = json.dumps(minimal()).replace('"citizen"', f'"version": {version}, "citizen"')
    reasons = refused(text)
    assert list(reasons) == ["version"], reasons
    assert plan_from_json(text.replace(version, str(MAX_VERSION), 1)).version == MAX_VERSION


@pytest.mark.parametrize("name", ["", "   ", "\x00\x01", "\u00a0\t", "\u200b\u200b",
                                  "\u202e", "\ufeff \u2060"])
def test_a_citizen_name_must_hold_something(name):
    assert refused(json.dumps(minimal(citizen={"name": name}))) == {
        "citizen.name": "må ikke være tom"}


def test_a_consent_cannot_be_withdrawn_before_it_was_given():
    partner = {"name": "Jobcenter", "consent": {"given": True, "date": "2026-11-02",
                                                "withdrawn": "2026-10-01"}}
    reasons = refused(json.dumps(minimal(partners=[partner])))
    assert list(reasons) == ["partners[0].consent.withdrawn"]
    partner["consent"]["withdrawn"] = "2026-11-02"
    plan = plan_from_json(json.dumps(minimal(partners=[partner])))
    assert str(plan.partners[0].consent.withdrawn) == "2026-11-02"


def test_duplicate_keys_are_refused_with_their_path():
    text = ('{"format": "planbro-plan/1", "citizen": {"name": "Eva", "name": "Ida"},'
            ' "goals": [{"id": "g", "title": "a", "title": "b"}], "purpose": "x", "purpose": "y"}')
    reasons = refused(text)
    assert set(reasons) == {"citizen.name", "goals[0].title", "purpose"}
    assert "mere end én gang" in reasons["purpose"]


@pytest.mark.parametrize("prefix, encoding", [
    (b"", "utf-16-le"), (b"", "utf-16-be"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
    (b"", "utf-32-le"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
])
def test_utf16_and_utf32_are_refused_saying_save_as_utf8(prefix, encoding):
    reasons = refused(prefix + json.dumps(minimal()).encode(encoding))
    assert "gem den som UTF-8" in " ".join(reasons.values())


def test_one_utf8_byte_order_mark_is_taken_two_are_refused():
    body = json.dumps(minimal()).encode()
    assert plan_from_json(b"\xef\xbb\xbf" + body).citizen.name == "Eva Holm"
    reasons = refused(b"\xef\xbb\xbf\xef\xbb\xbf" + body)
    assert "to byte-order marks" in " ".join(reasons.values())


def test_deep_nesting_is_refused_naming_where():
    deep = "[" * 100_000 + "]" * 100_000
    reasons = refused(json.dumps(minimal(purpose="PLACEHOLDER")).replace('"PLACEHOLDER"', deep))
    [(field, reason)] = reasons.items()
    assert field == "purpose[0][0]…" and str(MAX_DEPTH) in reason
    # Deep, but not too deep for Python: refused the same way, before the schema.
    medium = "[" * 500 + "]" * 500
    assert str(MAX_DEPTH) in " ".join(
        refused(json.dumps(minimal(purpose="P")).replace('"P"', medium)).values())


@pytest.mark.parametrize("number", ["1" * 5000, "1" * 40, "1e400", "-1e400", "NaN", "Infinity",
                                    "0." + "1" * 5000])
def test_huge_or_infinite_numbers_are_refused_naming_the_field(number):
    reasons = refused(json.dumps(minimal()).replace('"citizen"', f'"version": {number}, "citizen"'))
    assert list(reasons) == ["version"]
    assert len(reasons["version"]) < 200


def test_a_file_over_the_size_limit_is_not_read(tmp_path):
    big = tmp_path / "big.json"
    padding = " " * (MAX_PLAN_FILE_BYTES + 1 - len(json.dumps(minimal())))
    big.write_text(json.dumps(minimal()) + padding, encoding="utf-8")
    with pytest.raises(ValidationError, match="5 MB"):
        read_plan_file(big)
    big.write_text(json.dumps(minimal()) + padding[:-1], encoding="utf-8")
    assert read_plan_file(big).citizen.name == "Eva Holm"


def test_a_folder_a_device_and_a_pipe_are_not_read(tmp_path):
    with pytest.raises(ValidationError, match="er en mappe"):
        read_plan_file(tmp_path)
    with pytest.raises(ValidationError, match="ikke en almindelig fil"):
        read_plan_file("/dev/zero")
    fifo = tmp_path / "plan.json"
    os.mkfifo(fifo)
    # No writer: reading the pipe would wait forever; it is refused without opening it.
    with pytest.raises(ValidationError, match="ikke en almindelig fil"):
        read_plan_file(fifo)


def test_hide_cpr_masks_cpr_looking_numbers_but_not_uuids_or_dates():
    assert hide_cpr("cpr 120379-1234 og 1203791234 og １２０３７９-１２３４") == (
        "cpr xxxxxx-xxxx og xxxxxx-xxxx og xxxxxx-xxxx")
    assert hide_cpr(PLAN_ID + " 2026-11-02T10:40:00Z version 12") == (
        PLAN_ID + " 2026-11-02T10:40:00Z version 12")


def test_no_refusal_quotes_a_cpr_number():
    cpr = "120379-1234"
    data = minimal(id=cpr, created=cpr, offer={"date": cpr, "decision": cpr},
                   citizen={"name": "Eva", "cpr": "320379-1234"}, goals=[{"id": cpr + " "}])
    text = json.dumps(data).replace('"format": "planbro-plan/1"', '"format": "120379-1234"')
    for candidate in (text, json.dumps(data)):
        with pytest.raises(ValidationError) as error:
            plan_from_json(candidate)
        assert "1234" not in str(error.value)


def test_bidirectional_override_controls_are_removed_letters_kept():
    plan = plan_from_json(json.dumps(minimal(citizen={"name": "Eva \u202eloH\u202c \u0639\u0644\u064a"})))
    assert plan.citizen.name == "Eva loH \u0639\u0644\u064a"


def test_the_size_limit_holds_for_the_cleaned_text():
    # U+FB2C is 3 bytes in the file and becomes 3 characters of 2 bytes each when cleaned (NFC):
    # a file under the limit would otherwise store a plan twice that size.
    count = MAX_PLAN_FILE_BYTES // 3 - 1000
    text = json.dumps(minimal(purpose="\ufb2c" * count), ensure_ascii=False).encode("utf-8")
    assert len(text) <= MAX_PLAN_FILE_BYTES
    reasons = refused(text)
    assert list(reasons) == ["purpose"]
    assert "10 MB" in reasons["purpose"] and "renset" in reasons["purpose"]


def test_a_flood_of_problems_is_listed_to_a_readable_length():
    from planbro.model.problems import MAX_PROBLEMS

    data = minimal(**{f"extra{n}": n for n in range(100_000)})
    with pytest.raises(ValidationError) as error:
        plan_from_json(json.dumps(data))
    problems = error.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[0].reason == "ukendt felt; tjek stavningen"
    assert problems[-1].field == "" and "99950 flere" in problems[-1].reason


@pytest.mark.parametrize("text, reason", [
    ('{"format": "planbro-plan/1", ', "et feltnavn i dobbelte anførselstegn"),
    ('{"format": "planbro-plan/1"} x', "der står mere efter slutningen"),
    ('{"format": "planbro-plan/1", "purpose": "x', "en tekst er ikke afsluttet"),
    ('{"format": "planbro-plan/1", "purpose": "a\\qb"}', "ukendt escape"),
    ('{"format": "planbro-plan/1" "purpose": 1}', "mangler et komma"),
])
def test_a_json_syntax_error_is_told_in_danish(text, reason):
    [why] = refused(text).values()
    assert why.startswith("ikke gyldig JSON: linje 1, kolonne ") and reason in why
    assert "Expecting" not in why and "Unterminated" not in why and "Extra data" not in why
