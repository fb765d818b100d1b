"""Search as residents type it, in Chromium: without accents, with elisions, on a phone.

Material's search runs in a web worker; ours (docs/assets/javascripts/search-fr/worker.js)
adds the accent-free form of every accented word to the index it builds in the browser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

import pytest

from tests.support.browser import Traffic
from tests.support.waits import appears, arrives_at, eventually

pytestmark = pytest.mark.browser

HARCELEMENT = "objectifs/harcelement-scolaire/"
SANTE = "objectifs/prevention-sante-mentale-addictions/"
EGALITE = "objectifs/discriminations-egalite-femmes-hommes/"
ECOLOGIE = "objectifs/habitants-sante-ecologie-egalite/"


@dataclass
class Result:
    """One result of the list: a page and what its entry shows."""

    path: str
    text: str
    marks: list[str]
    nested_marks: int


def open_search(page, *, phone: bool = False) -> None:
    if phone:
        page.locator("button.md-header__button[data-cdv-bascule='__search']").tap()
    else:
        page.keyboard.press("/")
    appears(page.locator(".md-search__input"), "la recherche ne s'ouvre pas")


def type_query(page, query: str, *, phone: bool = False) -> None:
    """Open the search if needed and type `query` in place of what the box held."""
    box = page.locator(".md-search__input")
    if not box.evaluate("el => el === document.activeElement"):
        open_search(page, phone=phone)
    box.fill("")
    box.press_sequentially(query)
    # Playwright types characters absent from a US keyboard (é, ’) without keyup, the event
    # Material listens to; a real keyboard sends it. One key press that changes nothing does.
    box.press("End")


def listed_results(page) -> list[Result]:
    found = page.locator(".md-search-result__item").evaluate_all(
        """items => items.map(item => ({
            path: new URL(item.querySelector("a").href).pathname,
            text: item.innerText,
            marks: [...item.querySelectorAll("mark")].map(mark => mark.textContent),
            nested_marks: item.querySelectorAll("mark mark").length,
        }))"""
    )
    return [Result(**r) for r in found]


def search(page, query: str, term: str | None = None, *, phone: bool = False) -> list[Result]:
    """Type `query` in the search box and return the results once they are for the whole query.

    `term` is what Material reports as matched (and puts in ?h=): the query in lower case,
    without its elision.
    """
    type_query(page, query, phone=phone)
    return results_of(page, query, term)


def results_of(page, query: str, term: str | None = None) -> list[Result]:
    """The results of `query`, already typed, once they are for the whole query (see search)."""
    expected = term or query.lower()
    # the first search downloads the index and starts the worker: generous on a loaded machine
    eventually(
        page,
        """term => {
            // a page listed for one of its sections has h="" on its own link
            const terms = [...document.querySelectorAll(".md-search-result__item a")]
                .map(a => new URL(a.href).searchParams.get("h"))
            return terms.includes(term) && terms.every(h => h === term || h === "")
        }""",
        f"« {query} » : pas de résultats pour « {expected} »",
        arg=expected,
        timeout=20_000,
    )
    return listed_results(page)


def search_until(page, query: str, word: str) -> list[Result]:
    """Type `query` and return the results once one of them reports `word` as found (in ?h=):
    for queries whose results report different words."""
    type_query(page, query)
    eventually(
        page,
        """word => [...document.querySelectorAll(".md-search-result__item a")]
            .some(a => (new URL(a.href).searchParams.get("h") || "").split(" ").includes(word))""",
        f"« {query} » : aucun résultat ne dit avoir trouvé « {word} »",
        arg=word,
        timeout=20_000,
    )
    return listed_results(page)


def searched_side_by_side(new_tab, start: str, cases: list[tuple[str, str | None]]) -> list[list[Result]]:
    """Each (query, term) typed in a fresh tab opened at `start`, then the results of each: the
    tabs download the index and search at once, each as a first search."""
    tabs = []
    for query, _term in cases:
        tab = new_tab()
        tab.goto(start)
        type_query(tab, query)
        tabs.append(tab)
    return [results_of(tab, query, term) for tab, (query, term) in zip(tabs, cases)]


def result_for(results: list[Result], path: str) -> Result:
    found = [r for r in results if r.path == "/" + path]
    assert found, f"{path} absent des résultats : {[r.path for r in results]}"
    return found[0]


def test_the_index_is_downloaded_on_the_first_search_not_on_page_views(browser, site_url):
    """Material fetches search_index.json on every page: ours holds settings only, and the
    worker fetches the documents, and Material's own worker, when someone types a query."""
    context = browser.new_context(locale="fr-FR", base_url=site_url)
    fetched: list[str] = []
    context.on("request", lambda request: fetched.append(urlparse(request.url).path))
    page = context.new_page()
    traffic = Traffic(urlparse(site_url).hostname)
    traffic.attach(context, page)
    try:
        page.goto("")
        page.goto("quartiers/regain/")
        page.wait_for_load_state("networkidle")
        open_search(page)
        page.wait_for_load_state("networkidle")
        assert "/search/search_index.json" in fetched
        assert "/search/search_index.full.json" not in fetched
        material_worker = [path for path in fetched if "/assets/javascripts/workers/search." in path]
        assert material_worker == [], "le worker de recherche de Material est chargé sans recherche"
        result_for(search(page, "harcelement"), HARCELEMENT)
        assert any("/assets/javascripts/workers/search." in path for path in fetched)
        # found, then typed again: one download for the page's lifetime
        result_for(search(page, "sante"), SANTE)
        assert fetched.count("/search/search_index.full.json") == 1
        assert traffic.page_errors == []
    finally:
        context.close()


