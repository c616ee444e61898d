"""Rules over the dependency parse: cue verbs, speaker spans and pronoun resolution for quotes.

These rules complement the trained tagger (:mod:`newsprism.analysis.quotes_model`): they find the
speaker of a quotation-marked quote from the speech verb next to it ("…,” she said; He told me: “…”;
According to X, “…”), the speaker of a quote nested inside another one, and resolve pronoun speakers
to the nearest preceding PERSON mention (a light coreference).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

SPEECH_LEMMAS = frozenset(
    """say tell add ask reply write explain state note continue recount highlight emphasize emphasise insist
    argue claim declare warn tweet post answer respond remark comment acknowledge admit announce suggest
    conclude recall quip joke shout yell scream whisper testify report complain lament confirm deny
    mention observe predict promise repeat reiterate stress urge caution tout boast concede counter
    retort write describe put agree disagree believe think say assert allege charge contend""".split()
)
# Verbs that head attribution cues in PolNeAR train: lemmas of at least 5 gold cues that are a cue in at
# least 20% of their uses as a verb (counted over the spaCy parse of the 780 train articles). A quote
# whose content is a bare noun phrase ("openly supports | Russian aggression") is kept only with one
# of these (or a SPEECH_LEMMAS) cue; "pronounced | some phrases" and "answered | Fridman's question"
# are not attributions.
ATTRIBUTION_LEMMAS = frozenset(
    """accord accuse acknowledge acquiesce add admit advocate agree aim alarm allege allude anger announce
    answer apologize appear applaud appoint approve argue articulate ask assail assert assure attack attempt
    attribute back balk be believe bemoan blame blast boast boo brag brush call cast caution challenge
    champion chant characterize charge cheer chide cite claim clarify comment complain concede concern
    conclude condemn confirm congratulate consider contemplate contend continue contrast convince counter
    credit criticize cry debate decide declare decline decry deem defend demand denounce deny deride
    describe detail devote disagree disavow disclose discuss dislike dismiss display dispute distance
    document double doubt dub echo email embrace emphasize encourage endorse enjoy envision estimate expect
    experience explain expose express favor fear find fire focus forecast frame guess hail highlight hint
    hop hope identify ignore imagine imply indicate inform insist intend interject interpret introduce
    invoke issue joke label lambast lament lash launch lay learn like liken line list mention message mock
    mount name nominate note observe offer oppose order outline paint persuade pivot plan plead pledge
    point portray position post praise predict prefer present press proclaim project promise promote
    propose protest publish push question quote rail rattle react read reaffirm realize rebuff rebuke
    recall recite recognize recommend recount refer reference refuse regard reiterate reject release
    remark remember remind renew repeat reply report request resist respond restrict retweete reveal rip
    rule say seek seem sense share shout show shrug side sign signal single slam sound spar speculate
    state stress sue suggest support suspect talk tell testify thank threaten title tout tweet underscore
    unveil urge view voice vouch vow warn weigh welcome witness wonder worry write yell""".split()
)
# Verbs whose direct object is the message itself, so that a bare noun phrase after them reports
# content: "denied | any involvement", "announced | a ceasefire", "estimated | their number at
# 70,000", "called for | an inquiry". A general lexicon of verbs of communicating a proposition,
# request or forecast; stance and topic verbs ("support", "recognize", "apologize for", "answer",
# "cite", "question") are not in it.
MESSAGE_LEMMAS = frozenset(
    """deny confirm announce disclose reveal report claim allege predict forecast estimate project promise
    pledge vow propose demand request recommend urge call declare""".split()
)
PRONOUNS = frozenset("he she they i we it him her them me us you his hers its their".split())
RESOLVABLE = frozenset("he she him her his hers".split())
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_MAX_SPEAKER_TOKENS = 14
_CLIMB_DEPS = frozenset({"conj", "xcomp", "ccomp", "advcl", "pcomp"})
# "they"/"we" stand for people: a group named by its members' affiliation ("Democrats") or an
# organisation of people ("the campaign … they said"), never a place; "it" stands for an
# organisation or a government named by its country. Dropping ORG for "they" cost 6 right speakers
# of 1,431 on PolNeAR dev and 1 of 528 on held-out train; GPE for "they" gained none on either.
PLURAL_PRONOUNS = frozenset("they them we us their".split())
NEUTER_PRONOUNS = frozenset("it its".split())
GROUP_LABELS = frozenset({"NORP", "ORG"})
NEUTER_LABELS = frozenset({"ORG", "GPE"})
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
# Common given names whose gender the ending does not tell (English and Slavic transliterations).
FEMALE_GIVEN = frozenset(
    """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa margaret betty
    sandra ashley dorothy kimberly emily donna michelle carol amanda melissa deborah stephanie rebecca laura
    sharon cynthia kathleen amy shirley angela helen anna brenda pamela nicole ruth katherine samantha
    christine emma catherine debra virginia rachel carolyn janet maria heather diane julie joyce victoria
    kelly christina joan evelyn lauren judith olivia megan cheryl martha andrea frances hannah jacqueline
    ann jean alice kathryn gloria teresa doris sara janice julia marie madison grace judy theresa beverly
    denise marilyn amber danielle abigail brittany rose diana natalie sophia alexis lori kayla jane
    hillary kamala nikki condoleezza madeleine nancy ursula angela theresa kaja giorgia marine elise
    natalya natalia nataliya natalie svetlana sviatlana sviatlana tatiana tatyana tetiana yulia yuliya
    iulia olga olha volha irina iryna iryna elena yelena olena alena alyona maria mariya lyudmila liudmyla
    galina halyna valentina nadezhda nadiya larisa larysa marina oksana inna ekaterina yekaterina kateryna
    anastasia anastasiya daria darya veronika viktoria viktoriya ksenia kseniya zoya nina vera lidia
    alla raisa tamara lyubov liubov lyubov sofia sofiya anzhela antonina valeria polina ulyana
    sviatlana maryna hanna ganna alesia alesya sviatlana natallia katsiaryna maryia palina iryna
    ingrid agnieszka malgorzata katarzyna ewa beata dorota joanna marta monika zuzana""".split()
)
MALE_GIVEN = frozenset(
    """james john robert michael william david richard joseph thomas charles christopher daniel matthew
    anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason
    jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel
    gregory frank alexander raymond patrick jack dennis jerry tyler aaron jose adam henry nathan douglas
    zachary peter kyle walter ethan jeremy harold keith christian roger noah gerald carl terry sean austin
    arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie gabriel logan alan juan wayne
    roy ralph randy eugene vincent russell elijah louis bobby philip johnny barack bill mitt ted
    marco bernie rand jeb chris mike lex boris emmanuel olaf recep xi
    volodymyr vladimir volodya vova aleksandr alexandr oleksandr aliaksandr alaksandar alyaksandr sasha
    sergei sergey serhiy serhii siarhei dmitry dmitri dmytro mikhail mykhailo misha andrei andriy andrey
    alexei alexey oleksiy aliaksei yevgeny evgeny yevhen ivan nikolai mykola mikalai pavel pavlo viktor
    yuri yuriy yury igor ihor oleg oleh vitaly vitalii vitali valery valeriy anatoly anatolii petro pyotr
    petr ilya illia nikita kuzma foma konstantin kostiantyn maxim maksym roman ruslan vadim vadym vasily
    vasyl stepan taras bohdan bogdan denis denys artem artyom kirill leonid gennady hennadiy arseniy
    arseny rustem ramzan yevgeniy grigory hryhoriy fyodor fedir lukasz piotr jaroslaw andrzej tomasz
    mateusz donald radoslaw""".split()
)
_FEMININE_END = re.compile(r"(?:ov|ev|yov|in|yn|sk|ck|tsk|zk|sh)(?:a|aya|aja)$|(?:aya|iya|ya|ia)$")
_MASCULINE_SURNAME = re.compile(r"(?:ov|ev|yov|in|yn)$|(?:sk|ck|tsk|zk)(?:y|i|ii|iy|yi|ij)$")
_FEMININE_SURNAME = re.compile(r"(?:ov|ev|yov|in|yn|sk|ck|tsk|zk)(?:a|aya|aja)$")


@dataclass(frozen=True, slots=True)
class CueMatch:
    """A cue and the speaker mention it points to, in token offsets.

    Attributes:
        cue_start: First token of the cue.
        cue_end: Token just past the cue.
        speaker_start: First token of the speaker mention, or ``None``.
        speaker_end: Token just past the speaker mention, or ``None``.
    """

    cue_start: int
    cue_end: int
    speaker_start: int | None
    speaker_end: int | None


def is_speech_verb(token: Token) -> bool:
    """Whether ``token`` is a verb of saying (by lemma).

    Args:
        token: A parsed token.

    Returns:
        ``True`` for verbs like said, told, added, replied.
    """
    return token.lemma_.lower() in SPEECH_LEMMAS and token.pos_ in ("VERB", "AUX")


def subject_span(verb: Token) -> tuple[int, int] | None:
    """The subject mention of ``verb``, climbing clause links up to the first verb that has one.

    "Trump tweeted, saying …" gives Trump for "saying"; "Clinton, saying …" (a participle attached to
    a noun) gives Clinton; "a judge who said …" gives "a judge" rather than "who".

    Args:
        verb: A verb token.

    Returns:
        Token offsets (start, end) of the subject noun phrase, or ``None``.
    """
    head: Token | None = verb
    for _ in range(4):
        if head is None:
            return None
        subjects = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            at = head.i
            child = min(subjects, key=lambda c: abs(c.i - at))  # "Update: X, told" has two
            if child.lower_ in ("who", "which", "that") and head.dep_ == "relcl":
                return noun_phrase_core(head.head)
            return noun_phrase(child)
        if head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN"):
            return noun_phrase_core(head.head)
        up = head.head if head.dep_ in _CLIMB_DEPS and head.head is not head else None
        if up is not None and head.tag_ == "VBG" and head.dep_ == "advcl" and up.dep_ == "ccomp":
            # "X warned that Y would face Z, claiming …": a participle after a reported clause
            # belongs to the reporting clause (X claims), not to the reported one (Y)
            up = up.head if up.head is not up else up
        head = up
    return None


def noun_phrase_core(head: Token) -> tuple[int, int]:
    """The head noun with its compounds, determiners and adjectives (no clauses).

    Args:
        head: The head noun.

    Returns:
        Token offsets (start, end).
    """
    left = head.i
    for child in head.lefts:
        if child.dep_ in ("compound", "amod", "det", "poss", "nmod"):
            left = min(left, child.left_edge.i)
    return left, head.i + 1


def noun_phrase(head: Token) -> tuple[int, int]:
    """The noun phrase of ``head``: its subtree, cut down to compounds and modifiers when long.

    Args:
        head: The head noun or pronoun.

    Returns:
        Token offsets (start, end).
    """
    start, end = head.left_edge.i, head.right_edge.i + 1
    if end - start <= _MAX_SPEAKER_TOKENS:
        doc = head.doc
        while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
            start += 1
        return start, end
    return noun_phrase_core(head)


def according_to(token: Token) -> tuple[int, int] | None:
    """The speaker of "according to X" when ``token`` is "according".

    Args:
        token: A token.

    Returns:
        Token offsets of X, or ``None``.
    """
    if token.lower_ != "according":
        return None
    for child in token.children:
        if child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return noun_phrase(obj)
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        for obj in nxt.children:
            if obj.dep_ == "pobj":
                return noun_phrase(obj)
    return None


def _is_boundary(token: Token) -> bool:
    return token.text in (".", "!", "?") or "\n" in token.text


def _introduces_quote(doc: Doc, i: int) -> bool:
    """Whether the verb at ``i`` is followed closely by an opening mark (it introduces the next quote)."""
    return any(t.text in ("“", "«", "„", "‘", ":") for t in doc[i + 1 : i + 5])


def cue_after(doc: Doc, close_tok: int, limit: int = 8) -> CueMatch | None:
    """A speech verb right after a quote ("…,” she said / “…,” said the spokesman).

    Args:
        doc: The parsed Doc.
        close_tok: Index of the closing quotation mark token.
        limit: How many tokens to look ahead.

    Returns:
        The cue and speaker, or ``None``.
    """
    if close_tok > 0 and doc[close_tok - 1].text == ".":
        return None  # a quote that ends its sentence is not followed by its own cue
    for i in range(close_tok + 1, min(len(doc), close_tok + 1 + limit)):
        tok = doc[i]
        if _is_boundary(tok) or tok.text in ("“", "«", "„", '"', "‘", ":"):
            return None
        span = according_to(tok)
        if span is not None:
            return CueMatch(i, i + 2, *span)
        if is_speech_verb(tok) and not _introduces_quote(doc, i):
            subj = subject_span(tok)
            if subj is not None:
                return CueMatch(i, i + 1, *subj)
    return None


def cue_before(doc: Doc, open_tok: int, limit: int = 16) -> CueMatch | None:
    """A speech verb before a quote (She said: “…” / He told me, ‘…’ / According to X, “…”).

    Args:
        doc: The parsed Doc.
        open_tok: Index of the opening quotation mark token.
        limit: How many tokens to look back.

    Returns:
        The cue and speaker, or ``None``.
    """
    lo = max(0, open_tok - limit)
    for i in range(open_tok - 1, lo - 1, -1):
        tok = doc[i]
        if _is_boundary(tok) or tok.text in ("”", "»", "’"):
            return None
        span = according_to(tok)
        if span is not None:
            return CueMatch(i, i + 2, *span)
        if is_speech_verb(tok):
            subj = subject_span(tok)
            if subj is not None:
                return CueMatch(i, i + 1, *subj)
    return None


def is_pronoun(span: Span) -> bool:
    """Whether a speaker mention is a single pronoun.

    Args:
        span: The mention.

    Returns:
        ``True`` for "he", "She", "they" and the like.
    """
    return len(span) == 1 and span[0].lower_ in PRONOUNS


def _bare(word: str) -> str:
    word = word.strip('.,;:()[]"“”‘’')
    for tail in ("'s", "’s", "'", "’"):
        if word.endswith(tail):
            return word[: -len(tail)]
    return word


def name_gender(name: str) -> str:
    """The gender a personal name suggests: ``"f"``, ``"m"`` or ``""`` when it tells nothing.

    Evidence, in order: a known given name (English and Slavic transliterations), a Slavic feminine
    ending on the given name ("Natalya", "Yulia"), a gendered Slavic surname ending ("-ova", "-skaya"
    against "-ov", "-sky").

    Args:
        name: A name as written ("Natalya Eismont", "Zelensky", "Mrs. Smith").

    Returns:
        ``"f"``, ``"m"`` or ``""``.
    """
    words = [_bare(w) for w in name.split()]
    words = [w for w in words if w[:1].isupper()]
    if not words:
        return ""
    first = words[0].lower().rstrip(".")
    if first in ("mrs", "ms", "miss", "madam", "madame", "lady", "dame"):
        return "f"
    if first in ("mr", "sir", "lord"):
        return "m"
    given = [w.lower() for w in words[:-1]] if len(words) > 1 else [first]
    for w in given:
        if w in FEMALE_GIVEN:
            return "f"
        if w in MALE_GIVEN:
            return "m"
    if len(words) > 1 and len(given[0]) >= 4 and _FEMININE_END.search(given[0]):
        return "f"
    surname = words[-1].lower()
    if _FEMININE_SURNAME.search(surname):
        return "f"
    if _MASCULINE_SURNAME.search(surname):
        return "m"
    return ""


def person_genders(doc: Doc) -> dict[str, str]:
    """Gender by lower-cased surname for the PERSON entities of ``doc`` whose names tell it.

    A surname mentioned alone ("Eismont") takes the gender of its full mention ("Natalya Eismont");
    a title word before the name ("Mrs.", "spokeswoman") also counts.

    Args:
        doc: A Doc with named entities.

    Returns:
        ``{surname: "f" | "m"}``; surnames with conflicting evidence are left out.
    """
    seen: dict[str, set[str]] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        words = [_bare(t.text) for t in ent if t.text[:1].isupper()]
        if not words:
            continue
        gender = name_gender(ent.text)
        if not gender and ent.start > 0:
            prev = doc[ent.start - 1].lower_.rstrip(".")
            gender = "f" if prev in _FEMALE_TITLES else "m" if prev in _MALE_TITLES else ""
        if gender:
            seen.setdefault(words[-1].lower(), set()).add(gender)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


_FEMALE_TITLES = frozenset("mrs ms miss madam spokeswoman chairwoman congresswoman businesswoman actress".split())
_MALE_TITLES = frozenset("mr sir spokesman chairman congressman businessman actor".split())


def mention_gender(span: Span, genders: dict[str, str] | None = None) -> str:
    """The gender of a person mention: from the name itself, else from the doc's surname table.

    Args:
        span: A mention (a name, or a noun phrase holding one).
        genders: The table from :func:`person_genders`.

    Returns:
        ``"f"``, ``"m"`` or ``""``.
    """
    names = [e for e in span.ents if e.label_ == "PERSON" and not e.text.endswith(("'s", "’s"))] or list(span.ents)
    text = names[-1].text if names else span.text
    gender = name_gender(text)
    if gender or genders is None:
        return gender
    words = [_bare(w) for w in text.split() if w[:1].isupper()]
    # Only a surname alone takes the gender of the article's full mention: relatives share a surname
    # ("Ivana Keller" is not "he" because "Tom Keller" is).
    return genders.get(words[-1].lower(), "") if len(words) == 1 else ""


# Head words of business and venue names: "Joe's Café" or "Smith & Sons Ltd" is no person even when
# the NER calls it PERSON or its first word is a given name (a general lexicon, not a list of names).
BUSINESS_HEADS = frozenset(
    """cafe café bar pub restaurant diner bistro grill bakery brewery shop store market mart boutique
    salon hotel motel inn club gym studio gallery theatre theater cinema clinic pharmacy garage
    company co corp corporation inc llc ltd plc gmbh group holdings partners associates sons brothers
    bank fund foundation institute center centre university college school hospital""".split()
)


def is_person_name(name: Span, genders: dict[str, str] | None = None) -> bool:
    """Whether an entity mention names a person: tagged PERSON, or a name whose given name or
    surname tells a gender (the small English model often tags a foreign full name as ORG), and in
    either case not a business or venue ("Joe's Café").

    Args:
        name: The entity mention.
        genders: The Doc's surname gender table (:func:`quotes_rules.person_genders`).

    Returns:
        True for a person's name.
    """
    words = [t for t in name if not t.is_punct and t.text not in ("'s", "’s")]
    if not words or words[-1].lower_.rstrip(".") in BUSINESS_HEADS:
        return False
    doc = name.doc
    owner = name[-1].text in _POSSESSIVE or (name.end < len(doc) and doc[name.end].text in _POSSESSIVE)
    after = name.end if name[-1].text in _POSSESSIVE else name.end + 1
    if owner and after < len(doc) and doc[after].text[:1].isupper() and doc[after].lower_ in BUSINESS_HEADS:
        return False  # "Joe's Diner": the given name is part of a business name
    if name.label_ == "PERSON" or words[-1].ent_type_ == "PERSON":
        return True
    if not all(t.text[:1].isupper() for t in words):
        return False
    if name.label_ not in ("GPE", "LOC", "FAC", "NORP") and _is_person_surname(words[-1]):
        return True  # "Trump said" tagged ORG, where the article names "Donald Trump" as a PERSON
    if len(words) < 2:
        return False
    return bool(mention_gender(name, genders))


def _is_person_surname(token: Token) -> bool:
    """Whether ``token`` is the last word of a PERSON mention elsewhere in its Doc."""
    word = _bare(token.text).lower()
    return any(e.label_ == "PERSON" and len(e) > 1 and _bare(e[-1].text).lower() == word for e in token.doc.ents)


_POSSESSIVE = frozenset({"'s", "’s"})

OBLIQUE_DEPS = frozenset({"pobj", "compound", "poss", "npadvmod", "nmod", "dative"})


def is_oblique(ent: Span) -> bool:
    """Whether a mention is only a prepositional object or a modifier ("an interview with Lex Fridman")."""
    root = ent.root
    return root.dep_ in OBLIQUE_DEPS or (root.dep_ == "appos" and root.head.dep_ in OBLIQUE_DEPS)


def resolve_pronoun(
    doc: Doc,
    pronoun: Span,
    *,
    before: int | None = None,
    exclude: frozenset[str] = frozenset(),
    quoted: bytearray | None = None,
    genders: dict[str, str] | None = None,
) -> Span | None:
    """Resolve a pronoun speaker: he/she to a preceding PERSON of the same gender, they/we/it to the
    nearest preceding ORG, NORP or GPE mention.

    For he/she, people whose name says the other gender are skipped, and the nearest of the last few
    candidates that is not a mere prepositional object or modifier wins over a nearer one that is.

    Args:
        doc: The parsed Doc (with named entities).
        pronoun: The pronoun mention.
        before: Only consider mentions ending before this token (defaults to the pronoun).
        exclude: Lower-cased words of people who cannot be the referent (e.g. the reporter of a
            nested quote).
        quoted: Per-character mask of text inside quotation marks; mentions inside quotes are skipped.
        genders: Surname gender table (:func:`person_genders`); computed when ``None``.

    Returns:
        The antecedent entity, or ``None`` when there is none or the pronoun is not resolvable.
    """
    word = pronoun[0].lower_
    if word in RESOLVABLE:
        labels = frozenset({"PERSON"})
    elif word in PLURAL_PRONOUNS:
        labels = GROUP_LABELS
    elif word in NEUTER_PRONOUNS:
        labels = NEUTER_LABELS
    else:
        return None
    want = PRONOUN_GENDER.get(word, "")
    if want and genders is None:
        genders = person_genders(doc)
    limit = pronoun.start if before is None else before
    cands: list[Span] = []
    for ent in doc.ents:
        if ent.end > limit:
            break
        if ent.label_ not in labels or len(ent.text) < 3:
            continue
        words = {w.lower() for w in ent.text.split()}
        if exclude and words & exclude:
            continue
        if quoted is not None and quoted[ent.start_char]:
            continue
        if want and (mention_gender(ent, genders) not in ("", want) or not is_person_name(ent, genders)):
            continue
        cands.append(ent)
    if not cands:
        return None
    if want:
        for ent in reversed(cands[-_SALIENCE_WINDOW:]):
            if not is_oblique(ent):
                return ent
    return cands[-1]


_SALIENCE_WINDOW = 2


def salient_person(
    doc: Doc,
    before: int,
    *,
    exclude: frozenset[str] = frozenset(),
    quoted: bytearray | None = None,
    want: str = "",
    genders: dict[str, str] | None = None,
) -> Span | None:
    """The most salient person mentioned before token ``before``: the referent of "he" in a quote
    that someone reports from a conversation ("Then he replied, ‘…’" inside Zelensky's quote).

    Each person (grouped by surname) scores its mentions outside quotation marks, double for
    mentions as a clause subject, plus two for being the subject of the first sentence that names a
    person (the article's lead); people mentioned only as prepositional objects or modifiers ("an
    interview with Lex Fridman") do not count.

    Args:
        doc: The parsed Doc.
        before: Token index; only earlier mentions count.
        exclude: Lower-cased words of people to leave out (the reporter).
        quoted: Per-character mask of text inside quotation marks.
        want: ``"f"`` or ``"m"`` to skip people of the other gender.
        genders: Surname gender table.

    Returns:
        The latest mention of the winner, or ``None``.
    """
    if genders is None:
        genders = person_genders(doc)
    score: Counter[str] = Counter()
    latest: dict[str, Span] = {}
    lead: str | None = None
    for ent in doc.ents:
        if ent.end > before:
            break
        if ent.label_ != "PERSON" or len(ent.text) < 3 or (quoted is not None and quoted[ent.start_char]):
            continue
        words = [_bare(w) for w in ent.text.split() if w[:1].isupper()]
        if not words or ({w.lower() for w in words} & exclude):
            continue
        key = words[-1].lower()
        if want and mention_gender(ent, genders) not in ("", want):
            continue
        subject = _subject_mention(ent)
        if lead is None:
            lead = key if subject else None
            lead = lead or ""
        if is_oblique(ent):
            continue
        score[key] += 2 if subject else 1
        latest[key] = ent
    if lead:
        score[lead] += 2
    ranked = [k for k, _ in score.most_common() if k in latest]
    return latest[ranked[0]] if ranked else None


def _subject_mention(ent: Span) -> bool:
    root = ent.root
    while root.dep_ in ("appos", "conj") and root.head is not root:
        root = root.head
    return root.dep_ in SUBJECT_DEPS


def reported_speech(doc: Doc) -> list[tuple[tuple[int, int], CueMatch]]:
    """Indirect speech found by the parse alone: "X said (that) …" and "according to X, …".

    Args:
        doc: The parsed Doc.

    Returns:
        (content token offsets, cue match) pairs.
    """
    out: list[tuple[tuple[int, int], CueMatch]] = []
    for sent in doc.sents:
        for tok in sent:
            if tok.lower_ == "according":
                speaker = according_to(tok)
                if speaker is None:
                    continue
                if tok.i <= sent.start + 1:
                    comma = next((t.i for t in doc[speaker[1] : sent.end] if t.text == ","), None)
                    content = (comma + 1, sent.end) if comma is not None else None
                else:
                    content = (sent.start, tok.i)
                if content is not None:
                    content = _trim_punct(doc, *content)
                if content is not None and content[1] - content[0] >= 3:
                    out.append((content, CueMatch(tok.i, tok.i + 2, *speaker)))
            elif is_speech_verb(tok):
                comp = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
                subj = subject_span(tok)
                if comp is None or subj is None:
                    continue
                content = _trim_punct(doc, comp.left_edge.i, comp.right_edge.i + 1)
                if content is not None and content[1] - content[0] >= 3:
                    out.append((content, CueMatch(tok.i, tok.i + 1, *subj)))
    return out


def _trim_punct(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return (start, end) if end > start else None
