"""Horizontal bar charts as inline SVG, drawn at build time (no JavaScript).

Readable without colour, in print and on a 320 px screen:
- each bar's label and value sit on their own line above it, wrapped in code,
  so nothing is ever cut at the right edge;
- text keeps its size (the SVG has no viewBox: it is 100 % wide, bars are
  drawn in percentages of that width, text in pixels);
- the reference bar (the agglomeration) is hatched and outlined, the other
  bars are solid: the difference never rests on colour alone.
The chart is one image for assistive technologies (role="img"), named by its
<title> and described by a <desc> giving every figure as a sentence.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

from markupsafe import Markup, escape

from macros.text import typography

SOLID = "solid"
HATCHED = "hatched"

FONT_SIZE = 15  # px, close to the page's body text
LINE = 19  # px per line of text
BAR = 14  # px, bar thickness
LABEL_TO_BAR = 3
BAR_GAP = 9
GROUP_GAP = 18
WRAP = 36  # characters per line: about 265 px at 15 px (measured ~7 px a character), under the 288 px of a 320 px screen
WRAP_BOLD = 31  # bold headings are wider (measured ~8.5 px a character): 36 of them ran to 307 px

TEXT_COLOUR = "#1a1a1a"  # 17:1 on white
SOLID_COLOUR = "#283593"  # 11:1 on white, 9:1 on the track (drawn by statistiques.css)
HATCH_COLOUR = "#595959"  # 7:1 on white, 5:1 on the track
TRACK_COLOUR = "#ebebeb"  # the scale, from 0 to the maximum (drawn by statistiques.css)


@dataclass(frozen=True)
class Bar:
    label: str  # shown above the bar, value included: « Le Moulin : 33 % »
    value: float | None  # None: no bar is drawn, the label says why
    style: str = SOLID


@dataclass(frozen=True)
class Group:
    bars: tuple[Bar, ...]
    heading: str | None = None


def nice_maximum(value: float) -> float:
    """A round end of scale above `value` (104 → 120, 2 000 → 2 500), so no bar spans the whole width."""
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    return next(round(step * magnitude, 12) for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 12) if step * magnitude > value)


def _text(value: str) -> Markup:
    return escape(typography.text(value))


def _lines(value: str, width: int = WRAP) -> list[str]:
    # textwrap splits on ASCII spaces only: no-break spaces keep « 2 000 habitants » whole.
    return textwrap.wrap(value, width, break_long_words=False, break_on_hyphens=False) or [value]


def _length(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _bar(chart_id: str, bar: Bar, y: float, maximum: float) -> list[str]:
    share = 0.0 if maximum <= 0 else max(0.0, min(1.0, bar.value / maximum))
    width = _length(share * 100) + "%"
    # x is 0 by default; the track's and solid bar's colours are in statistiques.css (one rule, not
    # one attribute per bar: a comparison of 25 quartiers draws 230 bars)
    parts = [f'<rect class="cdv-barre-piste" y="{y}" width="100%" height="{BAR}"/>']
    if bar.style == HATCHED:
        parts.append(
            f'<rect class="cdv-barre cdv-barre--hachuree" x="0.75" y="{y + 0.75}" width="{width}" height="{BAR - 1.5}" '
            f'fill="url(#{chart_id}-hachures)" stroke="{HATCH_COLOUR}" stroke-width="1.5"/>'
        )
    else:
        parts.append(f'<rect class="cdv-barre cdv-barre--pleine" y="{y}" width="{width}" height="{BAR}"/>')
    return parts


def bar_chart(chart_id: str, title: str, description: str, groups: list[Group], maximum: float) -> Markup:
    """An inline <svg>: groups of labelled horizontal bars on a common scale from 0 to `maximum`.

    chart_id must be unique in the page and stable (derived from identifiers),
    so that the same content always gives the same HTML.
    """
    title_id, desc_id = f"{chart_id}-titre", f"{chart_id}-description"
    body: list[str] = []
    y = 0
    for group in groups:
        if group.heading:
            for line in _lines(group.heading, WRAP_BOLD):
                y += LINE
                body.append(f'<text class="cdv-graphique-groupe" y="{y - 4}" font-weight="bold">{_text(line)}</text>')
            y += 2
        for bar in group.bars:
            for line in _lines(bar.label):
                y += LINE
                body.append(f'<text y="{y - 4}">{_text(line)}</text>')
            if bar.value is not None:
                y += LABEL_TO_BAR
                body += _bar(chart_id, bar, y, maximum)
                y += BAR
            y += BAR_GAP
        y += GROUP_GAP - BAR_GAP
    height = max(y - GROUP_GAP + BAR_GAP, LINE)
    defs = (
        f'<defs><pattern id="{chart_id}-hachures" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="#ffffff"/><rect width="2.5" height="6" fill="{HATCH_COLOUR}"/></pattern></defs>'
    )
    lines = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="cdv-graphique-svg" id="{chart_id}" role="img" '
            f'aria-labelledby="{title_id}" aria-describedby="{desc_id}" width="100%" height="{height}" '
            f'font-size="{FONT_SIZE}" fill="{TEXT_COLOUR}">'
        ),
        f'<title id="{title_id}">{_text(title)}</title>',
        f'<desc id="{desc_id}">{_text(description)}</desc>',
        defs,
        *body,
        "</svg>",
    ]
    return Markup("\n".join(lines))


def figure(svg: Markup, caption: str, note: str | None = None) -> Markup:
    """The chart with a visible caption (its title) and an optional note (scale, sources)."""
    parts = ['<figure class="cdv-graphique">', f"<figcaption>{_text(caption)}</figcaption>", svg]
    if note:
        parts.append(f'<p class="cdv-graphique-note">{_text(note)}</p>')
    parts.append("</figure>")
    return Markup("\n".join(parts))
