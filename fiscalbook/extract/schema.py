"""The columns and codes of facts.csv and exclusions.csv, read from their Table Schemas, so
that a column added to a schema is carried and a column it lacks is not written."""

from __future__ import annotations

from pathlib import Path

from fiscalbook.data.tables import load_schema

SCHEMAS = Path(__file__).resolve().parent.parent.parent / "data" / "schemas"


def columns(name: str, schemas: Path = SCHEMAS) -> list[str]:
    return [f["name"] for f in load_schema(schemas / f"{name}.json")["fields"]]


def enum(name: str, field: str, schemas: Path = SCHEMAS) -> list[str]:
    spec = next(f for f in load_schema(schemas / f"{name}.json")["fields"] if f["name"] == field)
    return list(spec.get("constraints", {}).get("enum", []))


def allowed_units() -> list[str]:
    return enum("facts", "unit")
