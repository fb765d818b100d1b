"""Addresses of the agglomeration site (AGGLO_SPEC) and the mapping from a commune's site."""

import pytest

from macros.domain import agglomeration_uris as uris

C = "valmont-sur-test"


@pytest.mark.parametrize("old, new", [
    ("./", f"communes/{C}/"),
    ("convention/preambule/", f"communes/{C}/preambule/"),
    ("convention/notes-de-transcription/", f"communes/{C}/notes-de-transcription/"),
    ("quartiers/le-moulin/#action-lampadaires", f"quartiers/le-moulin/#{C}--action-lampadaires"),
    ("objectifs/eclairage/#le-moulin--lampadaires", f"objectifs/eclairage/#{C}--le-moulin--lampadaires"),
    ("objectifs/eclairage/2/#le-moulin--lampadaires", f"objectifs/eclairage/2/#{C}--le-moulin--lampadaires"),
    ("avancement/", f"communes/{C}/avancement/"),
    ("historique/", f"communes/{C}/historique/"),
    ("historique.xml", f"communes/{C}/historique.xml"),
    # every other address keeps its path
    ("quartiers/le-moulin/", "quartiers/le-moulin/"),
    ("quartiers/", "quartiers/"),
    ("quartiers/liste/2/", "quartiers/liste/2/"),
    ("objectifs/eclairage/", "objectifs/eclairage/"),
    ("enjeux/", "enjeux/"),
    ("enjeux/cadre-de-vie/", "enjeux/cadre-de-vie/"),
    ("orientations/espaces-publics/", "orientations/espaces-publics/"),
    ("matrice/", "matrice/"),
    ("statistiques/", f"communes/{C}/statistiques/"),  # the comparison of its own quartiers
    ("glossaire/", "glossaire/"),
    ("donnees/", "donnees/"),
    ("plan-du-site/", "plan-du-site/"),
    # one printable version per commune, its end included
    ("version-imprimable/", f"communes/{C}/version-imprimable/"),
    ("version-imprimable/fin/", f"communes/{C}/version-imprimable/"),
    # an anchor that is not an action's stays as it is
    ("quartiers/le-moulin/#portrait", "quartiers/le-moulin/#portrait"),
    ("objectifs/eclairage/#quartiers", "objectifs/eclairage/#quartiers"),
    ("convention/preambule/#contexte", f"communes/{C}/preambule/#contexte"),
])
def test_from_commune_site(old, new):
    assert uris.from_commune_site(C, old) == new


def test_from_commune_site_is_not_applied_twice_to_a_page():
    """A path already under communes/ is not one of a commune's site: it is kept."""
    assert uris.from_commune_site(C, f"communes/{C}/") == f"communes/{C}/"


def test_page_addresses():
    assert uris.commune(C) == f"communes/{C}/"
    assert uris.commune_page(C, "edito") == f"communes/{C}/edito/"
    assert uris.commune_avancement(C) == f"communes/{C}/avancement/"
    assert uris.commune_historique(C) == f"communes/{C}/historique/"
    assert uris.commune_feed(C) == f"communes/{C}/historique.xml"
    assert uris.commune_matrice(C) == f"communes/{C}/matrice/"
    assert uris.commune_statistiques(C) == f"communes/{C}/statistiques/"
    assert uris.commune_notes(C) == f"communes/{C}/notes-de-transcription/"
    assert uris.commune_imprimable(C) == f"communes/{C}/version-imprimable/"
    assert uris.quartier("le-moulin") == "quartiers/le-moulin/"
    assert uris.objectif("eclairage") == "objectifs/eclairage/"
    assert uris.enjeu("cadre-de-vie") == "enjeux/cadre-de-vie/"
    assert uris.orientation("espaces-publics") == "orientations/espaces-publics/"
    assert (uris.HOME, uris.ENJEUX, uris.MATRICE, uris.STATISTIQUES, uris.AVANCEMENT, uris.HISTORIQUE, uris.FEED) == (
        "./", "enjeux/", "matrice/", "statistiques/", "avancement/", "historique/", "historique.xml")
    assert (uris.GLOSSAIRE, uris.DONNEES, uris.PLAN_DU_SITE, uris.QUARTIERS, uris.COMMUNES) == (
        "glossaire/", "donnees/", "plan-du-site/", "quartiers/", "communes/")


def test_action_addresses_carry_the_commune():
    assert uris.action_anchor(C, "lampadaires") == f"{C}--action-lampadaires"
    assert uris.action(C, "le-moulin", "lampadaires") == f"quartiers/le-moulin/#{C}--action-lampadaires"
    assert uris.objectif_action_anchor(C, "le-moulin", "lampadaires") == f"{C}--le-moulin--lampadaires"
    assert uris.action_in_objectif("eclairage", C, "le-moulin", "lampadaires") == f"objectifs/eclairage/#{C}--le-moulin--lampadaires"
    # the mapping and the builders agree
    assert uris.from_commune_site(C, "quartiers/le-moulin/#action-lampadaires") == uris.action(C, "le-moulin", "lampadaires")


def test_source_uri_and_absolute():
    assert uris.source_uri("./") == "index.md"
    assert uris.source_uri(f"communes/{C}/") == f"communes/{C}.md"
    assert uris.source_uri(f"communes/{C}/avancement/") == f"communes/{C}/avancement.md"
    assert uris.source_uri("quartiers/le-moulin/#x") == "quartiers/le-moulin.md"
    with pytest.raises(ValueError):
        uris.source_uri("historique.xml")
    assert uris.absolute("https://agglo.example.fr", "./") == "https://agglo.example.fr/"
    assert uris.absolute("https://agglo.example.fr/", "quartiers/a/") == "https://agglo.example.fr/quartiers/a/"
    assert uris.absolute(None, "quartiers/a/") == "quartiers/a/"
