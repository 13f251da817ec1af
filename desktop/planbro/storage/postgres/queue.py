"""The laptop's own copy of team plans while the server is away: sealed files, nothing plain.

┌──────────────────────────────────────────────────────────────────────────┐
│ What is kept, where, and sealed how                                      │
│                                                                          │
│ Under the data folder, team-offline/<scope>/ (scope: a digest of the     │
│ team database's address, so a queue is never sent to another database): │
│   queue/NNNNNNNN.pbq  one save made while the server was away, in order  │
│   cache/<plan id>.pbc the latest version read or saved of a plan this    │
│                       caseworker has open (holds the lease of)           │
│ Each file is one AES-256-GCM envelope of the data folder's own keys      │
│ (crypto/sealing.py), role "queue" or "cache", bound to "<scope>/<name>": │
│ a queued save moved to another place in the order, or copied in from     │
│ another database's queue, fails to open instead of being sent. Written  │
│ by write_atomic, so a crash leaves the old file or the new, and even a   │
│ temporary file holds ciphertext only. A file name holds a number or a    │
│ plan id (a random UUID), never a name or a CPR number.                   │
└──────────────────────────────────────────────────────────────────────────┘

Qt-free, and no network: offline.py decides what goes here and when it is sent.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planbro.fileio.atomic import fsync_dir, write_atomic
from planbro.fileio.private import make_private_dir
from planbro.translation import _

from planbro.crypto import SealBroken
from planbro.crypto.keys import KeyChain

from planbro.storage.errors import StoreCorrupt
from planbro.storage.offline_files import (
    CACHE_DIR,
    CACHE_ROLE,
    CACHE_SUFFIX,
    FOLDER,
    QUEUE_DIR,
    QUEUE_ROLE,
    QUEUE_SUFFIX,
    bound_to,
)
from planbro.storage.paths import is_plan_id
from planbro.storage.postgres.connect import masked

# Digits of a queued save's number in its file name (the order they are sent in).
SEQ_DIGITS = 8
# The format tag inside each sealed file.
FORMAT = "planbro-offline/1"


def _damaged() -> str:
    return _("it is damaged, or another file has been put in its place")


def scope_of(conninfo: str) -> str:
    """The folder name of one team database's offline files: a digest of its address
    (without a password), so it names no server in the clear either."""
    return hashlib.sha256(masked(conninfo, conninfo).encode("utf-8")).hexdigest()[:16]


@dataclass
class Queued:
    """One save kept while the server was away: the plan as saved (the exchange format),
    the revision of the plan on the server it was based on (0: a new plan), and the
    lease token of the client that held the plan when it was saved."""

    seq: int
    plan_id: str
    doc: dict[str, Any]
    base: int
    token: str
    # Set when the plan's lease was lost: the separate draft this save now goes to.
    draft_of: str = ""


@dataclass
class Cached:
    """The latest version of a plan this laptop has, and the server's revision of it."""

    plan_id: str
    doc: dict[str, Any]
    revision: int


