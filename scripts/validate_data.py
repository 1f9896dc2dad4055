"""Validate a place's year of data: exit 0 when valid; otherwise print one line per problem as
``path:line:column: what is wrong`` and exit 2.

    python scripts/validate_data.py [--place zhongwei] [--year 2023] [--data-dir data]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from fiscalbook.data.paths import DEFAULT_DATA_DIR, DEFAULT_PLACE
from fiscalbook.data.validate import available_years, validate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--place", default=DEFAULT_PLACE,
                        help=f"the place's folder in data/ (default: {DEFAULT_PLACE})")
    parser.add_argument("--year", type=int, help="report year (default: the place's latest)")
    parser.add_argument("--data-dir", type=Path, default=Path(os.path.relpath(DEFAULT_DATA_DIR)))
    args = parser.parse_args(argv)
    year = args.year or max(available_years(args.data_dir, args.place), default=0)
    try:
        problems = validate(args.data_dir, year, args.place).problems
    except Exception as err:  # bad input must never end in a traceback
        print(f"{args.data_dir}:1:1: could not validate: {type(err).__name__}: {err}")
        return 2
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {args.data_dir} for {args.place} {year}", file=sys.stderr)
        return 2
    print(f"{args.data_dir}/{args.place}/{year}: valid", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
