"""The command's parser: a command named on the line is parsed by its own module alone, and
--help or a misspelt command still lists every command."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys

import pytest

from planbro.cli import COMMANDS, build_parser, main


def _registered(module: str) -> list[str]:
    subparsers = argparse.ArgumentParser().add_subparsers()
    importlib.import_module(f"planbro.cli.{module}").register(subparsers)
    return list(subparsers.choices)


@pytest.mark.parametrize("module", list(COMMANDS))
def test_each_module_registers_the_commands_listed_for_it(module):
    assert _registered(module) == list(COMMANDS[module])


def _choices(parser: argparse.ArgumentParser) -> list[str]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(action.choices)


def test_a_known_command_builds_its_own_module_only():
    assert _choices(build_parser("overblik")) == ["overblik"]
    assert _choices(build_parser("show")) == ["list", "show"]


@pytest.mark.parametrize("command", [None, "--help", "oversigt", "-h"])
def test_no_or_an_unknown_command_builds_them_all(command):
    every = [name for names in COMMANDS.values() for name in names]
    assert _choices(build_parser(command)) == every


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as ended:
        main(["--help"])
    assert ended.value.code == 0
    out = capsys.readouterr().out
    for names in COMMANDS.values():
        for name in names:
            assert name in out


def test_a_misspelt_command_is_refused_with_the_commands_to_choose_from(capsys):
    with pytest.raises(SystemExit) as ended:
        main(["oversigt"])
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert "overblik" in err and "list" in err


# Modules the other commands import at their top, which `planbro overblik` does without.
OTHERS = ("planbro.cli.render", "planbro.cli.transfer", "planbro.cli.key",
          "planbro.actions.transfer", "planbro.actions.partner_extract")


def test_overblik_does_not_import_the_other_commands_modules(tmp_path):
    # What the lazy parser is for: `planbro overblik` starts without the modules of the
    # other commands (documents for partners, import and export, the key's commands).
    script = ("import sys; from planbro.cli import main; "
              f"status = main(['--data-dir', {str(tmp_path)!r}, 'overblik', '--json']); "
              f"loaded = [m for m in {OTHERS!r} if m in sys.modules]; "
              "print('LOADED', loaded); sys.exit(status)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={"PLANBRO_CONFIG_DIR": str(tmp_path / "config"),
                               "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert "LOADED []" in done.stdout


def test_version_is_printed_without_building_any_command(capsys):
    assert _choices(build_parser("--version")) == []
    with pytest.raises(SystemExit) as ended:
        main(["--version"])
    assert ended.value.code == 0
    assert capsys.readouterr().out.startswith("Planbro ")
