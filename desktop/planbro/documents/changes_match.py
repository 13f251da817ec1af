"""Which item of an earlier version is which item of a later one, for the list of changes.

Goals carry an id (Goal.id) and are matched by it. Sub-goals, services and
partners carry none, so they are matched by what they say:

1. items whose key (a sub-goal's text, a service's title, a partner's name and
   organisation) is the same, spaces and case aside, are the same item, in
   their order;
2. of the rest, the pair that is most alike (how alike their keys read, plus
   what else they share: the same legal basis, provider, deadline …) is the
   same item changed, as long as it is alike enough (ALIKE); and so on down;
3. what is left of the earlier version was removed, of the later one added.

So a sub-goal whose words were rewritten from scratch, with nothing else in
common, shows as one removed and one added: honest, if not as short.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from difflib import SequenceMatcher
from typing import TypeVar

# An item of a list in a plan: a sub-goal, a service, a partner, a handover.
T = TypeVar("T")

# How alike two items must be (0 to 1 and a little more, see alike()) to be one
# item that changed rather than one removed and another added.
ALIKE = 0.6
# The most leftover pairs step 2 weighs: beyond it (hundreds of items all changed
# in a hostile file) the rest are removed and added, in time linear in the lists.
MAX_WEIGHED = 2500


def key_text(text: str) -> str:
    """`text` as keys compare it: one line, single spaces, case folded."""
    return " ".join(text.split()).casefold()


def similarity(a: str, b: str) -> float:
    """How alike two texts read, 0 (nothing in common) to 1 (the same), case aside."""
    a, b = key_text(a), key_text(b)
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def shared(a: object, b: object) -> bool:
    """True when both have the same value and it is not empty."""
    if isinstance(a, str) and isinstance(b, str):
        return bool(key_text(a)) and key_text(a) == key_text(b)
    return a is not None and a == b


def pair(old: Sequence[T], new: Sequence[T], key: Callable[[T], Hashable],
         alike: Callable[[T, T], float]) -> list[tuple[T | None, T | None]]:
    """(earlier item, later item) for every item of either list, as the module says:
    in the later list's order, with the removed items (later item None) at the end."""
    partner_of: dict[int, int] = {}
    by_key: dict[Hashable, list[int]] = {}
    for index, item in enumerate(old):
        by_key.setdefault(key(item), []).append(index)
    for index, item in enumerate(new):
        waiting = by_key.get(key(item))
        if waiting:
            partner_of[index] = waiting.pop(0)
    matched = set(partner_of.values())
    old_left = [i for i in range(len(old)) if i not in matched]
    new_left = [i for i in range(len(new)) if i not in partner_of]
    weighed = len(old_left) * len(new_left) <= MAX_WEIGHED
    candidates = sorted(((alike(old[o], new[n]), n, o) for o in old_left for n in new_left
                         if weighed), key=lambda c: (-c[0], c[1], c[2]))
    taken: set[int] = set()
    for score, n, o in candidates:
        if score < ALIKE:
            break
        if n in partner_of or o in taken:
            continue
        partner_of[n] = o
        taken.add(o)
    used = set(partner_of.values())
    pairs: list[tuple[T | None, T | None]] = [
        (old[partner_of[n]] if n in partner_of else None, item) for n, item in enumerate(new)]
    pairs += [(item, None) for o, item in enumerate(old) if o not in used]
    return pairs


def place(items: Sequence[T], item: T) -> int:
    """The place (from 1) of `item` itself in `items`, by identity: two equal items
    have places of their own."""
    return next(number for number, other in enumerate(items, 1) if other is item)
