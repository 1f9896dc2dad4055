"""Sphinx extension: search finds what a reader types, and ranks the chapter on a subject first.

* Chinese (the ``zh`` search language, used for ``zh_CN``): quotation marks next to Chinese
  characters are removed before jieba segments the text, so the title “三公”经费 is indexed
  as the word 三公经费, as a reader types it, and not as 三公 and 经费. The book's terms
  reach jieba through the user dictionary the build writes (``html_search_options['dict']``).
  In the browser the query is split the same way (``static/search_split_zh.js``): quotation
  marks removed, and a run of Chinese characters that is no word of the index cut into the
  longest words of the index (a Chinese query has no spaces to split at).
* Ranking, both editions (``static/search_scorer.js``, Sphinx's ``html_search_scorer``): a
  glossary line no longer outranks every chapter, and a page whose headings hold every word
  of the query ranks above pages that only mention it.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.search.zh import SearchChinese

from fiscalbook.story.fmt import unquoted

STATIC = Path(__file__).resolve().parent.parent / "static"


class QuoteBlindChinese(SearchChinese):
    """Sphinx's Chinese search language, blind to quotation marks in Chinese text."""

    js_splitter_code = (STATIC / "search_split_zh.js").read_text(encoding="utf-8")

    def init(self, options: dict[str, str]) -> None:
        # Sphinx's init, but the user dictionary is closed once read (jieba leaves it open).
        super().init({key: value for key, value in options.items() if key != "dict"})
        dictionary = options.get("dict")
        if dictionary and Path(dictionary).is_file():
            import jieba

            with open(dictionary, "rb") as handle:
                jieba.load_userdict(handle)

    def split(self, input: str) -> list[str]:
        return super().split(unquoted(input))


def _default_scorer(app: Sphinx, config: Config) -> None:
    # Sphinx opens this path as given (relative to the working folder): give it whole.
    if not config.html_search_scorer:
        config.html_search_scorer = str(STATIC / "search_scorer.js")


def setup(app: Sphinx) -> dict:
    app.add_search_language(QuoteBlindChinese)
    app.connect("config-inited", _default_scorer)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
