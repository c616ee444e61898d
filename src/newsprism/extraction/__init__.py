"""Extraction: from a raw document to a clean :class:`~newsprism.models.Article`.

:class:`Extractor` is the stage object. It owns the caches that are costly to build (language
models, the public-suffix list) so that one instance per process or worker is enough, and its
:meth:`Extractor.extract` is a plain function of one raw document.
"""

from __future__ import annotations

from typing import Any

from newsprism.config import Settings
from newsprism.errors import ExtractionError, SourceError
from newsprism.extraction.boilerplate import split_boilerplate
from newsprism.extraction.fragment import fragment_paragraphs
from newsprism.extraction.html import extract_html
from newsprism.extraction.language import LanguageIdentifier
from newsprism.extraction.metadata import (
    DomainParser,
    article_id,
    clean_authors,
    normalize_date,
    normalize_url,
)
from newsprism.extraction.text import clean_line, join_paragraphs, split_paragraphs, split_title
from newsprism.models import Article, Failure, RawDocument
from newsprism.sources.reading import decode_html, decode_text

__all__ = ["Extractor"]


class Extractor:
    """Turns raw documents into articles, one at a time.

    Args:
        settings: Options (``outlet`` override, ``detect_language``).
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self._languages = LanguageIdentifier()
        self._domains = DomainParser()

    def extract(self, doc: RawDocument) -> Article | Failure:
        """Extract one article, or explain in one line why there is none.

        Args:
            doc: The raw document.

        Returns:
            The article, or a :class:`Failure` naming the document and the reason.
        """
        try:
            return self._extract(doc)
        except (ExtractionError, SourceError) as exc:
            return Failure(doc.label, exc.message)
        except RecursionError:
            return Failure(doc.label, "document is nested too deeply to parse")

    def _extract(self, doc: RawDocument) -> Article:
        fields = doc.fields
        url = normalize_url(_str(fields.get("url")) or doc.url)
        title: str | None = _str(fields.get("title"))
        published = fields.get("published")
        authors: Any = fields.get("authors") or fields.get("author")
        sitename: str | None = None
        page_language: str | None = None

        if doc.kind == "html" or (doc.kind == "record" and doc.content_type == "text/html"):
            html = decode_html(doc.content) if doc.kind == "html" else _str(fields.get("html")) or ""
            page = extract_html(html, url=url)
            if page is not None:
                paragraphs = page.paragraphs
                title = title or page.title
                published = published or page.published
                authors = authors or page.authors
                sitename, page_language = page.sitename, page.language
                url = url or normalize_url(page.url)
            elif doc.kind == "record":
                paragraphs = fragment_paragraphs(html)
            else:
                raise ExtractionError("no article text found in the page")
        elif doc.kind == "text":
            title, paragraphs = split_title(decode_text(doc.content))
        else:
            paragraphs = split_paragraphs(_str(fields.get("text")) or decode_text(doc.content))

        outlet = (
            self.settings.outlet
            or _str(fields.get("outlet"))
            or (clean_line(sitename) if sitename else None)
            or self._domains.registered_domain(url)
        )
        kept, boilerplate = split_boilerplate(paragraphs, outlet=outlet)
        if not kept:
            raise ExtractionError(
                "no article text found" if not paragraphs else "only boilerplate found, no article text"
            )
        text = join_paragraphs(kept)
        language = _str(fields.get("language"))
        if not language and self.settings.detect_language:
            language = self._languages.detect(text)
        return Article(
            id=article_id(fields.get("id"), url, text),
            source=doc.source,
            url=url,
            outlet=outlet,
            title=clean_line(title) if title else None,
            published=normalize_date(published),
            authors=clean_authors(authors),
            language=(language or page_language or "").lower().split("-")[0] or None,
            text=text,
            boilerplate=tuple(boilerplate),
        )


def _str(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
