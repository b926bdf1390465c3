"""Hostile and broken input through the real `thidua` command: every input loads or is refused in one line.

A few hundred generated inputs (tests/fuzz/corpus.py; the 10,000-input run is
benchmarks/fuzz_corpus.py) go through `build`, then `facts`, `export` in every
format and `view`; each export is parsed again by a parser that did not write it.
"""
from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fuzz.corpus import MB, Case, templated_article, write_case, write_corpus
from fuzz.runner import (
    EXPORT_FORMATS,
    article_inputs,
    failed_lines,
    ill_typed_dates,
    judge,
    reparse,
    run,
    store_graphs,
)
from thidua.loaders.reading import MAX_TEXT_CHARS, printable_path

COUNT = int(os.environ.get("THIDUA_FUZZ_COUNT", "250"))
SEED = int(os.environ.get("THIDUA_FUZZ_SEED", "7"))


@pytest.fixture(scope="module")
def fuzz_build(tmp_path_factory):
    """The corpus written, and built into a fresh store with `thidua build`."""
    root = tmp_path_factory.mktemp("fuzz")
    written = write_corpus(root / "corpus", COUNT, SEED, huge=False, per_folder=200)
    store = root / "store"
    result = run("build", root / "corpus", "--store", store, "--quiet", "--jobs", "2", timeout=600)
    return root, written, store, result


def test_build_never_shows_a_traceback_and_says_one_line_per_refusal(fuzz_build):
    root, _written, store, result = fuzz_build
    assert not result.traceback, result.stderr[-3000:]
    assert result.odd_stderr_lines() == []
    assert result.returncode == 1  # some inputs are refused, so the build says so
    outcomes = judge(article_inputs(root / "corpus"), result.stderr, store_graphs(store))
    assert outcomes.internal_errors == {}, "extractor crashes (see the messages)"
    assert outcomes.repeated == []
    assert outcomes.missing == [], "inputs neither loaded nor refused"
    assert len(outcomes.loaded) > COUNT // 3 and len(outcomes.refused) > 10
    assert f"articles loaded: {len(outcomes.loaded)}\n" in result.stdout


def test_article_ids_differing_only_in_diacritics_keep_two_graphs(tmp_path):
    for name in ("dup_Hà", "dup_Hạ"):
        (tmp_path / f"{name}.txt").write_text(f"Bài {name}\n\nĐồng chí Nguyễn Văn A – Chủ tịch UBND huyện Đầm Hà dự.",
                                              encoding="utf-8")
    store = tmp_path / "store"
    assert run("build", tmp_path, "--store", store, "-q").returncode == 0
    assert len(store_graphs(store)) == 4  # two articles, the shared entities, the store's bookkeeping graph


def test_refusals_name_the_file_and_say_why(fuzz_build):
    _root, written, _store, result = fuzz_build
    lines = failed_lines(result.stderr)
    kinds = {case.kind: path for case, path in written}
    reasons = {kind: next((ln for ln in lines if ln.startswith(printable_path(path) + ": ")), None)
               for kind, path in kinds.items()}
    assert "not a regular file" in reasons["fifo"]
    assert "broken or looping symbolic link" in reasons["dangling-symlink"]
    assert "not valid UTF-8" in next(ln for ln in lines if "not-utf8" in ln)
    newline_name = next(path for case, path in written if "\n" in case.display and path.suffix == ".txt")
    assert str(newline_name) not in result.stderr and str(newline_name) not in result.stdout  # escaped: one line


def test_exports_of_hostile_input_parse_again_in_other_parsers(fuzz_build):
    root, _written, store, _result = fuzz_build
    with ThreadPoolExecutor(2) as pool:  # two exports at a time: the store opens read-only
        results = dict(zip(EXPORT_FORMATS, pool.map(
            lambda item: run("export", "--format", item[0], "--store", store, "-o", root / f"kg{item[1]}"),
            EXPORT_FORMATS.items())))
    counts = {}
    for fmt, suffix in EXPORT_FORMATS.items():
        assert results[fmt].returncode == 0 and not results[fmt].traceback, results[fmt].stderr
        counts[fmt] = reparse(root / f"kg{suffix}", fmt)
    assert counts["turtle"] == counts["ntriples"] == counts["jsonld"] > 0
    assert counts["nquads"] == counts["trig"] >= counts["ntriples"]
    assert ill_typed_dates(root / "kg.nt") == []  # no "2021-02-31"^^xsd:date from absurd dates


