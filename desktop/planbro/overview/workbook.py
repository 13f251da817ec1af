"""The overview as an Excel workbook, for the municipality's own reporting: a first sheet with
the period and scope, then one sheet per area with its figures and a native bar chart of
each group that has one.

A hidden figure's cell says "under 5" (text, so it plots as no bar); a share is a number
formatted as a percentage, a spread its median and quartiles in three columns. The workbook
holds no plan id, name or CPR number, and its properties name Planbro only. openpyxl is
imported when a workbook is made.
"""

from __future__ import annotations

import io
import re
from typing import Any

from planbro.translation import _

from planbro.overview.figures import NONE_TO_SHOW, UNDER_5, Figure, Group, Overview, Share, Spread
from planbro.overview.presenting import heading, small_groups_note, title

# Characters a sheet's name may not hold, and its longest length (Excel's rules).
_NOT_IN_NAME = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_LENGTH = 31
# Columns: the label, then the value (and for a spread the two quartiles).
LABEL_WIDTH, VALUE_WIDTH = 62, 14


def sheet_name(text: str) -> str:
    return _NOT_IN_NAME.sub("-", text)[:SHEET_NAME_LENGTH]


def workbook_bytes(overview: Overview) -> bytes:
    """The .xlsx file of `overview`."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    first = book.active
    assert first is not None  # a new workbook has its one sheet
    first.title = sheet_name(title())
    first.append([title()])
    first["A1"].font = Font(bold=True, size=14)
    for line in heading(overview):
        first.append([line])
    first.append([])
    first.append([small_groups_note()])
    first.column_dimensions["A"].width = 100
    for area in overview.areas:
        sheet = book.create_sheet(sheet_name(area.title))
        sheet.column_dimensions["A"].width = LABEL_WIDTH
        for column in "BCD":
            sheet.column_dimensions[column].width = VALUE_WIDTH
        sheet.append([area.title])
        sheet["A1"].font = Font(bold=True, size=13)
        for group in area.groups:
            sheet.append([])
            _group(sheet, group)
    book.properties.creator = "Planbro"
    book.properties.title = title()
    book.properties.lastModifiedBy = "Planbro"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _group(sheet: Any, group: Group) -> None:
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font

    sheet.append([group.title])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    if any(isinstance(item, Spread) for item in group.items):
        sheet.append(["", _("Median"), _("1st quartile"), _("3rd quartile")])
    first_row = sheet.max_row + 1
    for item in group.items:
        sheet.append([item.label, *_values(item)])
        if isinstance(item, Share) and not item.hidden:
            sheet.cell(sheet.max_row, 2).number_format = "0%"
    last_row = sheet.max_row
    figures = group.figures()
    if group.chart and figures and last_row >= first_row:
        chart = BarChart()
        chart.type = "bar"
        chart.title = group.title
        chart.legend = None
        chart.add_data(Reference(sheet, min_col=2, min_row=first_row, max_row=last_row))
        chart.set_categories(Reference(sheet, min_col=1, min_row=first_row, max_row=last_row))
        # In cm; whole ones, as the stubs have them.
        chart.height = max(5, 1 + len(figures) * 7 // 10)
        chart.width = 18
        sheet.add_chart(chart, f"F{first_row - 1}")
        # Room for the chart below the group, so the next group's chart does not cover it.
        for _row in range(int(chart.height / 0.5) - len(group.items)):
            sheet.append([])


def _values(item: Figure | Share | Spread) -> list[Any]:
    if isinstance(item, Figure):
        return [UNDER_5 if item.hidden else item.count]
    if isinstance(item, Share):
        if not item.base:
            return [NONE_TO_SHOW]
        return [UNDER_5 if item.hidden or item.percent is None else item.part / item.base]
    found = item.quartiles()
    if found is None:
        return [UNDER_5 if item.plans else NONE_TO_SHOW]
    q1, median, q3 = found
    return [median, q1, q3]
