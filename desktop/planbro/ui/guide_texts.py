"""Hjælp → Vejledning: a short guide to the wizard's steps, as data.

The steps and their titles come from forms/wizard.yaml (planbro.formdefs),
so the guide names the steps the wizard shows, in its order and words; this
module adds one sentence or two of guidance per step id. A step it has no
guidance for (a changed wizard.yaml, PLANBRO_FORMS) is shown with the step's
own intro. Qt-free: the guide window (help_windows.py) shows the HTML.
"""

from __future__ import annotations

from html import escape

from planbro.translation import N_, _

from planbro.formdefs import FormDefs, StepDef

# What the caseworker does in each step, by the step's id in forms/wizard.yaml.
STEP_GUIDANCE = {
    "citizen": N_(
        "Write the citizen's name and CPR number as they are in the CPR register, and how "
        "the citizen can be reached. Your own name and unit come from Settings. Without a name "
        "and a CPR number the plan cannot be signed."),
    "offer": N_(
        "Record when the citizen was offered a plan, and the answer (§ 141, stk. 2). If the "
        "citizen says no, write the reason in the citizen's own words; the wizard then goes "
        "straight to the review, and the document records the offer. A § 142 plan for a citizen "
        "at a forsorgshjem or herberg is made all the same: record whether the citizen takes "
        "part, the stay and the boform's notification. A helhedsorienteret plan (§ 141, stk. 7) "
        "needs the citizen's consent and says which plans it replaces."),
    "purpose": N_(
        "Write in the citizen's own words what the citizen wishes for their life, and then the "
        "purpose of the help as a whole (§ 141, stk. 3, nr. 1)."),
    "goals": N_(
        "Break the purpose into goals and sub-goals that are concrete and measurable: how you "
        "will know a goal is reached, who is responsible and by when. Avoid goals such as «få "
        "det bedre»."),
    "services": N_(
        "List every service the plan needs (§ 141, stk. 3, nr. 2) with its legal basis, who "
        "delivers it and which goals it serves — the jobcentre and treatment too, which are "
        "often missing."),
    "duration": N_(
        "Give the expected duration (§ 141, stk. 3, nr. 3) and the date of the next follow-up "
        "(§ 148, stk. 2): the first within 3 months, then at least once a year. For a § 142 "
        "plan, tick the conditions for discharge (§ 110, stk. 5) that hold, and record the "
        "citizen's wish for who gives the bostøtte."),
    "circumstances": N_(
        "Describe the other circumstances that matter (§ 141, stk. 3, nr. 4): housing, work or "
        "education, personal help, treatment and aids. Mark a matter that is not relevant, with "
        "the reason, so it does not look forgotten."),
    "partners": N_(
        "Name the partners who work with the citizen, and record for each what the citizen "
        "consents to share, with whom, for what purpose and until when. A general consent is "
        "not valid."),
    "review": N_(
        "Read the whole plan through with the citizen. The review lists what is missing and what "
        "the quality check found; from here you save the plan as Word or PDF and print it, so "
        "you can both sign it."),
}


def guidance(step: StepDef) -> str:
    """The guidance of `step`, in the UI's language; its intro when there is none."""
    text = STEP_GUIDANCE.get(step.id)
    if text is not None:
        return _(text)
    return step.intro.get() if step.intro is not None else ""


def guide_title(defs: FormDefs) -> str:
    return _("Guide to the {count} steps").format(count=len(defs.steps))


def guide_html(defs: FormDefs) -> str:
    """The guide as simple HTML: an introduction, one paragraph per step, what comes after."""
    parts = [f"<h2>{escape(guide_title(defs))}</h2>", "<p>" + escape(_(
        "The wizard follows serviceloven § 141 in {count} steps. Everything is saved as you "
        "type; you can go on where the law allows a gap, and come back to any step from the "
        "list on the left.").format(count=len(defs.steps))) + "</p>"]
    for step in defs.steps:
        heading = _("Step {number} — {title}").format(number=step.number, title=step.title.get())
        parts.append(f"<p><b>{escape(heading)}.</b> {escape(guidance(step))}</p>")
    parts.append("<p>" + escape(_(
        "When the plan has been signed, mark it as signed in the caseload (Ctrl+U). To change a "
        "signed plan, revise it (Ctrl+R): that makes a new version, and the signed one is "
        "kept.")) + "</p>")
    return "\n".join(parts)
