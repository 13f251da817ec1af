"""Keep the gettext catalogs in i18n/ in step with the code.

    python tools/i18n.py          extract, update every catalog, compile
    python tools/i18n.py --check  exit 1 if a catalog is stale or untranslated

The Danish texts themselves are written in i18n/da/LC_MESSAGES/planbro.po.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import PoFileParser, write_po

# The repository's top folder.
ROOT = Path(__file__).resolve().parent.parent
# Where the catalogs live.
I18N = ROOT / "i18n"
# Languages with a catalog (English is the source language).
LANGUAGES = ("da",)
# Functions whose first argument is a message.
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def write_replacing(path: Path, data: bytes) -> None:
    # Whole or not at all: a test may read the .mo while this runs.
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def extract() -> Catalog:
    catalog = Catalog(project="Planbro", charset="utf-8")
    method_map = [("**.py", "python")]
    for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / "desktop" / "planbro", method_map, keywords=KEYWORDS):
        catalog.add(message)
    return catalog


def _translated(string) -> bool:
    # A plural entry's string is a tuple, ("", "") when untranslated.
    return any(string) if isinstance(string, tuple) else bool(string)


class _PreferTranslated(Catalog):
    """A catalog where a later entry's translation fills an earlier empty one.

    Helpers add translations by appending to the .po; the id may already be
    there, untranslated, from an earlier update.
    """

    def __setitem__(self, id, message):
        current = self._messages.get(self._key_for(id, message.context))
        if current is not None and _translated(message.string) and not _translated(current.string):
            current.string = message.string
            current.flags.discard("fuzzy")
            return
        super().__setitem__(id, message)


def read_catalog(path: Path, language: str) -> Catalog:
    catalog = _PreferTranslated(locale=language, charset="utf-8")
    with open(path, "rb") as handle:
        PoFileParser(catalog, ignore_obsolete=True).parse(handle)
    return catalog


def po_path(language: str) -> Path:
    return I18N / language / "LC_MESSAGES" / "planbro.po"


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def messages(catalog: Catalog) -> dict:
    """What a catalog translates: id → string, header and untranslated left out.

    # ------------------------------------------------------------------
    # The .mo is compared by what it holds, never byte for byte: babel
    # writes its own version into the header ("Generated-By: Babel 2.19.0"),
    # so a newer babel would call an unchanged catalog stale.
    # ------------------------------------------------------------------
    """
    held = {}
    for message in catalog:
        if message.id and _translated(message.string) and not message.fuzzy:
            key = message.id if isinstance(message.id, str) else tuple(message.id)
            string = message.string if isinstance(message.string, str) else tuple(message.string)
            held[key] = string
    return held


def mo_matches(mo: Path, catalog: Catalog) -> bool:
    if not mo.exists():
        return False
    with open(mo, "rb") as handle:
        try:
            held = read_mo(handle)
        except Exception:  # a damaged or truncated .mo is simply stale
            return False
    return messages(held) == messages(catalog)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    template = extract()
    pot = io.BytesIO()
    write_po(pot, template, omit_header=False, no_location=True, sort_output=True)
    problems = []
    if not check:
        write_replacing(I18N / "planbro.pot", pot.getvalue())
    for language in LANGUAGES:
        catalog = read_catalog(po_path(language), language)
        if check:
            wanted = {m.id for m in template if m.id}
            have = {m.id for m in catalog if m.id and _translated(m.string) and not m.fuzzy}
            for missing in sorted(wanted - have, key=str):
                problems.append(f"{language}: untranslated: {missing!r}")
            mo = po_path(language).with_suffix(".mo")
            if not mo_matches(mo, catalog):
                problems.append(f"{language}: {mo.name} is not compiled from the .po")
            continue
        catalog.update(template, no_fuzzy_matching=True)
        buffer = io.BytesIO()
        write_po(buffer, catalog, no_location=True, sort_output=True, ignore_obsolete=True)
        write_replacing(po_path(language), buffer.getvalue())
        write_replacing(po_path(language).with_suffix(".mo"), compiled(catalog))
        for message in catalog:
            if message.id and not message.string:
                problems.append(f"{language}: untranslated: {message.id!r}")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
