"""The live preview's error page (macros/rendering/preview_errors.py), rendered on its own."""

from macros.reading.errors import ContentProblem
from macros.rendering import preview_errors

PROBLEMS = [
    ContentProblem("content/referentiel.yaml", 12, None, "texte « <script>alert(1)</script> » refusé.", None),
    ContentProblem("content/quartiers/regain.yaml", 55, "iritants", "clé inconnue « iritants ».", "Vouliez-vous dire « irritants » ?"),
]


def _plain(html: str) -> str:
    return html.replace("\u202f", " ").replace("\xa0", " ")


def test_lists_every_error_with_file_line_and_fix_in_order():
    html = preview_errors.render(PROBLEMS)
    assert '<html lang="fr">' in html
    text = _plain(html)
    assert "Le contenu comporte 2 erreurs" in text
    assert "Corrigez le fichier puis enregistrez : la page se mettra à jour." in text
    assert text.index("content/quartiers/regain.yaml:55") < text.index("content/referentiel.yaml:12")
    assert "champ « iritants » : clé inconnue « iritants »." in text and "→ Vouliez-vous dire « irritants » ?" in text
    assert "Vouliez-vous dire «\u202firritants\u202f»\u202f?" in html  # French typography


def test_content_text_is_shown_as_typed():
    html = preview_errors.render(PROBLEMS)
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_reloads_itself_only_in_the_live_preview():
    assert "/livereload/" not in preview_errors.render(PROBLEMS)
    html = preview_errors.render(PROBLEMS, reload_after=123456)
    assert 'fetch("/livereload/123456/"' in html and "Number(epoch) > 123456" in html
