"""Labels of data/derived.csv and data/rules.csv name years by role ("the final-accounts year",
"年中报告所在年度"), so that they hold for any year; a table of one edition shows the years themselves."""

from __future__ import annotations

# Each role's words, longest first so that a longer phrase is replaced before a phrase inside it.
ROLES = {
    "en": (("the mid-year report's year", "next"), ("the final-accounts year", "final")),
    "zh": (("年中报告所在年度", "next"), ("决算年度", "final")),
}


def with_years(label: str, year: int, lang: str) -> str:
    """``label`` with its year roles replaced by the years of an edition whose final accounts are
    for ``year``: 'first half of the mid-year report's year' -> 'first half of 2024',
    '决算年度决算数' -> '2023年决算数'."""
    years = {"final": year, "next": year + 1}
    for words, role in ROLES["zh" if lang == "zh" else "en"]:
        label = label.replace(words, f"{years[role]}年" if lang == "zh" else str(years[role]))
    return label
