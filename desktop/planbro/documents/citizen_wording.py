"""The fixed sentences of "Din plan", the citizen's own short copy of the plan.

One list, to be reviewed as one: every word the copy says around the
citizen's own words and the plan's goals, in plain Danish, each with the
English printed in its place for a citizen who reads English better
(--english: the plan's own words stay Danish, as written). Nothing here
names a law or a paragraph: the copy has no legal references in its body
(the full plan has them). `{…}` are filled in by citizen.py; dates are
written out in the text's language ("1. februar 2027", "1 February 2027").

Review notes: short sentences, "du" and "vi", the words the citizen hears
at the meeting ("sagsbehandler", "tovholder" explained once), no
abbreviations, no "borgeren" (the copy speaks to the citizen).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Said:
    """One fixed text: the Danish, and the English printed in its place on request."""

    da: str
    en: str


# The title, and under it when the plan is from.
TITLE = Said("Din plan", "Your plan")
MADE_ON = Said("Planen er fra den {date}.", "The plan is from {date}.")
# In the page header of every page while the plan is not signed (a draft): the
# citizen reads the copy before signing, and a printed draft must not pass for
# the plan signed later.
DRAFT = Said("Udkast – ikke underskrevet endnu", "Draft – not signed yet")
# The page footer: what the page is, and which page of how many.
FOOTER = Said("Din plan · side {page} af {pages}", "Your plan · page {page} of {pages}")
# Under the title of the English frame only: the plan's own words are not translated.
DANISH_WORDS = Said("", "The plan's own words are in Danish, as they were written in the full "
                        "plan. Ask your caseworker about anything that is unclear.")

# The five sections, in print order.
H_WISH = Said("Det vil du gerne", "What you would like")
H_GOALS = Said("Det arbejder vi sammen om", "What we work on together")
H_SERVICES = Said("Det gør kommunen", "What the municipality does")
H_CONTACTS = Said("Hvem kan du ringe til", "Who you can call")
H_NEXT = Said("Hvornår ses vi igen", "When we meet again")

# Det vil du gerne: the citizen's own words, then the purpose of the plan.
YOUR_WORDS = Said("Det sagde du, da vi lavede planen:", "What you said when we made the plan:")
PURPOSE = Said("Det er målet med planen:", "This is what the plan is for:")
NO_WISH = Said("Det er ikke skrevet ned endnu. Det taler vi om, når vi ses.",
               "It has not been written down yet. We will talk about it when we meet.")
# After a text of the citizen's (or of the plan) cut short to keep the copy short.
CUT_SHORT = Said("Resten står i den fulde plan.", "The rest is in the full plan.")

# Det arbejder vi sammen om: each goal, and under it its steps (delmål).
GOALS_INTRO = Said("Under hvert mål står de skridt, vi tager, og hvornår.",
                   "Under each goal are the steps we take, and by when.")
NO_GOALS = Said("Vi har ikke skrevet mål endnu. Det gør vi sammen.",
                "We have not written any goals yet. We will do that together.")
# A goal without a title is named by its number.
UNTITLED_GOAL = Said("Mål {number}", "Goal {number}")
# Under a step, joined by " · ": by when, who sees to it (a label: the name
# follows it, in neither language), and that it is done.
BY = Said("Senest den {date}", "By {date}")
WHO = Said("Hvem", "Who")
DONE = Said("Det er nået", "Done")
# Where steps, goals or services were left out to keep the copy to two pages
# (one, then more than one).
MORE_STEPS = (Said("… og 1 skridt mere", "… and 1 more step"),
              Said("… og {count} skridt mere", "… and {count} more steps"))
# In place of a goal's steps when there is room for none.
STEPS_ELSEWHERE = (Said("1 skridt på vejen – se den fulde plan", "1 step on the way – see the full plan"),
                   Said("{count} skridt på vejen – se den fulde plan",
                        "{count} steps on the way – see the full plan"))
MORE_GOALS = (Said("… og 1 mål mere – se den fulde plan", "… and 1 more goal – see the full plan"),
              Said("… og {count} mål mere – se den fulde plan",
                   "… and {count} more goals – see the full plan"))

# Det gør kommunen: the help agreed, each with who gives it and from when.
SERVICES_INTRO = Said("Det er den hjælp, vi har aftalt. Du får besked om hver hjælp for sig.",
                      "This is the help we have agreed on. You will hear about each kind of "
                      "help on its own.")
NO_SERVICES = Said("Vi har ikke aftalt hjælp endnu.", "We have not agreed on any help yet.")
# A service without a title; the label before who gives it (the name follows).
UNTITLED_SERVICE = Said("Hjælp", "Help")
GIVES = Said("Hvem hjælper", "Who helps")
FROM = Said("Fra den {start}", "From {start}")
FROM_TO = Said("Fra den {start} til den {end}", "From {start} to {end}")
MORE_SERVICES = (Said("… og 1 slags hjælp mere – se den fulde plan",
                      "… and 1 more kind of help – see the full plan"),
                 Said("… og {count} slags hjælp mere – se den fulde plan",
                      "… and {count} more kinds of help – see the full plan"))

# Hvem kan du ringe til: the caseworker, the coordinator, and the partners with a
# phone number (the section's heading says what the numbers are for).
CASEWORKER = Said("Din sagsbehandler", "Your caseworker")
COORDINATOR = Said("Din tovholder – den, der holder sammen på planen",
                   "Your coordinator – the person who keeps the plan together")
CALL = Said("Ring, hvis du har spørgsmål, eller hvis noget ændrer sig.",
            "Call if you have questions or if something changes.")
NO_CONTACTS = Said("Spørg kommunen, hvem du kan ringe til.",
                   "Ask the municipality who you can call.")

# Hvornår ses vi igen: the next follow-up.
NEXT = Said("Vi ses igen senest den {date}. Så taler vi om, hvordan det går.",
            "We will meet again by {date} at the latest, to talk about how things are going.")
NO_NEXT = Said("Vi aftaler sammen, hvornår vi ses igen.",
               "We will agree together when we meet again.")

# The one line at the end: where the full plan is.
FULL_PLAN = Said("Den fulde handleplan kan du få hos din sagsbehandler, {name}, {municipality}.",
                 "You can get the full action plan from your caseworker, {name}, {municipality}.")
FULL_PLAN_NO_NAME = Said("Den fulde handleplan kan du få hos {municipality}.",
                         "You can get the full action plan from {municipality}.")

# The metadata's subject (Danish, as the document's language is).
SUBJECT = "Din plan – borgerens kopi af handleplanen"
