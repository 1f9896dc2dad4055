"""Labels of derived amounts: an amount implied from an execution rate (revenue ÷ rate − revenue)
is measured against a budget the book infers, not the approved budget that the Implementing
Regulations' 短收 (Art. 78) is measured against, so its label uses the neutral 低于预算的差额."""

from pathlib import Path

import pandas as pd

DERIVED = Path(__file__).resolve().parents[1] / "data" / "derived.csv"


def test_no_implied_gap_is_labelled_with_the_legal_word_for_short_revenue():
    derived = pd.read_csv(DERIVED)
    implied = derived[derived["formula"].str.contains("pct_of_budget")]
    assert len(implied)
    assert not implied["label_zh"].str.contains("短收").any()
    assert not implied["label_en"].str.contains("short revenue|shortfall", case=False).any()
