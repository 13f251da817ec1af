"""The plan in reading form for Gennemgang: HTML for a QTextBrowser; no Qt.

Built from the same definitions as the pages, so a field a municipality
adds to forms/wizard.yaml shows up here too. Links "step:<id>" lead back to
the step where something is missing or was found by the quality check.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from html import escape
from typing import Any

from planbro.translation import _

from planbro.formdefs import FieldDef, FormDefs
from planbro.model.dates import format_danish_date
from planbro.model.plan import SERVICE_PREFIX

from planbro.quality import severity_label

from planbro.ui.common.colours import SEVERITY_COLOURS
from planbro.ui.wizard.missing import Missing, label_of, route, shown_sections, step_of_path
from planbro.ui.wizard.unsaved import Unsaved
from planbro.ui.wizard.values import (
    choice_label,
    get_value,
    holds,
    is_empty,
    service_pick,
    summary_text,
)

# An empty field in reading form.
EMPTY = "<span style='color:#777'>—</span>"


def _tag(tag: str, text: str, bold: bool = False) -> str:
    body = f"<b>{escape(text)}</b>" if bold else escape(text)
    return f"<{tag}>{body}</{tag}>"


def _plain(f: FieldDef, value: Any, plan: Any) -> str:
    if is_empty(value):
        return EMPTY
    if f.kind == "bool":
        return escape(_("Yes") if value else _("No"))
    if f.kind == "choice":
        return escape(choice_label(f, value))
    if f.kind == "goal_links":
        titles = [g.title or _("(not filled in yet)") for g in plan.goals if g.id in value]
        return "<br>".join(escape(t) for t in titles) or EMPTY
    if f.kind == "picks":
        services = {SERVICE_PREFIX + s.id: service_pick(s) for s in getattr(plan, "services", [])}
        return "<br>".join(escape(services.get(v) or choice_label(f, v)) for v in value)
    if isinstance(value, date):
        # As the date boxes show it.
        return format_danish_date(value)
    return escape(str(value)).replace("\n", "<br>")


def _rows(fields: Iterable[FieldDef], obj: Any, plan: Any, depth: int, heading: str = "") -> list[str]:
    """`heading`: the title already above these rows; a group named the same
    gets no second one ("Samarbejdsparter / Samarbejdsparter", #9.17)."""
    out: list[str] = []
    table: list[str] = []

    def flush():
        if table:
            out.append("<table cellspacing='0' cellpadding='3' width='100%'>" + "".join(table) + "</table>")
            table.clear()

    for f in fields:
        if not holds(f.visible_if, obj):
            continue
        value = get_value(obj, f.key)
        if f.kind != "group":
            table.append(f"<tr><td width='32%' valign='top'><b>{escape(label_of(f))}</b></td>"
                         f"<td valign='top'>{_plain(f, value, plan)}</td></tr>")
            continue
        flush()
        tag = "h3" if depth == 0 else "h4"
        if label_of(f) != heading:
            out.append(f"<{tag}>{escape(label_of(f))}</{tag}>")
        if not value:
            out.append(f"<p>{EMPTY}</p>")
        for i, item in enumerate(value):
            name = f"{f.item_name.get()} {i + 1}"
            summary = summary_text(f, item)
            if isinstance(summary, date):
                summary = format_danish_date(summary)
            title = f"{name}: {summary}" if not is_empty(summary) else name
            out.append(f"<div style='margin-left:{12 * (depth + 1)}px'>"
                       f"<p><b><i>{escape(str(title))}</i></b></p>")
            out.extend(_rows([g for g in f.fields if g.key != f.summary], item, plan, depth + 1))
            out.append("</div>")
    flush()
    return out


def _link(defs: FormDefs, path: str, text: str) -> str:
    step = step_of_path(defs, path)
    if step is None:
        return escape(text)
    return f"<a href='step:{step.id}#{escape(path)}'>{escape(text)}</a>"


def _step_item(defs: FormDefs, path: str, text: str, number: int) -> str:
    """A list item linking to the field, with its step in grey after it."""
    where = _("Step {number}").format(number=number)
    return f"<li>{_link(defs, path, text)} <span style='color:#555'>({escape(where)})</span></li>"


def missing_html(defs: FormDefs, missing: list[Missing], findings: list,
                 unsaved: Iterable[Unsaved] = ()) -> str:
    parts = []
    unsaved = list(unsaved)
    if unsaved:
        # First: typed text the plan does not hold; it is lost if never corrected.
        parts.append(_tag("h2", _("Not saved — correct it")) + "<ul>")
        for u in unsaved:
            text = _("{field}: «{text}»").format(field=u.label, text=u.text)
            parts.append(_step_item(defs, u.path, text, u.step.number))
        parts.append("</ul>")
    if missing:
        parts.append(_tag("h2", _("Missing")) + "<ul>")
        for m in missing:
            parts.append(_step_item(defs, m.path, m.label, m.step.number))
        parts.append("</ul>")
    if findings:
        parts.append(_tag("h2", _("Quality check")) + "<ul>")
        for finding in findings:
            colour = SEVERITY_COLOURS.get(finding.severity, "#000")
            parts.append(f"<li><b style='color:{colour}'>{escape(severity_label(finding.severity))}:</b> "
                         f"{_link(defs, finding.field, finding.message)}</li>")
        parts.append("</ul>")
    if not parts:
        parts.append(_tag("p", _("Nothing is missing, and the quality check found nothing to remark."), bold=True))
    return "".join(parts)


def plan_html(defs: FormDefs, plan: Any, missing: list[Missing], findings: list,
              unsaved: Iterable[Unsaved] = (), changes: str = "") -> str:
    """`changes`: the section of what changed since the signed version (changes_view.py),
    shown after what is missing."""
    name = plan.citizen.name or _("(no name)")
    parts = [_tag("h1", _("Action plan for {name}").format(name=name)),
             missing_html(defs, missing, findings, unsaved), changes]
    for step in route(defs, plan):
        if step.kind == "review":
            continue
        parts.append(f"<h2>{step.number}. {escape(step.title.get())}</h2>")
        sections = shown_sections(step, plan)
        for section in sections:
            heading = step.title.get()
            if section.title and len(sections) > 1:
                heading = section.title.get()
                parts.append(f"<h3>{escape(heading)}</h3>")
            parts.extend(_rows(section.fields, plan, plan, 0, heading))
    if plan.declined:
        parts.append(_tag("p", _("The citizen declined the offer of a plan; the other steps are left out."),
                          bold=True))
    return "<html><body>" + "".join(parts) + "</body></html>"
