"""The terminal never shows a CPR number: not in a citizen's name, nor in a file's name (#10)."""

from __future__ import annotations

import json

from planbro.cli import main

# A CPR number a caseworker put where it does not belong.
CPR = "120379-1234"


def test_a_cpr_number_in_the_name_or_the_file_name_is_hidden(example_path, tmp_path, capsys):
    data = json.loads(example_path.read_text(encoding="utf-8"))
    data["citizen"]["name"] = f"Jonas {CPR}"
    named = tmp_path / f"{CPR} Jonas.json"
    named.write_text(json.dumps(data), encoding="utf-8")
    assert main(["import", str(named)]) == 0
    assert main(["list"]) == 0
    assert main(["list", "--json"]) == 0
    assert main(["show", data["id"][:8]]) == 0
    out, err = capsys.readouterr()
    assert CPR not in out + err and "120379 1234" not in out + err
    assert "Jonas xxxxxx-xxxx" in out
    # A refusal of such a file hides it in the file's name as well.
    data["version"] = 0
    named.write_text(json.dumps(data), encoding="utf-8")
    assert main(["import", str(named)]) == 2
    out, err = capsys.readouterr()
    assert CPR not in out + err and "xxxxxx-xxxx Jonas.json" in err


def test_a_file_level_refusal_names_the_file_once(tmp_path, capsys):
    big = tmp_path / "stor.json"
    big.write_bytes(b" " * (5 * 1024 * 1024 + 1))
    assert main(["import", str(big)]) == 2
    err = capsys.readouterr().err
    assert err.count(str(big)) == 1, err
