"""A report's structure: headings, sections, paragraphs and sentences, in flattened offsets.

Everything is located in the report flattened as ``fiscalbook.data.provenance`` flattens it
(whitespace deleted), so that a span found here is a quote the validator can find. The text
the patterns read is the folded form (full-width digits as ASCII), of the same length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from fiscalbook.data.provenance import ReportText, Token
from fiscalbook.extract import patterns as P


@dataclass
class Section:
    """A heading's place in the report and what it says about the figures under it."""

    path: str  # 一.(二).1, or "" when the text has no headings
    title: str
    start: int
    period: str = "full_year"
    year_offset: int = 0  # fiscal year minus report year
    forward: bool = False  # plans and targets (下半年工作措施)


@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int


@dataclass
class Paragraph:
    start: int
    end: int
    section: Section
    sentences: list[Sentence] = field(default_factory=list)


class Document:
    """The report with its sections, paragraphs and sentences."""

    def __init__(self, raw: str) -> None:
        self.report = ReportText(raw)
        self.text = self.report.folded  # what patterns read
        self.line_starts = _line_starts(raw)
        self.sections = self._sections()
        self.paragraphs = self._paragraphs()

    @property
    def tokens(self) -> list[Token]:
        return self.report.tokens

    @cached_property
    def title_end(self) -> int:
        """Where the report's title ends, when its first line is one (关于…的报告, with no sentence
        end in it): its words (2024年上半年…) say nothing of the figures that follow it, even when
        flattening runs the title into the first sentence. 0 when there is no such title."""
        if len(self.line_starts) < 2:
            return 0
        first = self.text[: self.line_starts[1]]
        is_title = re.search(r"报告$|^关于", first) and not re.search(f"[{P.SENTENCE_END}]", first)
        return self.line_starts[1] if is_title else 0

    @cached_property
    def line_starts_set(self) -> frozenset[int]:
        return frozenset(self.line_starts)

    @cached_property
    def budget_definitions(self) -> list[tuple[int, str]]:
        """Where the report defines its word for a budget (调整预算(以下简称“预算”)), and which."""
        return [(m.end(), m.group(1)) for m in P.BUDGET_DEFINITION.finditer(self.text)]

    @cached_property
    def has_headings(self) -> bool:
        return any(s.path for s in self.sections)

    def section_at(self, index: int) -> Section:
        current = self.sections[0]
        for section in self.sections:
            if section.start > index:
                break
            current = section
        return current

    def sentence_at(self, index: int) -> Sentence:
        for paragraph in self.paragraphs:
            if paragraph.start <= index < paragraph.end:
                for sentence in paragraph.sentences:
                    if sentence.start <= index < sentence.end:
                        return sentence
        return self.paragraphs[-1].sentences[-1]

    def raw_span(self, start: int, end: int) -> str:
        """The report's own text of a flattened span, line breaks (page breaks) removed, so it
        can be a quote or a context on one CSV line."""
        origin = self.report._origin
        raw = self.report.raw[origin[start] : origin[end - 1] + 1]
        return re.sub(r"\s*\n\s*", "", raw).strip()

    def line_col(self, index: int) -> tuple[int, int]:
        return self.report.line_col(index)

    # -- structure --------------------------------------------------------------------------

    def _sections(self) -> list[Section]:
        sections = [Section("", "", 0)]
        part = section = ""
        part_section: Section | None = None
        for number, start in enumerate(self.line_starts):
            line_end = self.line_starts[number + 1] if number + 1 < len(self.line_starts) else len(self.text)
            line = self.text[start:line_end]
            if m := P.PART_HEADING.match(line):
                part, section = m.group(1), ""
                path = part
            elif part and (m := P.SECTION_HEADING.match(line)):
                section = m.group(1)
                path = f"{part}.({section})"
            elif part and (m := P.SUB_HEADING.match(line)):
                path = f"{part}.({section}).{m.group(1)}" if section else f"{part}"
            else:
                continue
            title = re.split(f"[{P.SENTENCE_END}]", line[m.end() :], maxsplit=1)[0]
            heading = Section(path, title, start)
            if m.re is P.PART_HEADING:
                heading.period, heading.year_offset, heading.forward = _part_period(title)
                part_section = heading
            elif part_section is not None:
                heading.period = part_section.period
                heading.year_offset = part_section.year_offset
                heading.forward = part_section.forward
            sections.append(heading)
        return sections

    def _paragraphs(self) -> list[Paragraph]:
        """Paragraphs start at a heading or at a line after one that ends a sentence; a line
        that continues a sentence (a page break) does not start one."""
        starts = [0]
        heading_starts = {s.start for s in self.sections}
        for start in self.line_starts[1:]:
            if start in heading_starts or self.text[start - 1] in P.SENTENCE_END:
                starts.append(start)
        ends = starts[1:] + [len(self.text)]
        paragraphs = []
        for start, end in zip(starts, ends, strict=True):
            if start >= end:
                continue
            paragraph = Paragraph(start, end, self.section_at(start))
            begin = start
            for m in re.finditer(f"[{P.SENTENCE_END}]", self.text[start:end]):
                paragraph.sentences.append(Sentence(begin, start + m.end(), len(paragraphs)))
                begin = start + m.end()
            if begin < end:
                paragraph.sentences.append(Sentence(begin, end, len(paragraphs)))
            paragraphs.append(paragraph)
        return paragraphs


def report_year(text: str) -> int | None:
    """The year a report is about, read from its title or opening (the words before its first
    part heading, else its first line): "关于2022年全市财政决算的报告" → 2022. It is the year of
    the final accounts (决算) or of a full year's execution; a first half (2024年上半年) is
    never it. None when the opening names no such year."""
    found = opening_year(Document(text))
    return found[0] if found else None


def opening_year(doc: Document) -> tuple[int, int] | None:
    """(year, where it is written) of ``report_year``."""
    parts = [s.start for s in doc.sections if s.path and "." not in s.path and "(" not in s.path]
    end = parts[0] if parts else (doc.line_starts[1] if len(doc.line_starts) > 1 else len(doc.text))
    m = P.REPORT_YEAR.search(doc.text, 0, end)
    return (int(m.group(1)), m.start()) if m else None


def _line_starts(raw: str) -> list[int]:
    """Flattened offsets where the report's non-blank lines begin."""
    starts, flat_index, at_line_start = [], 0, True
    for ch in raw:
        if ch == "\n":
            at_line_start = True
        elif not ch.isspace():
            if at_line_start:
                starts.append(flat_index)
                at_line_start = False
            flat_index += 1
    return starts


def _part_period(title: str) -> tuple[str, int, bool]:
    """(period, fiscal year offset, forward-looking) of a part from its title."""
    if P.FIRST_HALF.search(title):
        return "h1", 1, False
    if P.FORWARD_LOOKING.search(title):
        return "full_year", 1, True
    return "full_year", 0, False
