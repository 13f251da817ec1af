"""Gennemgang's section "Ændringer siden version N (underskrevet <dato>)": HTML for the
plan's QTextBrowser; no Qt.

The list is planbro.actions.changes' (the document appendix's very sentences, so
always Danish), shown at a revision and a follow-up: whenever the plan has a signed
version before it.
"""

from __future__ import annotations

from html import escape

from planbro.translation import _

from planbro.model.labels import day_label

from planbro.documents.changes import PARTS, Comparison


def changes_heading(comparison: Comparison) -> str:
    """ "Ændringer siden version 1 (underskrevet 20. nov. 2026)"."""
    if comparison.signed is None:
        return _("Changes since version {version}").format(version=comparison.version)
    return _("Changes since version {version} (signed {date})").format(
        version=comparison.version, date=day_label(comparison.signed))


def changes_html(comparison: Comparison | None, problem: str = "") -> str:
    """The section for `comparison` ("" when there is no signed version before); `problem`:
    why the changes could not be read, said in their place."""
    if problem:
        return f"<p><i>{escape(problem)}</i></p>"
    if comparison is None:
        return ""
    parts = [f"<h2>{escape(changes_heading(comparison))}</h2>"]
    if not comparison.changes:
        return parts[0] + f"<p>{escape(_('No changes.'))}</p>"
    for part, heading in PARTS.items():
        texts = [change.text for change in comparison.changes if change.part == part]
        if texts:
            parts.append(f"<h3>{escape(heading)}</h3><ul>")
            parts += [f"<li>{escape(text)}</li>" for text in texts]
            parts.append("</ul>")
    return "".join(parts)
