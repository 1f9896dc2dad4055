"""Zhongwei (中卫市) final accounts as validated, traceable data, and the book built on it.

Notebooks import from here; scripts in ``scripts/`` only parse arguments and call in.
``from fiscalbook import load_year`` works as always; the names are loaded on first use, so
that a command that needs no data table (a no-change rebuild) does not pay for pandas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["Fact", "Year", "load_year"]

if TYPE_CHECKING:
    from fiscalbook.data.load import Fact, Year, load_year


def __getattr__(name: str):
    if name in __all__:
        from fiscalbook.data import load as data

        return getattr(data, name)
    raise AttributeError(f"module 'fiscalbook' has no attribute {name!r}")
