"""Downloadable copies of a year's data, written beside a notebook so that the built book can
offer them with MyST's ``{download}`` role.

Three files, each named after the place and the report year:

* ``<place>-facts-<year>.csv``: every figure of the report, its value as written, with the
  line of ``report.txt`` where it stands;
* ``<place>-<year>.xlsx``: the same facts, the identities of ``rules.csv`` evaluated on them
  and the derived indicators and implied values, one sheet each;
* ``<place>-data-<year>.zip``: the data package itself (descriptor, its README, schemas, the
  place's descriptor and tables, the year's folder and the shared tables), so that a reader can validate and rebuild.

The zip and the workbook carry fixed timestamps, so the same data always gives the same bytes.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pandas as pd

from fiscalbook.audit.rules import check_rules, implied_values, indicators
from fiscalbook.data.load import Year
from fiscalbook.data.paths import DEFAULT_PLACE
from fiscalbook.data.places import available_places, place_dir, year_dir
from fiscalbook.data.validate import SHARED_TABLES

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry
FIXED_STAMP = b"1980-01-01T00:00:00Z"  # the same moment, as the workbook's properties write it
FACT_COLUMNS = ["id", "key", "fiscal_year", "period", "scope", "budget", "item", "measure", "value",
                "unit", "label_en", "label_zh", "section", "line", "quote", "restates", "note"]
RULE_COLUMNS = ["id", "kind", "label_en", "label_zh", "section", "lhs", "relation", "rhs", "unit",
                "lhs_value", "rhs_value", "difference", "tolerance", "status", "missing"]
INDICATOR_COLUMNS = ["id", "kind", "label_en", "label_zh", "section", "formula", "unit",
                     "value", "low", "high", "missing"]


def file_names(year: int, place: str | None = None) -> dict[str, str]:
    """The download file names for a place's year, by kind: 'csv', 'xlsx', 'zip'."""
    place = place or DEFAULT_PLACE
    return {"csv": f"{place}-facts-{year}.csv", "xlsx": f"{place}-{year}.xlsx",
            "zip": f"{place}-data-{year}.zip"}


def facts_frame(year: Year) -> pd.DataFrame:
    """The facts as a reader wants them: values as written (decimals kept) and report lines."""
    frame = year.facts.assign(value=year.facts["text"])
    return frame[FACT_COLUMNS]


def identities_frame(year: Year) -> pd.DataFrame:
    """Every identity of rules.csv with both sides, difference, tolerance and status."""
    return check_rules(year)[RULE_COLUMNS]


def indicators_frame(year: Year) -> pd.DataFrame:
    """Derived indicators (derived.csv) followed by the amounts implied by stated rates."""
    frames = [indicators(year), implied_values(year)]
    return pd.concat(frames, ignore_index=True).reindex(columns=INDICATOR_COLUMNS)


def write_csv(year: Year, path: Path) -> Path:
    """The facts as UTF-8 CSV with a byte-order mark, so that spreadsheet programs read the
    Chinese text correctly."""
    facts_frame(year).to_csv(path, index=False, encoding="utf-8-sig")
    return path


def write_workbook(year: Year, path: Path) -> Path:
    """An Excel workbook with the sheets 'facts', 'identities' and 'indicators'."""
    sheets = {"facts": facts_frame(year), "identities": identities_frame(year),
              "indicators": indicators_frame(year)}
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
            writer.sheets[name].freeze_panes = "A2"
    _freeze_times(path)
    return path


def _freeze_times(path: Path) -> None:
    """Give a workbook fixed timestamps (openpyxl stamps the time of saving) so that the same
    data always gives the same bytes, and an unchanged book is not rebuilt."""
    with zipfile.ZipFile(path) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>" + FIXED_STAMP, data)
            archive.writestr(_entry(name), data)


def _entry(name: str) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, FIXED_TIME)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    return entry


def package_files(data_dir: Path, year: int, place: str | None = None) -> list[Path]:
    """The files of the data package for one year of a place, in a stable order."""
    data_dir = Path(data_dir)
    files = [data_dir / "datapackage.json"]
    files += [readme for readme in [data_dir / "README.md"] if readme.is_file()]
    files += sorted((data_dir / "schemas").glob("*.json"))
    files += sorted(p for p in place_dir(data_dir, place).iterdir() if p.is_file())
    files += sorted(p for p in year_dir(data_dir, year, place).iterdir() if p.is_file())
    files += [data_dir / f"{name}.csv" for name in SHARED_TABLES]
    files += sorted(p for p in (data_dir / "law").glob("*") if p.is_file())  # the law texts, pinned too
    return files


def write_zip(data_dir: Path, year: int, path: Path, place: str | None = None) -> Path:
    """The data package as a zip whose entries keep their paths under ``data/``."""
    data_dir = Path(data_dir)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file in package_files(data_dir, year, place):
            data = file.read_bytes() if file.name != "datapackage.json" else descriptor_for(file, year, place)
            archive.writestr(_entry(f"data/{file.relative_to(data_dir).as_posix()}"), data)
    return path


def descriptor_for(path: Path, year: int, place: str | None = None) -> bytes:
    """The data package descriptor with the resources of other places and years left out, so
    that the zip, which holds one year of one place, validates on its own."""
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    places = set(available_places(path.parent))
    own = (place or DEFAULT_PLACE, str(year))

    def kept(resource: dict) -> bool:
        parts = resource["path"].split("/")
        if parts[0] not in places:  # shared: schemas, rules, vocab, glossary, the law
            return True
        return parts[0] == own[0] and (len(parts) == 2 or parts[1] == own[1])

    descriptor["resources"] = [r for r in descriptor["resources"] if kept(r)]
    return (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_downloads(year: Year, folder: Path | str = "downloads") -> dict[str, Path]:
    """Write the three downloads into ``folder`` (created if needed); returns their paths by
    kind, relative as given, ready for a ``{download}`` role."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    names = file_names(year.year, year.place_id)
    return {
        "csv": write_csv(year, folder / names["csv"]),
        "xlsx": write_workbook(year, folder / names["xlsx"]),
        "zip": write_zip(year.data_dir, year.year, folder / names["zip"], year.place_id),
    }
