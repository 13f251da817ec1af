"""Plan documents: one document model rendered to .docx and PDF; no Qt.

    render_docx(plan, path, settings=None)   the Word file
    render_pdf(plan, path, settings=None)    the PDF/A file to print and archive
Both are the original for the case file, with the full CPR number.
Both raise ValidationError for a plan larger than a plan file may be (size.py).
    default_filename(plan, "docx" | "pdf")   "Handleplan <navn> <dato> v<version>.docx"
                                             ("… v<version> KLADDE.docx" for a draft)
    load_municipality(path_or_dict=None)     the municipality printed in the header

`settings` is what load_municipality() takes (None: the shipped defaults).
docx_bytes and pdf_bytes take `changes` too (changes.Comparison): the changes
since a signed version, printed as the document's last appendix.
python-docx and reportlab are imported on first use, not with this package,
so the UI starts without paying for them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from planbro.model.plan import Plan

from planbro.documents.filenames import default_filename
from planbro.documents.municipality import Municipality, Source, load_municipality

if TYPE_CHECKING:
    from planbro.documents.changes import Comparison

# What this package offers to the layers above it.
__all__ = [
    "default_filename",
    "docx_bytes",
    "load_municipality",
    "Municipality",
    "pdf_bytes",
    "render_docx",
    "render_pdf",
]


def docx_bytes(plan: Plan, settings: Source = None, changes: Comparison | None = None) -> bytes:
    from planbro.documents.docx import docx_bytes as render
    from planbro.documents.layout import build_document

    return render(build_document(plan, settings, changes))


def pdf_bytes(plan: Plan, settings: Source = None, changes: Comparison | None = None) -> bytes:
    from planbro.documents.layout import build_document
    from planbro.documents.pdf import pdf_bytes as render

    return render(build_document(plan, settings, changes))


def _write(path: str | Path, data: bytes) -> Path:
    from planbro.fileio.atomic import write_atomic

    # Temporary file + replace: an interrupted write never leaves half a file.
    write_atomic(path, data)
    return Path(path)


def render_docx(plan: Plan, path: str | Path, settings: Source = None) -> Path:
    """Write the plan's .docx to `path` (atomically) and return the path."""
    return _write(path, docx_bytes(plan, settings))


def render_pdf(plan: Plan, path: str | Path, settings: Source = None) -> Path:
    """Write the plan's PDF/A-2b file to `path` (atomically) and return the path."""
    return _write(path, pdf_bytes(plan, settings))
