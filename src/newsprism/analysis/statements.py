"""What a claim asserts, read off the dependency parse: subject, predicate, object and modality.

The proposition of a unit is its content clause: a reporting or denial verb ("X said that ...",
"Y denied that ...") is the frame, and the clause it governs is what is asserted or denied. Of
that clause:

* ``predicate``: the verb's lemma; for a copula ("Simpson was the father") the attribute's lemma
  ("father"); for a light verb whose object carries the content ("had nothing to apologize for")
  the content verb ("apologize"); for a denial of a noun ("denied the army's involvement") the noun;
* ``subject`` / ``object``: the logical subject and object (a passive's subject is its object and its
  "by" agent the subject, so "four people were struck" and "a car struck four people" agree), as
  the entity key where the argument is a named entity, else the head noun's lemma; a pronoun is the
  key of the person it resolves to, or None;
* ``modality``: ``future`` (will, shall, going to), ``possible`` (may, might, could, can),
  ``necessary`` (must, should, have to, need to), ``conditional`` (would, or an "if"/"unless"
  clause) or None for a plain assertion.

Only Universal-Dependencies-style labels and lemmas are read, so the same code serves any language
whose pipeline produces them; the word lists are English closed classes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

# Auxiliaries and semi-modals by modality (English closed classes).
FUTURE_AUX = frozenset({"will", "shall", "'ll", "’ll", "wo"})
POSSIBLE_AUX = frozenset({"may", "might", "could", "can", "ca"})
NECESSARY_AUX = frozenset({"must", "should", "ought"})
CONDITIONAL_AUX = frozenset({"would", "'d", "’d"})
CONDITIONAL_MARKS = frozenset({"if", "unless"})
# "have to", "need to", "going to": a verb whose xcomp is the content.
_SEMI_MODALS = {"have": "necessary", "need": "necessary", "go": "future"}
# Light verbs whose object's clause carries the content: "had nothing to hide".
LIGHT_VERBS = frozenset({"have", "do", "make", "take", "give", "get"})
_COPULAS = frozenset({"be"})
_VERB_POS = frozenset({"VERB", "AUX"})
_ADJUNCT_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"})

ArgumentOf = Callable[[Token], str | None]
"""Maps an argument's head token to its value (entity key or lemma), or None."""


@dataclass(frozen=True, slots=True)
class Statement:
    """The proposition of one claim."""

    subject: str | None
    predicate: str | None
    object: str | None
    modality: str | None
    verb: int | None = None  # token index of the content verb


def content_verb(main: Token, span: Span, frames: frozenset[str]) -> Token:
    """The verb of what a unit asserts: below reporting and denial verbs (``frames``), their clause.

    Args:
        main: The unit's main token.
        span: The unit.
        frames: Lemmas of reporting and denial verbs.

    Returns:
        The content verb (``main`` itself when it frames nothing).
    """
    verb = main
    for _ in range(4):
        if verb.lemma_.lower() not in frames:
            break
        comp = next(
            (c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and span.start <= c.i < span.end),
            None,
        )
        if comp is None:
            break
        verb = comp
    return verb


