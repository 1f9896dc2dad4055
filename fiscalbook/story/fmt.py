"""One formatter for every number the book prints, in either language.

A figure of the report is printed with the digits the report wrote (``fact.text``), so the
book never rounds a stated figure differently from its source. Computed numbers (shares,
implied values) are rounded here, and only here, always half-up in decimal (12.95 -> 13.0,
never the 12.9 that binary floating point gives), and never to more digits than their inputs
allow (``places_for``). An amount in yuan added for English readers shows no more
significant digits than the figure it converts (6.51 亿元 is ¥651 m, never ¥650.86 m).
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from fiscalbook.data.units import MONEY_UNITS

LANGS = ("en", "zh")
TEN_THOUSAND = "10,000 "  # how vocab.csv's English labels of the 万 units begin
YUAN_DECIMALS = 2  # at most two decimals of a billion or a million: ¥7.44 bn, ¥12.56 m
NOISE_DIGITS = 12  # a float's digits beyond these are binary noise (0.1 + 0.2 = 0.30000000000000004)


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return lang


def group(text: str) -> str:
    """Thousands separators for a number written without them: '743962' -> '743,962'."""
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, dot, decimals = text.partition(".")
    return f"{sign}{int(whole):,}{dot}{decimals}"


def _as_decimal(value: float | str) -> Decimal:
    """A value as the decimal number it stands for: a written text exactly, a float without
    its binary noise (12.95 is 12.95, not 12.949999999999999289…)."""
    if isinstance(value, str):
        return Decimal(value)
    return Decimal(f"{value:.{NOISE_DIGITS}g}")


def round_half_up(value: float | str, places: int) -> str:
    """``value`` rounded half-up to ``places`` decimals, as text: 12.95, 1 -> '13.0';
    87.65, 1 -> '87.7'; 0.5, 0 -> '1'; negative places round to tens, hundreds: 386, -1 -> '390'.
    Never '-0'."""
    rounded = _as_decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:f}" if places >= 0 else str(int(rounded))
    return text[1:] if text.startswith("-") and not rounded else text


def decimal(value: float, places: int = 1) -> str:
    """A computed number, rounded half-up for display, with thousands separators: 10.9365 -> '10.9'."""
    return group(round_half_up(value, places))


def significant_digits(text: str, whole_zeros: bool = True) -> int:
    """How many significant digits a written number has: '74.4' -> 3, '0.04' -> 1,
    '46.30' -> 4, '743962' -> 6. The trailing zeros of a whole number ('10000', '5000') count
    by default, as digits the report wrote; with ``whole_zeros=False`` they do not (5000 has 1),
    as for telling how distinctive a number is or how precise a rounded one looks."""
    plain = text.lstrip("-").replace(",", "")
    if "." not in plain and not whole_zeros:
        plain = plain.rstrip("0")
    return max(1, len(plain.replace(".", "").lstrip("0")))


def places_for(low: float, high: float, most: int = 2) -> int:
    """The decimals a computed value can honestly show when its inputs' digits allow anything
    in [low, high]: the last digit shown is the largest place whose unit is no larger than the
    range's width (a range 23.28–23.53 shows one decimal, 23.4; a range 338–434 shows tens,
    390), but never more than ``most``. That digit is uncertain: the range beside it says by how
    much. Negative results mean tens (-1), hundreds (-2)."""
    width = abs(high - low)
    if width == 0 or not math.isfinite(width):
        return most
    return min(most, -math.floor(math.log10(width)))


def _rounded(value: float, places: int, rounding: str) -> Decimal:
    return _as_decimal(value).quantize(Decimal(1).scaleb(-places), rounding=rounding)


def value_and_range(value: float, low: float, high: float, most: int = 2) -> tuple[str, str]:
    """A computed value and the range its inputs' digits allow, as two texts that agree: the
    value at the digits the range supports (``places_for``: the last digit shown is the largest
    place whose unit is no larger than the range's width, never more than ``most`` decimals), the
    range rounded outwards, so that it still contains every value the digits allow, one digit finer than the
    value, or at the value's own digits where the value shown would otherwise fall outside it
    (10.9365 in 10.9338–10.9391 is '10.94', '10.933 – 10.940'; 2.0455 in 2.0443–2.0468 is
    '2.05', '2.04 – 2.05'). A value shown never lies outside the range printed beside it."""
    places = places_for(low, high, most)
    shown = _rounded(value, places, ROUND_HALF_UP)
    for digits in (places + 1, places):
        lo, hi = _rounded(low, digits, ROUND_FLOOR), _rounded(high, digits, ROUND_CEILING)
        if lo <= shown <= hi:
            break
    return decimal(value, places), f"{decimal(float(lo), digits)} – {decimal(float(hi), digits)}"


def straddles_zero(low: float, high: float) -> bool:
    """True when the digits allow a value of either sign: it is 'about zero'."""
    return low < 0 < high


def yuan(value: float, significant: int | None = None) -> str:
    """An amount in yuan for English readers: ¥7.44 bn, ¥12.56 m, ¥824 m, ¥55,200, -¥335 m.
    With ``significant``, it shows no more significant digits than that (the digits of the
    figure it converts): yuan(6.51e8, 3) is '¥651 m'. Rounded half-up."""
    sign, magnitude = ("-" if value < 0 else ""), abs(_as_decimal(value))
    for scale, suffix in ((Decimal(10) ** 9, " bn"), (Decimal(10) ** 6, " m")):
        if magnitude >= scale:
            scaled = magnitude / scale
            if significant is None:  # no source digits to respect: two decimals, no trailing zeros
                shown = round_half_up(scaled, YUAN_DECIMALS).rstrip("0").rstrip(".")
            else:
                shown = round_half_up(scaled, max(0, min(YUAN_DECIMALS, significant - len(str(int(scaled))))))
            return f"{sign}¥{group(shown)}{suffix}"
    if significant is None:
        return f"{sign}¥{group(round_half_up(magnitude, 0))}"
    places = min(0, significant - magnitude.adjusted() - 1) if magnitude else 0
    return f"{sign}¥{group(round_half_up(magnitude, places))}"


def money(text: str, unit: str, lang: str) -> str:
    """A written amount with its unit; English adds the value in yuan, to the written digits."""
    written = group(text)
    if lang == "zh":
        return f"{written}{unit}"
    value = _as_decimal(text) * MONEY_UNITS[unit]  # a whole number's trailing zeros claim no digits
    return f"{written} {unit} ({yuan(float(value), significant_digits(text, whole_zeros=False))})"


def quantity(text: str, unit: str, lang: str, unit_en: str = "") -> str:
    """A count, rate or physical quantity with its unit. In English a unit of ten thousands
    keeps the report's unit and adds the plain count: '9.07 万人 (90,700 people)'."""
    written = group(text)
    if unit in ("%", "个百分点"):
        return percent_text(written, unit, lang)
    if lang == "zh":
        return f"{written}{unit}"
    if unit.startswith("万") and unit_en.startswith(TEN_THOUSAND):
        count = round_half_up(_as_decimal(text) * 10_000, 0)
        return f"{written} {unit} ({group(count)} {noun(unit_en.removeprefix(TEN_THOUSAND), count)})"
    return f"{written} {noun(unit_en, text) or unit}".rstrip()


def noun(name: str, count: float | str) -> str:
    """The English name of what is counted, singular for one: a name is written 'singular|plural'
    ('school place|school places') or once when both are the same ('km')."""
    singular, _, plural = name.partition("|")
    return singular if _as_decimal(count) == 1 else (plural or singular)


PROPER_WORDS = ("Shapotou", "Zhongwei", "Zhongning", "Haiyuan", "Ningxia", "Yellow", "Hong", "China", "Chinese")


def in_sentence(label: str) -> str:
    """A label as it reads inside an English sentence: its first letter lower-cased, unless
    its first word is a name or an abbreviation ('Shapotou District', 'VAT refunds')."""
    first = label.split(" ", 1)[0]
    if not first or first.startswith(PROPER_WORDS) or any(ch.isupper() for ch in first[1:]):
        return label
    return first[0].lower() + label[1:]


def percent_text(written: str, unit: str, lang: str) -> str:
    """A rate ('%') or a difference of rates ('个百分点': percentage points) in the edition's words."""
    if unit == "%":
        return f"{written}%"
    return f"{written}个百分点" if lang == "zh" else f"{written} pp"


def with_unit(text: str, unit: str, lang: str = "en") -> str:
    """A written figure and its unit for a table cell, never broken apart: '60 万元' in English
    (a no-break space), '60万元' in Chinese, '15.6%' in both."""
    if unit == "%" or lang == "zh":
        return f"{group(text)}{unit}"
    return f"{group(text)}\u00a0{unit}"


def computed_money(value: float, unit: str, lang: str, places: int = 2) -> str:
    """A computed amount (implied budget, balance) in the report's unit, rounded half-up;
    the yuan in English are converted from the rounded text, so they claim no more digits."""
    return money(round_half_up(value, places), unit, lang)


def percent(value: float, places: int = 1) -> str:
    return f"{decimal(value, places)}%"


def section_name(section: str, lang: str) -> str:
    """A heading path as a sentence names it: 'section 一.(六)' / '第一部分第（六）节';
    'part 二' / '第二部分'; deeper paths as written ('section 一.(五).2' / '一（五）2')."""
    parts = re.fullmatch(r"([一二三四五六七八九十]+)(?:\.\(([一二三四五六七八九十]+)\))?", section)
    if lang == "en":
        return f"part {section}" if parts and not parts.group(2) else f"section {section}"
    if parts:
        part, sub = parts.groups()
        return f"第{part}部分" + (f"第（{sub}）节" if sub else "")
    return section_zh(section)


def section_zh(section: str) -> str:
    """A heading path as Chinese text writes it: '一.(五).2' -> '一（五）2', '三' -> '三'."""
    return section.replace(".(", "（").replace(").", "）").replace(")", "）").replace(".", "")


HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
QUOTES = "“”\"‘’「」『』"
# A quotation mark with a Chinese character on either side of it.
QUOTE_BY_HAN = re.compile(f"(?<=[{HAN}])[{QUOTES}]+|[{QUOTES}]+(?=[{HAN}])")


def unquoted(text: str) -> str:
    """``text`` without the quotation marks that touch Chinese characters: “三公”经费 → 三公经费.
    Marks between Latin letters (city’s) stay. The search index and its dictionary both use it,
    so a term is found whether or not it is quoted."""
    return QUOTE_BY_HAN.sub("", text)


# What the chapters count as an amount of money (audit.counts.amounts_stated with restated=True), in both editions.
AMOUNT_DEFINITION = ("an amount is a figure in 元, 万元 or 亿元 that is neither a change nor the bound of a range; "
                     "one the section repeats from earlier in the report counts too",
                     "金额指以元、万元或亿元计、既非增减变化也非区间上下限的数字，本节重复报告前文的也计入")
