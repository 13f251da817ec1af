"""The partner's extract (#13): only the parts the partner's consent covers and those handed
over under § 141 stk. 5, in both formats; never a word of the matters left out."""

from __future__ import annotations

import copy
import re
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from docs_helpers import plain, run_tool, squeeze
from pypdf import PdfReader

from planbro.model import FollowUpEntry, Partner
from planbro.model.plan import NotRelevant

from planbro.documents.docx import docx_bytes
from planbro.documents.partner import partner_document, partner_filename
from planbro.documents.pdf import pdf_bytes

MADE = date(2026, 12, 2)
# Words no extract may hold unless its partner may have the matter they are written in.
HEALTH = "Insulinkrævende diabetes; kontrol hos Diabetesambulatoriet Nord"
FINANCES = "Skyldner Gældsstyrelsen 87.500 kr. og Kviklån Danmark"
TREATMENT = "Metadonbehandling ved Substitutionsklinikken hver tirsdag"
# Each word of them, as a test looks for it.
SECRET_WORDS = ("Insulinkrævende", "diabetes", "Diabetesambulatoriet", "Gældsstyrelsen",
                "87.500", "Kviklån", "Metadonbehandling", "Substitutionsklinikken")


class Formats:
    """An extract in both formats, and every text a reader or a program can get out of them."""

    def __init__(self, doc, folder: Path, name: str):
        self.doc = doc
        self.docx_path = folder / f"{name}.docx"
        self.pdf_path = folder / f"{name}.pdf"
        self.docx_path.write_bytes(docx_bytes(doc))
        self.pdf_path.write_bytes(pdf_bytes(doc))
        self.reader = PdfReader(self.pdf_path)

    def pdf_pages(self) -> list[str]:
        return [plain(page.extract_text()) for page in self.reader.pages]

    def pdf_metadata(self) -> str:
        info = self.reader.metadata or {}
        xmp = self.reader.trailer["/Root"].get("/Metadata")
        return " ".join(map(str, info.values())) + (xmp.get_object().get_data().decode()
                                                   if xmp is not None else "")

    def docx_text(self) -> str:
        document = docx.Document(self.docx_path)
        parts = [p.text for p in document.paragraphs]
        parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        section = document.sections[0]
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
        props = document.core_properties
        parts += [str(getattr(props, name) or "") for name in (
            "title", "subject", "author", "keywords", "comments", "category", "last_modified_by")]
        return plain("\n".join(parts))

    def docx_xml(self) -> str:
        with zipfile.ZipFile(self.docx_path) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "replace")
                             for name in archive.namelist() if not name.startswith("word/media"))

    def everything(self) -> str:
        """All of it in one text: a word in any of them is in this."""
        return "\n".join([*self.pdf_pages(), self.pdf_metadata(), self.docx_text(), self.docx_xml(),
                          *self.doc.texts(), self.doc.purpose, self.doc.running, self.doc.meta_title])


def _found(word: str, text: str) -> bool:
    """`word` in `text`, whatever the case and wherever a line or a hyphenation broke it."""
    flat = squeeze(text).replace("-", "").casefold()
    return squeeze(word).replace("-", "").casefold() in flat


@pytest.fixture
def secret_plan(example_plan):
    """The example plan with health, finances and treatment in words no other part uses, and
    the same words wherever else a careless extract might pick them up."""
    plan = copy.deepcopy(example_plan)
    c = plan.circumstances
    c.health, c.finances, c.treatment = HEALTH, FINANCES, TREATMENT
    c.not_relevant = [NotRelevant("aids", "Ingen hjælpemidler; diabetes kræver ingen")]
    plan.citizen_words = f"Jeg vil ikke tale om {TREATMENT}."
    plan.resources = f"Klarer selv sin {HEALTH}."
    plan.offer.reason = f"Bekymret for {FINANCES}."
    plan.follow_up.history = [FollowUpEntry(date(2026, 11, 20), "continue", TREATMENT)]
    plan.partners.append(Partner(name="Diabetesambulatoriet Nord", organisation="Gældsstyrelsen",
                                 role=TREATMENT, phone="70 11 22 33", email="kviklaan@eksempel.dk"))
    plan.partners[2].consent.scope = f"Bolig, men ikke {HEALTH} eller {FINANCES}"
    plan.signatures.note = TREATMENT
    plan.support_wish.wish = FINANCES
    return plan


def test_a_partner_whose_consent_leaves_out_health_finances_and_treatment_sees_none_of_them(
        secret_plan, tmp_path):
    """The key test: Kim Jeppesen (the forsorgshjem) may have formål, the two services it
    takes part in, varighed and boform. No word of the health, finances or treatment fields appears anywhere in either
    format — body, header, footer, metadata, the .docx's XML — nor any of the places the
    same words were also written (own words, follow-ups, other partners, the offer)."""
    kim = secret_plan.partners[2]
    made = Formats(partner_document(secret_plan, kim, MADE), tmp_path, "kim")
    everything = made.everything()
    for word in SECRET_WORDS:
        assert not _found(word, everything), word
    # What Kim may have is there: the housing matter, the duration, the services.
    body = "\n".join(made.pdf_pages())
    assert _found("Ønsker en 1-værelses bolig i Odense SØ", body)
    assert _found("Ophold på forsorgshjem indtil indflytning", body)
    assert _found("Housing First-bostøtte efter CTI-metoden", made.docx_text())
    assert _found("Planen forventes at løbe", made.docx_text())
    # Not the other services: the treatment and the debt advice, by title or provider.
    for word in ("Ambulant social stofmisbrugsbehandling", "Rusmiddelcenteret",
                 "Rådgivning om budget og gæld", "økonomisk rådgivning"):
        assert not _found(word, everything), word


