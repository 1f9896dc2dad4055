"""Add a report year to the data folder, or register an edited one.

    python scripts/new_year.py YEAR [--place PLACE] --report FILE [--data-dir data] [--force]
    python scripts/new_year.py YEAR [--place PLACE] --register [--data-dir data]

--report copies FILE to data/YEAR/report.txt byte for byte, drafts facts.csv and
exclusions.csv with the extractor (carrying the keys of the nearest earlier year), registers
the year in data/datapackage.json and validates it. --register only rewrites the year's
entries in datapackage.json from its files (after you edited them). What is left to review is
printed as path:line:column: message. Exit status: 0 the year validates, 1 it needs review,
2 bad input (nothing is overwritten without --force).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from fiscalbook.data.paths import DEFAULT_DATA_DIR, DEFAULT_PLACE
from fiscalbook.years.register import BAD_INPUT, create_year, register_year


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("year", help="the report year, e.g. 2024")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--report", type=Path, help="the report as UTF-8 plain text")
    action.add_argument("--register", action="store_true", help="only (re)register the existing data/PLACE/YEAR/")
    parser.add_argument("--place", default=DEFAULT_PLACE,
                        help=f"the place's folder in data/ (default: {DEFAULT_PLACE}); "
                             "a new place gets a drafted place.json")
    parser.add_argument("--data-dir", type=Path, default=Path(os.path.relpath(DEFAULT_DATA_DIR)))
    parser.add_argument("--force", action="store_true", help="replace the year's existing files with a new draft")
    args = parser.parse_args(argv)
    try:
        if args.register:
            outcome = register_year(args.data_dir, args.year, args.place)
        else:
            outcome = create_year(args.data_dir, args.year, args.report, force=args.force, place=args.place)
    except Exception as err:  # a fault, not bad input: still one line, never a traceback
        print(f"{args.data_dir}:1:1: could not add the year: {type(err).__name__}: {err}")
        return BAD_INPUT
    for line in outcome.problems:
        print(line)
    for line in outcome.summary:
        print(line, file=sys.stderr)
    return outcome.status


if __name__ == "__main__":
    sys.exit(main())
