"""Fixtures for document tests (the helpers are in docs_helpers.py)."""

from __future__ import annotations

from importlib import resources

import pytest
from docs_helpers import Rendered


@pytest.fixture
def rendered(tmp_path):
    """render(plan, name="plan") -> Rendered."""
    def render(plan, name: str = "plan") -> Rendered:
        return Rendered(plan, tmp_path, name)
    return render


@pytest.fixture(scope="module")
def example_rendered(tmp_path_factory):
    from planbro.exchange import read_plan_file

    with resources.as_file(resources.files("planbro.forms") / "example-plan.json") as path:
        plan = read_plan_file(path)
    return Rendered(plan, tmp_path_factory.mktemp("example"))
