"""The data chapter's downloads: CSV, Excel workbook and the data package as a zip."""

from __future__ import annotations

import zipfile

import pandas as pd
import pytest
from conftest import PLACE, YEAR

from fiscalbook.build.downloads import FIXED_STAMP, FIXED_TIME, write_downloads


def test_downloads_hold_the_year(year, tmp_path):
    paths = write_downloads(year, tmp_path)
    assert all(str(YEAR) in path.name for path in paths.values())
    facts = pd.read_csv(paths["csv"], dtype=str, encoding="utf-8-sig")
    assert len(facts) == len(year.facts) and "quote" in facts.columns
    assert facts.loc[facts["id"] == "municipal.three_public.vehicle_purchase.yoy_pct", "value"].item() == "46.30"
    sheets = pd.read_excel(paths["xlsx"], sheet_name=None)
    assert set(sheets) == {"facts", "identities", "indicators"} and len(sheets["facts"]) == len(year.facts)
    with zipfile.ZipFile(paths["zip"]) as archive:
        names = set(archive.namelist())
    assert {"data/datapackage.json", f"data/{PLACE}/{YEAR}/facts.csv", f"data/{PLACE}/{YEAR}/report.txt",
            "data/rules.csv", "data/schemas/facts.json"} <= names


def test_the_zipped_package_validates_on_its_own(year, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    with zipfile.ZipFile(write_downloads(year, tmp_path)["zip"]) as archive:
        archive.extractall(tmp_path / "unzipped")
    report = frictionless.validate(str(tmp_path / "unzipped" / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldNumber", "type", "note"])


def test_downloads_are_reproducible(year, tmp_path):
    """Same data, same bytes: no time of writing is stored (checked directly, since two runs
    within the same second would agree anyway)."""
    first, second = write_downloads(year, tmp_path / "a"), write_downloads(year, tmp_path / "b")
    for kind in first:
        assert first[kind].read_bytes() == second[kind].read_bytes(), kind
    for kind in ("xlsx", "zip"):
        with zipfile.ZipFile(first[kind]) as archive:
            assert {info.date_time for info in archive.infolist()} == {FIXED_TIME}, kind
            if kind == "xlsx":
                assert archive.read("docProps/core.xml").count(FIXED_STAMP) == 2
