"""Municipality settings: shipped defaults, overridden by a dict or a file."""

from __future__ import annotations

import json
from io import BytesIO

import docx
import pytest
from pypdf import PdfReader

from planbro.model import ValidationError

from planbro.documents import docx_bytes, load_municipality, pdf_bytes


def test_defaults_ship_with_a_logo():
    m = load_municipality()
    assert m.name == "Eksempel Kommune" and "Rådhuspladsen" in m.address
    assert m.logo.startswith(b"\x89PNG")


def test_a_dict_overrides_key_by_key():
    m = load_municipality({"address": "Ørbækvej 100"})
    assert (m.name, m.address) == ("Eksempel Kommune", "Ørbækvej 100") and m.logo
    assert load_municipality({"logo": ""}).logo is None


def test_another_municipality_never_gets_the_example_address_or_logo():
    m = load_municipality({"name": "Odense Kommune"})
    assert (m.name, m.address, m.logo) == ("Odense Kommune", "", None)


def test_a_toml_file_with_a_relative_logo(tmp_path):
    logo = load_municipality().logo
    (tmp_path / "våben.png").write_bytes(logo)
    (tmp_path / "kommune.toml").write_text(
        'name = "Svendborg Kommune"\naddress = "Ramsherred 5"\nlogo = "våben.png"\n', encoding="utf-8")
    m = load_municipality(tmp_path / "kommune.toml")
    assert (m.name, m.address, m.logo) == ("Svendborg Kommune", "Ramsherred 5", logo)


def test_a_json_file(tmp_path):
    path = tmp_path / "kommune.json"
    path.write_text(json.dumps({"name": "Aarhus Kommune"}), encoding="utf-8")
    assert load_municipality(path).name == "Aarhus Kommune"


@pytest.mark.parametrize("values, field, reason", [
    ({"name": ""}, "name", "må ikke være tom"),
    ({"name": 7}, "name", "skal være tekst"),
    ({"logo": "/findes/ikke.png"}, "logo", "kan ikke læses"),
    ({"navn": "x"}, "navn", "ukendt felt"),
])
def test_bad_settings_name_the_field_in_danish(values, field, reason):
    with pytest.raises(ValidationError) as caught:
        load_municipality(values)
    problem = caught.value.problems[0]
    assert problem.field == field and reason in problem.reason


def test_a_logo_that_is_not_an_image_is_refused(tmp_path):
    (tmp_path / "logo.png").write_text("not an image")
    with pytest.raises(ValidationError, match="PNG- eller JPEG"):
        load_municipality({"logo": str(tmp_path / "logo.png")})


def test_the_municipality_is_printed(example_plan):
    settings = {"name": "Odense Kommune", "address": "Socialafdelingen · Ørbækvej 100", "logo": ""}
    first = docx.Document(BytesIO(docx_bytes(example_plan, settings))).paragraphs[0].text
    assert first == "Odense Kommune"
    text = PdfReader(BytesIO(pdf_bytes(example_plan, settings))).pages[0].extract_text()
    assert text.startswith("Odense Kommune\nSocialafdelingen · Ørbækvej 100")
