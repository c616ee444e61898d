"""Vectorisation: hashed words, word pairs, entity keys and calendar dates, with live IDF.

Every article becomes a sparse vector of hashed feature ids with sublinear term frequencies.
Document frequencies are counted as articles arrive, and IDF weights are applied only when two
articles are compared, so early articles are never stuck with the poor IDF of a small corpus.
Non-Latin text is transliterated (anyascii) and words are truncated to a short stem, so a
Russian ``Лукашенко``/``Зеленского`` meets an English ``Lukashenko``/``Zelensky`` on the same
features; names, numbers and dates carry most of the cross-language signal.
"""

from __future__ import annotations

import math
import re
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise

import numpy as np
from anyascii import anyascii

from newsprism.clustering.records import StoryInput

# Function words carry no event identity; a short list suffices because IDF handles the rest.
STOP_WORDS = frozenset(
    """a an and are as at be been but by for from has have he her his i in is it its of on or our
    she that the their they this to was were will with we you not no said says say also after
    about into over than then there these those which who whom what when where while would could
    should can may might more most other some such only just its it's mr mrs ms
    i v na s po ne chto kak eto on ona oni dlya ot k iz za u o ob no zhe by ego ee ikh""".split()
)
STEM_LENGTH = 6
_TOKEN = re.compile(r"[a-z]+|\d+(?:\.\d+)?")
_THOUSANDS = re.compile(r"(\d)[,\u00a0\u202f](?=\d{3}(?!\d))")
_DECIMAL_COMMA = re.compile(r"(\d),(\d)")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan", "yanvarya", "yanvar", "sichnya"),
            ("february", "feb", "fevralya", "fevral", "lyutogo"),
            ("march", "mar", "marta", "mart", "bereznya"),
            ("april", "apr", "aprelya", "aprel", "kvitnya"),
            ("may", "maya", "mai", "travnya"),
            ("june", "jun", "iyunya", "iyun", "chervnya"),
            ("july", "jul", "iyulya", "iyul", "lipnya"),
            ("august", "aug", "avgusta", "avgust", "serpnya"),
            ("september", "sep", "sept", "sentyabrya", "sentyabr", "veresnya"),
            ("october", "oct", "oktyabrya", "oktyabr", "zhovtnya"),
            ("november", "nov", "noyabrya", "noyabr", "listopada"),
            ("december", "dec", "dekabrya", "dekabr", "grudnya"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_PATTERNS = (
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    re.compile(rf"\b(?P<mn>{_MONTH_ALT})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b"),
    re.compile(rf"\b(?P<d>[0-3]?\d)\s+(?P<mn>{_MONTH_ALT})\.?,?\s+(?P<y>(?:19|20)\d\d)\b"),
)


@dataclass(frozen=True, slots=True)
class SparseDoc:
    """Hashed feature ids (sorted, unique) and their un-weighted term frequencies."""

    ids: np.ndarray  # int32
    tf: np.ndarray  # float32
    marks: frozenset[str] = frozenset()  # "d:<days>" calendar dates in the text, "p:<key>" places


def normalise_text(text: str) -> str:
    """Lowercase, transliterate to ASCII and unify number formats.

    Transliteration runs only on non-ASCII text (anyascii is the slow part); it drops the
    apostrophes that stand for soft and hard signs (``Вальпараисо`` -> ``valparaiso``). Thousands
    separators are removed and decimal commas become points, so ``1,200``/``1 200`` and
    ``7,8``/``7.8`` meet.
    """
    text = text.lower()
    text = _THOUSANDS.sub(r"\1", text)
    text = _DECIMAL_COMMA.sub(r"\1.\2", text)
    # Numbers first: anyascii turns no-break spaces (Russian thousands separators) into spaces.
    return text if text.isascii() else anyascii(text).replace("'", "")


def tokens(text: str) -> list[str]:
    """Content-word stems and numbers of normalised text, in order."""
    out = []
    for tok in _TOKEN.findall(text):
        if tok in STOP_WORDS or (len(tok) < 2 and not tok.isdigit()):
            continue
        out.append(tok if tok[0].isdigit() else tok[:STEM_LENGTH])
    return out


def text_dates(text: str) -> set[str]:
    """Calendar dates written in normalised text, as ``YYYY-MM-DD``."""
    found = set()
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            month = int(m["m"]) if m.groupdict().get("m") else _MONTHS[m["mn"]]
            day = int(m["d"])
            if 1 <= month <= 12 and 1 <= day <= 31:
                found.add(f"{m['y']}-{month:02d}-{day:02d}")
    return found


def publication_day(published: str | None) -> float:
    """Days since 1970-01-01 of an ISO date/datetime, NaN when absent or unreadable."""
    if not published:
        return math.nan
    try:
        value = datetime.fromisoformat(published.strip().replace("Z", "+00:00"))
    except ValueError:
        try:
            value = datetime.combine(date.fromisoformat(published.strip()[:10]), datetime.min.time())
        except ValueError:
            return math.nan
    if value.tzinfo is not None:
        value = value.replace(tzinfo=None) - value.utcoffset()  # type: ignore[operator]
    return (value - datetime(1970, 1, 1)).total_seconds() / 86400.0


def conflicts(first: frozenset[str], second: frozenset[str]) -> bool:
    """True when two articles name event dates or places and none of them agree.

    Two reports of one event nearly always share the date they name (give or take a day for
    time zones) and at least one place; two same-kind events rarely do. Either kind of mark
    counts only when both articles have some.
    """
    for kind in ("d:", "p:"):
        a = {m for m in first if m.startswith(kind)}
        b = {m for m in second if m.startswith(kind)}
        if not a or not b:
            continue
        if kind == "d:":
            a_days = {int(m[2:]) for m in a}
            if not any(int(m[2:]) + shift in a_days for m in b for shift in (-1, 0, 1)):
                return True
        elif not a & b:
            return True
    return False


def _hash(feature: str, mask: int) -> int:
    # crc32 is stable across processes (unlike hash()), which persisted state relies on.
    return zlib.crc32(feature.encode()) & mask


class Featurizer:
    """Turns :class:`StoryInput` records into sparse hashed feature vectors.

    Args:
        hash_bits: Size of the feature space (2**hash_bits).
        entity_weight: Term-frequency weight of each entity key.
        date_weight: Term-frequency weight of each calendar date in the text.
    """

    def __init__(self, *, hash_bits: int = 20, entity_weight: float = 2.0, date_weight: float = 1.5) -> None:
        self.mask = (1 << hash_bits) - 1
        self.entity_weight = entity_weight
        self.date_weight = date_weight

    def features(self, item: StoryInput) -> SparseDoc:
        """Hash the article's words, word pairs, entities and dates.

        Args:
            item: The article.

        Returns:
            Its sparse term-frequency vector (sublinear tf, not yet IDF-weighted).
        """
        text = normalise_text(f"{item.title or ''}\n{item.text}")
        counts: dict[int, float] = {}
        toks = tokens(text)
        for tok in toks:
            h = _hash(tok, self.mask)
            counts[h] = counts.get(h, 0.0) + 1.0
        for first, second in pairwise(toks):
            h = _hash(f"{first} {second}", self.mask)
            counts[h] = counts.get(h, 0.0) + 1.0
        # Sublinear tf: a word said ten times is not ten times as telling.
        weights = {h: 1.0 + math.log(c) for h, c in counts.items()}
        for key in set(item.entity_keys):
            h = _hash(f"e:{key}", self.mask)
            weights[h] = weights.get(h, 0.0) + self.entity_weight
        days = text_dates(text)
        marks = {f"p:{key}" for key in item.entity_keys if key.startswith("place:")}
        marks.update(f"d:{int(publication_day(day))}" for day in days if not math.isnan(publication_day(day)))
        for day in days:
            for feature in (f"d:{day}", f"m:{day[:7]}"):
                h = _hash(feature, self.mask)
                weights[h] = weights.get(h, 0.0) + self.date_weight
        ids = np.fromiter(weights.keys(), dtype=np.int32, count=len(weights))
        tf = np.fromiter(weights.values(), dtype=np.float32, count=len(weights))
        order = np.argsort(ids)
        return SparseDoc(ids=ids[order], tf=tf[order], marks=frozenset(marks))


class DocumentFrequencies:
    """Document frequencies over the hashed space, counted incrementally.

    Args:
        hash_bits: Size of the feature space.
        max_df: Share of documents above which a feature gets zero weight (once 20+ are seen).
    """

    def __init__(self, *, hash_bits: int = 20, max_df: float = 0.5) -> None:
        self.df = np.zeros(1 << hash_bits, dtype=np.int32)
        self.n_docs = 0
        self.max_df = max_df

    def add(self, doc: SparseDoc) -> None:
        """Count one document."""
        self.df[doc.ids] += 1
        self.n_docs += 1

    def idf(self, ids: np.ndarray) -> np.ndarray:
        """Smoothed IDF of feature ids, zero for features in too many documents."""
        df = self.df[ids].astype(np.float32)
        n = float(self.n_docs)
        idf = np.log((n + 1.0) / (df + 1.0)) + 1.0
        if self.n_docs >= 20:
            idf[df > self.max_df * n] = 0.0
        return idf

    def weigh(self, doc: SparseDoc) -> np.ndarray:
        """L2-normalised TF-IDF weights of ``doc.ids`` under the current counts."""
        w = doc.tf * self.idf(doc.ids)
        norm = float(np.sqrt(np.dot(w, w)))
        return w / norm if norm > 0 else w

    def state_dict(self) -> dict[str, object]:
        """Counts as plain arrays (nonzero entries only)."""
        nz = np.flatnonzero(self.df)
        return {"n_docs": self.n_docs, "ids": nz.astype(np.int32), "counts": self.df[nz].copy()}

    def load_state(self, state: dict[str, object]) -> None:
        """Restore counts from :meth:`state_dict` output."""
        self.df[:] = 0
        self.df[np.asarray(state["ids"], dtype=np.int64)] = np.asarray(state["counts"], dtype=np.int32)
        self.n_docs = int(state["n_docs"])  # type: ignore[call-overload]


class Sketcher:
    """Dense sketch of a weighted sparse vector for the approximate-nearest-neighbour index.

    A sparse Johnson-Lindenstrauss projection: each hashed feature adds its weight, with a
    pseudo-random sign, to two of ``dim`` buckets. Inner products are preserved in expectation,
    which is all candidate search needs; exact similarities are recomputed on sparse vectors.

    Args:
        hash_bits: Size of the feature space.
        dim: Sketch dimension.
    """

    def __init__(self, *, hash_bits: int = 20, dim: int = 128) -> None:
        feature = np.arange(1 << hash_bits, dtype=np.uint64)
        mixed = (feature * np.uint64(0x9E3779B97F4A7C15)) & np.uint64(0xFFFFFFFFFFFFFFFF)
        self.dim = dim
        self.bucket1 = ((mixed >> np.uint64(20)) % np.uint64(dim)).astype(np.int32)
        self.bucket2 = ((mixed >> np.uint64(36)) % np.uint64(dim)).astype(np.int32)
        self.sign1 = np.where((mixed >> np.uint64(60)) & np.uint64(1), 1.0, -1.0).astype(np.float32)
        self.sign2 = np.where((mixed >> np.uint64(61)) & np.uint64(1), 1.0, -1.0).astype(np.float32)

    def sketch(self, ids: np.ndarray, weights: np.ndarray, top: int = 0) -> np.ndarray:
        """Unit-length sketch (float32, ``dim``) of the weighted sparse vector.

        Args:
            ids: Feature ids.
            weights: Their weights.
            top: Sketch only this many heaviest features (0: all); the light tail adds more
                projection noise than signal.
        """
        if 0 < top < len(ids):
            keep = np.argpartition(weights, -top)[-top:]
            ids, weights = ids[keep], weights[keep]
        out = np.zeros(self.dim, dtype=np.float32)
        np.add.at(out, self.bucket1[ids], self.sign1[ids] * weights)
        np.add.at(out, self.bucket2[ids], self.sign2[ids] * weights)
        norm = float(np.linalg.norm(out))
        return out / norm if norm > 0 else out
