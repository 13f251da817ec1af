"""argparse's own messages ("usage:", "the following arguments are required")
in the user's language, so a refusal by the parser is Danish by default too.

# ----------------------------------------------------------------------------
# argparse translates through the stdlib gettext's global domain, which reads
# .mo files from a locale folder chosen by environment variables. Pointing its
# module-level `_` and `ngettext` at Planbro's catalog instead is the one
# place that needs no files outside the package and no environment.
# ----------------------------------------------------------------------------
"""

from __future__ import annotations

import argparse

from planbro.translation import N_

from planbro import translation

# The argparse messages a user of `planbro` can meet, marked for extraction
# so tools/i18n.py puts them in the catalog.
MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
)

# The help text of --version, which argparse leaves untranslated.
VERSION_HELP = N_("show program's version number and exit")


def install() -> None:
    """Route argparse's messages through Planbro's current language."""
    # argparse has these module globals (from gettext) but typeshed's stub leaves them out.
    argparse._ = translation._  # type: ignore[attr-defined]
    argparse.ngettext = translation.ngettext  # type: ignore[attr-defined]
