"""A finding names its field as the wizard labels it (forms/wizard.yaml), so the
caseworker finds what the message speaks of (#9.16)."""

from __future__ import annotations

import copy
import re

import pytest
from test_quality_rules import MISTAKES

from planbro.formdefs import default_formdefs, walk_fields

from planbro.quality import check_plan

# Rules whose message speaks of the field it points at by that field's name.
NAMING_RULES = ("citizen-identity", "citizen-words", "service-legal-basis", "service-provider",
                "service-start", "service-title", "stk3-purpose", "stk3-duration",
                "subgoal-deadline", "subgoal-responsible", "follow-up-missing", "offer-again-missing")
# Words a label holds that a message may inflect ("Indsatsens navn" → "intet navn").
_KEY_WORD = re.compile(r"\w+$")


def _labels() -> dict[str, str]:
    labels = {}
    for step in default_formdefs().steps:
        for section in step.sections:
            for field in walk_fields(section.fields):
                labels[field.path.replace("[]", "")] = field.label.get().replace("&", "").rstrip(" *")
    return labels


@pytest.mark.parametrize("rule_id", NAMING_RULES)
def test_the_message_uses_the_field_s_own_label(rule_id, good, today):
    mistake, field = MISTAKES[rule_id]
    mistake(good)
    (finding, *_rest) = [f for f in check_plan(copy.deepcopy(good), today) if f.rule == rule_id]
    label = _labels()[re.sub(r"\[\d+\]", "", field)]
    last_word = _KEY_WORD.search(label).group().lower()
    assert last_word in finding.message.lower(), (label, finding.message)


def test_a_service_without_a_name_is_said_to_have_no_name(good, today):
    good.services[3].title = ""
    (finding,) = [f for f in check_plan(good, today) if f.rule == "service-title"]
    assert finding.message == "Indsats nr. 4 har intet navn. Skriv, hvad indsatsen er."
