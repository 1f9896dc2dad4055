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
* ``static/js/fiscalbook.js`` shows a figure's source sentence on hover and keyboard focus.
* The repository button and the launch buttons (Binder, Colab) come from one setting, the
  theme's ``repository_url`` in _config.yml (``sphinx.config.html_theme_options``): checked
  (an https address of a repository on GitHub or GitLab, or empty), and the buttons shown only
  when it is set.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from docutils import nodes
from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util.docutils import SphinxTranslator

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


REPOSITORY = re.compile(r"https://(?:github\.com|gitlab\.com)/[\w.-]+/[\w.-]+")


def repository_buttons(theme_options: dict) -> dict:
    """The theme's options with the repository and launch buttons made from ``repository_url``
    alone: none when it is empty, both when it is a repository's address; anything else is an
    error, so that no page links to a wrong place."""
    options = dict(theme_options)
    url = str(options.get("repository_url") or "").rstrip("/")
    if url and not REPOSITORY.fullmatch(url):
        raise ConfigError("_config.yml: html_theme_options.repository_url must be https://github.com/OWNER/NAME "
                          f"(or gitlab.com) or empty, not {url!r}")
    options["repository_url"] = url
    options["use_repository_button"] = bool(url)
    if not url:
        options.pop("launch_buttons", None)
    return options


def _repository_buttons(app: Sphinx, config: Config) -> None:
    config.html_theme_options = repository_buttons(config.html_theme_options)


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
    app.add_node(HideCodeCellNode, override=True, html=(visit_hidden_cell, depart_HideCellInput))
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
