"""The real CLI on bad inputs: one error line per bad input, exit 1, no traceback, and the
good inputs of the same call still extracted or stored."""

from __future__ import annotations

import gzip
import io
import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

import newsprism.cli
from newsprism.cli import app
from newsprism.store import SQLiteStore
from newsprism.version import __version__

GOOD = "Bridge opens\n\nThe new bridge opened at noon. Cars crossed it within minutes.\n"
OLD = "Old news\n\nThe library moved to the town hall last winter. Readers liked the new rooms.\n"
BUDGET = (
    "<p>The council approved the new budget on Monday after a long debate about schools, "
    "roads and the cost of heating public buildings in the district.</p>"
)
RUSSIAN = (
    "Новый мост\n\nВ городе открылся новый мост через реку. Строительство заняло три года. "
    "Мэр поблагодарил рабочих за их труд.\n"
)
ENV = {"NO_COLOR": "1", "FORCE_COLOR": None, "COLUMNS": "200", "NEWSPRISM_DB": None}


def _run(*args: str) -> Result:
    # Bad input is about reading and extraction; analysis (slow to load) is tested elsewhere.
    argv = [*args, "--no-analysis"] if "ingest" in args and "--help" not in args and len(args) > 1 else list(args)
    return CliRunner().invoke(app, argv, env=ENV)


