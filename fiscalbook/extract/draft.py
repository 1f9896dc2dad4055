"""From figures read in a report to draft rows of facts.csv and exclusions.csv: keys (reused
from the previous year's facts where the figure is the same), labels, verbatim quotes that pin
one place of the report, ids and restatements."""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from fiscalbook.extract import schema
from fiscalbook.extract import vocabulary as V
from fiscalbook.extract.document import Document, opening_year
from fiscalbook.extract.nonfigures import exclusion_rows
from fiscalbook.extract.reader import UNSTATED, Figure, clean_label, read

BASE_MEASURES = ("amount", "count", "quantity")
PERIOD_PREFIX = {"preliminary": "prelim.", "h1": "h1.", "full_year": ""}


@dataclass
class Draft:
    facts: list[dict[str, str]] = field(default_factory=list)
    exclusions: list[dict[str, str]] = field(default_factory=list)
    review: list[tuple[int, int, str]] = field(default_factory=list)


def extract(text: str, year: int, known: pd.DataFrame | None = None) -> Draft:
    """Draft the facts of a report (its text as in report.txt) registered as the report year
    ``year``; ``known`` is the facts table of the nearest earlier year (strings), whose keys
    and labels are reused for figures read as the same (scope, budget, item, measure, period).
    Readings that depend on the year (比2021年 is year-on-year in a report on 2022; a figure's
    fiscal year) use the report's own year when its title names one, whatever ``year`` says;
    a disagreement is flagged for review."""
    doc = Document(text)
    own = opening_year(doc)
    reading_year = own[0] if own else year
    reading = read(doc, reading_year)
    draft = Draft()
    keyed = _keys(doc, reading.figures, known, reading_year)
    rows = _rows(doc, keyed, reading_year)
    claimed = {figure.token.start for figure in reading.figures}
    draft.facts = [row for row, _ in rows]
    draft.exclusions = exclusion_rows(doc, reading.nonfigures, claimed)
    for row, figure in rows:
        for message in figure.review:
            draft.review.append((*doc.line_col(figure.token.start), f"{row['id']}: {message}"))
    for token, message in reading.unread:
        draft.review.append((*doc.line_col(token.start), message))
    if own is not None and own[0] != year:
        draft.review.append((*doc.line_col(own[1]), f"the report is about {own[0]} (its title or opening) but "
                                                    f"was given {year}: figures read as of {own[0]}; check the year"))
    if not doc.has_headings:
        draft.review.append((1, 1, "the text has no section headings (一、（一）1.): section left empty"))
    draft.review.sort()
    return draft


def write_draft(draft: Draft, facts_path: Path | str, exclusions_path: Path | str | None = None,
                schemas: Path = schema.SCHEMAS) -> None:
    """Write the draft in the columns of the facts and exclusions schemas in ``schemas`` (a
    column the schema lacks is not written; one the draft lacks is written empty)."""
    _write_csv(Path(facts_path), schema.columns("facts", schemas), draft.facts)
    if exclusions_path is not None:
        _write_csv(Path(exclusions_path), schema.columns("exclusions", schemas), draft.exclusions)


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})


# -- keys ---------------------------------------------------------------------------------------

@dataclass
class Keyed:
    figure: Figure
    key: str
    item: str
    budget: str
    label_en: str
    label_zh: str


def _keys(doc: Document, figures: list[Figure], known: pd.DataFrame | None, year: int) -> list[Keyed]:
    """Each figure's key and labels: the previous year's where it has the same figure, else
    built from the reading (and flagged for review)."""
    found: dict[int, dict] = {}
    matcher = KnownMatcher(known, year) if known is not None and len(known) else None
    if matcher is not None:
        found = matcher.match(doc, figures)
    names: dict[str, str] = {}
    keyed = []
    for i, figure in enumerate(figures):
        hit = found.get(i)
        if hit is not None:
            keyed.append(Keyed(figure, hit["key"], hit["item"], hit["budget"], hit["label_en"], hit["label_zh"]))
            continue
        drafted = _drafted_key(figure, names)
        if matcher is not None:
            drafted.key = matcher.new_key(drafted.key, figure)
        keyed.append(drafted)
    return keyed


