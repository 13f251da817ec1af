"""Printing a plan: the system print dialog, A4, the very same PDF as saved.

PySide6-Essentials has no QtPdf, so the PDF's pages are rasterised with
PDFium (pypdfium2, wheels for Windows, macOS and Linux) and painted onto the
QPrinter. What is printed is thus exactly the PDF a caseworker can also save.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from planbro.translation import _

# Resolution pages are rasterised at: sharp on paper, without the ~140 MB
# per page a 600 dpi printer resolution would cost.
RENDER_DPI = 300
# PDF canvas units per inch.
POINTS_PER_INCH = 72


def available_printers() -> list[QPrinterInfo]:
    return list(QPrinterInfo.availablePrinters())


def no_printer_message() -> str:
    return _("No printer is installed on this computer. Save the plan as PDF "
             "and print it from a computer with a printer, or ask your IT support "
             "to install one.")


def _document(pdf: str | Path | bytes):
    """PDFium's document of a PDF file, or of a PDF in memory (bytes: never on disk)."""
    import pypdfium2 as pdfium  # only when printing

    return pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))


def page_images(pdf_path: str | Path | bytes, first: int = 1, last: int | None = None,
                dpi: int = RENDER_DPI):
    """Yield one QImage per page `first`..`last` (1-based, inclusive) of a PDF file or
    of a PDF's bytes."""
    document = _document(pdf_path)
    try:
        last = len(document) if last is None else min(last, len(document))
        for index in range(first - 1, last):
            page = document[index]
            bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True,
                                 prefer_bgrx=True, optimize_mode="print")
            image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height,
                           bitmap.stride, QImage.Format.Format_RGBX8888)
            # The QImage above borrows the bytes; the copy owns its pixels.
            yield image.copy()
            bitmap.close()
            page.close()
    finally:
        document.close()


def page_count(pdf_path: str | Path | bytes) -> int:
    document = _document(pdf_path)
    try:
        return len(document)
    finally:
        document.close()


def new_a4_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    # The PDF carries its own margins; paint from the paper's edge.
    printer.setFullPage(True)
    # The spooler shows this name to anyone at the printer: never the citizen's.
    printer.setDocName("Planbro – handleplan")
    return printer


def paint_pdf(printer: QPrinter, pdf_path: str | Path | bytes) -> int:
    """Paint the PDF's pages (the range chosen in the dialog) onto `printer`; the PDF is a
    file or its bytes.

    Returns the number of pages painted.
    """
    total = page_count(pdf_path)
    first = printer.fromPage() or 1
    last = printer.toPage() or total
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(_("The printer could not be started."))
    painted = 0
    try:
        paper = printer.paperRect(QPrinter.Unit.DevicePixel)
        for image in page_images(pdf_path, first, last):
            if painted:
                printer.newPage()
            size = QSizeF(image.size())
            size.scale(paper.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(paper.x() + (paper.width() - size.width()) / 2,
                            paper.y() + (paper.height() - size.height()) / 2,
                            size.width(), size.height())
            painter.drawImage(target, image)
            painted += 1
    finally:
        painter.end()
    return painted


def ask_printer(parent, pdf_path: str | Path | bytes,
                dialogs=None) -> Callable[[], bool] | None:
    """Show the system print dialog for `pdf_path` (a file, or a PDF's bytes, which never
    touch the disk) on A4; the call that prints it
    (True when pages went to the printer), or None when the dialog was cancelled.

    With no printer installed, a clear message is shown instead of an empty
    dialog. The dialog and the printing are apart so that the print's audit
    record is written between them (planbro.actions.documents.print_plan).
    """
    if dialogs is None:
        from planbro.ui.common.qt_dialogs import QtDialogs
        dialogs = QtDialogs()
    title = _("Print")
    if not available_printers():
        dialogs.warn(parent, title, no_printer_message())
        return None
    printer = new_a4_printer()
    if not dialogs.print_setup(parent, printer, page_count(pdf_path)):
        return None

    def paint() -> bool:
        try:
            painted = paint_pdf(printer, pdf_path)
        except OSError as error:
            dialogs.warn(parent, title,
                         _("The plan was not printed: {reason}").format(reason=error))
            return False
        return painted > 0

    return paint


def print_pdf(parent, pdf_path: str | Path, dialogs=None) -> bool:
    """Show the system print dialog and print `pdf_path` on A4 (ask_printer);
    True when pages went to the printer."""
    paint = ask_printer(parent, pdf_path, dialogs)
    return paint is not None and paint()
