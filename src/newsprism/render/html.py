"""A story comparison as one self-contained HTML page: the outlets side by side.

The page has no external assets (inline CSS, no script, no fonts, no images) and a
Content-Security-Policy that forbids loading anything, so that it can be mailed, archived or
opened offline. Every piece of text comes from untrusted articles and is escaped; links to the
original articles are written only for ``http``/``https`` URLs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from newsprism.models import DisputePair, DisputeSide, QuoteVariant, StoryArticle, StoryComparison
from newsprism.render.labels import (
    VOICE_LABELS,
    asserter,
    claim_outlets,
    claim_voice,
    conflicts_and_updates,
    group_outlets,
    has_changes,
    is_quoted,
    kind_label,
    outlet_label,
    shared_quotes,
    shown_quotes,
)

__all__ = ["comparison_html"]

_STATUS_ORDER = ("disputed", "corroborated", "single_source")
_STATUS_LABEL = {"disputed": "disputed", "corroborated": "corroborated", "single_source": "single source"}
_FLAG = "\u2691"
_PARAGRAPH = re.compile(r"[^\n]+")
PALETTE_SIZE = 8  # quotation colours c0..c7 in PAGE_CSS


def _e(value: object) -> str:
    """Escape text for HTML element content and quoted attribute values."""
    return html.escape(str(value), quote=True)


@dataclass(frozen=True, slots=True)
class _Span:
    """A highlight over ``[start, end)`` of one article's text."""

    start: int
    end: int
    kind: str  # quote | claim | dispute | addition
    opening: str  # the opening tag
    closing: str  # the matching closing tag
    label: str  # shown once, at the span's start ("" for none)


class _Articles:
    """Lookups over the comparison's articles: index, outlet label, anchor."""

    def __init__(self, articles: Sequence[StoryArticle]) -> None:
        self.items = list(articles)
        self.index = {a.id: i for i, a in enumerate(self.items)}

    def label(self, article_id: str) -> str:
        """The outlet name of an article (its source, else its id, when no outlet is known)."""
        i = self.index.get(article_id)
        if i is None:
            return article_id
        a = self.items[i]
        return outlet_label(a)

    def chip(self, article_id: str) -> str:
        """A citation chip linking to the article's column."""
        i = self.index.get(article_id)
        if i is None:
            return f'<span class="chip">{_e(article_id)}</span>'
        title = self.items[i].title or self.label(article_id)
        return f'<a class="chip o{i % 6}" href="#art-{i}" title="{_e(title)}">{_e(self.label(article_id))}</a>'

    def chips(self, article_ids: Iterable[str]) -> str:
        """Citation chips for several articles, in the given order, without repeats."""
        seen = dict.fromkeys(article_ids)
        return "".join(self.chip(a) for a in seen)


def _when(published: str | None) -> str:
    """An ISO 8601 date or date-time shortened for reading (``2025-01-05 14:30 UTC``)."""
    if not published:
        return "undated"
    day, _, time = published.partition("T")
    if not time:
        return day
    zone = " UTC" if time.endswith("Z") else ""
    return f"{day} {time[:5]}{zone}"


def _safe_url(url: str | None) -> str | None:
    """The URL when it is an ordinary web address, else ``None`` (no ``javascript:`` links)."""
    if url and re.match(r"https?://[^\s\"'<>]+$", url, flags=re.IGNORECASE):
        return url
    return None


# -- article text with highlights ----------------------------------------------------------------


