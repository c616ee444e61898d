"""Speaker benchmark on hand-labelled BASIL articles: newsprism's quotes against ``basil_quotes/gold.jsonl``.

The gold (``benchmarks/basil_quotes/``, README there) holds every quotation, direct or reported,
and its speaker in 12 BASIL articles of ``stories/dev.jsonl``, labelled by hand from the texts
before any system output was looked at. The texts are read from ``--data DIR`` (the folder holding
``stories/``), else ``$NEWSPRISM_DATASETS``, else ``../shared/datasets`` next to the project root.

The articles go through newsprism as a user runs it: the 12 dataset records are written to a
JSON Lines file, extracted with ``newsprism.extract`` and analysed together with ``Analyzer``
(``--raw`` skips extraction and analyses the dataset texts as they are).

Metric (PolNeAR's, as in ``benchmarks/quotes.py``): texts are lowercased and split into ``\\w+``
tokens; a predicted quote (``Quote.text``) can match a gold quotation when the token-bag F1 of
the two contents is >= 0.5; matching is one-to-one, greedy by decreasing F1; precision = matched /
predicted, recall = matched / gold, F1 = 2PR / (P + R), summed over the articles (micro).
Speaker accuracy = share of matched pairs with a gold speaker whose predicted ``Quote.speaker``
(the resolved canonical name; None counts as wrong) shares a content word (a token not in a small
stop list of function words, pronouns and titles) with the gold ``speaker``. It is also given on
direct quotations only (gold ``kind == "direct"``) and per outlet. ``surface`` is the same
accuracy read on ``Quote.speaker_text`` (the speaker as written) when ``speaker`` is None, for
diagnosis only.

Usage::

    .venv/bin/python benchmarks/basil_quotes.py [--data DIR] [--json] [--errors] [--raw]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench_data import default_data_dir

# The PolNeAR benchmark's tokens, token-bag F1 and one-to-one matching: one metric for both gold sets.
from quotes import match, tokens

GOLD_PATH = Path(__file__).resolve().parent / "basil_quotes" / "gold.jsonl"
OUTLETS = ("Fox", "NYT", "HuffPost")
OUTLET_NAMES = {
    "foxnews.com": "Fox",
    "fox": "Fox",
    "nytimes.com": "NYT",
    "nyt": "NYT",
    "huffpost.com": "HuffPost",
    "hpo": "HuffPost",
}
ARTICLES = 12
MIN_WORDS, MAX_WORDS, MIN_QUOTE_MARKS = 300, 900, 4  # the selection rule of basil_quotes/README.md

_TOKEN_RE = re.compile(r"\w+")
_QUOTE_MARK_RE = re.compile(r"[\"“”]")
STOPWORDS = frozenset(
    """a an the of and or to in on at for by with from as that this these those some who which whose s
    he she they i we it him her them me us you his hers their its our my your
    mr mrs ms dr rev sen senator rep representative gov governor president former speaker""".split()
)


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """One gold quotation: its content, kind and speaker (None when the source is anonymous)."""

    content: str
    kind: str
    speaker: str | None


@dataclass(frozen=True, slots=True)
class PredictedQuote:
    """One predicted quotation, reduced to what the metric reads."""

    content: str
    kind: str
    speaker: str | None
    speaker_text: str | None


@dataclass(slots=True)
class Tally:
    """Running counts for one group of articles or quotations."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0
    with_speaker: int = 0
    speaker_right: int = 0
    surface_right: int = 0

    def scores(self) -> dict[str, float | int]:
        """Counts plus precision, recall, F1, speaker accuracy and its surface variant."""
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = self.speaker_right / self.with_speaker if self.with_speaker else 0.0
        surface = self.surface_right / self.with_speaker if self.with_speaker else 0.0
        return {
            "predicted": self.predicted,
            "gold": self.gold,
            "matched": self.matched,
            "with_speaker": self.with_speaker,
            "precision": p,
            "recall": r,
            "f1": f,
            "speaker_accuracy": acc,
            "surface_accuracy": surface,
        }


@dataclass(slots=True)
class Result:
    """Tallies overall, for direct gold quotations, per outlet, and the mismatches."""

    overall: Tally = field(default_factory=Tally)
    direct: Tally = field(default_factory=Tally)
    outlets: dict[str, Tally] = field(default_factory=lambda: {o: Tally() for o in OUTLETS})
    errors: list[dict[str, Any]] = field(default_factory=list)


def content_words(text: str) -> set[str]:
    """Tokens of ``text`` that are not stop words, pronouns or titles."""
    return {t for t in tokens(text) if t not in STOPWORDS}


