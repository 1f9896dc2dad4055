"""The law as data: the Budget Law and its Implementing Regulations, article by article.

``data/law/`` holds the two texts byte for byte (pinned by hash in ``datapackage.json``).
Each is read into articles (第一条 … 第一百零一条): the article's number, its chapter and its
paragraphs (款), each paragraph with its numbered items (（一）…, 项) on lines of their own.

A citation names a law by its id (``LAWS``) and an article by number, optionally a paragraph::

    citation("budget-law", 71, "en")     -> 'Budget Law, Art. 71'
    citation("regulations", 45, "zh")    -> '《预算法实施条例》第四十五条'
    citation("budget-law", 69, "zh", 2)  -> '《预算法》第六十九条第二款'
    cite("budget-law", 71, "en")         -> the citation as inline HTML, the article's words as
                                            its tooltip (like a figure's source sentence)

In prose the same reference is written ``budget-law:71`` or ``budget-law:69(2)`` (the MyST role
``{law}`` of fiscalbook.build.sphinx_law, and the glossary's ``source`` column). A reference to an
article the text does not have raises LawError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fiscalbook.data.markup import escape_html, sanitize
from fiscalbook.data.paths import DEFAULT_DATA_DIR

LAW_DIR = DEFAULT_DATA_DIR / "law"


@dataclass(frozen=True)
class LawSource:
    file: str  # in the law folder
    resource: str  # its resource name in datapackage.json
    name_en: str
    name_zh: str


LAWS: dict[str, LawSource] = {
    "budget-law": LawSource("budget-law-2018.md", "law-budget-law", "Budget Law", "预算法"),
    "regulations": LawSource("budget-law-regulations-2020.md", "law-regulations",
                             "Implementing Regulations", "预算法实施条例"),
}

DIGITS = "零一二三四五六七八九"
ARTICLE = re.compile(r"^第([零一二三四五六七八九十百]+)条[ \u3000]+")
CHAPTER = re.compile(r"^##\s+(第[零一二三四五六七八九十百]+章.*)$")
ITEM = re.compile(r"^（[零一二三四五六七八九十百]+）")
REFERENCE = re.compile(r"^(?P<law>[a-z-]+):(?P<article>\d+)(?:\((?P<paragraph>\d+)\))?$")
SPAN = re.compile(r"^(?P<law>[a-z-]+):(?P<first>\d+)-(?P<last>\d+)$")  # a source's articles 74-82
OTHER_SOURCES = ("report",)  # 'report:L123': a line of the year's report
# A reading block's heading, the label of its evidence and what separates the label from it.
READING_WORDS = {"en": ("Our reading", "Evidence:", " "), "zh": ("本书的解读", "依据：", "")}


class LawError(LookupError):
    """A law, article or paragraph that the texts do not have, or a malformed reference."""

    def __str__(self) -> str:  # KeyError-like quoting would be noise in build messages
        return str(self.args[0])


@dataclass(frozen=True)
class Article:
    law: str  # an id of LAWS
    number: int
    chapter: str  # '第七章 预算调整'
    paragraphs: tuple[str, ...]  # 款, without the article's heading; items on their own lines
    line: int  # where the article starts in its file

    @property
    def text(self) -> str:
        """The article's words, one line per paragraph and item."""
        return "\n".join(self.paragraphs)


# --- Chinese numerals --------------------------------------------------------------------------

def from_chinese(numeral: str) -> int:
    """一百零一 -> 101, 十五 -> 15, 四十 -> 40 (up to 999)."""
    total, digit = 0, 0
    for char in numeral:
        if char in DIGITS:
            digit = DIGITS.index(char)
        elif char in "十百":
            total += (digit or 1) * (10 if char == "十" else 100)
            digit = 0
        else:
            raise ValueError(f"not a Chinese numeral: {numeral!r}")
    return total + digit


def to_chinese(number: int) -> str:
    """101 -> 一百零一, 15 -> 十五, 110 -> 一百一十 (1 to 999)."""
    if not 0 < number < 1000:
        raise ValueError(f"{number} is outside 1–999")
    hundreds, tens, ones = number // 100, number // 10 % 10, number % 10
    out = f"{DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (DIGITS[ones] if ones else "")


# --- reading the texts ------------------------------------------------------------------------

