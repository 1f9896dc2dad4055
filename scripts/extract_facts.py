"""Draft a facts table (and the exclusions) from a report's plain text.

    python scripts/extract_facts.py REPORT.txt --year YEAR -o draft.csv
        [--exclusions draft-exclusions.csv] [--known PREVIOUS_FACTS.csv]

The figures a person should check are printed as ``REPORT.txt:line:column: what to check``.
Bad input (a missing, empty or non-UTF-8 file) prints ``path:line:column: what is wrong`` and
exits 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fiscalbook.extract.cli import run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path, help="the report as plain UTF-8 text")
    parser.add_argument("--year", type=int, required=True, help="the report year (the final accounts' year)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="where to write the draft facts")
    parser.add_argument("--exclusions", type=Path, help="where to write the draft exclusions")
    parser.add_argument("--known", type=Path, help="facts.csv of the nearest earlier year, whose keys to reuse")
    args = parser.parse_args(argv)
    return run(args.report, args.year, args.output, args.exclusions, args.known)


if __name__ == "__main__":
    sys.exit(main())
