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
