"""The report's own text: where this year's report speaks of a subject (its heading path), the
headings and the sentences under them, and the sentence that says which part a chapter follows."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property

from fiscalbook.data.load import Year
from fiscalbook.story import fmt
from fiscalbook.story.page import Page


class ReportText:
    """This year's report as headings and sentences; no chapter types a section number."""

    def __init__(self, data: Year, page: Page) -> None:
        self.data, self.page = data, page

    def report_section(self, *prefixes: str, title: str = "") -> str:
        """Where this year's report speaks of a subject, as its heading path ('一.(六)'), so
        that no chapter types a section number another year's report may not share: the
        section (two levels deep) holding most of the figures whose keys start with
        ``prefixes``; else the first heading whose title contains ``title``; '' when neither
        is found (the report does not have the section)."""
        facts = self.data.facts[self.data.facts["key"].str.startswith(prefixes)] if prefixes else None
        if facts is not None and len(facts):
            sections = facts["section"].str.extract(r"^([^.]+(?:\.\([^)]+\))?)")[0].dropna()
            if len(sections):
                return sections.value_counts(sort=True).index[0]
        if title:
            return next((path for path, heading, _ in self.report_headings() if title in heading), "")
        return ""

    def section_name(self, section: str) -> str:
        """A heading path in a sentence of the edition: 'section 一.(六)' / '第一部分第（六）节'."""
        return fmt.section_name(section, self.page.words.lang)

    def report_headings(self) -> list[tuple[str, str, str]]:
        """Every heading of this year's report as (path, title, text under it up to the next
        heading), the text as the validator quotes it (white space removed)."""
        return self.headings

    @cached_property
    def headings(self) -> list[tuple[str, str, str]]:
        """report_headings, read once: the report is parsed into its structure here only."""
        from fiscalbook.extract.document import Document

        document = Document(self.data.report.raw)
        flat, sections = document.report.flat, [s for s in document.sections if s.path]
        ends = [s.start for s in sections[1:]] + [len(flat)]
        found = []
        for section, end in zip(sections, ends, strict=True):
            text = flat[section.start:end]
            cut = text.find(section.title) + len(section.title) if section.title else 0
            found.append((section.path, section.title, text[cut:].lstrip("。：:")))
        return found

    def report_sentences(self, part: str, word: str) -> list[tuple[str, str]]:
        """The sentences (up to 。 or ；) of the report under heading ``part`` and its
        subheadings that contain ``word``, each with its heading path, in the report's order."""
        found = []
        for path, _, text in self.report_headings():
            if path == part or path.startswith(part + "."):
                found += [(path, sentence + "。") for sentence in re.split(r"[。；]", text) if word in sentence]
        return found

    def say_where(self, section: str, also: Sequence[str] = ()) -> None:
        """Say which part of this year's report the chapter follows (found by report_section),
        and where else its figures come from; nothing when the report lacks the section."""
        also = [self.section_name(other) for other in dict.fromkeys(also) if other and other != section]
        if not section:
            return
        listed_en = " and ".join([", ".join(also[:-1]), also[-1]] if len(also) > 1 else also)
        extra_en = f", with figures from {listed_en}" if also else ""
        extra_zh = f"，另有数字取自{'、'.join(also)}" if also else ""
        self.page.say(en="This chapter follows {section} of the report{extra}.",
                      zh="本章对应原报告{section}{extra}。",
                      section=self.section_name(section), extra=self.page.words.t(extra_en, extra_zh))
