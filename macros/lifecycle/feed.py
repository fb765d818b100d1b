"""The history as an Atom feed (historique.xml) partners can follow: avenants, statut
changes and suivi entries. Dates come from content, so the same content gives the same bytes."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from macros.domain.site import Site
from macros.domain.uris import FEED_PATH, HISTORY_URI, page_url
from macros.lifecycle.history import Event, History, commune_events, site_events
from macros.text.typography import date as french_date

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 200  # a feed reader needs the recent changes, not six years of them


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom(
    title: str,
    editeur: str,
    updated: dt.date,
    events: list[Event],
    site_url: str | None,
    history_uri: str = HISTORY_URI,
    feed_path: str = FEED_PATH,
) -> bytes:
    """The feed of a history page: `title` names the convention(s), `updated` is their newest change."""
    base = site_url.rstrip("/") + "/" if site_url else "/"
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "fr"})

    def child(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    child(feed, "id", base + page_url(history_uri))
    child(feed, "title", f"{title} : historique des modifications")
    child(feed, "updated", _stamp(updated))
    child(feed, "link", rel="self", type="application/atom+xml", href=base + feed_path)
    child(feed, "link", rel="alternate", type="text/html", href=base + page_url(history_uri))
    author = child(feed, "author")
    child(author, "name", editeur)
    for event in events[:MAX_ENTRIES]:
        entry = child(feed, "entry")
        child(entry, "id", f"{base}{page_url(history_uri)}#{event.key}")
        child(entry, "title", f"{french_date(event.date)} : {event.title}")
        child(entry, "updated", _stamp(event.date))
        child(
            entry,
            "link",
            rel="alternate",
            type="text/html",
            href=base + page_url(event.src_uri) + (f"#{event.anchor}" if event.anchor else ""),
        )
        child(entry, "summary", event.text)
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") + b"\n"


def feeds(site: Site, site_url: str | None) -> dict[str, bytes]:
    """Site path → feed: each commune's history, and the site's when it gathers several communes
    (a commune's own site: its history is the site's)."""
    s = site.addresses
    found = {}
    for commune in site.communes:
        contrat = commune.convention.contrat
        found[s.feed(commune.id)] = atom(
            f"{contrat.titre} — {contrat.commune.nom}",
            contrat.publication.editeur,
            History(commune.convention).convention_updated(),
            commune_events(commune, site),
            site_url,
            s.history(commune.id),
            s.feed(commune.id),
        )
    if FEED_PATH not in found:
        identity = site.identity
        updated = max(History(commune.convention).convention_updated() for commune in site.communes)
        found[FEED_PATH] = atom(f"{identity.titre} — {identity.nom}", identity.publication.editeur, updated, site_events(site), site_url)
    return found