def _no_crash(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr


def _error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


def _page(body: str, title: str = "Budget") -> bytes:
    return f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>".encode()


def _half(data: bytes) -> bytes:
    return data[: len(data) // 2]


# Each builder writes one bad input and returns (its file name, articles it still yields).
Builder = Callable[[Path], tuple[str, int]]


def _write(name: str, data: bytes, good_articles: int = 0) -> Builder:
    def build(tmp_path: Path) -> tuple[str, int]:
        (tmp_path / name).write_bytes(data)
        return name, good_articles

    return build


def _truncated_warc(tmp_path: Path) -> tuple[str, int]:
    pytest.importorskip("newsprism.sources.warc")
    warcwriter = pytest.importorskip("warcio.warcwriter")
    headers = pytest.importorskip("warcio.statusandheaders")
    buffer = io.BytesIO()
    writer = warcwriter.WARCWriter(buffer, gzip=True)
    for i in range(3):
        body = _page(BUDGET.replace("Monday", f"day {i}") * 3, title=f"Budget {i}")
        http = headers.StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://example.org/budget-{i}", "response", payload=io.BytesIO(body), http_headers=http
        )
        writer.write_record(record)
    (tmp_path / "crawl.warc.gz").write_bytes(_half(buffer.getvalue()))
    return "crawl.warc.gz", 1  # the first record is complete and still read


_RNG = random.Random(1)
CASES: dict[str, Builder] = {
    "empty": _write("empty.txt", b""),
    "png": _write("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(_RNG.randrange(256) for _ in range(600))),
    "nul-bytes": _write("zeros.txt", b"\x00" * 2000),
    "undecodable": _write("noise.txt", bytes(_RNG.randrange(0x80, 0x100) for _ in range(600))),
    "html-unclosed": _write("broken.html", b"<html><body><div><p><b><i></div></span>"),
    "html-deep": _write("deep.html", b"<html><body>" + b"<div><span>" * 20000 + b"x" + b"</body></html>"),
    "json-line": _write("bad.jsonl", b'{"id": "w1", "text": "An unfinished record\n'),
    "feed-xml": _write("bad.rss", b"<rss><channel><item><title>x</ti"),
    "html-gz-cut": _write("page.html.gz", _half(gzip.compress(_page(BUDGET * 4)))),
    "jsonl-gz-cut": _write(
        "records.jsonl.gz",
        _half(gzip.compress(b"".join(json.dumps({"id": f"r{i}", "text": BUDGET}).encode() + b"\n" for i in range(3)))),
    ),
    "warc-gz-cut": _truncated_warc,
}


@pytest.fixture
def good(tmp_path: Path) -> str:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return str(path)


def _check_one_failure(result: Result, bad_name: str) -> None:
    _no_crash(result)
    assert result.exit_code == 1, result.stderr
    lines = _error_lines(result)
    assert len(lines) == 1, result.stderr
    assert bad_name in lines[0]


@pytest.mark.parametrize("case", CASES)
def test_cli_extract_bad_input(case: str, tmp_path: Path, good: str) -> None:
    name, still = CASES[case](tmp_path)
    result = _run("extract", str(tmp_path / name), good)
    _check_one_failure(result, name)
    articles = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["source"] for a in articles if a["source"] == good] == [good]
    assert len(articles) == 1 + still
    assert next(a for a in articles if a["source"] == good)["title"] == "Bridge opens"


@pytest.mark.parametrize("case", CASES)
def test_cli_ingest_bad_input_keeps_store(case: str, tmp_path: Path, good: str) -> None:
    db = tmp_path / "store.db"
    old = tmp_path / "old.txt"
    old.write_text(OLD, encoding="utf-8")
    first = _run("--db", str(db), "ingest", str(old))
    assert first.exit_code == 0, first.stderr
    name, still = CASES[case](tmp_path)

    result = _run("--db", str(db), "ingest", str(tmp_path / name), good)
    _check_one_failure(result, name)
    assert f"{1 + still} new" in result.stderr
    with SQLiteStore(db) as store:
        sources = sorted(a.source for a in store.iter_articles())
    assert str(old) in sources
    assert good in sources
    assert len(sources) == 2 + still


def test_cli_missing_path_is_one_error(tmp_path: Path, good: str) -> None:
    result = _run("extract", str(tmp_path / "nowhere.txt"), good)
    _check_one_failure(result, "nowhere.txt")
    assert len(result.stdout.splitlines()) == 1


def test_cli_several_bad_inputs_one_line_each(tmp_path: Path, good: str) -> None:
    names = [CASES[c](tmp_path)[0] for c in ("empty", "png", "json-line", "html-gz-cut")]
    result = _run("extract", *[str(tmp_path / n) for n in names], good)
    _no_crash(result)
    assert result.exit_code == 1
    lines = _error_lines(result)
    assert len(lines) == len(names)
    for line, name in zip(lines, names, strict=True):
        assert name in line
    assert len(result.stdout.splitlines()) == 1


def test_cli_malformed_json_line_names_line(tmp_path: Path, good: str) -> None:
    path = tmp_path / "wire.jsonl"
    record = json.dumps({"id": "wire-7", "text": "Ferries run late today. The harbour is busy. Crews are tired."})
    path.write_text(record + "\n{not json\n", encoding="utf-8")
    for command in ("extract", "ingest"):
        result = _run("--db", str(tmp_path / "s.db"), command, str(path), good)
        _no_crash(result)
        assert result.exit_code == 1
        assert len(_error_lines(result)) == 1
        assert f"{path} (line 2): malformed JSON" in _error_lines(result)[0]
    with SQLiteStore(tmp_path / "s.db") as store:
        assert store.get_article("wire-7") is not None


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_cli_oversized_input_mentions_max_bytes(command: str, tmp_path: Path, good: str) -> None:
    big = tmp_path / "long.txt"
    big.write_text(GOOD + "More details will follow in the evening edition of the paper.\n" * 5, "utf-8")
    assert len(GOOD.encode()) < 100 < big.stat().st_size
    result = _run("--db", str(tmp_path / "s.db"), command, "--max-bytes", "100", str(big), good)
    _check_one_failure(result, "long.txt")
    assert "--max-bytes" in _error_lines(result)[0]
    if command == "extract":
        assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [good]
    else:
        with SQLiteStore(tmp_path / "s.db") as store:
            assert [a.source for a in store.iter_articles()] == [good]


def test_cli_windows_1251_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "most.txt"
    path.write_bytes(RUSSIAN.encode("cp1251"))
    result = _run("extract", str(path))
    _no_crash(result)
    assert result.exit_code == 0, result.stderr
    (article,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert article["title"] == "Новый мост"
    assert "Строительство заняло три года." in article["text"]


def test_cli_ingest_unusable_store_is_one_error(tmp_path: Path, good: str) -> None:
    db = tmp_path / "not-a-db.db"
    db.write_bytes(b"this is not a database, just some notes\n" * 50)
    result = _run("--db", str(db), "ingest", good)
    _no_crash(result)
    assert result.exit_code == 1
    assert len(_error_lines(result)) == 1
    assert "not-a-db.db" in result.stderr


def test_cli_ingest_interrupted_exits_130(tmp_path: Path, good: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(newsprism.cli, "ingest_articles", interrupted)
    result = _run("--db", str(tmp_path / "s.db"), "ingest", good)
    _no_crash(result)
    assert result.exit_code == 130
    assert "interrupted" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "--bogus", "x.txt"],
        ["extract"],
        ["ingest"],
        ["extract", "--max-bytes", "0", "x.txt"],
        ["extract", "--format", "pdf", "x.txt"],
        ["frobnicate"],
    ],
)
def test_cli_usage_errors_exit_2(args: list[str]) -> None:
    result = _run(*args)
    _no_crash(result)
    assert result.exit_code == 2
    assert "Usage" in result.stderr or "Usage" in result.output


