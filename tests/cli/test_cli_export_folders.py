"""`planbro export --out` makes the folders it needs private: the plans hold names and CPR numbers."""

from __future__ import annotations

import os

import pytest

from planbro.cli import build_parser, main

EXAMPLE_ID = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"


def _purpose() -> list[str]:
    """--purpose when export asks for one (the audit log's purposes)."""
    try:
        build_parser().parse_args(["export", "--all", "--out", "x", "--purpose", "sagsbehandling"])
    except SystemExit:
        return []
    return ["--purpose", "sagsbehandling"]


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_export_makes_missing_folders_private(example_path, tmp_path, capsys, umask):
    assert main(["import", str(example_path)]) == 0
    old = os.umask(umask)
    try:
        out = tmp_path / "a" / "b" / "c"
        assert main(["export", *_purpose(), "--all", "--out", str(out)]) == 0
    finally:
        os.umask(old)
    for made in (tmp_path / "a", tmp_path / "a" / "b", out):
        assert os.stat(made).st_mode & 0o777 == 0o700, made
    assert len(list(out.iterdir())) == 1
