"""The services table says which goals each service serves (#9.6), in both formats."""

from __future__ import annotations

import copy

import docx
from docs_helpers import in_order, many_goals, plain, squeeze
from docx.oxml.ns import qn

from planbro.model import Service

from planbro.documents import wording as w
from planbro.documents.text import keep_together


def _services_table(path):
    return next(t for t in docx.Document(path).tables if t.rows[0].cells[0].text == w.SERVICE_HEADER[0])


def _note(*titles: str) -> str:
    # The separator keeps to the title before it (#9.7).
    return ("Mål: " + "\u00a0· ".join(map(keep_together, titles)) if titles
            else "Mål: " + w.NO_SERVICE_GOALS)


def test_each_service_names_its_goals_under_its_row(example_rendered):
    plan = example_rendered.plan
    titles = {g.id: g.title for g in plan.goals}
    expected = [_note(*(titles[g.id] for g in plan.goals if g.id in s.goal_ids)) for s in plan.services]
    assert expected[0] == _note(plan.goals[0].title, plan.goals[2].title)
    # Who takes over when the service ends follows its goals (the example's CTI course);
    # "§ 85" keeps together (a no-break space).
    expected = [note + (f"\u00a0· Overtages bagefter af: {keep_together(s.takes_over)}"
                        if s.takes_over else "") for s, note in zip(plan.services, expected)]
    assert "Overtages bagefter af: Bostøtten efter serviceloven § 85" in plain(expected[0])
    table = _services_table(example_rendered.docx)
    rows = table.rows[1:]
    assert len(rows) == 2 * len(plan.services)
    for i, service in enumerate(plan.services):
        row, note = rows[2 * i], rows[2 * i + 1]
        assert row.cells[0].text == service.title
        # The note spans the whole table width, under its service.
        assert len(note._tr.tc_lst) == 1 and note._tr.tc_lst[0].grid_span == len(w.SERVICE_HEADER)
        assert note.cells[0].text == expected[i]
    # The PDF says the same, in the same order.
    body = squeeze(example_rendered.pdf_body())
    assert in_order([squeeze(t) for s, n in zip(plan.services, expected) for t in (s.title, n)], body)


def test_a_goal_without_a_title_is_named_by_its_number_and_no_goal_says_so(example_plan, rendered):
    plan = copy.deepcopy(example_plan)
    plan.goals[1].title = ""
    plan.services = [Service(title="Samtaler", goal_ids=[plan.goals[1].id, plan.goals[0].id]),
                     Service(title="Uden mål"),
                     Service(title="Forkert link", goal_ids=["findes-ikke"])]
    doc = rendered(plan)
    notes = [row.cells[0].text for row in _services_table(doc.docx).rows[2::2]]
    # In the plan's goal order, as the goals are numbered.
    assert notes == [_note(plan.goals[0].title, "Mål nr. 2"), _note(), _note()]
    body = squeeze(doc.pdf_body())
    for note in notes:
        assert squeeze(note) in body


def test_a_service_and_its_goals_stay_on_one_page(example_plan, rendered):
    plan = many_goals(example_plan, goals=40, subgoals=1)
    plan.services = [Service(title=f"Indsats {i} for borgeren", legal_basis="Serviceloven § 85",
                             provider="Bostøtten", extent="2 timer om ugen", goal_ids=[f"g{i}"])
                     for i in range(1, 41)]
    doc = rendered(plan)
    pages = [squeeze(text) for text in doc.page_texts()]
    services_pages = 0
    for text in pages:
        titles = {i for i in range(1, 41) if squeeze(f"Indsats {i} for borgeren") in text}
        notes = {i for i in range(1, 41) if squeeze(f"Mål: Mål nummer {i} om bolig") in text}
        assert titles == notes
        services_pages += bool(titles)
    assert services_pages >= 2  # the table runs over a page
    # In the .docx: each service row keeps with its note, which never splits.
    table = _services_table(doc.docx)
    for row, note in zip(table.rows[1::2], table.rows[2::2]):
        assert all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)
        assert note._tr.trPr.find(qn("w:cantSplit")) is not None
