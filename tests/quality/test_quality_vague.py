"""The Danish vague-goal heuristic on goals as caseworkers really write them."""

from __future__ import annotations

import pytest

from planbro.quality.vague import assess, is_vague, vague_phrases

# Goals and sub-goals a reader can check afterwards.
GOOD_GOALS = (
    "Jonas bor i egen lejlighed senest 1. juni 2027",
    "Jonas har fået et nyt sygesikringsbevis inden 15. januar",
    "Mia møder op til behandling i Rusmiddelcenteret 2 gange om ugen",
    "Peter har søgt kontanthjælp og fået svar fra jobcentret inden udgangen af marts",
    "Anne har oprettet MitID og kan selv åbne sin digitale post",
    "Lars har lagt et budget med økonomisk rådgiver og betaler husleje til tiden hver måned",
    "Sara er skrevet op til en ungdomsbolig via den boligsociale anvisning",
    "Ahmed starter i ambulant alkoholbehandling efter sundhedsloven § 141",
    "Karin ser sin datter hver anden weekend",
    "Mikkel deltager i aktivitetstilbuddet på værestedet tre dage om ugen",
    "Jens har haft en samtale med egen læge om sin medicin inden 1. marts 2027",
    "Ole har en afdragsordning på gælden til Gældsstyrelsen",
    "Line er startet på FGU i august 2027",
    "Nadia har været til tandlæge to gange inden sommerferien",
    "Thomas reducerer sit alkoholforbrug til højst 4 genstande om dagen",
    "Hassan har fået en bankkonto med NemKonto tilknyttet",
    "Emil møder op til alle aftaler med bostøttemedarbejderen i 3 måneder",
    "Camilla har besigtiget mindst 2 boliger sammen med CTI-medarbejderen inden 31. marts",
    "Budget lagt sammen med Jonas og økonomisk rådgiver",
    "Afdragsordning på gælden til forsyningsselskabet aftalt",
    "Jonas skal arbejde med at få en bolig inden 1. juni 2027",
    "Søren har søgt om førtidspension inden næste opfølgning",
    "Jonas er flyttet ud af forsorgshjemmet senest 2027-06-01",
    "Kim ringer til sin sagsbehandler hver mandag",
)

# Goals of the kind Ankestyrelsen found: nothing anyone could check.
VAGUE_GOALS = (
    "Jonas skal have det bedre",
    "Mia skal blive mere stabil",
    "Arbejde med borgerens økonomi",
    "Have fokus på boligsituationen",
    "Peter skal blive bedre til at passe sine aftaler",
    "At borgeren trives",
    "Generel stabilisering af borgerens situation",
    "Anne skal få styr på sin økonomi",
    "Borgeren skal komme videre i livet",
    "Lars skal udvikle sig personligt og socialt",
    "Øget livskvalitet",
    "Sara skal blive mere selvstændig i hverdagen",
    "At Ahmed bliver motiveret for behandling",
    "Struktur på hverdagen",
    "Afklaring af boligsituationen",
    "Mikkel skal mindske sit forbrug",
    "Karin skal have fokus på at få en bolig",
    "Jens skal arbejde med sin misbrugsproblematik på sigt",
    "Borgeren skal have det godt i sin bolig",
    "Ole skal have det bedre inden 1. juni 2027",
    "Støtte til borgeren",
    "Line skal være mere aktiv",
    "Bedre kontakt til familien",
    "Borgeren skal have en god hverdag",
)


def test_the_corpus_is_large_enough():
    assert len(GOOD_GOALS) >= 15 and len(VAGUE_GOALS) >= 15


@pytest.mark.parametrize("goal", GOOD_GOALS)
def test_measurable_goals_are_not_vague(goal):
    assert not is_vague(goal), assess(goal)


@pytest.mark.parametrize("goal", VAGUE_GOALS)
def test_vague_goals_are_vague(goal):
    assert is_vague(goal), assess(goal)


def test_a_deadline_does_not_make_a_vague_phrase_measurable():
    found = assess("Ole skal have det bedre inden 1. juni 2027")
    assert found.timed and found.measures == () and found.vague


def test_a_vague_phrase_with_a_measure_and_a_time_passes():
    found = assess("Jonas skal arbejde med at få en bolig inden 1. juni 2027")
    assert found.phrases == ("arbejde med",)
    assert found.measures == ("thing",) and found.timed and not found.vague


def test_a_paragraph_number_is_not_a_measure():
    assert assess("Støtte efter § 85").measures == ()
    assert assess("Hjælp efter serviceloven § 141, stk. 3").measures == ()


def test_the_digits_of_a_date_are_time_not_a_number():
    found = assess("Status senest 1. juni 2027")
    assert found.timed and "number" not in found.measures


def test_danish_number_words_count():
    assert "number" in assess("Kim ser sin søster tre weekender").measures
    # "en" is the article far more often than the number one.
    assert "number" not in assess("Kim ser en ven").measures


def test_frequencies_count():
    for text in ("hver uge", "2 gange om måneden", "dagligt", "én gang om ugen", "hver 14. dag"):
        assert "frequency" in assess(text).measures, text


def test_a_named_thing_needs_a_concrete_verb():
    assert "thing" in assess("Kim får en lejlighed").measures
    assert "thing" not in assess("Lejligheden").measures
    # "møde op" is the verb, not a meeting to attend.
    assert "thing" not in assess("Kim skal møde op").measures


def test_vague_phrases_are_reported_as_written_longest_first():
    assert vague_phrases("Jonas skal Få Det Bedre og trives") == ("Få Det Bedre", "trives")
    assert vague_phrases("blive bedre til at lave mad") == ("blive bedre til",)


def test_decomposed_letters_are_read_like_composed_ones():
    decomposed = "Jonas bor i egen bolig senest 1. juni 2027".replace("ø", "o\u0308")
    assert not is_vague(decomposed)
    # "få" with a combining ring, as pasted from some PDFs.
    assert assess("Kim skal fa\u030a det bedre").phrases == ("få det bedre",)