def parse_law(text: str, law_id: str) -> dict[int, Article]:
    """The articles of a law's Markdown text, by number. Lines before the first chapter are the
    title and dates; a line starting （一） is an item of the paragraph before it."""
    articles: dict[int, Article] = {}
    chapter = ""
    current: tuple[int, int, str, list[str]] | None = None  # number, line, chapter, paragraphs

    def close() -> None:
        if current:
            number, line, in_chapter, paragraphs = current
            articles[number] = Article(law_id, number, in_chapter, tuple(paragraphs), line)

    for line_number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if line.startswith("#"):
            close()
            current = None
            heading = CHAPTER.match(line)
            chapter = heading.group(1) if heading else chapter
            continue
        opening = ARTICLE.match(line)
        if opening:
            close()
            current = (from_chinese(opening.group(1)), line_number, chapter, [line[opening.end():]])
        elif line and current:
            if ITEM.match(line):
                current[3][-1] += "\n" + line
            else:
                current[3].append(line)
    close()
    return articles


def law_path(law_id: str, law_dir: Path | str | None = None) -> Path:
    return Path(law_dir or LAW_DIR) / _source(law_id).file


def articles(law_id: str, law_dir: Path | str | None = None) -> dict[int, Article]:
    """Every article of a law, by number; LawError when its text is missing."""
    path = law_path(law_id, law_dir)
    if not path.is_file():
        raise LawError(f"{path}: the text of the {_source(law_id).name_en} is missing")
    return _read(path.resolve(), path.stat().st_mtime_ns, law_id)


@cache
def _read(path: Path, _mtime: int, law_id: str) -> dict[int, Article]:
    return parse_law(path.read_text(encoding="utf-8"), law_id)


def _source(law_id: str) -> LawSource:
    if law_id not in LAWS:
        raise LawError(f"unknown law '{law_id}' (known: {', '.join(LAWS)})")
    return LAWS[law_id]


def article(law_id: str, number: int, law_dir: Path | str | None = None) -> Article:
    """One article; LawError when the law has no such article."""
    found = articles(law_id, law_dir)
    if number not in found:
        raise LawError(f"the {_source(law_id).name_en} ({_source(law_id).name_zh}) has no article {number} "
                       f"(it has articles {min(found)}–{max(found)})")
    return found[number]


def paragraph_text(law_id: str, number: int, paragraph: int | None = None,
                   law_dir: Path | str | None = None) -> str:
    """The words of an article, or of one of its paragraphs (款, counted from 1)."""
    cited = article(law_id, number, law_dir)
    if paragraph is None:
        return cited.text
    if not 0 < paragraph <= len(cited.paragraphs):
        raise LawError(f"{citation(law_id, number, 'en')} has no paragraph {paragraph} "
                       f"(it has {len(cited.paragraphs)})")
    return cited.paragraphs[paragraph - 1]


# --- citing -----------------------------------------------------------------------------------

def parse_reference(reference: str) -> tuple[str, int, int | None]:
    """'budget-law:71' -> ('budget-law', 71, None); 'budget-law:69(2)' -> (…, 69, 2)."""
    found = REFERENCE.match(reference.strip())
    if not found:
        raise LawError(f"'{reference}' is not a reference to the law: write budget-law:71, "
                       f"budget-law:69(2) or regulations:45")
    _source(found["law"])
    return found["law"], int(found["article"]), int(found["paragraph"]) if found["paragraph"] else None


def source_references(source: str) -> list[tuple[str, int, int | None]]:
    """The references to the law in a source column ('budget-law:41; budget-law:66',
    'budget-law:74-82', 'regulations:44; report:L12', 'general practice'): items separated by
    ';', of which those naming a law (``law:N``, ``law:N(p)``, ``law:N-M``) are returned, each
    article once. LawError for a malformed one or an unknown law; existence is not checked."""
    found: list[tuple[str, int, int | None]] = []
    for item in (part.strip() for part in source.split(";")):
        prefix = item.partition(":")[0]
        span = SPAN.match(item)
        if span and span["law"] in LAWS:
            found += [(span["law"], n, None) for n in range(int(span["first"]), int(span["last"]) + 1)]
        elif prefix in LAWS:
            found.append(parse_reference(item))
        elif re.match(r"[a-z_-]+:\d", item) and prefix not in OTHER_SOURCES:  # a law's id misspelt
            raise LawError(f"unknown law '{prefix}' in '{item}' (known: {', '.join(LAWS)})")
    return list(dict.fromkeys(found))


