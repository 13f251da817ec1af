"""The list of changes for partners (and their consent) and, briefly, the plan's other parts.

Part of changes.py's compare(). A field this module does not know (one a
later Planbro adds) is not passed over in silence: its part says that it
changed ("Andre oplysninger i planen er ændret.").
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from planbro.model.plan import Consent, Handover, Partner, Plan

from planbro.documents import wording as w
from planbro.documents.changes_match import key_text, pair, place, shared, similarity
from planbro.documents.changes_words import (
    BASIS_WORDS,
    OUTCOME_WORDS,
    day,
    one_line,
    partner_name,
    quoted,
    value_or_nothing,
)

# The plan's fields that are the version's life, not its content: never a change.
LIFE = frozenset({"id", "version", "status", "created", "updated", "signatures", "replaces",
                  "journalised"})
# The fields changes.py compares itself.
COMPARED_THERE = frozenset({"goals", "services", "partners"})
# The § 110 stk. 5 conditions, short, in running text.
DISCHARGE_WORDS = {"home_or_place": "nr. 2 (bolig eller botilbud)",
                   "support_decided": "nr. 3 (afgørelse om støtte)",
                   "lease_signed": "nr. 4 (lejekontrakt)"}
# The parts of a plan a consent may cover (model.plan.SECTIONS), in running text.
SECTION_WORDS = {"purpose": "formål", "goals": "mål og delmål", "services": "indsatser",
                 "duration": "varighed",
                 **{key: label.lower() for key, label in w.CIRCUMSTANCE_LABELS.items()}}
# Said once when a field no sentence here knows has changed.
SOMETHING_ELSE = "Andre oplysninger i planen er ændret."


def differing(a: Any, b: Any) -> list[str]:
    """The names of the fields in which dataclasses `a` and `b` differ (text by its
    words, spaces and case aside)."""
    out = []
    for f in dataclasses.fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        same = key_text(x) == key_text(y) if isinstance(x, str) and isinstance(y, str) else x == y
        if not same:
            out.append(f.name)
    return out


def moved(subject: str, old: date | None, new: date | None) -> str:
    """ "<subject> er flyttet fra 1. marts 2027 til 1. maj 2027", set or no longer set."""
    if old is None:
        return f"{subject} er sat til {day(new)}."
    if new is None:
        return f"{subject} er ikke længere fastsat (var: {day(old)})."
    return f"{subject} er flyttet fra {day(old)} til {day(new)}."


# -- partners -------------------------------------------------------------------

def _partners_alike(a: Partner, b: Partner) -> float:
    return (0.5 * shared(a.name, b.name) + 0.4 * shared(a.organisation, b.organisation)
            + 0.3 * similarity(a.name, b.name))


def _partner_key(partner: Partner) -> tuple[str, str]:
    return key_text(partner.name), key_text(partner.organisation)


def partner_changes(old: Plan, new: Plan) -> list[str]:
    """Partners added, removed or changed, and the changes of their consent."""
    out: list[str] = []
    for was, partner in pair(old.partners, new.partners, _partner_key, _partners_alike):
        if partner is None:
            assert was is not None
            out.append(f"Samarbejdsparten {partner_name(was, place(old.partners, was))} "
                       "er fjernet.")
            continue
        name = partner_name(partner, place(new.partners, partner))
        if was is None:
            out.append(f"Ny samarbejdspart: {name}.")
            out += consent_changes(Consent(), partner.consent, name)
            continue
        fields = differing(was, partner)
        if "name" in fields or "organisation" in fields:
            out.append(f"Samarbejdsparten {partner_name(was, place(old.partners, was))} "
                       f"hedder nu {name}.")
        if "role" in fields:
            out.append(f"Rollen for samarbejdsparten {name} er nu "
                       f"{value_or_nothing(partner.role)} (var: {value_or_nothing(was.role)}).")
        if "phone" in fields or "email" in fields:
            out.append(f"Kontaktoplysningerne for samarbejdsparten {name} er ændret.")
        if set(fields) - {"name", "organisation", "role", "phone", "email", "consent"}:
            out.append(f"Oplysningerne om samarbejdsparten {name} er ændret.")
        out += consent_changes(was.consent, partner.consent, name)
    return out


def consent_changes(was: Consent, now: Consent, name: str) -> list[str]:
    """What changed in the consent to share with partner `name`."""
    fields = differing(was, now)
    out: list[str] = []
    about = f"Samtykket vedrørende {name}"
    if "given" in fields:
        out.append(f"Borgeren har givet samtykke til at dele oplysninger med {name}"
                   + (f" den {day(now.date)}." if now.date else ".") if now.given else
                   f"{about} er ikke længere registreret som givet.")
    elif "date" in fields and now.given:
        out.append(f"{about} er nu givet den {day(now.date)} (var: {day(was.date)}).")
    if "withdrawn" in fields:
        out.append(f"Borgeren har trukket samtykket vedrørende {name} tilbage den "
                   f"{day(now.withdrawn)}." if now.withdrawn else
                   f"{about} er ikke længere registreret som trukket tilbage.")
    if "expires" in fields:
        out.append(moved(f"Udløbsdatoen for samtykket vedrørende {name}", was.expires,
                         now.expires))
    if "sections" in fields:
        out += _sections(getattr(was, "sections", []), getattr(now, "sections", []), about)
    if "scope" in fields:
        out.append(f"Beskrivelsen af samtykket vedrørende {name} er nu: {quoted(now.scope)}."
                   if now.scope.strip() else f"{about} har ikke længere en beskrivelse.")
    if set(fields) - {"given", "date", "withdrawn", "expires", "sections", "scope"}:
        out.append(f"{about} er ændret.")
    return out


def _section_word(section: str) -> str:
    # A service given alone ("service:<id>") is named by neither id nor title.
    return "en enkelt indsats" if section.startswith("service:") else SECTION_WORDS.get(
        section, section)


def _sections(was: list[str], now: list[str], about: str) -> list[str]:
    """The parts of the plan a consent covers now and no longer covers."""
    gained = [_section_word(s) for s in now if s not in was]
    lost = [_section_word(s) for s in was if s not in now]
    out = []
    if gained:
        out.append(f"{about} omfatter nu også: {', '.join(gained)}.")
    if lost:
        out.append(f"{about} omfatter ikke længere: {', '.join(lost)}.")
    return out


# -- the other parts ---------------------------------------------------------------

def other_changes(old: Plan, new: Plan) -> list[str]:
    """The rest of the plan, briefly: who, the offer, the § 142 and § 141 stk. 7 parts,
    the citizen's words, formål, duration, other matters, hand-overs, the follow-up."""
    fields = set(differing(old, new)) - LIFE - COMPARED_THERE
    out: list[str] = []
    for name, tell in PART_SENTENCES:
        if name in fields:
            out += tell(getattr(old, name), getattr(new, name))
    if fields - {name for name, _tell in PART_SENTENCES}:
        out.append(SOMETHING_ELSE)
    return out


