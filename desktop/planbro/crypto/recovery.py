"""The recovery key: the way into an encrypted data folder that is written on paper.

┌──────────────────────────────────────────────────────────────────────────┐
│ Why 7 groups of 5 characters, each with its own check character          │
│                                                                          │
│ 28 characters of Crockford base32 carry 140 random bits: more than an    │
│ AES-128 key, so the paper is as strong as the cipher behind it even      │
│ without the slow key derivation. Each group of 5 is 4 of those           │
│ characters and a check character over GF(32) (distinct non-zero weights │
│ for the positions, plus the group's number), so one wrong character,     │
│ two swapped neighbours or two swapped groups are always caught and the   │
│ message can say which group to look at again — before a slow scrypt      │
│ run says only "wrong". Crockford's alphabet has no I, L, O or U; I and L │
│ are read as 1, O as 0, case, spaces and dashes do not matter, so what a  │
│ caseworker reads off the sheet and types is what Planbro means.          │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

from planbro.translation import _

# Crockford's base32 alphabet: digits and letters without I, L, O and U.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# What a typed character that looks like another is read as.
ALIASES = {"I": "1", "L": "1", "O": "0"}
# How many groups a recovery key has.
GROUPS = 7
# Characters in a group: DATA_PER_GROUP random ones, then one check character.
GROUP_SIZE = 5
# The random characters of a group.
DATA_PER_GROUP = GROUP_SIZE - 1
# Random bits in a recovery key (5 per character).
RANDOM_BITS = GROUPS * DATA_PER_GROUP * 5
# Characters a key has when typed without separators.
LENGTH = GROUPS * GROUP_SIZE
# What may stand between groups when typed (any mix, any number).
SEPARATORS = re.compile(r"[\s\-_.]+")
# The reduction polynomial of GF(32): x^5 + x^2 + 1 (primitive).
_GF_POLY = 0b100101
# Weights of a group's four random characters: distinct, non-zero and not 1
# (1 is the check character's own weight), so a wrong character or two
# swapped neighbours always change the check.
_WEIGHTS = (2, 4, 8, 5)


class RecoveryKeyTypo(ValueError):
    """A typed recovery key that cannot be right; the message says where to look."""


def _gf_mul(a: int, b: int) -> int:
    product = 0
    while b:
        if b & 1:
            product ^= a
        b >>= 1
        a <<= 1
        if a & 0b100000:
            a ^= _GF_POLY
    return product


def _check(values: list[int], group: int) -> int:
    """The check value of a group's random characters (group numbered from 1)."""
    total = group
    for weight, value in zip(_WEIGHTS, values):
        total ^= _gf_mul(weight, value)
    return total


def new_recovery_key() -> str:
    """A fresh recovery key from os.urandom, grouped: "XXXXX-XXXXX-…"."""
    groups = []
    for group in range(1, GROUPS + 1):
        values = [byte % 32 for byte in os.urandom(DATA_PER_GROUP)]
        values.append(_check(values, group))
        groups.append("".join(ALPHABET[v] for v in values))
    return "-".join(groups)


def looks_like_recovery_key(text: str) -> bool:
    """Whether typed `text` is meant as a recovery key (its shape), right or not.

    A passphrase with spaces or a few dashes is not taken for one: the text
    must be groups of 4–6 letters and digits (the last one perhaps cut
    short), at least six of them, or 35 such characters in a row.
    """
    stripped = text.strip()
    compact = SEPARATORS.sub("", stripped)
    if not compact.isascii() or not compact.isalnum():
        return False
    parts = [p for p in SEPARATORS.split(stripped) if p]
    grouped = (len(parts) >= GROUPS - 1 and all(4 <= len(p) <= 6 for p in parts[:-1])
               and len(parts[-1]) <= 6)
    return grouped or len(compact) == LENGTH


def normalize(text: str) -> str:
    """The canonical, grouped form of a typed recovery key.

    Raises RecoveryKeyTypo naming the group to look at again.
    """
    compact = SEPARATORS.sub("", text.strip()).upper()
    if len(compact) != LENGTH:
        raise RecoveryKeyTypo(_(
            "The recovery key has {count} characters; it should have {expected} ({groups} "
            "groups of {size}).").format(count=len(compact), expected=LENGTH, groups=GROUPS,
                                         size=GROUP_SIZE))
    compact = "".join(ALIASES.get(c, c) for c in compact)
    wrong: list[int] = []
    for index in range(GROUPS):
        chunk = compact[index * GROUP_SIZE:(index + 1) * GROUP_SIZE]
        stray = next((c for c in chunk if c not in ALPHABET), None)
        if stray is not None:
            raise RecoveryKeyTypo(_(
                "Group {group} of the recovery key holds «{char}», which recovery keys never "
                "contain.").format(group=index + 1, char=stray))
        values = [ALPHABET.index(c) for c in chunk]
        if _check(values[:DATA_PER_GROUP], index + 1) != values[DATA_PER_GROUP]:
            wrong.append(index + 1)
    if len(wrong) == 1:
        raise RecoveryKeyTypo(_("The recovery key has a typo in group {group}.").format(
            group=wrong[0]))
    if wrong:
        raise RecoveryKeyTypo(_("The recovery key has typos in groups {groups}.").format(
            groups=", ".join(str(g) for g in wrong)))
    return "-".join(compact[i:i + GROUP_SIZE] for i in range(0, LENGTH, GROUP_SIZE))


def secret_of(recovery_key: str) -> bytes:
    """The bytes the key derivation reads: the canonical key, so any way of typing it
    gives the same. Raises RecoveryKeyTypo."""
    return normalize(recovery_key).encode("ascii")


def sheet_text(recovery_key: str, data_dir: str | Path, made: date, *,
               store_id: str = "") -> list[str]:
    """The lines of the printable recovery sheet, in the user's language (Danish).

    The documents layer lays them out; the first line is the title, the
    grouped key is a line of its own. Raises RecoveryKeyTypo for a key that
    is not a recovery key.
    """
    key = normalize(recovery_key)
    day = f"{made.day:02d}-{made.month:02d}-{made.year}"
    lines = [
        _("Planbro – recovery key"),
        _("Made on {date} for the data folder {folder}").format(date=day, folder=data_dir),
    ]
    if store_id:
        lines.append(_("Key file id: {store_id}").format(store_id=store_id))
    lines += [
        key,
        _("With this key the encrypted plans in the data folder can be opened when Planbro "
          "cannot open them by itself: on a new Windows profile, a new computer, or when "
          "the passphrase is forgotten."),
        _("Give this sheet to the municipality's IT support to keep locked away. Do not keep "
          "it with the computer, and do not photograph or e-mail it: whoever has the key "
          "and the data folder can read every plan in it."),
        _("To use it: type the key when Planbro asks for the recovery key at start (or run "
          "planbro key unlock). Upper and lower case, spaces and dashes do not matter; O is "
          "read as 0, I and L as 1."),
        _("Planbro shows this key only once. If the sheet is lost, make a new key at once: "
          "planbro key new-recovery-key."),
    ]
    return lines
