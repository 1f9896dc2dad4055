"""Synthetic and thin years (support.synthetic): they validate, a synthetic year shares no
distinctive figure with its source and shifts its years, a thin year lacks what was dropped.
Each is made once per module in a temporary copy of data/; nothing is built here."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
from conftest import PLACE, REPO, YEAR
from support.synthetic import (
    THIN_KEYS,
    THIN_SECTIONS,
    UNSTATED,
    Scaling,
    Written,
    as_token,
    distinctive,
    excluded_tokens,
    section_spans,
    synthetic_year,
    thin_year,
)

from fiscalbook.audit.rules import FAILS, check_rules
from fiscalbook.data.expressions import Interval
from fiscalbook.data.load import load_year
from fiscalbook.data.provenance import NUMBER, ReportText
from fiscalbook.data.validate import validate

NEXT = YEAR + 1


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def plain(text: str) -> str:
    return text.replace(",", "").lstrip("-")


@pytest.fixture(scope="module")
def source():
    return validate(REPO / "data", YEAR)


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    out = tmp_path_factory.mktemp("synthetic") / "data"
    return synthetic_year(REPO / "data", YEAR, NEXT, out), out


@pytest.fixture(scope="module")
def synthetic(made):
    return validate(made[1], NEXT)


# --- numbers as written --------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("743,962", True), ("23.17", True), ("6020", True), ("102.6", True), ("8.6", True), ("0.33", True),
    ("46.30", True), ("5", False), ("15", False), ("100", False), ("5000", False), ("0.2", False), ("0.04", False),
])
def test_distinctive(text, expected):
    assert distinctive(text) is expected


@pytest.mark.parametrize(("value", "token", "expected"), [
    ("796041", "743,962", "796,041"), ("-10241", "-9,571", "-10,241"), ("-1.70", "0.33", "1.70"),
    ("24.76", "23.17", "24.76"), ("7.0", "46.30", "7.00"),
])
def test_a_new_value_is_written_as_its_token_was(value, token, expected):
    assert as_token(value, token) == expected


def test_written_rounds_half_up_keeping_decimals():
    assert Written.parse("13.4").like(Written.parse("14.35").value) == "14.4"
    assert Written.parse("1,372").like(Written.parse("1468.04").value) == "1,468"


# --- the synthetic year ------------------------------------------------------------------------

def test_synthetic_year_validates_and_is_registered(made, synthetic):
    summary, out = made
    assert synthetic.problems == []
    assert (summary.facts, summary.exclusions) == (len(synthetic.facts.rows), len(synthetic.exclusions.rows))
    assert f"{PLACE}-{NEXT}-report" in (out / "datapackage.json").read_text(encoding="utf-8")
    assert validate(out, YEAR).problems == []  # the source year is still there, unchanged


def test_no_distinctive_figure_survives(source, synthetic):
    before = {plain(t.text) for t in source.claimed.values() if distinctive(t.text)}
    survivors = {t.text for t in synthetic.report.tokens if distinctive(t.text) and plain(t.text) in before}
    assert survivors == set()
    for row in synthetic.facts.rows:  # labels and notes repeat figures too
        for column in ("label_en", "label_zh", "note"):
            repeated = {m.group() for m in NUMBER.finditer(row[column]) if plain(m.group()) in before}
            assert repeated == set(), (row["id"], column, row[column])


def test_every_distinctive_figure_changed_and_signs_kept(source, synthetic):
    old = {row["id"]: row for row in source.facts.rows}
    for row in synthetic.facts.rows:
        was = old[row["id"]]
        assert (row["key"], row["unit"], row["measure"]) == (was["key"], was["unit"], was["measure"])
        assert (row["value"] != was["value"]) or not distinctive(was["value"]), row["id"]
        assert row["value"].startswith("-") == was["value"].startswith("-"), row["id"]
        assert Written.parse(row["value"]).decimals == Written.parse(was["value"]).decimals, row["id"]


def test_amounts_are_scaled(source, synthetic):
    old = {row["id"]: row for row in source.facts.rows}
    ratios = [float(row["value"]) / float(old[row["id"]]["value"]) for row in synthetic.facts.rows
              if row["measure"] == "amount" and len(plain(old[row["id"]]["value"]).replace(".", "")) >= 4]
    assert len(ratios) > 100 and all(abs(r - float(Scaling().factor)) < 0.002 for r in ratios)


def test_restatements_agree(synthetic):
    first = {row["id"]: row["value"] for row in synthetic.facts.rows if not row["restates"]}
    restated = [row for row in synthetic.facts.rows if row["restates"]]
    assert len(restated) > 10
    assert all(row["value"] == first[row["restates"]] for row in restated)


def test_years_are_shifted(source, synthetic):
    assert synthetic.report.raw.lstrip().startswith(f"{NEXT} 年全市及市本级财政决算")
    shifted = 0
    for old, new in zip(source.exclusions.rows, synthetic.exclusions.rows, strict=True):
        if re.fullmatch(r"(19|20)\d\d", old["token"]):
            assert int(new["token"]) == int(old["token"]) + 1, old
            shifted += 1
        else:
            assert new["token"] == old["token"]
        assert new["category"] == old["category"]
    assert shifted >= 30
    years = [t.text for t in excluded_tokens(synthetic) if re.fullmatch(r"(19|20)\d\d", t.text)]
    assert min(map(int, years)) == 2020  # the 2019 baseline moved too
    assert all(int(n) == int(o) + 1 for n, o in zip([r["fiscal_year"] for r in synthetic.facts.rows],
                                                    [r["fiscal_year"] for r in source.facts.rows], strict=True))


def test_quotes_keep_their_layout(source, synthetic):
    """A quote is the same passage with new numbers: same text around them, same spaces."""
    def skeleton(text: str) -> str:
        return NUMBER.sub("#", text)

    for old, new in zip(source.facts.rows, synthetic.facts.rows, strict=True):
        assert skeleton(new["quote"]) == skeleton(old["quote"])


@pytest.fixture(scope="module")
def both(made):
    return load_year(YEAR, made[1]), load_year(NEXT, made[1])


def growth_agrees(before, after, key: str) -> bool:
    """The stated growth of ``key`` agrees, within the digits written, with the two years."""
    base, _, measure = key.rpartition(".")
    if measure == "yoy_pct":
        implied = (after.interval(base) / before.interval(base) - Interval.exact(1)) * Interval.exact(100)
    else:
        implied = after.interval(base) - before.interval(base)
    return implied.overlaps(after.interval(key))


def test_growth_agrees_where_natural_and_not_elsewhere(made, both):
    summary, _ = made
    assert len(summary.consistent_growth) > 20 and len(summary.shifted_growth) >= 2
    assert all(growth_agrees(*both, key) for key in summary.consistent_growth)
    comparable = [k for k in summary.shifted_growth if both[0].has(k.rpartition(".")[0])]
    assert comparable and not any(growth_agrees(*both, key) for key in comparable)


def test_identities_hold_as_in_the_source(made, both):
    """What held in the source year holds in the synthetic one, except the ratios of two
    scaled amounts (they would keep the source's value), identities between shifted rates
    (budget_basis: a budget implied by a rate against an estimate grown by a target), the
    implied sums of shifted growth, and amounts implied by an execution rate (the synthetic
    year scales the amounts and keeps the rates: the over-collection a rate implies moves)."""
    summary, _ = made
    before = check_rules(both[0]).set_index("id")["status"]
    after = check_rules(both[1]).set_index("id")
    newly_failing = after[(after["status"] == FAILS) & (before != FAILS)]
    shifted = set(summary.shifted_growth)
    for rule in newly_failing.itertuples():
        by_rate = rule.kind == "implied_sum" and ".pct_of_" in rule.rhs
        assert rule.kind in ("ratio", "budget_basis", "reading") or by_rate \
            or any(k in rule.lhs + rule.rhs for k in shifted), rule.Index
    assert len(newly_failing) <= 7  # six before the over-collection a rate implies was checked


def test_without_consistent_growth_or_source(tmp_path):
    out = tmp_path / "data"
    summary = synthetic_year(REPO / "data", YEAR, NEXT, out, Scaling(consistent_growth=False), keep_source=False)
    assert summary.consistent_growth == [] and len(summary.shifted_growth) > 30
    assert not (out / PLACE / str(YEAR)).exists()
    assert f"{PLACE}-{YEAR}-report" not in (out / "datapackage.json").read_text("utf-8")
    assert validate(out, NEXT).problems == []


def test_refuses_the_real_data_folder():
    with pytest.raises(ValueError, match="work on a copy"):
        synthetic_year(REPO / "data", YEAR, NEXT, REPO / "data")
    with pytest.raises(ValueError, match="work on a copy"):
        thin_year(REPO / "data", YEAR, drop_keys=THIN_KEYS)


# --- the thin year -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def thin(tmp_path_factory):
    data = tmp_path_factory.mktemp("thin") / "data"
    shutil.copytree(REPO / "data", data)
    return thin_year(data, YEAR, THIN_SECTIONS, THIN_KEYS), data


def test_section_spans(source):
    spans = section_spans(source.report)
    assert list(spans)[:4] == ["一", "一.(一)", "一.(二)", "一.(二).1"]
    assert "二.(三).4" in spans and "三.(三)" in spans
    start, end = spans["一.(六)"]
    assert source.report.flat[start:].startswith("（六）转移支付执行情况说明")
    assert source.report.flat[end:].startswith("（七）")


def test_thin_year_validates_and_lacks_what_was_dropped(source, thin):
    summary, data = thin
    checked = validate(data, YEAR)
    assert checked.problems == []
    kept = checked.facts.rows
    assert not [r for r in kept if r["key"] in THIN_KEYS or r["section"].startswith(("一.(六)", "一.(七)"))]
    dropped = [r for r in source.facts.rows if r["key"] in THIN_KEYS or r["section"].startswith(("一.(六)", "一.(七)"))]
    assert (summary.facts_removed, summary.facts_kept) == (len(dropped), len(kept)) == (82, 288)
    spans = section_spans(checked.report)
    assert "一.(六)" not in spans and "一.(七)" not in spans and "一.(八)" in spans
    assert "转移支付执行情况说明" not in checked.report.raw and "三公”经费情况" not in checked.report.raw
    assert checked.report.raw.count(UNSTATED) == summary.tokens_unstated == 4
    for key in THIN_KEYS:  # the report no longer states the dropped figures
        value = next(r["value"] for r in source.facts.rows if r["key"] == key)
        assert value not in {t.text for t in checked.report.tokens}
    assert summary.exclusions_kept == len(checked.exclusions.rows) == len(source.exclusions.rows) - 3


def test_thin_year_keeps_the_rest_verbatim(source, thin):
    _, data = thin
    after = {r["id"]: r for r in rows(data / PLACE / str(YEAR) / "facts.csv")}
    changed = [r["id"] for r in source.facts.rows if r["id"] in after and after[r["id"]]["quote"] != r["quote"]]
    assert all(UNSTATED in after[i]["quote"] for i in changed)  # only quotes that spanned a dropped figure
    assert all(after[r["id"]]["value"] == r["value"] for r in source.facts.rows if r["id"] in after)


@pytest.mark.parametrize("section", ["一.(一)", "二.(三).4"])
def test_thin_year_renumbers_and_keeps_other_sections(tmp_path, source, section):
    """Dropping 一.(一) leaves a restatement of whole.general.revenue in 一.(五).1 as its only
    statement; dropping 二.(三).4 keeps part 二's closing paragraph, which has no heading."""
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    thin_year(data, YEAR, drop_sections=[section])
    checked = validate(data, YEAR)
    assert checked.problems == []
    facts = {r["id"]: r for r in checked.facts.rows}
    if section == "一.(一)":
        assert facts["whole.general.revenue"]["section"] == "一.(五).1"
        assert facts["whole.general.revenue"]["restates"] == ""
    else:
        assert facts["challenges.tax_share.share"]["section"] == "二"
        assert not any(r["section"] == section for r in checked.facts.rows)


def test_thin_year_refuses_unknown_names(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    with pytest.raises(ValueError, match="no facts with key"):
        thin_year(data, YEAR, drop_keys=["no.such.key"])
    with pytest.raises(ValueError, match="no section"):
        thin_year(data, YEAR, drop_sections=["九.(九)"])
    assert ReportText((data / PLACE / str(YEAR) / "report.txt").read_text(encoding="utf-8")).raw == (
        (REPO / "data" / PLACE / str(YEAR) / "report.txt").read_text(encoding="utf-8"))


def test_qualifiers_name_the_shifted_year(made):
    _, data = made
    by_key = {row["key"]: row for row in rows(data / PLACE / str(NEXT) / "facts.csv")}
    baseline = by_key["resolution.finance.three_public_and_three_fees.change_pct"]
    assert "2020" in baseline["qualifier_en"] and "2020" in baseline["qualifier_zh"]
