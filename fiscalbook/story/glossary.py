"""The glossary page's entries: each term of data/glossary.csv with what it rests on.

An entry's ``source`` column holds items separated by '; ' (data/schemas/glossary.json):

- an article of the law, ``budget-law:66(1)``, ``regulations:45`` or a run ``budget-law:74-82``:
  shown as the article cited, its words on hover (the same span as the ``{law}`` role);
- ``report:<the report's words>``: shown as those words, quoted;
- a named national document, ``《…》（…号）``: shown by its name;
- ``general practice``: shown as such ("general practice" / "一般做法"), for what neither the
  law nor the report says.

The glossary is shared by every place, so its entries name none; the entries that define a
scope of the report (市本级, 市级, 全市) get the place's own parts here, from its descriptor.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from fiscalbook.data import law
from fiscalbook.data.places import Place

Kind = Literal["law", "report", "document", "practice"]
PRACTICE = "general practice"
WORDS = {  # the label, the items' separator, the end, 'general practice', this report's words, another's
    "en": ("Source: ", "; ", ".", "<em>general practice</em>", "the report: “{}”", "a report's words: “{}”"),
    "zh": ("依据：", "；", "。", "<em>一般做法</em>", "报告原文：“{}”", "报告用语：“{}”"),
}


@dataclass(frozen=True)
class Edition:
    """What an entry is shown with: the edition's language, a citation of an article with its
    words (``Chapter.cite``), a scope code's name in a sentence (``Chapter.scope_name``), the
    place and this year's report without white space (to tell its own words from others')."""

    lang: str
    cite: Callable[..., str]
    name: Callable[[str], str]
    place: Place
    report: str = ""

    @classmethod
    def of(cls, ch: Any) -> Edition:
        """The edition of a Chapter."""
        return cls(ch.lang, ch.cite, ch.scope_name, ch.place, flat(ch.data.report.raw))


@dataclass(frozen=True)
class Source:
    kind: Kind
    text: str  # the law reference, the report's words or the document's name


def parse_sources(column: str) -> list[Source]:
    """The items of a source column, each with its kind; ValueError for an item of no kind."""
    return [_source(item.strip()) for item in column.split(";") if item.strip()]


def _source(item: str) -> Source:
    prefix, _, rest = item.partition(":")
    if prefix in law.LAWS:
        return Source("law", item)
    if prefix == "report" and rest.strip():
        return Source("report", rest.strip())
    if item.startswith("《"):
        return Source("document", item)
    if item == PRACTICE:
        return Source("practice", item)
    raise ValueError(f"a glossary source of no known kind: {item!r}")


def nested_quotes(words: str) -> str:
    """Quotation marks inside a quotation become single ones: “三公” -> ‘三公’."""
    return words.replace("“", "‘").replace("”", "’")


def flat(text: str) -> str:
    """A text without white space, as the report's words are matched."""
    return re.sub(r"\s+", "", text)


def show_source(source: Source, edition: Edition) -> str:
    """One source in the edition's words: the article cited with its words on hover, the
    report's words quoted (as this report's when it has them), the document by its name,
    general practice marked as such."""
    words = WORDS[_lang(edition.lang)]
    if source.kind == "law":
        span = law.SPAN.match(source.text)
        if span:
            return "–".join(edition.cite(f"{span['law']}:{span[end]}") for end in ("first", "last"))
        return edition.cite(source.text)
    if source.kind == "report":
        own = flat(source.text) in edition.report
        return words[4 if own else 5].format(nested_quotes(source.text))
    if source.kind == "practice":
        return words[3]
    return source.text


def sources_line(column: str, edition: Edition) -> str:
    """'Source: Budget Law, Art. 66; general practice.' / '依据：《预算法》第六十六条；一般做法。'"""
    label, separator, end = WORDS[_lang(edition.lang)][:3]
    return label + separator.join(show_run(run, edition) for run in law_runs(parse_sources(column))) + end


def law_runs(sources: list[Source]) -> list[list[Source]]:
    """The sources with each run of consecutive articles of one law (no span) as one item, so
    that the law is named once ('《预算法》第十二条、第三十二条'); every other source alone."""
    runs: list[list[Source]] = []
    for source in sources:
        previous = runs[-1][-1] if runs else None
        if previous and _single_article(previous) and _single_article(source) \
                and _law_of(previous) == _law_of(source):
            runs[-1].append(source)
        else:
            runs.append([source])
    return runs


def show_run(run: list[Source], edition: Edition) -> str:
    """A run of ``law_runs``: one source shown alone, or one law's articles cited together."""
    if len(run) == 1:
        return show_source(run[0], edition)
    return edition.cite(*(source.text for source in run))