def citation(law_id: str, number: int, lang: str, paragraph: int | None = None,
             law_dir: Path | str | None = None) -> str:
    """The edition's words for an article: 'Budget Law, Art. 71' / '《预算法》第七十一条';
    with a paragraph (款) 'Art. 69, para. 2' / '第六十九条第二款'. LawError for an article the law lacks."""
    paragraph_text(law_id, number, paragraph, law_dir)  # it exists
    source = _source(law_id)
    if lang == "zh":
        return f"《{source.name_zh}》第{to_chinese(number)}条" + (f"第{to_chinese(paragraph)}款" if paragraph else "")
    return f"{source.name_en}, Art. {number}" + (f", para. {paragraph}" if paragraph else "")


def cite(law_id: str, number: int, lang: str, paragraph: int | None = None,
         law_dir: Path | str | None = None, short: bool = False, paragraph_only: bool = False) -> str:
    """The citation as inline HTML whose tooltip (hover and keyboard focus, as a figure's
    source sentence) is the law's own heading and words:
    ``<span class="law" tabindex="0" data-law="budget-law:71" title="《预算法》第七十一条：…">``.
    ``short``: without the law's name ('Art. 43' / '第四十三条'), after a citation that names it;
    ``paragraph_only``: the paragraph alone ('para. 8' / '第八款'), after a citation of the same article."""
    words = paragraph_text(law_id, number, paragraph, law_dir)
    title = f"{citation(law_id, number, 'zh', paragraph, law_dir)}：{words}"
    reference = f"{law_id}:{number}" + (f"({paragraph})" if paragraph else "")
    shown = citation(law_id, number, lang, paragraph, law_dir)
    if short:
        shown = shown.split("》", 1)[1] if lang == "zh" else shown.split(", ", 1)[1]
    if paragraph_only and paragraph:
        shown = f"第{to_chinese(paragraph)}款" if lang == "zh" else f"para. {paragraph}"
    return (f'<span class="law" tabindex="0" data-law="{escape_html(reference)}" '
            f'title="{escape_html(title).replace(chr(10), "&#10;")}">'
            f"{escape_html(shown)}</span>")


def split_reference(text: str) -> list[str]:
    """'budget-law:3,43' (several articles of one law) as ['budget-law:3', 'budget-law:43'];
    a single reference as itself."""
    law_id, _, numbers = text.partition(":")
    return [f"{law_id}:{number.strip()}" for number in numbers.split(",")] if "," in numbers else [text]


def cite_all(references: list[str] | tuple[str, ...], lang: str, law_dir: Path | str | None = None) -> str:
    """Several articles cited together: the law's name once for a run of articles of one law
    ('《预算法》第三条、第四十三条' / 'Budget Law, Art. 3 and Art. 43'), an article's number once for a
    run of its paragraphs ('第七十八条第七款、第八款'), each with its tooltip."""
    parts, previous, previous_article = [], None, None
    for reference in references:
        law_id, number, paragraph = parse_reference(reference)
        parts.append((law_id == previous, cite(law_id, number, lang, paragraph, law_dir, short=law_id == previous,
                                               paragraph_only=(law_id, number) == previous_article)))
        previous, previous_article = law_id, (law_id, number)
    text = parts[0][1] if parts else ""
    for same, cited in parts[1:]:
        text += ("、" if same else "；") + cited if lang == "zh" else (" and " if same else "; ") + cited
    return text


# --- "our reading" ----------------------------------------------------------------------------

def reading_words(lang: str) -> tuple[str, str, str]:
    """A reading block's heading, evidence label and the space after the label, in ``lang``."""
    return READING_WORDS["zh" if lang == "zh" else "en"]


def reading_html(text: str, evidence: str, lang: str) -> str:
    """The book's interpretation, marked as such, for generated prose: the same block the
    ``{reading}`` directive renders. ``text`` and ``evidence`` are inline HTML (figures and
    ``cite`` spans are kept; any other markup shows as text); blank lines separate paragraphs."""
    title, label, space = reading_words(lang)
    body = "".join(f"<p>{sanitize(part.strip(), markdown=False)}</p>\n"
                   for part in re.split(r"\n\s*\n", text) if part.strip())
    if evidence.strip():
        body += (f'<p class="reading-evidence"><strong>{label}</strong>{space}'
                 f"{sanitize(evidence.strip(), markdown=False)}</p>\n")
    return f'<div class="reading admonition">\n<p class="admonition-title">{title}</p>\n{body}</div>\n'
