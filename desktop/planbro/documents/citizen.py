"""Plan -> CitizenCopy: "Din plan", the citizen's own short copy of the plan.

    citizen_documents(plan, kinds, settings=None, english=False)  {"pdf": bytes, "docx": bytes}
    citizen_filename(plan, ext, english=False)   "Din plan <navn> <dato> v<version>.pdf"

At most two A4 pages in large type (citizen_pdf.py, citizen_docx.py), in
five sections: Det vil du gerne · Det arbejder vi sammen om · Det gør
kommunen · Hvem kan du ringe til · Hvornår ses vi igen, then one line on
where the full plan is. Every word around the plan's own text is one of
citizen_wording's fixed sentences, in Danish or, with `english`, in English
(the frame only: the plan's own words stay Danish). The plan's text is
printed as written, except that the caseworker's texts lose their legal
references (plain_words.plain): the copy names no law. The citizen's own
words are never changed. Nothing carries a CPR number: the copy prints
none, and a number typed into a text is taken out.

╭──────────────────────────────────────────────────────────────────────────╮
│ How the copy is kept to two pages                                        │
│                                                                          │
│ The copy is built with the most generous Limits of LEVELS first; while   │
│ it takes more than MAX_PAGES pages it is built again with the next,      │
│ stricter Limits: first without who sees to each step, the purpose beside │
│ the citizen's words and the introductions, then fewer steps, goals,      │
│ services and partners ("… og 3 mål mere – se den fulde plan"), then      │
│ shorter texts (cut with "…" and "Resten står i den fulde plan"). The     │
│ last level fits any plan. Each level is measured first (its paragraphs   │
│ broken into lines once for all levels) and laid out as a PDF only when   │
│ it may fit; the first that does is kept. The .docx is made from the copy │
│ the PDF fitted, so both formats say the same words, in the same type     │
│ sizes, with a line distance a point smaller and a measure of the same    │
│ ~60 characters (Word's Calibri is narrower than the PDF's face), which   │
│ leaves Word's layout room to differ and still take two pages.            │
╰──────────────────────────────────────────────────────────────────────────╯

╭──────────────────────────────────────────────────────────────────────────╮
│ Why the English frame replaces the Danish instead of standing under it   │
│                                                                          │
│ Printed both ways (each Danish text with its English under it, lighter)  │
│ the frame took a quarter more room: the example's two pages then held    │
│ three goals and no steps where the Danish copy holds all goals with two  │
│ steps each, and every fixed line is read twice, which is harder for the  │
│ readers the copy is for. The plan's own words stay Danish either way (as │
│ the caseworker and the citizen wrote them), and a sentence under the     │
│ title says so; the Danish copy can be printed beside it for the meeting. │
│                                                                          │
│ A draft's copy says "Udkast – ikke underskrevet endnu" at the top of     │
│ every page: the citizen is given it to read before signing, and a        │
│ printed draft must not later pass for the plan signed.                   │
╰──────────────────────────────────────────────────────────────────────────╯
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import replace
from datetime import date

from planbro.model.plan import Partner, Plan, SubGoal

from planbro.documents import citizen_wording as w
from planbro.documents.citizen_model import LEVELS, STRONG, TEXT, CitizenCopy, Limits, Line, Run
from planbro.documents.citizen_wording import Said
from planbro.documents.dates import long_date
from planbro.documents.filenames import DRAFT_SUFFIX, is_draft, plan_date, safe_component, safe_filename
from planbro.documents.long_text import META_CHARS, shorten
from planbro.documents.municipality import Municipality, Source, load_municipality
from planbro.documents.plain_words import english_date, free, plain
from planbro.documents.size import check_size
from planbro.documents.text import keep_together, phone, printable, without_cpr

# Most pages the copy may have.
MAX_PAGES = 2
# What a page break may leave empty at the foot of a page, in points (a heading is
# kept with what follows it): a copy measured taller than its pages less this is not
# laid out at all.
SLACK = 40
# After the name of a file with the English frame.
ENGLISH_SUFFIX = "engelsk"

def _values(values: Mapping[str, object], english: bool) -> dict[str, str]:
    """The values of a fixed text in one language: a date written out in it."""
    as_date = english_date if english else long_date
    return {key: as_date(value) if isinstance(value, date) else str(value)
            for key, value in values.items()}


def _more(said: tuple[Said, Said], count: int) -> Said:
    return said[0] if count == 1 else Said(said[1].da.format(count=count),
                                           said[1].en.format(count=count))


class _Writer:
    def __init__(self, english: bool, limits: Limits, cleaned: dict[tuple[bool, str], str]) -> None:
        self.english = english
        self.limits = limits
        self.lines: list[Line] = []
        # The plan's texts made printable (and plain), kept for the next, stricter level.
        self.cleaned = cleaned

    def free(self, text: str) -> str:
        """free(text), made once for all levels."""
        key = (False, text)
        if key not in self.cleaned:
            self.cleaned[key] = free(text)
        return self.cleaned[key]

    def plain(self, text: str) -> str:
        """The caseworker's text, printable and without legal references (plain(free(text)))."""
        key = (True, text)
        if key not in self.cleaned:
            self.cleaned[key] = plain(self.free(text))
        return self.cleaned[key]

    def said(self, said: Said, kind: str = TEXT, /, **values: object) -> list[Run]:
        """A fixed text in the frame's language, `values` filled in (dates written out in
        that language)."""
        text = said.en if self.english else said.da
        return [Run(text.format(**_values(values, self.english)), kind, self.english)]


    def add(self, runs: Iterable[Run], style: str = "body", bullet: str = "") -> None:
        self.lines.append(Line(tuple(run for run in runs if run.text), style, bullet))

    def sentence(self, said: Said, style: str = "body", **values: object) -> None:
        self.add(self.said(said, **values), style)

    def heading(self, said: Said) -> None:
        self.add(self.said(said), "heading")

    def cut(self, text: str, limit: int) -> tuple[str, bool]:
        """`text` at most `limit` characters long (cut at a space, with "…"), and
        whether it was cut."""
        short = shorten(text, limit)
        return short, short != text

    def long_text(self, intro: Said, text: str, style: str) -> None:
        """A text of the plan's under its fixed introduction, cut to the limit."""
        shown, was_cut = self.cut(text, self.limits.text)
        self.sentence(intro)
        self.add([Run(shown)], style)
        if was_cut:
            self.sentence(w.CUT_SHORT, "item_note")


