"""The analysis stage: spaCy once per batch, then entities, quotations and claims per article."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from newsprism.analysis.claims import find_claims
from newsprism.analysis.entities import EntityIndex, build_entities
from newsprism.analysis.harmonize import harmonize
from newsprism.analysis.mentions import entity_mentions
from newsprism.analysis.names import NameResolver
from newsprism.analysis.nlp import load_pipeline, process_count
from newsprism.analysis.quotes import QuoteFinder, QuoteSpan
from newsprism.analysis.quotes_model import TaggedSpan
from newsprism.analysis.speakers import PERSONAL_PRONOUNS
from newsprism.models import AnalyzedArticle, Article, Quote


class Analyzer:
    """Analyses articles: named entities with canonical names, quotations with speakers, claims.

    The object owns the language model, the quotation model and the name data, all loaded
    once; :meth:`analyze` is a plain function of the articles it is given.

    Args:
        nlp: A loaded spaCy pipeline (default: the packaged English model).
        names: The name resolver (default: a new one).
        quotes: The quotation finder (default: a new one with the packaged model).
        batch_size: Texts per ``nlp.pipe`` batch.
        n_process: Worker processes for spaCy (default: chosen from the number of texts).
    """

    def __init__(
        self,
        *,
        nlp: Language | None = None,
        names: NameResolver | None = None,
        quotes: QuoteFinder | None = None,
        batch_size: int = 16,
        n_process: int | None = 1,
    ) -> None:
        self.nlp = nlp or load_pipeline()
        self.names = names or NameResolver()
        self.quotes = quotes or QuoteFinder()
        self.batch_size = batch_size
        self.n_process = n_process

    def analyze(self, articles: Iterable[Article]) -> Iterator[AnalyzedArticle]:
        """Analyse articles in order.

        Args:
            articles: The articles.

        Yields:
            One analysed article per article, in the same order; entities have one canonical
            name per key across the articles given together.
        """
        items = list(articles)
        n_process = process_count(len(items), self.n_process)
        pairs = ((article.text, article) for article in items)
        parsed = list(self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size, n_process=n_process))
        tagged = self.quotes.tag_many([doc for doc, _ in parsed])
        done = [self.analyze_doc(doc, article, tagged=t) for (doc, article), t in zip(parsed, tagged, strict=True)]
        yield from harmonize(done, self.names)

    def analyze_doc(self, doc: Doc, article: Article, *, tagged: list[TaggedSpan] | None = None) -> AnalyzedArticle:
        """Analyse one article from its parsed text (``tagged``: its quote-tagger spans, if known)."""
        text = article.text  # the text the Doc was made from (Doc.text is rebuilt on each access)
        entities, index = build_entities(text, entity_mentions(doc), self.names)
        quotes = tuple(_quote(text, span, index) for span in self.quotes.find(doc, tagged))
        claims = find_claims(
            doc, quotes=quotes, entity_at=index.name_at, key_at=index.key_at, published=article.published
        )
        return AnalyzedArticle(article=article, entities=tuple(entities), quotes=quotes, claims=tuple(claims))


def _quote(text: str, span: QuoteSpan, index: EntityIndex) -> Quote:
    """The Quote record of a found quotation, with the speaker's and reporter's entity keys.

    Keys come only from the mention that *names* the speaker (:func:`speakers.speaker_name`): the
    head of the speaker phrase or a name in apposition to it, never the employer in an apposition
    ("Maria Keller, a researcher at the lab"), the possessor ("the senator's aide") or a person in a
    relative clause; a phrase that names nobody ("the press secretary") keeps ``speaker_key=None``.
    """
    speaker = speaker_key = None
    speaker_text = None
    if span.speaker_start is not None and span.speaker_end is not None:
        speaker_key, speaker = _named(index, span.speaker_name_start, span.speaker_name_end)
        if span.speaker_pronoun_start is not None and span.speaker_pronoun_end is not None:
            speaker_text = text[span.speaker_pronoun_start : span.speaker_pronoun_end]
            if speaker_text.lower() in PERSONAL_PRONOUNS and speaker_key is not None:
                label = index.label_at(span.speaker_name_start or 0, span.speaker_name_end or 0)
                if label in _PLACE_LABELS:
                    # "he" is never a place; the finder has already refused businesses and accepted a
                    # full name the small model tagged ORG only when its given name tells a gender
                    speaker = speaker_key = None
        else:
            speaker_text = text[span.speaker_start : span.speaker_end]
        if speaker is None and speaker_key is None:
            speaker = _unindexed_name(text, span)
    reported_by_key, reported_by = _named(index, span.reported_by_name_start, span.reported_by_name_end)
    if reported_by_key is not None and reported_by_key == speaker_key:
        reported_by = reported_by_key = None  # "I told him, '...'" inside one's own quote is not reported speech
    return Quote(
        text=text[span.start : span.end],
        start=span.start,
        end=span.end,
        kind=span.kind,
        cue=span.cue,
        speaker=speaker,
        speaker_text=speaker_text,
        reported_by=reported_by,
        speaker_key=speaker_key,
        reported_by_key=reported_by_key,
    )


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _unindexed_name(text: str, span: QuoteSpan) -> str | None:
    """The speaker's name as written when it names a speaker that is no entity here: a group of
    people ("Republicans", "other Democrats" → "Democrats"; NORP names get no entity), or a person's
    name the NER gave another type ("Twitter's Adam Sharp" as a WORK_OF_ART). The finder keeps a
    resolved he/she's name only when it is a person's (:func:`quotes._with_names`)."""
    start, end = span.speaker_name_start, span.speaker_name_end
    if start is None or end is None:
        return None
    name = text[start:end].strip()
    for tail in ("'s", "’s", "'", "’"):
        name = name.removesuffix(tail)
    return name if name[:1].isupper() else None


def _named(index: EntityIndex, start: int | None, end: int | None) -> tuple[str | None, str | None]:
    """``(key, canonical name)`` of the entity mentioned at a name's offsets, else ``(None, None)``."""
    if start is None or end is None:
        return None, None
    found = index.key_at(start, end)
    return found if found else (None, None)
