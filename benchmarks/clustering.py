"""Story clustering on the dev set: B-cubed P/R/F1 for incremental ingest and batch recluster.

Usage:
    .venv/bin/python benchmarks/clustering.py [--data DIR] [--chunk 64] [--entities auto|analysis|proxy|none]

Entity keys come from newsprism's analysis stage when it loads (``--entities analysis``); if it
cannot (``auto`` falls back), a cheap, clearly labelled proxy is used instead: lowercased
capitalised-word runs, which stand in for named entities.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from bench_data import default_data_dir
from newsprism.clustering import ClusterOptions, StoryClusterer, StoryInput, iter_chunks, recluster
from newsprism.clustering.evaluation import bcubed

_CAPS = re.compile(r"\b(?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+)*")


def proxy_keys(title: str | None, text: str) -> tuple[str, ...]:
    """PROXY entity keys: capitalised-word runs (not sentence-initial-only words), lowercased."""
    found = Counter(m.group(0).lower() for m in _CAPS.finditer(f"{title or ''}\n{text}"))
    return tuple(f"proxy:{name}" for name, n in found.items() if n >= 2 and len(name) > 3)


def analysis_keys(rows: list[dict]) -> tuple[list[tuple[str, ...]], float]:
    """Real entity keys from newsprism's analysis stage, with its time in seconds."""
    from newsprism.analysis import Analyzer
    from newsprism.models import Article

    try:
        analyzer = Analyzer()
    except OSError:  # the trained quote model may be absent; entities do not need it
        from newsprism.analysis.quotes import QuoteFinder

        analyzer = Analyzer(quotes=QuoteFinder(use_model=False))
    articles = [
        Article(r["id"], "dev", r.get("url"), r.get("outlet"), r.get("title"), r.get("published"), (), "en", r["text"])
        for r in rows
    ]
    start = time.perf_counter()
    keys = [tuple(e.key for e in a.entities) for a in analyzer.analyze(articles)]
    return keys, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--chunk", type=int, default=64)
    parser.add_argument("--entities", choices=["auto", "analysis", "proxy", "none"], default="auto")
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--k", type=int, default=None)
    args = parser.parse_args(argv)
    folder = args.data / "stories"
    rows = [json.loads(line) for line in (folder / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line]
    gold = json.loads((folder / "dev.gold.json").read_text(encoding="utf-8"))
    source, analysis_s = args.entities, 0.0
    keys: list[tuple[str, ...]]
    if args.entities in ("auto", "analysis"):
        try:
            keys, analysis_s = analysis_keys(rows)
            source = "analysis"
        except Exception as exc:  # benchmark fallback, reported below
            if args.entities == "analysis":
                raise
            print(f"analysis stage unavailable ({exc!r}); using PROXY entity keys", file=sys.stderr)
            source = "proxy"
    if source == "proxy":
        keys = [proxy_keys(r.get("title"), r["text"]) for r in rows]
    elif source == "none":
        keys = [() for _ in rows]
    items = [
        StoryInput(r["id"], r["text"], r.get("title"), r.get("published"), "en", k)
        for r, k in zip(rows, keys, strict=True)
    ]
    overrides = {k: v for k, v in (("threshold", args.threshold), ("k", args.k)) if v is not None}
    options = ClusterOptions(**overrides)

    clusterer = StoryClusterer(options)
    start = time.perf_counter()
    handed_out: dict[str, str] = {}
    for chunk in iter_chunks(items, args.chunk):
        handed_out.update((a.article_id, a.story_id) for a in clusterer.add(chunk).assignments)
    inc_s = time.perf_counter() - start
    # Story ids handed out earlier may have been merged since: follow the merges.
    incremental = {article: clusterer.resolve(story) for article, story in handed_out.items()}

    start = time.perf_counter()
    batch = {a.article_id: a.story_id for a in recluster(items, options)}
    batch_s = time.perf_counter() - start

    print(f"articles {len(items)}, gold stories {len(set(gold.values()))}, entity keys: {source}")
    if analysis_s:
        print(f"analysis (entities) {analysis_s:.1f} s = {1000 * analysis_s / len(items):.0f} ms/article")
    print("| mode | stories | B3 P | B3 R | B3 F1 | ms/article |")
    print("|---|---|---|---|---|---|")
    for name, pred, secs in ((f"incremental (chunks of {args.chunk})", incremental, inc_s), ("batch", batch, batch_s)):
        p, r, f = bcubed(gold, pred)
        print(f"| {name} | {len(set(pred.values()))} | {p:.3f} | {r:.3f} | {f:.3f} | {1000 * secs / len(items):.2f} |")
    p, r, f = bcubed({k: batch[k] for k in gold}, incremental)
    print(f"incremental vs batch (batch as gold): B3 P {p:.3f} R {r:.3f} F1 {f:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
