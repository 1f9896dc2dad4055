"""Data is text, never markup: the validator refuses it, and the page shows it as text."""

from __future__ import annotations

import pytest
from conftest import PLACE, YEAR, edit_csv

from fiscalbook.data.markup import find_markup, sanitize
from fiscalbook.data.validate import validate

PAYLOADS = ["Equalization <script>alert(1)</script> transfer", "均衡性<img src=x onerror=alert(1)>转移支付",
            "<iframe src=javascript:alert(1)>", "[click](javascript:alert(1))", "{raw}`<b>x</b>`",
            '<span onmouseover="alert(1)">x</span>', "R&amp;D", "`code`"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markup_is_found(payload):
    assert find_markup(payload)


@pytest.mark.parametrize("text", ["一般性转移支付", "Tax rebates (返还性收入)", "卫财发[2024]21 号", "a < 5, b > 3",
                                  "\"Three public\" expenses", "5% of 10,000 yuan"])
def test_plain_text_is_not_markup(text):
    assert find_markup(text) is None


@pytest.mark.parametrize("payload", PAYLOADS[:6])
def test_sanitized_fragments_carry_no_live_markup(payload):
    for markdown in (True, False):
        text = sanitize(payload, markdown=markdown)
        assert "<script" not in text and "<img" not in text and "<iframe" not in text
        assert "<span onmouseover" not in text
    assert "[click](javascript:" not in sanitize(payload).replace("\\[click]", ""), "no live Markdown link"


def test_the_package_own_markup_survives():
    span = '<span class="fact" tabindex="0" data-key="a.b" title="report 一.(一), line 3: x &amp; y">23.17</span>'
    kept = f"{span} and <br><code>a.b</code> **bold** [next](08_transfers.ipynb) {{download}}`f.zip <dl/f.zip>`"
    assert sanitize(kept) == kept
    assert sanitize(span, markdown=False) == span


@pytest.mark.parametrize("column", ["label_en", "label_zh", "quote", "note"])
def test_the_validator_refuses_markup_in_text_fields(data_copy, column):
    path = data_copy / PLACE / str(YEAR) / "facts.csv"

    def inject(rows):
        index = rows[0].index(column)
        rows[1][index] = rows[1][index] + "<script>alert(1)</script>"

    edit_csv(path, inject)
    problems = [str(p) for p in validate(data_copy, YEAR).problems]
    assert any("facts.csv:2:" in p and "contains markup ('<s')" in p for p in problems), problems


def test_the_validator_refuses_markup_in_shared_tables(data_copy):
    edit_csv(data_copy / "glossary.csv", lambda rows: rows[1].__setitem__(2, "[x](javascript:alert(1))"))
    problems = [str(p) for p in validate(data_copy, YEAR).problems]
    assert any("glossary.csv:2:3:" in p and "markup" in p for p in problems), problems
