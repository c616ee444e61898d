"""The ``newsprism`` command line: a thin shell over the library.

Each command parses options, calls one library function and prints with rich. Only this
module maps errors to exit codes: 0 all good, 1 some input failed (or the store could not be
used), 2 usage errors, 130 interrupted.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

import click
import typer
from rich.console import Console, RenderableType
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from newsprism.comparison.digest import MAX_SENTENCES
from newsprism.comparison.story import compare as compare_story
from newsprism.config import Settings, resolve_db_path
from newsprism.errors import NewsprismError
from newsprism.extraction.metadata import normalize_date
from newsprism.models import AnalyzedArticle, Article, Failure, StoryComparison
from newsprism.pipeline import analyze as analyze_articles
from newsprism.pipeline import extract as extract_articles
from newsprism.pipeline import ingest as ingest_articles
from newsprism.pipeline import stored_analyses
from newsprism.render.analysis import analysis_view
from newsprism.render.articles import article_view, to_json_line
from newsprism.render.comparison_json import comparison_json
from newsprism.render.html import comparison_html
from newsprism.render.markdown import comparison_markdown
from newsprism.render.stories import stories_table, story_listing
from newsprism.render.story_text import comparison_view
from newsprism.sources import resolve
from newsprism.store import SQLiteStore, open_store
from newsprism.store.base import AddResult
from newsprism.stories import recluster_store
from newsprism.version import __version__

log = logging.getLogger(__name__)

app = typer.Typer(
    name="newsprism",
    help="Read one news story through every outlet that covered it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


class OutputFormat(StrEnum):
    """Output formats of ``extract``."""

    jsonl = "jsonl"
    text = "text"


class _State:
    db: Path | None = None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsprism {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option("--db", help="SQLite store file \\[default: $NEWSPRISM_DB or ./newsprism.db].", metavar="PATH"),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Extract, analyse and compare news articles from files, feeds, URLs and web archives."""
    state = _State()
    state.db = db
    ctx.obj = state


SourcesArg = Annotated[
    list[str],
    typer.Argument(
        help="Files, directories (recursive), globs or URLs: .txt, .html/.htm (.gz), .jsonl, RSS/Atom feeds, "
        ".warc/.warc.gz.",
        metavar="SOURCE...",
    ),
]
OutletOpt = Annotated[str | None, typer.Option("--outlet", help="Outlet name for every article of this call.")]
FollowOpt = Annotated[bool, typer.Option("--follow-links", help="Feeds: fetch and extract the page behind each entry.")]
PrivateOpt = Annotated[
    bool, typer.Option("--allow-private", help="Allow fetching from loopback, private and link-local addresses.")
]
MaxBytesOpt = Annotated[
    int | None, typer.Option("--max-bytes", min=1, help="Largest input accepted, in bytes [default: 50 MiB].")
]
TimeoutOpt = Annotated[
    float | None, typer.Option("--timeout", min=0.1, help="Network timeout in seconds [default: 20].")
]


def _settings(
    outlet: str | None, follow: bool, private: bool, max_bytes: int | None, timeout: float | None
) -> Settings:
    return Settings().with_changes(
        outlet=outlet,
        follow_links=follow or None,
        allow_private=private or None,
        max_bytes=max_bytes,
        fetch_timeout=timeout,
    )


StreamFormatOpt = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="jsonl: one JSON object per article; text: readable.")
]


@app.command()
def extract(
    sources: SourcesArg,
    output_format: StreamFormatOpt = OutputFormat.jsonl,
    outlet: OutletOpt = None,
    follow_links: FollowOpt = False,
    allow_private: PrivateOpt = False,
    max_bytes: MaxBytesOpt = None,
    timeout: TimeoutOpt = None,
) -> None:
    """Extract articles and print them, without storing anything."""
    settings = _settings(outlet, follow_links, allow_private, max_bytes, timeout)
    _print_stream(extract_articles(sources, settings), output_format, Article.to_dict, article_view)


