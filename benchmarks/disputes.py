"""Dispute detection on the hand-labelled dev disputes, and the disputed share on BASIL dev.

Data: ``disputes/dev.gold.json`` and ``stories/dev.jsonl`` / ``stories/dev.gold.json`` in the shared
datasets (``--data`` or ``$NEWSPRISM_DATASETS``, else ``../shared/datasets`` beside the project).

For each of the 22 gold stories, its articles are analysed together with one
:class:`newsprism.analysis.Analyzer` and compared with :func:`newsprism.comparison.story.compare`.
Each :class:`~newsprism.models.DisputePair` of the comparison is one flagged dispute (side a's
text against side b's text), scored exactly as ``disputes/README.md`` says: token-bag F1 over
lower-cased ``\\w+`` tokens, a flag matches a gold dispute when one text reaches F1 >= 0.4 against
one side (its text or an ``alt`` of that side or ``both``) and the other text against the other
side; recall = gold disputes matched / gold disputes, precision = flags matching some gold dispute
of their story / flags. Also printed: figures per source (BASIL / ECB+), recall per gold kind,
and the share of aligned claims marked ``disputed`` over all 50 BASIL dev stories.

Analyses are cached as JSON Lines under ``--cache`` (default ``/tmp/newsprism-disputes-cache``), one
file per story, in a folder named by a hash of the analysis code, so that changing the analysis
invalidates the cache and changing only the comparison does not re-run spaCy.

Usage: ``.venv/bin/python benchmarks/disputes.py [--data DIR] [--cache DIR] [--json] [--verbose]``
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench_data import PROJECT_ROOT, default_data_dir, story_article, story_rows
from newsprism.comparison.story import compare
from newsprism.models import AnalyzedArticle, Article, DisputePair, StoryComparison

THRESHOLD = 0.4  # the README's match threshold
DEFAULT_CACHE = Path("/tmp/newsprism-disputes-cache")


# -- the README's metric ---------------------------------------------------------------------------


def f1(x: str, y: str) -> float:
    """Token-bag F1 of two texts over lower-cased ``\\w+`` tokens."""
    a, b = Counter(re.findall(r"\w+", x.lower())), Counter(re.findall(r"\w+", y.lower()))
    overlap = sum((a & b).values())
    return 0.0 if not overlap else 2 * overlap / (sum(a.values()) + sum(b.values()))


def side(gold: dict[str, Any], name: str) -> list[str]:
    """The texts of one side of a gold dispute: its text plus the ``alt`` texts of that side or both."""
    return [gold[name]["text"]] + [x["text"] for x in gold.get("alt", ()) if x["side"] in (name, "both")]


def matches(a_text: str, b_text: str, gold: dict[str, Any], threshold: float = THRESHOLD) -> bool:
    """Whether a flagged pair of texts matches a gold dispute, in either order."""

    def hit(text: str, texts: list[str]) -> bool:
        return max(f1(text, u) for u in texts) >= threshold

    sa, sb = side(gold, "a"), side(gold, "b")
    return (hit(a_text, sa) and hit(b_text, sb)) or (hit(a_text, sb) and hit(b_text, sa))


def score_story(flags: Sequence[tuple[str, str]], golds: Sequence[dict[str, Any]]) -> tuple[list[bool], list[bool]]:
    """For one story: whether each flag matches some gold dispute, and whether each gold is matched."""
    flag_ok = [any(matches(a, b, g) for g in golds) for a, b in flags]
    gold_ok = [any(matches(a, b, g) for a, b in flags) for g in golds]
    return flag_ok, gold_ok


# -- data ----------------------------------------------------------------------------------------------


def load_articles(data: Path) -> dict[str, Article]:
    """The articles of ``stories/dev.jsonl`` by id."""
    return {row["id"]: story_article(row) for row in story_rows(data)}


def basil_stories(data: Path) -> dict[str, list[str]]:
    """The 50 BASIL dev stories: label -> article ids (in file order of ``stories/dev.gold.json``)."""
    labels = json.loads((data / "stories" / "dev.gold.json").read_text(encoding="utf-8"))
    stories: dict[str, list[str]] = defaultdict(list)
    for article_id, label in labels.items():
        if label.startswith("basil-"):
            stories[label].append(article_id)
    return dict(stories)


def analysis_fingerprint() -> str:
    """A hash of the analysis code and its data files: the cache is valid only for this code."""
    digest = hashlib.sha256()
    folder = PROJECT_ROOT / "src" / "newsprism" / "analysis"
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".json", ".tsv", ".txt", ".csv", ".bin", ".npz"):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    digest.update((PROJECT_ROOT / "src" / "newsprism" / "models.py").read_bytes())
    return digest.hexdigest()[:16]


class Analyses:
    """Analyses of stories (each story's articles together), cached on disk per story.

    Two levels: the parses (spaCy Docs and quote-tagger spans, the slow part) keyed by the texts,
    and the finished analyses keyed by :func:`analysis_fingerprint`; after a change to the analysis
    code the parses are reused and only the (fast) rule stages run again.
    """

    def __init__(self, articles: dict[str, Article], cache: Path | None) -> None:
        self.articles = articles
        self.cache = cache
        self.folder = cache / analysis_fingerprint() if cache else None
        self._analyzer: Any = None
        self.analysed = 0  # articles whose analysis was computed in this run (not read from the cache)
        self.parsed = 0  # articles parsed by spaCy in this run

    def _get_analyzer(self) -> Any:
        if self._analyzer is None:
            from newsprism.analysis import Analyzer

            self._analyzer = Analyzer()
        return self._analyzer

    def story(self, label: str, ids: Sequence[str]) -> list[AnalyzedArticle]:
        """The analysed articles of one story, from the cache or analysed now."""
        name = hashlib.sha1(label.encode()).hexdigest()[:16]
        path = self.folder / f"{name}.jsonl" if self.folder else None
        if path is not None and path.is_file():
            rows = [AnalyzedArticle.from_dict(json.loads(line)) for line in path.open(encoding="utf-8")]
            if [r.article.id for r in rows] == list(ids):
                return rows
        from newsprism.analysis.harmonize import harmonize

        analyzer = self._get_analyzer()
        arts = [self.articles[i] for i in ids]
        parses = self._parses(name, arts)
        done = [analyzer.analyze_doc(doc, a, tagged=t) for a, (doc, t) in zip(arts, parses, strict=True)]
        done = list(harmonize(done, analyzer.names))
        self.analysed += len(done)
        if path is not None:
            _write_lines(path, [json.dumps(item.to_dict(), ensure_ascii=False) for item in done])
        return done

    def _parses(self, name: str, arts: list[Article]) -> list[tuple[Any, Any]]:
        """The spaCy Docs and tagger spans of a story's articles (cached by text)."""
        from spacy.tokens import DocBin

        from newsprism.analysis.quotes_model import TaggedSpan

        analyzer = self._get_analyzer()
        key = hashlib.sha1("\0".join(a.text for a in arts).encode()).hexdigest()[:16]
        folder = self.cache / "parses" if self.cache else None
        if folder is not None and (folder / f"{key}.spacy").is_file() and (folder / f"{key}.json").is_file():
            docs = list(DocBin().from_disk(folder / f"{key}.spacy").get_docs(analyzer.nlp.vocab))
            spans = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
            tagged = [None if s is None else [TaggedSpan(*x) for x in s] for s in spans]
            return list(zip(docs, tagged, strict=True))
        docs = list(analyzer.nlp.pipe([a.text for a in arts], batch_size=16))
        tagged = analyzer.quotes.tag_many(docs)
        self.parsed += len(docs)
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            DocBin(docs=docs).to_disk(folder / f"{key}.spacy")
            plain = [None if t is None else [[s.label, s.start, s.end] for s in t] for t in tagged]
            (folder / f"{key}.json").write_text(json.dumps(plain), encoding="utf-8")
        return list(zip(docs, tagged, strict=True))


def _write_lines(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    tmp.replace(path)


# -- the benchmark ---------------------------------------------------------------------------------


def flags_of(comparison: StoryComparison) -> list[DisputePair]:
    """The flagged disputes of a comparison: its dispute pairs."""
    return list(comparison.disputes)


def run(data: Path, cache: Path | None, *, verbose: bool = False) -> dict[str, Any]:
    """Score the 22 gold stories and measure the disputed share on BASIL dev; return the figures."""
    gold = json.loads((data / "disputes" / "dev.gold.json").read_text(encoding="utf-8"))
    articles = load_articles(data)
    analyses = Analyses(articles, cache)
    started = time.perf_counter()
    per_source: dict[str, Counter[str]] = defaultdict(Counter)
    per_kind: dict[str, Counter[str]] = defaultdict(Counter)
    flag_kinds: Counter[str] = Counter()
    compare_s = 0.0
    for label, story in sorted(gold.items()):
        items = analyses.story(label, story["articles"])
        t0 = time.perf_counter()
        comparison = compare(items)
        compare_s += time.perf_counter() - t0
        flags = flags_of(comparison)
        golds = story["disputes"]
        flag_ok, gold_ok = score_story([(p.a.text, p.b.text) for p in flags], golds)
        source = "basil" if label.startswith("basil-") else "ecb"
        for counter in (per_source[source], per_source["all"]):
            counter["flags"] += len(flags)
            counter["flags_ok"] += sum(flag_ok)
            counter["gold"] += len(golds)
            counter["gold_ok"] += sum(gold_ok)
        for g, ok in zip(golds, gold_ok, strict=True):
            per_kind[g["kind"]]["gold"] += 1
            per_kind[g["kind"]]["gold_ok"] += ok
        for pair in flags:
            flag_kinds[pair.kind] += 1
        if verbose:
            print(f"== {label}: {len(flags)} flags, {sum(flag_ok)} right; gold {sum(gold_ok)}/{len(golds)}")
            for pair, ok in zip(flags, flag_ok, strict=True):
                print(f"  {'+' if ok else '-'} [{pair.kind}] {pair.a.text[:110]!r}")
                print(f"        vs {pair.b.text[:110]!r}  ({pair.note})")
            for g, ok in zip(golds, gold_ok, strict=True):
                if not ok:
                    print(f"  MISSED [{g['kind']}] {g['note'][:120]}")
    disputed = total = 0
    for label, ids in sorted(basil_stories(data).items()):
        items = analyses.story(label, ids)
        t0 = time.perf_counter()
        claims = compare(items).claims
        compare_s += time.perf_counter() - t0
        total += len(claims)
        disputed += sum(c.status == "disputed" for c in claims)

    def figures(c: Counter[str]) -> dict[str, float | int]:
        return {
            "flags": c["flags"],
            "flags_matched": c["flags_ok"],
            "gold": c["gold"],
            "gold_matched": c["gold_ok"],
            "precision": round(c["flags_ok"] / c["flags"], 3) if c["flags"] else 1.0,
            "recall": round(c["gold_ok"] / c["gold"], 3) if c["gold"] else 1.0,
        }

    return {
        "stories": len(gold),
        "overall": figures(per_source["all"]),
        "basil": figures(per_source["basil"]),
        "ecb": figures(per_source["ecb"]),
        "recall_by_kind": {
            k: {"gold": c["gold"], "matched": c["gold_ok"], "recall": round(c["gold_ok"] / c["gold"], 3)}
            for k, c in sorted(per_kind.items())
        },
        "flags_by_kind": dict(sorted(flag_kinds.items())),
        "basil_disputed_share": {
            "stories": len(basil_stories(data)),
            "claims": total,
            "disputed": disputed,
            "share": round(disputed / total, 4) if total else 0.0,
        },
        "articles_analysed_now": analyses.analysed,
        "articles_parsed_now": analyses.parsed,
        "seconds": {"total": round(time.perf_counter() - started, 1), "compare": round(compare_s, 1)},
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures (``--json``: one JSON object)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="datasets folder (holds disputes/ and stories/)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="folder of cached analyses")
    parser.add_argument("--no-cache", action="store_true", help="analyse everything now, write nothing")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--verbose", action="store_true", help="list each story's flags and missed disputes")
    args = parser.parse_args(argv)
    data = args.data or default_data_dir()
    if not (data / "disputes" / "dev.gold.json").is_file() or not (data / "stories" / "dev.jsonl").is_file():
        print(f"no disputes/stories datasets at {data}", file=sys.stderr)
        return 2
    result = run(data, None if args.no_cache else args.cache, verbose=args.verbose)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for name in ("overall", "basil", "ecb"):
        f = result[name]
        print(
            f"{name:8s} precision {f['precision']:.3f} ({f['flags_matched']}/{f['flags']})"
            f"  recall {f['recall']:.3f} ({f['gold_matched']}/{f['gold']})"
        )
    print(
        "recall by kind: "
        + "  ".join(f"{k} {v['recall']:.2f} ({v['matched']}/{v['gold']})" for k, v in result["recall_by_kind"].items())
    )
    print("flags by kind: " + "  ".join(f"{k} {n}" for k, n in result["flags_by_kind"].items()))
    share = result["basil_disputed_share"]
    print(
        f"BASIL dev ({share['stories']} stories): {share['disputed']} of {share['claims']} aligned claims disputed"
        f" ({share['share']:.1%})"
    )
    print(
        f"analysed now {result['articles_analysed_now']} articles (parsed {result['articles_parsed_now']});"
        f" seconds {result['seconds']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
