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
from newsprism.models import Article, Boilerplate, Failure, RawDocument
from newsprism.sources.reading import decode_html, decode_text

__all__ = ["Extractor"]

# A web page whose main text is shorter than this is a broken page, an index or a stub, not
# an article; feed entries and records may legitimately be one-line teasers.
MIN_PAGE_WORDS = 8


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
        removed_by_page: list[Boilerplate] = []

        if doc.kind == "html" or (doc.kind == "record" and doc.content_type == "text/html"):
            html = (
                decode_html(doc.content, declared=_charset(doc.content_type))
                if doc.kind == "html"
                else _str(fields.get("html")) or ""
            )
            page = extract_html(html, url=url)
            if page is not None:
                paragraphs = page.paragraphs
                title = title or page.title
                published = published or page.published
                authors = authors or page.authors
                sitename, page_language = page.sitename, page.language
                removed_by_page = [Boilerplate(text=t, reason=r) for t, r in page.removed]
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
        if doc.kind == "html" and len(text.split()) < MIN_PAGE_WORDS:
            raise ExtractionError(f"too little text for an article ({len(text.split())} words)")
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
            boilerplate=tuple(removed_by_page + boilerplate),
        )


def _str(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _charset(content_type: str | None) -> str | None:
    # The HTTP header's charset outranks a <meta> declaration, as in browsers.
    if content_type and "charset=" in content_type.lower():
        return content_type.lower().split("charset=", 1)[1].split(";")[0].strip().strip("\"'") or None
    return None
