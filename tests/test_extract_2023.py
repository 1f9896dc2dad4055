"""The extractor on the 2023 report against its curated facts: the issue's thresholds, the
draft's validity, key recovery and speed."""

from __future__ import annotations

import csv
import json
import shutil
import time

import pandas as pd
import pytest
from conftest import PLACE, REPO, YEAR

from fiscalbook.data.load import DEFAULT_DATA_DIR
from fiscalbook.data.validate import validate
from fiscalbook.extract import extract, write_draft
from fiscalbook.extract.evaluate import evaluate, key_recovery_on_shifted

REPORT = DEFAULT_DATA_DIR / PLACE / str(YEAR) / "report.txt"


@pytest.fixture(scope="module")
def text() -> str:
    return REPORT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def known() -> pd.DataFrame:
    return pd.read_csv(DEFAULT_DATA_DIR / PLACE / str(YEAR) / "facts.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def evaluation(text):
    return evaluate(extract(text, YEAR), DEFAULT_DATA_DIR, YEAR)


def test_budget_parts_recall(evaluation):
    assert evaluation.budget_parts.recall_value_unit >= 0.97
    assert evaluation.budget_parts.recall_full >= 0.97


def test_whole_report_recall_and_precision(evaluation):
    s = evaluation.overall
    assert s.recall_value_unit >= 0.90 and s.recall_full >= 0.90
    assert s.precision_value_unit >= 0.95 and s.precision_full >= 0.95


def test_keys_without_known_agree_in_the_budget_parts(evaluation):
    assert evaluation.budget_parts.key_share >= 0.90


def test_keys_recovered_on_a_report_with_other_numbers_and_years():
    recovered, total = key_recovery_on_shifted(DEFAULT_DATA_DIR, YEAR)
    assert recovered / total >= 0.90


def test_fast(text, known):
    start = time.perf_counter()
    extract(text, YEAR, known=known)
    assert time.perf_counter() - start < 2.0


def test_draft_validates_but_for_labels_a_person_must_write(text, known, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    draft = extract(text, YEAR, known=known)
    write_draft(draft, data / PLACE / str(YEAR) / "facts.csv", data / PLACE / str(YEAR) / "exclusions.csv")
    problems = validate(data, YEAR).problems
    assert problems, "some labels have no English name"
    assert {p.message for p in problems} == {"label_en: is required but empty"}
    untranslated = [m for _, _, m in draft.review if "label_en left for a person" in m]
    assert len(untranslated) == len(problems)


def test_written_columns_follow_the_schema(text, tmp_path):
    write_draft(extract(text, YEAR), tmp_path / "f.csv", tmp_path / "e.csv")
    header = (tmp_path / "f.csv").read_text(encoding="utf-8").splitlines()[0]
    schema_columns = pd.read_json(REPO / "data" / "schemas" / "facts.json", typ="series")["fields"]
    assert header.split(",") == [f["name"] for f in schema_columns]


def test_qualifier_columns_written_when_the_schema_has_them(tmp_path):
    draft = extract("城乡居民基础养老金每人每月增长15元。", YEAR)
    write_draft(draft, tmp_path / "f.csv")
    with open(tmp_path / "f.csv", encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert (row["qualifier_en"], row["qualifier_zh"]) == ("per person per month", "每人每月")
    schemas = tmp_path / "schemas"  # a schema without the qualifier columns: they are not written
    shutil.copytree(DEFAULT_DATA_DIR / "schemas", schemas)
    spec = json.loads((schemas / "facts.json").read_text(encoding="utf-8"))
    spec["fields"] = [f for f in spec["fields"] if not f["name"].startswith("qualifier_")]
    (schemas / "facts.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    write_draft(draft, tmp_path / "g.csv", schemas=schemas)
    assert "qualifier_en" not in (tmp_path / "g.csv").read_text(encoding="utf-8").splitlines()[0]
