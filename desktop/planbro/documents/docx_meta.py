"""A .docx file's core properties (docProps/core.xml), the same for every document Planbro writes.

Title, author and subject are what the document's own model gives (never a CPR number or
health data: tests/documents check the metadata of each document); the time is the
writing's, in UTC to the second, and the revision 1, as for a file made anew.
"""

from __future__ import annotations

from datetime import UTC, datetime

from docx.document import Document as DocxDocument

from planbro.documents.hyphenation import DOCX_LANGUAGE


def set_core_properties(document: DocxDocument, *, title: str, author: str,
                        subject: str) -> None:
    """Write `document`'s core properties: these three, its language, now, revision 1."""
    props = document.core_properties
    now = datetime.now(UTC).replace(microsecond=0)
    props.title = title
    props.author = props.last_modified_by = author
    props.subject = subject
    props.language = DOCX_LANGUAGE
    props.created = props.modified = now
    props.revision = 1
