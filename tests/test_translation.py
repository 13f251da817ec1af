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


def _i18n_tool():
    import importlib.util
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "tools" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_compiled_catalog_is_compared_by_its_messages_not_its_bytes(tmp_path):
    # Another babel writes another Generated-By header: the catalog is still current.
    tool = _i18n_tool()
    import babel
    catalog = tool.read_catalog(tool.po_path("da"), "da")
    data = tool.compiled(catalog)
    ours = ("Generated-By: Babel " + babel.__version__).encode()
    other = b"Generated-By: Babel " + b"9" * len(babel.__version__)
    assert ours in data
    mo = tmp_path / "planbro.mo"
    mo.write_bytes(data.replace(ours, other))  # same length: offsets stay valid
    assert mo.read_bytes() != data
    assert tool.mo_matches(mo, tool.read_catalog(tool.po_path("da"), "da"))


def test_a_compiled_catalog_missing_or_changing_a_message_is_stale(tmp_path):
    tool = _i18n_tool()
    catalog = tool.read_catalog(tool.po_path("da"), "da")
    catalog.get("is missing").string = "forkert"
    mo = tmp_path / "planbro.mo"
    mo.write_bytes(tool.compiled(catalog))
    assert not tool.mo_matches(mo, tool.read_catalog(tool.po_path("da"), "da"))
    catalog.delete("is missing")
    mo.write_bytes(tool.compiled(catalog))
    assert not tool.mo_matches(mo, tool.read_catalog(tool.po_path("da"), "da"))
    mo.write_bytes(b"\x00garbage")
    assert not tool.mo_matches(mo, tool.read_catalog(tool.po_path("da"), "da"))


def test_the_language_is_read_from_the_command_line_before_parsing():
    from planbro.translation import language_from_argv

    assert language_from_argv(["list", "--lang", "en"]) == "en"
    assert language_from_argv(["--lang=da", "show", "abc"]) == "da"
    assert language_from_argv(["show", "--lang"]) is None
    assert language_from_argv(["list"]) is None


def test_an_untranslated_plural_counts_as_untranslated(tmp_path, monkeypatch):
    tool = _i18n_tool()
    catalog = tool.read_catalog(tool.po_path("da"), "da")
    plural = next(m for m in catalog if isinstance(m.id, (list, tuple)) and m.id)
    plural.string = ("", "")
    assert not tool._translated(plural.string)
    po = tmp_path / "da" / "LC_MESSAGES" / "planbro.po"
    po.parent.mkdir(parents=True)
    from babel.messages.pofile import write_po
    with open(po, "wb") as handle:
        write_po(handle, catalog)
    po.with_suffix(".mo").write_bytes(tool.compiled(catalog))
    monkeypatch.setattr(tool, "I18N", tmp_path)
    assert tool.main(["--check"]) == 1
