"""One formatter for every number the book prints, in either language.

A figure of the report is printed with the digits the report wrote (``fact.text``), so the
book never rounds a stated figure differently from its source. Computed numbers (shares,
implied values) are rounded here, and only here.
"""

from __future__ import annotations

from fiscalbook.units import MONEY_UNITS

LANGS = ("en", "zh")
TEN_THOUSAND = "10,000 "  # how vocab.csv's English labels of the 万 units begin


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return lang


def group(text: str) -> str:
    """Thousands separators for a number written without them: '743962' -> '743,962'."""
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, dot, decimals = text.partition(".")
    return f"{sign}{int(whole):,}{dot}{decimals}"


def decimal(value: float, places: int = 1) -> str:
    """A computed number, rounded for display: 10.9365 -> '10.9'."""
    return group(f"{value:.{places}f}")


def yuan(value: float) -> str:
    """An amount in yuan for English readers: ¥7.44 bn, ¥12.56 m, ¥824 m, ¥55,200, -¥335 m."""
    sign, magnitude = ("-" if value < 0 else ""), abs(value)
    if magnitude >= 1e9:
        return f"{sign}¥{_trim(magnitude / 1e9)} bn"
    if magnitude >= 1e6:
        return f"{sign}¥{_trim(magnitude / 1e6)} m"
    return f"{sign}¥{magnitude:,.0f}"


def _trim(value: float) -> str:
    """Two decimals without trailing zeros: 824.00 -> '824', 2.50 -> '2.5'."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def money(text: str, unit: str, lang: str) -> str:
    """A written amount with its unit; English adds the value in yuan."""
    written = group(text)
    if lang == "zh":
        return f"{written}{unit}"
    return f"{written} {unit} ({yuan(float(text) * MONEY_UNITS[unit])})"


def quantity(text: str, unit: str, lang: str, unit_en: str = "") -> str:
    """A count, rate or physical quantity with its unit. In English a unit of ten thousands
    keeps the report's unit and adds the plain count: '9.07 万人 (90,700 people)'."""
    written = group(text)
    if unit in ("%", "个百分点"):
        return f"{written}%" if unit == "%" else (f"{written}个百分点" if lang == "zh" else f"{written} pp")
    if lang == "zh":
        return f"{written}{unit}"
    if unit.startswith("万") and unit_en.startswith(TEN_THOUSAND):
        return f"{written} {unit} ({float(text) * 10_000:,.0f} {unit_en.removeprefix(TEN_THOUSAND)})"
    return f"{written} {unit_en or unit}".rstrip()


def with_unit(text: str, unit: str) -> str:
    """A written figure and its unit for a table cell, never broken apart: '60 万元', '15.6%'."""
    return f"{group(text)}%" if unit == "%" else f"{group(text)}\u00a0{unit}"


def computed_money(value: float, unit: str, lang: str, places: int = 2) -> str:
    """A computed amount (implied budget, balance) in the report's unit, rounded."""
    text = decimal(value, places)
    if lang == "zh":
        return f"{text}{unit}"
    return f"{text} {unit} ({yuan(value * MONEY_UNITS[unit])})"


def percent(value: float, places: int = 1) -> str:
    return f"{decimal(value, places)}%"
