"""Sphinx extension: what the book changes in the theme (sphinx-book-theme on pydata-sphinx-theme).

* Font Awesome's script is left out of every page (``templates/layout.html``): it weighs
  1.5 MB, more than the page budget, and draws the same icons as the icon font the theme's
  stylesheet already loads.
* The search button's accessible name is its visible text, "Search Ctrl+K"
  (``templates/search-button-field.html``; the theme's aria-label "Search" left out the
  shortcut it shows: axe's label-content-name-mismatch).
* A folded code cell's toggle (myst-nb's <summary>) is named by its text, "Show code" /
  "显示代码", not by an aria-label "Toggle hidden content" that hid it (the same axe rule).
* Each script is loaded once (``templates/layout.html``): under jupyter-book, sphinx-thebe's
  and sphinx-togglebutton's inline scripts came twice, and the second ``const THEBE_JS_URL``
  threw a SyntaxError on every page.
* The book has an icon (``static/favicon.svg``): browsers ask for one, and found none.
* The edition's ``index.html``, which sends the reader on to the first page, is a whole page
  that declares the book's icon too, inline (``redirect_page``). sphinx-external-toc wrote a
  lone ``<meta http-equiv="Refresh">`` there: with no icon declared, the browser asked for
  ``/favicon.ico`` at the site root on every visit of ``<year>/<lang>/``, a 404.
* ``static/js/fiscalbook.js`` shows a figure's source sentence on hover and keyboard focus.
* The repository button and the launch buttons (Binder, Colab) come from one setting, the
  theme's ``repository_url`` in _config.yml (``sphinx.config.html_theme_options``): checked
  (an https address of a repository on GitHub or GitLab, or empty), and the buttons shown only
  when it is set.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from html import escape
from pathlib import Path

from docutils import nodes
from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxTranslator

from fiscalbook.build.editions import repository_buttons

PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATES = PACKAGE / "templates"
SCRIPTS = PACKAGE / "static" / "js"


def without_script(html: str, name: str) -> str:
    """``html`` without the <script> elements whose src names the file ``name``."""
    pattern = rf'<script\b[^>]*\bsrc="[^"]*/{re.escape(name)}(?:\?[^"]*)?"[^>]*>\s*</script>\s*'
    return re.sub(pattern, "", html)


def visit_hidden_cell(self: SphinxTranslator, node: nodes.Element) -> None:
    """myst-nb's visit_HideCellInput without the summary's aria-label."""
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n<summary>\n')
    self.body.append(f'<p class="collapsed admonition-title">{escape(node["prompt_show"])}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{escape(node["prompt_hide"])}</p>\n')
    self.body.append("</summary>\n")


def unique_scripts(html: str) -> str:
    """``html`` with each <script> element once: a repeat of an earlier one is left out."""
    seen: set[str] = set()

    def first_only(match: re.Match) -> str:
        script = match.group(0).strip()
        if script in seen:
            return ""
        seen.add(script)
        return match.group(0)

    return re.sub(r"\s*<script\b[^>]*>.*?</script>", first_only, html, flags=re.DOTALL)


def _repository_buttons(app: Sphinx, config: Config) -> None:
    config.html_theme_options = repository_buttons(config.html_theme_options)


def redirect_page(target: str, icon: str, title: str, lang: str) -> str:
    """A page that sends the reader on to ``target`` at once (and links to it, should the
    browser not follow), declaring the book's ``icon``: browsers then ask for no /favicon.ico."""
    target, title = escape(target), escape(title)
    return (f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Refresh" content="0; url={target}">\n'
            f'<link rel="icon" href="{escape(icon)}">\n<title>{title}</title>\n</head>\n'
            f'<body>\n<p><a href="{target}">{title}</a></p>\n</body>\n</html>\n')


def _write_redirect(app: Sphinx, exception: Exception | None) -> None:
    """The edition's index.html (when no page of the book is called index): written before
    sphinx-external-toc's handler, which then leaves the file as it is."""
    config = app.config
    if exception is not None or app.builder.name != "html" or config.root_doc == "index":
        return
    icon = config.html_favicon or ""
    if "://" not in icon:  # the icon's file itself: a request would be cut short by the redirect
        kind = mimetypes.guess_type(icon)[0] or "image/x-icon"
        icon = f"data:{kind};base64,{base64.b64encode((Path(app.confdir) / icon).read_bytes()).decode()}"
    lang = (config.language or "en").replace("_", "-")
    page = redirect_page(f"{config.root_doc}.html", icon, config.html_title or config.project, lang)
    index = Path(app.outdir) / "index.html"
    if not index.is_file() or index.read_text(encoding="utf-8") != page:
        index.write_text(page, encoding="utf-8")


def _add_paths(app: Sphinx, config: Config) -> None:
    config.templates_path.insert(0, str(TEMPLATES))  # before the theme's own templates
    config.html_static_path.append(str(SCRIPTS))
    if not config.html_favicon:
        config.html_favicon = str(PACKAGE / "static" / "favicon.svg")


def _add_filter(app: Sphinx) -> None:
    if hasattr(app.builder, "templates"):
        filters = app.builder.templates.environment.filters
        filters["without_script"] = without_script
        filters["unique_scripts"] = unique_scripts


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _add_paths)
    app.connect("config-inited", _repository_buttons)
    app.connect("builder-inited", _add_filter)
    app.add_js_file("fiscalbook.js", loading_method="defer")
    app.connect("build-finished", _write_redirect, priority=400)  # before sphinx-external-toc's (500)
    app.add_node(HideCodeCellNode, override=True, html=(visit_hidden_cell, depart_HideCellInput))
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