def test_queries_without_accents_find_the_accented_pages_and_show_their_accents(new_tab, traffic):
    cases = [
        ("sante", SANTE, "santé"),
        ("prevention", SANTE, "prévention"),
        ("harcelement", HARCELEMENT, "harcèlement"),
        ("egalite", EGALITE, "égalité"),
    ]
    found = searched_side_by_side(new_tab, "", [(query, None) for query, _, _ in cases])
    for (query, path, accented), results in zip(cases, found):
        result = result_for(results, path)
        assert accented in result.text.lower(), query
        assert accented in [m.lower() for m in result.marks], result
        assert query not in result.text.lower(), query
    assert traffic.page_errors == []


def test_accents_and_capitals_make_no_difference(new_tab):
    cases = [
        ("santé", "santé", SANTE, "santé"),
        ("harcèlement", "harcèlement", HARCELEMENT, "harcèlement"),
        ("HARCELEMENT", "harcelement", HARCELEMENT, "harcèlement"),
        ("Égalité", "égalité", EGALITE, "égalité"),
        ("SANTE", "sante", SANTE, "santé"),
    ]
    found = searched_side_by_side(new_tab, HARCELEMENT, [(query, term) for query, term, _, _ in cases])
    for (query, _, path, accented), results in zip(cases, found):
        assert accented in [m.lower() for m in result_for(results, path).marks], query


def test_a_prefix_shared_by_both_forms_is_highlighted_once(page):
    page.goto("")
    results = search(page, "sant")
    result = result_for(results, SANTE)
    assert "santé" in [m.lower() for m in result.marks]
    for r in results:
        assert r.nested_marks == 0
        assert all(m.lower().startswith("sant") for m in r.marks), r.marks


@pytest.mark.parametrize(("query", "prefix"), [("prevention", "prev"), ("sante", "sant")])
def test_a_search_leaves_the_next_ones_unchanged(page, query, prefix):
    # a prefix matching both forms once erased highlights from later searches
    page.goto("")
    first = result_for(search(page, query), SANTE).marks
    search(page, prefix)
    again = result_for(search(page, query), SANTE).marks
    assert first and again == first


def test_elided_words_are_found_and_the_elision_is_not_searched(new_tab):
    queries = ["écologie", "ecologie", "l'écologie", "l’écologie", "d’ecologie"]
    found = searched_side_by_side(new_tab, "", [(query, "ecologie" if "ecologie" in query else "écologie") for query in queries])
    for query, results in zip(queries, found):
        result = result_for(results, ECOLOGIE)
        assert "d'écologie" in result.text, query
        # « l » alone would match every word starting with l: the écologie pages come first.
        assert results[0].path in ("/" + ECOLOGIE, "/objectifs/familles-sante-ecologie-egalite/"), query


def test_a_word_in_brackets_is_found(page):
    page.goto("")
    result = result_for(search(page, "qpv"), "quartiers/regain/")
    assert "QPV" in result.marks


def test_result_leads_to_the_page_with_the_accented_word_highlighted(page):
    page.goto("")
    search(page, "harcèlement")
    page.locator(f".md-search-result__item > a[href*='{HARCELEMENT}']").first.click()
    arrives_at(page, lambda url: f"/{HARCELEMENT}" in url, "le résultat ne mène pas à sa page")
    assert page.locator("article mark[data-md-highlight]").first.inner_text().lower() == "harcèlement"


