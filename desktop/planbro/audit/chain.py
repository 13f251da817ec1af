"""The audit log's chain: each record names the one written before it.

A record carries "seq", its number in the log (the record before it plus
one), and "prev", the SHA-256 (hex) of the line of the record before it,
exactly as stored, without its newline; the log's very first record has
prev "". The first record of a month file names the last record of the
month file before it, so the whole log is one chain, oldest file first, and
`planbro audit --verify` (verify.py) finds the first line that was changed,
removed or reordered. audit/head.json names the newest record (its file,
line and hash), so a log cut short at its end is found too.

Lines that are not a whole record (torn by a crash while they were written)
are not part of the chain: the next record names the last whole one.

┌──────────────────────────────────────────────────────────────────────────┐
│ Why a plain SHA-256 chain and not an HMAC                                │
│                                                                          │
│ An HMAC under a secret key would also stop someone from recomputing the  │
│ chain after editing the log. But Planbro has no secret of its own yet:   │
│ any key would lie on the same disk as the log, readable by whoever can   │
│ edit it, so it would only look stronger. The plain chain detects what    │
│ the issue asks (a changed, removed or reordered line, a cut end) and can │
│ be checked by the DPO with any SHA-256 tool. Once the store is encrypted │
│ (issue 11), the head is the place for a MAC under the data key: a forged │
│ chain would then no longer match a head no one can forge without the key.│
│ "seq" costs a few bytes a line and lets --verify say which of the three  │
│ happened (a gap in the numbers: removed; a line named later: reordered). │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planbro.fileio.atomic import write_atomic

from planbro.audit.reading import month_files, parse_record

# The "prev" of the log's first record: no record came before it.
GENESIS = ""
# The chain's head (the newest record) in the log's folder.
HEAD_NAME = "head.json"


def line_hash(line: bytes) -> str:
    """The hash a record's successor names it by: SHA-256 of the line without its newline."""
    return hashlib.sha256(line).hexdigest()


def seq_of(record: dict[str, Any]) -> int:
    """A record's number in the chain; 0 for one written before the chain."""
    seq = record.get("seq")
    return seq if isinstance(seq, int) and not isinstance(seq, bool) else 0


@dataclass(frozen=True)
class Tail:
    """Where a month file ends: its size and lines, and the chain's newest record up to there.

    hash and seq are those of the last whole record of this file or, when
    it has none, of the month files before it (GENESIS and 0 for none).
    """

    size: int
    lines: int
    hash: str = GENESIS
    seq: int = 0

    def extended(self, data: bytes) -> Tail:
        """The tail after `data` (whole lines) was appended to the file."""
        newest = last_record(data)
        found_hash, found_seq = newest if newest is not None else (self.hash, self.seq)
        return Tail(self.size + len(data), self.lines + data.count(b"\n"), found_hash, found_seq)

    def appended(self, line: bytes, seq: int) -> Tail:
        """The tail after one record's line (ending in its newline) was appended."""
        return Tail(self.size + len(line), self.lines + 1, line_hash(line[:-1]), seq)


def last_record(data: bytes) -> tuple[str, int] | None:
    """The hash and seq of the last whole record in `data`, or None."""
    for raw in reversed(data.split(b"\n")):
        record = parse_record(raw.decode("utf-8", errors="replace")) if raw.strip() else None
        if record is not None:
            return line_hash(raw), seq_of(record)
    return None


def tail_of(path: Path, data: bytes) -> Tail:
    """The tail of month file `path` that holds `data` (whole lines)."""
    newest = last_record(data)
    if newest is None:
        return start_of(path).extended(data)
    return Tail(len(data), data.count(b"\n"), *newest)


def start_of(path: Path) -> Tail:
    """The tail of an empty `path`: the chain's newest record in the month files before it."""
    for earlier in reversed([p for p in month_files(path.parent) if p.name < path.name]):
        newest = last_record(earlier.read_bytes())
        if newest is not None:
            return Tail(0, 0, *newest)
    return Tail(0, 0)


def target_file(folder: Path, month_file: Path) -> Path:
    """The file a record of `month_file`'s month is appended to.

    Its own month's, unless a later month's file exists: a clock set back
    (a flat CMOS battery, a wrong time zone) would otherwise put a record in
    the middle of the chain. The record's own "at" still says when it was.
    """
    files = month_files(folder)
    return files[-1] if files and files[-1].name > month_file.name else month_file


def read_from(fd: int, start: int, end: int) -> bytes:
    """Bytes start..end of the open file `fd`."""
    os.lseek(fd, start, os.SEEK_SET)
    chunks, left = [], end - start
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


# -- the head -------------------------------------------------------------------

def write_head(folder: Path, path: Path, tail: Tail) -> None:
    """Name the chain's newest record in head.json (atomically, 0600); OSError if not."""
    head = {"file": path.name, "lines": tail.lines, "seq": tail.seq, "hash": tail.hash}
    write_atomic(folder / HEAD_NAME, json.dumps(head, separators=(",", ":")) + "\n")


def remove_head_leftovers(folder: Path) -> None:
    """Remove temporary files of a head write a crash interrupted (call under the lock)."""
    for leftover in folder.glob(f".{HEAD_NAME}.*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()


@dataclass(frozen=True)
class Head:
    """What head.json says: the newest record is line `lines` of `file`, with `hash`."""

    file: str
    lines: int
    seq: int
    hash: str


def read_head(folder: Path) -> Head | None:
    """The head, or None when there is none; ValueError when it is damaged."""
    try:
        raw = (folder / HEAD_NAME).read_bytes()
    except FileNotFoundError:
        return None
    try:
        head = json.loads(raw)
        file, lines, seq, hash_ = head["file"], head["lines"], head["seq"], head["hash"]
    except (ValueError, TypeError, KeyError):
        raise ValueError(HEAD_NAME) from None
    if not (isinstance(file, str) and isinstance(hash_, str)
            and all(isinstance(n, int) and not isinstance(n, bool) and n > 0
                    for n in (lines, seq))):
        raise ValueError(HEAD_NAME)
    return Head(file, lines, seq, hash_)
