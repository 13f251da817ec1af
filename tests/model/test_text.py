import unicodedata

from planbro.model.text import clean_text


def test_nfc_normalises_decomposed_letters():
    decomposed = unicodedata.normalize("NFD", "Søren Ærø Åse")
    assert decomposed != "Søren Ærø Åse"
    assert clean_text(decomposed) == "Søren Ærø Åse"


def test_removes_xml_illegal_control_characters_but_keeps_tab_and_newline():
    assert clean_text("a\x00b\x07c\x0bd\x1fe\x7ff\x85g") == "abcdefg"
    assert clean_text("linje 1\tmed tab\nlinje 2") == "linje 1\tmed tab\nlinje 2"
    assert clean_text("windows\r\nlinje\rmac") == "windows\nlinje\nmac"
    assert clean_text("x\ufffe\uffffy") == "xy"


def test_keeps_danish_greenlandic_emoji_and_right_to_left():
    text = "Kaalip ĸujaukitsoq 😀 محمد علي Łukasz Şahin"
    assert clean_text(text) == text