@app.command()
def analyze(
    sources: SourcesArg,
    output_format: StreamFormatOpt = OutputFormat.jsonl,
    outlet: OutletOpt = None,
    follow_links: FollowOpt = False,
    allow_private: PrivateOpt = False,
    max_bytes: MaxBytesOpt = None,
    timeout: TimeoutOpt = None,
) -> None:
    """Extract and analyse articles (entities, quotations, claims) and print them."""
    settings = _settings(outlet, follow_links, allow_private, max_bytes, timeout)
    _print_stream(analyze_articles(sources, settings), output_format, AnalyzedArticle.to_dict, analysis_view)


def _print_stream(
    items: Iterable[Any],
    output_format: OutputFormat,
    to_dict: Callable[[Any], dict[str, Any]],
    view: Callable[[Any], RenderableType],
) -> None:
    """Print records as they come (one JSON line each, or a rich view); one error line per failure."""
    out = Console(highlight=False)
    err = Console(stderr=True, highlight=False)
    failed = 0
    with _interruptible(err):
        for item in items:
            if isinstance(item, Failure):
                failed += 1
                _print_failure(err, item)
            elif output_format is OutputFormat.jsonl:
                sys.stdout.write(to_json_line(to_dict(item)) + "\n")
                sys.stdout.flush()
            else:
                out.print(view(item))
    if failed:
        raise typer.Exit(1)


@app.command()
def ingest(
    ctx: typer.Context,
    sources: SourcesArg,
    outlet: OutletOpt = None,
    follow_links: FollowOpt = False,
    allow_private: PrivateOpt = False,
    max_bytes: MaxBytesOpt = None,
    timeout: TimeoutOpt = None,
    no_analysis: Annotated[
        bool, typer.Option("--no-analysis", help="Store articles without analysing them (faster; analysed later).")
    ] = False,
) -> None:
    """Extract, analyse and store articles (duplicates are recognised and skipped)."""
    settings = _settings(outlet, follow_links, allow_private, max_bytes, timeout)
    err = Console(stderr=True, highlight=False)
    db_path = resolve_db_path(ctx.obj.db if ctx.obj else None)
    total = sum(1 for _ in resolve(sources))
    with _interruptible(err):
        try:
            store = open_store(db_path)
        except NewsprismError as exc:
            err.print(f"[red]error:[/red] {exc}", markup=True)
            raise typer.Exit(1) from None
        progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]ingesting[/bold]"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[status]}"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        )
        counts = {"new": 0, "duplicate": 0, "failed": 0}
        with store, progress:
            task = progress.add_task("ingest", total=total, status="")

            def on_result(item: Article | Failure, verdict: AddResult | None) -> None:
                if isinstance(item, Failure):
                    counts["failed"] += 1
                    _print_failure(progress.console, item)
                else:
                    counts[verdict.status if verdict else "failed"] += 1
                progress.update(
                    task, status=f"{counts['new']} new, {counts['duplicate']} dup, {counts['failed']} failed"
                )

            report = ingest_articles(
                sources,
                store,
                settings,
                with_analysis=not no_analysis,
                on_input=lambda _: progress.advance(task),
                on_result=on_result,
            )
    err.print(
        f"[bold]{report.new}[/bold] new, [bold]{report.duplicate}[/bold] duplicate, "
        f"[bold]{report.failed}[/bold] failed → {db_path}",
        markup=True,
    )
    if report.failed:
        raise typer.Exit(1)


class ListFormat(StrEnum):
    """Output formats of ``stories``."""

    json = "json"
    text = "text"


