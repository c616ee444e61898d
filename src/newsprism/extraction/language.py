"""Language identification with lingua's bundled models (no download)."""

from __future__ import annotations

from lingua import LanguageDetector, LanguageDetectorBuilder

# Language models load lazily per language; the first English detection costs ~0.4 s.
_SAMPLE_CHARS = 3000
_MIN_CHARS = 20


class LanguageIdentifier:
    """Detects an ISO 639-1 language code; owns its lingua detector (built on first use)."""

    def __init__(self) -> None:
        self._detector: LanguageDetector | None = None

    def detect(self, text: str) -> str | None:
        """Return the language code of ``text`` (``en``, ``ru``, ``uk``...) or None if unsure."""
        sample = text[:_SAMPLE_CHARS]
        if len(sample.strip()) < _MIN_CHARS:
            return None
        if self._detector is None:
            # Low-accuracy mode uses trigram models only: plenty for article-length text and
            # far cheaper to load than the full n-gram set.
            self._detector = LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()
        language = self._detector.detect_language_of(sample)
        return language.iso_code_639_1.name.lower() if language else None
