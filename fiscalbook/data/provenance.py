"""How a fact's quote is found in the report, and how its value is found in the quote.

The matching rule, defined here and nowhere else:

* Whitespace never matters. The report splits sentences at page breaks ("为预算的100.4%，\\n\\n同比
  增长") and puts spaces between number and unit only sometimes ("23.17 亿元" / "22.97亿元").
  Both the report and a quote are *flattened* by deleting every Unicode whitespace character,
  and the flattened quote must occur in the flattened report exactly once, so that a quote
  pins one place in the report.
* A number token is a run of ASCII digits with an optional decimal part, optionally grouped in
  thousands with ASCII commas ("743,962"), optionally signed with "-" ("-9,571"). Full-width
  digits are read as the same digits ("２３．１７" is the token "23.17"): tokens are found in the
  flattened text folded by ``fold_digits``, which changes characters one for one, so a token's
  place is the same in both and a quote stays verbatim.
* A fact's value is "in its quote" when some number token of the quote, with its thousands
  separators removed, is the value text itself, or the value text without a leading minus
  sign (the report writes 下降 0.33% and the fact records -0.33). A token written negative
  only matches a negative value.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

NUMBER = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?")


def flatten(text: str) -> str:
    """Delete all whitespace (every character for which str.isspace is true): the form in
    which quotes are matched."""
    return "".join(ch for ch in text if not ch.isspace())


_FULL_DIGITS = {chr(0xFF10 + d): str(d) for d in range(10)}
# Full-width punctuation that is part of a number only next to full-width digits.
_FULL_NUMBER_MARKS = {"．": ".", "，": ",", "－": "-"}


def fold_digits(flat: str) -> str:
    """The text with full-width digits as ASCII digits, and a full-width point or comma between
    them (or a full-width minus before one) as ASCII; one character for one, so offsets agree."""
    out = [_FULL_DIGITS.get(ch, ch) for ch in flat]
    for i, ch in enumerate(flat):
        mark = _FULL_NUMBER_MARKS.get(ch)
        if mark is None:
            continue
        before = i > 0 and flat[i - 1] in _FULL_DIGITS
        after = i + 1 < len(flat) and flat[i + 1] in _FULL_DIGITS
        if after and (before or mark == "-"):
            out[i] = mark
    return "".join(out)


def plain_number(token: str) -> str:
    """A token as a value text: thousands separators removed ("743,962" -> "743962")."""
    return token.replace(",", "")


def value_matches_token(value_text: str, token: str) -> bool:
    """True when a fact's value text is what the token says (sign may come from words)."""
    written = plain_number(token)
    return value_text == written or (not written.startswith("-") and value_text == "-" + written)


@dataclass(frozen=True)
class Token:
    """A number token of the report, with its place in the flattened text."""

    start: int
    end: int
    text: str


class ReportText:
    """The report with its flattened form and a map back to lines and columns."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.flat = flatten(raw)
        self._origin = [i for i, ch in enumerate(raw) if not ch.isspace()]  # flat index -> raw index
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]

    @cached_property
    def folded(self) -> str:
        """The flattened text with full-width digits as ASCII (same length, same offsets)."""
        return fold_digits(self.flat)

    @cached_property
    def tokens(self) -> list[Token]:
        return [Token(m.start(), m.end(), m.group()) for m in NUMBER.finditer(self.folded)]

    def find_all(self, quote: str) -> list[int]:
        """Start offsets (in the flattened text) of every occurrence of the quote."""
        needle = flatten(quote)
        if not needle:
            return []
        found, at = [], self.flat.find(needle)
        while at != -1:
            found.append(at)
            at = self.flat.find(needle, at + 1)
        return found

    def tokens_between(self, start: int, end: int) -> list[Token]:
        return [t for t in self.tokens if t.start >= start and t.end <= end]

    def line_col(self, flat_index: int) -> tuple[int, int]:
        """1-based line and column in report.txt of a character of the flattened text."""
        raw_index = self._origin[min(flat_index, len(self._origin) - 1)]
        line = bisect_right(self._line_starts, raw_index)
        return line, raw_index - self._line_starts[line - 1] + 1

    def context(self, token: Token, width: int = 12) -> str:
        return self.flat[max(0, token.start - width) : token.end + width]
