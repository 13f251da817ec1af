"""English mode speaks one form each: the Danish legal citation (§ 141, stk. 3, nr. 2) and day-month-year dates (#9.18)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from planbro.translation import set_language

from planbro.model.labels import moment_label

from planbro.quality.wording import date_text

ROOT = Path(__file__).resolve().parent.parent
# A citation written the Anglo way: § 141(3) or § 141(3)(2).
ANGLO_CITATION = re.compile(r"§ ?\d+ ?[a-z]?\(\d+\)")


def test_no_english_text_cites_the_law_another_way():
    sources = [ROOT / "forms" / "wizard.yaml", ROOT / "i18n" / "planbro.pot",
               *sorted((ROOT / "desktop" / "planbro").rglob("*.py"))]
    found = [f"{path.relative_to(ROOT)}: {match.group()}" for path in sources
             for match in ANGLO_CITATION.finditer(path.read_text(encoding="utf-8"))]
    assert found == []
    assert "§ 141, stk. 3, nr. 2" in (ROOT / "forms" / "wizard.yaml").read_text(encoding="utf-8")


def test_english_dates_are_day_month_year_like_the_caseload():
    set_language("en")
    assert date_text(date(2026, 12, 1)) == "1 December 2026"
    assert moment_label("2026-12-01T11:00:00Z").split()[:3] == ["1", "Dec", "2026"]
    set_language("da")
    assert date_text(date(2026, 12, 1)) == "1. december 2026"
