"""The colours of messages, one home for the wizard's fields, its Gennemgang
and the follow-up dialog: an error and a warning look the same wherever they
are shown. Plain "#rrggbb" strings, for style sheets and rich text; no Qt."""

from __future__ import annotations

from planbro.quality import ADVARSEL, FEJL

# Red of an error (a fejl, text that cannot be saved); AA contrast on white and grey.
ERROR_COLOUR = "#b00020"
# Dark amber of a warning (an advarsel, a gap left for later); AA on white and grey too.
WARNING_COLOUR = "#8a5a00"
# The quality check's severities, by colour.
SEVERITY_COLOURS = {FEJL: ERROR_COLOUR, ADVARSEL: WARNING_COLOUR}