@app.command()
def stories(
    ctx: typer.Context,
    output_format: Annotated[
        ListFormat, typer.Option("--format", "-f", help="json or a text table.")
    ] = ListFormat.text,
    since: Annotated[
        str | None, typer.Option("--since", help="Only stories with an article published on or after DATE.")
    ] = None,
    min_outlets: Annotated[int, typer.Option("--min-outlets", min=1, help="Only stories from N or more outlets.")] = 1,
) -> None:
    """List the stored stories (every stored article is in exactly one)."""
    err = Console(stderr=True, highlight=False)
    since_iso = None
    if since:
        since_iso = normalize_date(since)
        if since_iso is None:
            err.print(f"[red]error:[/red] --since: cannot read {since!r} as a date (try 2025-01-31)", markup=True)
            raise typer.Exit(2)
    with _interruptible(err), _open(ctx, err) as store:
        listing = story_listing(store.story_rows(), since=since_iso, min_outlets=min_outlets)
    if output_format is ListFormat.json:
        sys.stdout.write(json.dumps(listing, ensure_ascii=False, indent=2) + "\n")
    else:
        Console(highlight=False).print(stories_table(listing))


@app.command()
def recluster(ctx: typer.Context) -> None:
    """Rebuild every story from scratch in batch mode and report how far it differs."""
    err = Console(stderr=True, highlight=False)
    with _interruptible(err), _open(ctx, err) as store, err.status("reclustering every stored article..."):
        report = recluster_store(store)
    err.print(
        f"{report.articles} articles: {report.stories_before} stories before, {report.stories_after} after; "
        f"agreement with the previous stories (B-cubed F1) {report.agreement:.3f}"
    )


class CompareFormat(StrEnum):
    """Output formats of ``compare`` and ``story``."""

    json = "json"
    html = "html"
    md = "md"
    text = "text"


CompareFormatOpt = Annotated[
    CompareFormat,
    typer.Option(
        "--format", "-f", help="json (schema in docs/comparison.md), html (one self-contained file), md, text."
    ),
]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to FILE instead of standard output.", metavar="FILE")
]
SharedOnlyOpt = Annotated[
    bool,
    typer.Option(
        "--shared-only", help="text, md, html: list only quotations that two or more outlets print (JSON keeps all)."
    ),
]
DigestSizeOpt = Annotated[
    int, typer.Option("--digest-size", min=1, help="The most sentences the digest may have.", metavar="N")
]


@app.command()
def compare(
    sources: SourcesArg,
    output_format: CompareFormatOpt = CompareFormat.text,
    output: OutputOpt = None,
    outlet: OutletOpt = None,
    follow_links: FollowOpt = False,
    allow_private: PrivateOpt = False,
    max_bytes: MaxBytesOpt = None,
    timeout: TimeoutOpt = None,
    shared_only: SharedOnlyOpt = False,
    digest_size: DigestSizeOpt = MAX_SENTENCES,
) -> None:
    """Compare the articles given as one story: quotes, claims, disputes, spellings, digest."""
    settings = _settings(outlet, follow_links, allow_private, max_bytes, timeout)
    err = Console(stderr=True, highlight=False)
    failed = 0
    items: list[AnalyzedArticle] = []
    with _interruptible(err):
        with err.status("reading and analysing the articles..."):
            for item in analyze_articles(sources, settings):
                if isinstance(item, Failure):
                    failed += 1
                    _print_failure(err, item)
                else:
                    items.append(item)
        if not items:
            err.print("[red]error:[/red] no article could be read; nothing to compare", markup=True)
            raise typer.Exit(1)
        if failed:
            err.print(f"comparing the {_articles(len(items))} that could be read", highlight=False)
        _note_single(err, items)
        _emit(compare_story(items, digest_size=digest_size), items, output_format, output, shared_only=shared_only)
    if failed:
        raise typer.Exit(1)


