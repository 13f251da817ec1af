"""Rendering a plan with one very long paragraph: PDF and .docx, 100 KB to 1 MB.

    .venv/bin/python tests/benchmarks/bench_long_paragraph.py            # 3 runs each
    .venv/bin/python tests/benchmarks/bench_long_paragraph.py --runs 1 --baseline-max 100000

The example plan's purpose is replaced by one paragraph of the given size
(Danish words and sentences, or one "word" without spaces). Planbro lays a
long paragraph out in pieces (documents/long_text.py). The baseline, in the
same run: the same rendering with the paragraph as one unsplit reportlab
Paragraph (as before issue 10), which is quadratic, so it is only measured
up to --baseline-max characters. Medians of --runs runs after a warm-up.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import time
from collections.abc import Callable
from importlib import resources
from unittest import mock

from planbro.exchange import read_plan_file
from planbro.model import Plan

from planbro.documents import docx_bytes, pdf_bytes

# Paragraph sizes measured, in characters.
SIZES = (100_000, 300_000, 1_000_000)
# Issue 10's target for a 1 MB field: "a few seconds".
TARGET_1MB_S = 10.0


def _words(chars: int) -> str:
    sentence = "Borgeren ønsker en lejlighed tæt på sin datter og vil gerne have hjælp til økonomien. "
    return (sentence * (chars // len(sentence) + 1))[:chars].rstrip()


def _one_word(chars: int) -> str:
    return ("x" * chars)[:chars]


def _median_s(render: Callable[[Plan], bytes], plan: Plan, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        render(plan)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _unsplit_pdf(plan: Plan) -> bytes:
    # Every paragraph as one piece: reportlab's own Paragraph, unsplit.
    with mock.patch("planbro.documents.pdf.pieces", lambda text: [text]):
        return pdf_bytes(plan)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline-max", type=int, default=300_000,
                        help="largest paragraph the unsplit baseline is measured for")
    args = parser.parse_args(argv)
    with resources.as_file(resources.files("planbro.forms") / "example-plan.json") as path:
        example = read_plan_file(path)
    pdf_bytes(example)
    docx_bytes(example)  # warm-up: fonts registered, templates cached
    print(f"one paragraph in the plan's purpose, median of {args.runs} runs (seconds):")
    print(f"  {'text':<10} {'size':>9}  {'Planbro PDF':>11}  {'unsplit PDF':>11}  {'.docx':>6}")
    ok = True
    for kind, make in (("words", _words), ("one word", _one_word)):
        for size in SIZES:
            plan = copy.deepcopy(example)
            plan.purpose = make(size)
            pdf_s = _median_s(pdf_bytes, plan, args.runs)
            docx_s = _median_s(docx_bytes, plan, args.runs)
            baseline = "—"
            if size <= args.baseline_max:
                baseline = f"{_median_s(_unsplit_pdf, plan, 1):.2f}"
            print(f"  {kind:<10} {size:>9,}  {pdf_s:11.2f}  {baseline:>11}  {docx_s:6.2f}")
            if size == 1_000_000:
                ok = ok and pdf_s <= TARGET_1MB_S
    print(f"unsplit PDF: one run each, up to {args.baseline_max:,} characters (it is quadratic)")
    print(f"target: a 1 MB paragraph as PDF in <= {TARGET_1MB_S:.0f} s:",
          "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
