"""Deleting a draft that was never signed: its case file, its backups, its row.

┌──────────────────────────────────────────────────────────────────────────┐
│ Why a deleted draft's backups go too, and in this order                  │
│                                                                          │
│ Backups (backups.py) guard a live file against damage: a disk error, a   │
│ sync tool writing into it. A deleted draft has no live file left to      │
│ guard, and its backups hold the very data the caseworker chose to        │
│ remove (a citizen's CPR number, health, addiction: GDPR art. 9, kept     │
│ no longer than needed, art. 5(1)(e)). Kept, `planbro restore` would      │
│ bring back a plan the audit log says was deleted. So the backups (and    │
│ any copy in damaged/) are removed with the case file; the audit log      │
│ keeps the record that it was deleted, by whom and when. The safeguard    │
│ against a mistake is before the act: the app asks, naming the citizen,   │
│ with Nej as the default. A plan with a signed version is never deleted:  │
│ it is a record of the case; it is closed instead.                        │
│                                                                          │
│ Order, so a crash at any point leaves a consistent folder: first the     │
│ backups (a crash after it leaves a whole plan without backups, which     │
│ the next save makes again), then the case file (one unlink, the point    │
│ of no return; the folder entry is fsynced), then the index row (a new    │
│ snapshot; a crash before it is mended on the next opening, which forgets │
│ rows whose case file is gone, index.py).                                 │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from planbro.fileio.atomic import fsync_dir
from planbro.translation import _

from planbro.storage import backups
from planbro.storage.errors import PlanFrozen, StoreError
from planbro.storage.paths import Layout


def refusal(docs: dict[int, dict[str, Any]]) -> PlanFrozen | None:
    """Why the plan whose stored versions are `docs` may not be deleted; None when it may."""
    for number in sorted(docs):
        doc = docs[number]
        signatures = doc.get("signatures") or {}
        if doc.get("status") != "draft" or signatures.get("citizen_signed") \
                or signatures.get("caseworker_signed"):
            return PlanFrozen(_("Version {version} of the plan has been signed, and a signed "
                                "version is never deleted. Close the case instead.").format(
                version=number))
    if min(docs) > 1:
        # Only a revision is stored here (an import): its signed version exists elsewhere.
        return PlanFrozen(_("Version {version} of the plan revises a signed version, and a "
                            "signed version is never deleted. Close the case instead.").format(
            version=min(docs)))
    return None


def copies(layout: Layout, case: Path) -> list[Path]:
    """The case file's backups and the copies of it kept in damaged/."""
    found = [path for path in backups.slots(layout, case) if path.exists()]
    if layout.damaged.is_dir():
        found += sorted(layout.damaged.glob(f"{case.stem}.*{case.suffix}"))
    return found


def delete(layout: Layout, case: Path, docs: dict[int, dict[str, Any]]) -> int:
    """Remove the case file holding `docs` and every copy of it (in the box's order);
    its latest version. PlanFrozen when it has been signed (refusal)."""
    refused = refusal(docs)
    if refused is not None:
        raise refused
    remove(layout, case)
    return max(docs)


def remove(layout: Layout, case: Path) -> None:
    """Remove the case file and every copy of it, in the box's order (also retention.py's)."""
    try:
        found = copies(layout, case)
        for copy in found:
            copy.unlink(missing_ok=True)
        # The copies' absence on disk before the case file's: a power cut must not
        # bring back backups of a case that is gone.
        for parent in sorted({copy.parent for copy in found}):
            fsync_dir(parent)
        os.unlink(case)
    except OSError as error:
        raise StoreError(_("The plan could not be deleted: {error}").format(
            error=error.strerror or error)) from None
    fsync_dir(case.parent)