@app.command()
def story(
    ctx: typer.Context,
    story_id: Annotated[str, typer.Argument(help="A story id from 'newsprism stories'.", metavar="ID")],
    output_format: CompareFormatOpt = CompareFormat.text,
    output: OutputOpt = None,
    shared_only: SharedOnlyOpt = False,
    digest_size: DigestSizeOpt = MAX_SENTENCES,
) -> None:
    """Compare a stored story (see 'newsprism stories' for ids)."""
    err = Console(stderr=True, highlight=False)
    with _interruptible(err), _open(ctx, err) as store:
        ids = store.story_article_ids(story_id)
        if not ids:
            err.print(f"[red]error:[/red] no story {story_id!r}; list them with 'newsprism stories'", markup=True)
            raise typer.Exit(1)
        with err.status(f"comparing {_articles(len(ids))}..."):
            items = stored_analyses(store, ids)
            _note_single(err, items)
            comparison = compare_story(items, story_id=store.resolve_story(story_id), digest_size=digest_size)
        _emit(comparison, items, output_format, output, shared_only=shared_only)


def _articles(n: int) -> str:
    return f"{n} article{'s' * (n != 1)}"


def _note_single(err: Console, items: list[AnalyzedArticle]) -> None:
    """Say plainly that one article has nothing to be compared with (its comparison still follows)."""
    if len(items) == 1:
        err.print(
            f"note: only one article ({items[0].article.source}): nothing to compare it with; its quotations "
            "and claims are listed, every claim single-source. Give two or more articles of the story.",
            highlight=False,
            soft_wrap=True,
        )


def _emit(
    comparison: StoryComparison,
    items: list[AnalyzedArticle],
    output_format: CompareFormat,
    output: Path | None,
    *,
    shared_only: bool = False,
) -> None:
    if output_format is CompareFormat.text:
        with output.open("w", encoding="utf-8") if output else nullcontext(None) as handle:
            # Without colour (NO_COLOR, a file, a pipe) the view marks diffs as [-...-] / {+...+}.
            console = Console(file=handle, highlight=False)
            console.print(comparison_view(comparison, shared_only=shared_only))
        return
    if output_format is CompareFormat.json:
        rendered = comparison_json(comparison)
    elif output_format is CompareFormat.html:
        texts = {i.article.id: i.article.text for i in items}
        rendered = comparison_html(comparison, texts, shared_only=shared_only)
    else:
        rendered = comparison_markdown(comparison, shared_only=shared_only)
    if output:
        output.write_text(rendered, encoding="utf-8")
    else:
        sys.stdout.write(rendered if rendered.endswith("\n") else rendered + "\n")


@contextmanager
def _open(ctx: typer.Context, err: Console) -> Iterator[SQLiteStore]:
    db_path = resolve_db_path(ctx.obj.db if ctx.obj else None)
    if not db_path.exists():
        err.print(f"[red]error:[/red] no store at {db_path}; run 'newsprism ingest' first or pass --db", markup=True)
        raise typer.Exit(1)
    with open_store(db_path) as store:
        yield store


def _print_failure(console: Console, failure: Failure) -> None:
    console.print(
        f"[red]error:[/red] {failure.source}: {failure.message}", markup=True, highlight=False, soft_wrap=True
    )


class _interruptible:
    """Turn Ctrl-C and library errors into one line and an exit status, never a traceback."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> Literal[False]:
        if isinstance(exc, KeyboardInterrupt):
            self.console.print("interrupted: what was stored is kept; run the same command again to continue")
            raise typer.Exit(130)
        if isinstance(exc, NewsprismError):
            self.console.print(f"[red]error:[/red] {exc}", markup=True)
            raise typer.Exit(1)
        if isinstance(exc, Exception) and not isinstance(exc, typer.Exit | click.exceptions.Exit):
            # The last line of defence: a bug must not print a traceback over the user's output.
            log.debug("unexpected error", exc_info=exc)
            self.console.print(
                f"[red]internal error:[/red] {type(exc).__name__}: {exc} "
                "(please report it; set NEWSPRISM_DEBUG=1 for a traceback)",
                markup=True,
            )
            if os.environ.get("NEWSPRISM_DEBUG"):
                return False
            raise typer.Exit(1)
        return False


def main() -> None:
    """Console-script entry point."""
    app()