def speaker_right(predicted: str | None, gold: str) -> bool:
    """Whether a predicted speaker name shares a content word with the gold speaker (None: wrong)."""
    return predicted is not None and bool(content_words(predicted) & content_words(gold))


def score_article(
    preds: Sequence[PredictedQuote], golds: Sequence[GoldQuote], outlet: str, result: Result, article_id: str = ""
) -> None:
    """Add one article's counts (and its mismatches) to ``result``."""
    tallies = [result.overall, result.outlets.setdefault(outlet, Tally())]
    for t in tallies:
        t.predicted += len(preds)
        t.gold += len(golds)
    result.direct.gold += sum(g.kind == "direct" for g in golds)
    pairs = match(preds, golds)
    matched_p = {pi for pi, _ in pairs}
    matched_g = {gi for _, gi in pairs}
    for pi, gi in pairs:
        pred, gold = preds[pi], golds[gi]
        group = [*tallies, result.direct] if gold.kind == "direct" else tallies
        for t in group:
            t.matched += 1
        if gold.speaker is None:
            continue
        right = speaker_right(pred.speaker, gold.speaker)
        surface = speaker_right(pred.speaker if pred.speaker is not None else pred.speaker_text, gold.speaker)
        for t in group:
            t.with_speaker += 1
            t.speaker_right += right
            t.surface_right += surface
        if not right:
            result.errors.append(
                {
                    "article": article_id,
                    "error": "speaker",
                    "content": pred.content,
                    "gold_speaker": gold.speaker,
                    "speaker": pred.speaker,
                    "speaker_text": pred.speaker_text,
                }
            )
    for gi, g in enumerate(golds):
        if gi not in matched_g:
            result.errors.append(
                {
                    "article": article_id,
                    "error": "missed",
                    "kind": g.kind,
                    "content": g.content,
                    "gold_speaker": g.speaker,
                }
            )
    for pi, p in enumerate(preds):
        if pi not in matched_p:
            result.errors.append(
                {"article": article_id, "error": "spurious", "kind": p.kind, "content": p.content, "speaker": p.speaker}
            )


def normalise_outlet(outlet: str | None) -> str | None:
    """``Fox``, ``NYT`` or ``HuffPost`` for BASIL's outlet spellings, else None."""
    return OUTLET_NAMES.get((outlet or "").lower())


def load_gold(path: Path = GOLD_PATH) -> list[dict[str, Any]]:
    """The gold records, one per article: ``{"id", "outlet", "quotes": [...]}``."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_records(data: Path, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The dataset records (``stories/dev.jsonl``) of the given article ids."""
    wanted = set(ids)
    out = {}
    with (data / "stories" / "dev.jsonl").open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if record["id"] in wanted:
                out[record["id"]] = record
    return out