def test_facts_and_view_of_hostile_input(fuzz_build):
    root, _written, store, _result = fuzz_build
    result = run("facts", "--store", store, "-o", root / "facts.json")
    assert result.returncode == 0 and not result.traceback, result.stderr
    facts = json.loads((root / "facts.json").read_text(encoding="utf-8"))
    assert len(facts) == len(store_graphs(store)) - 2  # every article graph; bookkeeping and shared graphs aside
    page = root / "view" / "kg.html"
    result = run("view", "--store", store, "-o", page)
    assert result.returncode == 0 and not result.traceback, result.stderr
    html = page.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html  # names holding markup stay text


def test_a_ten_megabyte_single_line_is_refused_quickly_with_the_limit(tmp_path):
    big = tmp_path / "one-line.txt"
    big.write_bytes(("Đồng chí Nguyễn Văn A – Chủ tịch UBND huyện Đầm Hà dự hội nghị. " * (10 * MB // 80)).encode())
    result = run("build", big, "--store", tmp_path / "store", "-q", timeout=120)
    assert result.returncode == 1 and not result.traceback
    assert result.stderr.splitlines() == [
        f"failed: {big}: article text is {len(big.read_text()):,} characters, over the {MAX_TEXT_CHARS:,}-character "
        "limit (raise it with --max-text-chars)"]
    assert result.seconds < 30


@pytest.mark.parametrize("option,value,message", [
    ("--max-file-size", "1KB", "bytes, over the 1,024-byte limit (raise it with --max-file-size)"),
    ("--max-text-chars", "100", "characters, over the 100-character limit (raise it with --max-text-chars)"),
    ("--max-facts", "3", "facts in one article, over the 3-fact limit (raise it with --max-facts)"),
])
def test_limits_are_configurable_and_refuse_with_a_clear_line(tmp_path, option, value, message):
    article = tmp_path / "a.txt"
    article.write_text(templated_article(__import__("random").Random(1), 40, hostile=0.0), encoding="utf-8")
    store = tmp_path / "store"
    result = run("build", article, "--store", store, "-q", option, value)
    assert result.returncode == 1 and not result.traceback
    [line] = result.stderr.splitlines()
    assert line.startswith(f"failed: {article}: ") and line.endswith(message)
    assert run("build", article, "--store", store, "-q").returncode == 0  # the defaults let it in


def test_a_bad_limit_is_a_usage_error(tmp_path):
    result = run("build", tmp_path, "--store", tmp_path / "s", "--max-file-size", "lots")
    assert result.returncode == 2 and "not a size" in result.stderr and not result.traceback


@pytest.mark.parametrize("special", ["fifo", "dev-zero", "directory-given-as-file-in-list"])
def test_files_that_never_end_are_refused_not_read(tmp_path, special):
    good = tmp_path / "good.txt"
    good.write_text(templated_article(__import__("random").Random(2), 5), encoding="utf-8")
    if special == "fifo":
        target = write_case(tmp_path, Case("pipe.txt", "fifo", special="fifo"))
    elif special == "dev-zero":
        target = Path("/dev/zero")
    else:
        target = write_case(tmp_path, Case("folder.txt", "directory", special="empty-directory"))
    result = run("build", target, good, "--store", tmp_path / "store", "-q", timeout=60)
    assert not result.traceback and "articles loaded: 1" in result.stdout
    if special == "directory-given-as-file-in-list":
        assert result.stderr.splitlines() == [f"failed: {target}: directory holds no .txt or .html articles"]
    else:
        assert result.stderr.splitlines() == [f"failed: {target}: not a regular file; give article files "
                                              "(.txt, .html) or folders of them"]
