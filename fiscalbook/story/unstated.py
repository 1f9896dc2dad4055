"""What the report leaves out: the figures asked for since the last output that this year's
report does not state, what prints in their place, and the note that names them."""

from __future__ import annotations

import math

from fiscalbook.story.words import Words

NOT_STATED = ("not stated in the report", "报告未列出")
NOT_COMPUTABLE = ("not computable", "无法计算")


def is_missing(*values: object) -> bool:
    """True when any value is None or NaN (a figure the report does not state, or one computed from it)."""
    return any(v is None or (isinstance(v, float) and math.isnan(v)) for v in values)


class Unstated:
    """The keys asked for since the last paragraph, table or figure that the report lacks."""

    def __init__(self, words: Words) -> None:
        self.words = words
        self.keys: list[str] = []

    def key(self, key: str) -> str:
        """Note that the report does not state ``key`` (a key no year has is a typo) and
        return what to print in its place."""
        if key not in self.words.known_labels:
            raise KeyError(f"no fact with key '{key}' in any year of {self.words.data.data_dir}")
        if key not in self.keys:
            self.keys.append(key)
        return f'<span class="missing">{self.words.t(*NOT_STATED)}</span>'

    def not_computable(self) -> str:
        """What prints in place of a number computed from a figure the report does not state."""
        return f'<span class="missing">{self.words.t(*NOT_COMPUTABLE)}</span>'

    def note(self) -> str:
        """' (Not stated in the 2024 report: …)' for the figures asked for since the last
        output, once; empty when there are none."""
        if not self.keys:
            return ""
        t, year = self.words.t, self.words.data.year
        names = t("; ", "；").join(self.words.distinct_names(self.keys))
        self.keys = []
        return t(f" (Not stated in the {year} report: {names}.)", f"（{year}年报告未列出：{names}。）")
