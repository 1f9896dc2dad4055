"""Sphinx extension: search finds what a reader types, and ranks the chapter on a subject first.

* Chinese (the ``zh`` search language, used for ``zh_CN``): quotation marks next to Chinese
  characters are removed before jieba segments the text, so the title “三公”经费 is indexed
  as the word 三公经费, as a reader types it, and not as 三公 and 经费. The book's terms
  reach jieba through the user dictionary the build writes (``html_search_options['dict']``).
  In the browser the query is split the same way (``static/search_split_zh.js``): quotation
  marks removed, and a run of Chinese characters that is no word of the index cut into the
  longest words of the index (a Chinese query has no spaces to split at).
* Speed, both editions: a word's stem is computed once per build (Sphinx stems each word each
  time it is indexed), and the Chinese language's record of Latin terms is a set (Sphinx keeps a
  list that grows with the book and searches it for every word indexed).
* Ranking, both editions (``static/search_scorer.js``, Sphinx's ``html_search_scorer``): a
  glossary line no longer outranks every chapter, and a page whose headings hold every word
  of the query ranks above pages that only mention it.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.search.en import SearchEnglish
from sphinx.search.zh import SearchChinese

from fiscalbook.story.fmt import unquoted

STATIC = Path(__file__).resolve().parent.parent / "static"


class _TermSet(set):
    """A set that Sphinx's Chinese ``split`` can extend as it extends its list of Latin terms."""

    extend = set.update


class StemOnce:
    """Mixin for a search language: each distinct word is stemmed once (same stems as before)."""

    def init(self, options: dict[str, str]) -> None:
        super().init(options)
        self._stems: dict[str, str] = {}

    def stem(self, word: str) -> str:
        if word not in self._stems:
            self._stems[word] = super().stem(word)
        return self._stems[word]


class CachedEnglish(StemOnce, SearchEnglish):
    """Sphinx's English search language, each word stemmed once."""


class QuoteBlindChinese(SearchChinese):
    """Sphinx's Chinese search language, blind to quotation marks in Chinese text."""

    js_splitter_code = (STATIC / "search_split_zh.js").read_text(encoding="utf-8")

    def init(self, options: dict[str, str]) -> None:
        # Sphinx's init, but the user dictionary is closed once read (jieba leaves it open).
        super().init({key: value for key, value in options.items() if key != "dict"})
        self.latin_terms = _TermSet()  # Sphinx's is a list shared by the class: `word in` it is slow
        self._stems: dict[str, str] = {}
        dictionary = options.get("dict")
        if dictionary and Path(dictionary).is_file():
            import jieba

            with open(dictionary, "rb") as handle:
                jieba.load_userdict(handle)

    def split(self, input: str) -> list[str]:
        return super().split(unquoted(input))

    def stem(self, word: str) -> str:
        # Sphinx's rule: a Latin term of 3+ letters whose stem would be shorter is kept whole
        # (lowercase). Whether a word is such a term can change as the book is read, so only
        # the stemmer's answer is kept.
        if word not in self._stems:
            self._stems[word] = self.stemmer.stemWord(word.lower())
        stemmed = self._stems[word]
        if word in self.latin_terms and len(word) >= 3 and len(stemmed) < 3:
            return word.lower()
        return stemmed


def _default_scorer(app: Sphinx, config: Config) -> None:
    # Sphinx opens this path as given (relative to the working folder): give it whole.
    if not config.html_search_scorer:
        config.html_search_scorer = str(STATIC / "search_scorer.js")


def setup(app: Sphinx) -> dict:
    app.add_search_language(CachedEnglish)
    app.add_search_language(QuoteBlindChinese)
    app.connect("config-inited", _default_scorer)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
