"""Arithmetic on percentages, so that notebooks never type 100 (re-exported by
fiscalbook.story.chapter, where the notebooks import it)."""

from __future__ import annotations

HALF_YEAR = 50.0  # % of the year gone at mid-year: the mark for first-half progress ("双过半")
MONTHS_IN_YEAR = 12  # for a balance in months of spending (可支付月数)


def percent(part: float, whole: float) -> float:
    """``part`` as a percentage of ``whole``: percent(1, 4) = 25.0."""
    return part / whole * 100


def grown(amount: float, pct: float) -> float:
    """An amount after a growth of ``pct`` per cent: grown(200, 3) = 206."""
    return amount * (1 + pct / 100)


def growth(new: float, old: float) -> float:
    """The growth from ``old`` to ``new``, in per cent."""
    return (new / old - 1) * 100


def level(change_pct: float) -> float:
    """The level after a change, as a percentage of the baseline: level(-20.2) = 79.8."""
    return 100 + change_pct
