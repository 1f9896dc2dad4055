"""Draft a year's facts table from a report's plain text.

    from fiscalbook.extract import extract, write_draft
    draft = extract(report_text, 2024, known=previous_facts)   # a Draft
    write_draft(draft, "facts.csv", "exclusions.csv")
    report_year(report_text)   # the year its title names (关于2022年…决算 → 2022), or None
    draft_place(report_text)   # the place, its level, region and parts, for a person to review

``patterns`` holds every wording the extractor reads; ``document`` the report's structure;
``reader`` reads each number's unit, measure, subject, scope and period; ``nonfigures`` the
numbers that are not figures; ``draft`` keys, labels, quotes and rows; ``evaluate`` measures a
draft against curated data; ``place`` drafts the place a report is about. ``items.csv`` and
``scopes.csv`` are the vocabularies of item and government names, with their slugs and labels.

Libraries weighed and not used (measured 2026-12): ``cn2an`` turns Chinese numerals into
digits, but a fact's value must be a digit token of the report (``fiscalbook.data.provenance``), so
三项 or 十四五 can never be a fact, and its ``transform`` also rewrites words (一般 → 1般).
``jionlp.parse_money`` normalises amounts to 元 (we keep the unit as written), rejects
full-width digits and negative amounts, and costs 0.5 s to import: a regular expression on the
folded text does more. ``jieba`` (installed) needs 1–4 s to load its dictionary, more than the
whole extraction (about 0.1 s), and tags 预算 and 收入 as verbs, so it does not delimit an
item's name better than the clause rules here.
"""

from fiscalbook.extract.document import report_year
from fiscalbook.extract.draft import Draft, extract, write_draft
from fiscalbook.extract.place import draft_place

__all__ = ["Draft", "draft_place", "extract", "report_year", "write_draft"]
