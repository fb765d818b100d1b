"""Material's page frame made valid HTML (W3C checker), where no partial can be overridden.

base.html gives its two hidden check boxes (menu, search) `autocomplete="off"`, which HTML only
allows on text-like inputs. The attribute is removed from exactly those two tags: nothing else
of the page is touched.
"""

from __future__ import annotations

TOGGLES = ("drawer", "search")


def conform(html: str) -> str:
    for toggle in TOGGLES:
        tag = f'<input class="md-toggle" data-md-toggle="{toggle}" type="checkbox" id="__{toggle}"'
        html = html.replace(f'{tag} autocomplete="off">', f"{tag}>")
    return html