def _drafted_key(figure: Figure, names: dict[str, str]) -> Keyed:
    s = figure.subject
    item = s.item or names.setdefault(s.label_zh, f"untranslated_{len(names) + 1}")
    if s.item is None:
        figure.review.append(f"no English name for '{s.label_zh}': item '{item}' and label_en left for a person")
    prefix = PERIOD_PREFIX[figure.period] + (s.scope_prefix if s.scope_prefix != UNSTATED else "unstated")
    key = f"{prefix}.{s.budget}.{item}"
    if figure.measure not in BASE_MEASURES:
        key += f".{figure.measure}"
    return Keyed(figure, key, item, s.budget, s.label_en, clean_label(s.label_zh))


class KnownMatcher:
    """The previous year's facts, looked up by what the text says about a figure, never by
    its value or quote. A figure takes a previous key only when item, scope, budget, period
    and measure (and the fiscal year's place: the report's year or the next) all agree:

    1. by (scope, budget, item, measure, period, fiscal year - report year), where the item
       comes from the vocabulary;
    2. for the rest, by the words of the previous year's Chinese label found around the
       figure (the words since the previous figure weigh most, the rest of the sentence
       less), among facts of the same measure, period, scope, budget and kind of unit, and
       of the same item when the vocabulary names the figure's (a figure it does not name
       may take only an item the vocabulary does not have either: 调入资金 never becomes
       债务转贷收入); each previous fact is used once, best match first;
    3. a rate or change takes its figure's key plus its measure, when that fact agrees too.

    Keys carried by label words (2, and 3 on a figure matched so) are flagged for review;
    a figure that takes no key gets a new one, never one that means another figure.
    """

    def __init__(self, known: pd.DataFrame, year: int) -> None:
        rows = known.to_dict("records")
        self.rows = [r for r in rows if not r.get("restates")]
        self.known_year = min(int(r["fiscal_year"]) for r in rows)
        self.by_tuple: dict[tuple, list[dict]] = {}
        self.by_key = {r["key"]: r for r in self.rows}
        self.by_words: set[int] = set()  # figures whose key was carried by label words
        for r in self.rows:
            self.by_tuple.setdefault(self._tuple(r), []).append(r)

    def _tuple(self, r: dict) -> tuple:
        return (_role(r["scope"]), r["budget"], r["item"], r["measure"], r["period"],
                int(r["fiscal_year"]) - self.known_year)

    @staticmethod
    def _figure_tuple(f: Figure) -> tuple:
        s = f.subject
        return (_role(s.scope, s.scope_prefix), s.budget, s.item, f.measure, f.period, f.year_offset)

    def match(self, doc: Document, figures: list[Figure]) -> dict[int, dict]:
        found: dict[int, dict] = {}
        used: set[str] = set()
        for i, f in enumerate(figures):  # 1. same reading
            if f.subject.item is not None and (hits := self.by_tuple.get(self._figure_tuple(f))):
                free = [r for r in hits if r["key"] not in used]
                found[i] = free[0] if free else hits[0]
                used.add(found[i]["key"])
        pairs = []
        for i, f in enumerate(figures):  # 2. by the words of the label
            if i not in found and f.measure in BASE_MEASURES:
                pairs += self._label_pairs(doc, i, f, used)
        self._assign(pairs, figures, found, used)
        for i, f in enumerate(figures):  # 3. a rate follows the figure it qualifies
            if i in found or f.measure in BASE_MEASURES:
                continue
            j = next((j for j in range(i - 1, -1, -1)
                      if j in found and figures[j].subject is f.subject and figures[j].measure in BASE_MEASURES), None)
            r = self.by_key.get(f"{found[j]['key']}.{f.measure}") if j is not None else None
            if r is not None and r["key"] not in used and self._same_kind(f, r) and r["item"] == found[j]["item"]:
                found[i] = r
                used.add(r["key"])
                if j in self.by_words:
                    self._flag_words(f, r, f"its figure's key '{found[j]['key']}' was")
        pairs = []
        for i, f in enumerate(figures):  # 4. rates and changes left, by the words of the label
            if i not in found:
                pairs += self._label_pairs(doc, i, f, used)
        self._assign(pairs, figures, found, used)
        return found

    def _label_pairs(self, doc: Document, i: int, f: Figure, used: set[str]) -> list[tuple[float, int, str]]:
        windows = _windows(doc, f)
        pairs = []
        for r in self.rows:
            if r["key"] in used or not self._same_kind(f, r):
                continue
            label = _bigrams(r["label_zh"])
            if not label:
                continue
            clause, near, wide = (len(label & w) / len(label) for w in windows)
            if wide >= 0.5:
                pairs.append((clause + 0.5 * near + 0.25 * wide + 0.25 * (r.get("section") == f.section), i, r["key"]))
        return pairs

    def _assign(self, pairs: list[tuple[float, int, str]], figures: list[Figure], found: dict[int, dict],
                used: set[str]) -> None:
        """Best pairs first; each figure and each previous fact at most once."""
        for _, i, key in sorted(pairs, reverse=True):
            if i not in found and key not in used:
                found[i] = self.by_key[key]
                used.add(key)
                self.by_words.add(i)
                self._flag_words(figures[i], self.by_key[key], "it was")

    @staticmethod
    def _flag_words(f: Figure, r: dict, what: str) -> None:
        f.review.append(f"key '{r['key']}' carried by label words: {what} taken from the previous year's label "
                        f"'{r['label_zh']}' by its words: check")

    def _same_kind(self, f: Figure, r: dict) -> bool:
        """Same scope, budget, period, measure, year and kind of unit; the same item where
        the vocabulary names the figure's, else an item the vocabulary does not name either."""
        same_item = r["item"] == f.subject.item if f.subject.item is not None else r["item"] not in _vocabulary_items()
        same_scope = (_role(r["scope"]) == _role(f.subject.scope, f.subject.scope_prefix) if f.subject.item is not None
                      else r["scope"] == f.subject.scope)
        return (r["measure"] == f.measure and r["period"] == f.period and same_scope
                and r["budget"] == f.subject.budget and same_item
                and int(r["fiscal_year"]) - self.known_year == f.year_offset and r.get("unit") in _unit_family(f.unit))

    def new_key(self, key: str, f: Figure) -> str:
        """A drafted key for a figure no previous fact agrees with; made unique when the
        previous year used it for another figure (the reading differs), and flagged."""
        taken = self.by_key.get(key)
        if taken is not None and self._tuple(taken) != self._figure_tuple(f):
            key = _unique(key, self.by_key)
        f.review.append(f"new key: check ('{key}': no figure of the previous year agrees in item, scope, budget, "
                        "period and measure)")
        return key


