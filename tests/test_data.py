"""The shipped data: provenance, coverage, signs, restatements, the data package."""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from conftest import PLACE, REPO, YEAR, edit_csv

from fiscalbook.data.provenance import NUMBER, ReportText, flatten
from fiscalbook.data.validate import validate

SOURCE = REPO.parent / "shared" / "source"


def test_report_is_the_source_byte_for_byte():
    """The descriptor records the report's SHA-256 (frictionless checks it too)."""
    report = (REPO / "data" / PLACE / str(YEAR) / "report.txt").read_bytes()
    descriptor = json.loads((REPO / "data" / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == f"{PLACE}-{YEAR}-report")
    assert resource["hash"] == "sha256:" + hashlib.sha256(report).hexdigest()
    for source in SOURCE.glob("*.txt"):  # the shared source, where this machine has it
        assert report == source.read_bytes()


def test_several_hundred_facts_each_a_figure_of_the_report(year):
    assert len(year.facts) >= 300
    assert year.facts["id"].is_unique


def test_every_number_token_is_a_fact_or_an_excluded_label(year):
    checked = validate(year.data_dir, YEAR)
    assert checked.problems == []
    report = year.report
    claimed = {token.start for token in checked.claimed.values()}
    excluded: dict[int, str] = {}
    for row in checked.exclusions.rows:
        assert row["reason"].strip() and row["category"]
        for start in report.find_all(row["context"]):
            for token in report.tokens_between(start, start + len(flatten(row["context"]))):
                if token.text == row["token"]:
                    excluded[token.start] = row["reason"]
    unaccounted = [t.text for t in report.tokens if t.start not in claimed and t.start not in excluded]
    assert unaccounted == []
    assert not claimed & set(excluded), "a figure is never excluded"
    assert len(claimed) == len(year.facts), "each fact claims its own token"


def test_falls_are_negative(year):
    """下降/减少 right before a figure means a negative value; 增长/增加 a positive one."""
    checked = validate(year.data_dir, YEAR)
    flat = year.report.flat
    for fact in year.facts.itertuples():
        token = checked.claimed[fact.id]
        before = flat[max(0, token.start - 4) : token.start]
        if re.search("下降|减少", before):
            assert fact.value < 0, f"{fact.id}: '{before}{token.text}' should be negative"
        if re.search("增长|增加", before):
            assert fact.value > 0, f"{fact.id}: '{before}{token.text}' should be positive"


def test_the_negative_transfer_line_stays_negative(year):
    negatives = year.select("city.transfers.")
    assert (negatives["value"] < 0).sum() == 1


def test_restatements_point_to_an_earlier_identical_figure(year):
    restated = year.restated
    assert len(restated) > 0
    for row in restated.itertuples():
        original = year.fact(row.restates)
        assert (original.value, original.unit, original.key) == (row.value, row.unit, row.key)
        assert original.line <= row.line


def test_sections_follow_the_report_headings(year):
    headings = set(re.findall(r"^([一二三四五六七八九十]+)、", year.report.raw, flags=re.M))
    assert {section.split(".")[0] for section in year.facts["section"]} <= headings


# --- the matching rule (fiscalbook.data.provenance) -------------------------------------------

def test_flatten_removes_page_breaks_and_spaces():
    report = ReportText("为预算的100.4%，\n\n同比增长 6.6%。完成 23.17 亿元")
    assert report.find_all("为预算的100.4%，同比增长6.6%") == [0]
    assert report.find_all("完成23.17亿元") and report.find_all("完成 23.17 亿元")
    assert report.find_all("增长 6.7%") == []


def test_tokens_are_the_same_before_and_after_flattening(year):
    raw_tokens = [m.group() for m in NUMBER.finditer(year.report.raw)]
    assert raw_tokens == [t.text for t in year.report.tokens]


def test_number_tokens():
    found = [m.group() for m in NUMBER.finditer("743,962万元；-9,571 万元；10—50 万元；“1+5+3”；46.30%")]
    assert found == ["743,962", "-9,571", "10", "50", "1", "5", "3", "46.30"]


def test_line_and_column_point_into_the_raw_text():
    raw = "第一行\n\n第 二 行 12.5 亿元"
    report = ReportText(raw)
    assert report.line_col(report.tokens[0].start) == (3, raw.splitlines()[2].index("12.5") + 1)


def test_value_must_match_the_written_digits(data_copy):
    """46.30 is written with two decimals: '46.3' is not what the report says."""
    def edit(rows):
        column = rows[0].index("value")
        for row in rows:
            if row[column] == "46.30":
                row[column] = "46.3"

    edit_csv(data_copy / PLACE / str(YEAR) / "facts.csv", edit)
    messages = [p.message for p in validate(data_copy, YEAR).problems]
    assert any("46.3 is not in its quote" in m for m in messages)


def test_quotes_are_verbatim_up_to_whitespace(year):
    flat = year.report.flat
    for quote in year.facts["quote"]:
        assert flat.count(flatten(quote)) == 1


# --- the data package ---------------------------------------------------------------------

def test_frictionless_agrees_the_package_is_valid():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(REPO / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldNumber", "type", "note"])


def test_frictionless_uses_the_schema(data_copy):
    frictionless = pytest.importorskip("frictionless")

    def edit(rows):
        rows[1][rows[0].index("unit")] = "亿美元"
        rows[2][rows[0].index("id")] = rows[3][rows[0].index("id")]

    edit_csv(data_copy / PLACE / str(YEAR) / "facts.csv", edit)
    report = frictionless.validate(str(data_copy / "datapackage.json"))
    kinds = {error[0] for error in report.flatten(["type"])}
    assert {"constraint-error", "primary-key"} <= kinds


def test_labels_exist_for_every_code(year):
    from fiscalbook.data.load import read_shared

    vocab = read_shared("vocab")
    for field in ("scope", "budget", "measure", "period", "unit"):
        assert set(year.facts[field]) <= set(vocab[vocab["field"] == field]["code"])
