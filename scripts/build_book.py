"""Build the book for a place's report year: validate, execute the notebooks, build, publish.

    python scripts/build_book.py [--place zhongwei] --year 2023 [--lang en|zh] [--out DIR]

Exit status: 0 the book is complete; 1 the build failed (the published site is unchanged);
2 bad input (one line per problem, path:line:column); 3 built, but some chapters could not be
made from the data and stand in with their cause (listed at the end).

Without --lang both editions are built. The site goes to DIR/<place>/<year>/<lang>/ (default
_build/html), replacing that year's previous one only when the whole build succeeded; other
places and years stay as they are, and DIR/index.html lists every place, year and edition.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from fiscalbook.build.book import BUILD, BuildError, build
from fiscalbook.data.paths import DEFAULT_DATA_DIR, DEFAULT_PLACE
from fiscalbook.data.problems import DataError
from fiscalbook.data.validate import available_years
from fiscalbook.story.fmt import LANGS

INCOMPLETE = 3  # exit status: built and published, with chapters standing in for failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--place", default=DEFAULT_PLACE,
                        help=f"the place's folder in data/ (default: {DEFAULT_PLACE})")
    parser.add_argument("--year", type=int, help="report year (default: the place's latest)")
    parser.add_argument("--lang", choices=LANGS, action="append", help="edition (default: all)")
    parser.add_argument("--out", type=Path, default=BUILD / "html", help="site folder (default: _build/html)")
    parser.add_argument("--data-dir", type=Path, default=Path(os.path.relpath(DEFAULT_DATA_DIR)))
    parser.add_argument("--jobs", type=int, help="notebooks executed at once (default: CPU count)")
    args = parser.parse_args(argv)
    year = args.year or max(available_years(args.data_dir, args.place), default=0)
    try:
        report = build(year, args.lang or LANGS, args.data_dir, args.out.resolve(), args.jobs, place=args.place)
    except DataError as err:  # bad input: one line per problem, as validate_data.py prints them
        print("\n".join(str(p) for p in err.problems))
        return 2
    except BuildError as err:
        print(f"build failed; the published site is unchanged.\n{err}", file=sys.stderr)
        return 1
    except Exception as err:  # a fault of the book itself: one line here, never a half-published site
        print(f"build failed ({type(err).__name__}: {err}); the published site is unchanged.", file=sys.stderr)
        return 1
    seconds = ", ".join(f"{name} {value:.1f}s" for name, value in report.seconds.items())
    print(f"executed {len(report.executed)} notebooks, reused {len(report.skipped)}; "
          f"built {', '.join(report.built) or 'nothing (unchanged)'}; {seconds}")
    print(f"site: {args.out}/{args.place}/{year}/<lang>/index.html; every place, year and edition: "
          f"{args.out}/index.html")
    if not report.complete:  # the book is published, but these pages stand in for their chapters
        print(f"INCOMPLETE: {len(report.stand_ins)} page(s) could not be made from the data and stand in "
              "with their cause:", file=sys.stderr)
        for page, cause in sorted(report.stand_ins.items()):
            print(f"  {page}: {cause}", file=sys.stderr)
        return INCOMPLETE
    return 0


if __name__ == "__main__":
    sys.exit(main())
