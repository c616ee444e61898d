"""Plain records that flow between the stages.

Stages take and return these frozen records (never parser objects), so that they can be
serialised, stored, and shipped to worker processes unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

DocumentKind = Literal["html", "text", "record"]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """Bytes read from one source, before extraction.

    Attributes:
        source: The path or URL exactly as the user gave it.
        content: The document's bytes (already decompressed).
        kind: ``html`` for a web page, ``text`` for plain text, ``record`` for a structured
            record (JSON Lines line, feed entry) whose fields are in ``fields``.
        url: The document's URL where known.
        locator: Where inside the source the document sits (``line 12``, ``record 3``).
        fetched_at: ISO 8601 time the bytes were fetched or archived, where known.
        fields: Metadata given by the container (JSON Lines record, feed entry, WARC headers).
        content_type: MIME type where known.
    """

    source: str
    content: bytes
    kind: DocumentKind
    url: str | None = None
    locator: str | None = None
    fetched_at: str | None = None
    fields: Mapping[str, Any] = field(default_factory=dict)
    content_type: str | None = None

    @property
    def label(self) -> str:
        """A human-readable name for messages: the source plus its locator."""
        return f"{self.source} ({self.locator})" if self.locator else self.source


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """A span of outlet boilerplate removed from an article's text."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Article:
    """One extracted article.

    ``text`` is the clean body with paragraphs separated by one blank line; every offset that
    later stages produce indexes into it.
    """

    id: str
    source: str
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None
    authors: tuple[str, ...]
    language: str | None
    text: str
    boilerplate: tuple[Boilerplate, ...] = ()

    @property
    def paragraphs(self) -> list[str]:
        """The body's paragraphs in order."""
        return [p for p in self.text.split("\n\n") if p]

    def to_dict(self) -> dict[str, Any]:
        """Return the article as the JSON object documented in ``docs/json.md``."""
        data = asdict(self)
        data["authors"] = list(self.authors)
        data["boilerplate"] = [asdict(b) for b in self.boilerplate]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """Build an article from :meth:`to_dict` output."""
        return cls(
            id=data["id"],
            source=data["source"],
            url=data.get("url"),
            outlet=data.get("outlet"),
            title=data.get("title"),
            published=data.get("published"),
            authors=tuple(data.get("authors") or ()),
            language=data.get("language"),
            text=data["text"],
            boilerplate=tuple(Boilerplate(text=b["text"], reason=b["reason"]) for b in data.get("boilerplate") or ()),
        )


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that yielded no article, with a one-line reason a user can act on."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(frozen=True, slots=True)
class Extracted:
    """An article with the raw document it came from and, once analysed, its analysis."""

    article: Article
    raw: RawDocument
    analysis: AnalyzedArticle | None = None


# -- analysis records --------------------------------------------------------------------------
# Offsets are character offsets into the article's ``text``: ``text[start:end]`` is the span.


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an entity, as written in the article."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity of one article with all its mentions.

    ``name`` is the canonical (most complete common Latin) form; ``key`` is the same for the
    same entity in every article, whatever the spelling or script.
    """

    name: str
    type: str
    key: str
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation (direct, indirect or mixed) and who said it.

    ``speaker`` is the canonical name when the article makes the speaker clear, else None;
    ``speaker_text`` is the speaker as written (possibly a pronoun or a description).
    ``reported_by`` is set for nested quotes: the person who reports the speaker's words.
    ``speaker_key`` and ``reported_by_key`` are the entity keys behind those names (the same in
    every article whatever the spelling); comparisons join on keys and choose names when a
    report is built.
    """

    text: str
    start: int
    end: int
    kind: str
    cue: str | None
    speaker: str | None
    speaker_text: str | None
    reported_by: str | None = None
    speaker_key: str | None = None
    reported_by_key: str | None = None


