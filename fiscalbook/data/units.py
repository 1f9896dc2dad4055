"""Explicit unit conversion between the money units the report uses."""

from __future__ import annotations

# Yuan per unit. 1 亿元 = 10,000 万元 = 100,000,000 元.
MONEY_UNITS: dict[str, int] = {"元": 1, "万元": 10_000, "亿元": 100_000_000}


def is_money(unit: str) -> bool:
    return unit in MONEY_UNITS


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert an amount between 元, 万元 and 亿元; any other unit converts only to itself."""
    if from_unit == to_unit:
        return value
    if not (is_money(from_unit) and is_money(to_unit)):
        raise ValueError(f"cannot convert {from_unit!r} to {to_unit!r}")
    return value * MONEY_UNITS[from_unit] / MONEY_UNITS[to_unit]
