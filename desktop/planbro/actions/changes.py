"""What changed since the signed version: the one use case Gennemgang, the documents'
appendix and `planbro diff` share.

    signed_before(store, plan_id, version)      the newest signed version under `version`
    changes_since_signed(store, plan)           `plan` against it (None: there is none)
    document_changes(store, plan, settings)     the same, when Indstillinger prints it
                                                as the document's appendix
    compare_versions(store, plan_id, from, to)  any two versions (`planbro diff`)

The sentences are planbro.documents.changes' (the document's Danish words).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from planbro.translation import _

from planbro.model import Plan, Problem, ValidationError

from planbro.documents.changes import Comparison, compare
from planbro.storage import PlanNotFound, StoreError

if TYPE_CHECKING:
    from planbro.settings import UserSettings
    from planbro.storage import Store

log = logging.getLogger(__name__)


def is_signed(plan: Plan) -> bool:
    """True for a version that was signed: signed, or closed after it was signed."""
    return plan.status in ("signed", "closed") and plan.signatures.signed_on() is not None


def signed_before(store: Store, plan_id: str, version: int) -> Plan | None:
    """The newest signed version of the plan below `version`; None when there is none.
    Raises StoreError (PlanNotFound for a plan not in the store)."""
    for number in sorted((n for n in store.versions(plan_id) if n < version), reverse=True):
        earlier = store.get(plan_id, number)
        if is_signed(earlier):
            return earlier
    return None


def _compared(old: Plan, new: Plan) -> Comparison:
    return Comparison(old.version, old.signatures.signed_on(), new.version,
                      tuple(compare(old, new)))


def changes_since_signed(store: Store, plan: Plan) -> Comparison | None:
    """What changed in `plan` (as it is now, saved or not) since the newest signed version
    before it; None when there is no such version (a first version, a plan not yet
    stored). Raises StoreError when the store cannot be read."""
    try:
        earlier = signed_before(store, plan.id, plan.version)
    except PlanNotFound:
        return None
    return None if earlier is None else _compared(earlier, plan)


def document_changes(store: Store, plan: Plan, settings: UserSettings | None) -> Comparison | None:
    """The changes the document of `plan` prints as its appendix: changes_since_signed when
    Indstillinger says so (the default: no settings yet), else None. A store that cannot be
    read leaves the appendix out (the warning goes to the log), not the document."""
    if settings is not None and not settings.changes_appendix:
        return None
    try:
        return changes_since_signed(store, plan)
    except StoreError as error:
        log.warning("the changes since the signed version were not read: %s", type(error).__name__)
        return None


def compare_versions(store: Store, plan_id: str, from_version: int | None = None,
                     to_version: int | None = None) -> Comparison:
    """What changed from version `from_version` to `to_version` of the plan: by default
    the newest version, against the newest signed version before it.

    Raises ValidationError naming "from" or "to" for a version the plan does not have,
    a `from_version` that is not before `to_version`, or no signed version to compare
    with; StoreError when the store refuses.
    """
    versions = store.versions(plan_id)
    to = max(versions) if to_version is None else to_version
    if to not in versions:
        raise ValidationError([Problem("to", _no_version(to, versions))])
    if from_version is None:
        earlier = signed_before(store, plan_id, to)
        if earlier is None:
            raise ValidationError([Problem("from", _(
                "version {version} has no signed version before it to compare with; give "
                "the version to compare with").format(version=to))])
        return _compared(earlier, store.get(plan_id, to))
    if from_version not in versions:
        raise ValidationError([Problem("from", _no_version(from_version, versions))])
    if from_version >= to:
        raise ValidationError([Problem("from", _(
            "version {version} is not before version {to}; give an earlier version").format(
                version=from_version, to=to))])
    return _compared(store.get(plan_id, from_version), store.get(plan_id, to))


def _no_version(version: int, versions: list[int]) -> str:
    return _("the plan has no version {version}; it has versions {first} to {last}").format(
        version=version, first=min(versions), last=max(versions)) if len(versions) > 1 else _(
        "the plan has no version {version}; it has only version {first}").format(
        version=version, first=versions[0])
