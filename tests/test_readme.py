"""The README's two commands are the ones CI runs and the ones that install and start the app."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _commands():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    return [lines[i + 1] for i, line in enumerate(lines[:12]) if line.startswith("```sh")][:2]


def test_ci_runs_the_readme_test_command():
    app, tests = _commands()
    assert app.endswith(".venv/bin/planbro")
    assert "pytest" in tests
    assert tests in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
