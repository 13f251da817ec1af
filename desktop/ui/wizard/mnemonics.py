"""Alt+letter mnemonics for one page, without two fields sharing a letter; no Qt."""

from __future__ import annotations

# Letters offered as mnemonics; Alt+æ/ø/å does not exist on every keyboard.
_LETTERS = set("abcdefghijklmnopqrstuvwxyz")


def strip_mnemonic(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def mnemonic_of(text: str) -> str | None:
    """The letter after a single "&" in `text`, lower case, or None."""
    index = text.replace("&&", "").find("&")
    cleaned = text.replace("&&", "")
    if index < 0 or index + 1 >= len(cleaned):
        return None
    return cleaned[index + 1].lower()


def assign(texts: list[str], reserved: set[str] = frozenset()) -> list[str]:
    """Give each text a free mnemonic: the one it asks for ("&Navn"), else
    the first free letter starting a word, else any free letter in it."""
    used = {letter.lower() for letter in reserved}
    result = []
    for text in texts:
        wanted = mnemonic_of(text)
        plain = strip_mnemonic(text)
        starts = [i for i, ch in enumerate(plain) if i == 0 or not plain[i - 1].isalnum()]
        candidates = ([plain.lower().find(wanted)] if wanted else []) + starts + list(range(len(plain)))
        chosen = next((i for i in candidates if i >= 0 and plain[i].lower() in _LETTERS
                       and plain[i].lower() not in used), None)
        escaped = plain.replace("&", "&&")
        if chosen is None:
            result.append(escaped)
            continue
        used.add(plain[chosen].lower())
        # Count the "&&" escapes before the chosen letter to place the "&".
        offset = plain[:chosen].count("&")
        at = chosen + offset
        result.append(escaped[:at] + "&" + escaped[at:])
    return result