def _single_article(source: Source) -> bool:
    return source.kind == "law" and not law.SPAN.match(source.text)


def _law_of(source: Source) -> str:
    return source.text.partition(":")[0]


def scope_note(term_zh: str, edition: Edition) -> str:
    """For an entry defining one of the report's scopes, what it covers in this place's report
    ('' for any other entry): 市本级 without the parts, 市级 with its district, 全市 with all."""
    place = edition.place
    roles = ("city", "whole", "municipal_as_worded", "municipal")
    city, whole, worded, municipal = (place.role(role) for role in roles)
    if city is None:
        return ""
    parts = [part.code for part in place.parts]
    if term_zh == city.zh:
        return city_reading(_note(edition, city.code, ("excludes", "不含"), parts), edition)
    if whole and term_zh == whole.zh:
        return _note(edition, whole.code, ("covers", "包括"), [city.code, *parts])
    if worded and municipal and term_zh == worded.zh:
        within = [part.code for part in place.parts if part.within == municipal.code]
        return _note(edition, municipal.code, ("covers", "包括"), [city.code, *within])
    return ""


def city_reading(note: str, edition: Edition) -> str:
    """The note on 市本级 as what it is, our reading: the report does not define the scope, and its words
    (市本级收入……（沙坡头区收入……）) could be read as including the district. The evidence is arithmetic of the
    data-audit chapter and the city government's uses."""
    if edition.lang == "zh":
        return (f"本书的解读：{note}报告没有定义这一口径，而且其写法（市本级收入之后括注所辖区的收入）"
                "也可能被理解为包含该区。"
                "依据：市本级的收入、支出加上所辖区的收入、支出，等于报告所列市级（含所辖区）的收入、支出（见“数据与核查”"
                "一章“各口径相加”的核对）；市本级的资金运用中列有对所辖区的补助支出和债务转贷支出。")
    return (f"Our reading: {note} The report does not define the scope, and its wording (the city government's "
            "revenue followed by the district's in brackets) could be read as including the district. Evidence: the "
            "city government's revenue and expenditure plus the district's give the municipal level's, as the report "
            "states it with the district included (the “Scopes add up” checks of the data-audit chapter); and the "
            "city government's uses include its subsidies and on-lent debt to the district.")


def _note(edition: Edition, scope: str, verb: tuple[str, str], codes: list[str]) -> str:
    """'In the X report, <scope> covers A, B and C.' / '在X的报告中，“<scope>”包括A、B和C。'"""
    names = [edition.name(code) for code in codes]
    zh = edition.lang == "zh"
    comma, last = ("、", "和") if zh else (", ", " and ")
    listed = names[-1] if len(names) < 2 else comma.join(names[:-1]) + last + names[-1]
    if zh:
        return f"在{edition.place.name('zh')}的报告中，“{edition.name(scope)}”{verb[1]}{listed}。"
    return f"In the {edition.place.name('en')} report, {edition.name(scope)} {verb[0]} {listed}."


def pinyin_term(term_zh: str, pinyin: str) -> str:
    """The Chinese term as the English edition lists it: with its pinyin."""
    return f"{term_zh} ({pinyin})"


def entry(row: dict[str, str], edition: Edition) -> str:
    """One entry of a ``{glossary}`` directive: the edition's term first (the one the chapters
    link to), the other second (with its pinyin in English); the explanation, the place's note
    and the sources as paragraphs of the definition."""
    if edition.lang == "zh":
        terms, text = (row["term_zh"], row["term_en"]), row["explanation_zh"]
    else:
        terms, text = (row["term_en"], pinyin_term(row["term_zh"], row["pinyin"])), row["explanation_en"]
    paragraphs = [text, scope_note(row["term_zh"], edition), sources_line(row["source"], edition)]
    body = "\n\n".join(f"  {_one_line(p)}" for p in paragraphs if p)
    return f"{terms[0]}\n{terms[1]}\n{body}\n"


def entries(rows: list[dict[str, str]], edition: Edition) -> str:
    """The body of the ``{glossary}`` directive: every entry, in the table's order."""
    return "\n".join(entry(row, edition) for row in rows)


def counts(rows: list[dict[str, str]]) -> dict[str, int]:
    """How many entries cite each kind of source (an entry counts once per kind)."""
    kinds = [{source.kind for source in parse_sources(row["source"])} for row in rows]
    return {kind: sum(kind in found for found in kinds) for kind in ("law", "report", "document", "practice")}


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _lang(lang: str) -> str:
    return "zh" if lang == "zh" else "en"
