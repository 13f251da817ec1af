"""The column widths of a table, from its content: the same in the PDF and the .docx.

Measured with the PDF's font (Planbro Sans, reportlab's stringWidth); the
.docx's Calibri is narrower, so what fits in the PDF fits in Word too.

Each column has three widths (cell padding included):

- its least: the widest piece of its text that no line may break inside.
  A header's word, a date ("30. jun. 2027" as a whole), a group joined by
  no-break spaces ("§ 85 a", a phone number), a word reportlab cannot
  hyphenate ("mls@odense.dk"), and of a word it can, the widest piece
  between two allowed breaks, with its hyphen ("behand-");
- its comfortable least: as the least, with every word of its text whole;
- its most: its widest line unbroken.

The table fills the text width, its columns in proportion to the layout's
relative widths (Table.widths, the hint), each held between a floor and
its most: the floor is the comfortable least (no word must be hyphenated),
or the whole text if it is short (SHORT_TEXT), when all of those fit; else
the comfortable least when all of those fit; else, with some words to be
hyphenated, the comfortable least up to one common width (KEEP_WHOLE: the
longest words are the ones hyphenated) and at least the least. When every column can have its most, the room left is
shared by the hint. Only when the leasts alone do not fit are they
shrunk, and a piece breaks without a hyphen: the last resort.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import cache, lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

from planbro.documents import fonts as f
from planbro.documents.blocks import Table
from planbro.documents.hyphenation import MAX_WORD_LENGTH, MIN_WORD_LENGTH, pairs

# The font and size of table text (the PDF's "cell" and "head" styles; the
# .docx's Planbro Tabeltekst and Planbro Tabeloverskrift are 8.5 pt too).
CELL_FONT, HEAD_FONT, CELL_SIZE = f.SANS, f.SANS_BOLD, 8.5
# Left and right padding of a table cell, in points (the .docx's cell
# margins are 80 twips: the same 4 pt).
CELL_PADDING = 4.0
# Room for rounding and for a renderer measuring a hair wider, in points.
SLACK = 0.5
# A cell this wide or narrower (padding included) keeps to one line when the
# table has room: "Ikke startet", "Ikke fastsat" are not wrapped to give a
# long text a few more points.
SHORT_TEXT = 68.0
# In a table where some words must be hyphenated, the share of the room
# above the columns' leasts that goes to keeping the shorter words whole.
KEEP_WHOLE = 0.6
# Halvings in the search for the widths' common level: far below a point.
_BISECTIONS = 40
# The least relative width a hint counts with (a zero would never grow).
_LEAST_HINT = 1e-3
# Where a line may break: reportlab's and Word's breaking spaces (not the no-break space).
_SPACES = re.compile(r"[ \t\n\u2000-\u200b\u3000]+")
# A date as the documents print it, which never wraps: "30. jun. 2027", "1. december 2026".
_DATE = re.compile(r"\d{1,2}\. ?[^\W\d_]+\.? \d{4}")
# What reportlab's hyphenation takes off a word before hyphenating it
# (paragraph.py's _hy_pfx_pat and _hy_sfx_pat), and the word it hyphenates:
# letters, with hyphens only between them.
_PREFIX = re.compile("^['\"(\\[{\u00bf\u2018\u201a\u201c\u201e]+")
_SUFFIX = re.compile("[\\]'\")}?!.,;:\u2019\u201b\u201d\u201f]+$")
_LETTERS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*\Z")


@cache
def _fonts() -> None:
    f.register_fonts()


@lru_cache(maxsize=16384)
def text_width(text: str, font: str = CELL_FONT) -> float:
    """The width of `text` in `font` at the table size, in points."""
    _fonts()
    return float(stringWidth(text, font, CELL_SIZE))


@lru_cache(maxsize=16384)
def least_word(word: str, font: str = CELL_FONT) -> float:
    """The widest piece of `word` between two places it may break at (its
    hyphens and pyphen's), each head with its hyphen; the whole word when
    reportlab would not hyphenate it."""
    head = _PREFIX.match(word)
    pfx = head.group(0) if head else ""
    tail = _SUFFIX.search(word[len(pfx):])
    sfx = tail.group(0) if tail else ""
    core = word[len(pfx):len(word) - len(sfx)]
    if len(core) < MIN_WORD_LENGTH or not _LETTERS.match(core):
        return text_width(word, font)
    if len(core) > MAX_WORD_LENGTH:
        # Cut anywhere (hyphenation leaves it alone): asks for no more room
        # than a long Danish word.
        return text_width(core[:MAX_WORD_LENGTH // 2], font)
    cuts = sorted({len(h) for h, _t in pairs(core)} | {i + 1 for i, c in enumerate(core) if c == "-"})
    bounds = [0, *cuts, len(core)]
    pieces = [core[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]
    pieces = [p if i == len(pieces) - 1 or p.endswith("-") else p + "-" for i, p in enumerate(pieces)]
    pieces[0], pieces[-1] = pfx + pieces[0], pieces[-1] + sfx
    return max(text_width(p, font) for p in pieces)


def _words(text: str) -> list[str]:
    return [w for w in _SPACES.split(text) if w]


def _cell(text: str, header: bool) -> tuple[float, float]:
    """(comfortable least, most) of one cell's text, padding excluded."""
    font = HEAD_FONT if header else CELL_FONT
    lines = text.split("\n")
    most = max(text_width(line, font) for line in lines)
    comfortable = 0.0
    for line in lines:
        if not header and _DATE.fullmatch(line.strip()):
            comfortable = max(comfortable, text_width(line.strip(), font))
            continue
        comfortable = max([comfortable, *(text_width(w, font) for w in _words(line))])
    return comfortable, most


def _least(text: str, header: bool) -> float:
    """The least of one cell's text, padding excluded: a header's words and a
    date are whole; other words may be hyphenated."""
    if header:
        return _cell(text, header)[0]
    least = 0.0
    for line in text.split("\n"):
        if _DATE.fullmatch(line.strip()):
            least = max(least, text_width(line.strip()))
            continue
        least = max([least, *(least_word(w) for w in _words(line))])
    return least


def _spread(lo: Sequence[float], hi: Sequence[float], hint: Sequence[float],
            width: float) -> tuple[float, ...]:
    """Widths in proportion to `hint`, each held between its `lo` and `hi`,
    summing to `width` (which lies between the sums of `lo` and `hi`):
    clamp(level * hint, lo, hi) with the one level that fills the width,
    found by bisection (the sum grows with the level)."""
    def widths(level: float) -> list[float]:
        return [min(max(level * h, a), b) for h, a, b in zip(hint, lo, hi)]

    low, high = 0.0, width / min(hint)
    for _ in range(_BISECTIONS):
        mid = (low + high) / 2
        low, high = (mid, high) if sum(widths(mid)) < width else (low, mid)
    out = widths(high)
    # What bisection leaves over goes to the columns that may still grow.
    free = [j for j in range(len(out)) if out[j] < hi[j]] or list(range(len(out)))
    rest = (width - sum(out)) / len(free)
    return tuple(w + rest if j in free else w for j, w in enumerate(out))


def _capped(lo: Sequence[float], hi: Sequence[float], total: float) -> list[float]:
    """min(hi, max(lo, cap)) per column, with the one cap that makes them sum to
    `total` (between the sums of `lo` and `hi`), found by bisection."""
    def widths(cap: float) -> list[float]:
        return [min(b, max(a, cap)) for a, b in zip(lo, hi)]

    low, high = 0.0, max(hi)
    for _ in range(_BISECTIONS):
        mid = (low + high) / 2
        low, high = (mid, high) if sum(widths(mid)) < total else (low, mid)
    return widths(low)


@lru_cache(maxsize=256)
def column_widths(table: Table, width: float) -> tuple[float, ...]:
    """The widths of `table`'s columns, in points, summing to `width`."""
    n = len(table.header)
    pad = 2 * CELL_PADDING + SLACK
    rows = ((True, table.header), *((False, r) for r in table.rows))
    comfortable, most = [0.0] * n, [0.0] * n
    for header, row in rows:
        for j, text in enumerate(row[:n]):
            cell = _cell(text, header)
            comfortable[j] = max(comfortable[j], cell[0] + pad)
            most[j] = max(most[j], min(cell[1] + pad, width))
    hints = [max(w, _LEAST_HINT) for w in table.widths[:n]] + [1.0] * (n - len(table.widths))
    # The hint, leaning toward the columns with more to say: a column whose
    # longest line fills a quarter of the table counts half its hint.
    hints = [h * math.sqrt(m / width) for h, m in zip(hints, most)]
    hint = [h / sum(hints) for h in hints]
    if sum(most) <= width:
        return _spread(most, [width] * n, hint, width)
    short = [max(c, min(m, SHORT_TEXT)) for c, m in zip(comfortable, most)]
    if sum(short) <= width:
        return _spread(short, most, hint, width)
    if sum(comfortable) <= width:
        return _spread(comfortable, most, hint, width)
    # Only now the hyphenation is asked (pyphen is the costly part).
    least = [pad] * n
    for header, row in rows:
        for j, text in enumerate(row[:n]):
            least[j] = max(least[j], _least(text, header) + pad)
    # No column's unbreakable pieces claim more than half the table (a pasted
    # string without spaces is cut wherever it falls).
    least = [min(lo, width / 2) for lo in least]
    if sum(least) <= width:
        # Some words must be hyphenated: the longest ones. Part of the room
        # above the leasts keeps the shorter words whole (each column up to
        # one common width, or its comfortable least if that is less); the
        # rest is shared by the hint.
        budget = sum(least) + KEEP_WHOLE * (width - sum(least))
        floor = _capped(least, comfortable, budget)
        return _spread(floor, [max(f, m) for f, m in zip(floor, most)], hint, width)
    # The last resort: even the leasts do not fit; shrink them alike.
    return tuple(lo * width / sum(least) for lo in least)


def document_widths(blocks: Sequence[object], width: float) -> dict[Table, tuple[float, ...]]:
    """The column widths of every table in `blocks`: tables of one kind (the
    same header and hint, such as each goal's sub-goals) share their widths,
    measured over all their rows, so they line up down the pages."""
    kinds: dict[tuple[tuple[str, ...], tuple[float, ...]], list[Table]] = {}
    for block in blocks:
        if isinstance(block, Table):
            kinds.setdefault((block.header, block.widths), []).append(block)
    out: dict[Table, tuple[float, ...]] = {}
    for (header, hint), tables in kinds.items():
        rows = tuple(row for t in tables for row in t.rows)
        widths = column_widths(Table(header, rows, hint), width)
        out.update((t, widths) for t in tables)
    return out
