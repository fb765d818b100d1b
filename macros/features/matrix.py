"""The « Objectifs par quartier » table of one enjeu: objectifs in rows, quartiers in columns.

HTML built here rather than a Markdown table, which can have neither caption nor row
headers: a screen reader announces « <quartier>, <objectif>,
1 » for a cell. Cells hold plain counts (a link in each of 25 × 35 cells weighed 70 KB);
the objectif's row heading leads to its page, the quartier's column heading to its
objectifs. Content text is escaped.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from macros.domain.convention import Convention
from macros.domain.model import Enjeu
from macros.domain.uris import objectif_uri, quartier_uri, url_between
from macros.text import typography

NOT_PURSUED = "Non"


def _text(value: str) -> Markup:
    return escape(typography.text(value))


def matrix_table(convention: Convention, enjeu: Enjeu, here: str) -> Markup:
    caption = f"Enjeu {enjeu.numero} : nombre d'actions prévues par chaque quartier pour chaque objectif (« {NOT_PURSUED} » : objectif non poursuivi)"
    head = [
        Markup('<a href="{}">{}</a>').format(url_between(here, quartier_uri(q.id), "objectifs"), _text(q.nom)) for q in convention.quartiers
    ]
    rows = []
    for objectif in _objectifs(enjeu):
        counts = {p.quartier.id: len(p.actions) for p in convention.pursuits.get(objectif.id, [])}
        rows.append((objectif, [typography.number(counts[q.id]) if q.id in counts else NOT_PURSUED for q in convention.quartiers]))
    return _table(f"matrice-{enjeu.id}", caption, head, rows, here)


def counts_table(convention: Convention, enjeu: Enjeu, here: str) -> Markup:
    """With too many quartiers to be columns: per objectif, how many pursue it and their actions."""
    total = typography.number(len(convention.quartiers))
    caption = f"Enjeu {enjeu.numero} : nombre de quartiers qui poursuivent chaque objectif et d'actions prévues"
    rows = []
    for objectif in _objectifs(enjeu):
        pursuits = convention.pursuits.get(objectif.id, [])
        actions = sum(len(p.actions) for p in pursuits)
        rows.append((objectif, [f"{typography.number(len(pursuits))} sur {total}", typography.number(actions)]))
    return _table(f"matrice-{enjeu.id}", caption, [_text("Quartiers qui le poursuivent"), _text("Actions prévues")], rows, here)


def _objectifs(enjeu: Enjeu) -> list:
    return [objectif for orientation in enjeu.orientations for objectif in orientation.objectifs]


def _table(table_id: str, caption: str, head: list[Markup], rows: list[tuple], here: str) -> Markup:
    """Objectifs as row headings (linked to their page), one cell per column heading."""
    caption_id = f"{table_id}-legende"
    columns = Markup("").join(Markup('<th scope="col">{}</th>').format(h) for h in [Markup("Objectif opérationnel"), *head])
    body = [
        Markup('<tr><th scope="row"><a href="{}">{}</a></th>{}</tr>').format(
            url_between(here, objectif_uri(objectif.id)),
            _text(objectif.titre),
            Markup("").join(Markup("<td>{}</td>").format(_text(cell)) for cell in cells),
        )
        for objectif, cells in rows
    ]
    return Markup("\n").join(
        [
            Markup('<div class="cdv-defilement" role="region" aria-labelledby="{}" tabindex="0">').format(caption_id),
            Markup('<table class="cdv-tableau cdv-matrice" id="{}">').format(table_id),
            Markup('<caption id="{}"><span>{}</span></caption>').format(caption_id, _text(caption)),
            Markup("<thead><tr>{}</tr></thead>").format(columns),
            Markup("<tbody>"),
            *body,
            Markup("</tbody>"),
            Markup("</table>"),
            Markup("</div>"),
        ]
    )