def _wish(out: _Writer, plan: Plan) -> None:
    out.heading(w.H_WISH)
    words, purpose = out.free(plan.citizen_words), out.plain(plan.purpose)
    if words:
        out.long_text(w.YOUR_WORDS, words, "quote")
    if purpose and (out.limits.purpose or not words):
        out.long_text(w.PURPOSE, purpose, "body")
    if not (words or purpose):
        out.sentence(w.NO_WISH)


def _goals(out: _Writer, plan: Plan) -> None:
    out.heading(w.H_GOALS)
    if not plan.goals:
        out.sentence(w.NO_GOALS)
        return
    limits = out.limits
    if limits.intros:
        out.sentence(w.GOALS_INTRO)
    for number, goal in enumerate(plan.goals[:limits.goals], 1):
        title = out.plain(goal.title)
        runs = ([Run(out.cut(title, limits.item)[0], STRONG)] if title
                else out.said(w.UNTITLED_GOAL, STRONG, number=number))
        out.add(runs, "goal", f"{number}.")
        # A step given up is the full plan's record; the copy says what is worked on.
        steps = [s for s in goal.subgoals if s.status != "dropped"]
        for step in _first_steps(steps, limits.steps):
            note: list[list[Run]] = []
            if step.deadline:
                note.append(out.said(w.BY, date=step.deadline))
            who = out.plain(step.responsible)
            if who and limits.details:
                note.append(out.said(w.WHO) + [Run(": " + out.cut(who, limits.item)[0])])
            if step.status == "achieved":
                note.append(out.said(w.DONE))
            text = out.cut(out.plain(step.text), limits.item)[0]
            out.add([Run(text), *([Run("\n")] if text and note else []), *_joined(note)],
                    "step", "•")
        if len(steps) > limits.steps:
            said = w.MORE_STEPS if limits.steps else w.STEPS_ELSEWHERE
            out.add(out.said(_more(said, len(steps) - limits.steps)), "step_note")
    if len(plan.goals) > limits.goals:
        out.add(out.said(_more(w.MORE_GOALS, len(plan.goals) - limits.goals)), "body")


