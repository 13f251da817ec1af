"""The data folder's schema version, and the ordered steps that update an older folder.

meta.json records the version the folder is in. MIGRATIONS[0] takes a
folder from version 1 to 2, MIGRATIONS[1] from 2 to 3, and so on, so the
current version is 1 + len(MIGRATIONS). Only the writer migrates; meta.json
moves on after each finished step, so a step must be safe to run again
(a crash may stop it half-way, after some case files were rewritten).
A folder written by a newer Planbro is refused, never "downgraded".
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from planbro.fileio.atomic import write_atomic
from planbro.translation import _

from planbro.model.dates import now_timestamp

from planbro.storage import backups
from planbro.storage.casefile import open_case
from planbro.storage.codec import PLAIN, Codec
from planbro.storage.errors import StoreCorrupt, StoreError, read_data_file
from planbro.storage.paths import Layout

from planbro import __version__

log = logging.getLogger(__name__)

# Format tag of meta.json.
META_FORMAT = "planbro-store"
# What meta.json is sealed as in an encrypted data folder (codec.py).
ROLE = "meta"

# One step per schema version, oldest first; each takes the data folder's Layout.
MIGRATIONS: list[Callable[[Layout], None]] = []


def current_version() -> int:
    """The schema version this Planbro writes."""
    return 1 + len(MIGRATIONS)


def check_meta(raw: bytes, path: Path, codec: Codec = PLAIN) -> dict[str, Any]:
    """What meta.json (or its backup) read through `codec` says; StoreCorrupt when it is
    not Planbro's."""
    raw = codec.open(ROLE, "", raw, path)
    try:
        meta = json.loads(raw.decode("utf-8"))
    except ValueError:
        meta = None
    if (not isinstance(meta, dict) or meta.get("format") != META_FORMAT
            or not isinstance(meta.get("schema"), int) or meta["schema"] < 1):
        raise StoreCorrupt(path, _("the file is not Planbro's description of the data folder"))
    return meta


def read_meta(layout: Layout) -> dict[str, Any] | None:
    raw = read_data_file(layout.meta)
    if raw is None:
        return None
    try:
        return check_meta(raw, layout.meta, layout.codec)
    except StoreCorrupt as error:
        raise error.with_backups(backups.readable(layout, layout.meta, checker(layout))) from None


def checker(layout: Layout) -> backups.Check:
    """check_meta through the data folder's codec."""
    return lambda raw, path: check_meta(raw, path, layout.codec)


def write_meta(layout: Layout, schema: int, created: str, *, keep: bool = True) -> None:
    """Write meta.json; the one replaced gets a backup name unless not `keep` (a damaged one)."""
    meta = {"format": META_FORMAT, "schema": schema, "created": created,
            "written_by": __version__}
    if keep:
        backups.keep_before_replace(layout, layout.meta)
    write_atomic(layout.meta, layout.codec.seal(
        ROLE, "", (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode("utf-8")))


def _has_cases(layout: Layout) -> bool:
    try:
        with os.scandir(layout.cases) as entries:
            return any(Layout.plan_id_of(e.name) for e in entries)
    except FileNotFoundError:
        return False


def prepare(layout: Layout, *, writable: bool) -> int:
    """Check the folder's schema version and (as the writer) migrate it; return the version."""
    meta = read_meta(layout)
    current = current_version()
    if meta is None and _has_cases(layout):
        # Plans but no meta.json: the file was lost, and its schema is not guessed.
        # Damaged like an unreadable one: its backup is offered, or `planbro repair`.
        raise StoreCorrupt(layout.meta, _("the file is missing"))
    # No meta.json and no plans: a new data folder, in this version's schema.
    version = meta["schema"] if meta else current
    created = meta.get("created", "") if meta else now_timestamp()
    if version > current:
        raise StoreError(_("The data in {folder} was saved by a newer version of Planbro "
                           "(data version {found}; this version knows up to {known}). Update "
                           "Planbro to open it.").format(folder=layout.root, found=version,
                                                         known=current))
    if version < current and not writable:
        raise StoreError(_("The data in {folder} must be updated to a newer format, but it is "
                           "open in another window. Close Planbro there and try again.").format(
                               folder=layout.root))
    if not writable:
        return version
    if meta is None:
        write_meta(layout, version, created)
    # meta.json is written once: without a copy, one damage to it locks every plan out.
    backups.keep_first(layout, layout.meta)
    while version < current:
        log.info("migrating data folder from schema %d to %d", version, version + 1)
        MIGRATIONS[version - 1](layout)
        version += 1
        write_meta(layout, version, created)
        # Summaries may read differently now: the index is rebuilt on opening.
        for stale in (layout.index, layout.journal):
            stale.unlink(missing_ok=True)
    return version


def rewrite_versions(layout: Layout, change: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    """For a migration step: pass every stored version of every plan through `change`."""
    try:
        entries = sorted(os.scandir(layout.cases), key=lambda e: e.name)
    except FileNotFoundError:
        return
    for entry in entries:
        if Layout.plan_id_of(entry.name) is None:
            continue
        with open_case(layout.cases / entry.name, layout, write=True) as case:
            for doc in case.versions().values():
                case.put(change(doc))
