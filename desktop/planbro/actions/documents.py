"""Save a plan as a Word or PDF document, or print it; each logged once.

The documents are always Danish and carry the municipality of the user's
settings (or of a file given to the command). python-docx and reportlab are
imported when a document is made, not with this module.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planbro.fileio.failures import write_failure
from planbro.translation import _

from planbro.model import Plan, ValidationError

from planbro.actions.trail import Trail

if TYPE_CHECKING:
    from planbro.documents.municipality import Source
    from planbro.settings import UserSettings
    from planbro.storage.recorder import PendingRecord


class NotWritten(Exception):
    """A document or plan file could not be made or written.

    `cause` is the ValidationError (e.g. a bad logo setting), OSError (a full
    disk, a folder that is not there) or ValueError behind it.
    """

    def __init__(self, cause: Exception, path: Path | None = None, *, audit: bool = False):
        super().__init__(str(cause))
        self.cause = cause
        self.path = path
        # True when it was the audit record of the file that could not be written.
        self.audit = audit

    def reason(self) -> str:
        """Why, in one line."""
        if isinstance(self.cause, ValidationError):
            return "; ".join(str(p) for p in self.cause.problems)
        if isinstance(self.cause, OSError) and self.audit:
            return _("the audit log of who viewed and changed plans cannot be written, so the "
                     "file was not written either: {reason}").format(
                reason=write_failure(self.cause))
        if isinstance(self.cause, OSError):
            return write_failure(self.cause, self.path.parent if self.path else None)
        return str(self.cause)

    def message(self) -> str:
        """Why, as a message of its own: the problems one a line."""
        if isinstance(self.cause, ValidationError):
            return _("The document was not made:") + "\n" + "\n".join(
                f"• {problem}" for problem in self.cause.problems)
        if isinstance(self.cause, OSError):
            return self.reason()
        return _("The document was not made: {error}").format(error=self.cause)


# What making or writing a document can fail with.
DOCUMENT_ERRORS = (ValidationError, OSError, ValueError)


@dataclass(frozen=True)
class Saved:
    """A document that was written: of which plan, which kind, where."""

    plan: Plan
    kind: str
    path: Path

    @property
    def message(self) -> str:
        return _("Saved: {path}").format(path=self.path)


@dataclass(frozen=True)
class Printed:
    """Whether the plan's pages went to the printer."""

    printed: bool

    @property
    def message(self) -> str:
        return _("The plan was sent to the printer.") if self.printed else ""


def municipality_of(settings: UserSettings | None) -> dict[str, str] | None:
    """The user's municipality settings (planbro.settings) as documents take them;
    empty values are left out so the shipped defaults fill them (None: all defaults)."""
    if settings is None:
        return None
    values = {"name": settings.municipality_name, "address": settings.municipality_address,
              "logo": settings.municipality_logo}
    return {key: value for key, value in values.items() if value} or None


def default_name(plan: Plan, kind: str) -> str:
    """The file name a document (or plan file) of `plan` is offered under: never a CPR number."""
    from planbro.documents import default_filename

    return default_filename(plan, kind)


def with_suffix(chosen: str | Path, kind: str) -> Path:
    """The path chosen in a file dialog, ending in ".docx", ".pdf" or ".json" as `kind` says."""
    path = Path(chosen)
    suffix = f".{kind}"
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def make_documents(plan: Plan, kinds: Iterable[str], municipality: Source = None) -> dict[str, bytes]:
    """The plan's documents of `kinds`, made before any is written (so an error leaves no file).

    `municipality`: what planbro.documents.load_municipality takes, or None.
    Raises NotWritten.
    """
    from planbro import documents

    render = {"docx": documents.docx_bytes, "pdf": documents.pdf_bytes}
    try:
        return {kind: render[kind](plan, municipality) for kind in kinds}
    except DOCUMENT_ERRORS as error:
        raise NotWritten(error) from error


def write_document(plan: Plan, kind: str, data: bytes, path: str | Path, trail: Trail) -> Saved:
    """Write a document made by make_documents to `path` (atomically) and log it."""
    from planbro.fileio.atomic import write_atomic

    path = Path(path)
    written = begin_record(trail, "render", plan, path, detail=kind)
    try:
        write_atomic(path, data)
    except OSError as error:
        written.cancel()
        raise NotWritten(error, path) from error
    written.commit()
    return Saved(plan, kind, path)


def begin_record(trail: Trail, action: str, plan: Plan, path: Path,
                 detail: str = "") -> PendingRecord:
    """The audit record of a file about to be written at `path`; NotWritten when the
    record cannot be written, so the file is not written either."""
    try:
        return trail.begin(action, plan, detail)
    except OSError as error:
        raise NotWritten(error, path, audit=True) from error


def save_document(plan: Plan, kind: str, path: str | Path, *, trail: Trail,
                  municipality: Source = None) -> Saved:
    """Save the plan's document of `kind` ("docx" or "pdf") at `path`; raises NotWritten."""
    data = make_documents(plan, [kind], municipality)[kind]
    return write_document(plan, kind, data, path, trail)


def print_plan(plan: Plan, send: Callable[[Path], bool], *, trail: Trail,
               municipality: Source = None) -> Printed:
    """Print the plan's PDF: `send(pdf)` shows the print dialog and prints the
    file, True when pages went to the printer. Raises NotWritten when the PDF
    cannot be made."""
    # The PDF holds sensitive data: made in a private temporary folder and
    # deleted as soon as the pages have gone to the printer.
    with tempfile.TemporaryDirectory(prefix="planbro-print-") as folder:
        pdf = Path(folder) / "handleplan.pdf"
        data = make_documents(plan, ["pdf"], municipality)["pdf"]
        try:
            pdf.write_bytes(data)
        except OSError as error:
            raise NotWritten(error, pdf) from error
        printed = send(pdf)
    if printed:
        trail.record("print", plan)
    return Printed(bool(printed))