def _spans_for(c: StoryComparison, article_id: str, text_length: int) -> list[_Span]:
    """Every highlight of one article: quote variants, disputed claims, contradictions, updates."""
    spans: list[_Span] = []

    def add(start: int | None, end: int | None, kind: str, opening: str, closing: str, label: str = "") -> None:
        if start is None or end is None:
            return
        start, end = max(0, start), min(text_length, end)
        if start < end:
            spans.append(_Span(start, end, kind, opening, closing, label))

    for gi, group in enumerate(c.quotes):
        what = "Quote" if group.kind == "direct" else "Reported speech" if group.kind == "indirect" else "Partly quoted"
        tip = f"{what} Q{gi + 1}: {group.speaker or 'unattributed'}"
        if group.reported_by:
            tip += f", as reported by {group.reported_by}"
        opening = f'<mark class="q c{gi % PALETTE_SIZE} q-{gi}" data-group="{_e(group.id)}" title="{_e(tip)}">'
        for v in group.variants:
            if v.article == article_id:
                add(v.start, v.end, "quote", opening, "</mark>", f'<span class="qn">Q{gi + 1}</span>')
    for claim in c.claims:
        if claim.status != "disputed":
            continue
        kinds = ", ".join(sorted({d.kind for d in claim.disputes})) or "disputed"
        tip = f"Disputed claim ({kinds}): {claim.text}"
        opening = f'<span class="disputed-claim" data-claim="{_e(claim.id)}" title="{_e(tip)}">'
        flag = f'<span class="flag" aria-label="disputed">{_FLAG}</span>'
        for s in claim.support:
            if s.article == article_id:
                add(s.start, s.end, "claim", opening, "</span>", flag)
        for d in claim.disputes:
            if d.article == article_id:
                who = f" by {d.attributed_to}" if d.attributed_to else ""
                tip = f"Contradicts ({d.kind}{who}): {claim.text}"
                add(d.start, d.end, "dispute", f'<span class="contra" title="{_e(tip)}">', "</span>", flag)
    for a in c.coverage.additions:
        if a.article == article_id:
            opening = f'<span class="addition" title="{_e(a.kind.capitalize())} added later">'
            add(a.start, a.end, "addition", opening, "</span>", f'<span class="badge {_e(a.kind)}">{_e(a.kind)}</span>')
    return spans


def _text_html(text: str, spans: Sequence[_Span]) -> str:
    """The article text as paragraphs, with possibly overlapping or nested spans highlighted.

    The text is cut at every span boundary and every line break; each piece is wrapped in the
    tags of all spans that cover it (outermost first), so the markup always nests properly.
    """
    out: list[str] = []
    for para in _PARAGRAPH.finditer(text):
        p_start, p_end = para.span()
        if not text[p_start:p_end].strip():
            continue
        cuts = {p_start, p_end}
        for s in spans:
            cuts.update(x for x in (s.start, s.end) if p_start < x < p_end)
        pieces: list[str] = []
        for x, y in pairwise(sorted(cuts)):
            active = sorted((s for s in spans if s.start <= x and s.end >= y), key=lambda s: (s.start, -s.end, s.kind))
            inner = _e(text[x:y])
            for s in reversed(active):
                starts_here = s.start == x or (x == p_start and s.start < p_start)
                inner = s.opening + (s.label if starts_here else "") + inner + s.closing
            pieces.append(inner)
        out.append(f"<p>{''.join(pieces)}</p>")
    return "\n".join(out)


def _columns(c: StoryComparison, arts: _Articles, articles_text: Mapping[str, str]) -> str:
    """The side-by-side view: one column per article."""
    cols: list[str] = []
    for i, a in enumerate(arts.items):
        url = _safe_url(a.url)
        link = f' · <a href="{_e(url)}" rel="noopener noreferrer">original</a>' if url else ""
        text = articles_text.get(a.id)
        if text is None:
            body = '<p class="missing">The article text is not available.</p>'
        else:
            body = _text_html(text, _spans_for(c, a.id, len(text)))
        cols.append(
            f'<article class="col o{i % 6}" id="art-{i}" data-article="{_e(a.id)}">'
            f'<header><div class="outlet">{_e(arts.label(a.id))}</div>'
            f"<h3>{_e(a.title or '(untitled)')}</h3>"
            f'<div class="meta">{_e(_when(a.published))}{link}</div></header>'
            f'<div class="body">{body}</div></article>'
        )
    legend = (
        '<p class="legend"><mark class="q c0">Highlighted</mark> quotations share a colour across outlets '
        "(hover one to see its counterparts); "
        f'<span class="disputed-claim"><span class="flag">{_FLAG}</span>underlined</span> claims are disputed; '
        f'<span class="contra"><span class="flag">{_FLAG}</span>shaded</span> passages contradict a claim; '
        '<span class="addition"><span class="badge update">update</span>tinted</span> text was added later.</p>'
    )
    return (
        f'<section id="side-by-side"><h2>Side by side</h2>{legend}'
        f'<div class="columns" style="--n:{max(1, len(cols))}">{"".join(cols)}</div></section>'
    )


