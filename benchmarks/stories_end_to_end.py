"""Story clustering end to end, exactly as a user runs it: a fresh store, ``ingest``, ``stories``.

Runs ``newsprism --db X ingest stories/dev.jsonl`` (extraction, analysis, clustering) and
``newsprism --db X stories --format json`` in subprocesses, scores the listing against
``dev.gold.json`` with B-cubed precision, recall and F1 (Bagga & Baldwin 1998: per article,
precision = share of its story that has its gold label, recall = share of its gold story that
is in its story; averaged over articles), and reports the ingest wall time.

Usage: ``.venv/bin/python benchmarks/stories_end_to_end.py [--data DIR]``
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_data import default_data_dir
from newsprism.clustering.evaluation import bcubed

CLI = [sys.executable, "-m", "newsprism"]


def main(argv: list[str] | None = None) -> int:
    """Ingest the dev set into a fresh store, list its stories and score them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="datasets folder (holds stories/)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    data = args.data or default_data_dir()
    dev, gold_path = data / "stories" / "dev.jsonl", data / "stories" / "dev.gold.json"
    if not dev.is_file():
        print(f"no stories dataset at {data}", file=sys.stderr)
        return 2
    gold: dict[str, str] = json.loads(gold_path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "dev.db")
        start = time.perf_counter()
        subprocess.run([*CLI, "--db", db, "ingest", str(dev)], check=True, stderr=subprocess.DEVNULL)
        ingest_seconds = time.perf_counter() - start
        listing = json.loads(
            subprocess.run(
                [*CLI, "--db", db, "stories", "--format", "json"], check=True, capture_output=True, text=True
            ).stdout
        )
    predicted = {a["id"]: story["id"] for story in listing for a in story["articles"]}
    p, r, f1 = bcubed(gold, predicted)
    result = {
        "articles": len(predicted),
        "stories": len(listing),
        "gold_stories": len(set(gold.values())),
        "precision": p,
        "recall": r,
        "f1": f1,
        "ingest_seconds": ingest_seconds,
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{result['articles']} articles in {result['stories']} stories (gold: {result['gold_stories']})")
        print(f"B-cubed P {p:.3f}  R {r:.3f}  F1 {f1:.3f}")
        print(f"ingest (extraction + analysis + clustering): {ingest_seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
