"""Outlet boilerplate: donation and subscription appeals, teaser headlines, paywall lines.

Extraction tools leave some of this behind, and plain text keeps all of it. Each paragraph is
judged on its own signals (strong phrase patterns, imperative appeals, list and headline shape,
position at the article's edges) and then in context (a trailing block of boilerplate absorbs
the short lines inside it). Repetition across articles of the same outlet is handled in
:mod:`newsprism.extraction.repetition`.

The guiding rule is asymmetric: a missed appeal is a nuisance, a dropped sentence of the story
is a falsified record. So a paragraph that reports speech is never removed whole, and weak
signals alone remove nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.models import Boilerplate

DONATION = "donation appeal"
SUBSCRIPTION = "subscription appeal"
PAYWALL = "paywall teaser"
RELATED = "related headlines"
NEWSLETTER = "newsletter prompt"
SOCIAL = "social media prompt"
COPYRIGHT = "copyright notice"
COOKIE = "cookie notice"
ADVERTISEMENT = "advertisement marker"
NAVIGATION = "navigation"

_I = re.IGNORECASE

# Phrases that, in a paragraph that does not report speech, mark it as boilerplate.
_STRONG: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, _I))
    for reason, pattern in (
        (PAYWALL, r"\b(?:is|are)?\s*available only (?:to|for) (?:subscribers|members|paid|[\w-]+\+)"),
        (
            PAYWALL,
            r"\b(?:this|the) (?:article|story|content|material) is (?:only )?(?:available )?"
            r"(?:for|to) (?:subscribers|members)",
        ),
        (PAYWALL, r"\b(?:subscribe|log in|sign in) to (?:continue|read|unlock|keep reading)"),
        (PAYWALL, r"\bto (?:continue|keep) reading\b|\balready a (?:subscriber|member)\b"),
        (PAYWALL, r"\b(?:for|exclusive to) subscribers only\b|\bsubscriber[- ]only\b"),
        (PAYWALL, r"материал доступен только|доступно только (?:для )?подписчик"),
        (
            DONATION,
            r"\b(?:make|making|sign(?:ing)? up for) an? (?:recurring |monthly |one-time |small )?"
            r"(?:donation|contribution)\b",
        ),
        (DONATION, r"\b(?:recurring|monthly) donation\b|\bdonate (?:now|today|here|to us)\b"),
        (DONATION, r"\bplease (?:support|donate|help us|consider)\b"),
        (DONATION, r"\bthanks to (?:its|our) readers\b|\bwith (?:the )?(?:help|support) of our readers\b"),
        (DONATION, r"\bbecome an? (?:member|patron|supporter|donor)\b"),
        (
            DONATION,
            r"\bsupport (?:us|our (?:work|journalism|newsroom|reporting)|independent "
            r"(?:journalism|media|press|reporting)|quality journalism|free press)\b",
        ),
        (DONATION, r"\bour journalism (?:is|relies|depends)\b|\breader[- ]funded\b"),
        (
            DONATION,
            r"поддержи(?:те)? (?:нас|редакцию)|оформи(?:те)? (?:ежемесячное )?пожертвование|"
            r"підтримайте (?:нас|редакцію)|задонат",
        ),
        (NEWSLETTER, r"\b(?:sign up|subscribe|register) (?:for|to) (?:our|the|a) [\w'’ -]{0,40}newsletter"),
        (NEWSLETTER, r"\b(?:delivered|straight) to your inbox\b|\bnewsletter sign[- ]?up\b"),
        (
            SUBSCRIPTION,
            r"\bsubscribe (?:now|today|to (?:our|the) [\w'’ -]{0,30}"
            r"(?:channel|podcast|magazine|site|paper|edition))\b",
        ),
        (
            SUBSCRIPTION,
            r"\b(?:get|start|buy) (?:a |your )?(?:digital |unlimited )?(?:subscription|access)"
            r" (?:for|from|today|now)\b",
        ),
        (
            SOCIAL,
            r"\bfollow (?:us|[\w.]+) on (?:twitter|x|facebook|instagram|telegram|tiktok|youtube|"
            r"linkedin|threads|bluesky|mastodon|whatsapp|viber)\b",
        ),
        (
            SOCIAL,
            r"\b(?:join|subscribe to) (?:us|our) (?:on )?(?:telegram|whatsapp|viber|youtube|"
            r"facebook|instagram) ?(?:channel|page|group)?\b",
        ),
        (SOCIAL, r"^share (?:this|on|via)\b|подписывайтесь на (?:наш|нас)|підписуйтес[ья] на (?:наш|нас)"),
        (
            COPYRIGHT,
            r"^(?:©|\(c\)|copyright\b)|\ball rights reserved\b|все права защищены|"
            r"\bmay not be (?:published|reproduced|broadcast|rewritten|redistributed)\b",
        ),
        (
            COOKIE,
            r"\b(?:we|this (?:site|website)) uses? cookies\b|\b(?:accept|manage) (?:all )?cookies\b|"
            r"\bcookie (?:policy|settings|preferences)\b",
        ),
        (
            RELATED,
            r"^(?:read (?:more|also|next)|related(?: (?:articles|stories|coverage|news|content))?|"
            r"see also|more (?:on this|stories|from our)|recommended(?: for you)?|most (?:read|popular)|"
            r"you (?:may|might) (?:also )?like|what to read next|читайте (?:также|також)|по теме|"
            r"смотрите также)\s*[:.—–-]",
        ),
    )
)

# Lines that are nothing but a marker.
_MARKER: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        ADVERTISEMENT,
        re.compile(
            r"^(?:advertisement|advert|sponsored(?: content)?|реклама|"
            r"(?:story )?continues below(?: advertisement)?|"
            r"continue reading (?:the main story|below))\W*$",
            _I,
        ),
    ),
    (
        NAVIGATION,
        re.compile(
            r"^(?:skip to (?:main )?content|back to top|menu|search|log ?in|sign ?in|"
            r"share|print|comments?)\W*$",
            _I,
        ),
    ),
    (
        RELATED,
        re.compile(
            r"^(?:read (?:more|also)|related(?: (?:articles|stories))?|see also|"
            r"most (?:read|popular)|читайте также|читайте також)\W*$",
            _I,
        ),
    ),
)

_QUOTE_MARK = re.compile(r"[\"“”«»„]")
_SPEECH = re.compile(
    r"(?<!\bbe )(?<!\bbeen )(?<!\bbeing )\b(?:said|says|told|tells|according to|stated|states|announced|added|"
    r"reported|claimed|warned|noted|explained|recounted|replied|asked|wrote|denied|confirmed)\b",
    _I,
)
_IMPERATIVE = re.compile(
    r"^(?:please|let['’]s|let us|support|subscribe|donate|sign up|join|follow|share|click|tap|"
    r"download|read|watch|listen|help us|don['’]t miss|stay (?:informed|tuned))\b",
    _I,
)
_READER_ADDRESS = re.compile(
    r"\b(?:our|your) (?:readers|support|subscription|donation|journalism|newsroom)\b|\byou can help\b", _I
)
_LIST_ITEM = re.compile(r"^(?:[-*•·▪◦–]|\d{1,3}[.)])\s+")
_TERMINAL = tuple(".!?\"'”’»…)")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])\s+(?=[\"“«‘(\[]?[A-ZА-ЯЁІЇЄҐ0-9])")

# Short lines with no speech inside a trailing boilerplate block belong to it ("Let's stick
# together for 2025." between two donation paragraphs); longer ones are presumed story.
_WEAK_MAX_WORDS = 15
_HEADLINE_MAX_WORDS = 18


@dataclass(frozen=True, slots=True)
class Verdict:
    """Why a paragraph (or its edge sentences) is boilerplate; ``keep`` is what remains."""

    reason: str | None
    keep: str
    removed: tuple[str, ...] = ()


def reports_speech(text: str) -> bool:
    """Whether a paragraph quotes or attributes words: such paragraphs are story text."""
    return bool(_QUOTE_MARK.search(text) or _SPEECH.search(text))


def is_list_item(text: str) -> bool:
    """Whether a paragraph is a bulleted or numbered list item."""
    return bool(_LIST_ITEM.match(text))


def is_headline_like(text: str) -> bool:
    """A short line with no sentence-final punctuation: a title, teaser or section label."""
    body = _LIST_ITEM.sub("", text).strip()
    return bool(body) and len(body.split()) <= _HEADLINE_MAX_WORDS and not body.endswith(_TERMINAL)


def has_weak_signal(text: str, outlet: str | None = None) -> bool:
    """Signals too weak to remove a paragraph alone but enough when it repeats across articles."""
    if _IMPERATIVE.search(text) or _READER_ADDRESS.search(text) or is_list_item(text):
        return True
    if is_headline_like(text) or len(text.split()) <= 6:
        return True
    return bool(outlet and outlet.casefold() in text.casefold() and not reports_speech(text))


def strong_reason(text: str, outlet: str | None = None) -> str | None:
    """The boilerplate reason a strong phrase gives ``text``, if any."""
    body = _LIST_ITEM.sub("", text).strip()
    for reason, pattern in _MARKER:
        if pattern.match(body):
            return reason
    for reason, pattern in _STRONG:
        if pattern.search(body):
            return reason
    if outlet and re.search(rf"\b(?:support|donate to|subscribe to)\s+{re.escape(outlet)}\b", body, _I):
        return DONATION
    return None


def judge(text: str, outlet: str | None = None) -> Verdict:
    """Judge one paragraph on its own.

    A paragraph that matches a strong pattern and reports no speech is boilerplate whole. One
    that does report speech loses only the matching sentences at its start or end.
    """
    reason = strong_reason(text, outlet)
    if reason is None:
        return Verdict(None, text)
    if not reports_speech(text) or is_list_item(text):
        return Verdict(reason, "", (text,))
    sentences = _SENTENCE_SPLIT.split(text)
    if len(sentences) < 2:
        return Verdict(None, text)
    start, end = 0, len(sentences)
    while start < end and _sentence_is_boilerplate(sentences[start], outlet):
        start += 1
    while end > start and _sentence_is_boilerplate(sentences[end - 1], outlet):
        end -= 1
    if start == 0 and end == len(sentences):
        return Verdict(None, text)
    removed = tuple(sentences[:start] + sentences[end:])
    return Verdict(reason, " ".join(sentences[start:end]), removed)


def _sentence_is_boilerplate(sentence: str, outlet: str | None) -> bool:
    return strong_reason(sentence, outlet) is not None and not reports_speech(sentence)


def split_boilerplate(paragraphs: Sequence[str], *, outlet: str | None = None) -> tuple[list[str], list[Boilerplate]]:
    """Separate an article's story paragraphs from its boilerplate.

    Args:
        paragraphs: The body's paragraphs in order.
        outlet: The outlet's name, when known (self-references strengthen appeals).

    Returns:
        The kept paragraphs, and the removed spans in document order, consecutive paragraphs
        with the same reason merged into one span.
    """
    verdicts = [judge(p, outlet) for p in paragraphs]
    reasons: list[str | None] = [v.reason if not v.keep else None for v in verdicts]
    _mark_teaser_lists(paragraphs, reasons)
    _absorb_trailing_block(paragraphs, reasons)

    kept: list[str] = []
    removed: list[tuple[str, str]] = []
    for paragraph, verdict, reason in zip(paragraphs, verdicts, reasons, strict=True):
        if reason is not None:
            removed.append((reason, paragraph))
            continue
        if verdict.removed and verdict.reason:
            removed.extend((verdict.reason, s) for s in verdict.removed)
        kept.append(verdict.keep)
    return kept, _merge(removed)


def _mark_teaser_lists(paragraphs: Sequence[str], reasons: list[str | None]) -> None:
    """Runs of short headline-like list items near the end, or with paywall lines, are teasers."""
    n = len(paragraphs)
    i = 0
    while i < n:
        if not is_list_item(paragraphs[i]):
            i += 1
            continue
        j = i
        while j < n and is_list_item(paragraphs[j]):
            j += 1
        run = range(i, j)
        headline_like = sum(1 for k in run if is_headline_like(paragraphs[k]) or reasons[k] == PAYWALL)
        teased = any(reasons[k] in (PAYWALL, RELATED) for k in run)
        at_end = all(reasons[k] is not None for k in range(j, n))
        if len(run) >= 3 and headline_like * 3 >= len(run) * 2 and (teased or at_end):
            for k in run:
                reasons[k] = RELATED
        i = j


def _absorb_trailing_block(paragraphs: Sequence[str], reasons: list[str | None]) -> None:
    """Extend boilerplate found at the end over the short lines between and before it.

    Only a block that really ends the article grows: what follows its last flagged paragraph
    must be label-like (no sentence), and a short line joins only when flagged paragraphs
    sit on both sides of it and it reads as an appeal or a label (imperative, reader address,
    no sentence punctuation), so story sentences between two notices stay.
    """
    n = len(paragraphs)
    flagged = [k for k in range(n) if reasons[k] is not None]
    if not flagged:
        return
    last = flagged[-1]
    if not all(_is_label(paragraphs[k]) for k in range(last + 1, n)):
        return
    start = last
    pending: list[int] = []
    for k in range(last - 1, -1, -1):
        if reasons[k] is not None:
            for j in pending:
                reasons[j] = _nearest_reason(reasons, j)
            pending.clear()
            start = k
        elif _is_weak(paragraphs[k]) and (_is_label(paragraphs[k]) or _READER_ADDRESS.search(paragraphs[k])):
            pending.append(k)
        else:
            break
    for k in range(last + 1, n):
        reasons[k] = reasons[last]
    # A teaser list is often introduced by a bare headline or a section label.
    k = start - 1
    while k >= 0 and reasons[start] == RELATED and _is_label(paragraphs[k]):
        reasons[k] = RELATED
        k -= 1


def _is_label(text: str) -> bool:
    return (is_headline_like(text) or bool(_IMPERATIVE.search(text))) and not reports_speech(text)


def _is_weak(text: str) -> bool:
    return len(text.split()) <= _WEAK_MAX_WORDS and not reports_speech(text)


def _nearest_reason(reasons: list[str | None], k: int) -> str:
    for distance in range(1, len(reasons)):
        for j in (k - distance, k + distance):
            if 0 <= j < len(reasons) and reasons[j] is not None:
                return reasons[j]  # type: ignore[return-value]
    return RELATED  # pragma: no cover - a block always has a flagged paragraph


def _merge(removed: list[tuple[str, str]]) -> list[Boilerplate]:
    merged: list[Boilerplate] = []
    for reason, text in removed:
        if merged and merged[-1].reason == reason:
            merged[-1] = Boilerplate(text=f"{merged[-1].text}\n{text}", reason=reason)
        else:
            merged.append(Boilerplate(text=text, reason=reason))
    return merged
