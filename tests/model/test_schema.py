import json
from importlib import resources

from jsonschema import Draft202012Validator

from planbro.exchange import plan_to_data
from planbro.model.schema import dumps_schema


def test_shipped_schema_is_the_generated_one():
    shipped = (resources.files("planbro.forms") / "planbro-plan-3.schema.json").read_text(encoding="utf-8")
    assert shipped == dumps_schema(), "run: python -m planbro.model.schema > forms/planbro-plan-3.schema.json"


def test_schema_is_valid_and_accepts_the_example(example_plan):
    schema = json.loads(dumps_schema())
    Draft202012Validator.check_schema(schema)
    assert list(Draft202012Validator(schema).iter_errors(plan_to_data(example_plan))) == []
