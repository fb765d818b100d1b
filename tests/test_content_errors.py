"""Each class of bad input gets a French message naming file, line and field."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.reading.errors import ContentErrors
from macros.reading.loader import load_convention
from tests.support.edits import replace_once
from tests.support.sitebuild import ROOT, SIGNED, build_site

CONTENT = SIGNED
REGAIN = "quartiers/regain.yaml"


@pytest.fixture
def content(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def edit(content: Path, rel: str, old: str, new: str) -> int:
    """Replace the first `old` in a content file; return its line number (1-based)."""
    return replace_once(content / rel, old, new)


def problems(content: Path):
    with pytest.raises(ContentErrors) as info:
        load_convention(content)
    return info.value.problems


def only(found, file_suffix):
    matching = [p for p in found if p.file.endswith(file_suffix)]
    assert matching, found
    return matching


def test_yaml_syntax_error(content):
    line = edit(content, REGAIN, "statut: QPV", "statut: [QPV")
    [p] = problems(content)
    assert p.file.endswith(REGAIN) and p.line in (line, line + 1)
    assert "syntaxe YAML invalide" in p.message


def test_duplicate_key(content):
    line = edit(content, REGAIN, "statut: QPV\n", "statut: QPV\nstatut: QIC\n")
    [p] = problems(content)
    assert (p.line, p.field) == (line + 1, "statut")
    assert "clé en double" in p.message and f"ligne {line}" in p.message


def test_unknown_objective_with_suggestion(content):
    line = edit(content, REGAIN, "objectif: harcelement-scolaire", "objectif: harcelement-scolair")
    [p] = problems(content)
    assert p.line == line and p.field.endswith(".objectif")
    assert "inconnu du référentiel" in p.message
    assert p.hint == "Vouliez-vous dire « harcelement-scolaire » ?"


def test_wrong_type(content):
    line = edit(content, "contrat.yaml", 'insee: "62443"', "insee: 62443")
    [p] = problems(content)
    assert (p.line, p.field) == (line, "commune.insee")
    assert p.message == "un texte est attendu, pas un nombre."
    assert p.hint == "Mettez la valeur entre guillemets."


def test_decimal_comma_is_explained(content):
    line = edit(content, REGAIN, "valeur: 40.1", "valeur: 40,1")
    [p] = problems(content)
    assert p.line == line and "40.1" in p.hint


def test_out_of_range_percentage(content):
    line = edit(content, REGAIN, "valeur: 33\n", "valeur: 133\n")
    [p] = problems(content)
    assert p.line == line and p.field.endswith(".valeur")
    assert "entre 0 et 100" in p.message


def test_missing_field(content):
    edit(content, REGAIN, 'nom: "Le Regain"\n', "")
    [p] = problems(content)
    assert p.field == "nom" and p.message == "champ obligatoire manquant."


def test_missing_action_id_says_make_formater_creates_it(content):
    line = edit(content, REGAIN, "      - id: point-justice\n        texte:", "      - texte:")
    [p] = problems(content)
    assert (p.line, p.field) == (line, "objectifs[0].actions[0].id")
    assert p.message == "identifiant manquant."
    assert p.hint.startswith("Lancez « make formater » : il crée l'identifiant à partir du texte")


def test_missing_objectif_id_says_make_formater_creates_it(content):
    edit(content, "referentiel.yaml", "          - id: reperage-publics-eloignes-droit\n            titre:", "          - titre:")
    found = problems(content)
    [p] = [p for p in found if p.file.endswith("referentiel.yaml")]
    assert p.message == "identifiant manquant." and "à partir du titre" in p.hint


def test_unknown_key_suggests_the_right_one(content):
    line = edit(content, REGAIN, "irritants:", "iritants:")
    [p] = problems(content)
    assert (p.line, p.field) == (line, "iritants")
    assert p.hint == "Vouliez-vous dire « irritants » ?"


def test_empty_file(content):
    (content / REGAIN).write_text("# rien\n", encoding="utf-8")
    [p] = problems(content)
    assert p.message == "le fichier est vide." and p.line == 1


def test_non_utf8_file(content):
    path = content / REGAIN
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("latin-1", errors="replace"))
    [p] = problems(content)
    assert "UTF-8" in p.message and p.line is not None and p.line > 1


def test_values_never_change_type_behind_the_editor(content):
    # `NO` or 12:30 stay text; an unquoted NO where a boolean is expected is an error, not False
    line = edit(content, REGAIN, "environ: true", "environ: NO")
    [p] = problems(content)
    assert p.line == line and "true" in p.message


def test_windows_file_with_bom_and_crlf_loads(content):
    path = content / REGAIN
    path.write_bytes(b"\xef\xbb\xbf" + path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    convention = load_convention(content)
    assert convention.quartier("regain").nom == "Le Regain"


def test_all_errors_reported_at_once(content):
    edit(content, REGAIN, "irritants:", "iritants:")
    edit(content, "quartiers/longuepierre-beclet.yaml", "objectif: harcelement-scolaire", "objectif: inexistant")
    edit(content, "contrat.yaml", 'insee: "62443"', "insee: 62443")
    found = problems(content)
    assert len(found) == 3
    assert {Path(p.file).name for p in found} == {"regain.yaml", "longuepierre-beclet.yaml", "contrat.yaml"}


def test_check_command_prints_french_report_without_traceback(content):
    edit(content, REGAIN, "irritants:", "iritants:")
    result = subprocess.run([sys.executable, "-m", "macros", "--contenu", str(content), "check"], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "regain.yaml:" in result.stderr and "Vouliez-vous dire « irritants »" in result.stderr


def test_site_build_stops_with_the_same_messages(content, tmp_path):
    edit(content, REGAIN, "irritants:", "iritants:")
    check = subprocess.run([sys.executable, "-m", "macros", "--contenu", str(content), "check"], capture_output=True, text=True)
    result = build_site(tmp_path / "site", content_dir=content)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    report = [line for line in check.stderr.splitlines() if line.startswith(("- ", "    →"))]
    assert report and all(line in output for line in report)
    assert not (tmp_path / "site" / "index.html").exists()


def test_build_command_keeps_published_site_on_failure(content, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("ancienne version", encoding="utf-8")
    edit(content, REGAIN, "irritants:", "iritants:")
    result = subprocess.run(
        [sys.executable, "-m", "macros", "--contenu", str(content), "build", "--site", str(site)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert (site / "index.html").read_text(encoding="utf-8") == "ancienne version"
    assert "reste inchangé" in result.stderr


# --- YAML syntax: French, at the line to fix -----------------------------------------

ENGLISH = ("mapping", "found", "expected", "scanning", "parsing", "token", "stream")


def assert_french(p) -> None:
    text = (p.message + " " + (p.hint or "")).lower()
    assert not any(word in text for word in ENGLISH), p.format()


def test_unclosed_quote_is_reported_where_it_opens(content):
    old = "texte: \"Encourager l'implantation d'un Point Justice communautaire dans le quartier\""
    line = edit(content, REGAIN, old, old[:-1])
    [p] = problems(content)
    assert p.line == line
    assert f"guillemet ouvert ligne {line} jamais fermé" in p.message
    assert_french(p)


def test_unclosed_apostrophe_is_reported_where_it_opens(content):
    line = edit(content, REGAIN, 'code_document: "QP 06 20 07"', "code_document: 'QP 06 20 07")
    [p] = problems(content)
    assert p.line == line and "apostrophe ouvrante ligne" in p.message
    assert_french(p)


def test_tab_in_indentation(content):
    line = edit(content, REGAIN, '    liste: "2024"\n    fiche', '\tliste: "2024"\n    fiche')
    [p] = problems(content)
    assert p.line == line and "tabulation" in p.message and "espaces" in p.hint
    assert_french(p)


def test_text_with_colon_asks_for_quotes(content):
    line = edit(content, REGAIN, "texte: \"Encourager l'implantation", "texte: Objectif : encourager l'implantation")
    edit(content, REGAIN, 'texte: "Encourager', 'texte: "Encourager')  # the rest of the file is unchanged
    [p] = problems(content)
    assert p.line == line and "mettez ce texte entre guillemets" in p.hint.lower()
    assert_french(p)


def test_irritant_with_colon_asks_for_quotes(content):
    line = edit(
        content,
        REGAIN,
        '  - "Une quartier très isolé du reste de la commune d\'Hersin-Coupigny"',
        "  - Isolement: le quartier est loin du centre",
    )
    [p] = problems(content)
    assert p.line == line and "mettez ce texte entre guillemets" in p.hint
    assert "1er irritant du quartier Le Regain" in p.format()


def test_missing_colon_is_reported_on_its_own_line(content):
    line = edit(content, REGAIN, "statut: QPV\n", "statut QPV\n")
    [p] = problems(content)
    assert p.line == line and "deux-points manquant" in p.message
    assert_french(p)


def test_quoted_text_containing_quotes(content):
    line = edit(content, REGAIN, 'nom: "Le Regain"', 'nom: "Le "Regain""')
    [p] = problems(content)
    assert p.line == line and "guillemet fermant" in p.message and "« »" in p.hint
    assert_french(p)


def test_misaligned_line(content):
    line = edit(content, REGAIN, '  - nom: "Hersin-Coupigny"', ' - nom: "Hersin-Coupigny"')
    [p] = problems(content)
    assert p.line == line and ("alignée" in p.message or "indentation" in p.message)
    assert_french(p)


# --- « # » cuts an unquoted text ----------------------------------------------------


def test_unquoted_hash_cuts_the_text(content):
    line = edit(content, REGAIN, 'nom: "Le Regain"', "nom: Priorité #1 du quartier")
    [p] = problems(content)
    assert (p.line, p.field) == (line, "nom")
    assert "le texte est coupé au caractère #" in p.message
    assert "mettez ce texte entre guillemets" in p.hint.lower() and '"Priorité #1 du quartier"' in p.hint


def test_unquoted_hash_in_a_list_item(content):
    line = edit(content, REGAIN, '  - "Un tout nouveau départ pour ce quartier qui se reconfigure totalement"', "  - Un nouveau départ #2")
    [p] = problems(content)
    assert p.line == line and "coupé au caractère #" in p.message
    assert "1re opportunité du quartier Le Regain" in p.format()


def test_comments_stay_allowed(content):
    edit(content, REGAIN, 'nom: "Le Regain"', 'nom: "Le Regain" # nom usuel\n# un commentaire sur toute une ligne')
    edit(content, REGAIN, "ordre: 3", "ordre: 3 # après Longuepierre")
    edit(content, REGAIN, "environ: true", "environ: true # estimation")
    assert load_convention(content).quartier("regain").nom == "Le Regain"


# --- places as a person names them --------------------------------------------------


def test_action_error_names_the_objective_and_quartier(content):
    old = 'texte: "Développer des services de santé ambulatoires'
    line = edit(content, REGAIN, old, 'texte: ""\n        x: "Développer des services de santé ambulatoires')
    found = problems(content)
    texte = next(p for p in found if p.field.endswith(".texte"))
    assert texte.format().startswith(
        f"{texte.file}:{line} : 1re action de l'objectif « Faciliter l'accès aux soins aux ressources de première nécessité » du quartier Le Regain (champ « texte », ligne {line}) : "
    )
    extra = next(p for p in found if p.field.endswith(".x"))
    assert "1re action de l'objectif « Faciliter l'accès aux soins" in extra.format() and "champ « x »" in extra.format()


def test_places_in_a_quartier(content):
    lines = {
        "commune": edit(content, REGAIN, 'insee: "62083"', "insee: 62083"),
        "valeur": edit(content, REGAIN, "valeur: 40.1", "valeur: 40,1"),
        "code": edit(content, REGAIN, 'liste: "2015"', "liste: 2015"),
    }
    formatted = "\n".join(p.format() for p in problems(content))
    assert f"1re commune du quartier Le Regain (champ « insee », ligne {lines['commune']})" in formatted
    assert (
        f"valeur de l'indicateur « taux-emploi-15-64-ans » du relevé de 2022 du quartier Le Regain (champ « valeur », ligne {lines['valeur']})"
        in formatted
    )
    assert f"2e code du quartier Le Regain (champ « liste », ligne {lines['code']})" in formatted


def test_places_in_action_follow_up(content):
    old = "      - id: point-justice\n"
    line = edit(content, REGAIN, old, old + '        suivi:\n          - date: 2024-13-01\n            texte: "Réunion"\n') + 2
    [p] = problems(content)
    assert p.line == line
    assert (
        f"1er point de suivi de la 1re action de l'objectif « Renforcer le repérage des publics éloignés du droit en particulier » du quartier Le Regain (champ « date », ligne {line})"
        in p.format()
    )


def test_places_in_referentiel_glossaire_corrections(content):
    ref = edit(content, "referentiel.yaml", 'titre: "Renforcer le repérage', 'titr: "Renforcer le repérage')
    glo = edit(content, "glossaire.yaml", '    definition: "Actions qui soutiennent', '    definitio: "Actions qui soutiennent')
    cor = edit(content, "corrections.yaml", "fichier: pages/preambule.md", "fichier: pages/absente.md")
    formatted = "\n".join(p.format() for p in problems(content))
    assert f"referentiel.yaml:{ref} : 1er objectif de la 1re orientation de l'enjeu n° 1 (champ « titr », ligne {ref})" in formatted
    assert f"glossaire.yaml:{glo} : terme « Accompagnement à la parentalité » du glossaire (champ « definitio », ligne {glo})" in formatted
    assert f"corrections.yaml:{cor} : 1re correction (champ « fichier », ligne {cor})" in formatted


# --- check speaks of checking; build of publishing ------------------------------------


def run_cli(content: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", "--contenu", str(content), *args], capture_output=True, text=True)


def test_check_report_asks_to_rerun_the_check(content):
    edit(content, REGAIN, "irritants:", "iritants:")
    result = run_cli(content, "check")
    assert result.stderr.startswith("Le contenu comporte 1 erreur. Corrigez-la puis relancez « make check ».")
    assert "construit" not in result.stderr


def test_build_report_says_nothing_was_published(content, tmp_path):
    edit(content, REGAIN, "irritants:", "iritants:")
    result = run_cli(content, "build", "--site", str(tmp_path / "site"))
    assert "le site n'a pas été construit" in result.stderr and "make check" not in result.stderr


# --- make: the French report is the last word -----------------------------------------


def run_make(target: str, content: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "CONVENTION_CONTENU": str(content)}
    return subprocess.run(["make", "--no-print-directory", target], cwd=ROOT, env=env, capture_output=True, text=True)


@pytest.mark.parametrize("target", ["check", "build"])
def test_make_ends_on_the_french_report(content, target):
    edit(content, REGAIN, "irritants:", "iritants:")
    result = run_make(target, content)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Vouliez-vous dire « irritants »" in output
    assert "make:" not in output and "***" not in output and "Error" not in output
    assert output.rstrip().splitlines()[-1].strip() in ("→ Vouliez-vous dire « irritants » ?", "Le site publié reste inchangé.")


def test_make_check_honours_the_content_folder(content):
    result = run_make("check", content)
    assert result.returncode == 0 and result.stdout.startswith("Contenu valide : 3 quartiers")


# --- silent traps ---------------------------------------------------------------------


def edit_geojson(content: Path, rel: str, change) -> None:
    path = content / rel
    data = json.loads(path.read_text(encoding="utf-8"))
    for feature in data["features"] if data["type"] == "FeatureCollection" else [data]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for polygon in polygons:
            for ring in polygon:
                ring[:] = [change(*point) for point in ring]
    path.write_text(json.dumps(data), encoding="utf-8")


def test_perimeter_with_swapped_coordinates(content):
    edit_geojson(content, "quartiers/regain.geojson", lambda lon, lat: [lat, lon])
    [p] = problems(content)
    assert p.file.endswith("quartiers/regain.geojson")
    assert "les coordonnées semblent inversées : GeoJSON attend longitude puis latitude" in p.message
    assert "Le Regain" in p.message and p.hint


def test_perimeter_outside_its_communes(content):
    edit_geojson(content, "quartiers/regain.geojson", lambda lon, lat: [lon + 0.5, lat])
    [p] = problems(content)
    assert p.file.endswith("quartiers/regain.geojson")
    assert "en dehors de ses communes (Barlin, Hersin-Coupigny)" in p.message


def test_perimeter_check_skipped_without_the_commune_outline(content):
    edit_geojson(content, "quartiers/regain.geojson", lambda lon, lat: [lon + 0.5, lat])
    path = content / "communes.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"] = [f for f in data["features"] if f["properties"]["code"] != "62083"]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_convention(content).quartier("regain")


def test_two_quartiers_with_the_same_ordre(content):
    edit(content, "quartiers/longuepierre-beclet.yaml", "ordre: 4", "ordre: 3")
    [p] = problems(content)
    assert "l'ordre 3 est déjà celui d'un autre quartier" in p.message
    found = {p.file.rsplit("/", 1)[-1]} | {name for name in ("regain.yaml", "longuepierre-beclet.yaml") if name in p.message}
    assert found == {"regain.yaml", "longuepierre-beclet.yaml"} and "ligne 5" in p.message and p.line == 5


def test_two_pages_with_the_same_ordre(content):
    edit(content, "pages/edito.md", "ordre: 2", "ordre: 1")
    [p] = problems(content)
    assert p.file.endswith("pages/preambule.md") or p.file.endswith("pages/edito.md")
    other = "pages/preambule.md" if p.file.endswith("edito.md") else "pages/edito.md"
    assert p.line == 3 and f"{other}, ligne 3" in p.message


@pytest.mark.parametrize("name", ["historique", "notes-de-transcription", "version-imprimable", "avancement", "statistiques"])
def test_a_page_named_like_a_page_the_site_makes_is_refused(content, name):
    """Its address would be that page's (convention/<name>/ here, communes/<c>/<name>/ in an
    agglomeration's site): one of the two would vanish without a word."""
    text = (content / "pages/edito.md").read_text(encoding="utf-8").replace("ordre: 2", "ordre: 42")
    (content / f"pages/{name}.md").write_text(text, encoding="utf-8")
    [p] = problems(content)
    assert p.file.endswith(f"pages/{name}.md") and p.line == 1
    assert f"le nom « {name}.md » est réservé" in p.message and "Renommez le fichier" in p.hint


def test_two_enjeux_with_the_same_numero(content):
    line = edit(content, "referentiel.yaml", "numero: 2", "numero: 1")
    [p] = problems(content)
    assert p.line == line and "déjà celui de l'enjeu de la ligne 4" in p.message
