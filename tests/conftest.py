"""Shared fixtures: real stores built from the bundled corpora (no mocks)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from thidua.graph.store import GraphStore
from thidua.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
EXAMPLES_EXPECTED = ROOT / "examples" / "expected"
CORPUS = ROOT / "tests" / "corpus" / "articles"
CORPUS_EXPECTED = ROOT / "tests" / "corpus" / "expected"
BLIND = ROOT / "tests" / "blind" / "articles"
BLIND_EXPECTED = ROOT / "tests" / "blind" / "expected"
BLIND2 = ROOT / "tests" / "blind2" / "articles"
BLIND2_EXPECTED = ROOT / "tests" / "blind2" / "expected"
BLIND3 = ROOT / "tests" / "blind3" / "articles"
BLIND3_EXPECTED = ROOT / "tests" / "blind3" / "expected"
BLIND4 = ROOT / "tests" / "blind4" / "articles"
BLIND4_EXPECTED = ROOT / "tests" / "blind4" / "expected"
BLIND5 = ROOT / "tests" / "blind5" / "articles"
BLIND5_EXPECTED = ROOT / "tests" / "blind5" / "expected"
BLIND6 = ROOT / "tests" / "blind6" / "articles"
BLIND6_EXPECTED = ROOT / "tests" / "blind6" / "expected"
BLIND7 = ROOT / "tests" / "blind7" / "articles"
BLIND7_EXPECTED = ROOT / "tests" / "blind7" / "expected"
BLIND8 = ROOT / "tests" / "blind8" / "articles"
BLIND8_EXPECTED = ROOT / "tests" / "blind8" / "expected"
BLIND9 = ROOT / "tests" / "blind9" / "articles"
BLIND9_EXPECTED = ROOT / "tests" / "blind9" / "expected"
BLIND10 = ROOT / "tests" / "blind10" / "articles"
BLIND10_EXPECTED = ROOT / "tests" / "blind10" / "expected"
BLIND11 = ROOT / "tests" / "blind11" / "articles"
BLIND11_EXPECTED = ROOT / "tests" / "blind11" / "expected"
SHARED = ROOT.parent / "shared"


def build_store(path: Path, *sources: Path) -> Path:
    """Build a store at ``path`` from article files or folders; return its path."""
    with GraphStore(path) as store:
        report = build([str(s) for s in sources], store)
    assert not report.problems, report.problems
    return path


@pytest.fixture(scope="session")
def example_store_path(tmp_path_factory) -> Path:
    """A store built once from examples/articles. Open it read-only, or copy it (`store_copy`) to write."""
    return build_store(tmp_path_factory.mktemp("examples") / "store", EXAMPLES)


@pytest.fixture
def store_copy(example_store_path, tmp_path) -> Path:
    """A private, writable copy of the example store."""
    target = tmp_path / "store"
    shutil.copytree(example_store_path, target)
    return target


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared (seeds and gold) is not beside the checkout")
    return SHARED


# Score tables the extraction tests computed; printed in pytest's terminal summary (also without -s).
SCORE_TABLES: list[str] = []


def pytest_terminal_summary(terminalreporter):
    if SCORE_TABLES:
        terminalreporter.section("extraction scores (../shared/score.py)")
        for table in SCORE_TABLES:
            terminalreporter.write_line(table)
