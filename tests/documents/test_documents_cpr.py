"""One CPR rule (#9.5): the plan document is the original for the case file and

carries the full number, says so on every page, and the wizard's hint says the
same; the number never lands in metadata, a header or a footer.
"""

from __future__ import annotations

import copy
import re
import zipfile

from docs_helpers import squeeze

from planbro.formdefs import load_formdefs, walk_fields

from planbro.documents import wording as w

CPR = "120379-1235"
# The number in any form a reader might find it: with or without the hyphen.
CPR_ANY = re.compile(r"120379-?1235")


def _cpr_help():
    defs = load_formdefs()
    fields = (f for step in defs.steps for f in walk_fields(step.fields()))
    return next(f.help for f in fields if f.key == "citizen.cpr")


def test_the_plan_prints_the_full_cpr_and_says_it_is_the_original(example_plan, rendered):
    doc = rendered(example_plan)
    assert example_plan.citizen.cpr == CPR
    paragraphs = doc.docx_paragraphs()
    assert paragraphs[paragraphs.index("CPR-nummer") + 1] == CPR
    assert CPR in doc.pdf_body()
    # Every page says what the document is, in both formats.
    assert w.ORIGINAL == "Original til sagen · indeholder fuldt CPR-nummer"
    assert doc.header_texts()[-1] == w.ORIGINAL
    assert doc.docx_header().endswith("\t" + w.ORIGINAL)
    pages = doc.page_texts()
    assert len(pages) >= 3 and all(w.ORIGINAL in text for text in pages)


def test_a_signed_version_is_the_original_too(example_plan, rendered):
    plan = copy.deepcopy(example_plan)
    plan.status = "signed"
    doc = rendered(plan)
    assert doc.header_texts() == [w.ORIGINAL]
    assert doc.docx_header() == "\t" + w.ORIGINAL
    assert all(w.ORIGINAL in text for text in doc.page_texts())
    assert CPR in doc.pdf_body()


def test_the_wizard_s_hint_states_the_same_rule():
    hint = _cpr_help()
    da, en = hint.da.lower(), hint.en.lower()
    assert "fuldt" in da and "originalen til sagen" in da and "120379-xxxx" in da
    assert "in full" in en and "original for the case file" in en and "120379-xxxx" in en
    # No promise the documents do not keep: there is no masked cover page.
    assert "forside" not in da and "cover" not in en


def test_the_cpr_is_only_in_the_body_never_in_metadata_headers_or_footers(example_plan, rendered):
    plan = copy.deepcopy(example_plan)
    plan.citizen.name = "Jonas Østergaard 1203791235"  # typed into the name by mistake
    doc = rendered(plan)
    with zipfile.ZipFile(doc.docx) as z:
        holding = [name for name in z.namelist() if CPR_ANY.search(z.read(name).decode("utf-8", "replace"))]
    assert holding == ["word/document.xml"]
    assert not CPR_ANY.search(doc.docx_header())
    reader = doc.reader
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    for text in (*map(str, reader.metadata.values()), xmp, doc.running(), *doc.header_texts()):
        assert not CPR_ANY.search(text), text
    # On the pages, the number is there once (under Borger) plus what was typed into the name.
    pages = squeeze("".join(doc.page_texts()))
    assert pages.count(CPR) == 1
