"""Is a goal measurable? A Danish heuristic for Ankestyrelsen's "ukonkrete mål".

A goal is anchored when it holds something one can check afterwards:
- a *measure*: a number or Danish number word, a frequency ("hver uge",
  "2 gange om måneden", "dagligt"), or a named thing to obtain or do
  together with a concrete verb ("få en bolig", "søge kontanthjælp",
  "starte i behandling", "møde op til samtaler");
- a *time*: a date, a month, a season or holiday, a deadline ("senest",
  "inden udgangen af", "ved næste opfølgning").

It is vague when it has no anchor at all, or when it uses a vague phrase
("få det bedre", "blive mere stabil", "arbejde med", "have fokus på",
"trives", "generelt" …) without a measure and a second kind of anchor:
"have det bedre inden 1. juni" stays vague, "arbejde med at få en bolig
inden 1. juni" does not. It is a heuristic: it flags for a human to look,
it never refuses a plan.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


def _words(*alternatives: str) -> re.Pattern[str]:
    """One case-insensitive pattern matching any alternative as whole words."""
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


# Legal references are names, not measures: "§ 101", "§ 85 a", "stk. 3".
_LEGAL_REFERENCE = re.compile(r"§+\s*\d+(?:\s*[a-z]\b)?(?:\s*,?\s*stk\.\s*\d+)?|\bstk\.\s*\d+",
                              re.IGNORECASE)

# Month names and their usual abbreviations.
_MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
           "september", "oktober", "november", "december",
           r"jan\.", r"feb\.", r"mar\.", r"apr\.", r"aug\.", r"sep\.", r"sept\.",
           r"okt\.", r"nov\.", r"dec\.")

# Time anchors: dates, months, years, weeks, seasons and holidays, deadlines.
# Matched first and blanked out, so the digits of a date are not also
# counted as a number.
_TIME = (
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(r"\b\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?\b"),
    re.compile(r"(?:\b\d{1,2}\.\s*)?(?<!\w)(?:" + "|".join(_MONTHS) + r")(?:\s+\d{4})?(?!\w)",
               re.IGNORECASE),
    re.compile(r"\buge\s+\d{1,2}\b", re.IGNORECASE),
    re.compile(r"\b(?:19|20)\d{2}\b"),
    re.compile(r"ferie(?:n|r)?\b", re.IGNORECASE),  # "sommerferien", "efterårsferie"
    _words(r"jul(?:en)?", r"påske(?:n)?", r"nytår(?:et)?", "årsskiftet",
           r"sommer(?:en)?", r"forår(?:et)?", r"efterår(?:et)?", r"vinter(?:en)?",
           r"mandag(?:en)?", r"tirsdag(?:en)?", r"onsdag(?:en)?", r"torsdag(?:en)?",
           r"fredag(?:en)?", r"lørdag(?:en)?", r"søndag(?:en)?"),
    _words("senest", "inden for", r"inden udgangen af", r"i løbet af", "frist(?:en)?",
           "indtil", "frem til", r"(?:næste|første) opfølgning", r"ved opfølgningen",
           r"(?:om|inden|efter) (?:en|et|én|ét) (?:halvt )?(?:uge|måned|år)"),
)

# Frequencies: how often something happens.
_FREQUENCY = _words(
    r"hvert?\s+\w+",
    r"(?:om|pr\.?|per)\s+(?:dagen|ugen|måneden|året|dag|uge|måned|år|mdr?)",
    "gange", r"(?:én|en|et|\d+)\s+gang", r"dagligt?", r"ugentlig[t]?", r"månedlig[t]?",
    r"årlig[t]?", "kvartalsvis", "fast(?:e)? tider?",
)

# Numbers: digits, percentages and Danish number words. "en"/"et" are left
# out: they are far more often the article than the number one.
_NUMBER = re.compile(
    r"\b\d+(?:[.,]\d+)?\b|%|\bprocent\b|\b(?:én|ét|to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|"
    r"tolv|tretten|fjorten|femten|seksten|sytten|atten|nitten|tyve|tredive|fyrre|halvtreds|"
    r"tres|hundrede|tusind[e]?|halv[t]?|halvanden|dobbelt)\b",
    re.IGNORECASE,
)

# Things a citizen can obtain, attend or hand in; matched inside compounds
# too ("ungdomsbolig", "misbrugsbehandling", "budgetkonto"). No \w* around
# the stems: only whether one occurs matters, and \w* makes the search slow.
_THING_STEMS = re.compile(
    r"(?:bolig|lejlighed|værelse|kollegie|botilbud|husleje|lejekontrakt|nemid|mitid|"
    r"sygesikring|sundhedskort|id-kort|kørekort|konto|budget|kontanthjælp|uddannelseshjælp|"
    r"pension|ressourceforløb|sygedagpenge|boligstøtte|afdragsordning|gæld|behandling|afrusning|"
    r"metadon|antabus|medicin|læge|psykiater|psykiatri|jobcenter|praktik|job|uddannelse|skole|"
    r"kursus|samtale|aftale|ansøgning|venteliste|opskrivning|anvisning|bostøtte|kontaktperson|"
    r"værested|aktivitetstilbud|hjælpemiddel|rollator|kørestol|digital post|e-boks|adresse|"
    r"telefon|afgørelse|ansættelse|løntime|elevplads|læreplads|hjemmehjælp|hjemmepleje|"
    r"genstand)",
    re.IGNORECASE,
)
# Things that are whole words only ("pas" would otherwise match "passe"),
# and meetings, but not the verb "møde op".
_THING_WORDS = re.compile(r"\b(?:pas(?:set)?|su|hf|eud|fgu)\b|møde(?:r|t|rne)?\b(?!\s+op\b)",
                          re.IGNORECASE)

# Concrete verbs: what one does or obtains, in the forms goals are written in.
_VERB = _words(
    r"få[r]?", "fået", "fik", r"søge[rs]?", r"søgt[e]?", r"ansøge[r]?", "ansøgt",
    r"start(?:e|er|es|et|ede)?", r"begynd(?:e|er|t)", r"møder? op", r"mødte? op",
    r"deltage[r]?", "deltaget", "deltog", r"flytte[rt]?", "flyttede", r"betale[rs]?", r"betalt[e]?",
    r"afdrage[r]?", "afdraget", r"tilmelde[rt]?", r"skrive[rs]? op", "skrevet op", "opskrevet",
    r"oprette[rst]?", r"underskrive[rt]?", "underskrevet", r"besigtige[rt]?",
    r"gennemføre[r]?", "gennemført", r"aflevere[rt]?", r"bestille[r]?", "bestilt",
    r"hente[rt]?", r"åbne[rt]?", r"købe[r]?", "købt", r"kontakte[rt]?", r"modtage[r]?",
    "modtaget", "bo", "bor", "boet", "boende", r"indflyt\w*", r"lægge[rs]?", "lagt",
    "aftalt", "har", "have", "haft", r"er (?:i|på)", r"være (?:i|på)",
    r"komme[r]? (?:i|på)", r"kommet (?:i|på)", r"går? til", "gik til", r"ringe[r]?", "ringet",
    r"fastholde[r]?", "fastholdt", r"bruge[r]?", "brugt", r"benytte[r]?",
)

# Phrases Ankestyrelsen found in vague goals; a match is reported as written.
_VAGUE = (
    _words(r"(?:få|får|fået|have|har|haft)\s+det\s+(?:bedre|godt|fint|ok)"),
    _words(r"(?:blive|bliver|blevet|være|er)\s+(?:mere|mindre)\s+\w+"),
    _words(r"blive[r]?\s+bedre\s+til"),
    _words(r"arbejde[rst]?\s+med"),
    _words(r"(?:have|har|sætte|sætter|sat)\s+fokus\s+på", r"fokus(?:ere[r]?)?(?:\s+på)?"),
    _words(r"(?:få|får|fået|have|har|skabe)\s+(?:styr|overblik|ro|orden)(?:\s+på)?"),
    _words(r"komme[r]?\s+videre(?:\s+i\s+(?:livet|sit\s+liv))?"),
    _words(r"stabil\w*", r"triv\w*", r"generel\w*", r"selvstændig\w*", r"selvhjulpen\w*",
           r"mestr(?:e|er|ing)", r"udvikl\w*", r"motiv\w*", r"struktur\w*", r"tryg\w*",
           r"afklar\w*", "livskvalitet", r"sund\w*\s+livsstil"),
    _words(r"(?:mindske|nedsætte|reducere|begrænse|nedbringe)\w*"),
    _words(r"(?:god|bedre|meningsfuld)\w*\s+hverdag\w*"),
    _words("bedre", r"øge[ts]?", "øget", "større"),
    _words("så vidt muligt", "på sigt", "efter behov", "løbende", "i det omfang", "hvis muligt",
           "brug for"),
)


@dataclass(frozen=True)
class Assessment:
    # Kinds of measure found: "number", "frequency", "thing".
    measures: tuple[str, ...]
    # True when a date, month, season or deadline was found.
    timed: bool
    # Vague phrases as written in the text, in reading order.
    phrases: tuple[str, ...]

    @property
    def anchors(self) -> int:
        """How many kinds of anchor the text has."""
        return len(self.measures) + self.timed

    @property
    def vague(self) -> bool:
        if self.phrases:
            return not self.measures or self.anchors < 2
        return self.anchors == 0


def _normalised(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _blank(text: str, pattern: re.Pattern[str]) -> tuple[str, bool]:
    """Replace every match with spaces (keeping offsets); report if any."""
    found = False

    def spaces(match: re.Match[str]) -> str:
        nonlocal found
        found = True
        return " " * len(match.group(0))

    return pattern.sub(spaces, text), found


def vague_phrases(text: str) -> tuple[str, ...]:
    """The vague phrases in `text`, longest first where they overlap."""
    spans = sorted({m.span() for pattern in _VAGUE for m in pattern.finditer(text)},
                   key=lambda span: (span[0], -span[1]))
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end))
    return tuple(text[start:end] for start, end in kept)


# The wizard re-checks the same goals on every keystroke.
@lru_cache(maxsize=4096)
def assess(text: str) -> Assessment:
    text = _normalised(text)
    rest, _legal = _blank(text, _LEGAL_REFERENCE)
    # Frequencies first: "hver mandag" is a frequency, not a date.
    rest, frequent = _blank(rest, _FREQUENCY)
    measures = ["frequency"] if frequent else []
    timed = False
    for pattern in _TIME:
        rest, found = _blank(rest, pattern)
        timed = timed or found
    if _NUMBER.search(rest):
        measures.append("number")
    if _VERB.search(rest) and (_THING_STEMS.search(rest) or _THING_WORDS.search(rest)):
        measures.append("thing")
    return Assessment(tuple(measures), timed, vague_phrases(text))


def is_vague(text: str) -> bool:
    return assess(text).vague
