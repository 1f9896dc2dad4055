"""The notebook API: figures in words, tables, checks and figures, in both editions."""

from __future__ import annotations

import math

import pytest
from conftest import PLACE, YEAR

from fiscalbook.data.load import DEFAULT_DATA_DIR, labels_of_all_years
from fiscalbook.story import charts
from fiscalbook.story.chapter import Chapter, grown, growth, level, percent


@pytest.fixture(scope="module", params=["en", "zh"])
def ch(request) -> Chapter:
    return Chapter(YEAR, request.param, DEFAULT_DATA_DIR, "test")


def test_figures_carry_their_source(ch):
    text = ch("city.debt.ceiling")
    fact = ch.fact("city.debt.ceiling")
    assert fact.text in text and 'class="fact"' in text and str(fact.line) in text


def test_change_in_words(ch):
    fall = ch.change("municipal.three_public.vehicle_running.yoy_pct")
    rise = ch.change("whole.general.revenue.yoy_pct")
    assert ch.t("down", "下降") in fall and "-" not in fall.split(">")[1]
    assert ch.t("up", "增长") in rise
    assert ch.t("down", "减少") in ch.change("prelim.whole.fund.expenditure.change_amount")


def test_implied_amounts(ch):
    base = "whole.general.revenue"
    value = ch.implied_value(base, "budget")
    assert value == pytest.approx(ch.value(base) / ch.value(f"{base}.pct_of_budget") * 100)
    assert 'class="derived"' in ch.implied(base, "budget")
    assert math.isnan(ch.implied_value("city.debt.ceiling", "budget"))
    assert ch.implied("city.debt.ceiling", "budget") == "—"


def test_checks_in_the_editions_words(ch):
    text = ch.check_text("city.three_public.total.parts")
    assert text.startswith("✗") and ch.t(": ", "：") in text
    assert ch.check("city.debt.headroom")["status"] == "within_rounding"
    lhs, rhs = ch.rule_keys("city.debt.headroom")
    assert lhs == ["city.debt.ceiling", "city.debt.balance"] and rhs == ["city.debt.headroom"]
    assert "city.general.sources_uses" in ch.rules_in("一.(二)")


def test_facts_table_puts_units_where_they_belong(ch):
    shared = ch.facts_table(["city.transfers.general", "city.transfers.special"])
    assert any("万元" in column for column in shared.columns)
    bases = ["city.state_capital.own_revenue", "city.general.revenue"]  # 万元 and 亿元
    mixed = ch.facts_table(bases, implied=["budget"])
    amounts = mixed.iloc[:, 2 if ch.lang == "en" else 1]
    assert "万元" in amounts.iloc[0] and "亿元" in amounts.iloc[1]
    implied = [column for column in mixed.columns if ch.implied_label("budget") in column]
    assert len(implied) == 1, "one implied column, whatever the units"
    cells = mixed[implied[0]]
    assert "万元" in cells.iloc[0] and "亿元" in cells.iloc[1] and all('class="derived"' in c for c in cells)


def test_figures_table_lists_every_figure(ch):
    rows = ch.data.section("一.(四)")
    assert len(ch.figures_table(rows)) == len(rows)


