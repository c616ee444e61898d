"""Quote alignment on the BASIL dev triplets: pairwise precision and recall against an automatic gold.

Data: the BASIL records of ``stories/dev.jsonl`` in the shared datasets (``--data`` or
``$NEWSPRISM_DATASETS``, else ``../shared/datasets`` beside the project). Ids are
``basil-<uuid>_1/2/3``: one event in three US outlets. Each triplet is analysed together
(:class:`newsprism.analysis.Analyzer`) and aligned with :func:`newsprism.comparison.quotes.align_quotes`.

Gold, per triplet, over pairs of quotes from different articles (texts compared as
:func:`~newsprism.comparison.quotes.quote_words`, i.e. lowercased words without punctuation):

* **positive**: the word sequences are identical, or one occurs verbatim (contiguously) inside
  the other, the shorter being at least 5 words long;
* **negative**: the overlap coefficient of their content-word sets (words not in a small stop
  list), |A & B| / min(|A|, |B|), is below 0.2. Overlap rather than Jaccard, because a fragment
  inside a long passage is a legitimate grouping (many-to-one) that Jaccard would call unrelated;
* anything else is undetermined (paraphrase, translation, partial overlap) and not scored.

Scores:

* **recall** = positive pairs grouped together / positive pairs. A pair (x, y) counts as grouped
  when some group holds y and either x or a quote of x's article nested inside x (by offsets), and
  likewise with x and y swapped: the alignment keeps one variant per article per group, the most
  specific one;
* **precision** = grouped cross-article pairs that are not negative / grouped cross-article pairs,
  where a grouped pair is two variants of one group from different articles, each mapped back to
  the smallest quote of its article containing it; each pair counted once.

Usage: ``.venv/bin/python benchmarks/comparison.py [--data DIR] [--limit N] [--cache FILE]``
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench_data import default_data_dir, story_article, story_rows
from newsprism.comparison.quotes import align_quotes, quote_words
from newsprism.models import AnalyzedArticle, Article

MIN_WORDS = 5
NEGATIVE_OVERLAP = 0.2
STOP = frozenset(
    """a an the of and or but to in on at for by with from as that this these those it its is are was
    were be been being i you he she we they me him her us them my your his our their not no so if
    then than there here what who which do did does have has had will would can could just all
    said says say about into over out up more""".split()
)

QuoteKey = tuple[str, int, int]  # article id, start, end


@dataclass(slots=True)
class Score:
    """Pair counts over triplets."""

    positive: int = 0
    positive_grouped: int = 0
    negative: int = 0
    grouped: int = 0
    grouped_negative: int = 0
    grouped_positive: int = 0

    @property
    def recall(self) -> float:
        """Share of positive pairs grouped together."""
        return self.positive_grouped / self.positive if self.positive else 1.0

    @property
    def precision(self) -> float:
        """Share of grouped pairs that are not negative."""
        return 1 - self.grouped_negative / self.grouped if self.grouped else 1.0


def load_triplets(data: Path, limit: int | None = None) -> list[list[Article]]:
    """The BASIL triplets of stories/dev.jsonl as lists of articles, in file order.

    Args:
        data: The datasets folder (holds ``stories/dev.jsonl``).
        limit: Keep only the first ``limit`` triplets.

    Returns:
        One list of articles per event (``basil-<uuid>_N`` ids sharing a uuid).
    """
    events: dict[str, list[Article]] = {}
    for row in story_rows(data):
        if row["id"].startswith("basil-"):
            events.setdefault(row["id"].rsplit("_", 1)[0], []).append(story_article(row))
    triplets = [arts for arts in events.values() if len(arts) > 1]
    return triplets[:limit] if limit else triplets


def contains(short: Sequence[str], long: Sequence[str]) -> bool:
    """Whether ``short`` occurs contiguously in ``long``."""
    n = len(short)
    return any(tuple(long[i : i + n]) == tuple(short) for i in range(len(long) - n + 1))


def gold_label(a: str, b: str) -> str:
    """``positive``, ``negative`` or ``undetermined`` for two quote texts (see the module docstring)."""
    wa, wb = quote_words(a), quote_words(b)
    short, long = sorted((wa, wb), key=len)
    if len(short) >= MIN_WORDS and contains(short, long):
        return "positive"
    ca, cb = {w for w in wa if w not in STOP}, {w for w in wb if w not in STOP}
    if ca and cb and len(ca & cb) / min(len(ca), len(cb)) < NEGATIVE_OVERLAP:
        return "negative"
    return "undetermined"


def score_triplet(items: Sequence[AnalyzedArticle], score: Score) -> None:
    """Align one triplet and add its pair counts to ``score``."""
    quotes: dict[QuoteKey, str] = {}
    for item in items:
        for q in item.quotes:
            quotes[(item.article.id, q.start, q.end)] = q.text
    by_article: dict[str, list[QuoteKey]] = defaultdict(list)
    for key in quotes:
        by_article[key[0]].append(key)

    def owner(article: str, start: int, end: int) -> QuoteKey:
        """The smallest quote of the article containing the span."""
        holders = [k for k in by_article[article] if k[1] <= start and end <= k[2]]
        return min(holders, key=lambda k: k[2] - k[1])

    def nested(key: QuoteKey) -> list[QuoteKey]:
        """The quote itself and the quotes of its article nested inside it."""
        return [k for k in by_article[key[0]] if key[1] <= k[1] and k[2] <= key[2]]

    groups_of: dict[QuoteKey, set[int]] = defaultdict(set)
    grouped_pairs: set[frozenset[QuoteKey]] = set()
    for n, group in enumerate(align_quotes(items)):
        members = [owner(v.article, v.start, v.end) for v in group.variants]
        for key in members:
            groups_of[key].add(n)
        for x, y in itertools.combinations(members, 2):
            if x[0] != y[0]:
                grouped_pairs.add(frozenset((x, y)))

    def together(x: QuoteKey, y: QuoteKey) -> bool:
        return any(groups_of[y] & groups_of[k] for k in nested(x)) or any(
            groups_of[x] & groups_of[k] for k in nested(y)
        )

    for x, y in itertools.combinations(quotes, 2):
        if x[0] == y[0]:
            continue
        label = gold_label(quotes[x], quotes[y])
        if label == "positive":
            score.positive += 1
            score.positive_grouped += together(x, y)
        elif label == "negative":
            score.negative += 1
    for pair in grouped_pairs:
        x, y = tuple(pair)
        label = gold_label(quotes[x], quotes[y])
        score.grouped += 1
        score.grouped_negative += label == "negative"
        score.grouped_positive += label == "positive"


def analyse(triplets: list[list[Article]], cache: Path | None) -> list[list[AnalyzedArticle]]:
    """Analyse each triplet together, reading or writing ``cache`` (JSON Lines) when given."""
    if cache and cache.is_file():
        rows = [AnalyzedArticle.from_dict(json.loads(line)) for line in cache.open(encoding="utf-8")]
        by_id = {row.article.id: row for row in rows}
        if all(a.id in by_id for arts in triplets for a in arts):
            return [[by_id[a.id] for a in arts] for arts in triplets]
    from newsprism.analysis import Analyzer

    analyzer = Analyzer()
    done = [list(analyzer.analyze(arts)) for arts in triplets]
    if cache:
        with cache.open("w", encoding="utf-8") as handle:
            for item in itertools.chain.from_iterable(done):
                handle.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
    return done


def main(argv: list[str] | None = None) -> int:
    """Analyse and align the BASIL dev triplets; print precision, recall, counts and times."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="datasets folder (holds stories/)")
    parser.add_argument("--limit", type=int, default=None, help="first N triplets only")
    parser.add_argument("--cache", type=Path, default=None, help="JSON Lines file of analyses to reuse or write")
    args = parser.parse_args(argv)
    data = args.data or default_data_dir()
    if not (data / "stories" / "dev.jsonl").is_file():
        print(f"no stories dataset at {data}", file=sys.stderr)
        return 2
    triplets = load_triplets(data, args.limit)
    started = time.perf_counter()
    analysed = analyse(triplets, args.cache)
    analysis_s = time.perf_counter() - started
    started = time.perf_counter()
    n_groups = sum(len(align_quotes(items)) for items in analysed)
    align_only_s = time.perf_counter() - started
    started = time.perf_counter()
    score = Score()
    for items in analysed:
        score_triplet(items, score)
    align_s = time.perf_counter() - started
    n_quotes = sum(len(item.quotes) for items in analysed for item in items)
    print(f"triplets {len(analysed)}  articles {sum(map(len, analysed))}  quotes {n_quotes}")
    print(f"positive pairs {score.positive}  grouped {score.positive_grouped}  recall {score.recall:.3f}")
    print(
        f"grouped pairs {score.grouped}  positive {score.grouped_positive}  negative {score.grouped_negative}"
        f"  undetermined {score.grouped - score.grouped_positive - score.grouped_negative}"
        f"  precision {score.precision:.3f}"
    )
    print(f"groups {n_groups}  negative pairs in gold {score.negative}")
    print(f"analysis {analysis_s:.1f} s  alignment {align_only_s:.2f} s  alignment + scoring {align_s:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
