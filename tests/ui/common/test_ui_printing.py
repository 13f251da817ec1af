"""Printing: no printer → a clear message; otherwise the same PDF on A4."""

import pypdfium2 as pdfium
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from planbro.ui.common import printing
from planbro.ui.common.scripted_dialogs import ScriptedDialogs


def make_pdf(path, pages=2):
    # Page n has a black box at the top left, wider on each page, so the
    # printed copy can be checked page by page.
    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(pages):
        c.rect(72, A4[1] - 72 - 100, 100 * (n + 1), 100, fill=1, stroke=0)
        c.drawString(72, 72, f"Side {n + 1}")
        c.showPage()
    c.save()
    return path


def dark_fraction(pdf_path, index, box):
    # Share of dark pixels in box=(x0, y0, x1, y1) given in points from the top left.
    document = pdfium.PdfDocument(str(pdf_path))
    image = document[index].render(scale=1).to_pil().convert("L")
    histogram = image.crop(box).histogram()
    document.close()
    return sum(histogram[:80]) / sum(histogram)


def test_no_printer_shows_a_danish_message(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(printing, "available_printers", lambda: [])
    dialogs = ScriptedDialogs()
    pdf = make_pdf(tmp_path / "plan.pdf")
    assert printing.print_pdf(None, pdf, dialogs) is False
    [warning] = dialogs.calls_of("warn")
    assert "printer" in warning.text.lower()
    assert dialogs.calls_of("print_setup") == []


def test_cancelled_print_dialog_prints_nothing(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(printing, "available_printers", lambda: ["a printer"])
    dialogs = ScriptedDialogs().queue("print_setup", False)
    assert printing.print_pdf(None, make_pdf(tmp_path / "plan.pdf"), dialogs) is False
    [call] = dialogs.calls_of("print_setup")
    assert call.extra["pages"] == 2


def test_prints_every_page_of_the_same_pdf_on_a4(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(printing, "available_printers", lambda: ["a printer"])
    printed = tmp_path / "printed.pdf"
    dialogs = ScriptedDialogs().queue("print_setup", str(printed))
    assert printing.print_pdf(None, make_pdf(tmp_path / "plan.pdf", pages=3), dialogs) is True
    [call] = dialogs.calls_of("print_setup")
    printer = call.extra["printer"]
    assert printer.docName() == "Planbro – handleplan"
    reader = PdfReader(str(printed))
    assert len(reader.pages) == 3
    for page in reader.pages:
        assert round(float(page.mediabox.width)) == 595
        assert round(float(page.mediabox.height)) == 842
    # The box of page 1 is 100 pt wide, that of page 3 300 pt: the pages came
    # out in order and at their real size.
    assert dark_fraction(printed, 0, (80, 80, 160, 160)) > 0.9
    assert dark_fraction(printed, 0, (190, 80, 260, 160)) < 0.05
    assert dark_fraction(printed, 2, (290, 80, 360, 160)) > 0.9


def test_page_range_from_the_dialog_is_respected(qapp, tmp_path):
    printer = printing.new_a4_printer()
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    printer.setFromTo(2, 2)
    assert printing.paint_pdf(printer, make_pdf(tmp_path / "plan.pdf", pages=3)) == 1
    assert dark_fraction(tmp_path / "out.pdf", 0, (190, 80, 260, 160)) > 0.9
