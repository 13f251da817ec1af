"""The recovery key: 140 random bits in 7 groups of 5, every typo caught and located."""

from __future__ import annotations

import re
from datetime import date

import pytest

from planbro.crypto.recovery import (
    ALPHABET,
    GROUP_SIZE,
    RANDOM_BITS,
    RecoveryKeyTypo,
    looks_like_recovery_key,
    new_recovery_key,
    normalize,
    secret_of,
    sheet_text,
)

SHAPE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){6}$")


def test_a_recovery_key_is_seven_groups_of_five_and_random():
    keys = {new_recovery_key() for _ in range(200)}
    assert len(keys) == 200 and all(SHAPE.match(k) for k in keys)
    assert 128 <= RANDOM_BITS <= 160


def test_typing_it_sloppily_gives_the_same_key():
    key = new_recovery_key()
    sloppy = key.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert normalize(sloppy) == key == normalize(key.replace("-", ""))
    assert normalize(f"  {key.replace('-', ' - ')}\n") == key
    assert secret_of(sloppy) == key.encode()


def test_every_wrong_character_is_caught_and_its_group_named():
    key = new_recovery_key().replace("-", "")
    for position, original in enumerate(key):
        for typed in ALPHABET:
            if typed == original:
                continue
            wrong = key[:position] + typed + key[position + 1:]
            with pytest.raises(RecoveryKeyTypo) as caught:
                normalize(wrong)
            assert str(caught.value) == (
                f"Gendannelsesnøglen har en tastefejl i gruppe {position // GROUP_SIZE + 1}.")


def test_two_swapped_neighbours_are_caught():
    key = new_recovery_key().replace("-", "")
    for position in range(len(key) - 1):
        if key[position] == key[position + 1] or (position + 1) % GROUP_SIZE == 0:
            continue
        swapped = key[:position] + key[position + 1] + key[position] + key[position + 2:]
        with pytest.raises(RecoveryKeyTypo, match="tastefejl i gruppe"):
            normalize(swapped)


def test_two_swapped_groups_are_caught():
    groups = new_recovery_key().split("-")
    groups[1], groups[4] = groups[4], groups[1]
    with pytest.raises(RecoveryKeyTypo, match="tastefejl i grupperne 2, 5"):
        normalize("-".join(groups))


def test_a_missing_character_or_a_stray_letter_is_told():
    key = new_recovery_key()
    with pytest.raises(RecoveryKeyTypo, match="har 34 tegn; den skal have 35 .7 grupper med 5"):
        normalize(key[:-1])
    with pytest.raises(RecoveryKeyTypo, match="Gruppe 3 .*«U»"):
        normalize(key[:12] + "U" + key[13:])


def test_a_passphrase_is_not_taken_for_a_recovery_key():
    assert looks_like_recovery_key(new_recovery_key())
    assert looks_like_recovery_key(new_recovery_key().lower().replace("-", " "))
    assert looks_like_recovery_key(new_recovery_key()[:-2])  # shaped like one: a typo to tell
    for passphrase in ["korrekt hest batteri hæfteklamme", "Sommer-2026-er-varm", "hemmelig",
                       "a-b-c-d-e-f-g-h", "x" * 35 + "!"]:
        assert not looks_like_recovery_key(passphrase)


def test_the_sheet_says_what_the_key_is_for_in_danish(tmp_path):
    key = new_recovery_key()
    lines = sheet_text(key.lower(), tmp_path, date(2026, 12, 2), store_id="005c8247")
    assert lines[0] == "Planbro – gendannelsesnøgle"
    assert key in lines
    text = "\n".join(lines)
    assert "02-12-2026" in text and str(tmp_path) in text and "005c8247" in text
    assert "kommunens IT-support" in text and "planbro key unlock" in text
    with pytest.raises(RecoveryKeyTypo):
        sheet_text("ABCDE", tmp_path, date(2026, 12, 2))
