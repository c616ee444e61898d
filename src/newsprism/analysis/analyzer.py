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
    speaker = speaker_key = None
    speaker_text = None
    if span.speaker_start is not None and span.speaker_end is not None:
        found = index.key_at(span.speaker_start, span.speaker_end)
        speaker_key, speaker = found if found else (None, None)
        if span.speaker_pronoun_start is not None and span.speaker_pronoun_end is not None:
            speaker_text = text[span.speaker_pronoun_start : span.speaker_pronoun_end]
        else:
            speaker_text = text[span.speaker_start : span.speaker_end]
    reported_by = reported_by_key = None
    if span.reported_by_start is not None and span.reported_by_end is not None:
        found = index.key_at(span.reported_by_start, span.reported_by_end)
        reported_by_key, reported_by = found if found else (None, None)
    if reported_by == speaker:
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