# -- sections ------------------------------------------------------------------------------------


def _header(c: StoryComparison, arts: _Articles) -> str:
    """Title, outlets, dates and first publication."""
    dated = sorted(a.published for a in arts.items if a.published)
    if dated:
        first_day, last_day = _when(dated[0]).split(" ")[0], _when(dated[-1]).split(" ")[0]
        span = first_day if first_day == last_day else f"{first_day} – {last_day}"
    else:
        span = "undated"
    first = ", ".join(
        f"{_e(arts.label(a))} ({_e(_when(arts.items[arts.index[a]].published))})"
        for a in c.coverage.first
        if a in arts.index
    )
    outlets = "".join(arts.chip(a.id) for a in arts.items)
    n = len(arts.items)
    facts = [
        f"<div><dt>Outlets</dt><dd>{outlets}</dd></div>",
        f"<div><dt>Published</dt><dd>{_e(span)}</dd></div>",
    ]
    if first:
        facts.append(f"<div><dt>First</dt><dd>{first}</dd></div>")
    counts = f"{n} article{'s' * (n != 1)} · {shared_quotes(c)} shared quotations · {len(c.claims)} claims"
    disputed = sum(1 for cl in c.claims if cl.status == "disputed")
    if disputed:
        counts += f' · <span class="bad">{_FLAG} {disputed} disputed</span>'
    conflicts, updates = conflicts_and_updates(c)
    if conflicts:
        counts += f" · {len(conflicts)} dispute{'s' * (len(conflicts) != 1)}"
    if updates:
        counts += f" · {len(updates)} update{'s' * (len(updates) != 1)}"
    return (
        f'<header class="page"><p class="kicker">Story comparison</p>'
        f"<h1>{_e(c.title or '(untitled story)')}</h1>"
        f'<p class="counts">{counts}</p><dl class="facts">{"".join(facts)}</dl></header>'
    )


def _digest(c: StoryComparison, arts: _Articles) -> str:
    """The digest, one sentence per line with its citations."""
    if not c.digest:
        return ""
    items = []
    for s in c.digest:
        mark = f'<span class="badge disputed">{_FLAG} disputed</span>' if s.disputed else ""
        cls = ' class="disputed"' if s.disputed else ""
        items.append(f'<li{cls}>{_e(s.text)} <span class="cites">{arts.chips(s.articles)}</span>{mark}</li>')
    return f'<section id="digest"><h2>Digest</h2><ul class="digest">{"".join(items)}</ul></section>'


def _diff_html(ops: Sequence[tuple[str, str]]) -> str:
    """A word diff as text with ``<ins>``/``<del>``, spaces restored between the steps."""
    out: list[str] = []
    prev = ""
    for op, text in ops:
        if out and prev and text and not prev[-1].isspace() and not text[0].isspace():
            out.append(" ")
        tag = {"insert": "ins", "delete": "del"}.get(op)
        out.append(f"<{tag}>{_e(text)}</{tag}>" if tag else _e(text))
        prev = text
    return "".join(out)


def _rendering(v: QuoteVariant) -> str:
    """One outlet's words: a ``<q>`` (quotation marks) only when it quotes them; reported speech
    is plain text with a ``reported`` label, a mixed quotation keeps the outlet's own marks."""
    body = _diff_html([(d.op, d.text) for d in v.diff]) if has_changes(v) else _e(v.text)
    if is_quoted(v):
        return f'<q class="variant">{body}</q>'
    label = kind_label(v)
    badge = f'<span class="badge kind">{_e(label)}</span> ' if label else ""
    return f'<span class="variant {_e(v.kind)}">{badge}{body}</span>'