def _first_steps(steps: list[SubGoal], count: int) -> list[SubGoal]:
    """The `count` steps the copy shows, in the plan's order: those still to be reached
    first, then those reached."""
    chosen = sorted(range(len(steps)), key=lambda i: (steps[i].status == "achieved", i))[:count]
    return [steps[i] for i in sorted(chosen)]


def _joined(parts: list[list[Run]]) -> list[Run]:
    """Phrases of one line, joined by " · " (the dot keeps to the phrase before it)."""
    out: list[Run] = []
    for i, part in enumerate(parts):
        if i:
            out.append(Run("\u00a0· "))
        out += part
    return out


def _services(out: _Writer, plan: Plan) -> None:
    out.heading(w.H_SERVICES)
    if not plan.services:
        out.sentence(w.NO_SERVICES)
        return
    limits = out.limits
    if limits.intros:
        out.sentence(w.SERVICES_INTRO)
    for service in plan.services[:limits.services]:
        title = out.plain(service.title)
        out.add([Run(out.cut(title, limits.item)[0], STRONG)] if title
                else out.said(w.UNTITLED_SERVICE, STRONG), "item", "•")
        extent = out.plain(service.extent)
        if extent and limits.details:
            out.add([Run(out.cut(extent, limits.item)[0])], "item_note")
        provider = out.plain(service.provider)
        if provider:
            out.add(out.said(w.GIVES) + [Run(": " + out.cut(provider, limits.item)[0])],
                    "item_note")
        if service.start and service.end:
            out.add(out.said(w.FROM_TO, start=service.start, end=service.end), "item_note")
        elif service.start:
            out.add(out.said(w.FROM, start=service.start), "item_note")
    if len(plan.services) > limits.services:
        out.add(out.said(_more(w.MORE_SERVICES, len(plan.services) - limits.services)), "body")


def _digits(number: str) -> str:
    return "".join(c for c in number if c.isdigit())


def _reached(name: str, number: str, email: str = "") -> str:
    """ "Name: 65 51 12 34 · name@kommune.dk", each part left out when empty."""
    reach = "\u00a0· ".join(p for p in (phone(number), printable(email).strip()) if p)
    return ": ".join(p for p in (name, reach) if p)


def _partners(plan: Plan, known: set[str]) -> list[Partner]:
    """The partners worth calling: with a phone number, their consent not withdrawn (a
    partner the citizen withdrew from is no longer part of the plan), and not the
    caseworker or the coordinator again (`known`: their numbers' digits)."""
    out = []
    for partner in plan.partners:
        digits = _digits(partner.phone)
        if digits and digits not in known and partner.consent.withdrawn is None:
            known.add(digits)
            out.append(partner)
    return out


def _contacts(out: _Writer, plan: Plan) -> None:
    out.heading(w.H_CONTACTS)
    limits = out.limits
    cw, co = plan.caseworker, plan.coordinator
    known = {d for d in (_digits(cw.phone), _digits(co.phone)) if d}
    contacts = 0
    name = out.cut(out.free(cw.name), limits.item)[0]
    if name or cw.phone.strip():
        email = cw.email if limits.details else ""
        out.add(out.said(w.CASEWORKER, STRONG) + [Run("\n" + _reached(name, cw.phone, email))],
                "contact")
        contacts += 1
    who = ", ".join(p for p in (out.free(co.name), out.plain(co.organisation)) if p)
    if who and (co.name.strip() != cw.name.strip() or _digits(co.phone) != _digits(cw.phone)):
        out.add(out.said(w.COORDINATOR, STRONG)
                + [Run("\n" + _reached(out.cut(who, limits.item)[0], co.phone))], "contact")
        contacts += 1
    for partner in _partners(plan, known)[:limits.partners]:
        about = ", ".join(p for p in (out.plain(partner.role), out.plain(partner.organisation))
                          if p)
        head = [Run(out.cut(out.free(partner.name), limits.item)[0] or about, STRONG)]
        if partner.name.strip() and about:
            head.append(Run(", " + out.cut(about, limits.item)[0]))
        email = partner.email if limits.details else ""
        out.add(head + [Run("\n" + _reached("", partner.phone, email))], "contact")
        contacts += 1
    out.sentence(w.CALL if contacts else w.NO_CONTACTS)


