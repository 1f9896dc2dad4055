"""fiscalbook.story.three_public_page: the three-public chapter's totals paragraph and scope tables, in
both editions, checked by hand against the 2023 report
(/work/shared/source/zhongwei-2023-final-accounts-and-2024-h1-report.txt, section 一.(七), lines 73-75)."""

from __future__ import annotations

import re

import pytest
from conftest import PLACE, REPO, YEAR
from support.synthetic import thin_year

from fiscalbook.story import three_public_page
from fiscalbook.story.chapter import Chapter

PREFIXES = ("municipal", "city")
NAMES = {"municipal": "M", "city": "C"}
SHARES = {"municipal": "m%", "city": "c%"}


@pytest.fixture(params=["en", "zh"])
def lang(request) -> str:
    return request.param


def chapter(lang: str, data_dir=REPO / "data") -> Chapter:
    return Chapter(YEAR, lang, data_dir, "three_public", place=PLACE)


def paragraph(monkeypatch, ch: Chapter) -> str:
    said = []
    monkeypatch.setattr(ch, "say", lambda en, zh, **kw: said.append(re.sub(r"<[^>]+>", "", ch.t(en, zh))))
    district = next(part for part in ch.place.parts if part.within)
    three_public_page.totals_paragraph(ch, {p: f"{p}.three_public.total" for p in PREFIXES}, NAMES, "S", district,
                                       f"implied.{district.key}.three_public.total", SHARES)
    (text,) = said
    return text


def test_both_totals_with_their_rates_and_the_difference(monkeypatch, lang):
    text = paragraph(monkeypatch, chapter(lang))
    # Hand-read, lines 73-75: municipal 1256.25 万元, 93.58% of budget, up 12.67%; city-level 909.93 万元,
    # 91.45% of budget, up 1.97%. Their difference 1256.25 − 909.93 = 346.32 万元.
    for figure in ("1,256.25", "93.58%", "12.67%", "909.93", "91.45%", "1.97%", "346.32", "m%", "c%"):
        assert figure in text
    assert text.startswith({"en": "The M spent 1,256.25", "zh": "2023年，SM“三公”经费支出1,256.25"}[lang])


def test_a_missing_total_is_said_and_the_difference_left_out(data_copy, monkeypatch, lang):
    thin_year(data_copy, YEAR, drop_keys=["city.three_public.total", "city.three_public.total.pct_of_budget",
                                          "city.three_public.total.yoy_pct"])  # line 75's 909.93 万元 and its rates
    text = paragraph(monkeypatch, chapter(lang, data_copy))
    assert {"en": "The report does not state the C's total.", "zh": "报告未列出C的合计数。"}[lang] in text
    assert "909.93" not in text and "m%" not in text


def test_a_scope_without_lines_gets_a_sentence_not_a_table(monkeypatch, lang):
    ch = chapter(lang)
    said, tables = [], []
    monkeypatch.setattr(ch, "say", lambda en, zh, **kw: said.append(ch.t(en, zh).format(**kw)))
    monkeypatch.setattr(ch, "table", lambda frame, **kw: tables.append(frame))
    three_public_page.scope_table(ch, ch.data.facts, "city", "等", ["city.three_public.nothing"], check=[])
    assert tables == [] and said == [{"en": "The report states no line of the three public expenses for the 等.",
                                      "zh": "报告没有列出等“三公”经费的任何数字。"}[lang]]


def said_by(monkeypatch, ch: Chapter) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(ch, "say", lambda en, zh, **kw: said.append(re.sub(r"<[^>]+>", "", ch.t(en, zh))))
    return said


def test_next_budget_beside_the_city_level_spending(monkeypatch, lang):
    ch = chapter(lang)
    said = said_by(monkeypatch, ch)
    three_public_page.next_budget(ch, "keywork.risk.three_public_budget", "city.three_public.total")
    # Hand-read, line 107: the departments' 2024 budget 485.06 万元, down 2% on 2023; line 75: the
    # city-level government's 909.93 万元 at 91.45% of budget.
    (text,) = said
    assert {"en": "For {next_year} the departments directly under the city",
            "zh": "{next_year}年市直部门（单位）“三公”经费预算总额"}[lang] in text
    assert "{ratio}" in text and "{c_total}" in text  # the comparison is there: both implied budgets exist


def test_next_budget_not_stated(data_copy, monkeypatch, lang):
    thin_year(data_copy, YEAR, drop_keys=["keywork.risk.three_public_budget",
                                          "keywork.risk.three_public_budget.yoy_pct"])  # line 107's 485.06 万元, −2%
    ch = chapter(lang, data_copy)
    said = said_by(monkeypatch, ch)
    three_public_page.next_budget(ch, "keywork.risk.three_public_budget", "city.three_public.total")
    assert said == [{"en": "The {year} report does not state a three-public budget for {next_year}.",
                     "zh": "{year}年报告没有列出{next_year}年的“三公”经费预算。"}[lang]]


LATER = ("keywork.risk.three_public_and_three_fees_spending",
         "resolution.finance.three_public_and_three_fees.change_pct",
         "measures.spending.three_public_and_three_fees_cap.target")


def test_later_spending_all_three_and_the_scope_note(monkeypatch, lang):
    ch = chapter(lang)
    said = said_by(monkeypatch, ch)
    three_public_page.later_spending(ch, *LATER)
    assert len(said) == 2  # the three sentences, then the note on the change beside the cap
    assert "{h1}" in said[0] and "{since}" in said[0] and "{cap}" in said[0]


def test_later_spending_none_stated(data_copy, monkeypatch, lang):
    thin_year(data_copy, YEAR, drop_keys=[*LATER, f"{LATER[0]}.yoy_pct"])
    ch = chapter(lang, data_copy)
    said = said_by(monkeypatch, ch)
    three_public_page.later_spending(ch, *LATER)
    assert said == [{"en": "The {year} report states none of these figures.",
                     "zh": "{year}年报告没有列出这些数字。"}[lang]]


def test_summary_points(monkeypatch, lang):
    ch = chapter(lang)
    said = said_by(monkeypatch, ch)
    district = next(part for part in ch.place.parts if part.within)
    three_public_page.summary_points(ch, ("municipal.three_public.total", "city.three_public.total"), SHARES,
                                     "hospitality", district, None, "keywork.risk.three_public_budget",
                                     lambda item, in_sentence=False: f"[{item}]")
    (text,) = said
    # Lines 73 and 75: the municipal total up 12.67%, the city-level government's up 1.97%.
    assert "m%" in text and "12.67%" in text and "1.97%" in text and "hospitality" in text
    assert str(YEAR + 1) in text


def test_no_missing_line_says_nothing(monkeypatch, lang):
    ch = chapter(lang)
    said = said_by(monkeypatch, ch)
    district = next(part for part in ch.place.parts if part.within)
    three_public_page.missing_line(ch, [], "", str, "万元", gap=(1.0, "implied.city.three_public.overseas"),
                                   budget_gap="", district_line="", district=district, same=False,
                                   budgets_agree=False, rises=None, m_rise="")
    assert said == []
