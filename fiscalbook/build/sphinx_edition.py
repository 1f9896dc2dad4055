"""Sphinx extension: every page links to the same page in the other edition, and to the
edition's PDFs (the student edition, without solutions, and the teacher edition, with them).

The editions are published side by side as ``<site>/<lang>/<page>.html``, so the other
edition's page is reached by going up to the site root and down the other language. The PDF
(fiscalbook.build.pdf) is printed after Sphinx has built the edition, into the edition's root, under
the name the config value ``edition_pdf`` gives; an empty name shows no PDF link.
"""

from __future__ import annotations

import html

from sphinx.application import Sphinx

PDF_LABEL = {"en": {"student": "PDF (student)", "teacher": "PDF (teacher, with solutions)"},
             "zh": {"student": "PDF 学生版", "teacher": "PDF 教师版（含答案）"}}


def edition_link(pagename: str, lang: str, links: dict[str, list[str]],
                 pdfs: list[list[str]] | tuple = ()) -> tuple[str, str]:
    """(HTML of the switch shown on the page, <link rel=alternate> tags) for ``pagename``;
    ``links`` maps each edition's code to its [label, hreflang]; ``pdfs`` lists the edition's
    PDFs as [kind, file name] ('student', 'teacher')."""
    up = "../" * (pagename.count("/") + 1)
    anchors, alternates = [], []
    for code, (label, hreflang) in links.items():
        if code == lang:
            continue
        href = html.escape(f"{up}{code}/{pagename}.html")
        anchors.append(f'<a href="{href}" hreflang="{hreflang}" lang="{hreflang}">{html.escape(label)}</a>')
        alternates.append(f'<link rel="alternate" hreflang="{hreflang}" href="{href}">')
    for kind, pdf in pdfs:
        href = html.escape("../" * pagename.count("/") + pdf)
        label = PDF_LABEL.get(lang, PDF_LABEL["en"]).get(kind, "PDF")
        anchors.append(f'<a class="edition-pdf edition-pdf-{html.escape(kind)}" href="{href}" '
                       f'type="application/pdf">{html.escape(label)}</a>')
    return f'<p class="edition-switch">{" · ".join(anchors)}</p>', "\n".join(alternates)


def _add_switch(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if doctree is None or not (app.config.edition_links or app.config.edition_pdfs):
        return
    switch, alternates = edition_link(pagename, app.config.edition_lang, app.config.edition_links,
                                      app.config.edition_pdfs)
    context["body"] = switch + context.get("body", "")
    context["metatags"] = context.get("metatags", "") + alternates


def setup(app: Sphinx) -> dict:
    app.add_config_value("edition_lang", "en", "html")
    app.add_config_value("edition_links", {}, "html")
    app.add_config_value("edition_pdfs", [], "html")
    app.connect("html-page-context", _add_switch)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
