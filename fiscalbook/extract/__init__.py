"""Draft a year's facts table from a report's plain text.

    from fiscalbook.extract import extract, write_draft
    draft = extract(report_text, 2024, known=previous_facts)   # a Draft
    write_draft(draft, "facts.csv", "exclusions.csv")

``patterns`` holds every wording the extractor reads; ``document`` the report's structure;
``reader`` reads each number's unit, measure, subject, scope and period; ``nonfigures`` the
numbers that are not figures; ``draft`` keys, labels, quotes and rows; ``evaluate`` measures a
draft against curated data.
"""

from fiscalbook.extract.draft import Draft, extract, write_draft

__all__ = ["Draft", "extract", "write_draft"]