# Scopes that play the same part in any place's report: the whole (全市, 全区, 全县), the
# place's own level (市本级, 区本级, 县本级, 区级, 县级). 市级 is not one: Zhongwei's 市级 includes
# a district (市级（含沙坡头区）), another city's may not. A figure takes a previous year's key of
# another place's wording of the same part only when item, budget, period and measure agree too
# (KnownMatcher).
ROLES = frozenset({"whole", "city"})


def _role(scope: str, prefix: str | None = None) -> str:
    if prefix is None:
        prefix = next((e.prefix for e in V.scopes() if e.scope == scope), None)
    return f"role:{prefix}" if prefix in ROLES else scope


@cache
def _vocabulary_items() -> frozenset[str]:
    return frozenset(e.item for e in V.items())


def _windows(doc: Document, f: Figure) -> tuple[set[str], set[str], set[str]]:
    """Bigrams of the words since the previous figure: up to the end of the figure's clause,
    up to the next number, and up to the end of the sentence."""
    sentence = doc.sentence_at(f.token.start)
    following = [t.start for t in doc.tokens if f.token.end < t.start < sentence.end]
    near_end = following[0] if following else sentence.end
    mark = re.search(r"[，；。：、（）]", doc.text[f.end : near_end])
    clause_end = f.end + mark.start() if mark else near_end
    return tuple(_bigrams(doc.text[f.lead_start : end]) for end in (clause_end, near_end, sentence.end))


