"""Long user text cut into pieces reportlab lays out cheaply, and short
texts for metadata fields that have a length limit.

╭──────────────────────────────────────────────────────────────────────────╮
│ Why pieces: reportlab breaks a paragraph into lines again for every page │
│ it continues on (split() makes the rest a new Paragraph, which wraps its │
│ whole text again), so one paragraph of n characters costs n² (a 1 MB     │
│ field took 404 s). Pieces of at most PIECE_CHARS, each its own Paragraph │
│ flowable, make it linear. A piece ends at a line break, else after a     │
│ sentence, else at a space, else (one long "word") anywhere: the reader   │
│ sees at most a shorter line every few thousand characters. Short lines   │
│ share a piece, their line breaks kept.                                   │
╰──────────────────────────────────────────────────────────────────────────╯
"""

from __future__ import annotations

import re

# Longest piece of one paragraph laid out as one reportlab Paragraph
# (about half an A4 page of body text).
PIECE_CHARS = 3000
# Most lines gathered into one piece: about as many as PIECE_CHARS of
# running text makes (reportlab wraps a piece again for every page it
# continues on, so a piece of 1,500 short lines would be quadratic again).
PIECE_LINES = 30
# How far back from the longest piece's end a sentence end or space is looked for.
LOOK_BACK = 1000
# The end of a sentence: the space after ".", "!" or "?".
_SENTENCE_END = re.compile(r"[.!?][»”’)]* ")
# Longest text in a metadata field: the .docx core properties allow 255.
META_CHARS = 255
# Marks a text cut short for metadata.
ELLIPSIS = "…"


def pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """`text` cut into pieces of at most `size` characters, with nothing lost
    but the line break or space each piece ends at. Short lines are gathered,
    up to PIECE_LINES, into one piece with their line breaks: a piece per
    line would make a text of many short lines as many paragraphs."""
    if len(text) <= size:
        return [text]
    out: list[str] = []
    # The lines of the piece being gathered, and its length with their line breaks.
    group: list[str] = []
    length = 0
    for line in text.split("\n"):
        parts = _cut_line(line, size)
        if group and length + 1 + len(parts[0]) <= size and len(group) < PIECE_LINES:
            first = parts.pop(0)
            group.append(first)
            length += 1 + len(first)
        if parts:  # the line, or its rest, begins a new piece
            if group:
                out.append("\n".join(group))
            out += parts[:-1]
            group, length = [parts[-1]], len(parts[-1])
    out.append("\n".join(group))
    return out


def _cut_line(line: str, size: int) -> list[str]:
    out: list[str] = []
    start = 0
    while len(line) - start > size:
        end = start + size
        window = line[max(start, end - LOOK_BACK):end + 1]
        offset = end + 1 - len(window)
        sentence = [m.end() for m in _SENTENCE_END.finditer(window)]
        if sentence:
            cut, skip = offset + sentence[-1] - 1, 1
        elif (space := window.rfind(" ")) > 0:
            cut, skip = offset + space, 1
        else:
            cut, skip = end, 0
        out.append(line[start:cut])
        start = cut + skip
    out.append(line[start:])
    return out


def shorten(text: str, limit: int = META_CHARS) -> str:
    """`text` if it has at most `limit` characters, else cut at the last space
    that leaves room for "…" (anywhere when there is none), with "…" after it."""
    if len(text) <= limit:
        return text
    head = text[:limit - len(ELLIPSIS) + 1]
    space = head.rfind(" ")
    head = head[:space] if space > 0 else head[:-1]
    return head.rstrip(" ,;:–-·") + ELLIPSIS
