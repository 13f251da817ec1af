"""Bounds on what one plan may hold, shared by import, storage and the documents.

A plan is typed by a caseworker or imported from a file another program
wrote; these bounds keep a hostile or broken file from exhausting memory or
time, and are stated in the README's storage section.
"""

from __future__ import annotations

# Largest plan file (planbro-plan JSON) that is read at all: 5 MB.
MAX_PLAN_FILE_BYTES = 5 * 1024 * 1024
# Highest plan version accepted (a plan revised weekly for a century stays far below).
MAX_VERSION = 10_000
