"""The worked example of the precision rule (fiscalbook/story/precision_example.py), on the 2023 data."""

import pytest

from fiscalbook.story import precision_example
from fiscalbook.story.chapter import Chapter


@pytest.fixture(scope="module")
def chapter():
    return Chapter(2023, "en", "data", "methods", place="zhongwei")


def test_over_collection_shown_to_the_tens(chapter):
    example = precision_example.example(chapter, "over_collection.city.implied")
    assert (example.written, example.shown, example.span, example.position) == ("386.1", "390", "337 – 435", "tens")
    assert (example.low, example.high, example.width) == ("337.8", "434.3", "96.5")  # nearest, agreeing with the width
    assert example.span_position == "units"
    assert example.inside


def test_first_computable_skips_unknown_ids(chapter):
    assert precision_example.first_computable(chapter, ["no.such.id", "over_collection.city.implied"]) == \
        "over_collection.city.implied"
    assert precision_example.first_computable(chapter, ["no.such.id"]) is None
