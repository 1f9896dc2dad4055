"""The extractor on short passages in other wordings (tests/passages/): each passage's expected
facts (value, unit, measure, scope, period) and non-figures. The passages were written before
the extractor; the 'held_out' set was written later and run once, at the end (see index.csv)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from fiscalbook.extract import extract
from fiscalbook.extract.evaluate import score_passage

PASSAGES = Path(__file__).resolve().parent / "passages"
with open(PASSAGES / "index.csv", encoding="utf-8", newline="") as _index:
    INDEX = list(csv.DictReader(_index))


def _score(entry: dict):
    text = (PASSAGES / f"{entry['file']}.txt").read_text(encoding="utf-8")
    with open(PASSAGES / f"{entry['file']}.csv", encoding="utf-8", newline="") as handle:
        expected = list(csv.DictReader(handle))
    return score_passage(entry["file"], extract(text, int(entry["year"])), expected)


@pytest.mark.parametrize("entry", INDEX, ids=[e["file"] for e in INDEX])
def test_passage(entry):
    score = _score(entry)
    assert score.missed == [] and score.wrong == [], "\n".join(score.missed + score.wrong)


@pytest.mark.parametrize("which", ["first", "held_out"])
def test_passage_set_thresholds(which):
    scores = [_score(e) for e in INDEX if e["set"] == which]
    expected = sum(s.expected for s in scores)
    drafted = sum(s.drafted for s in scores)
    assert sum(s.value_unit for s in scores) / expected >= 0.95
    assert sum(s.full for s in scores) / expected >= 0.90
    assert sum(s.full for s in scores) / drafted >= 0.90
    assert sum(s.excluded for s in scores) == sum(s.excluded_expected for s in scores)
