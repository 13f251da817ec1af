"""The access request extract's document model: the citizen's plan named by name and masked
CPR, a deleted plan by its id with what became of it; never an employee."""

from __future__ import annotations

from datetime import date, datetime

from planbro.documents.blocks import Fields, Paragraph, Table
from planbro.documents.extract import Addressee, Deleted, ExtractRow, extract_document

# A plan id as the log holds it.
PLAN_ID = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"
ROWS = [ExtractRow(datetime(2026, 10, 1, 9, 30), "Handleplanen blev åbnet og læst", "opfølgning")]


def texts(document) -> str:
    found = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            found.append(block.text)
        elif isinstance(block, Fields):
            found += [f"{label}: {value}" for label, value in block.rows]
        elif isinstance(block, Table):
            found += [" | ".join(row) for row in block.rows]
    return "\n".join(found)


def test_a_deleted_plan_is_named_by_its_id_and_its_deletion_said():
    deleted = Deleted(PLAN_ID, "purge", date(2026, 11, 20))
    document = extract_document(ROWS, deleted, "Holbæk Kommune", made=date(2026, 12, 2))
    text = texts(document)
    assert f"Handleplan: {PLAN_ID}" in text
    assert "Planen er slettet fra Planbro den 20. november 2026 efter journalisering." in text
    assert "Handleplanen blev åbnet og læst" in text and "opfølgning" in text
    assert "Borger:" not in text and "CPR-nummer:" not in text
    assert document.running == "Aktindsigt i logbogen for handleplan 3f2c9a6e"
    assert document.meta_title == "Aktindsigt i logbogen – handleplan 3f2c9a6e"
    # No CPR number is shown, so the small print does not speak of one.
    assert document.purpose == "Til borgeren"


def test_a_deleted_draft_and_a_plan_gone_without_a_record_are_told_apart():
    draft = texts(extract_document(ROWS, Deleted(PLAN_ID, "delete", date(2026, 11, 20)), "X"))
    assert "Kladden til planen er slettet fra Planbro den 20. november 2026." in draft
    gone = texts(extract_document(ROWS, Deleted(PLAN_ID), "X"))
    assert "Planen findes ikke længere i Planbro på denne computer." in gone
    assert "slettet fra Planbro den" not in gone


def test_the_citizens_plan_is_named_as_before():
    document = extract_document(ROWS, Addressee("Anna Holm", "010170-xxxx"), "Holbæk Kommune")
    text = texts(document)
    assert "Borger: Anna Holm" in text and "CPR-nummer: 010170-xxxx" in text
    assert "Planen er slettet" not in text and document.purpose.startswith("Til borgeren · CPR")
    assert document.running == "Aktindsigt i logbogen for Anna Holm"
