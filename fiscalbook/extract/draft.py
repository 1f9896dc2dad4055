"""From figures read in a report to draft rows of facts.csv and exclusions.csv: keys (reused
from the previous year's facts where the figure is the same), labels, verbatim quotes that pin
one place of the report, ids and restatements."""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from fiscalbook.extract import schema
from fiscalbook.extract.document import Document
from fiscalbook.extract.nonfigures import exclusion_rows
from fiscalbook.extract.reader import UNSTATED, Figure, read

BASE_MEASURES = ("amount", "count", "quantity")
PERIOD_PREFIX = {"preliminary": "prelim.", "h1": "h1.", "full_year": ""}


@dataclass
class Draft:
    facts: list[dict[str, str]] = field(default_factory=list)
    exclusions: list[dict[str, str]] = field(default_factory=list)
    review: list[tuple[int, int, str]] = field(default_factory=list)


def extract(text: str, year: int, known: pd.DataFrame | None = None) -> Draft:
    """Draft the facts of a report (its text as in report.txt) for the report year ``year``;
    ``known`` is the facts table of the nearest earlier year (strings), whose keys and labels
    are reused for figures read as the same (scope, budget, item, measure, period)."""
    doc = Document(text)
    reading = read(doc, year)
    draft = Draft()
    matcher = KnownMatcher(known, year) if known is not None and len(known) else None
    names: dict[str, str] = {}
    keyed = [_keyed(figure, matcher, names) for figure in reading.figures]
    rows = _rows(doc, keyed, year)
    claimed = {figure.token.start for figure in reading.figures}
    draft.facts = [row for row, _ in rows]
    draft.exclusions = exclusion_rows(doc, reading.nonfigures, claimed)
    for row, figure in rows:
        for message in figure.review:
            draft.review.append((*doc.line_col(figure.token.start), f"{row['id']}: {message}"))
    for token, message in reading.unread:
        draft.review.append((*doc.line_col(token.start), message))
    if not doc.has_headings:
        draft.review.append((1, 1, "the text has no section headings (一、（一）1.): section left empty"))
    draft.review.sort()
    return draft


def write_draft(draft: Draft, facts_path: Path | str, exclusions_path: Path | str | None = None) -> None:
    """Write the draft in the columns of the facts and exclusions schemas (a column the schema
    lacks is not written)."""
    _write_csv(Path(facts_path), schema.columns("facts"), draft.facts)
    if exclusions_path is not None:
        _write_csv(Path(exclusions_path), schema.columns("exclusions"), draft.exclusions)


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
    from_known: bool


class KnownMatcher:
    """The previous year's facts, looked up by what the text says about a figure (scope,
    budget, item, measure, period and which year it is about) and, for items the vocabulary
    cannot name, by the words of the previous year's label. Never by value or quote."""

    def __init__(self, known: pd.DataFrame, year: int) -> None:
        rows = known.to_dict("records")
        self.rows = [r for r in rows if r.get("restates", "") == ""]
        known_year = max(int(r["fiscal_year"]) for r in rows) if rows else year
        # the known report's year: its final-accounts year is the smaller fiscal year
        self.known_year = min(int(r["fiscal_year"]) for r in rows) if rows else known_year
        self.by_tuple: dict[tuple, list[dict]] = {}
        for r in self.rows:
            offset = int(r["fiscal_year"]) - self.known_year
            self.by_tuple.setdefault(self._tuple(r["scope"], r["budget"], r["item"], r["measure"], r["period"],
                                                 offset), []).append(r)
        self.used: set[str] = set()

    @staticmethod
    def _tuple(scope, budget, item, measure, period, offset) -> tuple:
        return (scope, budget, item, measure, period, offset)

    def find(self, figure: Figure, context: str) -> dict | None:
        s = figure.subject
        if s.item is not None:
            hits = self.by_tuple.get(self._tuple(s.scope, s.budget, s.item, figure.measure, figure.period,
                                                 figure.year_offset), [])
            if hits:
                return _best_by_words(hits, context, self.used) or hits[0]
        return self._by_label(figure, context)

    def _by_label(self, figure: Figure, context: str) -> dict | None:
        """The unused fact of the same kind whose label's words best appear around the figure."""
        candidates = [r for r in self.rows
                      if r["measure"] == figure.measure and r["period"] == figure.period
                      and int(r["fiscal_year"]) - self.known_year == figure.year_offset
                      and r["scope"] == figure.subject.scope and r["unit"] in _unit_family(figure.unit)
                      and r["key"] not in self.used]
        return _best_by_words(candidates, context, set(), threshold=0.5)


def _unit_family(unit: str) -> set[str]:
    for family in ({"亿元", "万元", "元"}, {"%"}, {"个百分点"}):
        if unit in family:
            return family
    return {unit}


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[^\u4e00-\u9fff]", "", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _best_by_words(rows: list[dict], context: str, used: set[str], threshold: float = 0.0) -> dict | None:
    words = _bigrams(context)
    best, best_score = None, threshold
    for r in rows:
        label = _bigrams(r["label_zh"])
        if not label or r["key"] in used:
            continue
        score = len(label & words) / len(label)
        if score > best_score or (best is None and score >= threshold and threshold == 0.0):
            best, best_score = r, score
    return best


def _keyed(figure: Figure, matcher: KnownMatcher | None, names: dict[str, str]) -> Keyed:
    s = figure.subject
    if matcher is not None:
        hit = matcher.find(figure, _figure_context(figure))
        if hit is not None:
            if figure.measure in BASE_MEASURES:
                matcher.used.add(hit["key"])
            return Keyed(figure, hit["key"], hit["item"], hit["budget"], hit["label_en"], hit["label_zh"], True)
        figure.review.append("no figure of the previous year matches: key drafted from the text")
    item = s.item or _placeholder_item(s.label_zh, names)
    if s.item is None:
        figure.review.append(f"no English name for '{s.label_zh}': item '{item}' and label_en left for a person")
    prefix = PERIOD_PREFIX[figure.period] + (s.scope_prefix if s.scope_prefix != UNSTATED else "unstated")
    key = f"{prefix}.{s.budget}.{item}"
    if figure.measure not in BASE_MEASURES:
        key += f".{figure.measure}"
    return Keyed(figure, key, item, s.budget, s.label_en, s.label_zh, False)


def _placeholder_item(label_zh: str, names: dict[str, str]) -> str:
    """A slug for an item the vocabulary cannot name: numbered in order of appearance."""
    return names.setdefault(label_zh, f"untranslated_{len(names) + 1}")


def _figure_context(figure: Figure) -> str:
    return figure.subject.label_zh + figure.subject.phrase


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
            "qualifier_en": f.qualifier[0] if f.qualifier else "", "qualifier_zh": f.qualifier[1] if f.qualifier else "",
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

