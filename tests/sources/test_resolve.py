"""Tests for newsprism.sources.resolve: from what the user typed to concrete inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.sources.resolve import Input, format_of, is_url, resolve


def _touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Some news.\n", encoding="utf-8")


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    _touch(
        tmp_path,
        "news/b.txt",
        "news/a.html",
        "news/z/deep/c.jsonl.gz",
        "news/m/feed.rss",
        "news/m/crawl.warc.gz",
        "news/notes.md",
        "news/photo.png",
        "news/.draft.txt",
        "news/.git/HEAD.txt",
        "news/m/.cache/page.html",
    )
    return tmp_path


def _locations(specs: list[str]) -> list[str]:
    return [item.location for item in resolve(specs)]


def test_resolve_directory_recursive_sorted_known_extensions(tree: Path) -> None:
    items = list(resolve(["news"]))
    assert [i.location for i in items] == [
        "news/a.html",
        "news/b.txt",
        "news/m/crawl.warc.gz",
        "news/m/feed.rss",
        "news/z/deep/c.jsonl.gz",
    ]
    assert {(i.kind, i.spec) for i in items} == {("file", "news")}


def test_resolve_directory_skips_hidden_files_and_directories(tree: Path) -> None:
    found = _locations([str(tree / "news")])
    assert found
    assert not [f for f in found if "/." in f]


def test_resolve_hidden_directory_given_explicitly_is_walked(tree: Path) -> None:
    assert _locations(["news/.git"]) == ["news/.git/HEAD.txt"]


def test_resolve_glob_recursive(tree: Path) -> None:
    _touch(tree, "news/z/deep/d.txt")
    assert _locations(["news/**/*.txt"]) == ["news/b.txt", "news/z/deep/d.txt"]
    assert _locations(["news/*.txt"]) == ["news/b.txt"]


def test_resolve_glob_keeps_any_extension_it_names(tree: Path) -> None:
    assert _locations(["news/*.md"]) == ["news/notes.md"]


def test_resolve_duplicates_across_specs_collapsed(tree: Path) -> None:
    specs = ["news/b.txt", "news", "news/*.txt", "./news/b.txt", str(tree / "news" / "b.txt")]
    found = _locations(specs)
    assert found[0] == "news/b.txt"
    assert len(found) == 5
    assert [f for f in found if f.endswith("b.txt")] == ["news/b.txt"]


def test_resolve_keeps_order_of_specs(tree: Path) -> None:
    assert _locations(["news/m/feed.rss", "news/b.txt", "news/a.html"]) == [
        "news/m/feed.rss",
        "news/b.txt",
        "news/a.html",
    ]


def test_resolve_missing_inputs(tree: Path) -> None:
    (tree / "empty").mkdir()
    items = list(resolve(["nope.txt", "news/*.csv", "empty", "nope.txt"]))
    assert items == [
        Input("missing", "nope.txt", "nope.txt"),
        Input("missing", "news/*.csv", "news/*.csv"),
        Input("missing", "empty", "empty"),
        Input("missing", "nope.txt", "nope.txt"),
    ]


def test_resolve_explicit_file_with_unknown_extension_is_kept(tree: Path) -> None:
    assert list(resolve(["news/notes.md"])) == [Input("file", "news/notes.md", "news/notes.md")]


def test_resolve_urls_pass_through_once() -> None:
    url = "https://example.org/news/story"
    items = list(resolve([url, "HTTP://example.org/a", url]))
    assert items == [Input("url", url, url), Input("url", "HTTP://example.org/a", "HTTP://example.org/a")]
    assert items[0].label == url


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.txt", "text"),
        ("A.HTML", "html"),
        ("page.htm.gz", "html"),
        ("dump.jsonl.gz", "jsonl"),
        ("x.ndjson", "jsonl"),
        ("feed.atom", "feed"),
        ("crawl.warc.gz", "warc"),
        ("notes.md", None),
        ("archive.gz", None),
        ("README", None),
    ],
)
def test_resolve_format_of(name: str, fmt: str | None) -> None:
    assert format_of(name) == fmt


def test_resolve_is_url() -> None:
    assert is_url("https://example.org")
    assert is_url("HTTP://example.org")
    assert not is_url("example.org/page.html")
    assert not is_url("ftp://example.org/a.txt")