@pytest.fixture
def phone(browser, site_url):
    context = browser.new_context(
        locale="fr-FR",
        base_url=site_url,
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    tab = context.new_page()
    traffic = Traffic(urlparse(site_url).hostname)
    traffic.attach(context, tab)
    yield tab, traffic
    context.close()


def test_search_on_a_phone(phone):
    page, traffic = phone
    page.goto("")
    results = search(page, "harcelement", phone=True)
    assert "harcèlement" in result_for(results, HARCELEMENT).text.lower()
    # the results panel slides in from the right: wait until it has settled on the screen
    eventually(page, "() => document.documentElement.scrollWidth <= 360", "les résultats débordent de l'écran du téléphone")
    link = page.locator(f".md-search-result__item > a[href*='{HARCELEMENT}']").first
    assert link.is_visible()
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    link.tap()
    arrives_at(page, lambda url: f"/{HARCELEMENT}" in url, "le résultat ne mène pas à sa page")
    assert "harcèlement" in page.locator("h1").first.inner_text().lower()
    assert traffic.page_errors == []


def worker_search(page, docs: list[dict], queries: list[str]) -> dict[str, list[dict]]:
    """Ask the site's search worker, as Material does, over `docs` with the site's index settings."""
    return page.evaluate(
        """async ([docs, queries]) => {
            const config = JSON.parse(document.getElementById("__config").textContent)
            const base = new URL(config.base, location)
            const index = await (await fetch(new URL("search/search_index.json", base))).json()
            // the site's settings, without the name of its full index: these docs are searched
            const { index_complet, ...settings } = index.config
            const worker = new Worker(new URL(config.search, location))
            const reply = () => new Promise(resolve =>
                worker.addEventListener("message", ev => resolve(ev.data), { once: true }))
            worker.postMessage({ type: 0, data: { config: settings, docs, options: { suggest: false } } })
            await reply()
            const results = {}
            for (const query of queries) {
                worker.postMessage({ type: 2, data: query })
                results[query] = (await reply()).data.items.flat()
            }
            worker.terminate()
            return results
        }""",
        [docs, queries],
    )


def test_typographic_apostrophes_in_content(page):
    # The convention uses ' only; editors pasting from a word processor bring ’.
    docs = [
        {"location": "a/", "title": "Sensibiliser", "text": "<p>Les enjeux d’écologie et de l’égalité.</p>"},
        {"location": "b/", "title": "Autre page", "text": "<p>Les logements et les loisirs.</p>"},
    ]
    page.goto(HARCELEMENT)
    results = worker_search(page, docs, ["écologie", "ecologie", "l’écologie", "l'ecologie", "egalite"])
    for query, items in results.items():
        assert [item["location"] for item in items] == ["a/"], query
    assert "d’<mark>écologie</mark>" in results["ecologie"][0]["text"]
    assert "l’<mark>égalité</mark>" in results["egalite"][0]["text"]


QUARTIER_FOND_DE_SAINS = "quartiers/cite-10-fond-de-sains/"
ACCESSIBILITE = "accessibilite/"


def site_search(page, queries: list[str]) -> dict[str, list[list[dict]]]:
    """Ask the site's search worker, as Material does, over the site's whole index: for each
    query, the groups of results (one per page, its sections after it) in the order shown."""
    return page.evaluate(
        """async queries => {
            const config = JSON.parse(document.getElementById("__config").textContent)
            const base = new URL(config.base, location)
            const index = await (await fetch(new URL("search/search_index.json", base))).json()
            const worker = new Worker(new URL(config.search, location))
            const reply = () => new Promise(resolve =>
                worker.addEventListener("message", ev => resolve(ev.data), { once: true }))
            worker.postMessage({ type: 0, data: { config: index.config, docs: [], options: { suggest: false } } })
            await reply()
            const results = {}
            for (const query of queries) {
                worker.postMessage({ type: 2, data: query })
                results[query] = (await reply()).data.items.map(group => group.map(item => ({
                    location: item.location, text: item.text, title: item.title, terms: item.terms })))
            }
            worker.terminate()
            return results
        }""",
        queries,
    )


def pages_of(groups: list[list[dict]]) -> list[str]:
    return [group[0]["location"].split("#")[0] for group in groups]


def test_one_typing_mistake_in_a_long_word_is_forgiven(new_tab, traffic):
    cases = [
        ("santee", "sante", SANTE, "santé"),  # a letter added
        ("harcelemnt", "harcelement", HARCELEMENT, "harcèlement"),  # a letter missing
        ("hracèlement", "harcelement", HARCELEMENT, "harcèlement"),  # two letters swapped
        ("égalitá", "egalite", EGALITE, "égalité"),  # a letter changed
    ]
    found = searched_side_by_side(new_tab, "", [(query, term) for query, term, _, _ in cases])
    for (query, _, path, accented), results in zip(cases, found):
        result = result_for(results, path)
        assert accented in [m.lower() for m in result.marks], (query, result)
    assert traffic.page_errors == []


def test_short_words_must_be_spelt_right(page):
    # four letters or fewer: one mistake away are too many other words
    page.goto("")
    found = site_search(page, ["qpv", "qpw"])
    assert "quartiers/regain/" in pages_of(found["qpv"])
    assert found["qpw"] == []


STOP_WORDS = ["de", "la", "les", "des", "du", "et", "à", "en", "le", "l'", "d’"]


def test_french_stop_words_alone_find_nothing(page):
    page.goto("")
    found = site_search(page, STOP_WORDS)  # one worker and index for every word, each searched alone
    assert {word: groups for word, groups in found.items() if groups} == {}
    assert list(found) == STOP_WORDS


def test_stop_words_in_a_query_are_ignored(page):
    """« de » as the start of a word would find « dès » and « démarches »."""
    page.goto("")
    found = site_search(page, ["démarches", "de démarches", "les démarches de la"])
    assert found["de démarches"] == found["démarches"] == found["les démarches de la"]
    assert found["démarches"]
    for group in found["de démarches"]:
        for doc in group:
            marked = re.findall(r"<mark>(.*?)</mark>", doc["title"] + doc["text"])
            assert all(m.lower().startswith("démarche") for m in marked), (doc["location"], marked)
    # in the list, as a resident sees it (« démarche » is found too, one letter away)
    results = search_until(page, "de démarches", "démarches")
    assert result_for(results, "objectifs/demarches-administratives-numeriques/")
    for result in results:
        assert all(m.lower().startswith("démarche") for m in result.marks), result.marks


def test_pages_with_more_of_the_words_come_first(page):
    page.goto("")
    groups = site_search(page, ["Fond de Sains santé"])["Fond de Sains santé"]
    order = pages_of(groups)
    assert order[0] == QUARTIER_FOND_DE_SAINS, order[:5]
    # then the health objectives of the quartier: « santé » in the page, a section for Fond de Sains
    second = groups[1]
    assert order[1].startswith("objectifs/") and "sante" in order[1], order[:5]
    assert any(doc["location"].endswith("#cite-10-fond-de-sains") for doc in second), second
    assert ACCESSIBILITE not in order[:10]
    # the quartier's page is listed as having found the words of its title
    assert groups[0][0]["terms"] == {"fond": True, "sains": True, "santé": False}


def test_words_in_quotes_are_required_and_a_minus_excludes(page):
    page.goto("")
    found = site_search(page, ['"Fond de Sains" santé', "Fond Sains -santé"])
    quoted = found['"Fond de Sains" santé']
    assert pages_of(quoted)[0] == QUARTIER_FOND_DE_SAINS
    # every page listed has « fond » somewhere (required); the stop word « de » is not required
    for group in quoted:
        assert any(doc["terms"].get("fond") for doc in group), group[0]["location"]
    excluded = found["Fond Sains -santé"]
    assert excluded and all("santé" not in (doc["title"] + doc["text"]).lower() for group in excluded for doc in group if doc["terms"])


def test_pages_with_more_of_the_words_come_first_in_the_results_list(page, traffic):
    page.goto("")
    results = search_until(page, "Fond de Sains santé", "santé")
    assert results[0].path == "/" + QUARTIER_FOND_DE_SAINS, [r.path for r in results[:5]]
    assert "Fond de Sains" in results[0].text
    assert "/" + ACCESSIBILITE not in [r.path for r in results[:20]]
    assert traffic.page_errors == []


def test_an_accented_query_finds_a_word_written_without_accents(page):
    docs = [
        {"location": "a/", "title": "Partenaires", "text": "<p>Les services de l'Etat et la Region.</p>"},
        {"location": "b/", "title": "Autre page", "text": "<p>Les logements et les loisirs.</p>"},
    ]
    page.goto(HARCELEMENT)
    results = worker_search(page, docs, ["État", "région", "etat"])
    for query, items in results.items():
        assert [item["location"] for item in items] == ["a/"], query
