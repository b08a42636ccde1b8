"""Roll-ups as coloured, labelled links: what the Overview's heat-map matrix and the Kingdom at a
glance share.

A block's background is its mean score's colour (``ui.palette.score_colour``: the nearest
status's colour, or a pale grey when nothing is assessed), its text black or white, whichever
contrasts more (``ui.palette.text_colour``). The colour never stands alone: the block shows the
distribution in symbols, and its link is named for a screen reader with the counts in words
(``spoken_counts``: ``1 bereikt, 2 matig``). Links are plain anchors relative to the app's own
address, carrying the view's URL parameters (language, quarter and any other the view keeps), so a
click opens the target page with the same view. Pure: strings in, HTML strings out; escaped here.

| function | returns |
|---|---|
| ``spoken_counts(counts, lang)`` | the counts in words, zero counts left out; or that none are |
| ``keep_together(counts)`` | ``✔ 1 · ◆ 2`` that wraps only between statuses |
| ``score_words(score, lang)`` | ``gemiddelde score 0,67`` or ``niets beoordeeld`` |
| ``heat_style(score)`` | the inline style: background and text colour |
| ``carried_params(query, *, lang, quarter)`` | the view's URL parameters for a link |
| ``page_href(page, params)`` | a relative link to a page with those parameters |
| ``anchor(href, *, text, name, ...)`` | an ``<a>`` with its visible text and accessible name |
| ``legend_html(lang)`` | the colours with what each means, in words |

``HEAT_CSS`` is the style sheet the blocks use (one ``<style>``, class names prefixed
``glance-``).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from urllib.parse import urlencode

from metrics.constants import ROLLUP_SCORES, STATUSES
from ui.format import format_number
from ui.i18n import t
from ui.pages import PageEntry
from ui.palette import NO_SCORE_COLOUR, score_colour, status_text, text_colour

__all__ = [
    "HEAT_CSS",
    "anchor",
    "carried_params",
    "heat_style",
    "keep_together",
    "legend_html",
    "page_href",
    "score_words",
    "spoken_counts",
]

# Page-level choices (action line, indicator, objective) belong to the page they were made on;
# a link sets its own.
_PAGE_PARAMS = ("al", "ind", "obj")

HEAT_CSS = """
<style>
.glance-sr { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
a.glance-heat { display: block; padding: 0.45rem 0.6rem; border-radius: 0.35rem;
  text-decoration: underline; text-underline-offset: 0.15em; line-height: 1.4;
  overflow-wrap: anywhere; }
a.glance-heat:hover { text-decoration-thickness: 0.15em; }
a.glance-heat.glance-none { border: 1px dashed #595959; }
.glance-note { display: block; font-size: 0.9em; }
/* Links on white in the theme's link colour (lintblauw, 6.1:1), as Streamlit's own links. */
a.glance-plain, a.glance-group-link { color: #01689B; }
a.glance-heat:focus-visible, a.glance-plain:focus-visible, a.glance-group:focus-visible {
  outline: 3px solid #000000; outline-offset: 2px; box-shadow: 0 0 0 5px #FFFFFF; }
.glance-legend-intro { font-size: 0.9em; margin: 0.5rem 0 0.25rem; }
.glance-legend { display: flex; flex-wrap: wrap; gap: 0.35rem 0.9rem; margin: 0.25rem 0 0.75rem;
  padding: 0 !important; margin-left: 0 !important; list-style: none; font-size: 0.9em; }
.glance-legend li { margin: 0; display: flex; align-items: center; gap: 0.35rem; }
.glance-swatch { padding: 0.1rem 0.45rem; border-radius: 0.3rem; white-space: nowrap; }
.glance-swatch.glance-none { border: 1px dashed #595959; }
/* Browsers drop backgrounds when printing: keep the colours (the counts are text anyway). */
a.glance-heat, .glance-swatch { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
</style>
"""


def spoken_counts(counts: Mapping[str, object], lang: str) -> str:
    """The counts of a roll-up row (a count per status, ``n_series``, ``n_assessed``) in words,
    statuses in display order, zero counts left out: ``1 bereikt, 2 matig``. No series: that
    there are none; series but none assessed: the counts and that nothing is assessed."""
    if int(counts.get("n_series") or 0) == 0:
        return t("matrix_counted.none", lang)
    words = ", ".join(
        t(f"glance.count.{status}", lang, n=int(counts[status]))
        for status in STATUSES
        if int(counts.get(status) or 0) > 0
    )
    if int(counts.get("n_assessed") or 0) == 0:
        return f"{words}; {t('glance.not_assessed', lang)}"
    return words


def keep_together(counts: str) -> str:
    """A distribution (``✔ 1 · ◆ 2 (33 %)``) that wraps only between statuses: no line break
    between a symbol and its count, nor inside the share."""
    return " · ".join(part.replace(" ", "\u00a0") for part in counts.split(" · "))


def score_words(score: float | None, lang: str) -> str:
    """A mean score in words (two decimals, the language's separators), or that nothing is
    assessed."""
    if score is None or score != score:
        return t("glance.not_assessed", lang)
    return t("glance.score", lang, score=format_number(score, 2, lang))


def heat_style(score: float | None) -> str:
    """The inline style of a block coloured by ``score``: background and readable text colour."""
    background = score_colour(score)
    return f"background-color: {background}; color: {text_colour(background)};"


def carried_params(query: Mapping[str, str], *, lang: str, quarter: str | None) -> dict[str, str]:
    """The URL parameters a link keeps from the current view (``query``: the page's URL
    parameters), with the language and quarter set; the page-level choices left out."""
    params = {name: value for name, value in query.items() if name not in _PAGE_PARAMS}
    params["lang"] = lang
    if quarter:
        params["q"] = quarter
    return params


def page_href(page: PageEntry, params: Mapping[str, str]) -> str:
    """A link to ``page`` relative to the current address (so it also works when the app is
    served under a path prefix), with ``params`` as its query."""
    return f"{page.url_path}?{urlencode(dict(params))}"


def anchor(
    href: str,
    *,
    text: str,
    name: str,
    title: str = "",
    css_class: str = "",
    style: str = "",
    current: bool = False,
) -> str:
    """``<a>`` showing ``text`` (already HTML), named ``name`` for a screen reader (aria-label),
    with ``title`` as its tooltip; ``current`` marks the chosen one (aria-current)."""
    attributes = {
        "href": href,
        "class": css_class,
        "style": style,
        "aria-label": name,
        "title": title,
        "aria-current": "true" if current else "",
    }
    written = " ".join(
        f'{key}="{html.escape(value, quote=True)}"' for key, value in attributes.items() if value
    )
    return f"<a {written}>{text}</a>"


def _range_text(status: str, lang: str) -> str:
    """Which mean scores take ``status``'s colour, in words (ties go to the lower status)."""
    score = ROLLUP_SCORES[status]
    low = format_number(score - 0.5, 1, lang)
    high = format_number(score + 0.5, 1, lang)
    if score == max(ROLLUP_SCORES.values()):
        return t("glance.range_top", lang, low=low)
    if score == min(ROLLUP_SCORES.values()):
        return t("glance.range_bottom", lang, high=high)
    return t("glance.range_mid", lang, low=low, high=high)


def legend_html(lang: str) -> str:
    """The colours of the mean score, each with its status (symbol and label) and its range, and
    the grey of nothing assessed."""
    items = []
    for status in sorted(ROLLUP_SCORES, key=ROLLUP_SCORES.__getitem__, reverse=True):
        swatch = html.escape(status_text(status, lang))
        style = heat_style(ROLLUP_SCORES[status])
        items.append(
            f'<li><span class="glance-swatch" style="{style}">{swatch}</span>'
            f"{html.escape(_range_text(status, lang))}</li>"
        )
    none_style = f"background-color: {NO_SCORE_COLOUR}; color: {text_colour(NO_SCORE_COLOUR)};"
    items.append(
        f'<li><span class="glance-swatch glance-none" style="{none_style}">'
        f"{html.escape(t('glance.not_assessed', lang))}</span></li>"
    )
    intro = html.escape(t("glance.legend_intro", lang))
    label = html.escape(t("glance.legend_label", lang))
    return (
        f'<p class="glance-legend-intro">{intro}</p>'
        f'<ul class="glance-legend" aria-label="{label}">{"".join(items)}</ul>'
    )
