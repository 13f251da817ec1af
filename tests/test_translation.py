import subprocess
import sys
from pathlib import Path

from planbro.translation import _, set_language

ROOT = Path(__file__).resolve().parent.parent


def test_catalogs_are_complete_and_compiled():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "i18n.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_danish_by_default_english_on_request():
    set_language("da")
    assert _("is missing") == "mangler"
    set_language("en")
    assert _("is missing") == "is missing"
