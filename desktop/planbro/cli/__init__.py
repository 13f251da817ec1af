"""The `planbro` command.

With no arguments it starts the desktop app; otherwise one sub-command per
module in this package (COMMANDS below). Each module has
`register(subparsers)` that adds its parser and sets `func=run(args) -> int`.
Qt is imported only when the app starts.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from planbro.fileio.failures import write_failure
from planbro.translation import LANGUAGES, _, language_from_argv, set_language

from planbro.cli.argparse_texts import VERSION_HELP
from planbro.cli.argparse_texts import install as install_argparse_texts
from planbro.cli.common import EXIT_BAD_INPUT, close_stores, shown

from planbro import __version__

# Exit status when the reader of our output went away (128 + SIGPIPE, as a shell says it).
EXIT_PIPE_CLOSED = 141
# The sub-command modules of this package, in the order --help lists them, each with the
# commands it registers (tests/cli/test_cli_parser.py keeps these equal to what they add).
COMMANDS = {
    "transfer": ("import", "export"), "plans": ("list", "show"),
    "lifecycle": ("sign", "revise", "close", "delete"), "diff": ("diff",),
    "retention": ("journalise", "purge"), "render": ("render",), "check": ("check",),
    "followup": ("follow-up",), "lease": ("lease",), "handover": ("overdrag",),
    "overview": ("overblik",), "repair": ("restore", "repair"), "audit": ("audit",),
    "key": ("key",), "migrate": ("migrate",),
}


def _global_parser(**options) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planbro",
        description=_("Handleplaner under serviceloven § 141 and § 142. "
                      "Without a command the desktop app starts."),
        **options,
    )
    parser.add_argument("--lang", choices=("da", "en"), default=None,
                        help=_("language of messages (default: Danish)"))
    parser.add_argument("--data-dir", metavar="DIR", default=None,
                        help=_("the data folder (default: PLANBRO_DATA_DIR or the user's data folder)"))
    parser.add_argument("--store", metavar="URL", default=None,
                        help=_("the team store, a PostgreSQL address (postgresql://server/database "
                               "or service=name), or lokal for the data folder (default: "
                               "PLANBRO_STORE, else the data folder)"))
    return parser


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser; with a known `command`, one holding that command's module only.

    ┌──────────────────────────────────────────────────────────────────────┐
    │ Each sub-command module imports what its command needs at its top    │
    │ (documents, exchange, the quality check …): registering all fifteen  │
    │ cost `planbro overblik` a tenth of its start. A command named on the │
    │ line is parsed by its own module's parser alone; --help, no command  │
    │ or a misspelt one gets every module, so argparse lists them all      │
    │ (--version none: it is printed before a command is looked at).       │
    └──────────────────────────────────────────────────────────────────────┘
    """
    parser = _global_parser()
    parser.add_argument("--version", action="version", version=f"Planbro {__version__}",
                        help=_(VERSION_HELP))
    subparsers = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    modules = [name for name, commands in COMMANDS.items() if command in commands] or COMMANDS
    if command == "--version":
        # Printed by the global parser before any command is looked at.
        modules = []
    for name in modules:
        importlib.import_module(f"planbro.cli.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    language = language_from_argv(argv)
    if language in LANGUAGES:
        set_language(language)
    install_argparse_texts()
    # Warnings for IT go to the log, not into the caseworker's terminal: every
    # refusal is already printed as a message of its own.
    if not logging.getLogger("planbro").handlers:
        logging.getLogger("planbro").addHandler(logging.NullHandler())
    # Starting the app needs only the global options: building every
    # sub-command's parser would import the exchange, schema and quality
    # modules and delay the first window.
    known, rest = _global_parser(add_help=False).parse_known_args(argv)
    if not rest:
        from planbro.ui.app import run_app  # Qt only from here on
        return run_app(data_dir=known.data_dir)
    args = build_parser(rest[0]).parse_args(argv)
    if args.command is None:
        from planbro.ui.app import run_app
        return run_app(data_dir=args.data_dir)
    try:
        status = args.func(args)
        # What is still buffered must reach the pipe here, where a closed one is caught.
        sys.stdout.flush()
    except BrokenPipeError:
        return _pipe_closed()
    except OSError as error:
        # The last net under every command: a full disk or a refused file is told
        # in the user's words, never as a traceback (each command catches its own first).
        print(write_failure(error), file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as error:
        # A store's refusal (the team store away, its address refused) that a command
        # let through is told as the others are; anything else is a bug, and shows.
        if not _is_store_error(error):
            raise
        print(shown(str(error)), file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        close_stores(args)
    return status


def _is_store_error(error: Exception) -> bool:
    from planbro.storage import StoreError

    return isinstance(error, StoreError)


def _pipe_closed() -> int:
    """`planbro audit | head`: the reader has gone, so the command ends quietly.

    Python would print a traceback for the closed pipe, and another one when
    it flushes stdout on the way out; stdout goes to the null device instead.
    The status is the one a shell gives a command stopped by SIGPIPE.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_PIPE_CLOSED
