"""Numbers, quantities and dates in parsed text, normalised so claims can be compared across outlets.

Works from what the spaCy pipeline already computed (entity labels, dependency parse, lemmas):
nothing here parses text again. Every offset is a character offset into the Doc's text, which is
the article's text.

Numbers: ``20,000-strong grouping of Russian forces`` -> 20000 ``troop``; ``some 70,000 troops`` ->
70000 ``troop``; ``$30,000`` -> 30000 ``USD``; ``12.7 percent`` -> 12.7 ``percent``. The unit is the
noun the number counts (see :func:`counted_unit`), lemmatised and mapped through :data:`UNIT_CANON`.
Years and day numbers inside dates are not numbers; durations ("over three hours") are.

Dates: ISO 8601 as far as the text allows (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``); relative dates
("on Sunday", "last spring", "three years ago") are resolved against the publication date when
it is given and the resolution is unambiguous, else the value is None (see :func:`normalize_date`).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta
from spacy.tokens import Doc, Span, Token

from newsprism.models import DateValue, NumberValue

# -- lexicons ----------------------------------------------------------------------------------

# English number words (cardinal): the closed class, so a literal table is complete.
SMALL_NUMBERS: dict[str, int] = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split()
    )
} | {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
# Multipliers, as words and as the abbreviations newswires use ("$5 bn", "30k").
SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "k": 1e3,
    "mn": 1e6,
    "mln": 1e6,
    "bn": 1e9,
    "tn": 1e12,
}
# Denominators of "one-third", "two-thirds".
FRACTIONS: dict[str, int] = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4}
# Currency symbols and names -> ISO 4217 (ruble is RUB: the text rarely says which ruble).
CURRENCY_SYMBOLS: dict[str, str] = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "₴": "UAH"}
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD",
    "usd": "USD",
    "euro": "EUR",
    "eur": "EUR",
    "sterling": "GBP",
    "gbp": "GBP",
    "ruble": "RUB",
    "rouble": "RUB",
    "rub": "RUB",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "uah": "UAH",
    "byn": "BYN",
    "yuan": "CNY",
    "yen": "JPY",
    "zloty": "PLN",
}
# Unit synonyms, so that two outlets counting the same thing get the same unit ("20,000 forces"
# vs "70,000 troops"): military personnel -> "troop", people -> "person", spellings of percent.
UNIT_CANON: dict[str, str] = {
    "force": "troop",
    "troops": "troop",
    "soldier": "troop",
    "serviceman": "troop",
    "servicemen": "troop",
    "servicemember": "troop",
    "personnel": "troop",
    "people": "person",
    "%": "percent",
    "pct": "percent",
    "per cent": "percent",
    "hrs": "hour",
    "hr": "hour",
    "min": "minute",
    "km": "kilometre",
    "kilometer": "kilometre",
}
# Nouns that name a group rather than what is counted: "a 20,000-strong grouping of forces" counts forces.
COLLECTIVE_NOUNS = frozenset(
    "grouping group contingent number total batch crowd column convoy detachment wave team body squad "
    "formation unit".split()
)
# Dependency labels by which a number attaches to the noun it counts (and adjectives in between).
_NUM_LINKS = frozenset({"nummod", "quantmod", "compound", "advmod", "amod", "npadvmod", "nmod"})
# Named-entity labels whose numbers are part of a name ("Article 5", "Su-27"), not quantities.
_NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART", "LANGUAGE"}
)

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())
}
# Northern-hemisphere meteorological seasons: the last month of each (winter spans two years: unresolved).
SEASON_END: dict[str, int] = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11}
# Words after a duration that make it a (relative) date: "three years ago", "a few days after".
AFTER_ANCHORS = frozenset({"ago", "after", "before", "later", "earlier", "prior"})
_AMOUNTS: dict[str, int] = {"a": 1, "an": 1} | SMALL_NUMBERS
# Nouns that make a DATE/TIME entity a duration ("three hours", "five consecutive months").
_FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo"})
_DURATION_UNITS = frozenset({"second", "minute", "hour", "day", "night", "week", "month", "year", "decade", "century"})

# -- regexes (compiled once) ---------------------------------------------------------------------

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_DIGITS_RE = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(k|bn|mn|tn)?$", re.IGNORECASE)
_YEAR_TOKEN_RE = re.compile(r"^(1[89]|20)\d\d$")
_MONTH_RE = re.compile(rf"\b({_MONTH_ALT})\b\.?")
_YEAR_RE = re.compile(r"(?<![\d,.])(1[5-9]\d\d|20\d\d)(?![\d,]|s\b)")
_DAY_RE = re.compile(r"(?<![\d,.:])(\d{1,2})(?:st|nd|rd|th)?(?![\d:])")
_LAST_RE = re.compile(r"\b(last|past|previous)\b")
_NEXT_RE = re.compile(r"\b(next|coming)\b")
_ISO_RE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_NUMERIC_DATE_RE = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")
_WEEKDAY_RE = re.compile(
    r"\b(?:(last|next|this|past|coming)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b"
)
_TODAY_RE = re.compile(r"\b(today|tonight|this (?:morning|afternoon|evening))\b")
_YESTERDAY_RE = re.compile(r"\b(yesterday|last night)\b")
_TOMORROW_RE = re.compile(r"\btomorrow\b")
_PERIOD_RE = re.compile(r"\b(last|previous|this|next|coming)\s+(week|month|year)\b")
_SEASON_RE = re.compile(r"\b(last|this|next|past)\s+(spring|summer|autumn|fall|winter)\b")
_AGO_RE = re.compile(r"\b(a|an|\d+|" + "|".join(SMALL_NUMBERS) + r")\s+(day|week|month|year|decade)s?\s+ago\b")
_DATE_ANCHOR_RE = re.compile(
    rf"\b({_MONTH_ALT}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|yesterday"
    r"|tomorrow|ago|last|next|this|earlier|since|spring|summer|autumn|fall|winter)\b|\d{4}"
)
_DAY_WORD_RE = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|yesterday|tomorrow)\b"
)


# -- numbers -----------------------------------------------------------------------------------


def find_numbers(doc_or_span: Doc | Span) -> list[NumberValue]:
    """Numbers and quantities in a Doc or Span, each with its value and the noun it counts.

    Reads numerals (``20,000``, ``1.5``, ``30k``), number words (``three``, ``a dozen``, ``one
    hundred and twenty``) and multipliers (``1.5 million``), whether or not the NER tagged them.
    Numbers that belong to a date ("2022" of "Feb. 24, 2022", "nearly three years ago"), ordinals,
    and numbers inside names ("Article 5") are skipped; durations ("over three hours") are kept.

    Args:
        doc_or_span: A parsed Doc or a Span of one (a sentence, a claim).

    Returns:
        The numbers in text order; offsets index the Doc's text.
    """
    doc = doc_or_span.doc if isinstance(doc_or_span, Span) else doc_or_span
    lo, hi = (doc_or_span.start, doc_or_span.end) if isinstance(doc_or_span, Span) else (0, len(doc))
    blocked = _blocked_tokens(doc_or_span)
    found: list[NumberValue] = []
    i = lo
    while i < hi:
        tok = doc[i]
        if i in blocked or tok.ent_type_ in _NAME_LABELS or not _starts_number(tok, hi):
            i += 1
            continue
        end, value = _read_number(doc, i, hi)
        if value is None or _is_pronominal_one(doc, i, end) or _is_bare_year(doc, i, end):
            i = max(end, i + 1)
            continue
        first, last, unit = _attach_unit(doc, i, end - 1, hi)
        start_char = doc[first].idx
        end_char = doc[last].idx + len(doc[last].text)
        counted = counted_noun(doc, first, last, unit)
        found.append(NumberValue(doc[first : last + 1].text, start_char, end_char, value, unit, counted))
        i = max(end, last + 1)
    return found


def _blocked_tokens(doc_or_span: Doc | Span) -> set[int]:
    """Tokens that cannot start a number: inside ordinals, dates and clock times (not durations)."""
    blocked: set[int] = set()
    for ent in doc_or_span.ents:
        if ent.label_ == "ORDINAL" or (ent.label_ in ("DATE", "TIME") and _date_kind(ent) != "duration"):
            blocked.update(range(ent.start, ent.end))
    return blocked


def _kind(tok: Token) -> tuple[str, float] | None:
    """Classify a token as part of a number: ("digit"|"word"|"scale"|"dozen", value) or None."""
    low = tok.lower_
    if low in SMALL_NUMBERS:
        return "word", float(SMALL_NUMBERS[low])
    if low in SCALES:
        return "scale", SCALES[low]
    if low == "dozen":
        return "dozen", 12.0
    if low == "m" and tok.ent_type_ == "MONEY":  # "$1.5m": only money makes a bare "m" a million
        return "scale", 1e6
    m = _DIGITS_RE.match(tok.text)
    if m is None:
        return None
    value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
    if m.group(3):
        return "scaled", value * SCALES[m.group(3).lower()]
    return "digit", value


def _starts_number(tok: Token, hi: int) -> bool:
    kind = _kind(tok)
    if kind is not None:
        return kind[0] in ("digit", "word", "scaled")
    # "a dozen", "a hundred", "a million"
    if tok.lower_ in ("a", "an") and tok.i + 1 < hi:
        nxt = _kind(tok.doc[tok.i + 1])
        return nxt is not None and nxt[0] in ("dozen", "scale")
    return False


def _read_number(doc: Doc, i: int, hi: int) -> tuple[int, float | None]:
    """Read one number starting at token ``i``; return (end token, value) with the usual
    words-to-number accumulation (current group times scale, added to the total)."""
    total, current, last = 0.0, 0.0, ""
    k = i
    if doc[k].lower_ in ("a", "an"):
        current, last, k = 1.0, "word", k + 1
    while k < hi:
        tok = doc[k]
        kind = _kind(tok)
        if kind is None:
            # "twenty-five", "one-third", "one hundred and five"
            nxt = _kind(doc[k + 1]) if k + 1 < hi else None
            if tok.text == "-" and last == "word" and not doc[k - 1].whitespace_ and not tok.whitespace_:
                if nxt is not None and nxt[0] == "word":
                    k += 1
                    continue
                if k + 1 < hi and doc[k + 1].lower_ in FRACTIONS:
                    return k + 2, (total + current) / FRACTIONS[doc[k + 1].lower_]
            if tok.lower_ == "and" and last == "scale" and nxt is not None and nxt[0] == "word":
                k += 1
                continue
            if _spaced_thousands(doc, k, hi, last, current):
                current = current * 1000 + float(doc[k + 1].text)  # "2, 129 points" is 2129
                k += 2
                continue
            break
        name, value = kind
        compound_word = name == "word" and last == "word" and current % 10 == 0 and current >= 20 and value < 10
        if name in ("digit", "scaled", "word") and last in ("digit", "scaled", "word") and not compound_word:
            break  # "20 30" or "5 three" are two numbers; "twenty five" is one
        if name in ("digit", "scaled") and last == "scale":
            break
        if name in ("scale", "dozen"):
            if not last:
                break
            if value >= 1e3:
                total += (current or 1.0) * value
                current = 0.0
            else:
                current = (current or 1.0) * value
        else:
            current += value
        last = "scale" if name == "scaled" else name
        k += 1
    if not last or k == i:
        return max(k, i + 1), None
    return k, total + current


def _spaced_thousands(doc: Doc, k: int, hi: int, last: str, current: float) -> bool:
    """A thousands separator followed by a space ("2, 129"), as in text rebuilt from tokens or OCR:
    a comma between a 1-3 digit number and a group of exactly three digits that ends the number."""
    if doc[k].text != "," or last != "digit" or not 1 <= current < 1000 or current != int(current):
        return False
    if doc[k - 1].whitespace_ or k + 1 >= hi or not re.fullmatch(r"\d{3}", doc[k + 1].text):
        return False
    after = doc[k + 2] if k + 2 < hi else None
    # "1, 2, 3" lists and "5, 100 and 200" stay apart: the group must not be followed by another number
    return after is None or (after.text not in (",", "and", "or") and _kind(after) is None)


def _is_pronominal_one(doc: Doc, i: int, end: int) -> bool:
    """Whether a lone "one" is a pronoun ("the one launching them", "one of the largest"), not a count."""
    tok = doc[i]
    if end - i != 1 or tok.lower_ != "one":
        return False
    prev = doc[i - 1].lower_ if i > 0 else ""
    return prev in ("the", "that", "this", "which", "every", "any", "no") or tok.dep_ not in ("nummod", "quantmod")


def _is_bare_year(doc: Doc, i: int, end: int) -> bool:
    """A year the NER missed ("in 2022", "since 1994"): not a quantity."""
    if end - i != 1 or not _YEAR_TOKEN_RE.match(doc[i].text):
        return False
    prev = doc[i - 1].lower_ if i > 0 else ""
    return prev in ("in", "since", "by", "until", "from", "to", "of", "before", "after", "early", "late", "mid")


def _attach_unit(doc: Doc, first: int, last: int, hi: int) -> tuple[int, int, str | None]:
    """Widen the number over its currency symbol or percent word and find its unit.

    Returns:
        (first token, last token, unit) of the number as reported.
    """
    if first > 0:
        sym = doc[first - 1].lower_
        if sym in CURRENCY_SYMBOLS:
            return first - 1, last, CURRENCY_SYMBOLS[sym]
    if last + 1 < len(doc):
        nxt = doc[last + 1]
        low = nxt.lower_
        if low in ("%", "percent", "pct"):
            return first, last + 1, "percent"
        if low == "per" and last + 2 < len(doc) and doc[last + 2].lower_ == "cent":
            return first, last + 2, "percent"
        if low == "percentage" and last + 2 < len(doc) and doc[last + 2].lemma_.lower() == "point":
            return first, last + 2, "percentage point"
        code = CURRENCY_WORDS.get(nxt.lemma_.lower()) or CURRENCY_WORDS.get(low)
        if code is not None:
            return first, last + 1, code
    # The last token usually carries the attachment ("million" of "1.5 million"); parses of long
    # number words ("one hundred and twenty") may hang the noun on an earlier one.
    for k in range(last, first - 1, -1):
        unit = counted_unit(doc[k])
        if unit is not None:
            return first, last, unit
    return first, last, None


def counted_unit(number: Token) -> str | None:
    """The unit of a number: the noun it counts, lemmatised and canonicalised.

    The rule: climb from the number's last token through the links by which numerals attach
    (``nummod``, ``quantmod``, ``compound``; ``advmod``/``amod`` for "20,000-strong") and any
    adjectives in between to the first noun; when that noun names a group ("grouping", "number",
    "contingent") and has an "of" complement, the complement is what is counted. A number that
    heads its own phrase ("70,000 of the troops") takes its "of" complement. The noun's lemma is
    lower-cased and mapped through :data:`UNIT_CANON` (forces/troops/soldiers -> "troop").

    Args:
        number: The last token of the number ("million" of "1.5 million").

    Returns:
        The unit, or None when the number counts nothing named (``20,000 crossed``).
    """
    noun: Token | None = None
    head = number
    for _ in range(4):
        if head.dep_ not in _NUM_LINKS or head.head.i == head.i:
            break
        head = head.head
        if head.pos_ in ("NOUN", "PROPN") and _kind(head) is None:
            if head.i < number.i and head.i == number.i - 1 and number.dep_ in ("nummod", "appos", "npadvmod"):
                return None  # a label after its noun ("version 7", "Room 101"), not a count
            noun = head
            break
        if head.pos_ not in ("ADJ", "NUM", "ADV"):
            break
    if noun is None:
        noun = _of_complement(number)
    elif noun.lemma_.lower() in COLLECTIVE_NOUNS:
        noun = _of_complement(noun) or noun
    if noun is None:
        return None
    lemma = noun.lemma_.lower() if noun.pos_ == "NOUN" else noun.lower_
    return CURRENCY_WORDS.get(lemma) or UNIT_CANON.get(lemma, lemma)


# Prepositions that name what an amount or share is about: "$5.7 billion for the wall", "12 percent of
# voters", "a tax on imports".
_ABOUT_PREPS = frozenset({"for", "of", "on", "in", "to"})
# Units that measure something else (money, shares, measures): their counted noun is what they are about.
_MEASURE_UNITS = frozenset({"percent", "percentage point"}) | set(CURRENCY_WORDS.values())


def counted_noun(doc: Doc, first: int, last: int, unit: str | None) -> str | None:
    """What a quantity is about, whatever its unit: the thing counted or paid for.

    A plain count counts its unit noun ("four people struck" -> ``person``, "50,000 pages" ->
    ``page``). Money and shares are about the object of a "for"/"of"/"on" phrase on the amount
    ("$5.7 billion for the wall" -> ``wall``, "12 percent of voters" -> ``voter``), or on the verb
    whose object the amount is ("sought $5.7 billion for a wall"). Other measures: None.

    Args:
        doc: The parsed Doc.
        first: The number's first token (its currency symbol included).
        last: The number's last token.
        unit: The unit found for it.

    Returns:
        The lemma of what is counted, or None.
    """
    if unit is not None and unit not in _MEASURE_UNITS:
        return unit
    if unit is None:
        return None
    head = doc[last]
    for _ in range(4):  # the head of the amount's phrase: the token whose head lies outside it
        if not first <= head.head.i <= last or head.head.i == head.i:
            break
        head = head.head
    if head.head.pos_ in ("NOUN",) and head.dep_ in _NUM_LINKS and head.head.i == last + 1:
        head = head.head  # "12 percent" -> "percent" is the phrase head
    for holder in (head, head.head):
        for child in holder.rights:
            if child.dep_ == "prep" and child.lower_ in _ABOUT_PREPS and child.i > last:
                obj = next((g for g in child.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")), None)
                if obj is not None:
                    lemma = obj.lemma_.lower() if obj.pos_ == "NOUN" else obj.lower_
                    return UNIT_CANON.get(lemma, lemma)
        if head.dep_ not in ("dobj", "obj", "attr", "nsubjpass", "nsubj"):
            break
    return None


def _of_complement(head: Token) -> Token | None:
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                    return obj
    return None


# -- dates -------------------------------------------------------------------------------------


def find_dates(span: Doc | Span, published: str | None = None) -> list[DateValue]:
    """Dates in a Doc or Span (DATE entities, and TIME entities naming a day), normalised to ISO.

    Pure durations ("three hours", "for five months") are not dates: :func:`find_numbers` reports
    them. A duration followed by "ago", "after", "before" or "later" is a relative date and its text
    includes that word ("a few days after").

    Args:
        span: A parsed Doc or a Span of one.
        published: The article's publication date (ISO 8601), used to resolve relative dates.

    Returns:
        The dates in text order; offsets index the Doc's text. ``value`` is None where the text
        gives no resolvable date.
    """
    doc = span.doc if isinstance(span, Span) else span
    pub = parse_published(published)
    found: list[DateValue] = []
    for ent in span.ents:
        if _date_kind(ent) != "date":
            continue
        end_tok = ent.end
        if end_tok < len(doc) and doc[end_tok].lower_ in AFTER_ANCHORS:
            end_tok += 1
        start_char = ent.start_char
        end_char = doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
        text = doc[ent.start : end_tok].text  # Doc.text would rebuild the whole text
        found.append(DateValue(text, start_char, end_char, normalize_date(text, pub, future=_is_future(ent))))
    return found


def parse_published(published: str | None) -> date | None:
    """The publication date as a ``date``, or None when absent or unreadable.

    Args:
        published: ISO 8601 (``2025-01-07``, ``2025-01-07T10:00:00Z``) or any date dateutil reads.

    Returns:
        The date, or None.
    """
    if not published:
        return None
    for parse in (date_parser.isoparse, date_parser.parse):
        try:
            parsed: date = parse(published).date()
        except (ValueError, OverflowError, TypeError):
            continue
        return parsed
    return None


def _date_kind(ent: Span) -> str | None:
    """Classify a DATE/TIME entity: "date" (possibly relative), "duration" (a span of time) or None."""
    if ent.label_ not in ("DATE", "TIME"):
        return None
    low = ent.text.lower()
    after = ent.doc[ent.end].lower_ if ent.end < len(ent.doc) else ""
    if ent.label_ == "TIME":
        # Clock times ("10 a.m.") are neither; "Sunday night" names a day.
        if _DAY_WORD_RE.search(low):
            return "date"
        return "duration" if any(t.lemma_ in _DURATION_UNITS for t in ent) else None
    if after in AFTER_ANCHORS or _DATE_ANCHOR_RE.search(low):
        return "date"
    if all(_kind(t) is not None for t in ent):
        return None  # a bare number the NER took for a date ("30k")
    return "duration" if any(t.lemma_.lower() in _DURATION_UNITS for t in ent) else "date"


def _is_future(ent: Span) -> bool:
    """Whether the verb governing a date is future ("will meet on Friday")."""
    head = ent.root
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
            break
        head = head.head
    return any(child.dep_ == "aux" and child.lower_ in _FUTURE_AUX for child in head.children)


def normalize_date(text: str, published: date | None = None, *, future: bool = False) -> str | None:
    """Normalise a date expression to ISO 8601 (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``).

    Rules, in order:

    * explicit dates: ``Feb. 24, 2022`` / ``24 February 2022`` / ``2022-02-24`` -> ``2022-02-24``;
      ``February 2022`` -> ``2022-02``; ``in 2022``, ``the spring of 2024``, ``early 2023`` -> the year;
      ranges (two months or two years: ``2014-2022``, ``January-July``) -> None;
    * day and month without a year (``January 6``) -> the year that puts the date nearest the
      publication date; a month alone (``in February``) likewise (``last``/``next`` pick the
      previous or following one); without a publication date -> None (no partial dates);
    * relative to the publication date: ``today``, ``yesterday``, ``tomorrow``; weekdays (``on
      Sunday``: the latest such day on or before publication, or the next one for future tense or
      ``next``); ``last/this/next year|month``; ``last/this/next spring|summer|autumn`` -> the year;
      ``N days|weeks ago`` -> the day, ``N months ago`` -> the month, ``N years ago`` -> the year;
    * anything else (``a few days after``, ``last week``, ``the 1990s``, ``winter``) -> None.

    Args:
        text: The date as written.
        published: The publication date, for relative dates.
        future: Whether the date's clause is in the future tense (for bare weekdays).

    Returns:
        The ISO value, or None.
    """
    try:
        return _normalize(text.lower(), published, future)
    except (ValueError, OverflowError):  # impossible dates ("February 30, 2022"), absurd offsets
        return None


def _normalize(low: str, pub: date | None, future: bool) -> str | None:
    m = _ISO_RE.search(low)
    if m:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    m = _NUMERIC_DATE_RE.search(low)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if a > 12 >= b or a == b:  # 24.02.2022: day first
            return date(y, b, a).isoformat()
        if b > 12 >= a:  # 02/24/2022: month first
            return date(y, a, b).isoformat()
        return None  # 03/04/2022: ambiguous
    months = {MONTHS[g] for g in _MONTH_RE.findall(low)}
    years = {int(y) for y in _YEAR_RE.findall(low)}
    if len(months) > 1 or len(years) > 1:
        return None
    month = next(iter(months), None)
    year = next(iter(years), None)
    if month is not None:
        rest = _YEAR_RE.sub(" ", low)
        days = [int(d) for d in _DAY_RE.findall(rest) if 1 <= int(d) <= 31]
        day = days[0] if len(days) == 1 else None
        if year is not None:
            return date(year, month, day).isoformat() if day else f"{year:04d}-{month:02d}"
        if pub is None:
            return None
        if day is not None:
            return _nearest_day(month, day, pub).isoformat()
        return _nearest_month(month, pub, low)
    if year is not None:
        return f"{year:04d}"
    if pub is None:
        return None
    return _relative(low, pub, future)


def _year(year: int) -> str:
    """A year as ISO text; ValueError outside what ``date`` supports (absurd offsets)."""
    return f"{date(year, 1, 1).year:04d}"


def _nearest_day(month: int, day: int, pub: date) -> date:
    candidates = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:  # February 29 in a common year
            continue
    if not candidates:
        raise ValueError("no such day")
    # Ties go to the past: news mostly reports what happened.
    return min(candidates, key=lambda d: (abs((d - pub).days), d > pub))


def _nearest_month(month: int, pub: date, low: str) -> str:
    if _LAST_RE.search(low):
        year = pub.year if month < pub.month else pub.year - 1
    elif _NEXT_RE.search(low):
        year = pub.year if month > pub.month else pub.year + 1
    else:
        here = pub.year * 12 + pub.month
        year = min((pub.year - 1, pub.year, pub.year + 1), key=lambda y: (abs(y * 12 + month - here), y > pub.year))
    return f"{year:04d}-{month:02d}"


def _relative(low: str, pub: date, future: bool) -> str | None:
    if _TODAY_RE.search(low):
        return pub.isoformat()
    if _YESTERDAY_RE.search(low):
        return (pub - timedelta(days=1)).isoformat()
    if _TOMORROW_RE.search(low):
        return (pub + timedelta(days=1)).isoformat()
    m = _WEEKDAY_RE.search(low)
    if m:
        modifier, weekday = m.group(1), WEEKDAYS[m.group(2)]
        if modifier in ("next", "coming") or (future and modifier is None):
            delta = (weekday - pub.weekday()) % 7 or (7 if modifier else 0)
            return (pub + timedelta(days=delta)).isoformat()
        delta = (pub.weekday() - weekday) % 7 or (7 if modifier in ("last", "past") else 0)
        return (pub - timedelta(days=delta)).isoformat()
    m = _PERIOD_RE.search(low)
    if m:
        shift = {"last": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[m.group(1)]
        if m.group(2) == "year":
            return _year(pub.year + shift)
        if m.group(2) == "month":
            moved = pub + relativedelta(months=shift)
            return f"{moved.year:04d}-{moved.month:02d}"
        return None  # a week is not an ISO date at this precision
    m = _SEASON_RE.search(low)
    if m:
        if m.group(2) == "winter":
            return None  # spans two years
        end_month = SEASON_END[m.group(2)]
        modifier = m.group(1)
        if modifier in ("last", "past"):
            return _year(pub.year if pub.month > end_month else pub.year - 1)
        return _year(pub.year + (1 if modifier == "next" else 0))
    m = _AGO_RE.search(low)
    if m:
        amount = int(m.group(1)) if m.group(1).isdigit() else _AMOUNTS[m.group(1)]
        unit = m.group(2)
        if unit == "day":
            return (pub - timedelta(days=amount)).isoformat()
        if unit == "week":
            return (pub - timedelta(weeks=amount)).isoformat()
        if unit == "month":
            moved = pub - relativedelta(months=amount)
            return f"{moved.year:04d}-{moved.month:02d}"
        if unit == "year":
            return _year(pub.year - amount)
    return None
