"""Nothing lost: SIGKILL in the middle of `build` or `export`, two builds at once, stores from other versions.

Real `thidua` processes on real stores; a kill is `kill -9`, so no Python cleanup runs.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import EXAMPLES
from fuzz.runner import THIDUA, reparse, run
from thidua.graph.store import _FORMAT, _STORE_NODE, META_GRAPH

COPIES = 20  # copies of the ten example articles: a build long enough to be killed in the middle


def copy_corpus(folder: Path, copies: int = COPIES) -> Path:
    """The example articles ``copies`` times over, each copy with its own article ids."""
    folder.mkdir(parents=True)
    for n in range(copies):
        for article in sorted(EXAMPLES.iterdir()):
            shutil.copy(article, folder / f"k{n:02d}_{article.name}")
    return folder


def start(*args) -> subprocess.Popen:
    return subprocess.Popen([str(THIDUA), *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def kill_after(process: subprocess.Popen, seconds: float) -> bool:
    """SIGKILL ``process`` after ``seconds``; False if it had already finished."""
    try:
        process.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True


def graphs(store: Path) -> dict[str, set[str]]:
    """Each named graph of a store (read-only), as the set of its quads."""
    handle = ox.Store.read_only(str(store))
    try:
        out: dict[str, set[str]] = {}
        for quad in handle.quads_for_pattern(None, None, None, None):
            out.setdefault(quad.graph_name.value, set()).add(str(quad))
        return out
    finally:
        del handle


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return copy_corpus(tmp_path_factory.mktemp("durability") / "corpus")


@pytest.fixture(scope="module")
def reference(tmp_path_factory, corpus) -> dict:
    """The store a finished build of examples + corpus gives, its graphs, its N-Quads export, the build's time."""
    root = tmp_path_factory.mktemp("reference")
    store = root / "store"
    build = run("build", EXAMPLES, corpus, "--store", store, "-q")
    assert build.returncode == 0
    assert run("export", "--format", "nquads", "--store", store, "-o", root / "kg.nq").returncode == 0
    return {"store": store, "graphs": graphs(store), "nquads": (root / "kg.nq").read_bytes(), "seconds": build.seconds}


def test_sigkill_mid_build_leaves_whole_articles_and_a_usable_store(tmp_path, corpus, reference):
    store = tmp_path / "store"
    assert run("build", EXAMPLES, "--store", store, "-q").returncode == 0
    before = set(graphs(store))
    export = tmp_path / "kg.ttl"
    assert run("export", "--format", "turtle", "--store", store, "-o", export).returncode == 0
    previous_export = export.read_bytes()

    pristine = tmp_path / "pristine"
    shutil.copytree(store, pristine)
    partial = None
    # Shares of the time a whole build took here, start-up included; the machine's load varies, so a
    # kill may land before the first batch or after the end: each try starts from the same store.
    for share in (0.6, 0.45, 0.75, 0.9, 0.3, 0.2):
        shutil.rmtree(store)
        shutil.copytree(pristine, store)
        process = start("build", corpus, "--store", store, "-q", "--batch-quads", "2000")
        if not kill_after(process, share * reference["seconds"]):
            assert process.returncode == 0, process.stderr.read().decode()[-500:]
            continue  # finished before the kill: try an earlier one
        found = graphs(store)
        if len(before) < len(found) < len(reference["graphs"]):
            partial = found
            break
    assert partial is not None, "no kill landed in the middle of the build"
    # Whole articles only: every graph in the store is exactly the finished build's graph.
    for graph, quads in partial.items():
        assert quads == reference["graphs"][graph], f"{graph} is half written"
    assert export.read_bytes() == previous_export
    stats = run("stats", "--store", store)
    assert stats.returncode == 0 and not stats.stderr
    # Building again finishes the job: the same store as a build that was never killed.
    again = run("build", corpus, "--store", store, "-q")
    assert again.returncode == 0, again.stderr
    assert run("export", "--format", "nquads", "--store", store, "-o", tmp_path / "kg.nq").returncode == 0
    assert (tmp_path / "kg.nq").read_bytes() == reference["nquads"]