def _quotes(c: StoryComparison, arts: _Articles, *, shared_only: bool = False) -> str:
    """Each quotation group with every outlet's rendering and its word diff."""
    shown = shown_quotes(c, shared_only=shared_only)
    if not shown:
        return '<section id="quotes"><h2>Quotations</h2><p class="none">No quotation is shared.</p></section>'
    groups = []
    for gi, g in shown:
        who = _e(g.speaker or "Unattributed")
        by = f'<span class="by">reported by {_e(g.reported_by)}</span>' if g.reported_by else ""
        variants = [f"<li>{arts.chip(v.article)}{_rendering(v)}</li>" for v in g.variants]
        outlets = group_outlets(g, c.articles)
        groups.append(
            f'<div class="qgroup" id="quote-{gi}" data-group="{_e(g.id)}" data-kind="{_e(g.kind)}">'
            f'<h3><mark class="q c{gi % PALETTE_SIZE} q-{gi}">Q{gi + 1}</mark> {who} {by}'
            f'<span class="n">{outlets} outlet{"s" * (outlets != 1)}</span></h3>'
            f'<ul class="variants">{"".join(variants)}</ul></div>'
        )
    scope = " Only quotations that two or more outlets print are listed." if shared_only else ""
    note = (
        '<p class="legend"><ins>Inserted</ins> words appear only in that outlet\'s version; '
        "<del>struck</del> words only in the reference version. Quotation marks enclose only words "
        f'the outlet quotes; <span class="badge kind">reported</span> speech is the outlet\'s paraphrase.{scope}</p>'
    )
    return f'<section id="quotes"><h2>Quotations</h2>{note}{"".join(groups)}</section>'


def _claims(c: StoryComparison, arts: _Articles) -> str:
    """Claims grouped by status, with whose statement they are, their support and disputes."""
    if not c.claims:
        return '<section id="claims"><h2>Claims</h2><p class="none">No claims.</p></section>'
    parts = []
    ranked = sorted(c.claims, key=lambda cl: _STATUS_ORDER.index(cl.status) if cl.status in _STATUS_ORDER else 9)
    for cl in ranked:
        status = cl.status if cl.status in _STATUS_LABEL else "other"
        badge = f'<span class="badge {status}">{_e(_STATUS_LABEL.get(cl.status, cl.status))}</span>'
        support = ""
        # Passages of the articles are excerpts, not quotations: no quotation marks around them,
        # and who asserts one follows it ("statement of X"), so it never reads as X's own words.
        for s in cl.support:
            who = ""
            if s.asserted_by:
                voice = _e(VOICE_LABELS.get(s.voice, s.voice))
                who = f' <span class="voice">({_e(asserter(s.asserted_by))}, {voice})</span>'
            support += f'<li>{arts.chip(s.article)}<span><span class="excerpt">{_e(s.text)}</span>{who}</span></li>'
        disputes = ""
        for d in cl.disputes:
            who = f' <span class="voice">({_e(asserter(d.attributed_to))})</span>' if d.attributed_to else ""
            kind = "update" if d.kind == "update" else "dispute"
            disputes += (
                f'<li class="{kind}"><span class="kind">{_FLAG} {_e(d.kind)}</span>{arts.chip(d.article)}'
                f'<span><span class="excerpt">{_e(d.text)}</span>{who}</span></li>'
            )
        disputes_html = f'<ul class="disputes">{disputes}</ul>' if disputes else ""
        about = [_e(claim_voice(cl))] if claim_voice(cl) else []
        names = claim_outlets(cl, arts.items)
        if names:
            about.append(f"{len(names)} outlet{'s' * (len(names) != 1)}: {_e(', '.join(names))}")
        about_html = f'<p class="about">{" · ".join(about)}</p>' if about else ""
        parts.append(
            f'<div class="claim {status}" data-claim="{_e(cl.id)}"><p class="ctext">{badge} {_e(cl.text)}</p>'
            f'{about_html}<ul class="support">{support}</ul>{disputes_html}</div>'
        )
    return f'<section id="claims"><h2>Claims</h2>{"".join(parts)}</section>'


