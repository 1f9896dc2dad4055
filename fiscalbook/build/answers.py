"""Which exercises ask for a result their chapter already prints.

An exercise's printed answers are the numbers its solution cells print (their outputs). One of
them gives the exercise away when it appears in the chapter's text outside the solutions: the
Markdown cells and the cells' printed or rendered outputs (tables, generated paragraphs), read as
text, without markup. Only numbers with at least two significant digits count ("88.5", "2.00",
"37"; not "0", "5" or "100"), and not:

* a number the exercise's own statement gives (the student is told it);
* a number the report itself states (``report_numbers``): a solution prints the figures it starts
  from, and a lookup exercise's answer is such a figure; what must not be printed is a result;
* a year (a four-digit number from 1949 to 2100);
* a margin written after "±": the precision of a result, which two sums of figures written to
  the same digits share (3.1 + 2.37 and 3.14 − 3.1 are both good to ±0.055), not a result.

Numbers are compared as written, without thousands separators and signs ("212,541" is "212541";
"-2.00" is "2.00"): the same value printed to other digits is another rounding, not the same text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from fiscalbook.build.notebooks import exercises, source

# A number as written, not a part of a word or a key (ASCII letters and digits around it; a
# Chinese character may touch it: "88.5%", "212541万元").
NUMBER = re.compile(r"(?<![A-Za-z0-9_.\-])[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![A-Za-z0-9_]|\.\d)")
TAG = re.compile(r"<[^>]*>")
TEXT_OUTPUTS = ("text/markdown", "text/html", "text/plain")


def normal(number: str) -> str:
    """A number as compared: no sign, no thousands separators."""
    return number.lstrip("-+−").replace(",", "")


def significant_digits(number: str) -> int:
    """How many significant digits a number as written has: '88.5' 3, '2.00' 3, '0.05' 1,
    '100' 1 (trailing zeros of a whole number are not counted), '212541' 6."""
    digits = normal(number)
    if "." in digits:
        return len(digits.replace(".", "").lstrip("0"))
    return len(digits.lstrip("0").rstrip("0"))


def is_year(number: str) -> bool:
    return re.fullmatch(r"\d{4}", number) is not None and 1949 <= int(number) <= 2100


LINE_REFERENCE = re.compile(r"\bL\d+\b|第\d+行")  # where a figure stands in the report, not a result


def numbers_in(text: str) -> set[str]:
    """The numbers of a text (normalised), markup and references to report lines removed."""
    text = LINE_REFERENCE.sub(" ", html.unescape(TAG.sub(" ", text)))
    return {normal(found) for found in NUMBER.findall(text)}


MARGIN = re.compile(r"±\s*[-+−]?[\d.,]+")
ARTICLE = re.compile(r"\b(?:Art|Arts|Article|para|paras)\.?\s*\d+(?:\s*(?:,|and|–|-)\s*\d+)*")  # a citation


def answers_in(text: str) -> set[str]:
    """The numbers of a text that can be answers: two significant digits or more, not a year,
    not a margin after ±, not the number of a cited article or paragraph ('Art. 11')."""
    text = ARTICLE.sub(" ", MARGIN.sub(" ", text))
    return {n for n in numbers_in(text) if significant_digits(n) >= 2 and not is_year(n)}


def cell_text(cell: dict) -> str:
    """What a reader sees of a cell: a Markdown cell's source, a code cell's text outputs."""
    if cell["cell_type"] == "markdown":
        return source(cell)
    texts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            texts.append(source({"source": output.get("text", "")}))
        data = output.get("data", {})
        kind = next((kind for kind in TEXT_OUTPUTS if kind in data), None)
        if kind:
            texts.append(source({"source": data[kind]}))
    return "\n".join(texts)


@dataclass(frozen=True)
class GivenAway:
    """An exercise whose solution prints a number the chapter shows outside its solutions."""

    label: str
    numbers: tuple[str, ...]


def solution_parts(notebook: dict) -> tuple[dict[str, set[int]], dict[str, str]]:
    """Each exercise's solution cells (from ``{solution-start} <label>`` to ``{solution-end}``,
    explanations included, and code cells tagged ``solution``) and its statement's text."""
    found = exercises(notebook)
    return ({exercise.label: exercise.solution for exercise in found if exercise.solution},
            {exercise.label: exercise.statement for exercise in found if exercise.statement})


def given_away(notebook: dict, report_numbers: set[str] = frozenset()) -> list[GivenAway]:
    """The exercises of an executed notebook whose printed answers appear outside the solutions."""
    solutions, statements = solution_parts(notebook)
    inside = set().union(*solutions.values()) if solutions else set()
    outside = set()
    for index, cell in enumerate(notebook["cells"]):
        if index not in inside:
            outside |= numbers_in(cell_text(cell))
    flagged = []
    for label, cells in solutions.items():
        if re.search(r":class:\s*discussion\b", statements.get(label, "")):
            continue  # a discussion's model answer reasons from the chapter's figures: it asks for no result
        printed = set()
        for index in sorted(cells):
            if notebook["cells"][index]["cell_type"] == "code":
                printed |= answers_in(cell_text(notebook["cells"][index]))
        printed -= numbers_in(statements.get(label, "")) | set(report_numbers)
        shown = sorted(printed & outside, key=lambda n: (len(n), n))
        if shown:
            flagged.append(GivenAway(label, tuple(shown)))
    return flagged