def _basis(old: str, new: str) -> list[str]:
    return [f"Planen er nu efter {BASIS_WORDS.get(new, new)} (var: {BASIS_WORDS.get(old, old)})."]


def _citizen(old: Any, new: Any) -> list[str]:
    fields = differing(old, new)
    out = []
    if "name" in fields:
        out.append("Borgerens navn er rettet.")
    if "cpr" in fields:
        out.append("CPR-nummer er rettet.")
    if {"address", "phone", "email"} & set(fields):
        out.append("Borgerens kontaktoplysninger er ændret.")
    if "residence" in fields:
        out.append("Borgerens opholdssted er ændret.")
    if "acting_municipality" in fields:
        out.append(f"Handlekommunen er nu {value_or_nothing(new.acting_municipality)} "
                   f"(var: {value_or_nothing(old.acting_municipality)}).")
    if set(fields) - {"name", "cpr", "address", "phone", "email", "residence",
                      "acting_municipality"}:
        out.append("Oplysningerne om borgeren er ændret.")
    return out


def _person(who: str, whose: str) -> Any:
    """Sentences for the caseworker or the coordinator: a new name, or other details."""
    def tell(old: Any, new: Any) -> list[str]:
        fields = differing(old, new)
        out = []
        if "name" in fields:
            out.append(f"{who} er nu {value_or_nothing(new.name)} "
                       f"(var: {value_or_nothing(old.name)}).")
        if set(fields) - {"name"}:
            out.append(f"{whose} oplysninger er ændret.")
        return out
    return tell


def _offer(old: Any, new: Any) -> list[str]:
    if old.decision != new.decision:
        return [f"Borgerens svar på tilbuddet om en handleplan er ændret: "
                f"{w.DECISIONS.get(new.decision, new.decision)}."]
    return ["Oplysningerne om tilbuddet om en handleplan er ændret."]


def _boform(old: Any, new: Any) -> list[str]:
    fields = differing(old, new)
    out = []
    if "planned_end" in fields:
        out.append(moved("Den planlagte udskrivning fra forsorgshjemmet eller herberget",
                         old.planned_end, new.planned_end))
    if set(fields) - {"planned_end"}:
        out.append("Oplysningerne om opholdet på forsorgshjem eller herberg er ændret.")
    return out


