"""Checking the audit log's chain (chain.py): `planbro audit --verify`.

All month files are walked oldest first. The first record whose "prev" or
"seq" does not follow the whole record before it is the first finding, and
its kind says what happened there:
  reordered  its "prev" names a line elsewhere in the log;
  removed    its "prev" names no line and "seq" skips numbers (how many were lost);
  changed    its "prev" names no line and "seq" follows on: the line before it
             was changed after it was written (or the record itself, when it
             names its predecessor but its own number is wrong);
  unchained  a record without a chain after the chain began: added by hand.
Only when the chain is whole is the head checked: the line it names must be
there with its hash (records written after it are fine: the head may lag a
record whose head write failed), else the log was cut at its end (cut, or
gone when the head's file is missing) or its end changed (changed). A missing or damaged head while the log has a
chain is a finding too (head), since deleting it would hide a cut end. In an
encrypted data folder the head must carry the MAC only Planbro with the
folder's key can write (chain.py); one whose MAC does not match, or that has
none, was changed (head_changed), whatever it names.

Not findings: records written before the chain (counted as unchained_old,
they cannot be checked), lines torn by a crash while they were written,
which the next record steps over (torn: where they are), and records of
changes that wait in the data folder for the log (waiting.py), which are
not in the chain yet: they are counted, and those that cannot be read named.

┌──────────────────────────────────────────────────────────────────────────┐
│ A head without a MAC in an encrypted folder is reported, not accepted    │
│                                                                          │
│ A head written before the head had a MAC (a folder encrypted by an       │
│ earlier build, or migrated from plaintext) has none. Accepting such a    │
│ head would let anyone replace the sealed head by an unsealed one that    │
│ matches a cut log, which is the very thing the MAC is to stop. So it is  │
│ reported like a changed head; it is not a lasting false alarm: the next  │
│ record Planbro writes with the folder unlocked (the app writes one at    │
│ every start, for the caseload) rewrites the head with its MAC, and a     │
│ migration could do the same at once. --verify itself never writes.       │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planbro.translation import _, ngettext

from planbro.crypto import keyfile
from planbro.crypto.sealing import DataKey

from planbro.audit import waiting
from planbro.audit.chain import GENESIS, HEAD_NAME, Head, line_hash, read_head, seq_of
from planbro.audit.reading import month_files, parse_record


@dataclass(frozen=True)
class Entry:
    """A whole record: where it stands (file name, line from 1), its hash and content."""

    file: str
    line: int
    hash: str
    record: dict[str, Any]


@dataclass(frozen=True)
class Finding:
    """Where the log was first found tampered with; see the module's docstring for `kind`.

    `other` is the line a reordered record belongs after; `count` the lines
    removed, or for a cut end the lines its file still has.
    """

    kind: str
    file: str = ""
    line: int = 0
    count: int = 0
    other: Entry | None = None


@dataclass
class Verdict:
    """What --verify found: whole records, old ones without chain, torn lines, the finding."""

    records: int = 0
    unchained_old: int = 0
    torn: list[tuple[str, int]] = field(default_factory=list)
    finding: Finding | None = None
    # Records that wait in the data folder for the log, and waiting files that do not open.
    waiting: int = 0
    waiting_unreadable: list[Path] = field(default_factory=list)
    # The data folder is encrypted, but no key was given to check the head's MAC.
    head_unchecked: bool = False
    # The head's file (named by a finding about it).
    head_path: Path | None = None


def verify(folder: Path, head_key: bytes | None = None,
           waiting_key: DataKey | None = None) -> Verdict:
    """Check the log in `folder`; OSError when a file cannot be read.

    In an encrypted data folder `head_key` (chain.head_key) checks the head's
    MAC and `waiting_key` (waiting.key_of) opens the waiting records: an
    unlocked AuditLog has both. Without them the head's MAC is not checked
    (head_unchecked) and waiting records are only counted.
    """
    data_dir = folder.parent
    sealed = head_key is not None or keyfile.exists(data_dir)
    # The head first: a record appended while the files are read is then after it, never before.
    try:
        head: Head | None | str = read_head(folder)
    except ValueError:
        head = "damaged"
    verdict = Verdict(head_path=folder / HEAD_NAME)
    entries, lines_in = _entries(folder, verdict)
    verdict.records = len(entries)
    _waiting(verdict, data_dir, waiting_key, sealed)
    verdict.finding = _chain_break(entries, verdict)
    if verdict.finding is None:
        chained = any("prev" in e.record for e in entries)
        if head == "damaged" or (head is None and chained):
            verdict.finding = Finding("head")
        elif isinstance(head, Head):
            if sealed and head_key is None:
                verdict.head_unchecked = True
            elif sealed and head_key is not None and not head.sealed_by(head_key):
                verdict.finding = Finding("head_changed", HEAD_NAME)
            if verdict.finding is None:
                verdict.finding = _head_finding(head, entries, lines_in)
    return verdict


def _waiting(verdict: Verdict, data_dir: Path, key: DataKey | None, sealed: bool) -> None:
    if sealed and key is None:
        verdict.waiting = len(waiting.files(data_dir))
        return
    found = waiting.read(data_dir, key, sealed=sealed)
    verdict.waiting, verdict.waiting_unreadable = len(found.records), found.unreadable


def _entries(folder: Path, verdict: Verdict) -> tuple[list[Entry], dict[str, int]]:
    entries: list[Entry] = []
    lines_in: dict[str, int] = {}
    for path in month_files(folder):
        data = path.read_bytes()
        lines_in[path.name] = data.count(b"\n")
        for number, raw in enumerate(data.split(b"\n"), 1):
            if not raw.strip():
                continue
            record = parse_record(raw.decode("utf-8", errors="replace"))
            if record is None:
                verdict.torn.append((path.name, number))
            else:
                entries.append(Entry(path.name, number, line_hash(raw), record))
    return entries, lines_in


def _chain_break(entries: list[Entry], verdict: Verdict) -> Finding | None:
    where = {e.hash: i for i, e in reversed(list(enumerate(entries)))}
    prev_hash, prev_seq, started = GENESIS, 0, False
    for i, entry in enumerate(entries):
        record = entry.record
        if "prev" not in record:
            if started:
                return Finding("unchained", entry.file, entry.line)
            verdict.unchained_old += 1
        else:
            started = True
            if record["prev"] != prev_hash or record.get("seq") != prev_seq + 1:
                return _diagnose(entries, i, where, prev_seq)
        prev_hash, prev_seq = entry.hash, seq_of(record)
    return None


def _diagnose(entries: list[Entry], i: int, where: dict[str, int], prev_seq: int) -> Finding:
    entry = entries[i]
    prev, seq = entry.record.get("prev"), entry.record.get("seq")
    named = where.get(prev) if isinstance(prev, str) else None
    if named is not None and named != i - 1:
        return Finding("reordered", entry.file, entry.line, other=entries[named])
    good_seq, number = isinstance(seq, int) and not isinstance(seq, bool), seq_of(entry.record)
    if named is not None and good_seq and number > prev_seq + 1:
        # It names the line before it, yet numbers on after a gap: the log was cut short
        # there and the writer, told by the head, kept the gap (appending.py).
        return Finding("removed", entry.file, entry.line, count=number - prev_seq - 1)
    if named is not None or not good_seq:
        # It names the line before it but its own number is wrong, or it has no proper chain.
        return Finding("changed", entry.file, entry.line)
    if number > prev_seq + 1:
        return Finding("removed", entry.file, entry.line, count=number - prev_seq - 1)
    # Its "prev" names no line, so it or the line before it was changed: it was when
    # the record after it does not name it either (its "prev" or "seq" was edited).
    after = entries[i + 1] if i + 1 < len(entries) else None
    if i == 0 or (after is not None and after.record.get("prev") != entry.hash):
        return Finding("changed", entry.file, entry.line)
    return Finding("changed", entries[i - 1].file, entries[i - 1].line)


def _head_finding(head: Head, entries: list[Entry], lines_in: dict[str, int]) -> Finding | None:
    if head.file not in lines_in:
        return Finding("gone", head.file, head.lines)
    named = next((e for e in entries if e.file == head.file and e.line == head.lines), None)
    if named is not None and named.hash == head.hash:
        return None
    if lines_in[head.file] < head.lines:
        return Finding("cut", head.file, head.lines, count=lines_in[head.file])
    return Finding("changed", head.file, head.lines)


# -- in words (the command, and the app when it shows a check) ---------------------

def describe(verdict: Verdict) -> list[str]:
    """What --verify prints: notes on torn and old lines, then the finding or the all-clear."""
    said = [_("{file} line {line} was cut short by a crash while it was written: "
              "not a change to the log.").format(file=file, line=line)
            for file, line in verdict.torn]
    if verdict.unchained_old:
        said.append(ngettext(
            "{count} record was written before the log was chained (uden kæde) "
            "and cannot be checked.",
            "{count} records were written before the log was chained (uden kæde) "
            "and cannot be checked.", verdict.unchained_old).format(count=verdict.unchained_old))
    if verdict.waiting:
        said.append(ngettext(
            "{count} record of a change waits in the data folder to be written to the audit "
            "log; it is not in the chain yet. Planbro writes it as soon as the log can be written.",
            "{count} records of changes wait in the data folder to be written to the audit "
            "log; they are not in the chain yet. Planbro writes them as soon as the log can be "
            "written.", verdict.waiting).format(count=verdict.waiting))
    said += [_("{path} waits to be written to the audit log but cannot be read: it was changed "
               "or damaged, and Planbro will not write it.").format(path=path)
             for path in verdict.waiting_unreadable]
    if verdict.head_unchecked:
        said.append(_("The data folder is encrypted, but it was not unlocked, so the MAC in "
                      "{path} was not checked.").format(path=verdict.head_path))
    finding = verdict.finding
    if finding is None:
        said.append(ngettext("The audit log is whole: {count} record, no changes.",
                             "The audit log is whole: {count} records, no changes.",
                             verdict.records).format(count=verdict.records))
    else:
        said.append(_finding_text(finding, verdict.head_path))
    return said


def _finding_text(finding: Finding, head_path: Path | None = None) -> str:
    where = {"file": finding.file, "line": finding.line}
    if finding.kind == "head_changed":
        return _("The head of the audit log has been changed: the MAC in {path} does not match "
                 "the data folder's key (or it has none), so it was not written by Planbro, and "
                 "a log cut short at its end cannot be ruled out.").format(
            path=head_path or HEAD_NAME)
    if finding.kind == "changed":
        return _("The audit log was changed: {file} line {line} is not the record "
                 "that was written there.").format(**where)
    if finding.kind == "removed":
        return ngettext("The audit log was changed: {count} line was removed before "
                        "{file} line {line}.",
                        "The audit log was changed: {count} lines were removed before "
                        "{file} line {line}.", finding.count).format(count=finding.count, **where)
    if finding.kind == "reordered" and finding.other is not None:
        return _("The audit log was changed: {file} line {line} is out of order; it was written "
                 "after {other_file} line {other_line}.").format(
            other_file=finding.other.file, other_line=finding.other.line, **where)
    if finding.kind == "unchained":
        return _("The audit log was changed: {file} line {line} has no chain although the "
                 "lines before it have; it was added afterwards.").format(**where)
    if finding.kind == "cut":
        return ngettext(
            "The audit log was cut short at its end: audit/head.json names line {line} of "
            "{file} as the newest record, but the file has only {count} line.",
            "The audit log was cut short at its end: audit/head.json names line {line} of "
            "{file} as the newest record, but the file has only {count} lines.",
            finding.count or 0).format(count=finding.count, **where)
    if finding.kind == "gone":
        return _("The audit log was cut short at its end: audit/head.json names line {line} of "
                 "{file} as the newest record, but that file is not there.").format(**where)
    return _("The head of the audit log (audit/head.json) is missing or damaged, so a log cut "
             "short at its end cannot be ruled out.")
