"""French typography in everything a reader sees."""

import datetime as dt
import html as html_lib
import re

import pytest

from macros.text import typography


def test_numbers_units_and_dates():
    assert typography.number(2000) == "2\u202f000"
    assert typography.percent(40.1) == "40,1\u202f%"
    assert typography.with_unit(2000, "habitants", environ=True) == "environ\u00a02\u202f000\u00a0habitants"
    assert typography.date(dt.date(2024, 7, 9)) == "9 juillet 2024"
    assert typography.date(dt.date(2025, 3, 1)) == "1er mars 2025"


def test_html_pass_fixes_spaces_in_text_only():
    source = '<p>Enjeu 1 : Des « quartiers » ; ok ! &amp; <code>a : b</code> <span style="a: b">x ?</span></p>'
    assert typography.html(source) == (
        '<p>Enjeu 1\u00a0: Des «\u202fquartiers\u202f»\u202f; ok\u202f! &amp; <code>a : b</code> <span style="a: b">x\u202f?</span></p>'
    )


def test_no_ordinary_space_before_high_punctuation_in_any_page(site_dir):
    offenders = []
    for page in site_dir.rglob("*.html"):
        source = page.read_text(encoding="utf-8")
        if "<article" not in source:
            continue
        article = source[source.index("<article") : source.index("</article>")]
        article = re.sub(r"<(script|style|svg|code|pre)\b.*?</\1>", " ", article, flags=re.S)
        text = html_lib.unescape(re.sub(r"<[^>]+>", "", article))
        for match in re.finditer(r"\S( [:;!?]|« | »)", text):
            offenders.append(f"{page.relative_to(site_dir)} : …{text[max(0, match.start() - 25) : match.end() + 5]}…")
    assert offenders == []


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Barlin", "de Barlin"),
        ("Annezin", "d'Annezin"),
        ("Isbergues", "d'Isbergues"),
        ("Œuf-en-Ternois", "d'Œuf-en-Ternois"),
        ("Érin", "d'Érin"),
        ("Houdain", "de Houdain"),
    ],
)
def test_de_before_a_communes_name_is_elided_before_a_vowel(name, expected):
    assert typography.of(name) == expected