def test_the_extract_does_not_change_with_what_it_leaves_out(secret_plan, example_plan):
    """Whatever the fields left out hold, the extract says the same, word for word."""
    kim_secret = partner_document(secret_plan, secret_plan.partners[2], MADE)
    plan = copy.deepcopy(example_plan)
    for field in ("health", "finances", "treatment", "employment", "network"):
        setattr(plan.circumstances, field, "")
    plan.goals, plan.citizen_words, plan.resources = [], "", ""
    for service in plan.services:
        service.goal_ids = []
    blank = partner_document(plan, plan.partners[2], MADE)
    assert kim_secret.texts() == blank.texts()
    assert (kim_secret.purpose, kim_secret.running, kim_secret.meta_title) == \
        (blank.purpose, blank.running, blank.meta_title)


def test_no_word_of_the_example_plans_left_out_fields_reaches_the_forsorgshjem(example_plan,
                                                                                tmp_path):
    """The same on the example plan itself: every word of its health, finances, treatment,
    goals and own words that the shared parts do not also use is absent from both formats."""
    kim = example_plan.partners[2]
    made = Formats(partner_document(example_plan, kim, MADE), tmp_path, "kim")
    c = example_plan.circumstances
    left_out = [c.health, c.finances, c.treatment, c.employment, c.network,
                example_plan.citizen_words, example_plan.resources,
                *(g.title for g in example_plan.goals),
                *(s.text for g in example_plan.goals for s in g.subgoals)]
    shared = [example_plan.purpose, c.housing, example_plan.duration.note,
              *(str(v) for s in example_plan.services for v in vars(s).values()),
              *(p.name for s in example_plan.services for p in s.phases)]
    words = lambda texts: {w.casefold() for t in texts for w in re.findall(r"\w{4,}", t)}  # noqa: E731
    telling = words(left_out) - words(shared) - words(made.doc.texts())
    # Whole words, with the words hyphenation broke over two lines joined again.
    printed = words([re.sub(r"-[ \t]*\n[ \t]*", "", made.everything())])
    assert {"hashforbrug", "lægehuset", "vestergade", "forsyningsselskab"} <= telling
    assert telling & printed == set()


def test_every_page_says_it_is_an_extract_to_whom_when_and_under_what(secret_plan, tmp_path):
    secret_plan.services *= 4     # several pages
    kim = secret_plan.partners[2]
    made = Formats(partner_document(secret_plan, kim, MADE), tmp_path, "kim")
    pages = made.pdf_pages()
    assert len(pages) >= 3
    header = "Udskrift til Kim Jeppesen · 2. dec. 2026 · samtykke af 2. nov. 2026 og § 141, stk. 5"
    assert made.doc.purpose == header
    for page in pages:
        assert squeeze(header) in squeeze(page)
        assert squeeze("Udskrift af handleplan for Jonas Mikkelsen Østergaard, version 1, til "
                       "Kim Jeppesen") in squeeze(page)
    document = docx.Document(made.docx_path)
    assert header in plain(document.sections[0].header.paragraphs[0].text)
    assert "Udskrift af handleplan for Jonas" in plain(document.sections[0].footer.paragraphs[0].text)
    assert made.doc.title == "Udskrift til Kim Jeppesen"
    opening = made.doc.texts()
    assert "Givet 2. november 2026, udløber 30. juni 2027" in opening
    assert "Formål, 2 indsatser, forventet varighed og boform" in opening


def test_the_cpr_number_is_masked_everywhere(secret_plan, tmp_path):
    made = Formats(partner_document(secret_plan, secret_plan.partners[2], MADE), tmp_path, "kim")
    everything = made.everything()
    assert "120379-xxxx" in made.doc.texts()
    assert "120379-1235" not in everything and "1203791235" not in squeeze(everything)


def test_only_a_consent_or_only_a_hand_over_is_named_as_the_ground(example_plan):
    ali = partner_document(example_plan, example_plan.partners[0], MADE)
    assert ali.purpose.endswith("samtykke af 2. nov. 2026")
    assert "overdraget" not in ali.texts()[4]
    plan = copy.deepcopy(example_plan)
    plan.partners[2].consent.withdrawn = date(2026, 11, 20)
    kim = partner_document(plan, plan.partners[2], MADE)
    assert kim.purpose.endswith("· § 141, stk. 5 af 3. nov. 2026")
    assert "Intet gældende samtykke" in kim.texts()
    # Without the consent, Kim has what was handed over only: no varighed.
    assert "3. Forventet varighed" not in kim.texts()


