"""Alt+letter mnemonics for one page, without two fields sharing a letter; no Qt."""

from __future__ import annotations

from collections.abc import Collection

# Letters offered as mnemonics; Alt+æ/ø/å does not exist on every keyboard.
_LETTERS = set("abcdefghijklmnopqrstuvwxyz")
# Offered after every letter of a text: a page with more fields than Danish labels have
# letters (step 8) gives a label with a number in it ("§ 141") Alt+digit instead of none.
_DIGITS = set("0123456789")


def strip_mnemonic(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def mnemonic_of(text: str) -> str | None:
    """The letter after a single "&" in `text`, lower case, or None."""
    index = text.replace("&&", "").find("&")
    cleaned = text.replace("&&", "")
    if index < 0 or index + 1 >= len(cleaned):
        return None
    return cleaned[index + 1].lower()


def _candidates(plain: str, wanted: str | None, used: set[str]) -> list[int]:
    """Positions in `plain` that could carry the mnemonic, best first: the
    asked-for letter, then letters starting a word, then any letter, then any digit."""
    starts = [i for i, ch in enumerate(plain) if i == 0 or not plain[i - 1].isalnum()]
    asked = [plain.lower().find(wanted)] if wanted else []
    order, seen = [], set()
    for i in asked + starts + list(range(len(plain))):
        letter = plain[i].lower() if i >= 0 else ""
        if letter in _LETTERS and letter not in used and letter not in seen:
            order.append(i)
            seen.add(letter)
    for i, digit in enumerate(plain):
        if digit in _DIGITS and digit not in used and digit not in seen:
            order.append(i)
            seen.add(digit)
    return order


def assign(texts: list[str], reserved: Collection[str] = frozenset()) -> list[str]:
    """Give each text its own mnemonic letter, none of them in `reserved`.

    The letters are matched like a small bipartite matching (Kuhn's
    augmenting paths): short labels with few usable letters ("Til") get
    theirs even when a longer label earlier on the page wanted the same one.
    Each text keeps its most preferred letter that the matching allows.
    """
    used = {letter.lower() for letter in reserved}
    plains = [strip_mnemonic(t) for t in texts]
    options = [_candidates(p, mnemonic_of(t), used) for p, t in zip(plains, texts)]
    owner: dict[str, int] = {}
    chosen: dict[int, int] = {}

    def place(index: int, visited: set[str]) -> bool:
        for pos in options[index]:
            letter = plains[index][pos].lower()
            if letter in visited:
                continue
            visited.add(letter)
            if letter not in owner or place(owner[letter], visited):
                owner[letter] = index
                chosen[index] = pos
                return True
        return False

    # The texts with the fewest letters to choose from go first.
    for index in sorted(range(len(texts)), key=lambda i: len(options[i])):
        place(index, set())
    result = []
    for index, plain in enumerate(plains):
        escaped = plain.replace("&", "&&")
        if index not in chosen:
            result.append(escaped)
            continue
        pos = chosen[index]
        # Count the "&&" escapes before the chosen letter to place the "&".
        at = pos + plain[:pos].count("&")
        result.append(escaped[:at] + "&" + escaped[at:])
    return result
