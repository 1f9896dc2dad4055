"""Benchmark the book build; prints a Markdown table of medians (seconds) and ratios to the
baseline (Jupyter Book's own execution of the same book), measured in this one process.

    python scripts/bench_build.py [--year 2023] [--runs 3] [--lang en|zh] [--changed notebooks/08_transfers]

It deletes and rebuilds _build/exec, _build/work and _build/html.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from fiscalbook.build.bench import run, summary
from fiscalbook.data.load import DEFAULT_DATA_DIR
from fiscalbook.data.validate import available_years
from fiscalbook.story.fmt import LANGS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lang", choices=LANGS, action="append")
    parser.add_argument("--changed", default="notebooks/08_transfers", help="notebook to change (toc path)")
    parser.add_argument("--data-dir", type=Path, default=Path(os.path.relpath(DEFAULT_DATA_DIR)))
    args = parser.parse_args(argv)
    year = args.year or max(available_years(args.data_dir))
    result = run(year, args.lang or list(LANGS), args.data_dir, args.runs, args.changed)
    print(f"{os.cpu_count()} CPUs; {args.runs} runs; editions: {', '.join(args.lang or LANGS)}\n")
    print(summary(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
