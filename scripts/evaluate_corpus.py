"""Measure the fact extractor on the hand-labelled corpus of real report passages
(tests/corpus/): recall and precision by kind, and carried keys, per split.

    python scripts/evaluate_corpus.py [--corpus tests/corpus] [--split tune|heldout] [--problems]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fiscalbook.extract.corpus import CORPUS, evaluate, load


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--split", choices=("tune", "heldout"), help="one split only (default: both)")
    parser.add_argument("--problems", action="store_true", help="also list each figure the draft got wrong")
    args = parser.parse_args(argv)
    passages = [p for p in load(args.corpus) if args.split in (None, p.split)]
    for split, tally in sorted(evaluate(passages).items(), key=lambda kv: kv[0] != "tune"):
        n = sum(p.split == split for p in passages)
        places = len({p.place for p in passages if p.split == split})
        print(tally.table(f"{split} ({n} passages, {places} places)"))
        if args.problems:
            print("\n".join(tally.problems))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
