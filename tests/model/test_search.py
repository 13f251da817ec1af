import pytest

from planbro.model.search import fold, name_matches


@pytest.mark.parametrize("query, name", [
    ("ødegaard", "Ødegård"),
    ("oedegaard", "Ødegård"),
    ("ØDEGÅRD", "Jens Oedegaard"),
    ("aeble", "Æble Sørensen"),
    ("søren", "Søren Kierkegaard"),
    ("rene", "René Müller"),
    ("muller", "René Müller"),
    ("jens  peter", "Jens Peter Hansen"),
    ("", "Hvem som helst"),
])
def test_a_name_is_found_however_the_danish_letters_and_accents_are_typed(query, name):
    assert name_matches(query, name)


@pytest.mark.parametrize("query, name", [
    ("ødegaard", "Østergaard"),
    ("ae", "Anne"),
    ("hansen", "Jensen"),
])
def test_other_names_are_not_found(query, name):
    assert not name_matches(query, name)


def test_folding_is_the_same_on_both_sides():
    assert fold("Åse Ærø") == fold("aase aeroe") == "aase aeroe"
