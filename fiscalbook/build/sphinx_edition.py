"""Sphinx extension: every page links to the same page in the other edition, and to the
edition's PDF.

The editions are published side by side as ``<site>/<lang>/<page>.html``, so the other
edition's page is reached by going up to the site root and down the other language. The PDF
(fiscalbook.build.pdf) is printed after Sphinx has built the edition, into the edition's root, under
the name the config value ``edition_pdf`` gives; an empty name shows no PDF link.
"""

from __future__ import annotations

import html

from sphinx.application import Sphinx

PDF_LABEL = {"en": "PDF", "zh": "PDF 版"}


def edition_link(pagename: str, lang: str, links: dict[str, list[str]], pdf: str = "") -> tuple[str, str]:
    """(HTML of the switch shown on the page, <link rel=alternate> tags) for ``pagename``;
    ``links`` maps each edition's code to its [label, hreflang]; ``pdf`` is the file name of
    the edition's PDF, or empty."""
    up = "../" * (pagename.count("/") + 1)
    anchors, alternates = [], []
    for code, (label, hreflang) in links.items():
        if code == lang:
            continue
        href = html.escape(f"{up}{code}/{pagename}.html")
        anchors.append(f'<a href="{href}" hreflang="{hreflang}" lang="{hreflang}">{html.escape(label)}</a>')
        alternates.append(f'<link rel="alternate" hreflang="{hreflang}" href="{href}">')
    if pdf:
        href = html.escape("../" * pagename.count("/") + pdf)
        anchors.append(f'<a class="edition-pdf" href="{href}" type="application/pdf">'
                       f"{html.escape(PDF_LABEL.get(lang, 'PDF'))}</a>")
    return f'<p class="edition-switch">{" · ".join(anchors)}</p>', "\n".join(alternates)


def _add_switch(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if doctree is None or not (app.config.edition_links or app.config.edition_pdf):
        return
    switch, alternates = edition_link(pagename, app.config.edition_lang, app.config.edition_links,
                                      app.config.edition_pdf)
    context["body"] = switch + context.get("body", "")
    context["metatags"] = context.get("metatags", "") + alternates


def setup(app: Sphinx) -> dict:
    app.add_config_value("edition_lang", "en", "html")
    app.add_config_value("edition_links", {}, "html")
    app.add_config_value("edition_pdf", "", "html")
    app.connect("html-page-context", _add_switch)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
