"""Addresses of the agglomeration site (AGGLO_SPEC) and the mapping from a commune's site."""

import pytest

from macros.domain import uris

C = "valmont-sur-test"


@pytest.mark.parametrize(
    "old, new",
    [
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
    ],
)
def test_from_commune_site(old, new):
    assert uris.from_commune_site(C, old) == new


def test_from_commune_site_is_not_applied_twice_to_a_page():
    """A path already under communes/ is not one of a commune's site: it is kept."""
    assert uris.from_commune_site(C, f"communes/{C}/") == f"communes/{C}/"


AGGLO, COMMUNE = uris.AgglomerationSite(), uris.CommuneSite()


def test_page_addresses():
    def at(src_uri):
        return uris.page_url(src_uri) if src_uri.endswith(".md") else src_uri

    assert at(AGGLO.commune_home(C)) == f"communes/{C}/"
    assert at(AGGLO.narrative(C, "edito")) == f"communes/{C}/edito/"
    assert at(AGGLO.avancement(C)) == f"communes/{C}/avancement/"
    assert at(AGGLO.history(C)) == f"communes/{C}/historique/"
    assert at(AGGLO.feed(C)) == f"communes/{C}/historique.xml"
    assert at(AGGLO.statistics(C)) == f"communes/{C}/statistiques/"
    assert at(AGGLO.notes(C)) == f"communes/{C}/notes-de-transcription/"
    assert at(AGGLO.printable(C)) == f"communes/{C}/version-imprimable/"
    # a commune's own site keeps them at its root
    assert (COMMUNE.commune_home(C), COMMUNE.narrative(C, "edito"), COMMUNE.history(C), COMMUNE.notes(C)) == (
        "index.md",
        "convention/edito.md",
        "historique.md",
        "convention/notes-de-transcription.md",
    )
    assert uris.page_url(uris.quartier_uri("le-moulin")) == "quartiers/le-moulin/"
    assert uris.page_url(uris.objectif_uri("eclairage")) == "objectifs/eclairage/"
    assert uris.page_url(uris.enjeu_uri("cadre-de-vie")) == "enjeux/cadre-de-vie/"
    assert uris.page_url(uris.orientation_uri("espaces-publics")) == "orientations/espaces-publics/"
    assert uris.HOME == "./" and uris.address(uris.HOME_URI) == "./"


def test_action_addresses_carry_the_commune():
    assert AGGLO.action_anchor(C, "lampadaires") == f"{C}--action-lampadaires"
    assert AGGLO.action(C, "le-moulin", "lampadaires") == f"quartiers/le-moulin/#{C}--action-lampadaires"
    assert AGGLO.objectif_action_anchor(C, "le-moulin", "lampadaires") == f"{C}--le-moulin--lampadaires"
    assert AGGLO.action_in_objectif(C, "eclairage", "le-moulin", "lampadaires") == f"objectifs/eclairage/#{C}--le-moulin--lampadaires"
    assert COMMUNE.action(C, "le-moulin", "lampadaires") == "quartiers/le-moulin/#action-lampadaires"
    assert COMMUNE.action_in_objectif(C, "eclairage", "le-moulin", "lampadaires") == "objectifs/eclairage/#le-moulin--lampadaires"
    # the mapping and the builders agree
    assert uris.from_commune_site(C, "quartiers/le-moulin/#action-lampadaires") == AGGLO.action(C, "le-moulin", "lampadaires")
    assert AGGLO.moved(C, COMMUNE.action(C, "le-moulin", "lampadaires")) == AGGLO.action(C, "le-moulin", "lampadaires")


def test_absolute():
    assert uris.absolute("https://agglo.example.fr", "./") == "https://agglo.example.fr/"
    assert uris.absolute("https://agglo.example.fr/", "quartiers/a/") == "https://agglo.example.fr/quartiers/a/"
    assert uris.absolute(None, "quartiers/a/") == "quartiers/a/"
