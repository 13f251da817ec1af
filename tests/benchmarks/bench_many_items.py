"""Rendering plans of many small things, and one huge word: now and the old way.

    .venv/bin/python tests/benchmarks/bench_many_items.py            # 1 run each
    .venv/bin/python tests/benchmarks/bench_many_items.py --runs 3

The shapes a tester found slow within the 5 MB import limit: many lines in
a text field, many lines in one table cell, many services (one table row
and note each), one "word" of megabytes. "Old" is the same rendering with
each change of issue 10 undone in the same run: no bound on lines and rows
(documents/size.py), one reportlab Table per table (pdf.TABLE_ROWS), a
piece per line (long_text.PIECE_LINES), reportlab's own word split
(pdf_words). The old way is measured only up to sizes that finish in a
minute or so; beyond the bounds Planbro refuses, and the time to refuse is
shown. Medians of --runs runs after a warm-up.
"""

from __future__ import annotations

import argparse
import copy
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from importlib import resources
from unittest import mock

from planbro.exchange import read_plan_file
from planbro.model import Plan, Service, ValidationError

from planbro.documents import docx_bytes, pdf_bytes, pdf_words

# A shape: its name, its size, how to make it from the example plan, and
# whether the old way is measured for it (False: it takes minutes).
Shape = tuple[str, int, Callable[[Plan, int], None], bool]


def _lines(plan: Plan, n: int) -> None:
    plan.purpose = "a\n" * n


def _cell_lines(plan: Plan, n: int) -> None:
    plan.goals[0].subgoals[0].indicator = "a\n" * n


def _services(plan: Plan, n: int) -> None:
    goal = plan.goals[0].id
    plan.services = [Service(title=f"Indsats {i}", legal_basis="Serviceloven § 85",
                             provider="CTI-teamet, Odense Kommune", extent="2 besøg om ugen",
                             goal_ids=[goal]) for i in range(n)]


def _word(plan: Plan, n: int) -> None:
    plan.purpose = "x" * n


SHAPES: tuple[Shape, ...] = (
    ("lines in purpose", 19_800, _lines, True),
    ("lines in purpose", 1_000_000, _lines, False),
    ("lines in a cell", 10_000, _cell_lines, True),
    ("lines in a cell", 19_000, _cell_lines, True),
    ("services", 250, _services, True),
    ("services", 500, _services, True),
    ("services", 980, _services, True),
    ("services", 3_000, _services, False),
    ("one word", 1_000_000, _word, True),
    ("one word", 4_900_000, _word, True),
)


@contextmanager
def _old_way() -> Iterator[None]:
    """Rendering as before these changes."""
    with ExitStack() as stack:
        for target, value in (("planbro.documents.size.MAX_LINES", 10**12),
                              ("planbro.documents.size.MAX_ROWS", 10**12),
                              ("planbro.documents.pdf.TABLE_ROWS", 10**12),
                              ("planbro.documents.long_text.PIECE_LINES", 1),
                              ("planbro.documents.pdf_words._split_fast", pdf_words._split_word)):
            stack.enter_context(mock.patch(target, value))
        yield


def _median_s(render: Callable[[Plan], bytes], plan: Plan, runs: int) -> tuple[float, str]:
    """The median time of `runs` renderings, and "refused" when the plan was refused."""
    times, outcome = [], ""
    for _ in range(runs):
        start = time.perf_counter()
        try:
            render(plan)
        except ValidationError:
            outcome = "refused"
        times.append(time.perf_counter() - start)
    return statistics.median(times), outcome


def _cell(seconds: float, outcome: str) -> str:
    return f"{seconds:.2f}" + (f" {outcome}" if outcome else "")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args(argv)
    with resources.as_file(resources.files("planbro.forms") / "example-plan.json") as path:
        example = read_plan_file(path)
    pdf_bytes(example)
    docx_bytes(example)  # warm-up: fonts registered, templates cached
    print(f"median of {args.runs} run(s), seconds (refused: Planbro says why at once):")
    print(f"  {'shape':<17} {'size':>9}  {'PDF':>12}  {'old PDF':>8}  {'.docx':>12}  {'old .docx':>9}")
    for name, size, make, old in SHAPES:
        plan = copy.deepcopy(example)
        make(plan, size)
        pdf = _cell(*_median_s(pdf_bytes, plan, args.runs))
        docx = _cell(*_median_s(docx_bytes, plan, args.runs))
        old_pdf = old_docx = "—"
        if old:
            with _old_way():
                old_pdf = _cell(*_median_s(pdf_bytes, plan, 1))
                old_docx = _cell(*_median_s(docx_bytes, plan, 1))
        print(f"  {name:<17} {size:>9,}  {pdf:>12}  {old_pdf:>8}  {docx:>12}  {old_docx:>9}",
              flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"old: one run each; —: not measured (minutes). Peak memory {peak} MB.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
