"""Which figures the chapters use (fiscalbook.audit.usage), and the exclusion counts by category."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import PLACE, REPO, edit_csv

from fiscalbook.audit.usage import exclusion_summary, references, unused_facts, used_keys
from fiscalbook.build.editions import book_notebooks
from fiscalbook.data.load import load_year
from fiscalbook.data.validate import validate
from fiscalbook.years.register import register


@pytest.fixture(scope="module")
def year():
    return load_year(2023, REPO / "data")


def notebook(tmp_path: Path, *codes: str, name: str = "chapter") -> Path:
    """A notebook whose code cells are ``codes`` (and a Markdown cell that names a key, which does not count)."""
    cells = [{"cell_type": "markdown", "metadata": {}, "source": "`city.general.expenditure`"}]
    cells += [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": code}
              for code in codes]
    path = tmp_path / f"{name}.ipynb"
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    return path


def test_references_read_strings_in_their_roles():
    found = references(
        'GOV = "resolution.governance."\n'
        'ch = Chapter(year, lang, data_dir, "x", needs=("city.transfers.",))\n'
        'ch.data.select(GOV)\n'
        'facts["key"].str.startswith("city.transfers.special_")\n'
        'ch.data.section("一.(七)")\n'
        'ch.rules_in("一.(二)")\n'
        'ch(GOV + "evaluated_funds")\n'
        'ch(f"{area}.general.revenue")\n'
    )
    assert found.prefixes == {"resolution.governance.", "city.transfers.special_"}, "needs= shows nothing"
    assert found.sections == {"一.(七)"} and found.rule_sections == {"一.(二)"}
    assert "resolution.governance.evaluated_funds" in found.strings  # a name bound to a string, plus a string
    assert ("key", [None, ".general.revenue"]) in found.templates  # an f-string is a template


def test_a_literal_key_is_used_with_its_measures_and_nothing_else(tmp_path, year):
    used = used_keys(year, [notebook(tmp_path, 'ch("city.general.revenue")')])
    assert {"city.general.revenue", "city.general.revenue.yoy_pct", "city.general.revenue.pct_of_budget"} <= used
    assert "city.general.expenditure" not in used  # named only in Markdown
    assert not any(key.startswith("whole.") for key in used)


def test_prefixes_sections_rules_and_indicators_widen_to_their_keys(tmp_path, year):
    used = used_keys(year, [notebook(
        tmp_path,
        'lines = ch.data.select("city.transfers.special_")',
        'ch.table(ch.figures_table(ch.data.section("一.(七)")))',
        'ch.checks("city.debt.headroom")',
        'ch.indicator("self_sufficiency.whole")',
    )])
    assert set(year.select("city.transfers.special_")["key"]) <= used
    assert set(year.section("一.(七)")["key"]) <= used
    assert {"city.debt.ceiling", "city.debt.balance", "city.debt.headroom"} <= used
    assert {"whole.general.revenue", "whole.general.expenditure"} <= used
    assert "city.transfers.total" not in used and "city.general.revenue" not in used


def test_f_strings_are_filled_with_the_notebooks_literals(tmp_path, year):
    used = used_keys(year, [notebook(
        tmp_path,
        'AREAS = ("zhongning", "haiyuan")\n'
        'growth = {area: ch.value(f"{area}.general.revenue") for area in AREAS}\n'
        'for prefix in ("municipal",):\n    rows = ch.data.select(f"{prefix}.three_public.")\n',
        'def table(path):\n    return ch.data.section(path)\n\ntable("一.(六)")',
    )])
    assert {"zhongning.general.revenue", "haiyuan.general.revenue"} <= used
    assert "whole.general.revenue" not in used and "city.general.revenue" not in used
    assert set(year.select("municipal.three_public.")["key"]) <= used
    assert "city.three_public.total" not in used
    assert set(year.section("一.(六)")["key"]) <= used  # a section passed through a variable


def test_unused_facts_are_the_rest_in_report_order(tmp_path, year):
    unused = unused_facts(year, [notebook(tmp_path, 'ch("city.general.revenue")')])
    primary = year.facts[year.facts["restates"] == ""]
    assert len(unused) == len(primary) - len(used_keys(year, [notebook(tmp_path, 'ch("city.general.revenue")')]))
    assert "city.general.revenue" not in set(unused["key"]) and "whole.general.revenue" in set(unused["key"])
    assert list(unused["key"]) == [k for k in primary["key"] if k in set(unused["key"])]


def test_the_books_chapters_are_read(year):
    """Every key the transfers chapter names is among the used ones; the book's chapters parse."""
    chapters = book_notebooks()
    used = used_keys(year, chapters)
    assert {"city.transfers.general_equalization", "city.transfers.total", "whole.general.revenue"} <= used
    assert len(unused_facts(year, chapters)) == len(set(year.facts["key"]) - used)


def test_a_figure_under_a_key_no_chapter_names_is_listed(data_copy):
    """A new report's figure under a new key is listed: here a transfer line under a key prefix no
    chapter selects, in a section that no chapter reads whole."""
    def rename(rows: list[list[str]]) -> None:
        for row in rows:
            if row[0] == "city.transfers.special_grain":
                row[0] = row[1] = "novel.transfers.grain"
    edit_csv(data_copy / PLACE / "2023" / "facts.csv", rename)
    register(data_copy, 2023)
    chapters = book_notebooks()
    unused = unused_facts(load_year(2023, data_copy), chapters)
    assert list(unused["key"]) == ["novel.transfers.grain"]


def test_exclusion_summary_counts_tokens_and_entries_apart():
    rows = [
        {"token": "2023", "context": "2023 年", "count": "3", "category": "year_label", "reason": "r"},
        {"token": "2024", "context": "2024 年", "count": "1", "category": "year_label", "reason": "r"},
        {"token": "1", "context": "1.财政", "count": "1", "category": "heading_ordinal", "reason": "r"},
    ]
    summary = exclusion_summary(rows).set_index("category")
    assert summary.loc["year_label", "tokens"] == 4 and summary.loc["year_label", "entries"] == 2
    assert summary.loc["heading_ordinal", "tokens"] == 1 and list(summary.index) == ["year_label", "heading_ordinal"]
    assert exclusion_summary([]).empty


def test_exclusion_summary_accounts_for_every_excluded_token_of_the_report():
    checked = validate(REPO / "data", 2023)
    summary = exclusion_summary(checked.exclusions.rows)
    assert summary["tokens"].sum() == len(checked.report.tokens) - len(checked.claimed)
    assert summary["entries"].sum() == len(checked.exclusions.rows)
