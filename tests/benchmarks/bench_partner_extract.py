"""Rendering a partner's extract of the example plan ("Udskrift til Kim Jeppesen"), both formats.

    .venv/bin/python tests/benchmarks/bench_partner_extract.py           # 50 runs
    .venv/bin/python tests/benchmarks/bench_partner_extract.py --runs 20

In one process, after warm-up, each run builds the extract from the plan (the
parts shared, the reduced copy, the document model) and makes the file's bytes,
as the use case does before writing. Medians are printed with issue 13's target:
the extract within the full plan's budget.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from importlib import resources

from planbro.exchange import read_plan_file

from planbro.documents.docx import docx_bytes
from planbro.documents.partner import partner_document
from planbro.documents.pdf import pdf_bytes

# Issue 13's target (median, ms): the full plan's budget, each format.
TARGET_MS = 40.0
# Renders before timing: fonts registered, templates and styles cached.
WARM_UP = 5
# The day the extract is made on (the example's consents stand then).
MADE = date(2026, 12, 2)


def _median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args(argv)
    with resources.as_file(resources.files("planbro.forms") / "example-plan.json") as path:
        plan = read_plan_file(path)
    partner = plan.partners[2]

    def docx() -> bytes:
        return docx_bytes(partner_document(plan, partner, MADE))

    def pdf() -> bytes:
        return pdf_bytes(partner_document(plan, partner, MADE))

    for _ in range(WARM_UP):
        docx()
        pdf()
    docx_ms, pdf_ms = _median_ms(docx, args.runs), _median_ms(pdf, args.runs)
    print(f"partner's extract of the example plan, median of {args.runs} runs after {WARM_UP} "
          "warm-up renders:")
    print(f"  .docx   {docx_ms:8.1f} ms   (target <= {TARGET_MS:.0f} ms)")
    print(f"  PDF     {pdf_ms:8.1f} ms   (target <= {TARGET_MS:.0f} ms)")
    return 0 if max(docx_ms, pdf_ms) <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
