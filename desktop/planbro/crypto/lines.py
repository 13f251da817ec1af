"""Sealed lines: an append-only file (the index journal) whose every line is its own envelope.

┌──────────────────────────────────────────────────────────────────────────┐
│ Why one envelope per line, in base64                                     │
│                                                                          │
│ A journal grows by one fsynced append per save; re-sealing the whole     │
│ file each time would make a save cost the journal's length. So each      │
│ record is sealed alone (a fresh nonce, the role and plan id bound as in  │
│ sealing) and written as one base64 line: base64 never holds a newline,   │
│ so a line ends exactly where its record does.                            │
│                                                                          │
│ A crash mid-append leaves a torn tail: bytes after the last newline.     │
│ The save it belongs to was never acknowledged (the fsync comes after     │
│ the whole line), so the tail is dropped, and OpenedLines.end says where  │
│ the complete lines end: a writer cuts the file there before appending    │
│ again, or the next line would be glued onto the torn one. A complete     │
│ line that does not open is damage, not a crash: told, never skipped      │
│ silently.                                                                │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from planbro.translation import _

from planbro.crypto.sealing import MAGIC, DataKey, SealBroken, open_any, seal

# How every sealed line begins: the base64 of MAGIC's first six bytes.
LINE_PREFIX = base64.b64encode(MAGIC[:6])


@dataclass
class OpenedLines:
    """What open_lines read: the records of the complete lines, in order."""

    records: list[bytes] = field(default_factory=list)
    # Offset just past the last complete line (a writer truncates to it).
    end: int = 0
    # Bytes after the last newline: a torn append a crash left (0 when none).
    torn: int = 0
    # Numbers (from 1) of complete lines that did not open, when not strict.
    broken: list[int] = field(default_factory=list)


def seal_line(key: DataKey, role: str, plan_id: str, record: bytes) -> bytes:
    """One journal line holding `record` sealed, newline included."""
    return base64.b64encode(seal(key, role, plan_id, record)) + b"\n"


def is_sealed_line(line: bytes) -> bool:
    """Whether `line` is a sealed line (else a plaintext line of a store not yet migrated)."""
    return line.startswith(LINE_PREFIX)


def open_line(keys: DataKey | Iterable[DataKey], role: str, plan_id: str, line: bytes, *,
              path: str | Path | None = None, number: int = 0) -> bytes:
    """The record of one sealed line (its newline may be there or not). Raises SealBroken
    naming `path` and the line's `number` when given."""
    try:
        blob = base64.b64decode(line.rstrip(b"\r\n"), validate=True)
        return open_any(keys, role, plan_id, blob, path=path)
    except (binascii.Error, ValueError, SealBroken) as error:
        kind = error.kind if isinstance(error, SealBroken) else "damaged"
        where = str(path) if path is not None else _("The encrypted data")
        if not number:
            if isinstance(error, SealBroken):
                raise
            raise SealBroken(_("{path} cannot be opened: it is damaged, or another file has been "
                               "put in its place. Planbro has not changed it.").format(path=where),
                             kind=kind, path=path) from None
        raise SealBroken(_("Line {line} of {path} cannot be opened: it is damaged, or it was "
                           "written with another key or for another file. Planbro has not changed "
                           "the file.").format(line=number, path=where),
                         kind=kind, path=path) from None


def open_lines(keys: DataKey | Iterable[DataKey], role: str, plan_id: str, data: bytes, *,
               path: str | Path | None = None, strict: bool = True) -> OpenedLines:
    """The records of a file of sealed lines, read whole as `data`.

    A torn tail is dropped and counted. A complete line that does not open
    raises SealBroken naming the line (strict) or is listed in `broken`.
    Empty lines are skipped.
    """
    chain = keys if isinstance(keys, DataKey) else list(keys)
    end = data.rfind(b"\n") + 1
    opened = OpenedLines(end=end, torn=len(data) - end)
    for number, line in enumerate(data[:end].split(b"\n")[:-1], start=1):
        if not line.strip():
            continue
        try:
            opened.records.append(open_line(chain, role, plan_id, line, path=path, number=number))
        except SealBroken:
            if strict:
                raise
            opened.broken.append(number)
    return opened
