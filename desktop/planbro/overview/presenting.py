"""What every presentation of an overview says the same way: its heading, and each item's text.

The terminal (cli/overview.py), the workbook and the report take these, so an item reads the
same in all of them, and "under 5" stands wherever a figure describes fewer than 5 plans.
"""

from __future__ import annotations

from planbro.translation import _

from planbro.model.dates import format_danish_date

from planbro.overview.figures import UNDER_5, Item, Overview, Spread


def title() -> str:
    return _("Overview of the plans")


def heading(overview: Overview) -> list[str]:
    """The period, the scope, the day of the state and the number of plans, one a line."""
    since = format_danish_date(overview.start) if overview.start else _("the first plan")
    lines = [_("Period: {start} to {end}").format(start=since,
                                                    end=format_danish_date(overview.end))]
    if overview.unit:
        lines.append(_("Unit: {unit}").format(unit=overview.unit))
    if overview.caseworker:
        lines.append(_("Caseworker: {name}").format(name=overview.caseworker))
    if not overview.unit and not overview.caseworker:
        lines.append(_("Unit: all the plans of the store"))
    lines.append(_("State of the plans on {day}").format(day=format_danish_date(overview.today)))
    lines.append(_("Plans in the period: {count}").format(count=overview.plans.text()))
    if overview.unread:
        lines.append(_("Plans that could not be read and are not counted: {count}").format(
            count=overview.unread))
    return lines


def small_groups_note() -> str:
    return _("A figure behind which fewer than 5 plans stand is shown as «{under}», and no "
             "names or CPR numbers are shown. A hidden figure can at times be worked out from "
             "the others (a total less its other parts): look the figures over before they "
             "leave the municipality.").format(under=UNDER_5)


def item_text(item: Item) -> str:
    """The item's value as it is shown: a count, a percentage, a median with its quartiles,
    or "under 5"."""
    if isinstance(item, Spread):
        return item.text(_("days"))
    return item.text()