def _side_html(label: str, side: DisputeSide, arts: _Articles) -> str:
    return (
        f'<li><span class="side">{label}</span>{arts.chip(side.article)}'
        f'<span><span class="excerpt">{_e(side.text)}</span> '
        f'<span class="voice">({_e(asserter(side.asserted_by))})</span></span></li>'
    )


def _pairs_html(pairs: list[DisputePair], arts: _Articles) -> str:
    items = []
    for d in pairs:
        cls = "update" if d.kind == "update" else "conflict"
        note = f' <span class="note">{_e(d.note)}</span>' if d.note else ""
        items.append(
            f'<div class="pair {cls}" data-dispute="{_e(d.id)}"><p class="ptitle">'
            f'<span class="badge {cls}">{_e(d.kind)}</span>{note}</p><ul class="sides">'
            f"{_side_html('A', d.a, arts)}{_side_html('B', d.b, arts)}</ul></div>"
        )
    return "".join(items)


def _disputes(c: StoryComparison, arts: _Articles) -> str:
    """Each dispute once with both sides; updates (revised figures) apart from conflicts."""
    conflicts, updates = conflicts_and_updates(c)
    if not conflicts and not updates:
        return '<section id="disputes"><h2>Disputes</h2><p class="none">No dispute between the outlets.</p></section>'
    body = _pairs_html(conflicts, arts) if conflicts else '<p class="none">No conflict between the outlets.</p>'
    if updates:
        body += (
            '<h3 id="updates">Updates</h3><p class="legend">A figure that a later report revises: not a conflict.</p>'
            + _pairs_html(updates, arts)
        )
    return f'<section id="disputes"><h2>Disputes</h2>{body}</section>'