def statement(
    main: Token, span: Span, frames: frozenset[str], argument: ArgumentOf, denials: frozenset[str] = frozenset()
) -> Statement:
    """The subject, predicate, object and modality of a unit.

    Args:
        main: The unit's main token.
        span: The unit.
        frames: Lemmas of reporting and denial verbs (their complement is the content).
        argument: Maps an argument head to its entity key or lemma.
        denials: Lemmas of denial verbs, whose noun object is what is denied.

    Returns:
        The statement; fields the parse does not give are None.
    """
    verb = content_verb(main, span, frames)
    inside = range(span.start, span.end)
    if verb.lemma_.lower() in _SEMI_MODALS:  # "has to leave": the content is the infinitive
        verb = next((c for c in verb.children if c.dep_ == "xcomp" and c.i in inside), verb)
    children = [c for c in verb.children if c.i in inside]
    subject = obj = None
    subj = next((c for c in children if c.dep_ in ("nsubj", "csubj")), None)
    passive = next((c for c in children if c.dep_ == "nsubjpass"), None)
    if passive is not None:
        obj = argument(passive)
        agent = next((c for c in children if c.dep_ == "agent"), None)
        pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
        subject = argument(pobj) if pobj is not None else None
    elif subj is not None:
        subject = argument(subj)
    elif verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        # "has to leave", "apologized and blamed": the subject is the head verb's
        shared = next((c for c in verb.head.children if c.dep_ in ("nsubj", "csubj")), None)
        subject = argument(shared) if shared is not None else None
    predicate = verb.lemma_.lower() if verb.pos_ in _VERB_POS else None
    dobj = next((c for c in children if c.dep_ in ("dobj", "obj")), None)
    attr = next((c for c in children if c.dep_ in ("attr", "acomp")), None)
    if predicate in _COPULAS and attr is not None:
        predicate = attr.lemma_.lower()
        obj = obj or _prep_object(attr, argument)
    elif predicate in denials and dobj is not None and dobj.pos_ == "NOUN":
        # "denied the army's involvement": the denied noun is the predicate, its possessor the subject.
        predicate = dobj.lemma_.lower()
        owner = next((g for g in dobj.children if g.dep_ == "poss"), None)
        subject = argument(owner) if owner is not None else subject
        obj = _prep_object(dobj, argument)
    elif predicate in LIGHT_VERBS and dobj is not None:
        clause = next((g for g in dobj.children if g.dep_ in ("acl", "relcl") and g.pos_ in _VERB_POS), None)
        if clause is not None:
            predicate = clause.lemma_.lower()
        else:
            obj = argument(dobj)
    elif dobj is not None:
        obj = argument(dobj)
    if obj is None and predicate is not None:
        # a prepositional object after the verb ("apologized for the strikes"); one before it is
        # mostly a circumstance ("During the call, ... apologized")
        obj = _prep_object(verb, argument, range(verb.i + 1, span.end))
    return Statement(subject, predicate, obj, modality(verb), verb.i)


def times_verb(tok: Token, verb: int) -> bool:
    """Whether the phrase at ``tok`` (a date) modifies verb ``verb`` directly: the first verb above it
    is that verb (through prepositions and nouns, not through a relative or other clause)."""
    target = tok.doc[verb]
    # "had to apologize Saturday": a date on the semi-modal or control verb times its infinitive
    also = target.head.i if target.dep_ == "xcomp" else verb
    head = tok
    for _ in range(8):
        if head.i in (verb, also):
            return True
        if head.pos_ in _VERB_POS and head.i != tok.i and head.dep_ not in ("aux", "auxpass"):
            return False
        if head.head.i == head.i:
            return False
        head = head.head
    return False


def _prep_object(head: Token, argument: ArgumentOf, inside: range | None = None) -> str | None:
    """The object of the first preposition under ``head`` ("a member of the YMCA" -> the YMCA)."""
    for child in head.children:
        if child.dep_ == "prep" and (inside is None or child.i in inside):
            # a time or place adjunct ("on January 1") is a circumstance, not the object
            pobj = next((g for g in child.children if g.dep_ == "pobj" and g.ent_type_ not in _ADJUNCT_ENTS), None)
            if pobj is not None:
                return argument(pobj)
    return None


def modality(verb: Token) -> str | None:
    """``future``, ``possible``, ``necessary``, ``conditional`` or None for a verb's clause."""
    for child in verb.children:
        if child.dep_ not in ("aux", "auxpass"):
            continue
        low = child.lower_
        if low in FUTURE_AUX:
            return "future"
        if low in POSSIBLE_AUX:
            return "possible"
        if low in NECESSARY_AUX:
            return "necessary"
        if low in CONDITIONAL_AUX:
            return "conditional"
    head = verb.head
    if verb.dep_ == "xcomp" and head.i != verb.i and head.lemma_.lower() in _SEMI_MODALS:
        # "has to leave", "is going to resign" (only with the progressive for "go")
        kind = _SEMI_MODALS[head.lemma_.lower()]
        if kind != "future" or head.tag_ == "VBG":
            return kind
    for child in verb.children:
        if child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in CONDITIONAL_MARKS for g in child.children):
            return "conditional"
    return None
