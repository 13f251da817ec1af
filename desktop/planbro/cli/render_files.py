"""How `planbro render` writes its documents, whichever they are (the plan,
Din plan, a partner's extract): the formats asked for, each made before either
is written, never into the data folder, each with its record, then the
plaintext note."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from planbro.translation import _

from planbro.actions.documents import NotWritten, Saved, outside_the_data_folder, plaintext_note

from planbro.cli.common import CommandTrail, fail

# The formats render writes, in the order it writes them.
KINDS = ("docx", "pdf")


def target(out: str | None, default_name: str) -> Path:
    """Where `out` (a file, a folder or nothing: the current folder) puts the file."""
    if out is None:
        return Path.cwd() / default_name
    path = Path(out)
    return path / default_name if path.is_dir() else path


def targets(args: argparse.Namespace, name: Callable[[str], str]) -> dict[str, Path]:
    """Each format --docx and --pdf name (both when neither is given) -> its path;
    `name(kind)` is the default file name."""
    kinds = [kind for kind in KINDS if getattr(args, kind) is not None] or list(KINDS)
    return {kind: target(getattr(args, kind), name(kind)) for kind in kinds}


def write_all(args: argparse.Namespace, paths: dict[str, Path],
              make: Callable[[dict[str, Path]], dict[str, bytes]],
              write: Callable[[str, bytes, Path, CommandTrail], Saved],
              told: Callable[[str], str] = str) -> int:
    """Make every document of `paths` (make), then write each with its record (write);
    a refusal (exit status 2) leaves no file of the first kind. `told`: how a
    refusal's message is shown."""
    for path in paths.values():
        if not path.parent.is_dir():
            return fail(_("{path}: the folder does not exist").format(path=path))
    trail = CommandTrail(args)
    try:
        # Before either is made: a plaintext document has no place in the data folder.
        for path in paths.values():
            outside_the_data_folder(trail, path)
        # Both documents are made before either is written: an error leaves no file.
        data = make(paths)
    except NotWritten as error:
        return fail(told(error.message()))
    for kind, path in paths.items():
        try:
            saved = write(kind, data[kind], path, trail)
        except NotWritten as error:
            return fail(_("{path}: cannot be written: {error}").format(
                path=path, error=error.reason()))
        print(_("Wrote {path}").format(path=saved.path))
    print(plaintext_note(), file=sys.stderr)
    return 0