def _entities(c: StoryComparison, arts: _Articles) -> str:
    """Entities with every spelling and the outlets that use it."""
    if not c.entities:
        return ""
    rows = []
    for ent in c.entities:
        spellings = "".join(
            f'<li><span class="spelling">{_e(v.text)}</span>{arts.chips(v.articles)}</li>' for v in ent.variants
        )
        rows.append(
            f"<tr><th scope=row>{_e(ent.name)}</th><td>{_e(ent.type)}</td>"
            f'<td><ul class="spellings">{spellings}</ul></td></tr>'
        )
    return (
        '<section id="entities"><h2>Names and spellings</h2><table class="entities">'
        "<thead><tr><th>Entity</th><th>Type</th><th>Written as</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _coverage(c: StoryComparison, arts: _Articles) -> str:
    """Timeline of publication and later additions."""
    order = [a for a in c.coverage.timeline if a in arts.index] or [a.id for a in arts.items]
    first = set(c.coverage.first)
    rows = []
    for aid in order:
        a = arts.items[arts.index[aid]]
        badge = ' <span class="badge first">first</span>' if aid in first else ""
        rows.append(
            f"<tr><td class=when>{_e(_when(a.published))}</td><td>{arts.chip(aid)}{badge}</td>"
            f"<td>{_e(a.title or '')}</td></tr>"
        )
    additions = "".join(
        f'<li><span class="badge {_e(a.kind)}">{_e(a.kind)}</span>{arts.chip(a.article)}'
        f'<span class="excerpt">{_e(a.text)}</span></li>'
        for a in c.coverage.additions
    )
    additions_html = f'<h3>Added later</h3><ul class="additions">{additions}</ul>' if additions else ""
    return (
        '<section id="coverage"><h2>Coverage</h2><table class="timeline">'
        "<thead><tr><th>Published</th><th>Outlet</th><th>Headline</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>{additions_html}</section>"
    )


def _hover_css(n_groups: int) -> str:
    """Per-group rules: hovering one rendering of a quotation outlines all of them."""
    return "\n".join(
        f"body:has(.q-{i}:hover) .q-{i} {{ outline: 2px solid var(--ink); outline-offset: 1px; }}"
        for i in range(min(n_groups, 500))
    )


def comparison_html(c: StoryComparison, articles_text: Mapping[str, str], *, shared_only: bool = False) -> str:
    """A story comparison as one self-contained HTML page.

    Args:
        c: The comparison.
        articles_text: Each article's ``text`` by article id; every offset in ``c`` indexes into
            it. Articles missing here get a column without text.
        shared_only: List only the quotations two or more outlets print in the quotations
            section (the columns still highlight every quotation).

    Returns:
        The HTML document: header and digest, the articles side by side with shared quotations
        highlighted alike and disputed claims marked, then quotations, claims, names and coverage.
    """
    arts = _Articles(c.articles)
    nav = "".join(
        f'<a href="#{anchor}">{label}</a>'
        for anchor, label, shown in (
            ("digest", "Digest", bool(c.digest)),
            ("side-by-side", "Side by side", True),
            ("quotes", "Quotations", True),
            ("claims", "Claims", True),
            ("disputes", "Disputes", True),
            ("entities", "Names", bool(c.entities)),
            ("coverage", "Coverage", True),
        )
        if shown
    )
    body = "\n".join(
        [
            _header(c, arts),
            f'<nav class="toc">{nav}</nav>',
            _digest(c, arts),
            _columns(c, arts, articles_text),
            _quotes(c, arts, shared_only=shared_only),
            _claims(c, arts),
            _disputes(c, arts),
            _entities(c, arts),
            _coverage(c, arts),
            f"<footer>Generated by newsprism · comparison schema {_e(c.schema_version)}</footer>",
        ]
    )
    csp = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="generator" content="newsprism">\n'
        f"<title>{_e(c.title or 'Story comparison')} · newsprism</title>\n"
        f"<style>\n{PAGE_CSS}\n{_hover_css(len(c.quotes))}\n</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


# -- style ---------------------------------------------------------------------------------------

PAGE_CSS = """
:root {
  --ink: #1d232b; --muted: #5b6571; --rule: #dde1e6; --paper: #ffffff; --panel: #f6f7f9;
  --bad: #b42318; --bad-bg: #fdecea; --good: #1a7f37; --good-bg: #e6f4ea; --warn: #8a5a00; --warn-bg: #fff4d6;
  --ui: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", "DejaVu Sans", sans-serif;
  --read: Charter, "Iowan Old Style", Georgia, "Noto Serif", "Liberation Serif", "DejaVu Serif", serif;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink); font: 16px/1.55 var(--ui); }
main { max-width: 88rem; margin: 0 auto; padding: 1.5rem clamp(0.75rem, 3vw, 2.5rem) 3rem; }
h1 { font: 700 clamp(1.5rem, 2.6vw, 2.2rem)/1.2 var(--read); margin: 0.1rem 0 0.4rem; max-width: 60rem; }
section { scroll-margin-top: 3rem; }
h2 { font-size: 1.3rem; margin: 2.4rem 0 0.8rem; padding-bottom: 0.3rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.02rem; margin: 0; }
a { color: #0b57d0; }
.kicker { margin: 0; text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.78rem; color: var(--muted); }
.counts { margin: 0 0 0.9rem; color: var(--muted); }
.bad { color: var(--bad); font-weight: 600; }
.facts { display: flex; flex-wrap: wrap; gap: 0.4rem 2.2rem; margin: 0; }
.facts dt { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
.facts dd { margin: 0.15rem 0 0; }
.toc { position: sticky; top: 0; z-index: 5; display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; margin: 1.2rem 0 0;
  padding: 0.5rem 0; background: rgba(255, 255, 255, 0.94); border-bottom: 1px solid var(--rule); font-size: 0.9rem; }
.toc a { color: var(--ink); text-decoration: none; font-weight: 600; }
.toc a:hover { text-decoration: underline; }
.legend, .none { color: var(--muted); font-size: 0.88rem; margin: 0 0 0.9rem; }
.chip { display: inline-block; margin: 0 0.3rem 0.15rem 0; padding: 0 0.45rem; border-radius: 0.3rem;
  border: 1px solid var(--rule); border-left: 4px solid var(--oc, #8892a0); background: var(--panel);
  color: var(--ink); font: 600 0.76rem/1.6 var(--ui); text-decoration: none; white-space: nowrap;
  vertical-align: 0.08em; }
a.chip:hover { background: #e9edf2; }
.o0 { --oc: #2f6fde; } .o1 { --oc: #d9480f; } .o2 { --oc: #2b8a3e; }
.o3 { --oc: #9c36b5; } .o4 { --oc: #0c8599; } .o5 { --oc: #a61e4d; }
.badge { display: inline-block; padding: 0 0.5rem; border-radius: 1rem; font: 700 0.72rem/1.7 var(--ui);
  text-transform: uppercase; letter-spacing: 0.04em; white-space: nowrap; vertical-align: 0.1em;
  background: var(--panel); color: var(--muted); }
.badge.disputed { background: var(--bad-bg); color: var(--bad); }
.badge.corroborated { background: var(--good-bg); color: var(--good); }
.badge.single_source, .badge.update, .badge.correction { background: var(--warn-bg); color: var(--warn); }
.badge.first { background: #e7f0ff; color: #1d4ed8; }
.digest { list-style: none; margin: 0; padding: 0; max-width: 62rem; font: 1.05rem/1.6 var(--read); }
.digest li { margin: 0 0 0.55rem; padding-left: 0.9rem; border-left: 3px solid var(--rule); }
.digest li.disputed { border-left-color: var(--bad); }
.digest .cites { margin-left: 0.2rem; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 21rem), 1fr)); gap: 1.25rem;
  align-items: start; }
.col { border: 1px solid var(--rule); border-top: 5px solid var(--oc); border-radius: 0.4rem; background: var(--paper);
  min-width: 0; }
.col header { position: sticky; top: 2.4rem; z-index: 2; padding: 0.7rem 1rem 0.6rem; background: var(--panel);
  border-bottom: 1px solid var(--rule); }
.col .outlet { font-weight: 800; font-size: 0.82rem; text-transform: uppercase; letter-spacing: 0.06em;
  color: var(--oc); overflow-wrap: anywhere; }
.col h3 { font: 700 1.05rem/1.3 var(--read); margin: 0.15rem 0 0.25rem; }
.col .meta { font-size: 0.82rem; color: var(--muted); }
.col .body { padding: 0.3rem 1rem 0.8rem; font: 0.97rem/1.62 var(--read); hyphens: auto; overflow-wrap: anywhere; }
.col .body p { margin: 0.65rem 0; }
.missing { color: var(--muted); font-style: italic; }
mark.q { color: inherit; border-radius: 0.15rem; padding: 0.05rem 0; -webkit-box-decoration-break: clone;
  box-decoration-break: clone; box-shadow: inset 0 -2px 0 var(--qe); background: var(--qc); }
.c0 { --qc: #ffe58f; --qe: #d4a106; } .c1 { --qc: #bfe3ff; --qe: #3b8fd9; } .c2 { --qc: #c9f0c1; --qe: #4caf50; }
.c3 { --qc: #fbd0e8; --qe: #d6559b; } .c4 { --qc: #ffd6b0; --qe: #e8833a; } .c5 { --qc: #ddd3ff; --qe: #7c5ce0; }
.c6 { --qc: #c2efe9; --qe: #1fa293; } .c7 { --qc: #e9e3c9; --qe: #9c8b45; }
.qn { display: inline-block; margin-right: 0.2rem; padding: 0 0.25rem; border-radius: 0.2rem; background: var(--qe);
  color: #fff; font: 700 0.62rem/1.45 var(--ui); vertical-align: 0.15em; }
.disputed-claim { text-decoration: underline wavy var(--bad); text-decoration-thickness: 1.5px;
  text-underline-offset: 0.22em; text-decoration-skip-ink: none; }
.contra { background: var(--bad-bg); text-decoration: underline dotted var(--bad); text-underline-offset: 0.22em; }
.flag { color: var(--bad); font: 700 0.85em/1 var(--ui); margin-right: 0.15rem; text-decoration: none; }
.addition { background: #fff6dc; }
.addition .badge { margin-right: 0.35rem; }
.qgroup { margin: 0 0 1.1rem; padding: 0.8rem 1rem; border: 1px solid var(--rule); border-radius: 0.4rem; }
.qgroup h3 { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.5rem; }
.qgroup h3 mark { font-size: 0.8rem; }
.by, .n { font-weight: 400; color: var(--muted); font-size: 0.88rem; }
.n { margin-left: auto; }
.variants, .support, .disputes, .additions, .spellings { list-style: none; margin: 0.5rem 0 0; padding: 0; }
.variants li, .support li, .disputes li, .additions li { margin: 0.35rem 0; display: grid;
  grid-template-columns: minmax(6rem, max-content) 1fr; gap: 0.5rem; align-items: baseline; }
.variants q, .support q, .disputes q, .additions q { font-family: var(--read); }
ins { background: var(--good-bg); color: #0f5323; text-decoration: none; border-bottom: 2px solid var(--good); }
del { background: var(--bad-bg); color: #8c1d13; text-decoration: line-through; }
.claim { margin: 0 0 0.9rem; padding: 0.7rem 1rem; border: 1px solid var(--rule); border-left: 5px solid var(--rule);
  border-radius: 0.4rem; }
.claim.disputed { border-left-color: var(--bad); background: #fffafa; }
.claim.corroborated { border-left-color: var(--good); }
.claim.single_source { border-left-color: #e0b341; }
.ctext { margin: 0; font-weight: 600; }
.disputes li { grid-template-columns: 6.5rem minmax(6rem, max-content) 1fr; }
.disputes .kind { color: var(--bad); font-weight: 700; font-size: 0.82rem; text-transform: uppercase; }
.who { font-weight: 600; }
.voice, .about, .note { color: var(--muted); font-size: 0.85rem; }
.excerpt { font-family: var(--read); }
.about { margin: 0.2rem 0 0; }
.badge.kind { background: var(--panel); color: var(--muted); text-transform: none; }
.variant.indirect, .variant.mixed { font-family: var(--read); }
.badge.conflict { background: var(--bad-bg); color: var(--bad); }
.pair { margin: 0 0 0.9rem; padding: 0.7rem 1rem; border: 1px solid var(--rule); border-left: 5px solid var(--bad);
  border-radius: 0.4rem; }
.pair.update { border-left-color: #e0b341; }
.ptitle { margin: 0; }
.sides { list-style: none; margin: 0.5rem 0 0; padding: 0; }
.sides li { margin: 0.35rem 0; display: grid; grid-template-columns: 1.5rem minmax(6rem, max-content) 1fr;
  gap: 0.5rem; align-items: baseline; }
.sides q { font-family: var(--read); }
.side { font-weight: 700; color: var(--muted); }
.disputes li.update .kind { color: var(--warn); }
table { border-collapse: collapse; width: 100%; font-size: 0.94rem; }
th, td { text-align: left; vertical-align: top; padding: 0.45rem 0.7rem 0.45rem 0;
  border-bottom: 1px solid var(--rule); }
thead th { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
table.entities th[scope] { width: 24%; }
.spellings li { margin: 0 0 0.2rem; }
.spelling { font-family: var(--read); font-weight: 600; margin-right: 0.5rem; }
td.when { white-space: nowrap; font-variant-numeric: tabular-nums; }
footer { margin-top: 3rem; color: var(--muted); font-size: 0.8rem; }
@media (max-width: 60rem) {
  .columns { display: block; }
  .col { margin-bottom: 1.2rem; }
  .col header { position: static; }
  .variants li, .support li, .disputes li, .additions li, .sides li { grid-template-columns: 1fr; gap: 0.1rem; }
}
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  .toc { display: none; }
  .columns { display: grid; grid-template-columns: repeat(var(--n), minmax(0, 1fr)); overflow: visible; gap: 0.5rem; }
  .col header { position: static; }
  .col .body { font-size: 8.5pt; }
  h2 { break-after: avoid; }
  .qgroup, .claim, .pair, tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""
