"""The HTML comparison in a real browser: headless Chromium renders it, screenshots it, dumps its DOM.

The comparison is built by hand over the three bundled example articles (the Lukashenko apology
story), so that the page shows realistic text, overlapping highlights and a disputed claim.
Set ``NEWSPRISM_SCREENSHOT_DIR`` to keep the screenshot and the HTML for a look.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

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
from newsprism.render.comparison_json import SCHEMA_VERSION
from newsprism.render.html import comparison_html

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "lukashenko-apology"
BOILERPLATE_STARTS = ("Meduza survived", "Pundit:")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--hide-scrollbars",
]

pytestmark = pytest.mark.slow


def _body(path: Path) -> str:
    """The article body: the file without its headline line and trailing page furniture."""
    lines = path.read_text(encoding="utf-8").split("\n")[1:]
    kept: list[str] = []
    for line in lines:
        if line.startswith(BOILERPLATE_STARTS):
            break
        kept.append(line)
    return "\n".join(kept).strip()


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def _diff(reference: str, text: str) -> tuple[DiffOp, ...]:
    a, b = reference.split(), text.split()
    ops: list[DiffOp] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(DiffOp("equal", " ".join(a[i1:i2])))
        if tag in ("delete", "replace"):
            ops.append(DiffOp("delete", " ".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            ops.append(DiffOp("insert", " ".join(b[j1:j2])))
    return tuple(ops)


def example_comparison() -> tuple[StoryComparison, dict[str, str]]:
    """A hand-built comparison of the three example articles, and their texts by id."""
    files = sorted(EXAMPLES.glob("*.txt"))
    heads = [f.read_text(encoding="utf-8").split("\n", 1)[0] for f in files]
    ids = ["kyivpost-6f36", "meduza-b6ae", "pozirk-cbd3"]
    texts = dict(zip(ids, (_body(f) for f in files), strict=True))
    articles = (
        StoryArticle(
            ids[0], str(files[0]), "Kyiv Post", heads[0], "2025-01-06T09:12:00Z", "https://www.kyivpost.com/x"
        ),
        StoryArticle(ids[1], str(files[1]), "Meduza", heads[1], "2025-01-06T14:40:00Z", "https://meduza.io/en/x"),
        StoryArticle(ids[2], str(files[2]), "Pozirk", heads[2], "2025-01-07", "javascript:alert(1)"),
    )

    def group(
        gid: str, speaker: str, reported_by: str | None, needles: dict[str, str], kind: str = "direct"
    ) -> QuoteGroup:
        variants = []
        reference = next(iter(needles.values()))
        for aid, needle in needles.items():
            start, end = _span(texts[aid], needle)
            diff = () if needle == reference else _diff(reference, needle)
            variants.append(QuoteVariant(aid, needle, start, end, diff, kind))
        return QuoteGroup(gid, speaker, reported_by, tuple(variants), kind)

    def support(aid: str, needle: str, asserted_by: str | None = None) -> Support:
        outlet = next(a.outlet for a in articles if a.id == aid)
        voice = "attributed" if asserted_by else "outlet"
        return Support(aid, needle, *_span(texts[aid], needle), outlet, voice, asserted_by)

    k, m, p = ids
    quotes = (
        group(
            "q-missiles",
            "Alexander Lukashenko",
            "Volodymyr Zelensky",
            {
                k: "missiles were launched from my territory, and Putin was the one launching them",
                m: "Missiles were launched from my territory, and Putin was the one launching them.",
            },
        ),
        group(
            "q-murderer",
            "Volodymyr Zelensky",
            None,
            {
                k: "You are a murderer too, I’m just saying.",
                m: "You are a murderer too.",
                p: "You are a murderer, too.",
            },
        ),
        group(
            "q-fight",
            "Alexander Lukashenko",
            "Volodymyr Zelensky",
            {
                k: "You must understand, you can’t fight the Russians.",
                m: "You must understand, you can’t fight the Russians.",
            },
        ),
        group(
            "q-land",
            "Volodymyr Zelensky",
            None,
            {
                m: "It’s war. The missiles came from your land, from Belarus. How did you allow this?",
                p: "It’s war. The missiles came from your land, from Belarus. How did you allow this?",
                k: "How did you allow this?",
            },
        ),
        group(
            "q-refinery",
            "Alexander Lukashenko",
            "Volodymyr Zelensky",
            {
                k: "Hit the refinery, you know how much I care about it.",
                p: "Hit the refinery, you know how much I care about it.",
            },
        ),
        group(
            "q-about",
            "Volodymyr Zelensky",
            None,
            {
                m: "What are you on about? What retaliation?",
                p: "What are you on about, what retaliation?",
                k: "What are you on about?",
            },
        ),
        group(
            "q-warned",
            "Alexander Lukashenko",
            None,
            {p: "warned Ukraine against fighting the Russians back"},
            kind="indirect",
        ),
    )
    denial = "he did not apologize to Volodymyr Zelensky"
    estimate = "Ukraine estimated their number at some 70,000 troops"
    troops = "A 20,000-strong grouping of Russian forces crossed into Ukraine from Belarus"
    claims = (
        AlignedClaim(
            "c-apology",
            "Lukashenko apologized to Zelensky for missile strikes launched from Belarus",
            "disputed",
            (
                support(k, "Lukashenko apologized for missile strikes launched from his country"),
                support(m, "Aleksandr Lukashenko apologized for missile strikes launched from Belarusian territory"),
                support(p, "Alaksandar Łukašenka apologized for missile strikes on Ukraine from Belarus in 2022"),
            ),
            (Dispute("denial", m, denial, "Natalya Eismont", *_span(texts[m], denial)),),
        ),
        AlignedClaim(
            "c-refinery",
            "Lukashenko suggested that Ukraine strike an oil refinery in Belarus",
            "corroborated",
            (
                support(k, "suggested Zelenskyy hit an oil refinery in Belarus"),
                support(m, "Lukashenko suggested retaliating against the Mozyr Oil Refinery"),
            ),
        ),
        AlignedClaim(
            "c-troops",
            "20,000 Russian troops crossed into Ukraine from Belarus at the outset of the war",
            "disputed",
            (support(p, "A 20,000-strong grouping of Russian forces crossed into Ukraine from Belarus", "Lukashenko"),),
            (Dispute("number", p, estimate, "Ukraine", *_span(texts[p], estimate)),),
            outlets=("Pozirk",),
            asserted_by="Alexander Lukashenko",
        ),
        AlignedClaim(
            "c-hours",
            "The talk lasted over three hours",
            "single_source",
            (support(k, "The talk lasted over three hours."),),
        ),
    )
    entities = (
        EntityVariants(
            "Alexander Lukashenko",
            "person",
            "Q25135971",
            (
                Spelling("Alexander Lukashenko", (k,)),
                Spelling("Aleksandr Lukashenko", (m,)),
                Spelling("Alaksandar Łukašenka", (p,)),
                Spelling("Lukashenko", (k, m)),
                Spelling("Łukašenka", (p,)),
                # hostile text from an article must stay inert in the page
                Spelling("Лукашенко<script>document.title='pwned'</script>", (p,)),
            ),
        ),
        EntityVariants(
            "Volodymyr Zelensky",
            "person",
            "zelensky",
            (Spelling("Volodymyr Zelenskyy", (k,)), Spelling("Volodymyr Zelensky", (m, p))),
        ),
        EntityVariants(
            "Mozyr Oil Refinery",
            "facility",
            "mozyr-refinery",
            (Spelling("Mozyr Oil Refinery", (m,)), Spelling("Mazyr Oil Refinery", (p,))),
        ),
        EntityVariants("Lex Fridman", "person", "fridman", (Spelling("Lex Fridman", (k, m, p)),)),
    )
    update = texts[m][texts[m].index("Update:") :].split("\n", 1)[0]
    coverage = Coverage(
        outlets=("Kyiv Post", "Meduza", "Pozirk"),
        first=(k,),
        timeline=(k, m, p),
        additions=(Addition(m, "update", update, *_span(texts[m], update)),),
    )
    digest = (
        DigestSentence(
            "Zelensky told podcaster Lex Fridman that Lukashenko apologized for missile strikes "
            "launched from Belarus at the start of the 2022 invasion.",
            (k, m, p),
            disputed=True,
        ),
        DigestSentence("Lukashenko's press secretary, Natalya Eismont, denied that he apologized.", (m,)),
        DigestSentence(
            "According to Zelensky, Lukashenko blamed Putin for the strikes and suggested that Ukraine "
            "hit the Mozyr oil refinery.",
            (k, m, p),
        ),
        DigestSentence(
            "Lukashenko put the Russian force that crossed from Belarus at 20,000; Ukraine estimated 70,000.",
            (p,),
            disputed=True,
        ),
    )
    comparison = StoryComparison(
        schema_version=SCHEMA_VERSION,
        title="Zelensky says Lukashenko apologized for missile strikes from Belarus",
        articles=articles,
        entities=entities,
        quotes=quotes,
        claims=claims,
        coverage=coverage,
        digest=digest,
        story_id="story-lukashenko-apology",
        disputes=(
            DisputePair(
                "d-troops",
                "number",
                DisputeSide(p, troops, *_span(texts[p], troops), "c-troops", "Alexander Lukashenko", None, "Pozirk"),
                DisputeSide(p, estimate, *_span(texts[p], estimate), "c-troops", "Ukraine", None, "Pozirk"),
                "troops: 20,000 vs 70,000",
            ),
        ),
    )
    return comparison, texts


def _png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("chromium")
    assert exe is not None
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def page(tmp_path: Path) -> Path:
    if shutil.which("chromium") is None:
        pytest.skip("Chromium not installed (Debian: apt-get install chromium); the browser check needs it")
    comparison, texts = example_comparison()
    path = tmp_path / "comparison.html"
    path.write_text(comparison_html(comparison, texts), encoding="utf-8")
    return path


def test_comparison_browser_screenshot_renders(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    result = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1400,1000", page.as_uri())
    assert shot.is_file(), result.stderr[-2000:]
    data = shot.read_bytes()
    assert _png_size(data) == (1400, 1000)
    assert len(data) > 20_000, "the screenshot looks blank"
    keep = os.environ.get("NEWSPRISM_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / "comparison.png")
        shutil.copy(page, Path(keep) / "comparison.html")


def test_comparison_browser_dom_has_marks_and_no_injected_script(page: Path, tmp_path: Path) -> None:
    result = _chromium(tmp_path, "--dump-dom", page.as_uri())
    dom = result.stdout
    assert "</html>" in dom, result.stderr[-2000:]
    comparison, _ = example_comparison()
    for group in comparison.quotes:
        marks = re.findall(rf'<mark class="q [^"]*" data-group="{re.escape(group.id)}"', dom)
        # the side-by-side text holds one highlight per variant (more where a paragraph splits it)
        assert len(marks) >= len(group.variants), group.id
    assert dom.count('class="col ') == 3
    assert "<title>Zelensky says Lukashenko" in dom  # the injected script never ran
    assert "<script" not in dom
    assert "&lt;script&gt;" in dom
    assert 'class="disputed-claim"' in dom and 'class="contra"' in dom
    # Reported speech is not set in quotation marks; the dispute is listed once with both sides.
    assert '<span class="variant indirect"><span class="badge kind">reported</span> warned Ukraine' in dom
    assert '<q class="variant">warned Ukraine' not in dom
    disputes = dom[dom.index('id="disputes"') :]
    assert disputes.count('data-dispute="d-troops"') == 1
    assert "20,000-strong" in disputes and "70,000 troops" in disputes
