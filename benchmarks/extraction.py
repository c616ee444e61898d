"""Main-text extraction benchmark: ``extract_html`` against the shared extraction dataset.

The dataset is the dev split of scrapinghub's article-extraction-benchmark: ``html/<key>.html.gz``
plus ``ground-truth.json`` mapping each key to ``{"articleBody", "url"}``. It is read from
``--data DIR`` (the folder holding ``extraction/``), else ``$NEWSPRISM_DATASETS``, else
``../shared/datasets`` next to the project root.

Metric: token-bag F1 per page, averaged over pages. Tokenisation: the text is lowercased
(``str.lower``) and split into the tokens matched by the regular expression ``\\w+`` (Unicode
word characters, so punctuation and whitespace are dropped). Both texts become multisets of
tokens; the overlap is the size of their multiset intersection, precision = overlap / predicted
tokens, recall = overlap / gold tokens, F1 = 2PR / (P + R). A page with no extracted text scores
0 (1 if the gold body is empty too). The extracted body is the paragraphs joined with a blank
line.

Speed is pages per second over the extraction calls only (reading and decompressing files,
scoring, and one untimed warm-up call per extractor are not timed). The same F1 is computed
for ``trafilatura.extract`` with default settings as a baseline.

Usage::

    .venv/bin/python benchmarks/extraction.py [--data DIR] [--json] [--worst N] [--no-baseline]
"""

from __future__ import annotations

import argparse
import codecs
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench_data import DATASETS_ENV, default_data_dir