@pytest.mark.parametrize("fmt,suffix", [("jsonld", ".jsonld"), ("turtle", ".ttl")])
def test_sigkill_mid_export_leaves_the_previous_export_intact(tmp_path, reference, fmt, suffix):
    target = tmp_path / f"kg{suffix}"
    complete = tmp_path / f"complete{suffix}"
    assert run("export", "--format", fmt, "--store", reference["store"], "-o", complete).returncode == 0
    previous = b"the previous export\n"
    killed = 0
    for delay in (0.3, 0.9, 1.5, 2.5):
        target.write_bytes(previous)
        if kill_after(start("export", "--format", fmt, "--store", reference["store"], "-o", target), delay):
            killed += 1
        assert target.read_bytes() in (previous, complete.read_bytes())  # the old file or the whole new one
    assert killed, "every export finished before it could be killed"
    assert reparse(complete, fmt) > 0
    assert run("stats", "--store", reference["store"]).returncode == 0


def test_two_builds_on_one_store_the_second_stops_with_one_line(tmp_path, corpus):
    store = tmp_path / "store"
    first = start("build", corpus, "--store", store, "-q")
    deadline = time.monotonic() + 30
    while not (store / "LOCK").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    second = run("build", EXAMPLES, "--store", store, "-q", timeout=60)
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err.decode()
    assert second.returncode == 1 and not second.traceback
    assert second.stderr.splitlines() == [f"error: {store}: the store is in use by another thidua process; "
                                          "wait for it to finish and try again"]
    assert f"articles loaded: {COPIES * 10}" in out.decode()
    assert run("build", EXAMPLES, "--store", store, "-q").returncode == 0  # and it is free again


def _old_store(path: Path, marker: str | None) -> Path:
    store = ox.Store(str(path))
    graph = ox.NamedNode("https://w3id.org/thidua/id/article/old")
    store.add(ox.Quad(ox.NamedNode("https://w3id.org/thidua/id/person/x"), ox.NamedNode("http://schema.org/name"),
                      ox.Literal("Nguyễn Văn X"), graph))
    if marker is not None:
        store.add(ox.Quad(_STORE_NODE, _FORMAT, ox.Literal(marker), META_GRAPH))
    store.flush()
    del store
    return path


@pytest.mark.parametrize("marker,message", [
    (None, "a store without a thidua format marker (written by another tool or an older version); "
           "build into a new --store"),
    ("0", "store format 0, this thidua reads format 1; rebuild it from the articles into a new --store"),
    ("2", "store format 2, this thidua reads format 1; rebuild it from the articles into a new --store"),
])
def test_a_store_from_another_version_is_refused_and_left_as_it_was(tmp_path, marker, message):
    store = _old_store(tmp_path / "old", marker)
    before = graphs(store)
    for args in (["build", EXAMPLES], ["facts"], ["export", "--format", "turtle"], ["stats"], ["query", "ASK {}"]):
        result = run(*args, "--store", store)
        assert result.returncode == 1 and not result.traceback, (args, result.stderr)
        assert result.stderr.splitlines() == [f"error: {store}: {message}"], args
    assert graphs(store) == before


def test_a_folder_of_other_files_or_a_file_is_not_taken_for_a_store(tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    file = tmp_path / "a-file"
    file.write_text("mine")
    for store, message in ((folder, "a folder of other files, not a thidua store; give --store a new or empty folder"),
                           (file, "a file, not a store folder; give --store a folder")):
        result = run("build", EXAMPLES, "--store", store, "-q")
        assert result.returncode == 1 and result.stderr.splitlines() == [f"error: {store}: {message}"]
    assert sorted(os.listdir(folder)) == ["notes.txt"] and file.read_text() == "mine"