def _participation(old: Any, new: Any) -> list[str]:
    if old.declined != new.declined:
        return ["Borgeren har nu ikke ønsket at medvirke til planen." if new.declined else
                "Borgeren medvirker nu til planen."]
    return ["Begrundelsen for, at borgeren ikke ønsker at medvirke, er ændret."]


def _discharge(old: Any, new: Any) -> list[str]:
    fields = differing(old, new)
    out = [f"Betingelsen for udskrivning {words} er nu "
           + ("opfyldt." if getattr(new, key) else "ikke længere opfyldt.")
           for key, words in DISCHARGE_WORDS.items() if key in fields]
    if set(fields) - set(DISCHARGE_WORDS):
        out.append("Bemærkningen om udskrivning er ændret.")
    return out


def _duration(old: Any, new: Any) -> list[str]:
    fields = differing(old, new)
    out = []
    if "start" in fields:
        out.append(moved("Planens start", old.start, new.start))
    if "expected_end" in fields:
        out.append(moved("Den forventede afslutning", old.expected_end, new.expected_end))
    if set(fields) - {"start", "expected_end"}:
        out.append("Bemærkningen om den forventede varighed er ændret.")
    return out


def _circumstances(old: Any, new: Any) -> list[str]:
    out = []
    for key, text in old.items():
        label = w.CIRCUMSTANCE_LABELS[key]
        if key_text(text) != key_text(getattr(new, key)):
            out.append(f"Det, planen siger om {label.lower()}, er ændret.")
        before, after = old.not_relevant_reason(key), new.not_relevant_reason(key)
        if before is None and after is not None:
            out.append(f"{label} er nu markeret som ikke relevant for planen.")
        elif before is not None and after is None:
            out.append(f"{label} er ikke længere markeret som ikke relevant for planen.")
        elif before is not None and after is not None and key_text(before) != key_text(after):
            out.append(f"Begrundelsen for, at {label.lower()} ikke er relevant, er ændret.")
    return out


def _handover_name(handover: Handover) -> str:
    return one_line(handover.to) or "en ikke navngivet modtager"


def _handovers(old: list[Handover], new: list[Handover]) -> list[str]:
    out = []
    for was, now in pair(old, new, lambda h: key_text(h.to),
                         lambda a, b: similarity(a.to, b.to)):
        if now is None:
            assert was is not None
            out.append(f"Udleveringen til {_handover_name(was)} efter § 141, stk. 5 er fjernet.")
        elif was is None:
            when = f" den {day(now.date)}" if now.date else ""
            out.append(f"Dele af planen er udleveret til {_handover_name(now)} efter § 141, "
                       f"stk. 5{when}.")
        elif differing(was, now):
            out.append(f"Udleveringen til {_handover_name(now)} efter § 141, stk. 5 er ændret.")
    return out


def _follow_up(old: Any, new: Any) -> list[str]:
    out = []
    if old.next_date != new.next_date:
        out.append(moved("Næste opfølgning", old.next_date, new.next_date))
    held = new.history[len(old.history):] if new.history[:len(old.history)] == old.history \
        else [entry for entry in new.history if entry not in old.history]
    for entry in held:
        when = f" den {day(entry.date)}" if entry.date else ""
        out.append(f"Opfølgning{when}: planen {OUTCOME_WORDS.get(entry.outcome, entry.outcome)}.")
    return out or ["Oplysningerne om opfølgningen er ændret."]


def _brief(sentence: str) -> Any:
    def tell(_old: Any, _new: Any) -> list[str]:
        return [sentence]
    return tell


# Each other part of the plan, in the document's order, and what is said when it changed.
PART_SENTENCES = (
    ("basis", _basis),
    ("citizen", _citizen),
    ("caseworker", _person("Sagsbehandleren", "Sagsbehandlerens")),
    ("coordinator", _person("Tovholderen", "Tovholderens")),
    ("offer", _offer),
    ("boform", _boform),
    ("participation", _participation),
    ("support_wish", _brief("Ønsket om, hvem der skal give bostøtten, er ændret.")),
    ("discharge", _discharge),
    ("coordinated", _brief("Oplysningerne om den helhedsorienterede plan er ændret.")),
    ("citizen_words", _brief("Borgerens egne ord er ændret.")),
    ("resources", _brief("Borgerens ressourcer er ændret.")),
    ("purpose", _brief("Formålet med indsatsen er ændret.")),
    ("duration", _duration),
    ("circumstances", _circumstances),
    ("handovers", _handovers),
    ("follow_up", _follow_up),
)