_TOKEN_RE = re.compile(r"\w+")
_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING_RE = re.compile(rb"""^<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")


@dataclass(frozen=True, slots=True)
class Page:
    """One benchmark page: its key, decoded HTML, gold body and URL."""

    key: str
    html: str
    gold: str
    url: str | None


@dataclass(frozen=True, slots=True)
class PageResult:
    """The score of one page and the seconds its extraction took."""

    key: str
    f1: float
    seconds: float


def extraction_dir(data: Path | None = None) -> Path:
    """Return the ``extraction/`` folder under ``data`` (or under the default datasets folder).

    Args:
        data: The datasets folder, or the ``extraction`` folder itself.

    Returns:
        The path of the extraction dataset.
    """
    base = data if data is not None else default_data_dir()
    if (base / "ground-truth.json").is_file():
        return base
    return base / "extraction"


def decode_html(data: bytes) -> str:
    """Decode page bytes to text.

    A byte-order mark wins; otherwise bytes that are valid UTF-8 are read as UTF-8 (pages often
    declare a legacy charset but are UTF-8); otherwise the charset declared in a ``<meta>`` tag
    or XML declaration within the first 4 KiB is used; failing that, Windows-1252 with
    replacement characters.

    Args:
        data: The raw page bytes.

    Returns:
        The decoded text.
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    head = data[:4096]
    match = _XML_ENCODING_RE.search(head) or _CHARSET_RE.search(head)
    if match:
        name = match.group(1).decode("ascii", errors="ignore")
        try:
            codecs.lookup(name)
        except LookupError:
            pass
        else:
            return data.decode(name, errors="replace")
    return data.decode("cp1252", errors="replace")


def tokenize(text: str) -> Counter[str]:
    """Return the bag of lowercased ``\\w+`` tokens of ``text``.

    Args:
        text: Any text.

    Returns:
        A multiset of tokens.
    """
    return Counter(_TOKEN_RE.findall(text.lower()))


def token_f1(predicted: str, gold: str) -> float:
    """Return the token-bag F1 of ``predicted`` against ``gold`` (see the module docstring).

    Args:
        predicted: The extracted text.
        gold: The reference text.

    Returns:
        F1 in [0, 1].
    """
    pred_bag, gold_bag = tokenize(predicted), tokenize(gold)
    pred_n, gold_n = sum(pred_bag.values()), sum(gold_bag.values())
    if pred_n == 0 or gold_n == 0:
        return 1.0 if pred_n == gold_n else 0.0
    overlap = sum((pred_bag & gold_bag).values())
    if overlap == 0:
        return 0.0
    precision, recall = overlap / pred_n, overlap / gold_n
    return 2 * precision * recall / (precision + recall)


def load_pages(directory: Path) -> list[Page]:
    """Read every page of the extraction dataset, sorted by key.

    Args:
        directory: The ``extraction`` folder (with ``ground-truth.json`` and ``html/``).

    Returns:
        The pages with decoded HTML.

    Raises:
        FileNotFoundError: The folder or its ground truth is missing.
    """
    truth = json.loads((directory / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        raw = gzip.decompress((directory / "html" / f"{key}.html.gz").read_bytes())
        entry = truth[key]
        pages.append(Page(key, decode_html(raw), entry.get("articleBody") or "", entry.get("url")))
    return pages


def newsprism_text(page: Page, extractor: Any = None) -> str:
    """Extract ``page`` the way ``newsprism extract`` does: :class:`newsprism.extraction.Extractor`
    on a web-page document (main text, boilerplate removal, metadata, language).

    Args:
        page: A benchmark page.
        extractor: A reusable ``Extractor`` (one is made when omitted).

    Returns:
        The article text ("" when nothing was extracted).
    """
    from newsprism.extraction import Extractor
    from newsprism.models import Article, RawDocument

    extractor = extractor or Extractor()
    doc = RawDocument(
        source=page.key,
        content=page.html.encode("utf-8"),
        kind="html",
        url=page.url,
        content_type="text/html; charset=utf-8",
    )
    result = extractor.extract(doc)
    return result.text if isinstance(result, Article) else ""


def trafilatura_text(page: Page) -> str:
    """Extract ``page`` with ``trafilatura.extract`` and its default settings (the baseline).

    Args:
        page: A benchmark page.

    Returns:
        The extracted text ("" when nothing was extracted).
    """
    import trafilatura

    return trafilatura.extract(page.html, url=page.url) or ""


def score(pages: Sequence[Page], extractor: Callable[[Page], str]) -> list[PageResult]:
    """Run ``extractor`` on each page and score it.

    The extractor first runs once, untimed, on the first page so that one-time costs (lazy
    imports, compiled patterns, date-parser tables) do not count against the first page.

    Args:
        pages: The benchmark pages.
        extractor: Returns the body text of a page.

    Returns:
        One result per page, in order.
    """
    if pages:
        extractor(pages[0])
    results = []
    for page in pages:
        start = time.perf_counter()
        text = extractor(page)
        elapsed = time.perf_counter() - start
        results.append(PageResult(page.key, token_f1(text, page.gold), elapsed))
    return results


def summarize(results: list[PageResult], worst: int = 5) -> dict[str, Any]:
    """Aggregate page results.

    Args:
        results: The per-page results.
        worst: How many of the lowest-scoring pages to list.

    Returns:
        ``pages``, ``mean_f1``, ``median_f1``, ``pages_per_second`` and ``worst`` (key, F1).
    """
    scores = [r.f1 for r in results]
    seconds = sum(r.seconds for r in results)
    ranked = sorted(results, key=lambda r: (r.f1, r.key))[:worst]
    return {
        "pages": len(results),
        "mean_f1": statistics.fmean(scores) if scores else 0.0,
        "median_f1": statistics.median(scores) if scores else 0.0,
        "pages_per_second": len(results) / seconds if seconds > 0 else 0.0,
        "worst": [{"key": r.key, "f1": r.f1} for r in ranked],
    }


def _print_table(ours: dict[str, Any], baseline: dict[str, Any] | None) -> None:
    rows = [("newsprism Extractor", ours)]
    if baseline is not None:
        rows.append(("trafilatura.extract (defaults)", baseline))
    print(f"{'extractor':<32} {'pages':>5} {'mean F1':>8} {'median F1':>9} {'pages/s':>8}")
    for name, s in rows:
        print(f"{name:<32} {s['pages']:>5} {s['mean_f1']:>8.4f} {s['median_f1']:>9.4f} {s['pages_per_second']:>8.1f}")
    if ours["worst"]:
        print(f"\nworst {len(ours['worst'])} pages (newsprism):")
    for item in ours["worst"]:
        print(f"  {item['f1']:.4f}  {item['key']}")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table (or JSON).

    Args:
        argv: Command-line arguments (``sys.argv[1:]`` when ``None``).

    Returns:
        The process exit status.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help=f"datasets folder holding extraction/ (default: ${DATASETS_ENV}, else "
        "../shared/datasets next to the project)",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--worst", type=int, default=5, help="how many worst pages to list")
    parser.add_argument("--no-baseline", action="store_true", help="skip the trafilatura.extract baseline")
    args = parser.parse_args(argv)

    directory = extraction_dir(args.data)
    if not (directory / "ground-truth.json").is_file():
        print(f"no extraction dataset at {directory}", file=sys.stderr)
        return 2
    pages = load_pages(directory)
    from newsprism.extraction import Extractor

    extractor = Extractor()
    ours = summarize(score(pages, lambda page: newsprism_text(page, extractor)), args.worst)
    baseline = None if args.no_baseline else summarize(score(pages, trafilatura_text), args.worst)

    if args.json:
        print(json.dumps({"newsprism": ours, "trafilatura_default": baseline}, indent=2))
    else:
        _print_table(ours, baseline)
    return 0


if __name__ == "__main__":
    sys.exit(main())
