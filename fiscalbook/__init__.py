"""Zhongwei (中卫市) final accounts as validated, traceable data, and the book built on it.

Notebooks import from here; scripts in ``scripts/`` only parse arguments and call in.
"""

from fiscalbook.data import Fact, Year, load_year

__all__ = ["Fact", "Year", "load_year"]
