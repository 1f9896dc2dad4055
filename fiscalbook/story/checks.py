"""The identities and inequalities of data/rules.csv, evaluated on the year and said in the
edition's words, with a ✓/≈/✗ mark."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from IPython.display import HTML, display

from fiscalbook.audit.rules import check_rule
from fiscalbook.data.expressions import keys_in
from fiscalbook.data.load import Year
from fiscalbook.data.markup import sanitize
from fiscalbook.story import fmt
from fiscalbook.story.words import Words

STATUS_TEXT = {
    "exact": ("holds exactly", "完全成立"),
    "within_rounding": ("holds within rounding (the two sides differ by {difference})",
                        "在四舍五入误差内成立（两边相差{difference}）"),
    "fails": ("does not hold: the two sides differ by {difference}", "不成立：两边相差{difference}"),
    "not_evaluable": ("cannot be checked: the report does not state {missing}", "无法核对：报告未列出{missing}"),
    "undefined": ("cannot be checked: it divides by a figure that may be zero", "无法核对：除数可能为零"),
}
HOLDS = ("holds", "成立")  # an inequality has no "exactly"
# A test of our reading is not an identity of the report: it is "consistent with" the figures, without a mark.
READING_KINDS = ("reading", "budget_basis")
READING_TEXT = {
    "exact": ("is consistent with the figures", "与数字相符"),
    "within_rounding": ("is consistent with the figures within rounding (the two sides differ by {difference})",
                        "在四舍五入误差内与数字相符（两边相差{difference}）"),
}
STATUS_MARK = {"exact": "✓", "within_rounding": "≈", "fails": "✗", "not_evaluable": "?", "undefined": "?"}


class Checks:
    """The rules of data/rules.csv on this year."""

    def __init__(self, data: Year, words: Words) -> None:
        self.data, self.words = data, words

    @cached_property
    def rules(self) -> dict[str, dict]:
        """data/rules.csv by id."""
        return {row["id"]: row for row in self.data.shared("rules").to_dict("records")}

    def check(self, rule_id: str) -> dict:
        """An identity of rules.csv evaluated on this year: status, both sides, difference."""
        return check_rule(self.rules[rule_id], self.data)

    def rule_keys(self, rule_id: str) -> tuple[list[str], list[str]]:
        """The fact keys on the left and on the right of an identity."""
        rule = self.rules[rule_id]
        return keys_in(rule["lhs"]), keys_in(rule["rhs"])

    def rules_in(self, section: str) -> list[str]:
        """The ids of the identities that belong to a section of the report (and its subsections)."""
        return [rule_id for rule_id, rule in self.rules.items()
                if rule["section"] == section or rule["section"].startswith(section + ".")]

    def status_text(self, rule_id: str) -> str:
        """How an identity holds this year, in words: 'holds within rounding (the two sides
        differ by 0.01 亿元)'."""
        return self.status_words(self.check(rule_id))

    def side_text(self, result: dict, side: str) -> str:
        """One side of an evaluated identity ('lhs' or 'rhs'), at the decimals its figures have."""
        return fmt.decimal(result[f"{side}_value"], result[f"{side}_places"])

    def difference_text(self, result: dict) -> str:
        """The difference of an identity's two sides, at its figures' decimals, in its unit
        (percentage points for rates): '0.01 亿元', '0.04 pp'."""
        t = self.words.t
        shown = fmt.decimal(abs(result["difference"]), result["places"])
        # Below one unit of the last digit, both sides may show the same digits; a gap of exactly
        # one unit (11.09 against 87.65 − 76.57) must not read as less through a float's error.
        if abs(result["difference"]) < 10.0 ** -result["places"] * (1 - 1e-9):
            shown = t("less than ", "不到") + fmt.decimal(10.0 ** -result["places"], result["places"])
        unit = result["unit"]
        if unit in ("", "%"):
            return fmt.percent_text(shown, "个百分点", self.words.lang)
        return f"{shown}{t(' ', '')}{unit}"

    def status_words(self, result: dict) -> str:
        """An evaluated identity's status in words, naming the figures it lacks."""
        difference = "" if result["difference"] is None else self.difference_text(result)
        names = self.words.distinct_names([k for k in result["missing"].split(", ") if k])
        missing = self.words.t(", ", "、").join(names)
        words = STATUS_TEXT[result["status"]]
        if result.get("kind") in READING_KINDS:
            words = READING_TEXT.get(result["status"], words)
        if result.get("relation") == "<=" and result["status"] == "exact":
            words = HOLDS
        return self.words.t(*words).format(difference=difference, missing=missing)

    def check_text(self, rule_id: str) -> str:
        """What an identity says about this year, in the edition's words, with a ✓/≈/✗ mark."""
        result, t = self.check(rule_id), self.words.t  # evaluated once for the mark, the label and the words
        label = t(result["label_en"], result["label_zh"])
        mark = "" if result.get("kind") in READING_KINDS else f"{STATUS_MARK[result['status']]} "
        return f"{mark}{label}{t(': ', '：')}{self.status_words(result)}{t('.', '。')}"

    def check_sentence(self, rule_id: str) -> str:
        """An identity's check as a sentence of running prose, without the ✓/≈/✗ mark that a
        line under a table carries: 'Check: “A = B” holds within rounding (…).' /
        '核对：“A = B”在四舍五入误差内成立（……）。'"""
        result, t = self.check(rule_id), self.words.t
        label = t(result["label_en"], result["label_zh"])
        return t(f"Check: “{label}” {self.status_words(result)}.", f"核对：“{label}”{self.status_words(result)}。")

    def checks(self, *rule_ids: str) -> None:
        """State identities of rules.csv, one per line, as under a table."""
        display(HTML(self.html(rule_ids)))

    def html(self, rule_ids: Sequence[str]) -> str:
        """The identities' lines as a paragraph of HTML."""
        lines = "<br>".join(sanitize(self.check_text(r), markdown=False) for r in rule_ids)
        return f"<p class='table-check'>{lines}</p>"
