"""Rebuilding a damaged meta.json from what the data folder holds, when no backup can be read.

┌──────────────────────────────────────────────────────────────────────────┐
│ Why only when asked, and how the schema version is found                 │
│                                                                          │
│ meta.json says which schema the plans are stored in; guessing it wrong  │
│ would let a migration rewrite plans that do not have the shape it        │
│ expects. So opening never rebuilds it: the user is told the file is      │
│ damaged and asked (`planbro repair`, a question in the app). The schema  │
│ is then read off the case files: when every readable one holds plans of │
│ this Planbro's schema, that is the folder's version; a plan this         │
│ version cannot read means the folder may be older or newer, and the      │
│ rebuild is refused instead of guessed. Case files that cannot be read    │
│ at all say nothing about the schema; they are reported on opening as     │
│ always. The damaged meta.json is kept in damaged/.                       │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from planbro.translation import _

from planbro.model import Plan, ValidationError
from planbro.model.convert import from_dict, to_dict
from planbro.model.dates import now_timestamp

from planbro.storage import backups, migrations
from planbro.storage.casefile import check_case, same_content
from planbro.storage.errors import StoreCorrupt, StoreError, StoreWriteFailed, read_data_file
from planbro.storage.folder import check_layout
from planbro.storage.lock import WriterLock
from planbro.storage.paths import Layout, default_data_dir, layout_of
from planbro.storage.recorder import Recorder

if TYPE_CHECKING:
    from planbro.crypto.keys import KeyChain


def needs_rebuild(error: StoreError) -> bool:
    """Whether `error` is a damaged meta.json with no readable backup: `planbro repair` helps."""
    return (isinstance(error, StoreCorrupt) and error.path.name == "meta.json"
            and not error.backups)


def _schema_and_created(layout: Layout) -> tuple[int, str]:
    """The schema version the case files are in, and the oldest plan's creation stamp."""
    created: list[str] = []
    try:
        entries = sorted(os.scandir(layout.cases), key=lambda e: e.name)
    except FileNotFoundError:
        entries = []
    for entry in entries:
        if Layout.plan_id_of(entry.name) is None:
            continue
        path = Path(entry.path)
        try:
            raw = read_data_file(path)
            versions = check_case(raw or b"", path, layout.codec)["versions"].values()
        except StoreCorrupt:
            continue
        for doc in versions:
            try:
                # A plan of this schema comes back from the model exactly as stored.
                same = same_content(to_dict(from_dict(Plan, doc)), doc)
                reason = _("fields this version does not know")
            except ValidationError as error:
                same, reason = False, str(error.problems[0])
            if not same:
                raise StoreError(_(
                    "meta.json was not rebuilt: the plan in {path} is not stored the way this "
                    "version of Planbro stores plans ({reason}), so the data folder's version "
                    "cannot be told. Ask your IT support.").format(path=path, reason=reason))
            if isinstance(doc.get("created"), str) and doc["created"]:
                created.append(doc["created"])
    return migrations.current_version(), min(created, default=now_timestamp())


def rebuild_meta(layout: Layout) -> int:
    """Write a new meta.json in place of a damaged one without a readable backup; return
    its schema version. The caller holds the writer lock. StoreError when meta.json is
    readable, has a readable backup (restore that instead) or the schema cannot be told."""
    try:
        if migrations.read_meta(layout) is not None:
            raise StoreError(_("{path} can be read; there is nothing to repair.").format(
                path=layout.meta))
    except StoreCorrupt as error:
        if error.backups:
            raise error from None
    schema, created = _schema_and_created(layout)
    if layout.meta.exists():
        try:
            backups.keep_damaged(layout, layout.meta)
        except OSError as error:
            raise StoreWriteFailed.of(error, layout.damaged) from None
    # The damaged file is kept in damaged/, not given a backup name.
    try:
        migrations.write_meta(layout, schema, created, keep=False)
    except OSError as error:
        raise StoreWriteFailed.of(error, layout.root) from None
    backups.keep_first(layout, layout.meta)
    return schema


def repair(data_dir: str | Path, *, audit: Recorder | None = None, via: str = "app",
           keys: KeyChain | None = None) -> int:
    """rebuild_meta() in the data folder `data_dir` (opened with `keys` when it is
    encrypted), as its writer; recorded as "repair"."""
    layout = layout_of(default_data_dir(data_dir), keys)
    check_layout(layout)
    lock = WriterLock(layout.lock, layout.root)
    try:
        schema = rebuild_meta(layout)
    finally:
        lock.release()
    if audit is not None:
        # An encrypted folder's head gets its MAC (planbro.audit.chain).
        audit.use_keys(layout.codec.keys)
        audit.record("repair", None, via=via)
    return schema