def _unit_family(unit: str) -> set[str]:
    for family in ({"亿元", "万元", "元"}, {"%"}, {"个百分点"}):
        if unit in family:
            return family
    return {unit}


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[^\u4e00-\u9fff]", "", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


# -- rows ---------------------------------------------------------------------------------------

def _rows(doc: Document, keyed: list[Keyed], year: int) -> list[tuple[dict[str, str], Figure]]:
    rows: list[tuple[dict[str, str], Figure]] = []
    first: dict[str, dict[str, str]] = {}
    counts: Counter[str] = Counter()
    claimed = set()
    for k in keyed:
        f = k.figure
        key = k.key
        restates = ""
        if key in first and (first[key]["value"], first[key]["unit"]) == (f.value, f.unit):
            counts[key] += 1
            fact_id = f"{key}#{counts[key]}"
            restates = first[key]["id"]
        else:
            if key in first:  # the same key for a different figure: the reading is not sure
                f.review.append(f"read as '{key}' like an earlier figure with another value: key made unique")
                key = _unique(key, first)
            fact_id = key
            counts[key] = 1
        quote = _quote(doc, f, claimed)
        claimed.add(f.token.start)
        row = {
            "id": fact_id, "key": key, "fiscal_year": str(year + f.year_offset), "period": f.period,
            "scope": f.subject.scope, "budget": k.budget, "item": key.split(".")[-2 if f.measure not in
                                                                                  BASE_MEASURES else -1],
            "measure": f.measure, "value": f.value, "unit": f.unit, "label_en": k.label_en, "label_zh": k.label_zh,
            "qualifier_en": f.qualifier[0] if f.qualifier else "",
            "qualifier_zh": f.qualifier[1] if f.qualifier else "",
            "section": f.section, "quote": quote, "restates": restates, "note": " ".join(f.notes),
        }
        if not restates:
            first[key] = row
        if counts[key] > 9:
            f.review.append(f"'{key}' stated more than nine times")
        rows.append((row, f))
    return rows


def _unique(key: str, taken: dict) -> str:
    parts = key.split(".")
    measure_tail = parts[-1] if len(parts) > 3 else None
    for n in range(2, 100):
        if measure_tail and parts[-1] in schema.enum("facts", "measure"):
            candidate = ".".join(parts[:-2] + [f"{parts[-2]}_{n}", parts[-1]])
        else:
            candidate = ".".join(parts[:-1] + [f"{parts[-1]}_{n}"])
        if candidate not in taken:
            return candidate
    raise ValueError(key)


def _quote(doc: Document, figure: Figure, claimed: set[int]) -> str:
    """The shortest natural passage around the figure that occurs once in the report and holds
    no earlier number of the same text that the validator could take for this one."""
    token = figure.token
    sentence = doc.sentence_at(token.start)
    starts = [figure.start] + _marks_before(doc.text, figure.start, sentence.start)
    ends = [figure.end] + _marks_after(doc.text, figure.end, sentence.end)
    for end in ends:
        for start in starts:
            if start > token.start:
                continue
            span = doc.raw_span(start, end)
            if len(doc.report.find_all(span)) != 1:
                continue
            same = [t for t in doc.report.tokens_between(start, end)
                    if t.text == token.text and t.start < token.start and t.start not in claimed]
            if not same:
                return span
    figure.review.append("no unique quote within its sentence")
    return doc.raw_span(starts[-1], ends[-1])


def _marks_before(text: str, start: int, floor: int) -> list[int]:
    found = [i + 1 for i in range(start - 2, floor - 1, -1) if text[i] in "，；：、（("]
    return found + [floor]


def _marks_after(text: str, end: int, ceiling: int) -> list[int]:
    found = [i for i in range(end, ceiling) if text[i] in "，；：、）)。"]
    return found + [ceiling]

