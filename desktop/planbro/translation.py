"""Gettext set-up: the language of messages and of the user interface.

Message ids are English; the catalogs in i18n/ (package `planbro.i18n`)
carry the Danish text. Danish is the default language; documents are always
Danish whatever the UI language is.
"""

from __future__ import annotations

import gettext
from importlib import resources

# The gettext domain of Planbro's catalogs.
DOMAIN = "planbro"
# Languages the catalogs cover; English needs no catalog (ids are English).
LANGUAGES = ("da", "en")
# The language used until set_language() says otherwise.
DEFAULT_LANGUAGE = "da"

_current: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def _load(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    mo = resources.files("planbro.i18n") / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with resources.as_file(mo) as path, open(path, "rb") as handle:
        return gettext.GNUTranslations(handle)


def set_language(language: str) -> None:
    """Switch every later message to `language` ("da" or "en")."""
    global _current, _language
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language: {language!r}")
    _current = _load(language)
    _language = language


def language_from_argv(argv: list[str]) -> str | None:
    """The language a command line asks for with --lang, if any.

    Read before anything parses the line: --lang must take effect before the
    parser's own help texts are built, and the app reads it too.
    """
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def language() -> str:
    return _language


def _(message: str) -> str:
    """Translate `message` into the current language."""
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark `message` for extraction without translating it now."""
    return message


set_language(DEFAULT_LANGUAGE)
