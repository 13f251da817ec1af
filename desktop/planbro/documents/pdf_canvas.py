"""The canvas every Planbro PDF is drawn on: the embedded face from the first mark, each
page kept until the page count is known, and the file made PDF/A-2b as it is saved.

reportlab draws "Side X af Y" only once it knows Y: the pages are kept as the canvas's
state and finished in save() (finish_page), then the PDF/A metadata and output intent
are added (pdfa.py). The plan, Din plan and the overview's report subclass it.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfgen.canvas import Canvas

from planbro.documents import fonts as f
from planbro.documents.hyphenation import DOCX_LANGUAGE
from planbro.documents.pdfa import make_pdfa

# The documents' language, as the PDF's /Lang (the same tag as the .docx's).
LANGUAGE = DOCX_LANGUAGE


class PlanbroCanvas(Canvas):
    """Subclasses set the metadata below and draw what needs the count in finish_page()."""

    # The document's title, author and subject in its metadata (never a CPR number).
    meta_title = ""
    meta_author = ""
    meta_subject = ""
    # The size and leading a page's text starts at (None: reportlab's).
    initial_size: float | None = None
    initial_leading: float | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["lang"] = LANGUAGE
        # The standard Helvetica would be an unembedded font (not PDF/A).
        kwargs["initialFontName"] = f.SANS
        if self.initial_size is not None:
            kwargs["initialFontSize"] = self.initial_size
        if self.initial_leading is not None:
            kwargs["initialLeading"] = self.initial_leading
        super().__init__(*args, **kwargs)
        # Each page's canvas state (its __dict__), kept until save().
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        # Keep the page; it is written in save(), when the total is known.
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab's stubs lack Canvas._startPage

    def finish_page(self, number: int, total: int) -> None:
        """Draw on page `number` of `total` what needs the count (header, footer)."""

    def written(self, total: int) -> bool:
        """Whether save() writes the file once it has `total` pages (False: it only counted)."""
        return True

    def save(self) -> None:
        total = len(self._pages)
        if not self.written(total):
            return
        for number, state in enumerate(self._pages, 1):
            self.__dict__.update(state)
            self.finish_page(number, total)
            Canvas.showPage(self)
        make_pdfa(self, title=self.meta_title, author=self.meta_author,
                  subject=self.meta_subject, lang=LANGUAGE)
        Canvas.save(self)
