"""Person-name matching benchmark: ``NameResolver.same_entity`` on labelled pairs.

The pairs are in ``benchmarks/names_pairs.tsv`` (columns ``a``, ``b``, ``label`` = ``same``/``diff``,
``note``, ``split`` = ``tune``/``heldout``; ``#`` lines are comments). They were written by hand:
spellings, transliterations and scripts of one person, and hard negatives (relatives, same given
name, surnames one letter apart, Jr, feminine forms). ``tune`` pairs were written before the
matcher and looked at while building it; ``heldout`` pairs were written afterwards and never used to
change the code.

Metric: a pair predicted *same* when ``same_entity(a, b, "PERSON")`` is true. Precision = true
same / predicted same; recall = true same / labelled same. Speed: ``key`` calls per second on all
pair names with a fresh resolver (nothing cached; rigour already loaded in the process), and
``same_entity`` pairs per second over 200 rounds (parses cached, as in a long-running process).

Usage::

    .venv/bin/python benchmarks/names.py [--pairs FILE] [--no-rigour] [--json] [--errors]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

from newsprism.analysis.names import NameResolver

PAIRS = Path(__file__).resolve().parent / "names_pairs.tsv"


def load_pairs(path: Path = PAIRS, split: str | None = None) -> list[tuple[str, str, bool, str]]:
    """Read ``(a, b, is_same, note)`` rows from the TSV file, skipping comments and the header.

    Args:
        path: The TSV file.
        split: ``"tune"`` or ``"heldout"`` for one split; None for all rows.
    """
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    rows = [r for r in csv.DictReader(lines, delimiter="\t") if split is None or r.get("split") == split]
    return [(r["a"], r["b"], r["label"] == "same", r.get("note") or "") for r in rows]


def score(resolver: NameResolver, pairs: list[tuple[str, str, bool, str]]) -> dict[str, object]:
    """Precision, recall and the misclassified pairs."""
    tp = fp = fn = 0
    errors: list[str] = []
    for a, b, same, note in pairs:
        predicted = resolver.same_entity(a, b, "PERSON")
        tp += predicted and same
        fp += predicted and not same
        fn += same and not predicted
        if predicted != same:
            errors.append(f"{'FP' if predicted else 'FN'}\t{a}\t{b}\t{note}")
    return {
        "pairs": len(pairs),
        "same": sum(p[2] for p in pairs),
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "errors": errors,
    }


def main(argv: list[str] | None = None) -> int:
    """Print precision/recall and lookup speed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--no-rigour", action="store_true", help="without rigour's name groups")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", action="store_true", help="list misclassified pairs")
    args = parser.parse_args(argv)
    pairs = load_pairs(args.pairs)
    resolver = NameResolver(use_rigour=not args.no_rigour)
    start = time.perf_counter()
    result = score(resolver, pairs)
    result["first_pass_s"] = round(time.perf_counter() - start, 2)
    result["splits"] = {
        split: {k: v for k, v in score(resolver, load_pairs(args.pairs, split)).items() if k != "errors"}
        for split in ("tune", "heldout")
    }
    names = [n for a, b, _, _ in pairs for n in (a, b)]
    # Fresh resolvers share nothing, so this times uncached keys (rigour stays loaded in the process).
    fresh = NameResolver(use_rigour=not args.no_rigour)
    fresh.same_entity(names[0], names[1], "PERSON")
    start = time.perf_counter()
    for n in names:
        fresh.key(n, "PERSON")
    result["keys_per_s_uncached"] = round(len(names) / (time.perf_counter() - start))
    rounds = 200
    start = time.perf_counter()
    for _ in range(rounds):
        for a, b, _, _ in pairs:
            fresh.same_entity(a, b, "PERSON")
    result["pairs_per_s"] = round(rounds * len(pairs) / (time.perf_counter() - start))
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    print(f"pairs {result['pairs']} (same {result['same']})")
    print(f"all      precision {result['precision']:.3f}  recall {result['recall']:.3f}")
    for split, sub in result["splits"].items():  # type: ignore[attr-defined]
        print(f"{split:8} precision {sub['precision']:.3f}  recall {sub['recall']:.3f}  ({sub['pairs']} pairs)")
    print(f"first pass incl. data loads {result['first_pass_s']} s")
    print(f"keys/s (uncached) {result['keys_per_s_uncached']}  same_entity pairs/s {result['pairs_per_s']}")
    if args.errors:
        print("\n".join(result["errors"]))  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
