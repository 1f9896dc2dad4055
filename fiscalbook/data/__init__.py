"""The data layer: a year's facts loaded, validated and traced to the report's words.

Modules: ``load`` (Year, Fact, load_year), ``validate``, ``tables``, ``provenance``,
``expressions``, ``units``, ``problems``, ``paths``, ``markup``. It imports nothing above it.
``from fiscalbook.data import Year`` works; the names are loaded on first use, so that a module
that needs only ``fiscalbook.data.paths`` does not pay for pandas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["Fact", "Year", "load_year", "labels_of_all_years", "read_shared", "DEFAULT_DATA_DIR"]

if TYPE_CHECKING:
    from fiscalbook.data.load import DEFAULT_DATA_DIR, Fact, Year, labels_of_all_years, load_year, read_shared


def __getattr__(name: str):
    if name in __all__:
        from fiscalbook.data import load

        return getattr(load, name)
    raise AttributeError(f"module 'fiscalbook.data' has no attribute {name!r}")
