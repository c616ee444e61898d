"""The ingest pipeline: sources -> raw documents -> articles -> store.

Used by the CLI today and by the web app and the Dask runner later; it prints nothing and
reports progress through callbacks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from newsprism.config import Settings
from newsprism.extraction import Extractor
from newsprism.extraction.repetition import MemoryRepetitionIndex, RepetitionIndex, remove_repeated
from newsprism.models import AnalyzedArticle, Article, Extracted, Failure, RawDocument
from newsprism.sources import Input, read_sources
from newsprism.store.base import AddResult, Store
from newsprism.stories import StoryTracker, story_input

if TYPE_CHECKING:
    from newsprism.analysis import Analyzer

log = logging.getLogger(__name__)

# Articles are extracted, cleaned against each other and written in chunks: big enough for
# repetition across the outlet's articles to show and for cheap transactions, small enough
# that an interruption loses little work.
CHUNK_SIZE = 64

ResultCallback = Callable[[Article | Failure, AddResult | None], None]
InputCallback = Callable[[Input], None]


@dataclass(slots=True)
class IngestReport:
    """What an ingest did: counts, the failures with their reasons, the stored ids."""

    new: int = 0
    duplicate: int = 0
    analyzed: int = 0
    clustered: int = 0
    failures: list[Failure] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """How many inputs (or records inside them) failed."""
        return len(self.failures)


def extract(
    sources: Iterable[str],
    settings: Settings | None = None,
    *,
    on_input: InputCallback | None = None,
) -> Iterator[Article | Failure]:
    """Extract articles from sources without storing them.

    Args:
        sources: Paths, directories, globs and URLs.
        settings: Reading and extraction options.
        on_input: Called after each concrete input has been read.

    Yields:
        An article per document, and a failure per input or record that gave none.
    """
    settings = settings or Settings()
    batch_index = MemoryRepetitionIndex()
    for chunk in _extracted_chunks(sources, settings, on_input, batch_index, keep_index=True):
        for item in chunk:
            yield item if isinstance(item, Failure) else item.article


def analyze(
    sources: Iterable[str],
    settings: Settings | None = None,
    *,
    analyzer: Analyzer | None = None,
    on_input: InputCallback | None = None,
) -> Iterator[AnalyzedArticle | Failure]:
    """Extract and analyse articles without storing them.

    Args:
        sources: Paths, directories, globs and URLs.
        settings: Reading and extraction options.
        analyzer: The analysis stage (one is created, loading the language model, if omitted).
        on_input: Called after each concrete input has been read.

    Yields:
        An analysed article per document, and a failure per input or record that gave none.
    """
    settings = settings or Settings()
    batch_index = MemoryRepetitionIndex()
    for chunk in _extracted_chunks(sources, settings, on_input, batch_index, keep_index=True):
        articles = [item.article for item in chunk if isinstance(item, Extracted)]
        if articles and analyzer is None:
            analyzer = _new_analyzer()
        analyses = iter(analyzer.analyze(articles)) if analyzer and articles else iter(())
        for item in chunk:
            yield item if isinstance(item, Failure) else next(analyses)


def ingest(
    sources: Iterable[str],
    store: Store,
    settings: Settings | None = None,
    *,
    analyzer: Analyzer | None = None,
    with_analysis: bool = True,
    with_stories: bool = True,
    on_input: InputCallback | None = None,
    on_result: ResultCallback | None = None,
) -> IngestReport:
    """Extract, analyse and store new articles and assign each to a story.

    Each chunk of articles is one transaction. Re-running an interrupted ingest is safe: what
    was stored is recognised as duplicate, and stored articles still lacking an analysis or a
    story get them at the end.

    Args:
        sources: Paths, directories, globs and URLs.
        store: Where articles go.
        settings: Reading and extraction options.
        analyzer: The analysis stage (created on first need when omitted).
        with_analysis: Analyse new articles (entities, quotes, claims) before storing them.
        with_stories: Assign new articles to stories (incremental clustering).
        on_input: Called after each concrete input has been read.
        on_result: Called for every article or failure, with the store's verdict.

    Returns:
        The counts and failures.
    """
    settings = settings or Settings()
    report = IngestReport()
    tracker = StoryTracker(store) if with_stories else None
    try:
        _ingest_chunks(sources, store, settings, analyzer, with_analysis, tracker, report, on_input, on_result)
        if with_analysis:
            report.analyzed += _catch_up(store, analyzer)
        if tracker is not None:
            report.clustered += tracker.catch_up()
    finally:
        if tracker is not None and tracker.consistent:
            tracker.save()
    return report


def _ingest_chunks(
    sources: Iterable[str],
    store: Store,
    settings: Settings,
    analyzer: Analyzer | None,
    with_analysis: bool,
    tracker: StoryTracker | None,
    report: IngestReport,
    on_input: InputCallback | None,
    on_result: ResultCallback | None,
) -> None:
    for chunk in _extracted_chunks(sources, settings, on_input, MemoryRepetitionIndex(), store=store):
        extracted = [item for item in chunk if isinstance(item, Extracted)]
        if with_analysis:
            fresh = [item for item in extracted if store.find_duplicate(item.article) is None]
            if fresh and analyzer is None:
                analyzer = _new_analyzer()
            if fresh and analyzer is not None:
                done = {a.article.id: a for a in analyzer.analyze([item.article for item in fresh])}
                report.analyzed += len(done)
                extracted = [replace(item, analysis=done.get(item.article.id)) for item in extracted]
        added = store.add(extracted) if extracted else []
        if tracker is not None:
            fresh_items = [i for i, v in zip(extracted, added, strict=True) if v.status == "new"]
            report.clustered += len(tracker.add([story_input(i.article, i.analysis) for i in fresh_items]))
        verdicts = iter(added)
        for item in chunk:
            if isinstance(item, Failure):
                report.failures.append(item)
                if on_result:
                    on_result(item, None)
                continue
            verdict = next(verdicts)
            if verdict.status == "new":
                report.new += 1
                report.article_ids.append(verdict.article_id)
            else:
                report.duplicate += 1
            if on_result:
                on_result(item.article, verdict)


def stored_analyses(
    store: Store, article_ids: Sequence[str], analyzer: Analyzer | None = None
) -> list[AnalyzedArticle]:
    """The analyses of stored articles, analysing any that lack one, harmonised together.

    Articles analysed in different ingest chunks may spell one entity differently; comparing
    them needs one canonical name per key across all of them. The language model is loaded
    only when some article still needs analysing.
    """
    from newsprism.analysis.harmonize import harmonize
    from newsprism.analysis.names import NameResolver

    found: list[AnalyzedArticle] = []
    missing = []
    for article_id in article_ids:
        analysis = store.get_analysis(article_id)
        if analysis is not None:
            found.append(analysis)
        elif (article := store.get_article(article_id)) is not None:
            missing.append(article)
    if missing:
        fresh, analyzer = _analyze_and_save(store, missing, analyzer)
        found += fresh
    return harmonize(found, analyzer.names if analyzer else NameResolver())


def _catch_up(store: Store, analyzer: Analyzer | None) -> int:
    """Analyse stored articles left without an analysis (an interrupted or analysis-free ingest)."""
    missing = store.unanalyzed_ids()
    done = 0
    for start in range(0, len(missing), CHUNK_SIZE):
        articles = [a for a in (store.get_article(i) for i in missing[start : start + CHUNK_SIZE]) if a]
        if articles:
            analyses, analyzer = _analyze_and_save(store, articles, analyzer)
            done += len(analyses)
    return done


def _analyze_and_save(
    store: Store, articles: list[Article], analyzer: Analyzer | None
) -> tuple[list[AnalyzedArticle], Analyzer]:
    """Analyse stored articles and save their analyses; returns them and the analyzer used."""
    analyzer = analyzer or _new_analyzer()
    analyses = list(analyzer.analyze(articles))
    store.save_analyses(analyses)
    return analyses, analyzer


def _new_analyzer() -> Analyzer:
    # Imported here: loading spaCy and the model is only worth it when something is analysed.
    from newsprism.analysis import Analyzer

    return Analyzer()


def _extracted_chunks(
    sources: Iterable[str],
    settings: Settings,
    on_input: InputCallback | None,
    batch_index: MemoryRepetitionIndex,
    *,
    store: Store | None = None,
    keep_index: bool = False,
) -> Iterator[list[Extracted | Failure]]:
    extractor = Extractor(settings)
    chunk: list[Extracted | Failure] = []
    for doc in read_sources(sources, settings, on_input=on_input):
        chunk.append(doc if isinstance(doc, Failure) else _extract_one(extractor, doc))
        if len(chunk) >= CHUNK_SIZE:
            yield _clean_repeated(chunk, batch_index, store)
            chunk = []
            if not keep_index:
                batch_index = MemoryRepetitionIndex()
    if chunk:
        yield _clean_repeated(chunk, batch_index, store)


def _extract_one(extractor: Extractor, doc: RawDocument) -> Extracted | Failure:
    try:
        result = extractor.extract(doc)
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except Exception as exc:  # the safety net: one odd document must not end a batch
        log.exception("unexpected error extracting %s", doc.label)
        return Failure(doc.label, f"internal error while extracting ({type(exc).__name__}: {exc}); please report it")
    return result if isinstance(result, Failure) else Extracted(result, doc)


def _clean_repeated(
    chunk: list[Extracted | Failure], batch_index: MemoryRepetitionIndex, store: Store | None
) -> list[Extracted | Failure]:
    for item in chunk:
        if isinstance(item, Extracted):
            batch_index.add(item.article)
    indexes: list[RepetitionIndex] = [batch_index] if store is None else [batch_index, store]
    return [
        item if isinstance(item, Failure) else Extracted(remove_repeated(item.article, indexes), item.raw)
        for item in chunk
    ]
