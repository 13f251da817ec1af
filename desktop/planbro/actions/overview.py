"""The team leader's overview as a use case: its figures from a store, and its workbook and
report written to a file outside the data folder.

The figures are planbro.overview's (compute); this adds what a front end needs around them:
the municipality's quality policy, the facts every store is opened with (so each save keeps
the plan's facts in its summary), and writing the files. The files hold no name, CPR number
or plan id, and no figure of fewer than 5 plans; they are plaintext all the same, and said
to be (file_note). Writing them is not in the audit log: they show no plan, and reading the
summaries records nothing (Store).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from planbro.fileio.atomic import write_atomic
from planbro.translation import _, ngettext

from planbro.model import Plan
from planbro.model.dates import format_danish_date

from planbro.quality import Policy
from planbro.storage import Store
from planbro.storage.summary import Facts as StoreFacts

from planbro.overview import Overview, compute, store_facts

from planbro.actions.context import quality_policy
from planbro.actions.documents import NotWritten, outside_the_data_folder
from planbro.actions.trail import Trail

# The kinds of file an overview is written as, by their suffix.
KINDS = ("xlsx", "pdf")


def facts_for_stores(policy: Policy | None = None) -> StoreFacts:
    """What both front ends open a local store with: each save keeps the plan's overview
    facts, under the municipality's quality policy (read at the first save, not before: a
    command that saves nothing reads no municipality file for it)."""
    made: list[StoreFacts] = []

    def facts(docs: dict[int, dict[str, Any]], plan: Plan | None = None) -> Any:
        if not made:
            made.append(store_facts(policy if policy is not None else quality_policy()))
        return made[0](docs, plan)

    return facts


# The days a period may lie within: no plan is older than Planbro, and a day after 2099 is
# a slip of the keys (31-12-2999 for 2029).
EARLIEST, LATEST = date(2000, 1, 1), date(2099, 12, 31)
# The longest period, in years: the achieved sub-goals are shown per month of it (a typo of
# 2099 for 2029 made the window count and draw 900 months).
LONGEST_YEARS = 20


def period_problem(start: date | None, end: date) -> tuple[str, str] | None:
    """What is wrong with the period from `start` (None: the first plan) to `end`, as
    ("start" or "end", the words); None when it can be counted."""
    for which, day in (("start", start), ("end", end)):
        if day is not None and not EARLIEST <= day <= LATEST:
            return which, _("{day} is outside the days an overview can count, {first} to "
                            "{last}.").format(day=format_danish_date(day), first=format_danish_date(EARLIEST),
                                              last=format_danish_date(LATEST))
    if start is not None and start > end:
        return "end", _("the period ends before it starts")
    if start is not None and (end.year - start.year) * 12 + end.month - start.month \
            >= LONGEST_YEARS * 12:
        return "end", _("the period is longer than {years} years; choose a shorter one.").format(
            years=LONGEST_YEARS)
    return None


def overview_of(store: Store, *, start: date | None = None, end: date | None = None,
                unit: str = "", caseworker: str = "", today: date | None = None,
                policy: Policy | None = None,
                notice: Callable[[str], object] | None = None) -> Overview:
    """Every figure for the period and scope (planbro.overview.compute), under the
    municipality's policy. ValueError with period_problem's words for a period it cannot
    count. `notice` is given the words to show when many plans' facts are made again first
    (renewing())."""
    today = today or date.today()
    problem = period_problem(start, end or today)
    if problem is not None:
        raise ValueError(problem[1])
    told = (lambda count: notice(renewing(count))) if notice is not None else None
    return compute(store, start=start, end=end, unit=unit, caseworker=caseworker, today=today,
                   policy=policy if policy is not None else quality_policy(), notice=told)


def renewing(count: int) -> str:
    """Why the overview takes time once after an upgrade or a change of the policy."""
    return ngettext(
        "The overview's figures of {count} plan are made again, as the quality check or the "
        "municipality's settings have changed since they were made. This happens once and "
        "takes a little while …",
        "The overview's figures of {count} plans are made again, as the quality check or the "
        "municipality's settings have changed since they were made. This happens once and "
        "takes a little while …", count).format(count=count)


def file_bytes(overview: Overview, kind: str) -> bytes:
    """The workbook (xlsx) or the report (pdf) of `overview`."""
    if kind == "xlsx":
        from planbro.overview.workbook import workbook_bytes

        return workbook_bytes(overview)
    if kind == "pdf":
        from planbro.overview.report import report_pdf

        return report_pdf(overview)
    raise ValueError(kind)


def save_overview(overview: Overview, kind: str, path: str | Path, trail: Trail) -> Path:
    """Write `overview` as `kind` to `path`, whole or not at all. NotWritten when `path` lies
    in the data folder or cannot be written; the file is made before anything is written."""
    path = Path(path)
    outside_the_data_folder(trail, path)
    data = file_bytes(overview, kind)
    try:
        write_atomic(path, data)
    except OSError as error:
        raise NotWritten(error, path) from error
    return path


def file_note() -> str:
    """What is said when an overview's file is written."""
    return _("The file is not encrypted. It holds no names or CPR numbers and no figure of "
             "fewer than 5 plans, but it describes the municipality's cases: keep it in the "
             "municipality's ESDH or another protected place.")
