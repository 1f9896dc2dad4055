"""Autograded exercises (Otter-Grader, run on this machine: no Docker, no network).

    python scripts/grade.py student CHAPTER [--year 2023] [--lang en|zh] -o DIR [--data-dir data]
    python scripts/grade.py grade CHAPTER SUBMISSIONS_DIR -o scores.csv [--year 2023] [--timeout 120]

``student`` writes DIR/<chapter>-<year>-<lang>.ipynb and DIR/data/ (hand these out) and
DIR/autograder/<chapter>-<year>.zip (keep it: it holds the answers). ``grade`` grades every
notebook in SUBMISSIONS_DIR and writes one CSV row per notebook: the score of each exercise,
the total, the points possible and the status (ok, timeout, error).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from fiscalbook.build.grading import CELL_TIMEOUT, TIMEOUT, grade, write_student
from fiscalbook.data.paths import DEFAULT_DATA_DIR
from fiscalbook.data.validate import available_years
from fiscalbook.story.fmt import LANGS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    student = commands.add_parser("student", help="write a chapter's student notebook and its autograder")
    student.add_argument("chapter", help="chapter: 'transfers', '08_transfers' or a notebook's path")
    student.add_argument("--lang", choices=LANGS, default="en")
    student.add_argument("-o", "--out", type=Path, required=True, help="folder to write to")
    marking = commands.add_parser("grade", help="grade a folder of submitted notebooks of a chapter")
    marking.add_argument("chapter")
    marking.add_argument("submissions", type=Path)
    marking.add_argument("-o", "--out", type=Path, required=True, help="CSV file of scores")
    marking.add_argument("--timeout", type=float, default=TIMEOUT, help=f"seconds per notebook (default {TIMEOUT:g})")
    marking.add_argument("--cell-timeout", type=int, default=CELL_TIMEOUT,
                         help=f"seconds per cell before it is interrupted (default {CELL_TIMEOUT})")
    marking.add_argument("--jobs", type=int, default=2, help="notebooks graded at once (default 2)")
    for command in (student, marking):
        command.add_argument("--year", type=int, help="report year (default: the latest in the data folder)")
        command.add_argument("--data-dir", type=Path, default=Path(os.path.relpath(DEFAULT_DATA_DIR)))
    args = parser.parse_args(argv)
    year = args.year or max(available_years(args.data_dir), default=0)
    try:
        if args.command == "student":
            for what, path in write_student(args.chapter, year, args.lang, args.out, args.data_dir).items():
                print(f"{what}: {path}")
            return 0
        scores = grade(args.chapter, args.submissions, year, args.data_dir, timeout=args.timeout,
                       cell_timeout=args.cell_timeout, jobs=args.jobs)
    except (LookupError, ValueError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    args.out.parent.mkdir(parents=True, exist_ok=True)
    scores.to_csv(args.out, index=False)
    print(scores.to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