@dataclass(frozen=True, slots=True)
class NumberValue:
    """A number or quantity in a claim, normalised (``20,000-strong`` -> 20000.0).

    ``unit`` is what the value measures: an ISO 4217 currency code, ``percent``, a unit of
    measure, or, for a plain count, the counted noun's lemma (``troop``). ``counted`` is the
    noun the quantity is about whatever the unit ("$5.7 billion for the wall" -> ``wall``,
    "four people" -> ``person``), or None.
    """

    text: str
    start: int
    end: int
    value: float
    unit: str | None = None
    counted: str | None = None


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date in a claim, normalised to ISO 8601 as far as the text allows.

    ``value`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; None where the text gives no
    resolvable date (``last spring`` without a publication date).
    """

    text: str
    start: int
    end: int
    value: str | None


@dataclass(frozen=True, slots=True)
class Claim:
    """A check-worthy statement (sentence or clause) of one article.

    What it asserts: ``subject`` and ``object`` (entity keys where the argument is a named
    entity, else the head noun's lemma), ``predicate`` (the main verb's lemma), ``numbers`` and
    ``dates``, ``negated`` (polarity: "did not apologize", "denied"), ``hedged`` and
    ``modality`` (``possible``, ``necessary``, ``future``, ``conditional`` or None for a plain
    assertion). Who asserts it: ``voice`` is ``outlet`` (the outlet's own voice), ``quoted``
    (inside a quotation) or ``attributed`` (reported speech, "according to"); ``attributed_to``
    and ``attributed_key`` name the source (None for the outlet's voice), ``reported_by`` and
    ``reported_by_key`` the one who relays it (Zelensky quoting Lukashenko).
    """

    text: str
    start: int
    end: int
    attributed_to: str | None
    negated: bool
    hedged: bool = False
    numbers: tuple[NumberValue, ...] = ()
    dates: tuple[DateValue, ...] = ()
    voice: str = "outlet"
    attributed_key: str | None = None
    reported_by: str | None = None
    reported_by_key: str | None = None
    subject: str | None = None
    predicate: str | None = None
    object: str | None = None
    modality: str | None = None
    # Indexes into ``dates`` of the dates that time the claim's own predicate (not a relative or
    # other subordinate clause: "Grimm, first elected in 2010, faces charges"); None: not known.
    event_dates: tuple[int, ...] | None = None
    # Likewise the indexes into ``numbers`` of the figures of the predicate's own clause ("scored 11
    # points" of "scored 11 points and blocked six shots"); None: not known.
    event_numbers: tuple[int, ...] | None = None


@dataclass(frozen=True, slots=True)
class AnalyzedArticle:
    """An article with its entities, quotations and claims."""

    article: Article
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The ``analyze`` JSON object: the article's fields plus the analysis."""
        data = self.article.to_dict()
        data["entities"] = [asdict(e) for e in self.entities]
        data["quotes"] = [asdict(q) for q in self.quotes]
        data["claims"] = [asdict(c) for c in self.claims]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AnalyzedArticle:
        """Build from :meth:`to_dict` output."""
        return cls(
            article=Article.from_dict(data),
            entities=tuple(
                Entity(
                    name=e["name"],
                    type=e["type"],
                    key=e["key"],
                    mentions=tuple(Mention(**m) for m in e["mentions"]),
                )
                for e in data.get("entities") or ()
            ),
            quotes=tuple(Quote(**q) for q in data.get("quotes") or ()),
            claims=tuple(
                Claim(
                    **{k: v for k, v in c.items() if k not in {"numbers", "dates", "event_dates", "event_numbers"}},
                    event_dates=None if c.get("event_dates") is None else tuple(c["event_dates"]),
                    event_numbers=None if c.get("event_numbers") is None else tuple(c["event_numbers"]),
                    numbers=tuple(NumberValue(**n) for n in c.get("numbers") or ()),
                    dates=tuple(DateValue(**d) for d in c.get("dates") or ()),
                )
                for c in data.get("claims") or ()
            ),
        )


# -- story comparison records ------------------------------------------------------------------
# Every item names its article and carries offsets into that article's ``text``.


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One step of a word-level diff of a variant against its group's reference variant.

    ``op`` is ``equal`` (words in both), ``insert`` (only in this variant) or ``delete``
    (only in the reference).
    """

    op: str
    text: str


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    """One outlet's rendering of a quotation; ``kind`` is how this outlet gives it
    (``direct``: in quotation marks, ``indirect``: reported speech, ``mixed``)."""

    article: str
    text: str
    start: int
    end: int
    diff: tuple[DiffOp, ...] = ()
    kind: str = "direct"


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """The renderings, across articles, of one utterance."""

    id: str
    speaker: str | None
    reported_by: str | None
    variants: tuple[QuoteVariant, ...]
    kind: str = "direct"  # direct when any outlet quotes the words, else indirect or mixed
    speaker_key: str | None = None
    reported_by_key: str | None = None


@dataclass(frozen=True, slots=True)
class Support:
    """A span of one article that states a claim, and who asserts it there.

    ``outlet`` is the article's outlet (or None); ``asserted_by`` / ``asserted_key`` the source the
    article gives for it (None: the outlet's own voice), ``voice`` as in :class:`Claim`.
    """

    article: str
    text: str
    start: int
    end: int
    outlet: str | None = None
    voice: str = "outlet"
    asserted_by: str | None = None
    asserted_key: str | None = None


@dataclass(frozen=True, slots=True)
class Dispute:
    """Something that contradicts a claim: a denial, another figure, another date (or an update)."""

    kind: str  # denial | number | date | other | update
    article: str
    text: str
    attributed_to: str | None
    start: int | None = None
    end: int | None = None
    attributed_key: str | None = None


@dataclass(frozen=True, slots=True)
class DisputeSide:
    """One side of a dispute: what one article states, and who asserts it there."""

    article: str
    text: str
    start: int
    end: int
    claim: str | None  # the id of the aligned claim this side belongs to
    asserted_by: str | None = None
    asserted_key: str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class DisputePair:
    """A genuine conflict between two statements about the same fact, listed once.

    ``kind`` is ``denial``, ``number``, ``date``, ``other`` or ``update`` (a figure that a later
    report revises: shown apart from conflicts). ``note`` says in a few words what conflicts.
    """

    id: str
    kind: str
    a: DisputeSide
    b: DisputeSide
    note: str = ""


@dataclass(frozen=True, slots=True)
class AlignedClaim:
    """A claim as the articles of a story carry it.

    ``status`` is ``corroborated`` (two or more outlets), ``single_source`` or ``disputed``.
    """

    id: str
    text: str
    status: str
    support: tuple[Support, ...]
    disputes: tuple[Dispute, ...] = ()
    outlets: tuple[str, ...] = ()  # distinct outlets that state it (article ids where no outlet)
    asserted_by: str | None = None  # the source most supports give (None: the outlets' own voice)
    asserted_key: str | None = None


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """An article of a story, as listed in a comparison."""

    id: str
    source: str
    outlet: str | None
    title: str | None
    published: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class Spelling:
    """One way an entity is written, and the articles that write it so."""

    text: str
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EntityVariants:
    """A canonical entity of a story with every spelling used for it."""

    name: str
    type: str
    key: str
    variants: tuple[Spelling, ...]


@dataclass(frozen=True, slots=True)
class Addition:
    """Something an article added later (an ``Update:`` paragraph, a correction)."""

    article: str
    kind: str  # update | correction
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Coverage:
    """Who covered the story and when: articles by date, the first to publish, later additions."""

    outlets: tuple[str, ...]
    first: tuple[str, ...]  # article ids of the earliest publication (several when tied or undated)
    timeline: tuple[str, ...]  # article ids, earliest first (undated last)
    additions: tuple[Addition, ...] = ()


@dataclass(frozen=True, slots=True)
class DigestSentence:
    """A sentence of the story digest and the articles that support it."""

    text: str
    articles: tuple[str, ...]
    disputed: bool = False


@dataclass(frozen=True, slots=True)
class StoryComparison:
    """One story read through every article that covers it (see ``docs/comparison.md``)."""

    schema_version: str
    title: str | None
    articles: tuple[StoryArticle, ...]
    entities: tuple[EntityVariants, ...]
    quotes: tuple[QuoteGroup, ...]
    claims: tuple[AlignedClaim, ...]
    coverage: Coverage
    digest: tuple[DigestSentence, ...]
    story_id: str | None = None
    disputes: tuple[DisputePair, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The ``compare`` JSON document (``schema_version`` first)."""
        data = asdict(self)
        return {
            "schema_version": self.schema_version,
            "story": {"id": self.story_id, "title": self.title, "articles": data["articles"]},
            "entities": data["entities"],
            "quotes": data["quotes"],
            "claims": data["claims"],
            "disputes": data["disputes"],
            "coverage": data["coverage"],
            "digest": data["digest"],
        }
