"""Which life areas a goal or a circumstance is about, from its Danish words.

Used to see when every goal is about housing although the plan mentions
treatment, work or money (Ankestyrelsen: waiting for a home stalls the
rest), and whether a young citizen has an education or work goal.
"""

from __future__ import annotations

import re

from planbro.model import Goal

# Word stems per life area; matched inside compounds ("ungdomsbolig",
# "stofmisbrugsbehandling"), whole words where a stem is too short.
TOPICS: dict[str, re.Pattern[str]] = {
    "housing": re.compile(
        r"bolig|lejlighed|værelse|husleje|indflyt|udflyt|flytt|botilbud|kollegie|lejekontrakt|"
        r"forsorgshjem|herberg|boform|hjemløs|\bbo\b|\bbor\b|\bboende\b|\beget hjem\b",
        re.IGNORECASE),
    "treatment": re.compile(
        r"behandl|misbrug|afrus|metadon|antabus|rusmiddel|alkohol|hash|kokain|heroin|psykiat|"
        r"psykolog|læge|medicin|abstinens|ædru",
        re.IGNORECASE),
    # "arbejde med" is a vague phrase, not a job; a "medarbejder" is staff.
    "employment": re.compile(
        r"\bjob|jobcent|\barbejd(?!\w*\s+med\b)|beskæftig|praktik|uddann|skole|\bfgu\b|\beud\b|"
        r"\bhf\b|\bsu\b|kursus|læreplads|elevplads|ansæt|løntime|fleksjob|ressourceforløb|"
        r"studie|studere|erhverv",
        re.IGNORECASE),
    "finances": re.compile(
        r"økonomi|budget|gæld|afdrag|kontanthjælp|ydelse|pension|penge|konto|regning|restance|"
        r"inkasso|skat|udbetaling|sygedagpenge|boligstøtte|indkomst|forsørg",
        re.IGNORECASE),
}

# A circumstance that only says there is nothing: "Ingen", "Ikke relevant.",
# "Intet misbrug", "-". A longer text starting with "Ingen" still counts.
_NOTHING = re.compile(r"^\s*(?:(?:ingen|intet|nej|ikke\s+(?:relevant|aktuel\w*))(?:\s+\w+){0,2}"
                      r"|[-–—]+|n/?a)\s*[.!]?\s*$", re.IGNORECASE)


def text_topics(text: str) -> set[str]:
    return {name for name, pattern in TOPICS.items() if pattern.search(text)}


def goal_text(goal: Goal) -> str:
    return "\n".join([goal.title, *(s.text for s in goal.subgoals)])


def goal_topics(goal: Goal) -> set[str]:
    return text_topics(goal_text(goal))


def mentions(text: str) -> bool:
    """True when a circumstance says something, not just that there is nothing."""
    return bool(text.strip()) and not _NOTHING.match(text)