def test_cli_version() -> None:
    result = _run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"newsprism {__version__}"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], ["extract", "ingest", "--db", "--version"]),
        (["extract"], ["SOURCE", "--format", "--max-bytes", "--outlet"]),
        (["ingest"], ["SOURCE", "--max-bytes", "--follow-links"]),
    ],
)
def test_cli_help(args: list[str], expected: list[str]) -> None:
    result = _run(*args, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage" in result.stdout
    for word in expected:
        assert word in result.stdout


# -- compare: bad inputs among good ones, a story of one article ------------------------------------

OTHER = "Bridge opens early\n\nThe bridge over the river opened at noon. Drivers crossed it within minutes.\n"


@pytest.fixture
def unanalysed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real reading and extraction, no language model: each article compared with an empty analysis."""

    def analyze(sources: list[str], settings: object) -> object:
        for item in newsprism.cli.extract_articles(sources, settings):
            yield item if isinstance(item, newsprism.cli.Failure) else newsprism.cli.AnalyzedArticle(item)

    monkeypatch.setattr(newsprism.cli, "analyze_articles", analyze)


@pytest.fixture
def two_good(tmp_path: Path, good: str) -> list[str]:
    other = tmp_path / "other.txt"
    other.write_text(OTHER, encoding="utf-8")
    return [good, str(other)]


@pytest.mark.parametrize("case", ["empty", "png", "nul-bytes", "undecodable", "html-unclosed", "json-line"])
def test_cli_compare_bad_input_among_good_ones(
    case: str, tmp_path: Path, two_good: list[str], unanalysed: None
) -> None:
    name, still = CASES[case](tmp_path)
    result = _run("compare", two_good[0], str(tmp_path / name), two_good[1], "--format", "json")
    _check_one_failure(result, name)
    document = json.loads(result.stdout)
    assert sorted(a["source"] for a in document["story"]["articles"]) == sorted(two_good)
    assert len(document["story"]["articles"]) == 2 + still
    assert "comparing the 2 articles that could be read" in result.stderr


def test_cli_compare_missing_file_among_good_ones(tmp_path: Path, two_good: list[str], unanalysed: None) -> None:
    result = _run("compare", str(tmp_path / "gone.txt"), *two_good, "--format", "md")
    _check_one_failure(result, "gone.txt")
    assert "Bridge opens" in result.stdout and "# " in result.stdout


def test_cli_compare_only_bad_inputs_is_one_clear_error(tmp_path: Path, unanalysed: None) -> None:
    name, _ = CASES["empty"](tmp_path)
    result = _run("compare", str(tmp_path / name))
    _no_crash(result)
    assert result.exit_code == 1
    assert "nothing to compare" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("fmt", ["json", "text", "md", "html"])
def test_cli_compare_one_article_explains_and_still_compares(fmt: str, good: str, unanalysed: None) -> None:
    result = _run("compare", good, "--format", fmt)
    _no_crash(result)
    assert result.exit_code == 0, result.stderr
    assert "only one article" in result.stderr and "nothing to compare it with" in result.stderr
    assert not _error_lines(result)
    if fmt == "json":
        assert [a["source"] for a in json.loads(result.stdout)["story"]["articles"]] == [good]
    else:
        assert "Bridge opens" in result.stdout


def test_cli_compare_options_reach_the_comparison(
    two_good: list[str], unanalysed: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, object] = {}
    real = newsprism.cli.compare_story

    def compare(items: list[object], **kwargs: object) -> object:
        seen.update(kwargs)
        return real(items, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(newsprism.cli, "compare_story", compare)
    assert _run("compare", *two_good, "--format", "json").exit_code == 0
    assert seen["digest_size"] == 6
    assert _run("compare", *two_good, "--digest-size", "2", "--format", "json").exit_code == 0
    assert seen["digest_size"] == 2
    assert _run("compare", *two_good, "--digest-size", "0").exit_code == 2
