"""One plan's case file: a TinyDB database holding every version of the plan.

The file is cases/<plan id>.json with one table, "versions", one document
per version. Documents are the exchange format's dicts (without "format");
the plan id and version live inside them. TinyDB's own doc_id is internal
and never used as an id: TinyDB hands freed ids out again.

CaseStorage is a TinyDB Storage that writes through atomic.write_atomic
(temporary file, fsync, replace) instead of truncating the file in place as
TinyDB's JSONStorage does, keeps a backup of the file being replaced, and
refuses a file it cannot read instead of starting a new, empty database
over it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from tinydb import TinyDB, where
from tinydb.storages import Storage

from planbro.fileio.atomic import write_atomic
from planbro.translation import _

from planbro.storage import backups
from planbro.storage.codec import PLAIN, Codec, case_plan_id
from planbro.storage.errors import StoreCorrupt, read_data_file
from planbro.storage.paths import Layout, is_plan_id

# The TinyDB table of a case file that holds the plan's versions.
TABLE = "versions"
# Characters of a plan id (a canonical UUID), the start of its case file's name.
PLAN_ID_LENGTH = 36
# What a case file is sealed as in an encrypted data folder (codec.py).
ROLE = "case"
# The stamps a save sets itself: a version differing only in these holds nothing new.
STAMPS = ("created", "updated")


def check_case(raw: bytes, path: Path, codec: Codec = PLAIN) -> dict[str, dict[str, Any]]:
    """The parsed content of a case file (or its backup) read through `codec`, or
    StoreCorrupt saying what is wrong."""
    if raw.strip():
        raw = codec.open(ROLE, case_plan_id(path), raw, path)
    if not raw.strip():
        raise StoreCorrupt(path, _("the file is empty"))
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise StoreCorrupt(path, _("the file is not UTF-8 text")) from None
    except json.JSONDecodeError as error:
        raise StoreCorrupt(path, _("not valid JSON: line {line}, column {column}: {message}").format(
            line=error.lineno, column=error.colno, message=error.msg)) from None
    versions = data.get(TABLE) if isinstance(data, dict) else None
    if not isinstance(data, dict) or not isinstance(versions, dict) or not versions or not all(
            isinstance(doc, dict) and isinstance(doc.get("version"), int)
            and isinstance(doc.get("id"), str) for doc in versions.values()):
        raise StoreCorrupt(path, _("the file is not a Planbro case file"))
    _check_owner(path, {doc["id"] for doc in versions.values()})
    return data


def _check_owner(path: Path, ids: set[str]) -> None:
    """StoreCorrupt when the versions in the file are not all of the plan its name says.

    A case file copied or renamed by hand (cases/<A>.json holding plan B)
    would otherwise show plan B's citizen under plan A's id, and list and
    export plan B twice. A backup's name (<id>.1.json) begins with the id too.
    """
    if len(ids) > 1:
        raise StoreCorrupt(path, _("the file holds versions of more than one plan"))
    named = path.name[:PLAN_ID_LENGTH]
    if not is_plan_id(named) or ids == {named}:
        return
    other = next(iter(ids))
    if not is_plan_id(other):
        # Not an id Planbro made: not repeated (it could be any text).
        raise StoreCorrupt(path, _("the versions in the file do not have the plan id {id} its "
                                   "name says").format(id=named))
    raise StoreCorrupt(path, _("the file holds the plan {other}, not the plan {id} its name "
                               "says; it was copied or renamed").format(other=other, id=named))


class CaseStorage(Storage):
    """TinyDB storage for one case file: crash-safe writes, batched into one."""

    def __init__(self, path: Path, layout: Layout | None = None, *,
                 writable: bool = False, fsync: bool = True) -> None:
        self.path = Path(path)
        self.layout = layout
        self.codec = layout.codec if layout is not None else PLAIN
        self.writable = writable
        self.fsync = fsync
        # While batching, the data read once and changed in memory.
        self._held: dict[str, dict[str, Any]] | None = None
        self._batching = False
        self._changed = False

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._held is not None:
            return self._held
        raw = read_data_file(self.path)
        if raw is None:
            return None
        data = check_case(raw, self.path, self.codec)
        if self._batching:
            self._held = data
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if not self.writable:
            raise PermissionError("case file opened for reading")
        if self._batching:
            self._held, self._changed = data, True
            return
        self._flush(data)

    def _flush(self, data: dict[str, dict[str, Any]]) -> None:
        payload = self.codec.seal(ROLE, case_plan_id(self.path), json.dumps(
            data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        new = self.layout is not None and not backups.keep_before_replace(self.layout, self.path)
        write_atomic(self.path, payload, fsync=self.fsync)
        if new and self.layout is not None:
            # A plan saved once has a backup too (backups.py).
            backups.keep_first(self.layout, self.path)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Read the file once, and write every change in the block as one replace."""
        self._batching, self._held, self._changed = True, None, False
        try:
            yield
            # A write while batching sets both; _held is never None then.
            if self._changed and self._held is not None:
                self._flush(self._held)
        finally:
            self._batching, self._held, self._changed = False, None, False


class CaseFile:
    """The versions of one plan, read and changed through TinyDB."""

    def __init__(self, db: TinyDB) -> None:
        self._table = db.table(TABLE)

    def versions(self) -> dict[int, dict[str, Any]]:
        """Every stored version: version number -> exchange-format dict."""
        return {doc["version"]: dict(doc) for doc in self._table.all()}

    def put(self, doc: dict[str, Any]) -> None:
        """Store `doc` as its version, replacing that version whole if present."""
        def replace(stored: MutableMapping[str, Any]) -> None:
            stored.clear()
            stored.update(doc)

        if not self._table.update(replace, where("version") == doc["version"]):
            self._table.insert(doc)


@contextmanager
def open_case(path: Path, layout: Layout | None = None, *, write: bool = False,
              fsync: bool = True) -> Iterator[CaseFile]:
    """The case file at `path`; with write=True every put is saved as one atomic replace at the end."""
    db = TinyDB(path, storage=CaseStorage, layout=layout, writable=write, fsync=fsync)
    try:
        # TinyDB made the storage from the class it was given.
        with cast(CaseStorage, db.storage).batch():
            yield CaseFile(db)
    finally:
        db.close()


def same_content(doc: dict[str, Any], stored: dict[str, Any]) -> bool:
    """Whether version dict `doc` holds what `stored` holds, apart from the save stamps."""
    return all(doc.get(key) == stored.get(key) for key in doc.keys() | stored.keys()
               if key not in STAMPS)


def read_versions(path: Path, layout: Layout | None = None) -> dict[int, dict[str, Any]]:
    """Every version stored in the case file at `path` (of the data folder `layout`, whose
    codec opens it); {} when there is none."""
    with open_case(path, layout) as case:
        return case.versions()
