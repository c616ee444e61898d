"""Rendering a story comparison: JSON against its schema, HTML, Markdown and the terminal view."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser

import jsonschema
import pytest
from rich.console import Console

from newsprism.models import (
    Addition,
    AlignedClaim,
    Coverage,
    DiffOp,
    DigestSentence,
    Dispute,
    DisputePair,
    DisputeSide,
    EntityVariants,
    QuoteGroup,
    QuoteVariant,
    Spelling,
    StoryArticle,
    StoryComparison,
    Support,
)
from newsprism.render.comparison_json import SCHEMA_VERSION, comparison_json
from newsprism.render.html import comparison_html
from newsprism.render.markdown import comparison_markdown
from newsprism.render.story_text import comparison_view
from newsprism.schemas import load_schema, schema_filename

HOSTILE_OUTLET = 'Gazette"><img src=x onerror=alert(1)>'
HOSTILE_SPEAKER = "Official <script>alert('speaker')</script>"
TEXTS = {
    "a1": (
        'Mayor Ana Lopez said on Monday that the bridge will close for repairs. "We have no choice," '
        "Lopez said. The closure will last 30 days.\n\n"
        "Update: The city council confirmed the date."
    ),
    "a2": (
        'Mayor Ana López said the bridge would close. "We have no other choice," she told reporters.\n\n'
        "Officials said the closure would last 60 days. <script>alert('x')</script> "
        '"><img src=x onerror=alert(1)> [bold]not markup[/bold]'
    ),
    "a3": 'Ana Lopez denied that the bridge would close for more than a month. "We have no choice," López said.',
}


def _at(article: str, needle: str) -> tuple[int, int]:
    start = TEXTS[article].index(needle)
    return start, start + len(needle)


def _variant(article: str, needle: str, diff: tuple[DiffOp, ...] = (), kind: str = "direct") -> QuoteVariant:
    return QuoteVariant(article, needle, *_at(article, needle), diff, kind)


def _support(article: str, needle: str, asserted_by: str | None = None, outlet: str | None = None) -> Support:
    voice = "attributed" if asserted_by else "outlet"
    key = asserted_by.lower().replace(" ", "-") if asserted_by else None
    return Support(article, needle, *_at(article, needle), outlet, voice, asserted_by, key)


def _side(article: str, needle: str, claim: str, asserted_by: str | None = None) -> DisputeSide:
    return DisputeSide(article, needle, *_at(article, needle), claim, asserted_by, None, None)


@pytest.fixture
def comparison() -> StoryComparison:
    """Three articles, two quote groups (one nested in a disputed claim), three claims, entities."""
    articles = (
        StoryArticle(
            "a1", "daily.html", "Daily Planet", "Bridge to close", "2025-03-03T08:00:00Z", "https://dp.test/1"
        ),
        StoryArticle(
            "a2", "gazette.html", HOSTILE_OUTLET, "<i>Bridge</i> closing", "2025-03-03T10:30:00Z", "javascript:x"
        ),
        StoryArticle("a3", "herald.html", "Herald", None, None, None),
    )
    choice = QuoteGroup(
        "q-choice",
        "Ana Lopez",
        None,
        (
            _variant("a1", "We have no choice,"),
            _variant(
                "a2",
                "We have no other choice,",
                (DiffOp("equal", "We have no"), DiffOp("insert", "other"), DiffOp("equal", "choice,")),
            ),
            _variant("a3", "We have no choice,"),
        ),
    )
    reported = QuoteGroup(
        "q-reported",
        "Ana Lopez",
        None,
        (
            _variant("a1", "the bridge will close for repairs", kind="indirect"),
            _variant(
                "a2",
                "the bridge would close",
                (
                    DiffOp("equal", "the bridge"),
                    DiffOp("delete", "will"),
                    DiffOp("insert", "would"),
                    DiffOp("equal", "close"),
                ),
                kind="indirect",
            ),
        ),
        kind="indirect",
        speaker_key="ana-lopez",
    )
    markup = QuoteGroup("q-markup", HOSTILE_SPEAKER, "Gazette", (_variant("a2", "<script>alert('x')</script>"),))
    claims = (
        AlignedClaim(
            "c-close",
            "The bridge will close",
            "corroborated",
            (
                _support("a1", "the bridge will close for repairs", "Ana Lopez", "Daily Planet"),
                _support("a2", "the bridge would close", "Ana Lopez", HOSTILE_OUTLET),
            ),
            outlets=("Daily Planet", HOSTILE_OUTLET),
            asserted_by="Ana Lopez",
            asserted_key="ana-lopez",
        ),
        AlignedClaim(
            "c-days",
            "The closure will last 30 days",
            "disputed",
            # overlaps the quotation's end in a1; contains the hostile quotation in a2
            (_support("a1", 'choice," Lopez said. The closure will last 30 days'),),
            (
                Dispute(
                    "number",
                    "a2",
                    "the closure would last 60 days. <script>alert('x')</script>",
                    "Officials",
                    *_at("a2", "the closure would last 60 days. <script>alert('x')</script>"),
                ),
                Dispute(
                    "denial",
                    "a3",
                    "denied that the bridge would close for more than a month",
                    "Ana Lopez",
                    *_at("a3", "denied that the bridge would close for more than a month"),
                ),
            ),
        ),
        AlignedClaim("c-repairs", "The bridge needs repairs", "single_source", (_support("a1", "for repairs"),)),
    )
    entities = (
        EntityVariants(
            "Ana Lopez",
            "person",
            "ana-lopez",
            (Spelling("Ana Lopez", ("a1", "a3")), Spelling("Ana López", ("a2",)), Spelling("López", ("a3",))),
        ),
        EntityVariants("City Council", "organization", "council", (Spelling("city council", ("a1",)),)),
    )
    update = "Update: The city council confirmed the date."
    coverage = Coverage(
        outlets=("Daily Planet", HOSTILE_OUTLET, "Herald"),
        first=("a1",),
        timeline=("a1", "a2", "a3"),
        additions=(Addition("a1", "update", update, *_at("a1", update)),),
    )
    digest = (
        DigestSentence("The bridge will close for repairs.", ("a1", "a2", "a3")),
        DigestSentence("The closure will last 30 days.", ("a1",), disputed=True),
    )
    disputes = (
        DisputePair(
            "d1",
            "number",
            _side("a1", "The closure will last 30 days", "c-days"),
            _side("a2", "the closure would last 60 days", "c-days", "Officials"),
            "30 days against 60 days",
        ),
        DisputePair(
            "d2",
            "update",
            _side("a1", "The closure will last 30 days", "c-days"),
            _side("a3", "the bridge would close for more than a month", "c-days", "Ana Lopez"),
        ),
    )
    return StoryComparison(
        schema_version=SCHEMA_VERSION,
        title="Bridge closure <b>announced</b>",
        articles=articles,
        entities=entities,
        quotes=(choice, reported, markup),
        claims=claims,
        coverage=coverage,
        digest=digest,
        story_id="s-1",
        disputes=disputes,
    )


class _Page(HTMLParser):
    """Collects tags, attributes, marks per column and each column's visible article text."""

    VOID = frozenset({"meta", "br", "hr", "img", "input", "link"})
    LABELS = frozenset({"qn", "flag", "badge"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[tuple[str, str]] = []
        self.column: str | None = None
        self.column_depth = 0
        self.marks: dict[str, list[dict[str, str | None]]] = {}
        self.body_text: dict[str, list[str]] = {}
        self.in_body = False
        self.label_depth = 0
        self.unbalanced = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag in self.VOID:
            return
        classes = set((a.get("class") or "").split())
        self.stack.append((tag, a.get("class") or ""))
        if tag == "article" and "col" in classes:
            self.column, self.column_depth = a["data-article"], len(self.stack)
            self.marks[self.column] = []
            self.body_text[self.column] = []
        if self.column and tag == "div" and "body" in classes:
            self.in_body = True
        if self.column and tag == "mark":
            self.marks[self.column].append(a)
        if classes & self.LABELS:
            self.label_depth += 1
        if tag == "p" and self.in_body and self.column:
            self.body_text[self.column].append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.unbalanced = True
            return
        _, classes = self.stack.pop()
        if set(classes.split()) & self.LABELS:
            self.label_depth -= 1
        if self.column and len(self.stack) < self.column_depth:
            self.column, self.in_body = None, False

    def handle_data(self, data: str) -> None:
        if self.column and self.in_body and not self.label_depth and self.stack and self.stack[-1][0] != "div":
            self.body_text[self.column].append(data)


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def test_comparison_json_validates_against_schema(comparison: StoryComparison) -> None:
    schema = load_schema("story-comparison", SCHEMA_VERSION)
    jsonschema.Draft202012Validator.check_schema(schema)
    document = json.loads(comparison_json(comparison))
    jsonschema.Draft202012Validator(schema).validate(document)
    assert next(iter(document)) == "schema_version" and document["schema_version"] == SCHEMA_VERSION
    assert document["story"]["articles"][1]["outlet"] == HOSTILE_OUTLET
    assert document["claims"][1]["disputes"][0]["kind"] == "number"


def test_comparison_json_schema_rejects_unknown_values(comparison: StoryComparison) -> None:
    validator = jsonschema.Draft202012Validator(load_schema())
    for path, value in (
        (("claims", 0, "status"), "probable"),
        (("claims", 1, "disputes", 0, "kind"), "rumour"),
        (("quotes", 0, "variants", 1, "diff", 0, "op"), "replace"),
        (("coverage", "additions", 0, "kind"), "retraction"),
        (("quotes", 0, "variants", 0, "start"), "12"),
        (("story", "unexpected"), 1),
    ):
        document = json.loads(comparison_json(comparison))
        node = document
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
        assert not validator.is_valid(document), path
    document = json.loads(comparison_json(comparison))
    del document["digest"][0]["disputed"]
    assert not validator.is_valid(document)


def test_comparison_json_keeps_text_readable(comparison: StoryComparison) -> None:
    text = comparison_json(comparison)
    assert "Ana López" in text and "\\u00f3" not in text
    assert text.endswith("}\n") and "\n  " in text


def test_comparison_schema_file_matches_version() -> None:
    assert schema_filename() == f"story-comparison-{SCHEMA_VERSION}.schema.json"
    assert load_schema()["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    with pytest.raises(FileNotFoundError):
        load_schema(version="0.0")


def test_comparison_html_is_self_contained(comparison: StoryComparison) -> None:
    page = comparison_html(comparison, TEXTS)
    assert page.startswith("<!DOCTYPE html>")
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert not re.search(r"<[^>]*\ssrc\s*=", page)
    assert "<script" not in page
    assert "default-src 'none'" in page  # nothing may load even if something slipped through
    parser = _parse(page)
    for tag, attrs in parser.tags:
        href = attrs.get("href")
        if href is not None:
            assert tag == "a", tag
            assert href.startswith("#") or re.match(r"https?://", href), href
        assert "src" not in attrs, tag
    assert not parser.unbalanced


def test_comparison_html_escapes_hostile_input(comparison: StoryComparison) -> None:
    page = comparison_html(comparison, TEXTS)
    parser = _parse(page)
    names = {tag for tag, _ in parser.tags}
    assert not names & {"script", "img", "iframe", "object", "embed", "b", "i"}
    for _, attrs in parser.tags:
        assert not [k for k in attrs if k.startswith("on")], attrs
    assert "javascript:" not in " ".join(str(a.get("href")) for _, a in parser.tags)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "Gazette&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert "Bridge closure &lt;b&gt;announced&lt;/b&gt;" in page


def test_comparison_html_has_every_column_and_quote_highlight(comparison: StoryComparison) -> None:
    parser = _parse(comparison_html(comparison, TEXTS))
    assert list(parser.marks) == ["a1", "a2", "a3"]
    for group in comparison.quotes:
        for variant in group.variants:
            marks = [m for m in parser.marks[variant.article] if m.get("data-group") == group.id]
            assert marks, (group.id, variant.article)
            assert all(group.speaker in (m.get("title") or "") for m in marks)
    choice_classes = {m["class"] for marks in parser.marks.values() for m in marks if m["data-group"] == "q-choice"}
    assert len(choice_classes) == 1  # the same colour in every column


def test_comparison_html_overlapping_spans_keep_the_text(comparison: StoryComparison) -> None:
    page = comparison_html(comparison, TEXTS)
    parser = _parse(page)
    assert not parser.unbalanced
    for article_id, text in TEXTS.items():
        shown = "".join(parser.body_text[article_id]).strip("\n")
        expected = "\n".join(line for line in text.split("\n") if line.strip())
        assert shown == expected, article_id
    # the disputed claim is marked, with its flag, in a1; the contradicting spans in a2 and a3
    assert page.count('data-claim="c-days" title="Disputed claim (denial, number)') >= 2
    assert page.count('<span class="contra"') >= 2
    assert "\u2691" in page


def test_comparison_html_sections_and_missing_text(comparison: StoryComparison) -> None:
    page = comparison_html(comparison, {"a1": TEXTS["a1"]})
    for anchor in ("digest", "side-by-side", "quotes", "claims", "entities", "coverage"):
        assert f'id="{anchor}"' in page
    assert page.count("The article text is not available.") == 2
    assert '<span class="badge disputed">' in page and '<span class="badge corroborated">' in page
    assert "<ins>other</ins>" in page
    assert "Ana López" in page and '<span class="badge first">first</span>' in page


def test_comparison_markdown_cites_outlets(comparison: StoryComparison) -> None:
    md = comparison_markdown(comparison)
    assert md.startswith("# Bridge closure \\<b\\>announced\\</b\\>\n")
    lines = md.splitlines()
    escaped_outlet = 'Gazette"\\>\\<img src=x onerror=alert(1)\\>'
    assert f"- The bridge will close for repairs. [Daily Planet] [{escaped_outlet}] [Herald]" in lines
    assert "- The closure will last 30 days. [Daily Planet] **(disputed)**" in lines
    assert "### Disputed (1)" in lines and "### Corroborated (1)" in lines and "### Single source (1)" in lines
    denial = "denied that the bridge would close for more than a month"
    assert f"  - **Disputed (denial)**: [Herald] {denial} *(statement of Ana Lopez)*" in lines
    assert f"- [{escaped_outlet}] “We have no **other** choice,”" in lines
    assert "| Ana Lopez | person | Ana Lopez [Daily Planet] [Herald]; Ana López [" in md
    assert "<script>" not in md and "\\<script\\>" in md


def test_comparison_text_view_renders(comparison: StoryComparison) -> None:
    console = Console(record=True, width=120, color_system=None)
    console.print(comparison_view(comparison))
    out = console.export_text()
    assert "Bridge closure <b>announced</b>" in out
    for label in ("Daily Planet", "Herald", "digest", "quotations", "claims", "names and spellings", "added later"):
        assert label in out, label
    assert "disputed" in out and "corroborated" in out and "single source" in out
    assert "⚑ number: [Gazette" in out and "(statement of Officials)" in out
    assert "[bold]not markup[/bold]" not in out  # not part of any item; only quoted text is shown
    assert "<script>alert('x')</script>" in out  # printed literally, not as rich markup


# -- schema 1.1, quotes shown as said, disputes, voices, shared-only ---------------------------------


def test_comparison_json_carries_the_1_1_fields(comparison: StoryComparison) -> None:
    document = json.loads(comparison_json(comparison))
    assert document["schema_version"] == "1.1"
    reported = document["quotes"][1]
    assert reported["kind"] == "indirect" and reported["speaker_key"] == "ana-lopez"
    assert [v["kind"] for v in reported["variants"]] == ["indirect", "indirect"]
    close = document["claims"][0]
    assert close["asserted_by"] == "Ana Lopez" and close["outlets"] == ["Daily Planet", HOSTILE_OUTLET]
    assert close["support"][0]["voice"] == "attributed" and close["support"][0]["asserted_key"] == "ana-lopez"
    (pair, update) = document["disputes"]
    assert pair["kind"] == "number" and pair["b"]["asserted_by"] == "Officials"
    assert update["kind"] == "update"
    for side in (pair["a"], pair["b"], update["a"], update["b"]):
        assert TEXTS[side["article"]][side["start"] : side["end"]] == side["text"]
    # 1.0 still ships, for documents written before; it does not describe the new fields.
    old = jsonschema.Draft202012Validator(load_schema(version="1.0"))
    assert not old.is_valid(document)


def test_comparison_json_schema_1_1_rejects_unknown_new_values(comparison: StoryComparison) -> None:
    validator = jsonschema.Draft202012Validator(load_schema(version="1.1"))
    for path, value in (
        (("quotes", 0, "kind"), "paraphrase"),
        (("quotes", 0, "variants", 0, "kind"), "verbatim"),
        (("claims", 0, "support", 0, "voice"), "rumour"),
        (("disputes", 0, "kind"), "opinion"),
        (("disputes", 0, "a", "start"), -1),
        (("disputes", 0, "extra"), 1),
    ):
        document = json.loads(comparison_json(comparison))
        node = document
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
        assert not validator.is_valid(document), path
    document = json.loads(comparison_json(comparison))
    del document["disputes"]
    assert not validator.is_valid(document)


def _text(comparison: StoryComparison, *, colour: bool, shared_only: bool = False) -> str:
    console = Console(record=True, width=160, color_system="truecolor" if colour else None, force_terminal=colour)
    console.print(comparison_view(comparison, shared_only=shared_only))
    return console.export_text(styles=False)


def test_comparison_text_view_marks_diffs_without_colour(comparison: StoryComparison) -> None:
    plain = _text(comparison, colour=False)
    assert "We have no {+other+} choice," in plain
    assert "the bridge [-will-] {+would+} close" in plain
    coloured = _text(comparison, colour=True)
    assert "{+other+}" not in coloured and "[-will-]" not in coloured
    assert "We have no other choice," in coloured


def test_comparison_text_view_quotes_only_what_was_quoted(comparison: StoryComparison) -> None:
    out = _text(comparison, colour=False)
    assert "“We have no choice,”" in out
    assert "reported: the bridge will close for repairs" in out
    assert "“the bridge will close for repairs”" not in out


def test_comparison_text_view_disputes_and_voices(comparison: StoryComparison) -> None:
    out = _text(comparison, colour=False)
    disputes = out[out.index("disputes") :]
    assert "30 days against 60 days" in disputes
    assert "the closure would last 60 days (statement of Officials)" in disputes
    assert "The closure will last 30 days (the outlet's own voice)" in disputes
    updates = out[out.index("updates") :]
    assert "the bridge would close for more than a month (statement of Ana Lopez)" in updates
    assert "the bridge would close for more than a month" not in out[out.index("disputes") : out.index("updates")]
    assert "statement of Ana Lopez" in out and "2 outlets: Daily Planet" in out


def test_comparison_text_view_shared_only(comparison: StoryComparison) -> None:
    assert "Official <script>" in _text(comparison, colour=False)
    shared = _text(comparison, colour=False, shared_only=True)
    assert "Official <script>" not in shared  # printed by one outlet only
    assert "Q1 Ana Lopez" in shared and "Q2 Ana Lopez" in shared


def test_comparison_markdown_quotes_disputes_and_voices(comparison: StoryComparison) -> None:
    md = comparison_markdown(comparison)
    lines = md.splitlines()
    assert "- [Daily Planet] *reported:* the bridge will close for repairs" in lines
    assert "- [Daily Planet] “We have no choice,”" in lines
    disputes = md[md.index("## Disputes") : md.index("## Updates")]
    assert "**Number**: 30 days against 60 days" in disputes
    assert "  - [Daily Planet] The closure will last 30 days *(the outlet's own voice)*" in disputes
    assert "the closure would last 60 days *(statement of Officials)*" in disputes
    # Passages of the articles are excerpts: never in quotation marks after a name.
    assert "“" not in disputes and "Officials: " not in md
    assert "more than a month" in md[md.index("## Updates") :] and "more than a month" not in disputes
    assert any(line.startswith("- The bridge will close [") and "statement of Ana Lopez" in line for line in lines)
    assert (
        "\\<script\\>" in md
        and "\\<script\\>"
        not in comparison_markdown(comparison, shared_only=True).split("## Quotations")[1].split("## Claims")[0]
    )


def test_comparison_html_quotes_disputes_and_shared_only(comparison: StoryComparison) -> None:
    page = comparison_html(comparison, TEXTS)
    assert '<q class="variant">We have no choice,</q>' in page
    assert '<q class="variant">the bridge will close' not in page
    assert '<span class="variant indirect"><span class="badge kind">reported</span> the bridge will close' in page
    assert 'id="disputes"' in page and 'data-dispute="d1"' in page and 'data-dispute="d2"' in page
    assert page.index('data-dispute="d1"') < page.index('id="updates"') < page.index('data-dispute="d2"')
    assert "30 days against 60 days" in page and "statement of Ana Lopez" in page
    quotes = comparison_html(comparison, TEXTS, shared_only=True).split('id="quotes"')[1].split('id="claims"')[0]
    assert 'data-group="q-markup"' not in quotes and 'data-group="q-choice"' in quotes
    assert not _parse(page).unbalanced


def test_comparison_mixed_quotes_keep_the_outlets_marks_and_outlet_ids_read_as_labels(
    comparison: StoryComparison,
) -> None:
    mixed = "Lopez said the closure would be “a few weeks”"
    texts = {**TEXTS, "a3": TEXTS["a3"] + " " + mixed + "."}
    start = texts["a3"].index(mixed)
    group = QuoteGroup(
        "q-mixed", "Ana Lopez", None, (QuoteVariant("a3", mixed, start, start + len(mixed), (), "mixed"),), "mixed"
    )
    claim = AlignedClaim("c-x", "The bridge needs repairs", "single_source", (), outlets=("a3",))
    c = replace(comparison, quotes=(*comparison.quotes, group), claims=(*comparison.claims, claim))
    out = _text(c, colour=False)
    assert f"partly quoted: {mixed}" in out and f"“{mixed}”" not in out
    assert "1 outlet: Herald" in out and "1 outlet: a3" not in out  # an article id shows as its label
    md = comparison_markdown(c)
    assert f"- [Herald] *partly quoted:* {mixed}" in md.splitlines()
    page = comparison_html(c, texts)
    assert '<span class="variant mixed"><span class="badge kind">partly quoted</span> Lopez said' in page
    assert 'title="Partly quoted Q4: Ana Lopez"' in page


def test_comparison_text_view_no_color_on_a_terminal_marks_diffs(
    comparison: StoryComparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    console = Console(record=True, width=160, force_terminal=True, color_system="truecolor")
    console.print(comparison_view(comparison))
    assert "We have no {+other+} choice," in console.export_text(styles=False)