def test_a_figure_is_saved_and_captioned(ch, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fig = charts.hbar(["a", "b"], [1.0, -2.0], ["1", "-2"], xlabel=ch.axis_unit("万元"))
    ch.figure(fig, caption=("Finding", "发现"), alt=("Alt text", "替代文本"))
    assert list((tmp_path / "figures").glob("test-*.svg"))


def test_bars_of_different_groups_are_set_apart():
    """Figures not to be compared (e.g. two years of differently scoped debt resolution) are
    drawn as separate groups: a gap between them, each headed by its name."""
    rows = charts.group_rows(["b", "b", "a", "a"])
    assert list(rows[1:] - rows[:-1]) == pytest.approx([1, 1 + charts.GROUP_GAP, 1])
    fig = charts.hbar(["x", "y", "z"], [3.0, 1.0, 2.0], ["3", "1", "2"], xlabel="", sort=False,
                      groups=["one", "one", "two"])
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "one" in texts and "two" in texts
    ungrouped = charts.hbar(["x", "y"], [3.0, 1.0], ["3", "1"], xlabel="", sort=False)
    assert not {"one", "two"} & {t.get_text() for t in ungrouped.axes[0].texts}


def test_percentage_arithmetic():
    assert percent(1, 4) == 25
    assert grown(200, 3) == pytest.approx(206)
    assert growth(206, 200) == pytest.approx(3)
    assert level(-20.2) == pytest.approx(79.8)


@pytest.fixture
def thin(data_copy, request):
    """A chapter on a copy of the year without the reserve fund (its row removed: the report
    then states it nowhere, so its token is excluded instead of claimed)."""
    from conftest import edit_csv

    key = "city.general.reserve_fund"
    path = data_copy / PLACE / str(YEAR) / "facts.csv"
    dropped = {}

    def drop(rows):
        header = rows[0]
        row = next(r for r in rows if r[0] == key)
        dropped.update(zip(header, row, strict=True))
        rows.remove(row)

    edit_csv(path, drop)
    edit_csv(data_copy / PLACE / str(YEAR) / "exclusions.csv",
             lambda rows: rows.append([dropped["value"], dropped["quote"], "1", "proper_name", "test: not a fact"]))
    chapter = Chapter(YEAR, "en", data_copy, "test")
    # In real use another year of data/ states the figure; here the shipped data plays that year.
    chapter.words.__dict__["known_labels"] = labels_of_all_years(DEFAULT_DATA_DIR)
    return chapter


def test_an_unstated_figure_is_said_to_be_missing_and_named(thin, capsys):
    assert not thin.has("city.general.reserve_fund")
    assert "not stated in the report" in thin("city.general.reserve_fund")
    assert math.isnan(thin.value("city.general.reserve_fund"))
    assert "not computable" in thin.share(thin.value("city.general.reserve_fund"), 2)
    note = thin.unstated.note()
    assert f"Not stated in the {YEAR} report" in note and "eserve fund" in note
    assert thin.unstated.note() == "", "the note is given once"


def test_a_key_no_year_has_is_a_typo(ch):
    with pytest.raises(KeyError, match="no.such.key"):
        ch("no.such.key")
    with pytest.raises(KeyError):
        ch.value("city.debt.cieling")


def test_a_qualifier_travels_with_its_figure(ch):
    pension = ch("resolution.livelihood.basic_pension.change_amount")
    assert ch.t("per person per month", "每人每月") in pension
    baseline = ch.change("resolution.finance.three_public_and_three_fees.change_pct")
    assert ch.t("against the 2019 final accounts", "较2019年决算数") in baseline
    table = ch.facts_table(["resolution.livelihood.basic_pension"], measures=["change_amount"])
    assert ch.t("per person per month", "每人每月") in table.iloc[0, -2]


def test_derived_figures_show_only_the_digits_their_inputs_allow(ch):
    budget = ch.implied("whole.general.revenue", "budget")  # 23.17 ÷ 99%: 23.28–23.53
    assert ">23.4" in budget and "23.40" not in budget


def test_tables_escape_labels_and_have_captions(ch, capsys):
    import pandas as pd

    ch.table(pd.DataFrame({"Item": ["<script>alert(1)</script>"], "Value": ["1"]}), caption="Caption <b>")
    shown = capsys.readouterr().out
    assert "<script>" not in shown


def test_an_implied_value_whose_range_straddles_zero_is_about_zero(ch):
    """5.52 万元 of overseas visits, up 5.52 万元 on the year before: that year had about nothing."""
    text = ch.implied("municipal.three_public.overseas", "prior_year")
    assert ch.t("about zero", "约为零") in text and "0.01" not in text


def test_an_area_the_report_names_is_shown_in_the_edition_s_words(ch):
    assert ch.area_name("中宁县") == ch.t("Zhongning County (中宁县)", "中宁县")
    assert ch.area_name("某某县") == "某某县", "an area the vocabulary lacks, as the report writes it"


def test_a_chapter_finds_its_section_in_the_year_s_report(ch):
    """Section numbers come from the report, never typed: by the figures' keys, else by a word of
    the heading; '' when the report has no such section."""
    transfers = ch.report_section("city.transfers.")
    assert transfers and all(row.startswith(transfers) for row in ch.data.section(transfers)["section"])
    assert ch.report_section(title="绩效管理") in {path for path, _, _ in ch.report_headings()}
    assert ch.report_section("no.such.prefix.") == "" == ch.report_section(title="没有这一节")
    assert ch.section_name("一.(六)") == ch.t("section 一.(六)", "第一部分第（六）节")
    assert ch.section_name("二") == ch.t("part 二", "第二部分")


def test_sentences_are_quoted_as_the_report_writes_them(ch):
    part = ch.report_section(title="措施")
    for path, sentence in ch.report_sentences(part, "绩效"):
        assert path.startswith(part) and "绩效" in sentence
        assert sentence.rstrip("。") in ch.data.report.flat


def test_chapter_is_a_thin_facade_whose_every_forward_resolves(ch):
    """Chapter stays about 200 lines (DESIGN.md, "Keeping the package easy to live in"): each name
    it forwards is answered by the part it names, and it takes a place to pass on to load_year."""
    from pathlib import Path

    import fiscalbook.story.chapter as module
    from fiscalbook.story.chapter import _Part

    assert len(Path(module.__file__).read_text(encoding="utf-8").splitlines()) <= 200
    forwards = {name: part for name, part in vars(Chapter).items() if isinstance(part, _Part)}
    assert len(forwards) > 40
    for name, part in forwards.items():
        assert hasattr(getattr(ch, part.part), name), f"ch.{name}: ch.{part.part} has no {name}"
    assert Chapter(YEAR, "en", DEFAULT_DATA_DIR, "test", place="zhongwei").place.id == "zhongwei"


def test_a_check_in_running_prose_carries_no_mark() -> None:
    for lang, start in (("en", "Check: “"), ("zh", "核对：“")):
        ch = Chapter(YEAR, lang, DEFAULT_DATA_DIR, "transfers", place=PLACE)
        sentence = ch.check_sentence("city.transfers.in_general_budget")
        assert sentence.startswith(start) and not any(mark in sentence for mark in "✓≈✗")


@pytest.mark.parametrize("difference, expected", [(87.65 - 76.57 - 11.09, "0.01 亿元"), (0.006, "less than 0.01 亿元"),
                                                  (0.0, "less than 0.01 亿元"), (0.03, "0.03 亿元")])
def test_a_difference_of_one_unit_is_not_written_as_less(difference, expected):
    ch = Chapter(YEAR, "en", DEFAULT_DATA_DIR, "debt", needs=["city.debt."], place=PLACE)
    assert ch.difference_text({"difference": difference, "places": 2, "unit": "亿元"}) == expected
