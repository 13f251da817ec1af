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
│ Why a plain SHA-256 chain, and a MAC on the head only                    │
│                                                                          │
│ An HMAC on every line would also stop someone from recomputing the chain │
│ after editing the log, but then the DPO could no longer check the log    │
│ with any SHA-256 tool, and a plaintext folder has no secret to key it:   │
│ any key would lie on the same disk as the log. The plain chain detects   │
│ a changed, removed or reordered line and, with the head, a cut end. In   │
│ an encrypted data folder (issue 11) the head carries "mac", an           │
│ HMAC-SHA256 under a key derived from the store key (crypto.derived:      │
│ not the data key, which a rotation replaces), so cutting the log AND     │
│ rewriting head.json to match no longer goes unseen: only Planbro with    │
│ the folder unlocked can write a head --verify accepts there. A           │
│ plaintext folder's head has no MAC (there is no key); README says so.    │
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

from planbro.crypto.derived import derive, mac, mac_matches

from planbro.audit.reading import month_files, parse_record

# The "prev" of the log's first record: no record came before it.
GENESIS = ""
# The chain's head (the newest record) in the log's folder.
HEAD_NAME = "head.json"
# Its copy kept with the store, beside the audit folder: deleting the audit folder
# whole (log and head.json) would otherwise leave an empty log that verifies.
STORE_HEAD_NAME = "audit-head.json"
# The label of the head's MAC key, derived from the store key (crypto.derived).
HEAD_KEY_INFO = b"planbro audit head"


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

def head_key(store_key: bytes) -> bytes:
    """The key of the head's MAC in an encrypted data folder with this store key."""
    return derive(store_key, HEAD_KEY_INFO)


def _head_bytes(file: str, lines: int, seq: int, hash_: str) -> bytes:
    """What the head's MAC is taken over: its fields, in a fixed order and form."""
    return json.dumps(["head", file, lines, seq, hash_], separators=(",", ":")).encode("utf-8")


def write_head(folder: Path, path: Path, tail: Tail, key: bytes | None = None) -> None:
    """Name the chain's newest record in head.json (atomically, 0600), with its MAC under
    `key` (head_key) in an encrypted folder; OSError if not."""
    head: dict[str, Any] = {"file": path.name, "lines": tail.lines, "seq": tail.seq,
                            "hash": tail.hash}
    if key is not None:
        head["mac"] = mac(key, _head_bytes(path.name, tail.lines, tail.seq, tail.hash))
    data = json.dumps(head, separators=(",", ":")) + "\n"
    write_atomic(folder / HEAD_NAME, data)
    write_atomic(folder.parent / STORE_HEAD_NAME, data)


def remove_head_leftovers(folder: Path) -> None:
    """Remove temporary files of a head write a crash interrupted (call under the lock)."""
    for leftover in [*folder.glob(f".{HEAD_NAME}.*.tmp"),
                     *folder.parent.glob(f".{STORE_HEAD_NAME}.*.tmp")]:
        with contextlib.suppress(OSError):
            leftover.unlink()


@dataclass(frozen=True)
class Head:
    """What head.json says: the newest record is line `lines` of `file`, with `hash`;
    `mac` is its MAC (None in a head without one: a plaintext folder's)."""

    file: str
    lines: int
    seq: int
    hash: str
    mac: str | None = None

    def sealed_by(self, key: bytes) -> bool:
        """Whether the head carries a MAC and it is the one `key` gives its fields."""
        return self.mac is not None and mac_matches(
            key, _head_bytes(self.file, self.lines, self.seq, self.hash), self.mac)


def read_head(folder: Path) -> Head | None:
    """The head, or None when there is none; ValueError when it is damaged.

    Of head.json and its copy with the store (STORE_HEAD_NAME), the one naming the later
    record: they differ only when a write of the second failed, or when one was deleted
    or put back to hide a cut end - then the later one is the truth to check against."""
    heads = [_read_one(path) for path in (folder / HEAD_NAME, folder.parent / STORE_HEAD_NAME)]
    found = [head for head in heads if head is not None]
    return max(found, key=lambda head: head.seq) if found else None


def _read_one(path: Path) -> Head | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        head = json.loads(raw)
        file, lines, seq, hash_ = head["file"], head["lines"], head["seq"], head["hash"]
        tag = head.get("mac")
    except (ValueError, TypeError, KeyError, AttributeError):
        raise ValueError(HEAD_NAME) from None
    if not (isinstance(file, str) and isinstance(hash_, str)
            and (tag is None or isinstance(tag, str))
            and all(isinstance(n, int) and not isinstance(n, bool) and n > 0
                    for n in (lines, seq))):
        raise ValueError(HEAD_NAME)
    return Head(file, lines, seq, hash_, tag)
