"""Working on when the team server is away (issue 14): what the caseworker is told.

The storage layer keeps the saves (storage/postgres/offline.py: OfflineStore, its
sealed queue in queue.py); this use case opens the team store with the queue, sealed with
the data folder's own keys (the app gets them as at the local store's start:
ui/app_offline.py), asks it to send what waits, and says in Danish what happened:
"Ikke forbundet – gemmes lokalt", "Forbundet igen – 2 gemninger sendt", or which
plan's saves are kept as a separate draft and why. The app's connection banner
(ui/common/connection_banner.py) only shows the Connection it gets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from planbro.translation import _, ngettext

from planbro.crypto.keys import KeyChain

from planbro.storage import Store, StoreError

if TYPE_CHECKING:
    from planbro.storage.postgres import TeamStore
    from planbro.storage.postgres.offline import Drafted, OfflineStore

# Characters of a plan id the caseworker is shown (as `planbro list` shows it).
SHORT_ID = 8


@dataclass
class Connection:
    """What the window shows of the team store's connection: `offline`, how many saves
    wait, `headline` (the banner's line, "" when there is nothing to say) and `notices`
    (what the caseworker must read: each separate draft, once)."""

    offline: bool = False
    pending: int = 0
    headline: str = ""
    notices: list[str] = field(default_factory=list)


def working_offline(team: TeamStore, keys: KeyChain | None) -> OfflineStore:
    """`team` with its saves kept on this laptop, sealed by `keys`, while the server is
    away; saves an earlier Planbro here left queued are taken up (and sent by reconnect)."""
    from planbro.storage.postgres.offline import OfflineStore

    return OfflineStore(team, keys)


def _short(plan_id: str) -> str:
    return plan_id[:SHORT_ID]


def draft_notice(drafted: Drafted) -> str:
    """What the caseworker is told of saves kept as a separate draft."""
    why = {
        "lease": _("your lease of it was broken by a team leader or taken over by a colleague "
                   "while you were not connected"),
        "frozen": _("it was signed while you were not connected"),
        "gone": _("it was deleted while you were not connected"),
    }.get(drafted.why, _("someone else changed it while you were not connected"))
    return _("Your changes to plan {plan} were not sent: {why}. Nothing is lost: what you typed "
             "is kept as a separate draft, plan {draft}. Compare the two and delete the draft you "
             "do not need.").format(plan=_short(drafted.plan_id), why=why,
                                    draft=_short(drafted.draft_id))


def _offline_line(pending: int, keeps: bool = True) -> str:
    if not keeps:
        # Not "saving locally": without the data folder's keys a save is refused.
        return _("Not connected – nothing is saved until the connection is back: the data "
                 "folder on this computer is not encrypted or not unlocked")
    line = _("Not connected – saving locally")
    if pending:
        line += " · " + ngettext("{count} save waits to be sent",
                                 "{count} saves wait to be sent", pending).format(count=pending)
    return line


def connection_of(store: Store) -> Connection | None:
    """How the store's connection stands now, without asking the server; None for a store
    that has none to lose (the local data folder, a team store without the queue)."""
    if not hasattr(store, "flush"):
        return None
    offline, pending = bool(getattr(store, "offline", False)), int(getattr(store, "pending", 0))
    return Connection(offline, pending, _offline_line(pending, _keeps(store)) if offline else "")


def _keeps(store: Store) -> bool:
    return bool(getattr(store, "keeps_saves", True))


def reconnect(store: Store) -> Connection | None:
    """Send what waits when the server answers again; what to tell the caseworker. None
    for a store without a connection to lose."""
    flush = getattr(store, "flush", None)
    if flush is None:
        return None
    was_offline = bool(getattr(store, "offline", False))
    try:
        done = flush()
    except StoreError as error:
        # A queued save that cannot be read or sent: it stays queued, and the user is told.
        pending = int(getattr(store, "pending", 0))
        return Connection(bool(getattr(store, "offline", False)), pending,
                          _offline_line(pending, _keeps(store)), [str(error)])
    if done.offline:
        return Connection(True, done.pending, _offline_line(done.pending, _keeps(store)))
    notices = [draft_notice(drafted) for drafted in done.drafts]
    headline = ""
    if done.sent or was_offline or done.drafts:
        headline = ngettext("Connected again – {count} save sent",
                            "Connected again – {count} saves sent", done.sent).format(
            count=done.sent)
    return Connection(False, done.pending, headline, notices)
