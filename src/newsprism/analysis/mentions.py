"""Entity mentions from the spaCy parse: clean spans, corrected types, whole facility names.

The small English model's NER is fast but rough at the edges: it includes possessives
("Lukashenko's"), titles ("Mr."), tags a person in apposition to a job as an organisation
("press secretary, Natalya Eismont") and cuts facility names short ("Mozyr" of "Mozyr Oil
Refinery"). These rules repair what the parse makes evident and leave the rest alone.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

# spaCy label -> newsprism entity type (NORP, dates and numbers are not entities here).
ENTITY_TYPES: dict[str, str] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "facility",
    "EVENT": "event",
}

# Nouns for roles that only people hold: a name in apposition to one, or right after one
# ("podcaster Lex Fridman"), is a person whatever the NER said.
PERSON_ROLES = frozenset(
    """
    secretary spokesman spokeswoman spokesperson minister president premier chancellor leader ruler
    dictator adviser advisor aide analyst pundit official chief director journalist reporter
    correspondent editor podcaster host presenter anchor envoy ambassador diplomat politician activist
    lawmaker legislator senator congressman congresswoman governor mayor general commander colonel
    officer judge prosecutor lawyer attorney candidate chairman chairwoman ceo founder economist expert
    professor scientist researcher author writer actor actress singer player coach manager son daughter
    wife husband mother father brother sister widow opponent rival dissident prisoner witness victim
    """.split()
)

# Heads that make a capitalised name a facility ("Mozyr Oil Refinery", "Hoover Dam").
FACILITY_HEADS = frozenset(
    """
    refinery plant airport station bridge port dam stadium hospital prison base mine factory works
    terminal pipeline tower palace cathedral church mosque temple museum arena harbour harbor airbase
    reactor embassy university school
    """.split()
)

# Heads that make a "person" an organisation or polity ("Donetsk People's Republic").
POLITY_HEADS = {
    "republic": "GPE",
    "federation": "GPE",
    "kingdom": "GPE",
    "union": "ORG",
    "party": "ORG",
    "ministry": "ORG",
    "council": "ORG",
    "committee": "ORG",
    "army": "ORG",
    "front": "ORG",
    "movement": "ORG",
    "agency": "ORG",
    "bank": "ORG",
    "court": "ORG",
    "parliament": "ORG",
}

_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "ani")

_TITLES = re.compile(
    r"^(?:(?:mr|mrs|ms|miss|dr|prof|sir|dame|gen|col|capt|lt|sgt|rev|fr|sen|rep|gov|pres|hon)\.?\s+"
    r"|(?:president|prime minister|minister|chancellor|king|queen|prince|princess|pope|general|"
    r"senator|governor|mayor|judge|justice|chairman|secretary|ambassador|speaker)\s+)+",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


@dataclass(frozen=True, slots=True)
class RawMention:
    """An entity mention before names are canonicalised."""

    text: str
    start: int
    end: int
    label: str


def entity_mentions(doc: Doc) -> list[RawMention]:
    """The person, organisation, place, facility and event mentions of a parsed document.

    Returns:
        Mentions in text order with exact character offsets (``doc.text[start:end] == text``),
        titles, possessives and leading articles trimmed, and types repaired.
    """
    text = doc.text  # Doc.text is rebuilt from the tokens on every access: read it once
    found: list[RawMention] = []
    taken: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in ENTITY_TYPES or ent.start in taken or _is_demonym(ent):
            continue
        span, label = _extend_facility(doc, ent)
        taken.update(range(span.start, span.end))
        mention = _clean(text, span, label)
        if mention is not None:
            found.append(mention)
    for span in _unlabelled_facilities(doc, taken):
        mention = _clean(text, span, "FAC")
        if mention is not None:
            found.append(mention)
    found.sort(key=lambda m: m.start)
    return _vote_types(found)


def _is_demonym(ent: Span) -> bool:
    # "Ukrainian President ..." tagged GPE: an adjective is a nationality, not a place.
    if len(ent) != 1 or ent.label_ not in ("GPE", "LOC", "ORG"):
        return False
    token = ent[0]
    return token.tag_ == "JJ" or (token.dep_ in ("amod", "compound") and token.lower_.endswith(_DEMONYM_ENDINGS))


def _unlabelled_facilities(doc: Doc, taken: set[int]) -> list[Span]:
    """Capitalised names ending in a facility head that the NER missed ("Mozyr Oil Refinery")."""
    spans = []
    for token in doc:
        if token.i in taken or token.lower_ not in FACILITY_HEADS or not token.is_title or token.i == 0:
            continue
        start = token.i
        while start > 0 and doc[start - 1].is_title and doc[start - 1].i not in taken and token.i - start < 4:
            if doc[start - 1].is_sent_start and start - 1 == doc[start - 1].sent.start:
                break
            start -= 1
        if start < token.i:
            spans.append(doc[start : token.i + 1])
            taken.update(range(start, token.i + 1))
    return spans


def _extend_facility(doc: Doc, ent: Span) -> tuple[Span, str]:
    if ent[-1].lower_ in FACILITY_HEADS and len(ent) > 1:
        return ent, "FAC"
    for token in ent:
        polity = POLITY_HEADS.get(token.lower_)
        if polity and (ent.label_ == "PERSON" or polity == "GPE"):
            return ent, polity
    end = ent.end
    while end < len(doc) and doc[end].is_title and doc[end].ent_type_ != "PERSON" and end - ent.end < 3:
        if doc[end].lower_ in FACILITY_HEADS:
            return doc[ent.start : end + 1], "FAC"
        end += 1
    if ent.end < len(doc) and doc[ent.end].lower_ in FACILITY_HEADS and ent.label_ in ("GPE", "ORG", "LOC"):
        return doc[ent.start : ent.end + 1], "FAC"
    return ent, _person_by_role(ent) or ent.label_


def _person_by_role(ent: Span) -> str | None:
    if ent.label_ == "PERSON" or len(ent) > 4 or not all(t.is_title or t.is_punct for t in ent):
        return None
    root: Token = ent.root
    if root.dep_ == "appos" and root.head.lemma_.lower() in PERSON_ROLES:
        return "PERSON"
    if any(child.dep_ == "appos" and child.lemma_.lower() in PERSON_ROLES for child in root.children):
        return "PERSON"
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_ in PERSON_ROLES and before.is_lower:
        return "PERSON"
    return None


def _clean(text_of_doc: str, span: Span, label: str) -> RawMention | None:
    tokens = list(span)
    while tokens and (tokens[0].lower_ in {"the", "a", "an"} or tokens[0].is_punct):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in {"'s", "’s", "'", "’"}):
        tokens.pop()
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = text_of_doc[start:end]
    possessive = _POSSESSIVE.search(text)
    if possessive:
        end -= len(possessive.group(0))
    title = _TITLES.match(text_of_doc[start:end])
    if title and title.end() < end - start:
        start += title.end()
    text = text_of_doc[start:end]
    if not any(ch.isalpha() for ch in text):
        return None
    return RawMention(text=text, start=start, end=end, label=label)


def _vote_types(mentions: list[RawMention]) -> list[RawMention]:
    """One surface form, one type: the most frequent, persons winning ties.

    A single word that is the last word of a person's name in the same article ("Fridman"
    after "Lex Fridman", "Łukašenka" after "Alaksandar Łukašenka") is that person.
    """
    surnames = {m.text.split()[-1].casefold() for m in mentions if m.label == "PERSON" and len(m.text.split()) > 1}
    votes: dict[str, Counter[str]] = {}
    for m in mentions:
        votes.setdefault(m.text.casefold(), Counter())[m.label] += 1
    result = []
    for m in mentions:
        key = m.text.casefold()
        if " " not in key and key in surnames:
            best = "PERSON"
        else:
            counts = votes[key]
            best = max(counts.items(), key=lambda item: (item[1], item[0] == "PERSON", item[0] == "FAC"))[0]
        result.append(m if best == m.label else RawMention(m.text, m.start, m.end, best))
    return result