class OfflineQueue:
    """The sealed queue and cache of one team database on this laptop (module docstring)."""

    def __init__(self, data_dir: Path | str, scope: str, keys: KeyChain) -> None:
        self.scope = scope
        self.root = Path(data_dir) / FOLDER / scope
        self.queue_dir = self.root / QUEUE_DIR
        self.cache_dir = self.root / CACHE_DIR
        self._keys = keys

    # -- sealed files ------------------------------------------------------------------

    def _write(self, path: Path, role: str, content: dict[str, Any]) -> None:
        make_private_dir(path.parent)
        data = json.dumps({"format": FORMAT, **content}, ensure_ascii=False).encode("utf-8")
        write_atomic(path, self._keys.seal(role, bound_to(self.scope, path.name), data))

    def _read(self, path: Path, role: str) -> dict[str, Any]:
        try:
            data = self._keys.open(role, bound_to(self.scope, path.name), path.read_bytes(),
                                   path=path)
            content = json.loads(data.decode("utf-8"))
        except (SealBroken, UnicodeDecodeError, ValueError):
            raise StoreCorrupt(path, _damaged()) from None
        if not isinstance(content, dict) or content.get("format") != FORMAT:
            raise StoreCorrupt(path, _damaged())
        return content

    # -- the queue ---------------------------------------------------------------------

    def _queue_files(self) -> list[Path]:
        if not self.queue_dir.is_dir():
            return []
        return sorted(path for path in self.queue_dir.iterdir()
                      if path.name.endswith(QUEUE_SUFFIX) and path.name[:SEQ_DIGITS].isdigit())

    @property
    def pending(self) -> int:
        """How many saves wait to be sent."""
        return len(self._queue_files())

    def entries(self) -> list[Queued]:
        """The saves waiting, in the order they were made; StoreCorrupt for a file that does
        not open with this data folder's keys (damaged, or put there)."""
        found = []
        for path in self._queue_files():
            content = self._read(path, QUEUE_ROLE)
            found.append(Queued(int(path.name[:SEQ_DIGITS]), str(content["plan_id"]),
                                dict(content["doc"]), int(content["base"]),
                                str(content["token"]), str(content.get("draft_of", ""))))
        return found

    def add(self, plan_id: str, doc: dict[str, Any], base: int, token: str) -> Queued:
        """Keep one more save, after every other."""
        files = self._queue_files()
        seq = int(files[-1].name[:SEQ_DIGITS]) + 1 if files else 1
        entry = Queued(seq, plan_id, doc, base, token)
        self.rewrite(entry)
        return entry

    def rewrite(self, entry: Queued) -> None:
        """Write `entry` in its place in the order (a new one, or one redirected to a draft)."""
        self._write(self.queue_dir / f"{entry.seq:0{SEQ_DIGITS}d}{QUEUE_SUFFIX}", QUEUE_ROLE,
                    {"plan_id": entry.plan_id, "doc": entry.doc, "base": entry.base,
                     "token": entry.token, "draft_of": entry.draft_of})

    def remove(self, entry: Queued) -> None:
        """The save was sent (or kept as a draft on the server): it waits no more."""
        (self.queue_dir / f"{entry.seq:0{SEQ_DIGITS}d}{QUEUE_SUFFIX}").unlink(missing_ok=True)
        fsync_dir(self.queue_dir)

    # -- the cache ---------------------------------------------------------------------

    def _cache_path(self, plan_id: str) -> Path:
        if not is_plan_id(plan_id):
            raise ValueError("a cached plan is named by its id")
        return self.cache_dir / f"{plan_id}{CACHE_SUFFIX}"

    def cache(self, plan_id: str, doc: dict[str, Any], revision: int) -> None:
        """Keep the latest version of an open plan on this laptop, to be read offline."""
        self._write(self._cache_path(plan_id), CACHE_ROLE,
                    {"plan_id": plan_id, "doc": doc, "revision": revision})

    def cached(self, plan_id: str) -> Cached | None:
        """The plan as this laptop last had it; None when it is not here."""
        if not is_plan_id(plan_id):
            return None
        path = self._cache_path(plan_id)
        if not path.is_file():
            return None
        content = self._read(path, CACHE_ROLE)
        return Cached(plan_id, dict(content["doc"]), int(content["revision"]))

    def cached_ids(self) -> list[str]:
        if not self.cache_dir.is_dir():
            return []
        return sorted(path.name[:-len(CACHE_SUFFIX)] for path in self.cache_dir.iterdir()
                      if path.name.endswith(CACHE_SUFFIX))

    def drop(self, plan_id: str) -> None:
        """Forget the cached copy of a plan no longer open here."""
        if is_plan_id(plan_id):
            self._cache_path(plan_id).unlink(missing_ok=True)

    def files(self) -> list[Path]:
        """Every file kept (for the tests that check none holds plaintext)."""
        return sorted(Path(folder) / name for folder, _dirs, names in os.walk(self.root)
                      for name in names)
