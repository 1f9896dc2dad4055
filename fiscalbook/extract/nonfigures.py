"""Numbers that are not figures: years used as labels, dates, heading numbers, document
numbers, plan names, ordinals, parts of proper names; and the context that excludes them."""

from __future__ import annotations

from dataclasses import dataclass

from fiscalbook.data.provenance import Token, flatten
from fiscalbook.extract import patterns as P
from fiscalbook.extract.document import Document

REASONS = {
    "year_label": "Year used as a label ({}).",
    "date": "Part of a date ({}).",
    "heading_ordinal": "Number of a heading ({}).",
    "document_number": "Part of a document number ({}).",
    "plan_name": "Part of the name of a plan or document series ({}).",
    "list_ordinal": "Ordinal of a list item ({}).",
    "proper_name": "Part of a proper name ({}).",
}


@dataclass(frozen=True)
class NonFigure:
    token: Token
    category: str
    evidence: str  # the words that show it, for the reason


def classify(doc: Document, token: Token) -> NonFigure | None:
    """The category of a number that is not a figure, or None when it may be one."""
    text, start, end = doc.text, token.start, token.end
    window = text[max(0, start - 12) : end + 12]
    offset = start - max(0, start - 12)

    def around(pattern) -> str | None:
        for m in pattern.finditer(window):
            if m.start() <= offset and offset + len(token.text) <= m.end():
                return m.group()
        return None

    if found := around(P.DOCUMENT_NUMBER):
        return NonFigure(token, "document_number", found)
    if start in doc.line_starts_set and P.SUB_HEADING.match(text[start : start + 4]):
        return NonFigure(token, "heading_ordinal", text[start : start + 8])
    if (found := around(P.PLAN_NAME_PLUS)) and "+" in found:
        return NonFigure(token, "plan_name", f"“{found}”")
    if found := around(P.YEAR_RANGE):
        in_title = _inside_title(doc, token)
        return NonFigure(token, "plan_name" if in_title else "year_label", in_title or found)
    if found := around(P.MONTH_RANGE):
        return NonFigure(token, "date", found)
    date = around(P.DATE)
    if date and "月" in date:
        return NonFigure(token, "date", date)
    if _is_year(token) and text.startswith("年", end):
        return NonFigure(token, "year_label", text[start : end + 1])
    if found := around(P.LIST_ORDINAL):
        return NonFigure(token, "list_ordinal", found)
    if _touches_latin(text, start, end):
        return NonFigure(token, "proper_name", text[max(0, start - 2) : end + 2])
    return None


def _is_year(token: Token) -> bool:
    return len(token.text) == 4 and token.text.isdigit() and 1900 <= int(token.text) <= 2100


def _inside_title(doc: Document, token: Token) -> str | None:
    """The 《title》 the token stands in, if any."""
    line_start = max(0, doc.text.rfind("《", 0, token.start))
    for m in P.TITLE.finditer(doc.text, line_start, token.end + 60):
        if m.start() < token.start and token.end <= m.end():
            return m.group()
    return None


def _touches_latin(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return any(ch.isascii() and ch.isalpha() for ch in (before, after))


def exclusion_rows(doc: Document, nonfigures: list[NonFigure], claimed: set[int]) -> list[dict[str, str]]:
    """One exclusions.csv row per (token, context); a context is widened until every token of
    the same text inside any of its occurrences is a non-figure, so it excludes nothing else."""
    excluded = {n.token.start for n in nonfigures}
    rows: dict[tuple[str, str], dict[str, str]] = {}
    for nonfigure in nonfigures:
        context = _context(doc, nonfigure.token, excluded, claimed)
        if context is None:
            continue
        key = (nonfigure.token.text, context)
        if key in rows:
            continue
        rows[key] = {
            "token": nonfigure.token.text,
            "context": context,
            "count": str(len(doc.report.find_all(context))),
            "category": nonfigure.category,
            "reason": REASONS[nonfigure.category].format(nonfigure.evidence),
        }
    return list(rows.values())


def _context(doc: Document, token: Token, excluded: set[int], claimed: set[int]) -> str | None:
    sentence = doc.sentence_at(token.start)
    for width in (4, 6, 8, 12, 16, 24, 40):
        start = max(sentence.start, token.start - width)
        end = min(sentence.end, token.end + width)
        context = doc.raw_span(start, end)
        needle_length = len(flatten(context))
        safe = True
        for at in doc.report.find_all(context):
            for other in doc.report.tokens_between(at, at + needle_length):
                if other.text == token.text and (other.start in claimed or other.start not in excluded):
                    safe = False
        if safe:
            return context
    return None
