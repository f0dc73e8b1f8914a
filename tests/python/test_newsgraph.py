"""The Python package against the CLI: every record equal to `json.loads` of the CLI's line,
rejects and dictionary errors with the CLI's messages, and streaming input.

Run by .ci/run after `pip install .` into .venv; the CLI is target/release/newsgraph (or
$NEWSGRAPH_BIN), built by the cargo steps before."""

import json
import os
import subprocess
from pathlib import Path

import pytest

import newsgraph

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
SEED = ROOT.parent / "shared" / "seed" / "article.jsonl"
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
BIN = Path(os.environ.get("NEWSGRAPH_BIN", TARGET / "release" / "newsgraph"))


def cli(*args, check=True):
    """The CLI's records for `args`, and its standard error."""
    p = subprocess.run([str(BIN), "extract", "-q", *map(str, args)], capture_output=True, text=True)
    if check:
        assert p.returncode == 0, p.stderr
    return [json.loads(line) for line in p.stdout.splitlines()], p.stderr


def inputs():
    return [CORPUS] + ([SEED] if SEED.exists() else [])


def read_lines(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def test_extract_file_equals_cli_record_for_record():
    want, _ = cli(*inputs())
    got = list(newsgraph.extract_file(*inputs()))
    assert len(got) == len(want) >= 32
    for g, w in zip(got, want):
        assert g == w, g["id"]


def test_extract_of_dicts_equals_cli_record_for_record():
    files = [CORPUS / "articles.jsonl"] + ([SEED] if SEED.exists() else [])
    want, _ = cli(*files)
    articles = [a for f in files for a in read_lines(f)]
    got = list(newsgraph.extract(articles))
    assert got == want
    assert any(r["relations"] for r in got)


def test_the_output_is_the_same_for_any_threads_and_chunk():
    articles = read_lines(CORPUS / "articles.jsonl")
    one = list(newsgraph.extract(articles, threads=1, chunk=1))
    two = list(newsgraph.extract(articles, threads=2, chunk=7))
    assert one == two == list(newsgraph.extract(articles))


def test_emit_relations_equals_cli():
    want, _ = cli("--emit", "relations", *inputs())
    assert want
    assert list(newsgraph.extract_file(*inputs(), emit="relations")) == want
    articles = [a for f in [CORPUS / "articles.jsonl"] for a in read_lines(f)]
    want, _ = cli("--emit", "relations", CORPUS / "articles.jsonl")
    assert list(newsgraph.extract(articles, emit="relations")) == want


def test_a_bad_dictionary_raises_with_file_and_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\ttype\tname\taliases\tcountry\nacme\tcompany\tAcme Rockets\tAcme\tUSA\nx\tplanet\tMars\t\t\n")
    with pytest.raises(newsgraph.DictionaryError) as e:
        newsgraph.Extractor(dicts=[bad])
    message = str(e.value)
    assert message.startswith(f"{bad}:3:3: unknown type"), message
    assert isinstance(e.value, ValueError) and isinstance(e.value, newsgraph.Error)
    # The CLI's message, word for word.
    p = subprocess.run([str(BIN), "extract", "--dict", str(bad), str(CORPUS / "articles.jsonl")], capture_output=True, text=True)
    assert p.returncode == 2
    assert f"newsgraph: {message}" in p.stderr
    with pytest.raises(newsgraph.DictionaryError):
        list(newsgraph.extract([], dicts=bad))


def test_bad_records_land_in_rejects_not_raised(tmp_path):
    good = read_lines(CORPUS / "articles.jsonl")[:3]
    seen = []
    records = newsgraph.extract([good[0], {"id": "no-text"}, 42, "{not json", good[1], {"id": "x", "text": {}}, good[2]], on_reject=seen.append)
    out = list(records)
    assert [r["id"] for r in out] == [g["id"] for g in good]
    assert [str(r) for r in records.rejects] == [
        '<articles>:2: missing "text"',
        "<articles>:3: not a JSON object",
        "<articles>:4: malformed JSON: key must be a string at line 1 column 2",
        '<articles>:6: "text" is not a string',
    ]
    assert seen == records.rejects
    assert records.rejects[0].record == {"id": "no-text"}

    # From a file: the CLI's reasons and the line, as its --rejects file copies it.
    lines = [json.dumps(good[0]), '{"id": "no-text"}', "[1, 2]", json.dumps(good[1])]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n")
    p = subprocess.run([str(BIN), "extract", "--rejects", str(tmp_path / "rejects.jsonl"), str(path)], capture_output=True, text=True)
    records = newsgraph.extract_file(path)
    assert [r["id"] for r in records] == [good[0]["id"], good[1]["id"]]
    for r in records.rejects:
        assert f"newsgraph: {r}" in p.stderr
    assert b"".join(r.record + b"\n" for r in records.rejects) == (tmp_path / "rejects.jsonl").read_bytes()


def test_unreadable_inputs_are_reported_and_the_run_goes_on(tmp_path):
    records = newsgraph.extract_file(tmp_path / "missing.jsonl", CORPUS / "txt")
    assert len(list(records)) == 2
    assert records.errors == [f"{tmp_path / 'missing.jsonl'}: No such file or directory (os error 2)"]


def test_a_generator_streams():
    pulled = 0

    def articles():
        nonlocal pulled
        while True:  # endless: only streaming can give a first record
            pulled += 1
            yield {"id": str(pulled), "text": "China is using IT hardware to spy on the U.S."}

    records = newsgraph.extract(articles(), chunk=64)
    first = [next(records) for _ in range(100)]
    assert [r["id"] for r in first] == [str(i) for i in range(1, 101)]
    assert first[0]["relations"][0]["predicate"] == "spy_on"
    # Two chunks were taken for the first records, one more while the second was decoded.
    assert pulled <= 3 * 64


def test_an_exception_of_the_input_comes_after_the_records_before_it():
    def articles():
        yield {"id": "1", "text": "China"}
        raise KeyError("boom")

    records = newsgraph.extract(articles())
    assert next(records)["id"] == "1"
    with pytest.raises(KeyError):
        next(records)


def test_extractor_is_reused_and_extract_text():
    e = newsgraph.Extractor(threads=2)
    r = e.extract_text("China is using IT hardware to spy on the U.S. Let us see.", id="a1", date="2018-11-23")
    assert r["id"] == "a1" and r["date"] == "2018-11-23"
    assert [x["id"] for x in r["entities"]] == ["CHN", "USA"]
    assert r["relations"][0]["predicate"] == "spy_on"
    articles = read_lines(CORPUS / "articles.jsonl")
    assert list(e.extract(articles)) == list(e.extract(articles))
    with pytest.raises(newsgraph.RecordError, match="over --max-article-bytes"):
        newsgraph.Extractor(max_article_bytes=10).extract_text("China is using IT hardware")


def test_json_lines_as_strings_equal_dicts():
    lines = (CORPUS / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert list(newsgraph.extract(lines)) == list(newsgraph.extract(json.loads(x) for x in lines))
