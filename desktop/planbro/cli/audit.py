"""`planbro audit`: the audit log for the data protection officer.

Who viewed, changed, signed, printed or exported which plan, and when, as
a table in local time (Danish headings) or as the stored JSON lines. Plans
are named by id only; `planbro list` tells which citizen an id belongs to.

`planbro audit --verify` checks the log's chain (planbro.audit.verify) and
its head (in an encrypted folder, unlocked, the head's MAC too). Exit status: 0 when the log is whole (lines torn by a crash and
records from before the chain are said, but are no finding), 1 when it was
changed, cut short or its head is missing, 2 for bad input or a log that
cannot be read, as every command.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from planbro.translation import _, ngettext

from planbro.model.dates import local_time

from planbro.cli.common import audit_log, date_metavar, fail, read_date, refusal


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "audit", help=_("show the audit log: who viewed or changed which plan, and when"),
        description=_("Shows the audit log of the data folder: every view, change, signature, "
                      "follow-up, document, print and export of a plan, with user, computer "
                      "and time. Times are local; the JSON lines hold them in UTC."))
    parser.add_argument("--plan", metavar="ID", help=_("only this plan (its id or first characters)"))
    parser.add_argument("--since", metavar=date_metavar(),
                        help=_("only from this day on (local time)"))
    parser.add_argument("--user", metavar=_("NAME"), help=_("only this user's login"))
    parser.add_argument("--json", action="store_true",
                        help=_("print the records as JSON lines, as stored"))
    parser.add_argument("--verify", action="store_true",
                        help=_("check that no line of the log was changed, removed or reordered "
                               "and that its end was not cut off (exit status 1 if so)"))
    parser.add_argument("--extract", metavar="ID",
                        help=_("make the citizen's access request extract of this plan (GDPR "
                               "art. 15): a PDF of when the plan was used and for what purpose, "
                               "without the employees' names"))
    parser.add_argument("--out", metavar=_("FILE"),
                        help=_("with --extract: write the PDF here (a file or a folder; default: "
                               "the current folder)"))
    parser.set_defaults(func=run)


def action_label(action: str) -> str:
    return {
        "view": _("viewed"), "create": _("created"), "change": _("changed"),
        "sign": _("signed"), "revise": _("revised"), "close": _("closed"),
        "follow_up": _("followed up"), "import": _("imported"), "export": _("exported"),
        "render": _("saved as document"), "print": _("printed"),
        "restore": _("restored from backup"),
        "delete": _("deleted"), "repair": _("meta.json rebuilt"),
        "journalise": _("marked journalised"), "purge": _("deleted after journalisation"),
        "extract": _("access request extract made"),
        "caseload": _("caseload opened (all names)"),
        "key": _("the data folder's keys changed"),
        "lease_break": _("a colleague's lease broken"),
        "handover": _("case handed over"),
        "move_out": _("moved from this computer to the team's database"),
    }.get(action, action)


def via_label(via: str) -> str:
    return {"app": _("app"), "cli": _("command")}.get(via, via)


def _wanted(record: dict, args: argparse.Namespace, since: date | None) -> bool:
    if args.plan and not str(record.get("plan") or "").startswith(args.plan.strip().lower()):
        return False
    if args.user and str(record.get("user", "")).casefold() != args.user.casefold():
        return False
    if since is not None:
        when = local_time(record["at"])
        if when is None or when.date() < since:
            return False
    return True


def _table(records: list[dict]) -> None:
    rows = [(_("Time"), _("User"), _("Computer"), _("Action"), _("Plan"), _("Version"),
             _("Via"), _("Detail"), _("Purpose"))]
    for r in records:
        when = local_time(r["at"])
        rows.append((
            when.strftime("%Y-%m-%d %H:%M:%S") if when else r["at"],
            str(r.get("user", "")), str(r.get("host", "")), action_label(str(r.get("action"))),
            str(r.get("plan") or "—")[:8], "" if r.get("version") is None else str(r["version"]),
            via_label(str(r.get("via", ""))), str(r.get("detail", "")),
            str(r.get("purpose") or ""),
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


def run(args: argparse.Namespace) -> int:
    from planbro.storage import StoreError

    if args.extract:
        from planbro.cli.extract import run_extract

        return run_extract(args)
    if args.out:
        return fail(_("--out: only with --extract ID, which names the plan to extract."))
    if args.verify:
        return _verify(args)
    since = None
    if args.since:
        try:
            since = read_date("--since", args.since)
        except ValueError as error:
            return fail(str(error))
    try:
        log = audit_log(args)
        # The team store's log is its table (no folder).
        if getattr(log, "folder", None) and log.folder.exists() and not log.folder.is_dir():
            # Not "no records": a log that is not there as a folder cannot be read at all.
            return fail(_("The audit log cannot be read: {path} is a file, not a folder.").format(
                path=log.folder))
        reading = log.read()
    except StoreError as error:
        return refusal(error)
    except OSError as error:
        return fail(_("The audit log cannot be read: {error}").format(
            error=error.strerror or error))
    records = [r for r in reading.records if _wanted(r, args, since)]
    if reading.skipped:
        print(ngettext("{count} damaged line in the audit log was skipped.",
                       "{count} damaged lines in the audit log were skipped.",
                       reading.skipped).format(count=reading.skipped), file=sys.stderr)
    if args.json:
        for record in records:
            print(json.dumps(record, ensure_ascii=False))
        return 0
    if not records:
        print(_("No records in the audit log."))
        return 0
    _table(records)
    return 0


# Options that choose records to show; --verify checks the whole log.
_FILTERS = (("plan", "--plan"), ("since", "--since"), ("user", "--user"), ("json", "--json"))


def _verify(args: argparse.Namespace) -> int:
    from planbro.audit.verify import describe, verify
    from planbro.storage import StoreError

    for name, option in _FILTERS:
        if getattr(args, name):
            return fail(_("{option}: --verify checks the whole audit log and cannot be "
                          "combined with {option}.").format(option=option))
    from planbro.crypto import keyfile

    from planbro.cli.unlocking import folder_keys

    try:
        log = audit_log(args)
        if not hasattr(log, "folder"):
            return _verify_team(log)
        # An encrypted folder is unlocked to check the head's MAC (planbro.audit.chain).
        if keyfile.exists(log.data_dir):
            log.use_keys(folder_keys(args, log.data_dir))
        verdict = verify(log.folder, log.head_key, log.waiting_key)
    except StoreError as error:
        return refusal(error)
    except OSError as error:
        return fail(_("The audit log cannot be read: {error}").format(
            error=error.strerror or error))
    for line in describe(verdict):
        print(line)
    return 0 if verdict.finding is None else 1


def _verify_team(log) -> int:
    """--verify on the team store: the chain of its table planbro.audit, row by row (seq)."""
    count, broken = log.verify()
    if broken is None:
        print(ngettext("The audit log is whole: {count} record, no changes.",
                       "The audit log is whole: {count} records, no changes.",
                       count).format(count=count))
        return 0
    if broken > count:
        print(_("The audit log was cut short: {file} ends at line {last}, but its head names "
                "a later record; the records from line {line} on are missing.").format(
                    file="planbro.audit", last=count, line=broken))
        return 1
    print(_("The audit log was changed: {file} line {line} is not the record "
            "that was written there.").format(file="planbro.audit", line=broken))
    return 1