def select_articles(data: Path) -> list[str]:
    """Recompute the README's selection rule: 12 BASIL dev articles, 4 per outlet.

    The BASIL story labels of ``stories/dev.gold.json`` that are not stories of
    ``disputes/dev.gold.json``, sorted; the 12 positions ``i * n // 12``; story ``i`` gets outlet
    ``OUTLETS[i % 3]`` and its first article of that outlet (sorted ids) with 300-900 words and at
    least 4 quotation-mark characters, else the next unused story (wrapping around).
    """
    labels: dict[str, str] = json.loads((data / "stories" / "dev.gold.json").read_text(encoding="utf-8"))
    disputed = set(json.loads((data / "disputes" / "dev.gold.json").read_text(encoding="utf-8")))
    basil = {a: s for a, s in labels.items() if a.startswith("basil-")}
    records = load_records(data, basil)
    stories = sorted(set(basil.values()) - disputed)
    chosen: list[str] = []
    used: set[str] = set()
    for i in range(ARTICLES):
        want = OUTLETS[i % len(OUTLETS)]
        for step in range(len(stories)):
            story = stories[(i * len(stories) // ARTICLES + step) % len(stories)]
            if story in used:
                continue
            pick = next(
                (
                    a
                    for a in sorted(basil)
                    if basil[a] == story
                    and normalise_outlet(records[a].get("outlet")) == want
                    and _eligible(records[a])
                ),
                None,
            )
            if pick is not None:
                used.add(story)
                chosen.append(pick)
                break
    return chosen


def _eligible(record: Mapping[str, Any]) -> bool:
    text = record.get("text") or ""
    return MIN_WORDS <= len(text.split()) <= MAX_WORDS and len(_QUOTE_MARK_RE.findall(text)) >= MIN_QUOTE_MARKS


def analyse(records: Sequence[Mapping[str, Any]], *, raw: bool = False) -> dict[str, list[PredictedQuote]]:
    """Run newsprism on the records and return each article's predicted quotes by id.

    Args:
        records: Dataset records (``id``, ``outlet``, ``url``, ``title``, ``published``, ``text``).
        raw: Build articles from the texts as they are instead of extracting the JSON Lines.
    """
    from newsprism import extract
    from newsprism.analysis.analyzer import Analyzer
    from newsprism.models import Article

    if raw:
        articles = [
            Article(
                id=r["id"],
                source="basil_quotes",
                url=r.get("url"),
                outlet=r.get("outlet"),
                title=r.get("title"),
                published=r.get("published"),
                authors=(),
                language="en",
                text=r["text"],
            )
            for r in records
        ]
    else:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "basil_quotes.jsonl"
            path.write_text("".join(json.dumps(dict(r)) + "\n" for r in records), encoding="utf-8")
            items = list(extract([str(path)]))
        articles = [a for a in items if isinstance(a, Article)]
        for failure in (a for a in items if not isinstance(a, Article)):
            print(f"extraction failed: {failure}", file=sys.stderr)
    out: dict[str, list[PredictedQuote]] = {r["id"]: [] for r in records}
    for analysed in Analyzer().analyze(articles):
        text = analysed.article.text
        out[analysed.article.id] = [
            PredictedQuote(
                content=q.text or text[q.start : q.end],
                kind=getattr(q, "kind", "") or "",
                speaker=q.speaker,
                speaker_text=q.speaker_text,
            )
            for q in analysed.quotes
        ]
    return out


def run(data: Path, *, raw: bool = False, gold_path: Path = GOLD_PATH) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Score newsprism against the gold.

    Returns:
        The figures (``overall``, ``direct``, ``outlets``, ``articles``) and the mismatches.
    """
    gold = load_gold(gold_path)
    records = load_records(data, (g["id"] for g in gold))
    missing = [g["id"] for g in gold if g["id"] not in records]
    if missing:
        raise SystemExit(f"gold articles not in the dataset: {', '.join(missing)}")
    predicted = analyse([records[g["id"]] for g in gold], raw=raw)
    result = Result()
    for g in gold:
        golds = [GoldQuote(q["content"], q["kind"], q["speaker"]) for q in g["quotes"]]
        score_article(predicted[g["id"]], golds, g["outlet"], result, g["id"])
    figures = {
        "articles": len(gold),
        "overall": result.overall.scores(),
        "direct": result.direct.scores(),
        "outlets": {o: t.scores() for o, t in result.outlets.items()},
    }
    return figures, result.errors


def _row(name: str, s: Mapping[str, Any], *, prf: bool = True) -> str:
    cells = f"{s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}" if prf else f"{'':6} {s['recall']:6.3f} {'':6}"
    return (
        f"{name:10} {s['gold']:5} {s['matched']:6} {cells} {s['speaker_accuracy']:8.3f} "
        f"{s['surface_accuracy']:8.3f} {s['with_speaker']:6}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Quotes and speakers on 12 hand-labelled BASIL dev articles.")
    parser.add_argument("--data", type=Path, default=default_data_dir(), help="datasets folder (holds stories/)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--errors", action="store_true", help="also print missed, spurious and wrong-speaker quotes")
    parser.add_argument("--raw", action="store_true", help="analyse the dataset texts without extraction")
    args = parser.parse_args(argv)
    if not (args.data / "stories" / "dev.jsonl").is_file():
        print(f"stories dev set not found under {args.data}", file=sys.stderr)
        return 2
    figures, errors = run(args.data, raw=args.raw)
    if args.json:
        print(json.dumps(figures | ({"errors": errors} if args.errors else {}), indent=2, ensure_ascii=False))
        return 0
    print(f"BASIL hand-labelled quotes, {figures['articles']} articles ({GOLD_PATH.parent.name}/gold.jsonl)")
    print(f"{'':10} {'gold':>5} {'match':>6} {'P':>6} {'R':>6} {'F1':>6} {'spk acc':>8} {'surface':>8} {'n spk':>6}")
    print(_row("all", figures["overall"]))
    print(_row("direct", figures["direct"], prf=False))
    for outlet, s in figures["outlets"].items():
        print(_row(outlet, s))
    if args.errors:
        for e in errors:
            if e["error"] == "speaker":
                print(
                    f"[speaker] {e['article']}: gold {e['gold_speaker']!r}, got {e['speaker']!r} "
                    f"(as written {e['speaker_text']!r}): {e['content'][:100]!r}"
                )
            elif e["error"] == "missed":
                print(f"[missed {e['kind']}] {e['article']}: {e['gold_speaker']!r}: {e['content'][:100]!r}")
            else:
                print(f"[spurious {e['kind']}] {e['article']}: {e['speaker']!r}: {e['content'][:100]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
