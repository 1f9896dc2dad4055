"""Arithmetic on figures known only to the digits written, and the small expression language
of ``rules.csv`` and ``derived.csv``.

A figure written "13.4" stands for anything in [13.35, 13.45]. Expressions are evaluated on
such intervals, so the tolerance of an identity follows from the digits the report wrote
rather than from a constant chosen by hand.

Plain interval arithmetic is exact only when every figure occurs once in the expression: in
R - R/r it would let the two Rs vary independently and widen the range. ``evaluate`` is exact
for repeated figures too: it fixes each repeated figure at either end of its interval (every
corner of their box), evaluates the rest as intervals, and takes the hull. That is exact for
the expressions of rules.csv and derived.csv, which are monotone in each figure over the
small box its digits allow (sums, differences, ratios of positive amounts).

An expression uses fact keys (``city.general.revenue``), numbers, ``+ - * /`` and parentheses.
"""

from __future__ import annotations

import ast
import functools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import product


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float

    @classmethod
    def written(cls, text: str, scale: float = 1.0) -> Interval:
        """The interval a number written as ``text`` stands for, times ``scale``."""
        decimals = len(text.split(".")[1]) if "." in text else 0
        half = 0.5 * 10.0**-decimals
        value = float(text)
        return cls((value - half) * scale, (value + half) * scale)

    @classmethod
    def exact(cls, value: float) -> Interval:
        return cls(value, value)

    @property
    def mid(self) -> float:
        return (self.lo + self.hi) / 2

    @property
    def radius(self) -> float:
        return (self.hi - self.lo) / 2

    def overlaps(self, other: Interval) -> bool:
        slack = 1e-9 * max(1.0, abs(self.mid), abs(other.mid))  # float noise only
        return self.lo <= other.hi + slack and other.lo <= self.hi + slack

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def __mul__(self, other: Interval) -> Interval:
        corners = [a * b for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        return Interval(min(corners), max(corners))

    def __truediv__(self, other: Interval) -> Interval:
        if other.lo <= 0 <= other.hi:
            raise ZeroDivisionError("division by an interval that contains zero")
        return self * Interval(1 / other.hi, 1 / other.lo)


class ExpressionError(ValueError):
    """An expression that is not of the allowed form."""


_OPERATORS = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
}


def _dotted_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = _dotted_name(node.value)
        return f"{head}.{node.attr}" if head else None
    return None


@functools.lru_cache(maxsize=4096)  # a rule is parsed once per process, not at every check
def parse(expression: str) -> ast.Expression:
    """The expression's syntax tree (shared between callers: read it, never change it)."""
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError as err:
        raise ExpressionError(f"cannot parse '{expression}': {err.msg}") from None
    for node in ast.walk(tree.body):
        allowed = (ast.BinOp, ast.UnaryOp, ast.Constant, ast.Name, ast.Attribute, ast.Load,
                   ast.USub, *_OPERATORS)
        if not isinstance(node, allowed):
            raise ExpressionError(f"'{expression}' uses {type(node).__name__}, which is not allowed")
        if isinstance(node, ast.Constant) and not isinstance(node.value, int | float):
            raise ExpressionError(f"'{expression}' contains a constant that is not a number")
    return tree


def keys_in(expression: str) -> list[str]:
    """The fact keys an expression refers to, in order of first use."""
    keys: list[str] = []

    def visit(node: ast.AST) -> None:
        name = _dotted_name(node)
        if name is not None:
            keys.append(name)
            return
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(parse(expression).body)
    return list(dict.fromkeys(keys))


@functools.lru_cache(maxsize=4096)  # trees are parse()'s, cached: one count per expression
def _uses(tree: ast.Expression) -> Counter:
    """How often each fact key occurs in a parsed expression (shared: read it, never change it)."""
    counts: Counter = Counter()

    def visit(node: ast.AST) -> None:
        name = _dotted_name(node)
        if name is not None:
            counts[name] += 1
            return
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree.body)
    return counts


def evaluate(expression: str, lookup: Callable[[str], Interval]) -> Interval:
    """The exact range of an expression over the intervals of its keys (see the module's
    note on repeated figures); ``lookup`` maps a key to its interval (KeyError if unknown)."""
    tree = parse(expression)
    uses = _uses(tree)
    values = {key: lookup(key) for key in uses}
    repeated = [key for key, count in uses.items() if count > 1 and values[key].radius > 0]
    if not repeated:
        return _interval_value(tree, values)
    results = []
    for corner in product(*[(values[key].lo, values[key].hi) for key in repeated]):
        fixed = dict(zip(repeated, (Interval.exact(v) for v in corner), strict=True))
        results.append(_interval_value(tree, {**values, **fixed}))
    return Interval(min(r.lo for r in results), max(r.hi for r in results))


def _interval_value(tree: ast.Expression, values: dict[str, Interval]) -> Interval:
    """Plain interval arithmetic over a parsed expression, each key's interval given."""

    def visit(node: ast.AST) -> Interval:
        name = _dotted_name(node)
        if name is not None:
            return values[name]
        if isinstance(node, ast.Constant):
            return Interval.exact(float(node.value))
        if isinstance(node, ast.UnaryOp):
            return -visit(node.operand)
        if isinstance(node, ast.BinOp):
            return _OPERATORS[type(node.op)](visit(node.left), visit(node.right))
        raise ExpressionError(f"unexpected {type(node).__name__}")

    return visit(tree.body)
