"""Measure the fact extractor: the report against its curated facts, per section; key
recovery; the test passages in other wordings.

    python scripts/evaluate_extraction.py [--year 2023] [--data-dir data] [--passages tests/passages]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fiscalbook.extract.evaluate import summary

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--data-dir", type=Path, default=REPO / "data")
    parser.add_argument("--passages", type=Path, default=REPO / "tests" / "passages")
    args = parser.parse_args(argv)
    try:
        print(summary(args.data_dir, args.year, args.passages))
    except Exception as err:  # bad input must never end in a traceback
        print(f"{args.data_dir}:1:1: could not evaluate: {type(err).__name__}: {err}")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