def _next(out: _Writer, plan: Plan) -> None:
    out.heading(w.H_NEXT)
    day = plan.follow_up.next_date
    if day:
        out.sentence(w.NEXT, date=day)
    else:
        out.sentence(w.NO_NEXT)


def _end(out: _Writer, plan: Plan, municipality: Municipality) -> None:
    name = shorten(out.free(plan.caseworker.name), out.limits.item)
    place = shorten(municipality.name, out.limits.item)
    if name:
        out.sentence(w.FULL_PLAN, "end", name=name, municipality=place)
    else:
        out.sentence(w.FULL_PLAN_NO_NAME, "end", municipality=place)


def build_citizen(plan: Plan, municipality: Municipality, english: bool = False,
                  limits: Limits = LEVELS[0],
                  cleaned: dict[tuple[bool, str], str] | None = None) -> CitizenCopy:
    """The copy of `plan` within `limits` (no page count: citizen_documents fits it);
    `cleaned`: the texts made printable for another level of the same plan."""
    out = _Writer(english, limits, {} if cleaned is None else cleaned)
    for section in (_wish, _goals, _services, _contacts, _next):
        section(out, plan)
    _end(out, plan, municipality)
    lines = out.lines
    out.lines = []
    out.add(out.said(w.TITLE), "title")
    title = out.lines.pop()
    if english:
        lines.insert(0, Line(tuple(out.said(w.DANISH_WORDS)), "body"))
    name = shorten(out.free(plan.citizen.name), limits.item)
    day = plan_date(plan)
    made = [Run(name, STRONG)] + ([Run("\n")] if name and day else [])
    if day:
        made += out.said(w.MADE_ON, date=day)
    mark = tuple(out.said(w.DRAFT)) if is_draft(plan) else ()
    head = f"{w.TITLE.da} – "
    return CitizenCopy(
        municipality=municipality, title=title, made=Line(tuple(made), "made"),
        lines=tuple(lines), english=english, mark=mark,
        meta_title=head + shorten(without_cpr(printable(plan.citizen.name)),
                                  META_CHARS - len(head)),
        author=shorten(without_cpr(printable(plan.caseworker.name)) or municipality.name))


def citizen_documents(plan: Plan, kinds: Collection[str], settings: Source = None,
                      english: bool = False) -> dict[str, bytes]:
    """The copy of `plan` in each of `kinds` ("pdf", "docx"), at most MAX_PAGES pages;
    `settings`: what load_municipality takes. Raises ValidationError for a plan too
    large to render (size.py) or bad settings."""
    from planbro.documents.citizen_pdf import FRAME_HEIGHT, Layout

    check_size(plan)
    place = load_municipality(settings)
    municipality = replace(place, name=keep_together(place.name),
                           address=keep_together(place.address))
    layout, cleaned = Layout(), dict[tuple[bool, str], str]()
    for limits in LEVELS:
        copy = build_citizen(plan, municipality, english, limits, cleaned)
        # Measured first (cheap: each paragraph is broken into lines once for all
        # levels); laid out only when it may fit, and kept when it does.
        if limits is not LEVELS[-1] and layout.height(copy) > MAX_PAGES * FRAME_HEIGHT - SLACK:
            continue
        pdf, pages = layout.pdf(copy, write="pdf" in kinds)
        if pages <= MAX_PAGES:
            break
    out = {}
    for kind in kinds:
        if kind == "pdf":
            out[kind] = pdf
        else:
            from planbro.documents.citizen_docx import citizen_docx

            out[kind] = citizen_docx(copy)
    return out


def citizen_filename(plan: Plan, ext: str, english: bool = False) -> str:
    """`Din plan <navn> <YYYY-MM-DD> v<version>[ KLADDE][ dansk-engelsk].<ext>`: never a
    CPR number (filenames.safe_component takes any out of the name)."""
    parts = [w.TITLE.da, safe_component(plan.citizen.name)]
    day = plan_date(plan)
    if day:
        parts.append(day.isoformat())
    parts.append(f"v{plan.version}")
    if is_draft(plan):
        parts.append(DRAFT_SUFFIX)
    if english:
        parts.append(ENGLISH_SUFFIX)
    return safe_filename(" ".join(p for p in parts if p), ext)
