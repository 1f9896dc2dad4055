"""Sphinx extension: every page links to the same page in the other edition.

The editions are published side by side as ``<site>/<lang>/<page>.html``, so the other
edition's page is reached by going up to the site root and down the other language.
"""

from __future__ import annotations

import html

from sphinx.application import Sphinx


def edition_link(pagename: str, lang: str, links: dict[str, list[str]]) -> tuple[str, str]:
    """(HTML of the switch shown on the page, <link rel=alternate> tags) for ``pagename``;
    ``links`` maps each edition's code to its [label, hreflang]."""
    up = "../" * (pagename.count("/") + 1)
    anchors, alternates = [], []
    for code, (label, hreflang) in links.items():
        if code == lang:
            continue
        href = html.escape(f"{up}{code}/{pagename}.html")
        anchors.append(f'<a href="{href}" hreflang="{hreflang}" lang="{hreflang}">{html.escape(label)}</a>')
        alternates.append(f'<link rel="alternate" hreflang="{hreflang}" href="{href}">')
    return f'<p class="edition-switch">{" · ".join(anchors)}</p>', "\n".join(alternates)


def _add_switch(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if doctree is None or not app.config.edition_links:
        return
    switch, alternates = edition_link(pagename, app.config.edition_lang, app.config.edition_links)
    context["body"] = switch + context.get("body", "")
    context["metatags"] = context.get("metatags", "") + alternates


def setup(app: Sphinx) -> dict:
    app.add_config_value("edition_lang", "en", "html")
    app.add_config_value("edition_links", {}, "html")
    app.connect("html-page-context", _add_switch)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