def test_the_goals_are_named_under_the_services_only_when_the_goals_are_shared(example_plan):
    susanne = partner_document(example_plan, example_plan.partners[1], MADE).texts()
    assert any(t.startswith("Mål: ") for t in susanne)
    assert any(t.startswith("Mål 2: Jonas er startet i ambulant") for t in susanne)
    kim = partner_document(example_plan, example_plan.partners[2], MADE).texts()
    assert not any(t.startswith("Mål") for t in kim)
    assert "«Housing First-bostøtte efter CTI-metoden» overtages bagefter af: Bostøtten efter " \
           "serviceloven §\u00a085 ved Odense Kommunes bostøtteteam" in kim


def test_a_shared_matter_the_plan_says_nothing_of_is_named(example_plan):
    plan = copy.deepcopy(example_plan)
    plan.partners[2].consent.sections = ["housing", "health", "aids"]
    plan.circumstances.health = ""
    texts = partner_document(plan, plan.partners[2], MADE).texts()
    assert "Planen har ikke noget om: hjælpemidler, helbred." in texts
    assert "Der er ikke noteret andre særlige forhold." not in texts


def test_no_extract_for_a_partner_who_may_have_nothing(example_plan):
    plan = copy.deepcopy(example_plan)
    plan.partners[0].consent.sections = []
    with pytest.raises(ValueError):
        partner_document(plan, plan.partners[0], MADE)


def test_file_names_carry_no_cpr_number_and_no_telling_word(example_plan):
    kim = example_plan.partners[2]
    assert partner_filename(example_plan, 3, kim, "pdf", MADE) == \
        "Udskrift Jonas Mikkelsen Østergaard 2026-12-02 v1 KLADDE til Kim Jeppesen.pdf"
    # The organisation is never in the name: "Rusmiddelcenteret" would tell of treatment.
    clinic = Partner(name="Rusmiddelcenteret", organisation="Rusmiddelcenteret, Odense Kommune")
    assert partner_filename(example_plan, 2, clinic, "docx", MADE).endswith(
        "v1 KLADDE til samarbejdspart 2.docx")
    plan = copy.deepcopy(example_plan)
    plan.citizen.name = "Jonas 120379-1235"
    name = partner_filename(plan, 3, Partner(name="Kim 120379-1235"), "pdf", MADE)
    assert "1235" not in name and "120379" not in name
    # The metadata says the partner as the file name does.
    plan.partners[1].name = "Alkoholbehandlingen"
    doc = partner_document(plan, plan.partners[1], MADE)
    assert doc.meta_title.startswith("Udskrift til samarbejdspart 2 – ")
    assert doc.title == "Udskrift til Alkoholbehandlingen"


def test_the_extract_passes_the_ooxml_and_pdfa_checks(example_plan, tmp_path):
    made = Formats(partner_document(example_plan, example_plan.partners[2], MADE), tmp_path, "kim")
    result = run_tool("ooxml_check.py", made.docx_path)
    assert result.returncode == 0, result.stdout + result.stderr
    result = run_tool("pdfa_check.py", made.pdf_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_whole_plan_lists_each_consents_and_hand_overs_parts_before_its_note(example_plan):
    from planbro.documents.layout import build_document

    texts = build_document(example_plan).texts()
    assert "Varighed og boform" not in texts
    assert "Forventet varighed og boform\nBoform og forventet varighed, til brug for udflytningen" \
        in texts
    assert "Formål, 2 indsatser og boform\nFormål, boform og de indsatser, forsorgshjemmet " \
           "deltager i" in texts
    old = copy.deepcopy(example_plan)
    old.partners[2].consent.sections = []
    assert "Boform og forventet varighed, til brug for udflytningen" in build_document(old).texts()


def test_a_consent_ticking_one_service_gives_that_service_alone_in_both_formats(example_plan,
                                                                                tmp_path):
    """The forsorgshjem's consent ticks the stay alone: the treatment's and the debt
    advice's titles and providers, and the bostøtte's, are in neither format (#13)."""
    plan = copy.deepcopy(example_plan)
    plan.handovers = []
    plan.partners[2].consent.sections = ["service:s-forsorgshjem"]
    made = Formats(partner_document(plan, plan.partners[2], MADE), tmp_path, "kim")
    everything = made.everything()
    assert _found("Ophold på forsorgshjem indtil indflytning", "\n".join(made.pdf_pages()))
    assert _found("Ophold på forsorgshjem indtil indflytning", made.docx_text())
    for other in plan.services:
        if other.id != "s-forsorgshjem":
            assert not _found(other.title, everything), other.title
            assert not _found(other.provider, everything), other.provider
    assert "1 indsats" in made.doc.texts()
    # "services" still gives them all.
    plan.partners[2].consent.sections = ["services"]
    every = Formats(partner_document(plan, plan.partners[2], MADE), tmp_path, "all")
    for service in plan.services:
        assert _found(service.title, every.everything()), service.title
