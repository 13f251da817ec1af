"""The bound on how much text a plan document is made of.

╭──────────────────────────────────────────────────────────────────────────╮
│ Rendering is linear in the text (long_text.py) but still takes about a   │
│ second per megabyte for the PDF. A plan larger than a plan file may be   │
│ (model.limits.MAX_PLAN_FILE_BYTES, measured as the compact JSON of the   │
│ plan, so every importable plan is renderable) is refused at once, naming │
│ its largest text, instead of keeping the user waiting for minutes.       │
╰──────────────────────────────────────────────────────────────────────────╯
"""

from __future__ import annotations

from planbro.translation import _

from planbro.model.limits import MAX_PLAN_FILE_BYTES
from planbro.model.plan import Plan
from planbro.model.problems import Problem, ValidationError
from planbro.model.size import megabytes, plan_bytes, too_large

# What the tests and the layout use by these names.
__all__ = ["check_size", "plan_bytes"]


def check_size(plan: Plan) -> None:
    """Raise ValidationError, naming the largest text, when `plan` is too large to render."""
    found = too_large(plan)
    if found is None:
        return
    reason = _("the plan holds {size} of text, more than the {limit} a document can be made "
               "of (the size limit for a plan file); this text alone holds {largest}: "
               "shorten it").format(size=megabytes(found.size),
                                    limit=megabytes(MAX_PLAN_FILE_BYTES),
                                    largest=megabytes(found.largest))
    raise ValidationError([Problem(found.field, reason)])
