"""Save a plan as a Word or PDF document, or print it; each logged once, and only with its record.

The documents are always Danish and carry the municipality of the user's
settings (or of a file given to the command). python-docx and reportlab are
imported when a document is made, not with this module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planbro.fileio.failures import write_failure
from planbro.translation import _

from planbro.model import Plan, ValidationError

from planbro.actions.trail import Recordable, Trail

if TYPE_CHECKING:
    from planbro.documents.changes import Comparison
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
        if isinstance(self.cause, (OSError, InsideDataFolder)):
            return self.reason()
        return _("The document was not made: {error}").format(error=self.cause)


class NotPrinted(NotWritten):
    """A print refused because its audit record could not be written (audit is True),
    or whose PDF could not be made."""

    def reason(self) -> str:
        if isinstance(self.cause, OSError) and self.audit:
            return _("the audit log of who viewed and changed plans cannot be written, so the "
                     "plan was not sent to the printer: {reason}").format(
                reason=write_failure(self.cause))
        return super().reason()

    def message(self) -> str:
        if isinstance(self.cause, OSError) and self.audit:
            return _("The plan was not printed, because the audit log of who viewed and "
                     "changed plans cannot be written: {reason} Please tell your IT "
                     "support.").format(reason=write_failure(self.cause))
        return super().message()


# What making or writing a document can fail with.
DOCUMENT_ERRORS = (ValidationError, OSError, ValueError)


@dataclass(frozen=True)
class Saved:
    """A document that was written: of which plan (a Plan, or one deleted from the store
    that an extract is about), which kind, where."""

    plan: Recordable
    kind: str
    path: Path

    @property
    def where(self) -> str:
        """Where it went, in one short line (a status bar's)."""
        return _("Saved: {path}").format(path=self.path)

    @property
    def message(self) -> str:
        """Where it went, and that it is plaintext (plaintext_note)."""
        return self.where + "\n" + plaintext_note()


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


def make_documents(plan: Plan, kinds: Iterable[str], municipality: Source = None,
                   changes: Comparison | None = None) -> dict[str, bytes]:
    """The plan's documents of `kinds`, made before any is written (so an error leaves no file).

    `municipality`: what planbro.documents.load_municipality takes, or None.
    `changes`: the appendix of what changed since the signed version, as
    planbro.actions.changes.document_changes gives it (None: no appendix).
    Raises NotWritten.
    """
    from planbro import documents

    render = {"docx": documents.docx_bytes, "pdf": documents.pdf_bytes}
    try:
        return {kind: render[kind](plan, municipality, changes) for kind in kinds}
    except DOCUMENT_ERRORS as error:
        raise NotWritten(error) from error


def write_document(plan: Plan, kind: str, data: bytes, path: str | Path, trail: Trail) -> Saved:
    """Write a document made by make_documents to `path` (atomically) and log it."""
    return Saved(plan, kind, write_recorded(trail, "render", plan, path, data, detail=kind))


# ┌──────────────────────────────────────────────────────────────────────────┐
# │ Why every written file is said to be plaintext, encrypted folder or not  │
# │                                                                          │
# │ Encryption at rest covers the data folder only. A document, an export or │
# │ an extract is made to leave Planbro (for the ESDH, the citizen, another  │
# │ caseworker), so it is plaintext by nature, and that is as true when the  │
# │ data folder is not encrypted. So the note is one sentence, said by the   │
# │ command (stderr) and the app (its message) each time a file is written,  │
# │ and a file aimed into the data folder is refused instead (below): the    │
# │ promise that nothing under it is plaintext (tests/test_encryption_at_    │
# │ rest.py) holds for what the caseworker saves too.                        │
# └──────────────────────────────────────────────────────────────────────────┘
def plaintext_note() -> str:
    """What is said whenever a document, an export or an extract is written: it is
    plaintext by nature, wherever it goes (the data folder alone is encrypted)."""
    return _("The file is not encrypted: it holds the citizen's data in plain text. Keep it "
             "in an encrypted place (a BitLocker-encrypted drive, the municipality's ESDH) and "
             "delete it once it has been used.")


class InsideDataFolder(ValueError):
    """A document or export aimed into the data folder, which holds only the store's files."""


def outside_the_data_folder(trail: Trail, path: Path) -> None:
    """NotWritten when `path` lies in the data folder of the trail's audit log: a
    plaintext file there would sit beside the encrypted plans (and in their backups)."""
    folder = trail.data_folder()
    if folder is None:
        return
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return
    raise NotWritten(InsideDataFolder(_(
        "{path} lies in Planbro's data folder, which holds only the plans' own files. "
        "Choose a place outside the data folder.").format(path=path)), path)


def write_recorded(trail: Trail, action: str, plan: Recordable, path: str | Path,
                   data: bytes | str, detail: str = "") -> Path:
    """Write `data` to `path` (atomically) together with its audit record `action`: the
    record first, taken back when the file cannot be written; NotWritten when either fails
    or when `path` lies in the data folder."""
    from planbro.fileio.atomic import write_atomic

    path = Path(path)
    outside_the_data_folder(trail, path)
    written = begin_record(trail, action, plan, path, detail=detail)
    try:
        write_atomic(path, data)
    except OSError as error:
        written.cancel()
        raise NotWritten(error, path) from error
    written.commit()
    return path


def begin_record(trail: Trail, action: str, plan: Recordable, path: Path,
                 detail: str = "") -> PendingRecord:
    """The audit record of a file about to be written at `path`; NotWritten when the
    record cannot be written, so the file is not written either."""
    try:
        return trail.begin(action, plan, detail)
    except OSError as error:
        raise NotWritten(error, path, audit=True) from error


def save_document(plan: Plan, kind: str, path: str | Path, *, trail: Trail,
                  municipality: Source = None, changes: Comparison | None = None) -> Saved:
    """Save the plan's document of `kind` ("docx" or "pdf") at `path` (`changes`: see
    make_documents); raises NotWritten."""
    data = make_documents(plan, [kind], municipality, changes)[kind]
    return write_document(plan, kind, data, path, trail)


# What a print dialog gives back: the call that paints the pages (True when pages
# went to the printer), or None when there is no printer or the dialog was cancelled.
Paint = Callable[[], bool]


# ┌──────────────────────────────────────────────────────────────────────────┐
# │ A print is handed out only with its record (issue 11), but the record is │
# │ not held open while the print dialog is: begin() keeps the log's lock    │
# │ until commit, and a caseworker may leave the dialog open for minutes,    │
# │ while another Planbro (or this one's autosave) waits five seconds at     │
# │ most for that lock. So the log is tried before the dialog — a record     │
# │ begun and cut off again, which proves there is room and the right to     │
# │ write — and a log that fails refuses the print there; after the dialog   │
# │ the real record is begun, the pages are painted (seconds, with no event  │
# │ loop running) and the record is committed, or cut off when nothing was  │
# │ printed.                                                                 │
# └──────────────────────────────────────────────────────────────────────────┘
def print_plan(plan: Plan, ask: Callable[[bytes], Paint | None], *, trail: Trail,
               municipality: Source = None, changes: Comparison | None = None) -> Printed:
    """Print the plan's PDF: `ask(pdf)` shows the print dialog for the PDF's bytes and
    returns the call that prints them (see Paint; `changes`: see make_documents). Raises
    NotPrinted when the PDF cannot be made or the print cannot be logged (then before the
    dialog is shown)."""
    # The PDF holds sensitive data: it stays in memory (PDFium reads it from there),
    # so no plaintext copy of the plan ever lies in the system's temporary folder.
    try:
        data = make_documents(plan, ["pdf"], municipality, changes)["pdf"]
    except NotWritten as error:
        raise NotPrinted(error.cause) from error
    _print_record(trail, plan).cancel()
    paint = ask(data)
    if paint is None:
        return Printed(False)
    written = _print_record(trail, plan)
    try:
        printed = paint()
    except BaseException:
        written.cancel()
        raise
    if not printed:
        written.cancel()
        return Printed(False)
    written.commit()
    return Printed(True)


def _print_record(trail: Trail, plan: Plan) -> PendingRecord:
    try:
        return trail.begin("print", plan)
    except OSError as error:
        raise NotPrinted(error, audit=True) from error
